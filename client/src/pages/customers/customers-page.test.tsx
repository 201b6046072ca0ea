import { act, fireEvent, screen } from '@testing-library/react';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import CustomersPage from './customers-page';

describe('customers page', () => {
  it('shows a skeleton while loading, then the customers', async () => {
    const { environment } = renderWithRelay(<CustomersPage />);
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    act(() =>
      environment.mock.resolveMostRecentOperation((operation) =>
        MockPayloadGenerator.generate(operation, {
          UserConnection: () => ({
            totalCount: 1,
            edges: [{ node: { id: 'VXNlcjox', customerId: 'CUST-1', name: 'Ada Lovelace' } }],
          }),
        }),
      ),
    );
    expect(await screen.findByRole('link', { name: 'Ada Lovelace (CUST-1)' })).toBeTruthy();
  });

  it('says so when there are no customers', async () => {
    const { environment } = renderWithRelay(<CustomersPage />);
    act(() =>
      environment.mock.resolveMostRecentOperation((operation) =>
        MockPayloadGenerator.generate(operation, { UserConnection: () => ({ totalCount: 0, edges: [] }) }),
      ),
    );
    expect(await screen.findByText('No customers yet')).toBeTruthy();
  });

  it('shows the error with a retry that asks again', async () => {
    const { environment } = renderWithRelay(<CustomersPage />);
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([
          { message: 'Database unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]),
      ),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    act(() =>
      environment.mock.resolveMostRecentOperation((operation) =>
        MockPayloadGenerator.generate(operation, { UserConnection: () => ({ totalCount: 0, edges: [] }) }),
      ),
    );
    expect(await screen.findByText('No customers yet')).toBeTruthy();
  });

  it('shows "Not allowed" when the server refuses the role', async () => {
    const { environment } = renderWithRelay(<CustomersPage />);
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([{ message: 'Not authorized', extensions: { code: 'FORBIDDEN' } }]),
      ),
    );
    expect(await screen.findByText('Not allowed')).toBeTruthy();
  });
});
