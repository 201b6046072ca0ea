import { STATUS_CODES } from 'node:http';
import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import { type ExecutionResult, type GraphQLError, getOperationAST } from 'graphql';
import type { Response as SSEResponse } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/fetch';
import { createGraphQLError, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { PERSISTED_ONLY_MESSAGE, type PersistedDocumentsPolicy } from './persisted-documents.js';

/**
 * The GraphQL over Server-Sent Events protocol (https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md)
 * on `endpoint`, executed through yoga's own envelop (so auth, masking and audit plugins all apply).
 *
 * This follows @graphql-yoga/plugin-graphql-sse with one difference: graphql-sse 2.6 recognises an execution
 * result only when it has a `data` key, and an error-only result (a refused subscription, a validation error)
 * is then misread as execution arguments and answered "Unable to detect operation AST". Adding `data: null`
 * lets such errors reach the client as GraphQL errors with their `extensions.code`.
 */
export function useGraphQLSSEProtocol(
  endpoint = '/graphql/stream',
  persisted?: PersistedDocumentsPolicy,
  /** Waits for the audit writes the request started; a refusal it returns replaces the result. */
  settle?: (request: Request) => Promise<GraphQLError | null>,
): Plugin<YogaInitialContext> {
  const serverContexts = new WeakMap<Request, unknown>();
  let handler: (request: Request) => Promise<Response>;
  return {
    onYogaInit({ yoga }) {
      handler = createHandler(
        {
          onSubscribe(req, params) {
            const enveloped = yoga.getEnveloped({
              ...(serverContexts.get(req.raw) as object),
              request: req.raw,
              params,
            } as never);
            // graphql-sse requests carry the document text: a locked-down server runs only the persisted ones.
            if (
              persisted &&
              !persisted.allowArbitraryDocuments &&
              !persisted.documents.includes(params.query)
            ) {
              return {
                data: null,
                errors: [
                  createGraphQLError(PERSISTED_ONLY_MESSAGE, {
                    extensions: { code: 'PERSISTED_QUERY_ONLY' },
                  }),
                ],
              };
            }
            const document = enveloped.parse(params.query);
            const errors = enveloped.validate(enveloped.schema, document);
            if (errors.length > 0) return { data: null, errors };
            return handleMaybePromise(
              () => enveloped.contextFactory(),
              (contextValue) => {
                const args = {
                  schema: enveloped.schema,
                  document,
                  contextValue,
                  variableValues: params.variables,
                  operationName: params.operationName,
                };
                const operation = getOperationAST(document, params.operationName);
                const run = operation?.operation === 'subscription' ? enveloped.subscribe : enveloped.execute;
                return handleMaybePromise(
                  () => run(args),
                  async (result) => {
                    // A refused subscription records its denial; answer only once that entry is committed.
                    const refused = await settle?.(req.raw);
                    if (refused) {
                      void (result as Partial<AsyncGenerator>).return?.(undefined);
                      return refusalResponse([refused]);
                    }
                    const outcome = result as ExecutionResult | AsyncIterable<ExecutionResult>;
                    return isRefusal(outcome) ? refusalResponse(outcome.errors) : withData(outcome);
                  },
                );
              },
            );
          },
        },
        yoga.fetchAPI,
      ) as unknown as (request: Request) => Promise<Response>;
    },
    onRequest({ request, endResponse, serverContext }) {
      const [path] = request.url.split('?');
      if (path?.endsWith(endpoint)) {
        serverContexts.set(request, serverContext);
        return handleMaybePromise(() => handler(request), endResponse);
      }
    },
  };
}

/**
 * Whether a result refuses the request as a whole: no data, and an error carrying an HTTP status of 400 or
 * more (RATE_LIMITED's 429, QUERY_TOO_COMPLEX's 400).
 */
function isRefusal(
  result: ExecutionResult | AsyncIterable<ExecutionResult>,
): result is ExecutionResult & { errors: readonly GraphQLError[] } {
  if (Symbol.asyncIterator in result || result.data != null || !result.errors) return false;
  return result.errors.some((error) => (httpOf(error)?.status ?? 0) >= 400);
}

/**
 * A refusal answered with its status (the highest among its errors) and headers (Retry-After) and the
 * errors as JSON, before any event stream opens, as /graphql answers it: GraphQL over HTTP uses 4xx for a
 * request refused outright. The `http` extension itself is not sent (yoga strips it on /graphql too).
 */
function refusalResponse(errors: readonly GraphQLError[]): SSEResponse {
  const status = Math.max(400, ...errors.map((error) => httpOf(error)?.status ?? 0));
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  for (const error of errors) Object.assign(headers, httpOf(error)?.headers);
  const body = errors.map((error) => {
    const { http: _http, ...extensions } = error.extensions ?? {};
    return { ...error.toJSON(), extensions };
  });
  return [JSON.stringify({ errors: body }), { status, statusText: STATUS_CODES[status] ?? '', headers }];
}

function httpOf(error: GraphQLError): { status?: number; headers?: Record<string, string> } | undefined {
  return error.extensions?.['http'] as { status?: number; headers?: Record<string, string> } | undefined;
}

function withData<T extends ExecutionResult | AsyncIterable<ExecutionResult>>(result: T): T {
  if (Symbol.asyncIterator in (result as object)) return result;
  const single = result as ExecutionResult;
  return ('data' in single ? single : { ...single, data: null }) as T;
}
