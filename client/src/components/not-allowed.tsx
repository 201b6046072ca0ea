import { Box, Heading, Link, Text } from '@chakra-ui/react';
import { Link as RouterLink } from 'react-router';

/** Shown for a page the server refused (FORBIDDEN); the server has recorded the refusal in the audit log. */
export function NotAllowed() {
  return (
    <Box role="alert" data-testid="not-allowed">
      <Heading as="h1" size="2xl" mb="2">
        Not allowed
      </Heading>
      <Text mb="4">Your role does not allow this page. The attempt has been recorded in the audit log.</Text>
      <Link asChild color="blue.700" textDecoration="underline">
        <RouterLink to="/">Back to the start page</RouterLink>
      </Link>
    </Box>
  );
}
