import { Button, type ButtonProps } from '@chakra-ui/react';
import { useTransition } from 'react';

interface ShowMoreButtonProps extends Omit<ButtonProps, 'onClick' | 'loading'> {
  /** From `usePaginationFragment`: whether there is a next page, whether it is loading, and how to load it. */
  hasNext: boolean;
  isLoadingNext: boolean;
  loadNext: (count: number) => unknown;
  pageSize: number;
}

/**
 * The footer of a paged list: "Show N more" while there is a next page. The next page loads in a transition,
 * so the rows already shown stay on screen instead of falling back to the page's skeleton.
 */
export function ShowMoreButton({
  hasNext,
  isLoadingNext,
  loadNext,
  pageSize,
  ...buttonProps
}: ShowMoreButtonProps) {
  const [, startTransition] = useTransition();
  if (!hasNext) return null;
  return (
    <Button
      variant="outline"
      {...buttonProps}
      loading={isLoadingNext}
      onClick={() =>
        startTransition(() => {
          loadNext(pageSize);
        })
      }
    >
      Show {pageSize} more
    </Button>
  );
}
