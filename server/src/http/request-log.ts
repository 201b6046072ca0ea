import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import type { ServiceContext } from '../services/context.js';
import { classifyError, isGraphQLError } from './error-masking.js';

/** What the request line says, gathered while the request runs. */
interface RequestState {
  id: string;
  startedAt: number;
  operation?: string;
  operatorId?: string;
  /** Unexpected errors already logged (with their stacks) for this request. */
  logged: Set<unknown>;
  /** `extensions.code` of every error in the response. */
  codes: string[];
}

const stateOf = new WeakMap<Request, RequestState>();

/** Paths probed every few seconds by orchestrators and scrapers: their lines are logged at debug level. */
const PROBE_PATHS = new Set(['/livez', '/readyz', '/metrics']);

/** A caller's own request id is kept when it looks like one (so proxies' ids carry through), else a UUID. */
const INCOMING_ID = /^[\w.:-]{1,128}$/;

/** The id of a request, as logged and returned in `X-Request-Id`. */
export function requestIdOf(request: Request): string | undefined {
  return stateOf.get(request)?.id;
}

/** For routes outside GraphQL (exports): what the request line names as operation and operator. */
export function describeRequest(
  request: Request,
  details: { operation: string; operatorId?: string | null },
): void {
  const state = stateOf.get(request);
  if (!state) return;
  state.operation = details.operation;
  state.operatorId = details.operatorId ?? undefined;
}

/** For routes outside GraphQL: the error code their response carries. */
export function noteErrorCode(request: Request, code: string): void {
  stateOf.get(request)?.codes.push(code);
}

/**
 * One log line per request: request id (also sent back as `X-Request-Id`), method, path, status, duration,
 * operator, GraphQL operation and the error codes of the response. Expected errors (bad input, refused,
 * not found, rate limited, locked) appear only as codes in that line; unexpected ones get an extra line with
 * their stack. Headers, variables and bodies are never logged, so passwords, tokens and cookies cannot be.
 * Also feeds the request and error metrics.
 */
export function useRequestLog(services: ServiceContext): Plugin<GraphQLContext> {
  const { logger, metrics } = services;

  function logUnexpected(request: Request, errors: readonly unknown[] | undefined): void {
    const state = stateOf.get(request);
    for (const error of errors ?? []) {
      const { expected, original } = classifyError(error);
      if (expected || state?.logged.has(original)) continue;
      state?.logged.add(original);
      logger.error(
        { reqId: state?.id, err: original, path: isGraphQLError(error) ? error.path?.join('.') : undefined },
        'unexpected error',
      );
    }
  }

  function noteOperation(args: {
    contextValue: GraphQLContext;
    document: unknown;
    operationName?: string | null;
  }) {
    const state = stateOf.get(args.contextValue.request);
    if (!state) return;
    const operation = getOperationAST(args.document as never, args.operationName ?? undefined);
    state.operation =
      args.operationName ?? operation?.name?.value ?? `anonymous ${operation?.operation ?? 'operation'}`;
    state.operatorId = args.contextValue.operator?.id;
  }

  return {
    onRequest({ request }) {
      const incoming = request.headers.get('x-request-id');
      stateOf.set(request, {
        id: incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID(),
        startedAt: performance.now(),
        logged: new Set(),
        codes: [],
      });
    },
    onExecute({ args }) {
      noteOperation(args);
      return {
        // Runs before yoga masks errors, so the original error and its stack are still at hand.
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) logUnexpected(args.contextValue.request, result.errors);
        },
      };
    },
    onSubscribe({ args }) {
      noteOperation(args);
      return {
        onSubscribeError({ error }) {
          logUnexpected(args.contextValue.request, [error]);
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = stateOf.get(request);
      if (!state || Symbol.asyncIterator in (result as object)) return;
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      state.codes = results.flatMap((r) =>
        (r.errors ?? []).map((error) => String(error.extensions?.['code'] ?? 'GRAPHQL_ERROR')),
      );
    },
    onResponse({ request, response }) {
      const state = stateOf.get(request);
      if (!state) return;
      response.headers.set('X-Request-Id', state.id);
      const seconds = (performance.now() - state.startedAt) / 1000;
      const url = new URL(request.url);
      const codes = [...new Set(state.codes)];
      const outcome = response.status >= 400 || codes.length > 0 ? 'error' : 'ok';
      if (state.operation) {
        metrics.requestDuration.observe({ operation: state.operation, outcome }, seconds);
      }
      for (const code of state.codes) metrics.errors.inc({ code });
      const line = {
        reqId: state.id,
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Math.round(seconds * 10_000) / 10,
        operation: state.operation,
        operatorId: state.operatorId,
        outcome,
        errors: codes.length > 0 ? codes : undefined,
      };
      if (PROBE_PATHS.has(url.pathname)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
