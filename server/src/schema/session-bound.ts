import { GraphQLError } from 'graphql';
import { hashSessionToken } from '../services/operators.js';
import type { GraphQLContext } from './context.js';

/** Sent instead of an event when the subscription's session ends; the field's resolver raises its error. */
export class SessionEnded {
  constructor(readonly error: GraphQLError) {}
}

/**
 * `source` until the caller's session ends: logged out (on any instance: the logout is announced through the
 * pub/sub) or expired. The stream then sends one last event, a {@link SessionEnded} whose error the field
 * raises (UNAUTHENTICATED or SESSION_EXPIRED), and completes: a live feed never outlives the right to read it.
 */
export async function* untilSessionEnds<T>(
  ctx: GraphQLContext,
  source: AsyncIterable<T>,
): AsyncGenerator<T | SessionEnded> {
  const session = ctx.sessionToken
    ? await ctx.services.db.prisma.operatorSession.findUnique({
        where: { tokenHash: hashSessionToken(ctx.sessionToken) },
        select: { id: true, expiresAt: true },
      })
    : null;
  const iterator = source[Symbol.asyncIterator]();
  if (!session) {
    // Auth scopes already admitted the caller, so there is a session; without one there is nothing to end.
    yield* { [Symbol.asyncIterator]: () => iterator };
    return;
  }
  const endings = ctx.services.pubsub.subscribe('session:ended');
  let timer: NodeJS.Timeout | undefined;
  const ended = Promise.race([
    (async () => {
      for await (const event of endings) {
        if (event.sessionId === session.id) {
          return new SessionEnded(
            new GraphQLError('Your session has ended: log in again', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          );
        }
      }
      return null;
    })(),
    new Promise<SessionEnded>((resolve) => {
      const remaining = Math.min(session.expiresAt.getTime() - ctx.services.now().getTime(), 2 ** 31 - 1);
      timer = setTimeout(
        () =>
          resolve(
            new SessionEnded(
              new GraphQLError('Your session has expired: log in again', {
                extensions: { code: 'SESSION_EXPIRED' },
              }),
            ),
          ),
        Math.max(0, remaining),
      );
    }),
  ]);
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), ended]);
      if (next instanceof SessionEnded) {
        yield next;
        return;
      }
      if (next === null || next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    void endings.return?.();
    // Not awaited: the source may be waiting for its next entry; the request's end (its signal) stops it.
    void iterator.return?.()?.catch(() => {});
  }
}
