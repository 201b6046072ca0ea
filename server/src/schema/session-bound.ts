import { GraphQLError } from 'graphql';
import { hashSessionToken, type SessionProblem, sessionOf } from '../services/operators.js';
import type { GraphQLContext } from './context.js';

/** Sent instead of an event when the subscription's session ends; the field's resolver raises its error. */
export class SessionEnded {
  constructor(readonly error: GraphQLError) {}
}

/** The error a stream ends with when its session does: SESSION_EXPIRED, or UNAUTHENTICATED (logged out, revoked). */
export function sessionEndedError(problem: SessionProblem): GraphQLError {
  return problem === 'expired'
    ? new GraphQLError('Your session has expired: log in again', { extensions: { code: 'SESSION_EXPIRED' } })
    : new GraphQLError('Your session has ended: log in again', { extensions: { code: 'UNAUTHENTICATED' } });
}

/**
 * `source` until the caller's session ends: logged out, revoked, its operator disabled, or expired. The
 * stream then sends one last event, a {@link SessionEnded} whose error the field raises (UNAUTHENTICATED or
 * SESSION_EXPIRED), and completes: a live feed never outlives the right to read it.
 *
 * A logout on any instance is announced through the pub/sub and ends the stream at once. An announcement can
 * be lost (Redis unreachable when it was published, or from this instance's subscriber), so every stream
 * also reads its session again from the database each `sessionRecheckSeconds`, by the same rule as a request
 * (`sessionOf`): however the news is lost, a stream ends at most that long after its session did.
 */
export async function* untilSessionEnds<T>(
  ctx: GraphQLContext,
  source: AsyncIterable<T>,
): AsyncGenerator<T | SessionEnded> {
  const token = ctx.sessionToken;
  const session = token
    ? await ctx.services.db.prisma.operatorSession.findUnique({
        where: { tokenHash: hashSessionToken(token) },
        select: { id: true, expiresAt: true },
      })
    : null;
  const iterator = source[Symbol.asyncIterator]();
  if (!token || !session) {
    // Auth scopes already admitted the caller, so there is a session; without one there is nothing to end.
    yield* { [Symbol.asyncIterator]: () => iterator };
    return;
  }
  const endings = ctx.services.pubsub.subscribe('session:ended');
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  const ended = Promise.race([
    (async () => {
      for await (const event of endings) {
        if (event.sessionId === session.id) return new SessionEnded(sessionEndedError('invalid'));
      }
      return null;
    })(),
    new Promise<SessionEnded>((resolve) => {
      const remaining = Math.min(session.expiresAt.getTime() - ctx.services.now().getTime(), 2 ** 31 - 1);
      timer = setTimeout(
        () => resolve(new SessionEnded(sessionEndedError('expired'))),
        Math.max(0, remaining),
      );
    }),
    new Promise<SessionEnded>((resolve) => {
      let checking = false;
      recheck = setInterval(async () => {
        if (checking) return;
        checking = true;
        try {
          const { problem } = await sessionOf(ctx.services, token);
          if (problem) resolve(new SessionEnded(sessionEndedError(problem)));
        } catch (error) {
          // The database is unreachable: the stream cannot be checked now, nor loaded; the next check tries again.
          ctx.services.logger.warn(
            { reason: error instanceof Error ? error.message : String(error) },
            'Could not re-check the session of a live subscription',
          );
        } finally {
          checking = false;
        }
      }, ctx.services.sessionRecheckSeconds * 1000);
    }),
  ]);
  // How the session ended (null: the event bus closed), once it has, and the wait for an entry it cuts short.
  // Not `Promise.race([iterator.next(), ended])` per entry: each race stays attached to `ended` until the
  // session ends, so a stream open for hours would hold one per entry it ever delivered.
  let ending: SessionEnded | null | undefined;
  let interrupt: ((value: SessionEnded | null) => void) | null = null;
  void ended.then((value) => {
    ending = value;
    interrupt?.(value);
  });
  try {
    for (;;) {
      if (ending !== undefined) {
        if (ending) yield ending;
        return;
      }
      const next = await new Promise<IteratorResult<T> | SessionEnded | null>((resolve, reject) => {
        interrupt = resolve;
        iterator.next().then(resolve, reject);
      });
      interrupt = null;
      if (next === null || next instanceof SessionEnded) continue;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    clearInterval(recheck);
    void endings.return?.();
    // Not awaited: the source may be waiting for its next entry; the request's end (its signal) stops it.
    void iterator.return?.()?.catch(() => {});
  }
}
