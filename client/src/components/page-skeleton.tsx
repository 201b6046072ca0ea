import { Box, Skeleton, SkeletonText, Stack } from '@chakra-ui/react';

/** The loading state of a screen: the shape of what is coming, announced to screen readers by `label`. */
export function PageSkeleton({ label = 'Loading', rows = 6 }: { label?: string; rows?: number }) {
  return (
    <Box role="status" aria-live="polite" aria-busy="true" data-testid="page-skeleton">
      <Box as="span" srOnly>
        {label}…
      </Box>
      <Stack gap="4">
        <Skeleton height="8" width="40%" />
        <SkeletonText noOfLines={rows} gap="3" />
      </Stack>
    </Box>
  );
}
