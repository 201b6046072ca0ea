import { describe, expect, it } from 'vitest';
import { can, checkPasswordPolicy, lockedUntil, OPERATOR_ROLES } from './index.js';

describe('password policy', () => {
  it('accepts a long password mixing three classes', () => {
    expect(checkPasswordPolicy('correct-horse-42', 'alice')).toEqual([]);
  });

  it('rejects 11 characters and accepts 12', () => {
    expect(checkPasswordPolicy('Abcdefgh12!', 'x').map((p) => p.code)).toEqual(['too_short']);
    expect(checkPasswordPolicy('Abcdefgh123!', 'x')).toEqual([]);
  });

  it('rejects a single or two character classes', () => {
    expect(checkPasswordPolicy('abcdefghijklmnop', 'x').map((p) => p.code)).toEqual([
      'too_few_character_classes',
    ]);
    expect(checkPasswordPolicy('abcdefghij1234', 'x').map((p) => p.code)).toEqual([
      'too_few_character_classes',
    ]);
  });

  it('rejects a password containing the username', () => {
    expect(checkPasswordPolicy('Xx-Compliance-2026', 'compliance').map((p) => p.code)).toEqual([
      'contains_username',
    ]);
  });
});

describe('lockout', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const minutesAgo = (m: number, succeeded = false) => ({
    succeeded,
    at: new Date(now.getTime() - m * 60_000),
  });

  it('does not lock after four failures', () => {
    expect(
      lockedUntil(
        [1, 2, 3, 4].map((m) => minutesAgo(m)),
        now,
      ),
    ).toBeNull();
  });

  it('locks after five failures within 15 minutes until the fifth-newest ages out', () => {
    const until = lockedUntil(
      [1, 2, 3, 4, 10].map((m) => minutesAgo(m)),
      now,
    );
    expect(until?.toISOString()).toBe('2026-11-22T12:05:00.000Z');
  });

  it('ignores failures older than 15 minutes', () => {
    expect(
      lockedUntil(
        [1, 2, 3, 4, 16].map((m) => minutesAgo(m)),
        now,
      ),
    ).toBeNull();
  });

  it('a success clears earlier failures', () => {
    expect(
      lockedUntil(
        [minutesAgo(1), minutesAgo(2), minutesAgo(3, true), ...[4, 5, 6].map((m) => minutesAgo(m))],
        now,
      ),
    ).toBeNull();
  });
});

describe('roles', () => {
  it('gives audit access to compliance and admin only', () => {
    expect(['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'].map((r) => can(r as never, 'readAudit'))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('lets reviewers and admins review, only admins administer', () => {
    const table = Object.fromEntries(
      OPERATOR_ROLES.map((role) => [role, (['review', 'administer'] as const).map((c) => can(role, c))]),
    );
    expect(table).toEqual({
      VIEWER: [false, false],
      REVIEWER: [true, false],
      COMPLIANCE: [false, false],
      ADMIN: [true, true],
    });
  });
});
