import { parseAuditSeqText } from '../domain/identifiers.js';
import { badInput } from '../errors.js';
import { readChainHead } from '../services/audit/checkpoints.js';
import { auditLiveFeed } from '../services/audit/live-feed.js';
import { AuditLogFilterInput, toAuditFilter } from './audit-filter.js';
import { builder } from './builder.js';
import { SessionEnded, untilSessionEnds } from './session-bound.js';

builder.subscriptionType({
  description:
    'Live updates over Server-Sent Events: the graphql-sse protocol at /graphql/stream, or yoga SSE at /graphql.',
});

function parseAfterSeq(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const seq = parseAuditSeqText(value, { allowZero: true });
  if (seq === null)
    throw badInput('afterSeq must be a sequence number such as "1234"', { field: 'afterSeq' });
  return seq;
}

builder.subscriptionField('auditEntryAdded', (t) =>
  t.prismaField({
    type: 'AuditEntry',
    description:
      'Audit entries as they are committed, matching the same filter as `auditLog`. With `afterSeq`, first replays the stored entries after that sequence number (archived ones too with `includeArchived`), so a client that reconnects with the last sequence it saw misses nothing. Admin and compliance only.',
    args: {
      filter: t.arg({ type: AuditLogFilterInput, required: false, description: 'Which entries to send.' }),
      afterSeq: t.arg.string({
        required: false,
        description: 'Replay stored entries after this sequence number before streaming live ones.',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      const afterSeq = parseAfterSeq(args.afterSeq);
      // A position past the head would wait for entries that may never come, silently: refuse it.
      if (afterSeq !== null) {
        const head = await readChainHead(ctx.services.db.prisma);
        if (afterSeq > BigInt(head.seq)) {
          throw badInput(`afterSeq ${afterSeq} is past the newest entry (seq ${head.seq})`, {
            field: 'afterSeq',
            headSeq: String(head.seq),
          });
        }
      }
      const feed = auditLiveFeed(ctx.services).entries(
        toAuditFilter(args.filter),
        afterSeq,
        ctx.request.signal,
        { includeArchived: args.filter?.includeArchived ?? false },
      );
      return untilSessionEnds(ctx, feed) as typeof feed;
    },
    // The feed already loaded the whole row, and AuditEntry has no Prisma relations to select.
    resolve: (_query, entry: unknown) => {
      if (entry instanceof SessionEnded) throw entry.error;
      return entry as never;
    },
  }),
);
