import type { AuditEntry } from '../generated/prisma/client.js';
import {
  AUDIT_PAGE_DEFAULT_SIZE,
  AUDIT_PAGE_MAX_SIZE,
  auditCursorOf,
  countAuditEntries,
  readAuditPage,
} from '../services/audit/query.js';
import { AuditEntryNode } from './audit-entry.js';
import { AuditLogFilterInput, toAuditFilter } from './audit-filter.js';
import { builder } from './builder.js';

export const AuditLogOrderEnum = builder.enumType('AuditLogOrder', {
  description:
    'The order of audit log pages. Every order is a keyset on indexed columns, so a deep page costs what the first does. A cursor belongs to the order that issued it.',
  values: {
    SEQ_DESC: { description: 'Newest first (the default).' },
    SEQ_ASC: { description: 'Oldest first, the order of the chain.' },
    EVENT_TYPE_ASC: {
      description: 'By event type name A to Z (audit_archived first), newest first within each type.',
    },
    EVENT_TYPE_DESC: {
      description: 'By event type name Z to A (unauthorized_access first), newest first within each type.',
    },
  },
});

interface AuditLogConnectionShape {
  edges: Array<{ cursor: string; node: AuditEntry }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when a caller selects totalCount. */
  totalCount: () => Promise<number>;
}

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntryNode,
      description: `The consolidated audit log: every decision and operator action, filtered, ordered by sequence number or by event type, and paged by keyset (a deep page costs what the first does). \`first\`/\`last\` default to ${AUDIT_PAGE_DEFAULT_SIZE} and take at most ${AUDIT_PAGE_MAX_SIZE}; pass one of them, not both. Bad arguments (page size out of range, a cursor this field did not issue or issued for another orderBy, \`from\` after \`to\`, an unknown event type) fail with BAD_USER_INPUT. Admin and compliance only.`,
      args: {
        filter: t.arg({
          type: AuditLogFilterInput,
          required: false,
          description: 'Which entries to return; all of them when omitted.',
        }),
        orderBy: t.arg({
          type: AuditLogOrderEnum,
          required: false,
          defaultValue: 'SEQ_DESC',
          description: 'Newest first (default), oldest first, or grouped by event type.',
        }),
      },
      resolve: async (_root, args, ctx): Promise<AuditLogConnectionShape> => {
        const filter = toAuditFilter(args.filter);
        const order = args.orderBy ?? 'SEQ_DESC';
        const includeArchived = args.filter?.includeArchived ?? false;
        const page = await readAuditPage(ctx.services, {
          includeArchived,
          filter,
          order,
          first: args.first,
          after: args.after,
          last: args.last,
          before: args.before,
        });
        const edges = page.entries.map((node) => ({ cursor: auditCursorOf(node, order), node }));
        return {
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
          },
          totalCount: () => countAuditEntries(ctx.services, filter, { includeArchived }),
        };
      },
    },
    {
      name: 'AuditEntryConnection',
      description: 'A page of audit entries.',
      edgesField: { description: 'The entries of this page, in the requested order, each with its cursor.' },
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many entries match the filter, across all pages. Counted only when selected.',
          resolve: (connection) => (connection as unknown as AuditLogConnectionShape).totalCount(),
        }),
      }),
    },
    {
      name: 'AuditEntryEdge',
      description: 'An audit entry and its cursor.',
      nodeField: { description: 'The audit entry.' },
    },
  ),
);
