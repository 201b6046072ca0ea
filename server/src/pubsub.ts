import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { type OutageLog, watchRedis } from './redis-outage.js';

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
 *
 * A Redis outage degrades the live feed and nothing else: an announcement that cannot be published is
 * dropped with one warning (the audited write has committed; the live feed loads every entry up to the next
 * announcement it receives, so subscribers miss nothing once Redis is back), the subscriber reconnects and
 * resubscribes by itself, and `/readyz` reports Redis until it answers again.
 */
export function createOversightPubSub(redisUrl?: string, log?: OutageLog): OversightPubSub {
  if (!redisUrl) {
    // Every open live stream listens for `session:ended`, so listeners grow with subscribers by design:
    // without this, Node warns of a leak from the eleventh.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    const pubsub = createPubSub<OversightTopics>({ eventTarget });
    return Object.assign(pubsub, { close: async () => {}, ping: async () => {} });
  }
  // Publishing fails at once while disconnected instead of queueing writes' announcements.
  const publishClient = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Subscribing waits for the connection however long it takes (ioredis resubscribes after reconnecting).
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const outage = watchRedis(
    publishClient,
    'live audit events are not published; the live feed catches up when it is back',
    log,
  );
  watchRedis(subscribeClient, 'live audit events from other instances are not received', log);
  // The event target fires its commands without handling their failure; these wrappers do.
  const publisher = {
    publish: (channel: string, message: string) =>
      publishClient.publish(channel, message).catch(outage.failed),
  };
  const subscriber = {
    on: (event: 'message', listener: (channel: string, message: string) => void) =>
      subscribeClient.on(event, listener),
    subscribe: (channel: string) => subscribeClient.subscribe(channel).catch(() => {}),
    unsubscribe: (channel: string) => subscribeClient.unsubscribe(channel).catch(() => {}),
  };
  const pubsub = createPubSub<OversightTopics>({
    eventTarget: createRedisEventTarget({
      publishClient: publisher as unknown as Redis,
      subscribeClient: subscriber as unknown as Redis,
    }),
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
