import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/store/schema.ts';
import { traceCheckpoints, traceEntriesAfter } from './access-trace-repository.ts';
import { checkpointEvery, checkpointSigned, type Checkpoint } from './checkpoint.ts';
import { chainSha256, contentSha256, genesisHash } from './entry.ts';
import type { TraceKeys } from './keys.ts';

export interface TraceVerification {
  /** Entries checked. */
  entries: number;
  /** The first and last positions found; null for an empty trace. */
  first: number | null;
  last: number | null;
  /** The last signed checkpoint, the point up to which truncation is detectable. */
  lastCheckpoint: Checkpoint | null;
  /** The first problem found (French) and the position it names; null when the trace is intact. */
  problem: { position: number; detail: string } | null;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/**
 * Walks the whole trace in position order, `batch` entries per query (keyset: each query starts
 * after the last position seen, so memory stays flat and the cost is linear on millions of
 * entries), and recomputes everything from the entries' content: each entry's content hash, its
 * link to the previous entry, its chain hash, and the chain at every signed checkpoint. Nothing
 * stored is trusted but the checkpoints' signatures, checked with the key from outside the
 * database. Stops at the first problem:
 * - a missing position: the entry was removed;
 * - a content that no longer matches its hash: the entry was altered;
 * - a link to another hash than the previous entry's: an entry before it was moved or removed;
 * - a chain that no longer matches a signed checkpoint: the chain was rewritten up to there;
 * - a checkpoint beyond the last entry, or a missing one: the end was cut off.
 */
export async function verifyTrace(
  db: Kysely<Database>,
  keys: TraceKeys,
  onProgress: (entries: number) => void = () => {},
  batch = 10_000,
): Promise<TraceVerification> {
  const checkpoints = await traceCheckpoints(db);
  const report: TraceVerification = {
    entries: 0,
    first: null,
    last: null,
    lastCheckpoint: checkpoints.filter((c) => c.kind === 'periodic').at(-1) ?? null,
    problem: null,
  };
  const stop = (position: number, detail: string) => ({ ...report, problem: { position, detail } });

  const forged = checkpoints.find((c) => !checkpointSigned(keys, c));
  if (forged) {
    return stop(
      forged.position,
      `le point de contrôle à la position ${forged.position} ne porte pas une signature valide de la clé de la trace : il a été modifié ou ajouté.`,
    );
  }
  const cut = checkpoints.filter((c) => c.kind === 'cut').at(-1);
  let expected = cut ? cut.position + 1 : 1;
  let previous: Uint8Array = cut ? cut.chainSha256 : genesisHash;
  const periodic = new Map(
    checkpoints.filter((c) => c.kind === 'periodic' && c.position >= expected).map((c) => [c.position, c]),
  );

  for (;;) {
    const entries = await traceEntriesAfter(db, expected - 1, batch);
    for (const entry of entries) {
      const p = entry.position;
      if (p !== expected) {
        return stop(
          expected,
          expected === p - 1
            ? `l’entrée ${expected} a été supprimée.`
            : `les entrées ${expected} à ${p - 1} ont été supprimées.`,
        );
      }
      const content = contentSha256(entry);
      if (!same(content, entry.contentSha256)) {
        return stop(p, `l’entrée ${p} a été modifiée : son contenu ne correspond plus à son empreinte.`);
      }
      if (!same(entry.previousSha256, previous)) {
        return stop(
          p,
          `l’entrée ${p} ne suit plus l’entrée ${p - 1} : une entrée a été déplacée, remplacée ou supprimée à cet endroit.`,
        );
      }
      const chain = chainSha256(previous, p, content);
      if (!same(chain, entry.chainSha256)) {
        return stop(p, `l’entrée ${p} a été modifiée : son empreinte chaînée ne correspond plus.`);
      }
      const checkpoint = periodic.get(p);
      if (checkpoint && !same(checkpoint.chainSha256, chain)) {
        return stop(
          p,
          `la chaîne ne correspond plus au point de contrôle signé à la position ${p} : des entrées jusqu’à la position ${p} ont été réécrites.`,
        );
      }
      if (!checkpoint && p % checkpointEvery === 0) {
        return stop(p, `le point de contrôle signé à la position ${p} a été supprimé.`);
      }
      report.first ??= p;
      report.last = p;
      report.entries += 1;
      previous = chain;
      expected = p + 1;
    }
    onProgress(report.entries);
    if (entries.length < batch) break;
  }
  const beyond = [...periodic.values()].find((c) => c.position >= expected);
  if (beyond) {
    return stop(
      expected,
      `trace tronquée : le point de contrôle signé à la position ${beyond.position} atteste des entrées jusque-là, ` +
        `la dernière présente est la ${expected - 1}.`,
    );
  }
  return report;
}
