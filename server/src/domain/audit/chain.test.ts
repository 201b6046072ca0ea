import { describe, expect, it } from 'vitest';
import { CHAIN_HASH_SQL, chainHash, GENESIS_HASH, GENESIS_HEAD, sealAuditEntry } from './chain.js';
import {
  type AuditEntryContent,
  auditContentProblem,
  auditTimestamp,
  canonicalAuditContent,
  contentHash,
  isAuditTimestamp,
} from './entry.js';

const consentChange: AuditEntryContent = {
  logId: 'log_1',
  eventType: 'consent_changed',
  userId: 'user_001',
  operatorId: null,
  recommendationId: null,
  occurredAt: '2026-11-22T07:02:49.123Z',
  eventData: { old_status: 'opted_out', new_status: 'opted_in', consent_version: '1.0', changed_via: 'web' },
  ipAddress: null,
  userAgent: 'Zoë’s browser €',
};

// Computed outside JavaScript (Python hashlib over the UTF-8 bytes of the canonical text below).
const CONSENT_CHANGE_CANONICAL =
  '{"eventData":{"changed_via":"web","consent_version":"1.0","new_status":"opted_in","old_status":"opted_out"},' +
  '"eventType":"consent_changed","ipAddress":null,"logId":"log_1","occurredAt":"2026-11-22T07:02:49.123Z",' +
  '"operatorId":null,"recommendationId":null,"userAgent":"Zoë’s browser €","userId":"user_001"}';
const CONSENT_CHANGE_CONTENT_HASH = '9ec97d64793498fccfdd0f74162efd231e0b9e5bfaf00289f1ca32b4cf7be8f7';
const CONSENT_CHANGE_CHAIN_HASH_AT_SEQ_1 = '5dbea0b80ef9f5ad0a36d73366c183686687ad7be38be07e6af242b54d06980c';

describe('contentHash', () => {
  it('hashes the canonical JSON of the nine content fields as UTF-8', () => {
    expect(canonicalAuditContent(consentChange)).toBe(CONSENT_CHANGE_CANONICAL);
    expect(contentHash(consentChange)).toBe(CONSENT_CHANGE_CONTENT_HASH);
  });

  it('ignores everything that is not content (seq, hashes, database columns)', () => {
    const stored = { ...consentChange, seq: 7, contentHash: 'x', prevHash: 'y', hash: 'z', createdAt: 1 };
    expect(contentHash(stored)).toBe(CONSENT_CHANGE_CONTENT_HASH);
  });

  it('does not depend on the key order of event data', () => {
    const reordered = {
      ...consentChange,
      eventData: {
        changed_via: 'web',
        new_status: 'opted_in',
        consent_version: '1.0',
        old_status: 'opted_out',
      },
    };
    expect(contentHash(reordered)).toBe(CONSENT_CHANGE_CONTENT_HASH);
  });

  it.each<[string, Partial<AuditEntryContent>]>([
    ['logId', { logId: 'log_2' }],
    ['eventType', { eventType: 'operator_action' }],
    ['userId', { userId: 'user_002' }],
    ['operatorId', { operatorId: 'op_admin_001' }],
    ['recommendationId', { recommendationId: 'rec_1' }],
    ['occurredAt (one millisecond)', { occurredAt: '2026-11-22T07:02:49.124Z' }],
    ['eventData', { eventData: { ...consentChange.eventData, consent_version: '1.1' } }],
    ['ipAddress', { ipAddress: '127.0.0.1' }],
    ['userAgent', { userAgent: null }],
  ])('changes when %s changes', (_field, change) => {
    expect(contentHash({ ...consentChange, ...change })).not.toBe(CONSENT_CHANGE_CONTENT_HASH);
  });

  it('tells null from an empty string', () => {
    expect(contentHash({ ...consentChange, ipAddress: '' })).not.toBe(CONSENT_CHANGE_CONTENT_HASH);
  });

  it.each([
    ['without milliseconds', '2026-11-22T07:02:49Z'],
    ['with microseconds', '2026-11-22T07:02:49.123000Z'],
    ['with an offset', '2026-11-22T07:02:49.123+00:00'],
    ['with an impossible date', '2026-02-30T07:02:49.123Z'],
    ['with an impossible hour', '2026-11-22T24:00:00.000Z'],
  ])('refuses an occurredAt %s, which would hash differently from the same instant', (_case, occurredAt) => {
    expect(auditContentProblem({ ...consentChange, occurredAt })).toBe(
      `occurredAt must be a UTC timestamp with milliseconds like 2026-11-22T07:02:49.123Z, got "${occurredAt}"`,
    );
    expect(() => contentHash({ ...consentChange, occurredAt })).toThrow(TypeError);
  });

  it.each([
    ['an undefined userId', { userId: undefined }, 'userId must be a string or null'],
    ['an empty logId', { logId: '' }, 'logId must be a non-empty string'],
    ['event data that is an array', { eventData: [] }, 'eventData must be a JSON object'],
    [
      'event data with NaN',
      { eventData: { x: Number.NaN } },
      'eventData: non-finite number NaN has no JSON form at $.x',
    ],
  ])('refuses %s', (_case, change, problem) => {
    expect(auditContentProblem({ ...consentChange, ...change })).toBe(problem);
  });

  it('accepts well-formed content', () => {
    expect(auditContentProblem(consentChange)).toBeNull();
  });
});

