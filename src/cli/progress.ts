import { createRequire } from 'node:module';

/** A progress bar on stderr for long reads, only when a person is watching a terminal. */
export function progressBar(label: string, total: number, enabled = process.stderr.isTTY === true) {
  if (!enabled || total < 32 * 1024 * 1024) return { update: (_: number) => {}, stop: () => {} };
  // Loaded only for a bar actually shown: a small file's check does not pay for the package.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage} % · {done} / {size} Mo · {speed} Mo/s · reste {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const started = Date.now();
  bar.start(total, 0, { done: '0', size: mb(total), speed: '0' });
  return {
    update(bytes: number) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(bytes, {
        done: mb(bytes),
        size: mb(total),
        speed: seconds > 0 ? (bytes / 1e6 / seconds).toFixed(0) : '0',
      });
    },
    stop() {
      bar.stop();
    },
  };
}
