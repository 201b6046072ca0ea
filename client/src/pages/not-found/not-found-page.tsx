import { Box, Heading, Link, Text } from '@chakra-ui/react';
import { Link as RouterLink } from 'react-router';

export default function NotFoundPage() {
  return (
    <Box>
      <Heading as="h1" size="2xl" mb="2">
        Page not found
      </Heading>
      <Text mb="4">There is no page at this address.</Text>
      <Link asChild color="blue.700" textDecoration="underline">
        <RouterLink to="/">Back to the start page</RouterLink>
      </Link>
    </Box>
  );
}
