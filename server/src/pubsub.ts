import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

/**
 * Live events, typed by topic so publisher and subscriber cannot drift apart. Payloads carry ids only;
 * subscribers re-load what they show, so nested selections stay efficient and nothing stale is sent.
 */
export type OversightTopics = {
  /** A committed audit entry, by sequence number (as a string: it is a bigint in the database). */
  'auditEntry:added': [{ seq: string }];
  /** A session was revoked (logout): live subscriptions it opened end, on every instance. */
  'session:ended': [{ sessionId: string }];
};

export type OversightPubSub = PubSub<OversightTopics> & {
  close(): Promise<void>;
  /** Resolves when the shared event bus answers (readiness); in-process always does. */
  ping(): Promise<void>;
};

/**
 * In-process by default; with a Redis URL, events published by any API instance reach subscribers on all
 * of them (graphql-yoga's Redis event target).
 */
export function createOversightPubSub(redisUrl?: string): OversightPubSub {
  if (!redisUrl) {
    const pubsub = createPubSub<OversightTopics>();
    return Object.assign(pubsub, { close: async () => {}, ping: async () => {} });
  }
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const pubsub = createPubSub<OversightTopics>({
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
  });
  return Object.assign(pubsub, {
    async ping() {
      await Promise.all([
        publishClient.ping(),
        subscribeClient.status === 'ready'
          ? Promise.resolve()
          : Promise.reject(new Error(`Redis subscriber ${subscribeClient.status}`)),
      ]);
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  });
}
