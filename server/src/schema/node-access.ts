import { brandWithType } from '@pothos/core';
import type { Capability } from '../domain/operators/index.js';
import { can } from '../domain/operators/index.js';
import { badInput } from '../errors.js';
import type { GraphQLContext } from './context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SEQ = /^[1-9][0-9]{0,15}$/;

/**
 * Who may load each Node type through `node`/`nodes`, and what its raw id looks like. A caller without the
 * capability is never answered from the database: they get a stand-in of the type named in the id (which
 * they sent), so the type's own auth scope refuses its fields (FORBIDDEN, recorded) whether or not such a
 * row exists, and `node(id) { __typename }` tells nothing either. A malformed raw id is BAD_USER_INPUT.
 */
export const NODE_ACCESS: Record<string, { capability: Capability; rawId: RegExp }> = {
  User: { capability: 'readCustomers', rawId: CUSTOMER_ID },
  PersonaAssignment: { capability: 'readCustomers', rawId: UUID },
  Recommendation: { capability: 'readCustomers', rawId: UUID },
  ConsentRecord: { capability: 'readCustomers', rawId: UUID },
  Operator: { capability: 'readAudit', rawId: UUID },
  AuditEntry: { capability: 'readAudit', rawId: SEQ },
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
    const access = id ? NODE_ACCESS[id.typename] : undefined;
    if (!id || !access) {
      load.push(null);
      standIns.push(null);
    } else if (ctx.operator === null || !can(ctx.operator.role, access.capability)) {
      load.push(null);
      const standIn = {};
      brandWithType(standIn, id.typename as never);
      standIns.push(standIn);
    } else if (!access.rawId.test(String(id.id))) {
      throw badInput(`Not a valid ${id.typename} id`, { typename: id.typename });
    } else {
      load.push(id);
      standIns.push(null);
    }
  }
  return { load, standIns };
}
