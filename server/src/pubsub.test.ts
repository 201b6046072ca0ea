import { afterEach, describe, expect, it } from 'vitest';
import { createOversightPubSub } from './pubsub.js';

describe('the in-process event bus', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('takes a session:ended listener per live stream without a leak warning, and delivers to each', async () => {
    process.on('warning', onWarning);
    const pubsub = createOversightPubSub();
    const streams = Array.from({ length: 50 }, () =>
      pubsub.subscribe('session:ended')[Symbol.asyncIterator](),
    );
    const next = streams.map((stream) => stream.next());
    pubsub.publish('session:ended', { sessionId: 'gone' });
    const delivered = await Promise.all(next);
    expect(delivered.every((result) => result.done === false)).toBe(true);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    await Promise.all(streams.map((stream) => stream.return?.()));
  });
});
