import type { WorkerAnswer, WorkerRequest } from '../self-check/worker.ts';

export type SelfCheckReport = Extract<WorkerAnswer, { kind: 'report' }>['report'];

let worker: Worker | null = null;
let next = 0;

/**
 * Checks a file in the browser with the self-check's worker (`/auto-controle/`), the same checks
 * as `relais check` and as the deposit: nothing is sent.
 */
export function selfCheck(file: File, onProgress: (bytes: number) => void): Promise<SelfCheckReport> {
  const running = (worker ??= new Worker('/auto-controle/worker.js', { type: 'module' }));
  const id = ++next;
  return new Promise((resolve, reject) => {
    const answered = (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.id !== id) return;
      if (answer.kind === 'progress') return onProgress(answer.bytes);
      running.removeEventListener('message', answered);
      if (answer.kind === 'report') resolve(answer.report);
      else reject(new Error(answer.message));
    };
    running.addEventListener('message', answered);
    running.postMessage({ id, file, controls: true } satisfies WorkerRequest);
  });
}
