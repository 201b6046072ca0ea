import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@spendsense/server/db/client';
import { afterAll, describe, expect, it } from 'vitest';

describe('the embedded database', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates its data folder, parents included, and keeps data across restarts', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ss-embedded-'));
    const dataDir = path.join(root, 'fresh-checkout', '.data', 'pglite');
    const first = await openDatabase({ dataDir });
    await first.prisma.user.create({
      data: {
        id: 'usr_kept',
        name: 'Kept Customer',
        email: 'kept@example.test',
        dateOfBirth: new Date('1990-01-01'),
      },
    });
    await first.close();
    const second = await openDatabase({ dataDir });
    expect(await second.prisma.user.count()).toBe(1);
    await second.close();
  });
});
