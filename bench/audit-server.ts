/**
 * The real server for the audit benchmarks, in its own process (started by `startAuditServer` in
 * audit-support.ts with `fork`): `createOversightYoga` on node:http at 127.0.0.1 on a free port, against
 * BENCH_SERVER_DATABASE_URL, without rate limits, its live events in-process or, with BENCH_SERVER_REDIS_URL,
 * through Redis. Its own process so that the load generator does not share
 * its event loop and so that its memory can be read from /proc.
 *
 * IPC: it sends `{ type: 'listening', port }` once serving. It takes `{ type: 'append', count, intervalMs }`
 * (writes `count` consent_changed entries through runAudited at a steady rate, each carrying its start time,
 * answering `{ type: 'appended', seq, startedNs, committedNs }` per entry and `{ type: 'appendDone' }`), and
 * `{ type: 'memory' }` (answers `{ type: 'memory', rss, heapUsed }`). Times are process.hrtime.bigint(), the
 * system-wide monotonic clock, so the parent can subtract them from its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '@spendsense/server/db/client';
import type { ConsentChangedData } from '@spendsense/server/domain/audit/index';
import { auditLiveFeed } from '@spendsense/server/services/audit/live-feed';
import { runAuditedWithEntries } from '@spendsense/server/services/audit/record-audit';
import { createOversightYoga } from '@spendsense/server/yoga';
import { benchServices } from './audit-fixture.js';

export type AuditServerCommand =
  | { type: 'append'; count: number; intervalMs: number; userId: string }
  | { type: 'memory' };

export type AuditServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'appended'; seq: string; startedNs: string; committedNs: string }
  | { type: 'appendDone' }
  | { type: 'memory'; rss: number; heapUsed: number };

const send = (message: AuditServerMessage) => process.send?.(message);

const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_SERVER_DATABASE_URL is not set');
const db = await openDatabase({ databaseUrl, migrate: false });
// With BENCH_SERVER_REDIS_URL, live events go through Redis, as between several API instances.
const services = benchServices(db, process.env.BENCH_SERVER_REDIS_URL || undefined);
const yoga = createOversightYoga({ services });
const server = createServer(yoga);

async function append(command: Extract<AuditServerCommand, { type: 'append' }>): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < command.count; i++) {
    const due = started + i * command.intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const startedNs = process.hrtime.bigint();
    const { appended } = await runAuditedWithEntries(services, (_tx, audit) =>
      audit.record({
        eventType: 'consent_changed',
        userId: command.userId,
        // Extra keys are allowed in event data (validateEventData); the type lists only the required ones.
        eventData: {
          old_status: i % 2 === 0 ? 'opted_out' : 'opted_in',
          new_status: i % 2 === 0 ? 'opted_in' : 'opted_out',
          consent_version: '2026-03',
          changed_via: 'api',
          bench_started_ns: startedNs.toString(),
        } as ConsentChangedData,
      }),
    );
    const committedNs = process.hrtime.bigint();
    send({
      type: 'appended',
      seq: appended[0]!.seq.toString(),
      startedNs: startedNs.toString(),
      committedNs: committedNs.toString(),
    });
  }
  send({ type: 'appendDone' });
}

process.on('message', (command: AuditServerCommand) => {
  if (command.type === 'append') {
    append(command).catch((error) => {
      console.error('Bench server: append failed', error);
      process.exit(1);
    });
  } else if (command.type === 'memory') {
    const memory = process.memoryUsage();
    send({ type: 'memory', rss: memory.rss, heapUsed: memory.heapUsed });
  }
});

// The parent going away (or closing the channel) ends the server.
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  auditLiveFeed(services).close();
  void services.pubsub
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'listening', port });
  // Started by hand (e.g. under --cpu-prof) rather than forked: say where it listens.
  if (!process.send) console.error(`Bench server listening on http://127.0.0.1:${port}`);
});
// Without a parent, Ctrl-C ends it (and writes a --cpu-prof profile on the way out).
if (!process.send) process.once('SIGINT', () => process.exit(0));
