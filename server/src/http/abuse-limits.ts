import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLSchema, getNamedType } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';

/** The GraphQL abuse limits, in one place (config.ts reads them from the environment). */
export interface AbuseLimits {
  /** Deepest field nesting of a document. */
  maxDepth: number;
  /** Aliases per document: each alias runs its field again. */
  maxAliases: number;
  /** Lexical tokens per document, checked while parsing, so a huge document is refused before it is built. */
  maxTokens: number;
  /** Estimated cost per operation (see {@link FIELD_COSTS} and connection sizes). */
  maxCost: number;
  /** Request body bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5_000,
  maxCost: 20_000,
  maxBodyBytes: 256 * 1024,
};

/**
 * Fields whose work does not show in their selection: verification re-hashes the chain (a fixed share of
 * the budget, so two per request at most), metrics aggregate the whole log.
 */
export const FIELD_COSTS: Record<string, number> = {
  'Query.auditIntegrity': 9_000,
  'Query.complianceMetrics': 2_000,
};

/** A connection costs its page size times what each node selects; a page without a size costs 20 nodes. */
const DEFAULT_PAGE_SIZE = 20;

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const fixed = FIELD_COSTS[`${type.name}.${field.name}`];
  if (fixed !== undefined) return fixed + childComplexity;
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const size = Number(args['first'] ?? args['last'] ?? DEFAULT_PAGE_SIZE);
    return 1 + (Number.isFinite(size) && size > 0 ? size : DEFAULT_PAGE_SIZE) * childComplexity;
  }
  return undefined;
};

/**
 * Depth, aliases and tokens through GraphQL Armor; cost through graphql-query-complexity, because Armor's
 * cost limit has one price for every object and cannot know that one field verifies a whole chain or that
 * a connection multiplies what it selects by its page size. Field suggestions ("Did you mean …?") are
 * blocked for every caller, so the schema cannot be mapped by an anonymous one through typos.
 */
export function useAbuseLimits(limits: AbuseLimits): Plugin[] {
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
      maxAliases: { n: limits.maxAliases },
      maxTokens: { n: limits.maxTokens },
      maxDirectives: { n: 50 },
      // Replaced by the cost model below.
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: true },
    }) as Plugin,
    useCostLimit(limits.maxCost),
    useBodySizeLimit(limits.maxBodyBytes),
  ];
}

function useCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.variableValues ?? {}, args.operationName);
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `The query costs ${cost}, more than the limit of ${maxCost}: ask for smaller pages`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
              },
            ),
          ],
        });
      }
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.variableValues ?? {}, args.operationName);
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`The subscription costs ${cost}, more than the limit of ${maxCost}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
            }),
          ],
        });
      }
    },
  };
}

export function operationCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  // Invalid variables are the executor's to report (BAD_USER_INPUT); they cost nothing here.
  try {
    return complexityOf(schema, document, variables, operationName);
  } catch {
    return 0;
  }
}

function complexityOf(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [costEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Refuses bodies larger than `maxBytes` before reading them (413), and bodies of unknown length (411). */
function useBodySizeLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
      const length = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }),
            {
              status,
              headers: { 'content-type': 'application/json' },
            },
          ),
        );
      if (length === null) {
        if (request.body !== null) refuse(411, 'A request body needs a Content-Length header');
        return;
      }
      const bytes = Number(length);
      if (!Number.isSafeInteger(bytes) || bytes < 0) return refuse(400, 'Content-Length is not a number');
      if (bytes > maxBytes) refuse(413, `The request body is larger than ${maxBytes} bytes`);
    },
  };
}
