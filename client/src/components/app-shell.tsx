import { Box, Button, Flex, HStack, Link, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSignOut } from '../mutations/use-sign-out';
import { navigationFor } from '../routes';
import { useSession } from '../session/session-provider';

/** The frame around every signed-in page: skip link, navigation for the operator's role, sign-out. */
export function AppShell({ children }: { children: ReactNode }) {
  const { operator } = useSession();
  const [signOut, signingOut] = useSignOut();
  if (!operator) return null;
  return (
    <Box minH="100vh" bg="gray.50">
      <Link
        href="#main"
        srOnly
        _focus={{ position: 'absolute', left: '2', top: '2', p: '2', bg: 'white', zIndex: 'skipLink' }}
      >
        Skip to content
      </Link>
      <Flex as="header" bg="gray.900" color="white" px="6" py="3" align="center" gap="6" wrap="wrap">
        <Text fontWeight="bold" fontSize="lg">
          SpendSense Oversight
        </Text>
        <HStack as="nav" aria-label="Main" gap="1" flex="1" wrap="wrap">
          {navigationFor(operator.role).map((route) => (
            <Link
              key={route.path}
              asChild
              px="3"
              py="1.5"
              rounded="md"
              color="white"
              _hover={{ bg: 'gray.700' }}
              css={{
                '&[aria-current=page]': { background: 'var(--chakra-colors-gray-700)', fontWeight: 600 },
              }}
            >
              <NavLink to={route.path}>{route.navLabel}</NavLink>
            </Link>
          ))}
        </HStack>
        <HStack gap="3">
          <Text fontSize="sm" data-testid="signed-in-as">
            {operator.displayName} · {operator.role.toLowerCase()}
          </Text>
          <Button
            size="sm"
            variant="outline"
            colorPalette="gray"
            color="white"
            onClick={signOut}
            loading={signingOut}
          >
            Sign out
          </Button>
        </HStack>
      </Flex>
      <Box as="main" id="main" tabIndex={-1} maxW="7xl" mx="auto" px="6" py="6">
        {children}
      </Box>
    </Box>
  );
}
