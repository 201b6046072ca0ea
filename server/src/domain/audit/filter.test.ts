import { describe, expect, it } from 'vitest';
import { auditFilterProblems, matchesAuditFilter } from './filter.js';

const entry = {
  eventType: 'login_attempt',
  userId: null,
  operatorId: 'op-1',
  recommendationId: null,
  occurredAt: new Date('2026-01-15T10:00:00.000Z'),
};

describe('audit filter', () => {
  it('matches when every criterion holds', () => {
    expect(
      matchesAuditFilter(entry, {
        eventTypes: ['login_attempt', 'operator_action'],
        operatorId: 'op-1',
        from: new Date('2026-01-15T10:00:00.000Z'),
        to: new Date('2026-01-15T10:00:00.000Z'),
      }),
    ).toBe(true);
  });

  it('rejects on any criterion', () => {
    expect(matchesAuditFilter(entry, { eventTypes: ['operator_action'] })).toBe(false);
    expect(matchesAuditFilter(entry, { operatorId: 'op-2' })).toBe(false);
    expect(matchesAuditFilter(entry, { userId: 'usr_000001' })).toBe(false);
    expect(matchesAuditFilter(entry, { from: new Date('2026-01-15T10:00:00.001Z') })).toBe(false);
    expect(matchesAuditFilter(entry, { to: new Date('2026-01-15T09:59:59.999Z') })).toBe(false);
  });

  it('reports from after to and an empty type list', () => {
    expect(auditFilterProblems({ from: new Date('2026-02-01'), to: new Date('2026-01-01') })).toEqual([
      'from must not be after to',
    ]);
    expect(auditFilterProblems({ eventTypes: [] })).toEqual(['eventTypes must not be empty when given']);
    expect(auditFilterProblems({ from: new Date('2026-01-01'), to: new Date('2026-01-01') })).toEqual([]);
  });
});
