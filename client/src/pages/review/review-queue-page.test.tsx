import { act, configure, fireEvent, screen, within } from '@testing-library/react';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import ReviewQueuePage from './review-queue-page';

function item(id: string, title: string, status = 'PENDING_REVIEW') {
  return {
    id,
    title,
    body: `Body of ${title}`,
    kind: 'PARTNER_OFFER',
    rationale: 'Because your card ending in 4523 is at 68% utilization.',
    status,
    window: 'D30',
    personaId: 'high_utilization',
    stoppedAt: 'TONE',
    createdAt: '2026-12-01T10:00:00.000Z',
    reviewedAt: null,
    reviewJustification: null,
    reviewedBy: null,
    citedFacts: [
      { name: 'account_mask', value: '4523' },
      { name: 'utilization_pct', value: 68 },
    ],
    guardrailResults: [
      { stage: 'CONSENT', pass: true, reason: null },
      { stage: 'ELIGIBILITY', pass: true, reason: null },
      { stage: 'TONE', pass: false, reason: 'warning pressure: "act now"' },
    ],
    user: { id: 'VXNlcjox', customerId: 'usr_000001', name: 'Dana Garcia' },
    assignment: { persona: { name: 'High Utilization' } },
  };
}

function resolveQueue(
  environment: ReturnType<typeof renderWithRelay>['environment'],
  items: ReturnType<typeof item>[],
  role = 'REVIEWER',
) {
  act(() =>
    environment.mock.resolveMostRecentOperation((operation) =>
      MockPayloadGenerator.generate(operation, {
        Query: () => ({ viewer: { role } }),
        ReviewQueueConnection: () => ({
          totalCount: items.length,
          edges: items.map((node) => ({ cursor: node.id, node })),
          pageInfo: { hasNextPage: false, endCursor: null },
        }),
      }),
    ),
  );
}

// Role queries over a whole page are slow in happy-dom on a busy machine: wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });

describe('review queue page', () => {
  it('shows a skeleton, then each item with content, rationale, cited signals, persona and guardrails', {
    timeout: 60_000,
  }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    expect(environment.mock.getMostRecentOperation().request.variables['filter']).toEqual({
      statuses: ['PENDING_REVIEW'],
    });
    resolveQueue(environment, [item('r1', 'Balance transfer card')]);
    const card = await screen.findByRole('article', { name: 'Balance transfer card' });
    expect(within(card).getByText('Body of Balance transfer card')).toBeTruthy();
    expect(within(card).getByText(/ending in 4523 is at 68%/)).toBeTruthy();
    expect(within(card).getByText('utilization pct: 68')).toBeTruthy();
    expect(within(card).getByText(/persona High Utilization/)).toBeTruthy();
    expect(within(card).getByText('tone: warning pressure: "act now"')).toBeTruthy();
    // Reviewers approve and flag; only administrators override.
    expect(within(card).getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Override…' })).toBeNull();
  });

  it('shows a viewer the queue to read, with nothing to act on', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    resolveQueue(environment, [item('r1', 'Balance transfer card')], 'VIEWER');
    const card = await screen.findByRole('article', { name: 'Balance transfer card' });
    expect(within(card).getByText('Body of Balance transfer card')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Flag…' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('takes its filters from the URL', () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, {
      path: '/review?show=both&stoppedAt=eligibility',
    });
    expect(environment.mock.getMostRecentOperation().request.variables['filter']).toEqual({
      statuses: ['PENDING_REVIEW', 'FLAGGED'],
      stoppedAt: 'ELIGIBILITY',
    });
  });

  it('says so when nothing waits', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    resolveQueue(environment, []);
    expect(await screen.findByText('Nothing to review')).toBeTruthy();
  });

  it('shows the error with a retry that asks again', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([
          { message: 'Database unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]),
      ),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    resolveQueue(environment, []);
    expect(await screen.findByText('Nothing to review')).toBeTruthy();
  });

  it('flags with a justification; the item leaves the queue when the answer arrives', {
    timeout: 60_000,
  }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    resolveQueue(environment, [item('r1', 'Balance transfer card'), item('r2', 'Budget template')]);
    const card = await screen.findByRole('article', { name: 'Balance transfer card' });
    fireEvent.click(within(card).getByRole('button', { name: 'Flag…' }));
    const confirm = within(card).getByRole('button', { name: 'Confirm flag' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(card).getByRole('textbox'), { target: { value: 'Pushy wording' } });
    fireEvent.click(confirm);
    const mutation = environment.mock.getMostRecentOperation();
    expect(mutation.request.variables['input']).toEqual({
      id: 'r1',
      action: 'FLAG',
      justification: 'Pushy wording',
    });
    act(() =>
      environment.mock.resolve(mutation, {
        data: {
          reviewRecommendation: {
            id: 'r1',
            status: 'FLAGGED',
            reviewedAt: '2026-12-01T11:00:00.000Z',
            reviewJustification: 'Pushy wording',
            reviewedBy: { id: 'op1', displayName: 'Riley Reviewer' },
          },
        },
      }),
    );
    expect(await screen.findByText('Flagged: Balance transfer card')).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Balance transfer card' })).toBeNull();
    expect(screen.getByText(/1 in the queue · 1 decided just now/)).toBeTruthy();
  });

  it('approves the selected items in one batch', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<ReviewQueuePage />, { path: '/review' });
    resolveQueue(environment, [item('r1', 'Balance transfer card'), item('r2', 'Budget template')], 'ADMIN');
    await screen.findByRole('article', { name: 'Budget template' });
    expect(screen.getAllByRole('button', { name: 'Override…' })).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Select all 2 shown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Approve 2 selected' }));
    const mutation = environment.mock.getMostRecentOperation();
    expect(mutation.request.variables['input']).toEqual({ ids: ['r1', 'r2'], action: 'APPROVE' });
    act(() =>
      environment.mock.resolve(mutation, {
        data: {
          reviewRecommendations: ['r1', 'r2'].map((id) => ({
            id,
            status: 'APPROVED',
            reviewedAt: '2026-12-01T11:00:00.000Z',
            reviewedBy: { id: 'op2', displayName: 'Avery Admin' },
          })),
        },
      }),
    );
    expect(await screen.findByText('Approved 2 recommendations.')).toBeTruthy();
    expect(screen.getByText('Nothing to review')).toBeTruthy();
  });
});
