import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { type Capability, can } from '../domain/operators/index.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { GraphQLContext } from './context.js';
import { sortNodeIds, withArchivedEntries } from './node-access.js';
import { OVERSIGHT_POLICY_PLUGIN } from './policy-plugin.js';
import { sessionEndedError } from './session-bound.js';

/**
 * The schema builder: plugins, scalars and auth scopes only. Types live one per file next to this one.
 * Scopes name capabilities from the operator domain; which field needs which is the table in policy.ts.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: { authenticated: boolean; capability: Capability };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  // The policy plugin first: it sets the scopes that scope-auth then enforces (policy.ts).
  plugins: [OVERSIGHT_POLICY_PLUGIN, ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: ctx.operator !== null,
      capability: (capability) => ctx.operator !== null && can(ctx.operator.role, capability),
    }),
    unauthorizedError: (_parent, ctx, info, result) => {
      const fieldPath = `${info.parentType.name}.${info.fieldName}`;
      ctx.recordDenial({ fieldPath, requiredScopes: requiredScopes(result.failure) });
      return ctx.operator
        ? new GraphQLError(`Not authorized to access ${fieldPath}`, { extensions: { code: 'FORBIDDEN' } })
        : ctx.sessionProblem === 'expired'
          ? sessionEndedError('expired')
          : new GraphQLError('You must be logged in', { extensions: { code: 'UNAUTHENTICATED' } });
    },
  },
  prisma: {
    client: (ctx) => ctx.services.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.POTHOS_UNUSED_QUERY === 'error' ? 'error' : null,
  },
  relay: {
    decodeGlobalID,
    clientMutationId: 'omit',
    cursorType: 'String',
    // Every connection, edge and page argument documents itself the same way (the schema test requires a
    // description on every type, field, argument and enum value).
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item: pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page sits: cursors and whether more pages exist.' },
    pageInfoTypeOptions: { description: 'Position of a page in a cursor-paginated list.' },
    hasNextPageFieldOptions: { description: 'True when items exist after this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items exist before this page.' },
    startCursorFieldOptions: {
      description: 'Cursor of the first item of this page; null for an empty page.',
    },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page; null for an empty page.' },
    firstArgOptions: { description: 'Page size, reading forward from `after` (or from the start).' },
    afterArgOptions: { description: 'Read the items after this cursor (from a previous page).' },
    lastArgOptions: { description: 'Page size, reading backward from `before` (or from the end).' },
    beforeArgOptions: { description: 'Read the items before this cursor (from a previous page).' },
    nodeTypeOptions: { description: 'An object with a globally unique ID, refetchable with `node(id:)`.' },
    idFieldOptions: { description: 'Globally unique ID of this object (opaque; use it with `node(id:)`).' },
    // Only what the caller may read, and null for anything missing: see node-access.ts.
    nodeQueryOptions: {
      description:
        'Fetches any object by its global ID; null when it does not exist, FORBIDDEN when the caller may not read its type (whether or not it exists).',
      resolve: async (_root, args, ctx, _info, resolveNode) => {
        const { load, standIns } = sortNodeIds(ctx, [args.id]);
        if (standIns[0] || !load[0]) return standIns[0] ?? null;
        const [node] = await withArchivedEntries(ctx, load, [await resolveNode(args.id)]);
        return node as never;
      },
      args: { id: { description: 'A global ID returned by this API.' } },
    },
    nodesQueryOptions: {
      description:
        'Fetches several objects by global ID, in order; null for each that does not exist (see node).',
      resolve: async (_root, args, ctx, _info, resolveNodes) => {
        const { load, standIns } = sortNodeIds(ctx, args.ids);
        const ids = args.ids as Array<{ typename: string; id: string } | null>;
        for (const [index, id] of load.entries()) ids[index] = id;
        const loaded = await withArchivedEntries(ctx, load, await resolveNodes(ids as typeof args.ids));
        return loaded.map((node, index) => standIns[index] ?? node) as never;
      },
      args: { ids: { description: 'Global IDs returned by this API.' } },
    },
    defaultConnectionTypeOptions: { description: 'One page of a cursor-paginated list.' },
    defaultEdgeTypeOptions: { description: 'An item of a page with its cursor.' },
  },
});

/**
 * Relay's default decoding, refusing what no stored id can be: no `Type:` prefix, or a NUL or unpaired
 * surrogate in the raw id (PostgreSQL cannot even compare it). PothosValidationError is BAD_USER_INPUT.
 */
function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (
    colon <= 0 ||
    !/^[A-Za-z][A-Za-z0-9]*$/.test(typename) ||
    id === '' ||
    id.includes('\u0000') ||
    id.includes('\uFFFD')
  ) {
    throw new PothosValidationError(`Invalid global ID: ${JSON.stringify(globalID.slice(0, 80))}`);
  }
  return { typename, id };
}

/** The scopes a denied request lacked, e.g. ["capability:readAudit"], for the unauthorized_access entry. */
function requiredScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return [failure.parameter === true ? failure.scope : `${failure.scope}:${String(failure.parameter)}`];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return failure.failures.flatMap(requiredScopes);
    case AuthScopeFailureType.GrantedScope:
      return [failure.scope];
    default:
      return [failure.kind];
  }
}

/**
 * The instants and dates the product can hold: 1900 to 9999. Year 0000 or 0001 parse as ISO 8601 but
 * PostgreSQL and the signal windows cannot use them, so they are refused as input (BAD_USER_INPUT).
 */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;

function inRange<T extends Date | string>(value: T): T {
  const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (!(time >= EARLIEST && time <= LATEST)) {
    throw new GraphQLError('Dates must lie between 1900-01-01 and 9999-12-31', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

function withRange<S extends typeof DateTimeResolver | typeof DateResolver>(scalar: S): S {
  const config = scalar.toConfig() as ConstructorParameters<typeof GraphQLScalarType>[0];
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => inRange(scalar.parseValue(value) as Date),
    parseLiteral: (ast, variables) => inRange(scalar.parseLiteral(ast, variables) as Date),
  }) as unknown as S;
}

builder.addScalarType('DateTime', withRange(DateTimeResolver), {
  description:
    'An instant in UTC, as an ISO 8601 string such as 2026-11-22T07:02:49.123Z (years 1900 to 9999).',
});
builder.addScalarType('Date', withRange(DateResolver), {
  description: 'A calendar date (UTC), as YYYY-MM-DD (years 1900 to 9999).',
});
builder.addScalarType('JSON', JSONResolver, { description: 'Any JSON value.' });

builder.queryType({
  description: 'Reads. Every field requires a logged-in operator unless it says otherwise.',
});
builder.mutationType({ description: 'Writes. Each one commits with its audit entry, or not at all.' });
