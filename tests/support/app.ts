import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@spendsense/server/db/client';
import { DEFAULT_RETENTION, type RetentionPolicy } from '@spendsense/server/domain/audit/retention';
import type { OperatorRole } from '@spendsense/server/domain/operators/index';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { createServices, type ServiceContext } from '@spendsense/server/services/context';
import { createOperator } from '@spendsense/server/services/operators';
import { createOversightYoga } from '@spendsense/server/yoga';
import { rememberSecret, TEST_CONFIG, testLogger } from './config.js';
import { TEST_PASSWORD } from './passwords.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/** The real server, called in-process through yoga.fetch, over a real database. */
export function createTestApp(
  db: Database,
  options: {
    now?: () => Date;
    pubsub?: ServiceContext['pubsub'];
    checkpointing?: ServiceContext['checkpointing'];
    rateLimitStore?: ServiceContext['rateLimitStore'];
    /** Default: the default policy with a fresh temporary archive folder. */
    retention?: Partial<RetentionPolicy>;
    /** How often live subscriptions re-read their session (default: the configuration's). */
    sessionRecheckSeconds?: number;
  } = {},
) {
  const config = {
    ...TEST_CONFIG,
    sessionRecheckSeconds: options.sessionRecheckSeconds ?? TEST_CONFIG.sessionRecheckSeconds,
  };
  const services = createServices(config, db, {
    now: options.now,
    pubsub: options.pubsub ?? createOversightPubSub(),
    rateLimitStore: options.rateLimitStore,
    logger: testLogger(),
    checkpointing: options.checkpointing,
    retention: {
      ...DEFAULT_RETENTION,
      archiveDir: mkdtempSync(path.join(tmpdir(), 'ss-test-archives-')),
      ...options.retention,
    },
  });
  const yoga = createOversightYoga({ services });

  async function graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }> {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status, headers: response.headers };
  }

  /** Creates an operator with the role (once) and returns a session token for it. */
  async function tokenFor(role: OperatorRole, username = role.toLowerCase()): Promise<string> {
    const password = TEST_PASSWORD;
    const existing = await db.prisma.operator.findUnique({ where: { username } });
    if (!existing) await createOperator(services, { username, displayName: username, role, password });
    const result = await graphql<{ login: { token: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username, password } },
    );
    if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    rememberSecret(result.data.login.token);
    return result.data.login.token;
  }

  return { yoga, services, graphql, tokenFor };
}
