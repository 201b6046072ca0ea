import { act, configure, fireEvent, screen, within } from '@testing-library/react';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import CustomerProfilePage from './customer-profile-page';

const USER_ID = 'VXNlcjp1c3JfMDAwMDQy';

const condition = (signal: string, operator: string, threshold: unknown, actual: unknown, held: boolean) => ({
  signal,
  signalDescription: `What ${signal} measures`,
  operator,
  threshold,
  actual,
  unit: 'percent',
  held,
  missingReason: actual === null ? 'no credit card on file' : null,
});

const highUtilization = {
  personaId: 'high_utilization',
  matched: true,
  persona: {
    id: 'UGVyc29uYTpoaWdo',
    name: 'High Utilization',
    priority: 1,
    description: 'Carries a card balance at or above half its limit.',
    educationalFocus: ['Paying down card debt'],
  },
  criteriaTree: [
    { path: '', parentPath: null, depth: 0, kind: 'ANY', held: true, condition: null },
    {
      path: 'any[0]',
      parentPath: '',
      depth: 1,
      kind: 'CONDITION',
      held: true,
      condition: condition('credit.maxUtilizationPct', '>=', 50, 62.5, true),
    },
    {
      path: 'any[1]',
      parentPath: '',
      depth: 1,
      kind: 'CONDITION',
      held: false,
      condition: condition('credit.interestCharges', '>', 0, null, false),
    },
  ],
};

const savingsBuilder = {
  personaId: 'savings_builder',
  matched: false,
  persona: {
    id: 'UGVyc29uYTo1',
    name: 'Savings Builder',
    priority: 4,
    description: 'Saving.',
    educationalFocus: ['Goals'],
  },
  criteriaTree: [
    { path: '', parentPath: null, depth: 0, kind: 'ALL', held: false, condition: null },
    {
      path: 'all[0]',
      parentPath: '',
      depth: 1,
      kind: 'CONDITION',
      held: false,
      condition: condition('credit.maxUtilizationPct', '<', 30, 62.5, false),
    },
  ],
};

function assignment(window: 'D30' | 'D180', source = 'ENGINE') {
  return {
    id: `assignment-${window}`,
    window,
    personaId: 'high_utilization',
    status: 'ASSIGNED',
    source,
    priority: 1,
    confidence: 0.87,
    assignedAt: '2026-12-01T10:00:00.000Z',
    referenceDate: '2026-11-30',
    prioritizationReason: 'Highest priority match among 2 qualifying personas (priority 1)',
    qualifyingPersonas: ['high_utilization'],
    registryVersion: 'reg-0123456789abcdef',
    assignedBy: null,
    persona: highUtilization.persona,
    evaluations: [highUtilization, savingsBuilder],
    signalSnapshot: {
      windowStart: '2026-11-01',
      referenceDate: '2026-11-30',
      readings: [
        {
          key: 'credit.maxUtilizationPct',
          description: 'Highest card utilization',
          unit: 'percent',
          value: 62.5,
          missingReason: null,
        },
        {
          key: 'savings.emergencyFundMonths',
          description: 'Months of expenses in savings',
          unit: 'months',
          value: null,
          missingReason: 'no savings account',
        },
      ],
    },
  };
}

const PERSONAS = [
  { personaId: 'high_utilization', name: 'High Utilization', priority: 1 },
  { personaId: 'savings_builder', name: 'Savings Builder', priority: 4 },
];

function resolveProfile(environment: ReturnType<typeof renderWithRelay>['environment'], role = 'REVIEWER') {
  act(() =>
    environment.mock.resolveMostRecentOperation((operation) =>
      MockPayloadGenerator.generate(operation, {
        Query: () => ({ personas: PERSONAS, viewer: { role } }),
        User: () => ({
          id: USER_ID,
          customerId: 'usr_000042',
          name: 'Dana Garcia',
          email: 'dana@example.com',
          d30: assignment('D30'),
          d180: assignment('D180'),
          personaHistory: {
            totalCount: 2,
            edges: [
              { cursor: 'a', node: { ...assignment('D30') } },
              { cursor: 'b', node: { ...assignment('D180'), id: 'older' } },
            ],
            pageInfo: { hasNextPage: false, endCursor: 'b' },
          },
        }),
      }),
    ),
  );
}

const render = () =>
  renderWithRelay(<CustomerProfilePage />, { path: `/customers/${USER_ID}`, route: '/customers/:id' });

// Role queries over a whole page are slow in happy-dom on a busy machine: wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });

