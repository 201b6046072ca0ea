import { Flex, Heading, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';

/** The title of a page (its one h1), a line about it, and page-level actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <Flex mb="6" gap="4" align="flex-start" justify="space-between" wrap="wrap">
      <div>
        <Heading as="h1" size="2xl">
          {title}
        </Heading>
        {description ? (
          <Text color="gray.700" mt="1">
            {description}
          </Text>
        ) : null}
      </div>
      {actions}
    </Flex>
  );
}
