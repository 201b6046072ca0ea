// Builds the console unless client/dist was built from exactly the current sources: `pnpm start` runs this, so
// a fresh clone or a pull that changed the console gets a new build, and an unchanged one starts at once.
// The stamp is a hash of the build's inputs (not file times, which a checkout or copy does not keep).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(clientDir, 'dist', '.source-hash');
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', '../pnpm-lock.yaml'];

function filesOf(entry) {
  const full = path.join(clientDir, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap(filesOf)) {
  hash.update(path.relative(clientDir, file));
  hash.update('\0');
  hash.update(readFileSync(file));
  hash.update('\0');
}
const sourceHash = hash.digest('hex');

const built = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceHash;
if (built) {
  console.log('Console build is up to date (client/dist).');
} else {
  console.log(
    existsSync(stampFile) ? 'Console sources changed: building the console…' : 'Building the console…',
  );
  const result = spawnSync('vite', ['build'], {
    cwd: clientDir,
    // A production build even when called from a test runner (NODE_ENV=test would bundle React's development build).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, `${sourceHash}\n`);
}
