import { Alert, Box, Button } from '@chakra-ui/react';
import { errorCodeOf } from '../relay/errors';

/** The error state of a screen: what went wrong in words and a way to try again. */
export function ErrorState({
  title = 'This could not be loaded',
  error,
  onRetry,
}: {
  title?: string;
  error: Error | null;
  onRetry?: () => void;
}) {
  const code = errorCodeOf(error);
  return (
    <Box>
      <Alert.Root status="error" role="alert">
        <Alert.Indicator />
        <Alert.Content>
          <Alert.Title>{title}</Alert.Title>
          <Alert.Description>
            {error?.message ?? 'The server did not answer.'}
            {code ? ` (${code})` : ''}
          </Alert.Description>
        </Alert.Content>
        {onRetry ? (
          <Button size="sm" variant="outline" colorPalette="red" onClick={onRetry} alignSelf="center">
            Try again
          </Button>
        ) : null}
      </Alert.Root>
    </Box>
  );
}
