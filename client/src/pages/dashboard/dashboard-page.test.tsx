import { act, configure, fireEvent, screen, within } from '@testing-library/react';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import DashboardPage, { rangeStart } from './dashboard-page';

// The charts are their own chunk, imported on first use; on a busy machine nivo takes seconds to load.
const CHARTS_CHUNK_TIMEOUT = 30_000;

const METRICS = {
  consent: {
    totalCustomers: 100,
    optedIn: 75,
    optedOut: 25,
    optInRatePct: 75,
    averageDaysToConsent: 12.5,
    monthlyTrend: [
      { month: '2026-10', optIns: 4, optOuts: 1 },
      { month: '2026-11', optIns: 6, optOuts: 2 },
    ],
  },
  eligibility: {
    totalChecks: 40,
    passRatePct: 80,
    failureReasons: [
      { reason: 'income_below_threshold', count: 5 },
      { reason: 'age_below_18', count: 3 },
    ],
  },
  tone: {
    totalValidations: 50,
    passRatePct: 90,
    criticalViolations: 2,
    violationsByCategoryAndSeverity: [
      { category: 'pressure', severity: 'critical', count: 2 },
      { category: 'pressure', severity: 'warning', count: 1 },
      { category: 'shame_based', severity: 'warning', count: 2 },
    ],
  },
  operatorActions: {
    totalActions: 12,
    averageReviewTimeSeconds: 45.3,
    overrideRatePct: 8.3,
    byOperator: [
      {
        operatorId: 'b3A6MQ==',
        count: 8,
        operator: { id: 'o1', displayName: 'Riley Reviewer', username: 'reviewer' },
      },
      { operatorId: 'b3A6Mg==', count: 4, operator: null },
    ],
  },
};

const EMPTY = {
  consent: {
    totalCustomers: 0,
    optedIn: 0,
    optedOut: 0,
    optInRatePct: null,
    averageDaysToConsent: null,
    monthlyTrend: [],
  },
  eligibility: { totalChecks: 0, passRatePct: null, failureReasons: [] },
  tone: {
    totalValidations: 0,
    passRatePct: null,
    criticalViolations: 0,
    violationsByCategoryAndSeverity: [],
  },
  operatorActions: { totalActions: 0, averageReviewTimeSeconds: null, overrideRatePct: null, byOperator: [] },
};

function resolveMetrics(environment: ReturnType<typeof renderWithRelay>['environment'], metrics: unknown) {
  act(() =>
    environment.mock.resolveMostRecentOperation((operation) =>
      MockPayloadGenerator.generate(operation, { ComplianceMetrics: () => metrics }),
    ),
  );
}

// Role queries over a whole page are slow in happy-dom on a busy machine: wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });

describe('compliance dashboard', () => {
  it('shows a skeleton, then KPI cards and every chart with its table', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<DashboardPage />, { path: '/dashboard' });
    expect(screen.getByTestId('page-skeleton')).toBeTruthy();
    expect(environment.mock.getMostRecentOperation().request.variables['from']).toBe(rangeStart(30));
    resolveMetrics(environment, METRICS);
    expect(await screen.findByText('75 %')).toBeTruthy();
    expect(screen.getByText('12.5 days')).toBeTruthy();
    expect(screen.getByText('income below threshold')).toBeTruthy();
    expect(screen.getByText('45.3 s')).toBeTruthy();
    expect(screen.getByText('8.3 %')).toBeTruthy();
    // The charts arrive in their own chunk; their tables are in the page for screen readers.
    const tone = await screen.findByRole(
      'region',
      { name: 'Tone violations by category and severity' },
      { timeout: CHARTS_CHUNK_TIMEOUT },
    );
    const rows = within(tone)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['CategoryCriticalWarning', 'pressure21', 'shame based02']);
    const operators = screen.getByRole('region', { name: 'Review actions by operator' });
    expect(
      within(operators)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['OperatorActions', 'Riley Reviewer8', 'removed operator4']);
    const consent = screen.getByRole('region', { name: 'Consent: opted in vs opted out' });
    expect(
      within(consent)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['StatusCustomers', 'Opted in75', 'Opted out25']);
    fireEvent.click(within(consent).getByRole('button', { name: 'Show table' }));
    expect(within(consent).getByRole('button', { name: 'Show chart' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('asks for the chosen range', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<DashboardPage />, { path: '/dashboard?range=all' });
    expect(environment.mock.getMostRecentOperation().request.variables['from']).toBeNull();
    resolveMetrics(environment, METRICS);
    fireEvent.click(await screen.findByRole('button', { name: '1 year' }));
    expect(environment.mock.getMostRecentOperation().request.variables['from']).toBe(rangeStart(365));
  });

  it('shows dashes and "No data" on an empty period', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<DashboardPage />, { path: '/dashboard' });
    resolveMetrics(environment, EMPTY);
    expect((await screen.findAllByText('—')).length).toBeGreaterThan(3);
    expect(
      (await screen.findAllByText('No data in this period.', {}, { timeout: CHARTS_CHUNK_TIMEOUT })).length,
    ).toBe(5);
  });

  it('shows the error with a retry that asks again', { timeout: 60_000 }, async () => {
    const { environment } = renderWithRelay(<DashboardPage />, { path: '/dashboard' });
    act(() =>
      environment.mock.rejectMostRecentOperation(
        new GraphQLResponseError([{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }]),
      ),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    resolveMetrics(environment, METRICS);
    expect(await screen.findByText('75 %')).toBeTruthy();
  });

  it('starts each range at midnight UTC', () => {
    expect(rangeStart(30, new Date('2026-12-06T23:14:00Z'))).toBe('2026-11-06T00:00:00.000Z');
    expect(rangeStart(null)).toBeNull();
  });
});
