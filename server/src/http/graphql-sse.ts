import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import { type ExecutionResult, getOperationAST } from 'graphql';
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
                    await Promise.all(
                      (contextValue as { pendingAuditWrites?: Promise<unknown>[] }).pendingAuditWrites ?? [],
                    );
                    return withData(result as ExecutionResult | AsyncIterable<ExecutionResult>);
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

function withData<T extends ExecutionResult | AsyncIterable<ExecutionResult>>(result: T): T {
  if (Symbol.asyncIterator in (result as object)) return result;
  const single = result as ExecutionResult;
  return ('data' in single ? single : { ...single, data: null }) as T;
}
