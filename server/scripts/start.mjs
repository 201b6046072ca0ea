// `pnpm start`: builds the console (when its sources changed) while the server starts, instead of before it.
// On a first start the build (5-10 s) then overlaps the embedded database's set-up and the demo seeding, and
// the server serves the console as soon as the build is complete (http/console.ts). A failed build stops the
// server and the command; the server's exit ends the command with its code.
//
// Written here rather than with a runner such as `concurrently`: those pipe their children's output, so the
// server's progress bars would lose the terminal. Both children share this terminal as they are.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const pnpm = process.env.npm_execpath
  ? [process.execPath, process.env.npm_execpath]
  : [windows ? 'pnpm.cmd' : 'pnpm'];

const build = spawn(pnpm[0], [...pnpm.slice(1), '--filter', '@spendsense/client', 'build:if-stale'], {
  stdio: 'inherit',
});
// The server's own command (server/package.json "start") without pnpm in between, so a signal sent here
// reaches it through tsx, which passes signals on to the server process and waits for its drain.
const server = spawn(
  path.join(serverDir, 'node_modules', '.bin', windows ? 'tsx.cmd' : 'tsx'),
  ['src/main.ts'],
  {
    cwd: serverDir,
    stdio: 'inherit',
  },
);
let buildRunning = true;

build.on('exit', (code, signal) => {
  buildRunning = false;
  if (code === 0) return;
  process.stderr.write(`The console build failed (${signal ?? `exit code ${code}`}); stopping the server.\n`);
  process.exitCode = code || 1;
  server.kill('SIGTERM');
});

server.on('exit', (code, signal) => {
  if (buildRunning) build.kill('SIGTERM');
  process.exitCode ||= code ?? (signal ? 1 : 0);
});

// Ctrl-C reaches the children from the terminal itself; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (buildRunning) build.kill(signal);
    server.kill(signal);
  });
}
