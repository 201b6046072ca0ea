import { request } from 'node:http';
import { DEMO_LOGINS } from '@spendsense/server/demo/index';
import { AuditJsonExportReader } from '@spendsense/server/domain/audit/index';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

/**
 * SIGTERM sent to a real server process while an export is being downloaded and a live subscription is open:
 * the export completes, the subscription ends with a clean `complete`, new connections are refused, and the
 * process exits 0 after closing its pub/sub and database.
 */
describe('SIGTERM drain (a real process)', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    // A small embedded demo: operators to log in with and a few hundred audit entries to export.
    server = await startServerProcess({ DEMO: '1', DEMO_CUSTOMERS: '6', DEMO_HISTORY_MONTHS: '1' });
  });

  afterAll(() => server?.cleanup());

  it('finishes the running export, completes the subscription, refuses new connections, then exits 0', async () => {
    const compliance = DEMO_LOGINS.find((login) => login.role === 'COMPLIANCE')!;
    const login = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
        variables: { input: { username: compliance.username, password: compliance.password } },
      }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

    const client = createClient({
      url: `${server.url}/graphql/stream`,
      retryAttempts: 0,
      headers: { authorization: `Bearer ${token}` },
    });
    const subscriptionEnded = new Promise<'complete' | Error>((resolve) => {
      client.subscribe(
        { query: 'subscription { auditEntryAdded { sequence } }' },
        { next: () => {}, error: (error) => resolve(error as Error), complete: () => resolve('complete') },
      );
    });
    await server.waitForLine((line) => line['msg'] === 'request' && line['path'] === '/graphql/stream');

    // The export's headers have arrived; its body has not been read yet when the signal is sent.
    const exportResponse = await fetch(`${server.url}/exports/audit?format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exportResponse.status).toBe(200);

    server.child.kill('SIGTERM');
    await server.waitForLine((line) => line['msg'] === 'draining');

    expect(await subscriptionEnded).toBe('complete');
    // On a connection of its own: fetch would reuse a pooled keep-alive socket (the subscription's, say) that the
    // server has not swept yet, and that is not a new connection.
    await expect(requestOnNewConnection(`${server.url}/livez`)).rejects.toThrow();

    const reader = new AuditJsonExportReader({ entries: true });
    let entries = 0;
    const decoder = new TextDecoder();
    for await (const chunk of exportResponse.body!) {
      reader.push(decoder.decode(chunk as Uint8Array, { stream: true }));
      entries += reader.takeEntries().length;
    }
    reader.end();
    entries += reader.takeEntries().length;
    expect(reader.hasManifest).toBe(true);
    expect(entries).toBeGreaterThan(50);
    expect((reader.manifest as { row_count: number }).row_count).toBe(entries);

    expect(await server.exited).toBe(0);
    const stopped = server.lines.find((line) => line['msg'] === 'stopped');
    expect(stopped).toMatchObject({ timedOut: false });
  });
});

/** A GET on a fresh TCP connection (no keep-alive pool), resolving with the status code. */
function requestOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
