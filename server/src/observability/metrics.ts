import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What a gauge reads at scrape time; set by the part that owns the value (database, live feed). */
type Reading = () => number | Promise<number>;

/**
 * The server's Prometheus metrics (prom-client), one registry per service context so that several servers in
 * one process (tests) never share counters. Served at `/metrics` by `http/metrics-route.ts`.
 */
export class OversightMetrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'spendsense_graphql_request_duration_seconds',
    help: 'GraphQL operations by operation name and outcome (ok or error); _count is the request count',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'spendsense_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly auditEntriesAppended = new Counter({
    name: 'spendsense_audit_entries_appended_total',
    help: 'Audit entries committed by this instance, by event type',
    labelNames: ['event_type'] as const,
    registers: [this.registry],
  });

  readonly auditEntriesVerified = new Counter({
    name: 'spendsense_audit_entries_verified_total',
    help: 'Audit entries re-hashed by integrity verifications on this instance (rises while one runs)',
    registers: [this.registry],
  });

  readonly exportBytes = new Counter({
    name: 'spendsense_audit_export_bytes_total',
    help: 'Bytes of audit export files sent, by format',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: 'spendsense_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit, by bucket (login, auditQuery, export, refusal, anonymous)',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });

  #chainHead: Reading = () => 0;
  #liveSubscribers: Reading = () => 0;
  #pool: () => { total: number; idle: number; waiting: number } | null = () => null;

  constructor(options: { processMetrics?: boolean } = {}) {
    const readings = this;
    new Gauge({
      name: 'spendsense_audit_chain_head_sequence',
      help: 'Sequence number of the newest audit entry (read from the database at scrape time)',
      registers: [this.registry],
      async collect() {
        this.set(await readings.#chainHead());
      },
    });
    new Gauge({
      name: 'spendsense_live_subscribers',
      help: 'Live audit feed subscriptions open on this instance',
      registers: [this.registry],
      async collect() {
        this.set(await readings.#liveSubscribers());
      },
    });
    new Gauge({
      name: 'spendsense_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting); absent on the embedded database',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = readings.#pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'spendsense_' });
  }

  readChainHeadWith(reading: Reading): void {
    this.#chainHead = reading;
  }

  readLiveSubscribersWith(reading: Reading): void {
    this.#liveSubscribers = reading;
  }

  readPoolWith(reading: () => { total: number; idle: number; waiting: number } | null): void {
    this.#pool = reading;
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
