import type { StoredAuditEntry } from '@spendsense/server/domain/audit/entry';
import { buildChain } from '@spendsense/server/test-support/audit-chain';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { OperationDescriptor } from 'relay-runtime';
import { MockPayloadGenerator } from 'relay-test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLResponseError } from '../../relay/errors';
import { renderWithRelay } from '../../test/render-with-relay';
import AuditLogPage from './audit-log-page';

/** An entry of a real sealed chain, as the auditLog query serves it. */
function served(entry: StoredAuditEntry) {
  return {
    id: btoa(`AuditEntry:${entry.seq}`),
    sequence: String(entry.seq),
    logId: entry.logId,
    eventType: entry.eventType.toUpperCase(),
    occurredAt: entry.occurredAt,
    customerId: entry.userId,
    operatorUuid: entry.operatorId,
    recommendationUuid: entry.recommendationId,
    eventData: entry.eventData,
    ipAddress: entry.ipAddress,
    userAgent: entry.userAgent,
    contentHash: entry.contentHash,
    prevHash: entry.prevHash,
    hash: entry.hash,
    user: null,
    operator: null,
  };
}

function resolveAll(environment: ReturnType<typeof renderWithRelay>['environment'], nodes: unknown[]) {
  for (const operation of environment.mock.getAllOperations()) {
    act(() =>
      environment.mock.resolve(
        operation,
        MockPayloadGenerator.generate(operation as OperationDescriptor, {
          AuditEntryConnection: () => ({
            totalCount: nodes.length,
            edges: nodes.map((node, index) => ({ cursor: `c${index}`, node })),
            pageInfo: { hasNextPage: false, hasPreviousPage: false },
          }),
          AuditIntegrityReport: () => ({
            valid: true,
            headSeq: '3',
            headHash: 'a'.repeat(64),
            verifiedAt: '2026-12-06T10:00:00.000Z',
            firstInvalidSeq: null,
            message: null,
            ranges: [
              { kind: 'ARCHIVED', firstSeq: '1', lastSeq: '1', rowCount: 1 },
              { kind: 'ARCHIVED', firstSeq: '2', lastSeq: '2', rowCount: 1 },
              { kind: 'ACTIVE', firstSeq: '3', lastSeq: '3', rowCount: 1 },
            ],
          }),
          Operator: () => ({ id: 'T3BlcmF0b3I6MQ==', username: 'compliance', displayName: 'Compliance' }),
        }),
      ),
    );
  }
}

const operationNamed = (environment: ReturnType<typeof renderWithRelay>['environment'], name: string) =>
  environment.mock.getAllOperations().find((operation) => operation.request.node.params.name === name)!;

describe('audit log page', () => {
  it('shows a skeleton while the log loads', () => {
    renderWithRelay(<AuditLogPage />, { path: '/audit' });
    expect(screen.getAllByTestId('page-skeleton').length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: 'Audit log' })).toBeTruthy();
  });

  it('lists the entries, re-hashes them in the browser and marks the one that was changed', async () => {
    const chain = buildChain(3, 7);
    const tampered = { ...served(chain[1]!), ipAddress: '203.0.113.66' };
    const { environment } = renderWithRelay(<AuditLogPage />, { path: '/audit' });
    resolveAll(environment, [served(chain[2]!), tampered, served(chain[0]!)]);
    await screen.findByText('3 matching entries', { exact: false }, { timeout: 5000 });
    await waitFor(
      () =>
        expect(screen.getByTestId('page-verification').textContent).toBe(
          '1 of 3 entries on this page do not verify in your browser',
        ),
      { timeout: 5000 },
    );
    const rows = screen.getAllByTestId('audit-row');
    expect(rows.map((row) => [row.dataset['sequence'], row.dataset['verified']])).toEqual([
      ['3', 'true'],
      ['2', 'false'],
      ['1', 'true'],
    ]);
    expect(screen.getAllByText(chain[0]!.eventType).length).toBeGreaterThan(0);
  });

  it('says so when nothing matches', async () => {
    const { environment } = renderWithRelay(<AuditLogPage />, { path: '/audit?types=login_attempt' });
    resolveAll(environment, []);
    expect(await screen.findByText('No audit entries match', {}, { timeout: 5000 })).toBeTruthy();
    // The filter came from the URL.
    expect((screen.getByRole('checkbox', { name: 'login_attempt' }) as HTMLInputElement).checked).toBe(true);
  });

  it('searches archived months when asked, in sequence order only, and says where the history lives', async () => {
    const { environment } = renderWithRelay(<AuditLogPage />, { path: '/audit?archived=1&sort=type-az' });
    const query = operationNamed(environment, 'auditLogPageQuery');
    // A type order cannot read archives: the view falls back to newest first.
    expect(query.request.variables).toMatchObject({ filter: { includeArchived: true }, orderBy: 'SEQ_DESC' });
    resolveAll(environment, []);
    const archived = await screen.findByRole(
      'checkbox',
      { name: 'Include archived months' },
      { timeout: 5000 },
    );
    expect((archived as HTMLInputElement).checked).toBe(true);
    const typeOrder = screen.getByRole('option', { name: /Event type A–Z/ }) as HTMLOptionElement;
    expect(typeOrder.disabled).toBe(true);
    expect((await screen.findByTestId('integrity-lifecycle')).textContent).toBe(
      'archived 2 months #1–#2 · active #3–#3',
    );
  });

  it('shows the error with a retry that asks again', async () => {
    const { environment } = renderWithRelay(<AuditLogPage />, { path: '/audit' });
    act(() =>
      environment.mock.reject(
        operationNamed(environment, 'auditLogPageQuery'),
        new GraphQLResponseError([{ message: 'Database unavailable', extensions: { code: 'UNAVAILABLE' } }]),
      ),
    );
    expect(await screen.findByText('The audit log could not be loaded', {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    resolveAll(environment, []);
    expect(await screen.findByText('No audit entries match', {}, { timeout: 5000 })).toBeTruthy();
  });
});
