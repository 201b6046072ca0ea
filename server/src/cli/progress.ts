import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr for long-running commands. Returns an `onProgress(done, total)` callback
 * and a `stop()`; when stderr is not a terminal it prints a line every 10 % instead of redrawing.
 */
export function progressBar(label: string): {
  onProgress: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) {
    let lastDecile = -1;
    return {
      onProgress(done, total) {
        const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${label}: ${done}/${total} (${decile * 10}%)\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new SingleBar({
    format: `${label.padEnd(28)} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    stream: process.stderr,
  });
  let started = false;
  return {
    onProgress(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
