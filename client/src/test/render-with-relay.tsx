import { ChakraProvider } from '@chakra-ui/react';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { RelayEnvironmentProvider } from 'react-relay';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createMockEnvironment } from 'relay-test-utils';
import { QueryBoundary } from '../components/query-boundary';
import { system } from '../theme';

/**
 * Renders a page as the console does (Chakra, router, the page's QueryBoundary) against relay-test-utils'
 * mock environment; the test resolves or rejects its operations with `environment.mock`.
 */
export function renderWithRelay(
  page: ReactNode,
  { path = '/', route = '/*' }: { path?: string; route?: string } = {},
) {
  const environment = createMockEnvironment();
  const result = render(
    <ChakraProvider value={system}>
      <RelayEnvironmentProvider environment={environment}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={<QueryBoundary>{page}</QueryBoundary>} />
          </Routes>
        </MemoryRouter>
      </RelayEnvironmentProvider>
    </ChakraProvider>,
  );
  return { environment, ...result };
}
