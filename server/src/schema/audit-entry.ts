import { parseAuditSeqText } from '../domain/identifiers.js';
import { badInput } from '../errors.js';
import { AuditEventDetailsUnion, detailsOf } from './audit-event-details.js';
import { AuditEventTypeEnum } from './audit-filter.js';
import { loadAuditReference as load } from './audit-references.js';
import { builder } from './builder.js';

/**
 * The audit log's entry type. Audit data is readable by admin and compliance only: the scope sits on the type,
 * so every path to an entry (auditLog, node(id), subscriptions) and its details is guarded.
 */

/** The seq inside an AuditEntry global ID; a malformed one is the caller's mistake, not a server error. */
function seqOfNodeId(id: string): bigint {
  const seq = parseAuditSeqText(id);
  if (seq === null) throw badInput('Not the ID of an audit entry', { argument: 'id' });
  return seq;
}

export const AuditEntryNode = builder.prismaNode('AuditEntry', {
  description:
    'One entry of the tamper-evident audit log: what happened, to whom, by whom, when, and its place in the hash chain. Admin and compliance only.',
  id: { field: 'seq', description: 'Opaque global ID, for node(id).' },
  findUnique: (id) => ({ seq: seqOfNodeId(id) }),
  // node(id) of a seq that does not exist answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    sequence: t.string({
      description:
        'Gapless position in the chain, from 1, as a decimal string: a 64-bit integer, beyond GraphQL Int and past what JSON numbers hold exactly.',
      resolve: (entry) => entry.seq.toString(),
    }),
    logId: t.exposeString('logId', { description: 'The entry\'s own UUID (the "log id" of exports).' }),
    eventType: t.expose('eventType', { type: AuditEventTypeEnum, description: 'What the entry records.' }),
    occurredAt: t.expose('occurredAt', {
      type: 'DateTime',
      description: 'When it happened (UTC, milliseconds).',
    }),
    customerId: t.exposeString('userId', {
      nullable: true,
      description: 'The customer id as recorded (e.g. usr_000042), also when the customer no longer exists.',
    }),
    operatorUuid: t.exposeString('operatorId', {
      nullable: true,
      description:
        'The operator id as recorded (a UUID, as hashed and exported), also when the operator no longer exists.',
    }),
    recommendationUuid: t.exposeString('recommendationId', {
      nullable: true,
      description:
        'The recommendation id as recorded (a UUID, as hashed and exported), also when it no longer exists.',
    }),
    user: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The customer the entry is about; null when none, or when that customer no longer exists.',
      resolve: (query, entry, _args, ctx) => load.user(ctx, query, entry.userId),
    }),
    operator: t.prismaField({
      type: 'Operator',
      nullable: true,
      description: 'The operator who acted; null for system decisions and anonymous requests.',
      resolve: (query, entry, _args, ctx) => load.operator(ctx, query, entry.operatorId),
    }),
    recommendation: t.prismaField({
      type: 'Recommendation',
      nullable: true,
      description: 'The recommendation the entry is about, if any.',
      resolve: (query, entry, _args, ctx) => load.recommendation(ctx, query, entry.recommendationId),
    }),
    ipAddress: t.exposeString('ipAddress', {
      nullable: true,
      description: 'Client address of operator and security events, as recorded.',
    }),
    userAgent: t.exposeString('userAgent', {
      nullable: true,
      description: 'Client user agent, as recorded.',
    }),
    eventData: t.field({
      type: 'JSON',
      description: 'The event data exactly as stored and hashed (snake_case keys).',
      resolve: (entry) => entry.eventData,
    }),
    details: t.field({
      type: AuditEventDetailsUnion,
      nullable: true,
      description:
        "The event data as a typed object for the entry's event type; null when the stored data does not fit that type (verification reports such an entry).",
      resolve: (entry) => detailsOf(entry),
    }),
    contentHash: t.exposeString('contentHash', {
      description: "sha256 (hex) of the RFC 8785 canonical JSON of the entry's nine content fields.",
    }),
    prevHash: t.exposeString('prevHash', {
      description: "The previous entry's hash; 64 zeros for the first entry.",
    }),
    hash: t.exposeString('hash', {
      description: 'sha256(prevHash + ":" + sequence + ":" + contentHash), hex.',
    }),
  }),
});
