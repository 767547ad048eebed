import type { Declaration, Envoi } from '../parse/context.ts';
import type { Block } from '../parse/tree.ts';
import { DsnPipeline, type PipelineOptions, type PipelineResult } from './pipeline.ts';

export type DsnEvent =
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'unit'; unit: Block; declaration: Declaration }
  | { kind: 'declaration-end'; declaration: Declaration }
  | { kind: 'envoi-end'; envoi: Envoi }
  | { kind: 'end'; result: PipelineResult };

/**
 * The declaration as a stream of events, individual by individual: a 100,000-employee file is
 * never held whole, since events are handed out after each chunk read.
 */
export async function* readDsn(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: Omit<PipelineOptions, 'listener'> = {},
): AsyncGenerator<DsnEvent> {
  let queue: DsnEvent[] = [];
  const pipeline = await DsnPipeline.create({
    ...options,
    listener: {
      declaration: (declaration) => queue.push({ kind: 'declaration', declaration }),
      unit: (unit, declaration) => queue.push({ kind: 'unit', unit, declaration }),
      declarationEnd: (declaration) => queue.push({ kind: 'declaration-end', declaration }),
      envoiEnd: (envoi) => queue.push({ kind: 'envoi-end', envoi }),
    },
  });
  const drain = () => {
    const events = queue;
    queue = [];
    return events;
  };
  for await (const chunk of source) {
    options.signal?.throwIfAborted();
    await pipeline.push(chunk);
    options.onProgress?.(pipeline.bytes);
    yield* drain();
    if (pipeline.stopped) break;
  }
  const result = await pipeline.end();
  yield* drain();
  yield { kind: 'end', result };
}