describe('auditTimestamp', () => {
  it('writes UTC with exactly three fraction digits', () => {
    expect(auditTimestamp(new Date(Date.UTC(2026, 10, 22, 7, 2, 49, 5)))).toBe('2026-11-22T07:02:49.005Z');
    expect(isAuditTimestamp('2026-11-22T07:02:49.005Z')).toBe(true);
  });

  it('refuses an invalid Date', () => {
    expect(() => auditTimestamp(new Date(Number.NaN))).toThrow('auditTimestamp: invalid Date');
  });
});

describe('chainHash', () => {
  it('keeps the SQL expression the database uses', () => {
    expect(CHAIN_HASH_SQL).toBe(
      "encode(sha256(convert_to(prev || ':' || seq::text || ':' || content_hash, 'UTF8')), 'hex')",
    );
  });

  it('agrees with PostgreSQL 15 and PGlite evaluating CHAIN_HASH_SQL', () => {
    // SELECT <CHAIN_HASH_SQL> FROM (SELECT repeat('f',64) AS prev, 500::bigint AS seq, repeat('e',64) AS content_hash)
    expect(chainHash('f'.repeat(64), 500, 'e'.repeat(64))).toBe(
      '4f64b3ba6cfb7c2dfb71f361780dacd6a507c855747139f5832a8f5750a2edb8',
    );
    // Same, with the genesis hash, seq 2^53 - 1 and sha256('{"a":1}').
    expect(
      chainHash(
        GENESIS_HASH,
        Number.MAX_SAFE_INTEGER,
        '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
      ),
    ).toBe('0d02ecd615c323d4a176c17d18a41afc65aadef170ecc6224f976ecd7e29d33b');
  });

  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(chainHash(GENESIS_HASH, 1, CONSENT_CHANGE_CONTENT_HASH)).toBe(CONSENT_CHANGE_CHAIN_HASH_AT_SEQ_1);
  });

  it.each([
    ['seq 0', GENESIS_HASH, 0, CONSENT_CHANGE_CONTENT_HASH],
    ['a fractional seq', GENESIS_HASH, 1.5, CONSENT_CHANGE_CONTENT_HASH],
    ['seq 2^53', GENESIS_HASH, 2 ** 53, CONSENT_CHANGE_CONTENT_HASH],
    ['an uppercase prev hash', 'A'.repeat(64), 1, CONSENT_CHANGE_CONTENT_HASH],
    ['a 63-character content hash', GENESIS_HASH, 1, 'a'.repeat(63)],
  ])('refuses %s', (_case, prev, seq, content) => {
    expect(() => chainHash(prev, seq, content)).toThrow(/^chainHash: /);
  });
});

describe('sealAuditEntry', () => {
  it('links an entry after the head it is given', () => {
    const first = sealAuditEntry(consentChange, GENESIS_HEAD);
    expect(first).toEqual({
      ...consentChange,
      seq: 1,
      contentHash: CONSENT_CHANGE_CONTENT_HASH,
      prevHash: GENESIS_HASH,
      hash: CONSENT_CHANGE_CHAIN_HASH_AT_SEQ_1,
    });
    const second = sealAuditEntry({ ...consentChange, logId: 'log_2' }, { seq: 1, hash: first.hash });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(chainHash(first.hash, 2, contentHash(second)));
  });
});