describe('customer profile page', () => {
  it('shows a skeleton, then both windows side by side with the decision trace as a tree', {
    timeout: 60_000,
  }, async () => {
    const { environment } = render();
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    resolveProfile(environment);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dana Garcia' })).toBeTruthy();
    const d30 = screen.getByRole('region', { name: '30-day window' });
    const d180 = screen.getByRole('region', { name: '180-day window' });
    expect(within(d30).getByTestId('persona-D30').textContent).toBe('High Utilization');
    expect(within(d180).getByTestId('persona-D180').textContent).toBe('High Utilization');
    expect(within(d30).getByText('87 %')).toBeTruthy();
    expect(within(d30).getByText(/Highest priority match among 2/)).toBeTruthy();
    // The deciding branch: the OR group held through its first condition; the second had no data.
    const trace = within(d30).getByTestId('trace-high_utilization');
    expect(within(trace).getByRole('group', { name: 'ANY of (OR): held' })).toBeTruthy();
    expect(within(trace).getByText(/credit\.maxUtilizationPct ≥ 50 %/)).toBeTruthy();
    expect(within(trace).getByText('62.5 %')).toBeTruthy();
    expect(within(trace).getByText(/no credit card on file/)).toBeTruthy();
    expect(within(trace).getByText('✗ missing data')).toBeTruthy();
    // Signals with units, and missing ones with their reason.
    expect(within(d30).getAllByText('missing: no savings account')).toHaveLength(1);
    expect(within(d30).getAllByText('months').length).toBeGreaterThan(0);
    // History.
    expect(screen.getByText('2 assignments, newest first')).toBeTruthy();
    // A reviewer gets no override form.
    expect(screen.queryByRole('region', { name: 'Override persona' })).toBeNull();
  });

  it('says so when the customer does not exist', { timeout: 60_000 }, async () => {
    const { environment } = render();
    act(() =>
      environment.mock.resolveMostRecentOperation((operation) =>
        MockPayloadGenerator.generate(operation, {
          Query: () => ({ user: null, personas: [], viewer: null }),
        }),
      ),
    );
    expect(await screen.findByText('No such customer')).toBeTruthy();
  });

  it('shows a window without any assignment as unclassified', { timeout: 60_000 }, async () => {
    const { environment } = render();
    act(() =>
      environment.mock.resolveMostRecentOperation((operation) =>
        MockPayloadGenerator.generate(operation, {
          Query: () => ({ personas: PERSONAS, viewer: { role: 'VIEWER' } }),
          User: () => ({
            id: USER_ID,
            name: 'New Customer',
            d30: null,
            d180: null,
            personaHistory: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
          }),
        }),
      ),
    );
    expect(
      await screen.findAllByText('Unclassified: no assignment found for this time window.'),
    ).toHaveLength(2);
    expect(screen.getByText('No persona has been assigned yet.')).toBeTruthy();
  });

  it('shows the error with a retry that asks again', { timeout: 60_000 }, async () => {
    const { environment } = render();
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([
          { message: 'Database unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]),
      ),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    resolveProfile(environment);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dana Garcia' })).toBeTruthy();
  });

  it('lets an administrator override with a required justification, updating the screen from the answer', {
    timeout: 60_000,
  }, async () => {
    const { environment } = render();
    resolveProfile(environment, 'ADMIN');
    const form = await screen.findByRole('region', { name: 'Override persona' });
    fireEvent.change(within(form).getByLabelText('New persona'), { target: { value: 'savings_builder' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Override persona' }));
    expect(await within(form).findByText('A justification is required.')).toBeTruthy();
    expect(environment.mock.getAllOperations()).toHaveLength(0);

    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'Card paid off last week' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Override persona' }));
    const mutation = environment.mock.getMostRecentOperation();
    expect(mutation.request.variables['input']).toEqual({
      userId: USER_ID,
      window: 'D30',
      personaId: 'savings_builder',
      justification: 'Card paid off last week',
    });
    act(() =>
      environment.mock.resolve(
        mutation,
        MockPayloadGenerator.generate(mutation, {
          PersonaAssignment: () => ({
            ...assignment('D30', 'OVERRIDE'),
            id: 'override-1',
            personaId: 'savings_builder',
            persona: savingsBuilder.persona,
            assignedBy: { displayName: 'Avery Admin' },
          }),
        }),
      ),
    );
    expect(await within(form).findByText(/30-day window is now Savings Builder/)).toBeTruthy();
    const d30 = screen.getByRole('region', { name: '30-day window' });
    expect(within(d30).getByTestId('persona-D30').textContent).toBe('Savings Builder');
    expect(within(d30).getByText('Override')).toBeTruthy();
    expect(within(d30).getByText('Assigned by override (did not qualify)')).toBeTruthy();
    expect(within(d30).getByText('Qualified')).toBeTruthy();
    expect(screen.getByText('3 assignments, newest first')).toBeTruthy();
    expect(screen.getByText('Override by Avery Admin')).toBeTruthy();
  });
});
