import { act, configure, fireEvent, screen, within } from '@testing-library/react';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import CustomersPage from './customers-page';

// Role queries over a whole page are slow in happy-dom on a busy machine: wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });

const ADA = {
  id: 'VXNlcjox',
  customerId: 'usr_000001',
  name: 'Ada Lovelace',
  d30: { personaId: 'high_utilization', persona: { name: 'High Utilization' } },
  d180: { personaId: 'unclassified', persona: null },
};

function resolveUsers(
  environment: ReturnType<typeof renderWithRelay>['environment'],
  users: Array<typeof ADA>,
  hasNextPage = false,
) {
  act(() =>
    environment.mock.resolveMostRecentOperation((operation) =>
      MockPayloadGenerator.generate(operation, {
        UserConnection: () => ({
          totalCount: users.length + (hasNextPage ? 20 : 0),
          edges: users.map((node) => ({ cursor: node.id, node })),
          pageInfo: { hasNextPage, endCursor: 'next' },
        }),
      }),
    ),
  );
}

describe('customers page', () => {
  it('shows a skeleton while loading, then the customers with both personas', {
    timeout: 60_000,
  }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers' });
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    resolveUsers(environment, [ADA], true);
    const link = await screen.findByRole('link', { name: 'Ada Lovelace' });
    expect(link.getAttribute('href')).toBe('/customers/VXNlcjox');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('High Utilization')).toBeTruthy();
    expect(within(row).getByText('Unclassified')).toBeTruthy();
    // The next page continues after the last cursor.
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more' }));
    const next = environment.mock.getMostRecentOperation();
    expect(next.request.variables).toMatchObject({ cursor: 'next', count: 20 });
  });

  it('searches by name or customer id, with the term in the URL', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers?q=lovelace' });
    expect(environment.mock.getMostRecentOperation().request.variables['search']).toBe('lovelace');
    resolveUsers(environment, [ADA]);
    expect(await screen.findByText('1 customer match "lovelace" · showing 1')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name or customer id'), { target: { value: 'usr_0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(environment.mock.getMostRecentOperation().request.variables['search']).toBe('usr_0000');
  });

  it('says so when nobody matches', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers?q=zzz' });
    resolveUsers(environment, []);
    expect(await screen.findByText('No customer matches')).toBeTruthy();
  });

  it('says so when there are no customers', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers' });
    resolveUsers(environment, []);
    expect(await screen.findByText('No customers yet')).toBeTruthy();
  });

  it('shows the error with a retry that asks again', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers' });
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([
          { message: 'Database unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]),
      ),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    resolveUsers(environment, []);
    expect(await screen.findByText('No customers yet')).toBeTruthy();
  });

  it('shows "Not allowed" when the server refuses the role', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<CustomersPage />, { path: '/customers' });
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([{ message: 'Not authorized', extensions: { code: 'FORBIDDEN' } }]),
      ),
    );
    expect(await screen.findByText('Not allowed')).toBeTruthy();
  });
});
