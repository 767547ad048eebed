import { checkDsn } from '../../src/core/check/check.ts';

/**
 * The check itself, off the page's thread so that the page stays responsive on a large file:
 * the page posts `{ id, file, controls }`, the worker answers with `progress` messages, then the
 * report (or the error's message), each with the request's `id`.
 */

/** `id` tells the page which of its checks an answer is for. */
export type WorkerRequest = { id: number; file: File; controls: boolean };
export type WorkerAnswer = { id: number } & (
  | { kind: 'progress'; bytes: number }
  | { kind: 'report'; report: Awaited<ReturnType<typeof checkDsn>>; seconds: number }
  | { kind: 'error'; message: string }
);

/** A file's bytes, in the chunks the browser reads them (no whole copy in memory). */
async function* chunksOf(file: File): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const post = (answer: WorkerAnswer) => self.postMessage(answer);

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const { id, file, controls } = event.data;
  const started = performance.now();
  checkDsn(chunksOf(file), { controls, onProgress: (bytes) => post({ id, kind: 'progress', bytes }) }).then(
    (report) => post({ id, kind: 'report', report, seconds: (performance.now() - started) / 1000 }),
    (error: unknown) => post({ id, kind: 'error', message: (error as Error).message }),
  );
});
