import { brandWithType } from '@pothos/core';
import { isCustomerId, isUuid, parseAuditSeqText } from '../domain/identifiers.js';
import { badInput } from '../errors.js';
import { type Access, allows, NODE_POLICY } from '../policy.js';
import { readArchivedEntry } from '../services/retention/archived-query.js';
import type { GraphQLContext } from './context.js';

const isSeq = (text: string) => parseAuditSeqText(text) !== null;

/**
 * Who may load each Node type through `node`/`nodes`, and what its raw id looks like. A caller without the
 * capability is never answered from the database: they get a stand-in of the type named in the id (which
 * they sent), so the type's own auth scope refuses its fields (FORBIDDEN, recorded) whether or not such a
 * row exists, and `node(id) { __typename }` tells nothing either. A malformed raw id is BAD_USER_INPUT.
 */
export const NODE_ACCESS: Record<
  keyof typeof NODE_POLICY,
  { access: Access; rawId: (text: string) => boolean }
> = {
  User: { access: NODE_POLICY.User, rawId: isCustomerId },
  PersonaAssignment: { access: NODE_POLICY.PersonaAssignment, rawId: isUuid },
  Recommendation: { access: NODE_POLICY.Recommendation, rawId: isUuid },
  ConsentRecord: { access: NODE_POLICY.ConsentRecord, rawId: isUuid },
  Operator: { access: NODE_POLICY.Operator, rawId: isUuid },
  AuditEntry: { access: NODE_POLICY.AuditEntry, rawId: isSeq },
};

type ParsedId = { typename: string; id: string };

/** The ids to load (null where nothing must be loaded) and the stand-ins for the rest, by position. */
export function sortNodeIds(
  ctx: GraphQLContext,
  ids: ReadonlyArray<ParsedId | null>,
): { load: Array<ParsedId | null>; standIns: Array<object | null> } {
  const load: Array<ParsedId | null> = [];
  const standIns: Array<object | null> = [];
  for (const id of ids) {
    const access = id
      ? (NODE_ACCESS as Record<string, (typeof NODE_ACCESS)['User']>)[id.typename]
      : undefined;
    if (!id || !access) {
      load.push(null);
      standIns.push(null);
    } else if (!allows(access.access, ctx.operator)) {
      load.push(null);
      const standIn = {};
      brandWithType(standIn, id.typename as never);
      standIns.push(standIn);
    } else if (!access.rawId(String(id.id))) {
      throw badInput(`Not a valid ${id.typename} id`, { typename: id.typename });
    } else {
      load.push(id);
      standIns.push(null);
    }
  }
  return { load, standIns };
}

/**
 * Audit entries that left the table for a Parquet archive are still entries of the log: where the table had
 * no row for a requested AuditEntry id, the kept archives are asked (the caller was already allowed to read
 * audit data by `sortNodeIds`). Purged entries stay null.
 */
export async function withArchivedEntries(
  ctx: GraphQLContext,
  load: ReadonlyArray<ParsedId | null>,
  loaded: ReadonlyArray<unknown>,
): Promise<unknown[]> {
  return Promise.all(
    loaded.map(async (node, index) => {
      const id = load[index];
      if (node != null || id?.typename !== 'AuditEntry') return node;
      const entry = await readArchivedEntry(ctx.services, parseAuditSeqText(String(id.id)) ?? 0n);
      if (entry) brandWithType(entry, 'AuditEntry' as never);
      return entry;
    }),
  );
}
