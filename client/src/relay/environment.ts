import { type Client, createClient } from 'graphql-sse';
import {
  Environment,
  type FetchFunction,
  Network,
  Observable,
  RecordSource,
  Store,
  type SubscribeFunction,
} from 'relay-runtime';
import { notifySessionEnded } from '../session/session-events';
import { GraphQLResponseError, isSessionError } from './errors';

export const GRAPHQL_ENDPOINT = '/graphql';
export const GRAPHQL_STREAM_ENDPOINT = '/graphql/stream';

/**
 * Queries and mutations over `fetch`. Authentication is the server's httpOnly session cookie, sent because the
 * console is served from the same origin: no token ever lives in JavaScript storage.
 */
const fetchGraphQL: FetchFunction = (operation, variables) =>
  Observable.from(
    (async () => {
      const response = await fetch(GRAPHQL_ENDPOINT, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(requestBody(operation, variables)),
      });
      const json = await response.json().catch(() => {
        throw new GraphQLResponseError([
          { message: `The server answered ${response.status}`, extensions: {} },
        ]);
      });
      if (Array.isArray(json.errors) && json.errors.length > 0) {
        const error = new GraphQLResponseError(json.errors);
        // An expired or revoked session: every screen goes back to sign-in with a message.
        if (isSessionError(error)) notifySessionEnded('expired');
        // Partial data (a nullable field failed) still renders; a failed root field is an error state.
        if (json.data == null || operation.operationKind === 'mutation') throw error;
      }
      return json;
    })(),
  );

/**
 * The body of a GraphQL request: the persisted document's id (relay-compiler's manifest, which the server loads),
 * so the server can run only the console's own documents; the text only for a document that was not persisted.
 */
export function requestBody(
  operation: { id?: string | null; text?: string | null; name: string },
  variables: Record<string, unknown>,
) {
  return operation.id
    ? { documentId: operation.id, operationName: operation.name, variables }
    : { query: operation.text, operationName: operation.name, variables };
}

/**
 * The body of a graphql-sse request (`/graphql/stream`): graphql-sse needs the document text, which relay-compiler
 * keeps beside the id; a locked-down server checks that the text is one of the persisted documents.
 */
export function streamRequestBody(
  operation: { text?: string | null; name: string },
  variables: Record<string, unknown>,
) {
  return { query: operation.text ?? '', operationName: operation.name, variables };
}

let sseClient: Client | null = null;

/** Subscriptions over graphql-sse (`/graphql/stream`), one shared connection, authenticated by the same cookie. */
const subscribe: SubscribeFunction = (operation, variables) =>
  Observable.create((sink) => {
    sseClient ??= createClient({
      url: GRAPHQL_STREAM_ENDPOINT,
      credentials: 'same-origin',
      retryAttempts: Number.POSITIVE_INFINITY,
    });
    return sseClient.subscribe(streamRequestBody(operation, variables) as never, {
      next: (value) => {
        if (value.errors && value.errors.length > 0 && value.data == null) {
          sink.error(new GraphQLResponseError(value.errors as never));
        } else {
          sink.next(value as never);
        }
      },
      error: (error) => sink.error(error instanceof Error ? error : new Error(String(error))),
      complete: () => sink.complete(),
    });
  });

export function createEnvironment(): Environment {
  return new Environment({
    network: Network.create(fetchGraphQL, subscribe),
    store: new Store(new RecordSource()),
  });
}
