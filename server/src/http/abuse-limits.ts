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

/** The code of a refused body: 413 when too large, 400 when its length header is not a number. */
export const BODY_TOO_LARGE = 'REQUEST_TOO_LARGE';

/**
 * Refuses request bodies larger than `maxBytes` with 413 `REQUEST_TOO_LARGE`. A body that announces its length
 * is refused before it is read (node's HTTP parser never reads past a Content-Length); a chunked one, whose
 * size nobody knows in advance, is read here, counting bytes, and refused as soon as it crosses the limit,
 * so at most `maxBytes` of it is ever held. One that fits is handed on with its length, as if it had
 * announced it.
 */
function useBodySizeLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.body === null) return;
      const refuse = (status: number, code: string, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, maxBytes } }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          }),
        );
      const tooLarge = () => refuse(413, BODY_TOO_LARGE, `The request body is larger than ${maxBytes} bytes`);
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!/^\d+$/.test(length.trim())) return refuse(400, 'BAD_REQUEST', 'Content-Length is not a number');
        if (Number(length) > maxBytes) tooLarge();
        return;
      }
      const body = await readAtMost(request.body, maxBytes);
      if (body === null) return tooLarge();
      const headers = new fetchAPI.Headers(request.headers);
      headers.delete('transfer-encoding');
      headers.set('content-length', String(body.byteLength));
      setRequest(
        new fetchAPI.Request(request.url, { method: request.method, headers, body, signal: request.signal }),
      );
    },
  };
}

/** The whole stream, or null (and the stream cancelled) once it has more than `maxBytes`. */
async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
