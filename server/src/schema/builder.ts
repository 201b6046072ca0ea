import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { type Capability, can } from '../domain/operators/index.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { GraphQLContext } from './context.js';

/**
 * The schema builder: plugins, scalars and auth scopes only. Types live one per file next to this one.
 * Scopes name capabilities from the operator domain, so who-may-do-what is decided in one place.
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
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
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
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when it does not exist or may not be read.',
      args: { id: { description: 'A global ID returned by this API.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by global ID, in order; null for each that does not exist.',
      args: { ids: { description: 'Global IDs returned by this API.' } },
    },
    defaultConnectionTypeOptions: { description: 'One page of a cursor-paginated list.' },
    defaultEdgeTypeOptions: { description: 'An item of a page with its cursor.' },
  },
});

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

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant in UTC, as an ISO 8601 string such as 2026-11-22T07:02:49.123Z.',
});
builder.addScalarType('Date', DateResolver, {
  description: 'A calendar date (UTC), as YYYY-MM-DD.',
});
builder.addScalarType('JSON', JSONResolver, { description: 'Any JSON value.' });

builder.queryType({
  description: 'Reads. Every field requires a logged-in operator unless it says otherwise.',
});
builder.mutationType({ description: 'Writes. Each one commits with its audit entry, or not at all.' });
