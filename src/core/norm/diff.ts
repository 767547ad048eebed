import type { BlockDef, ControlMessage, DataTypeDef, NormCatalogue, RubricDef, Usage } from './types.ts';

/** What changed from one norm version to another: the "notes différentielles". */
export interface NormDiff {
  from: string;
  to: string;
  usages: { from: string | null; to: string | null };
  blocks: { added: BlockDef[]; removed: BlockDef[]; changed: Change<BlockDef>[] };
  rubrics: { added: RubricDef[]; removed: RubricDef[]; changed: RubricChange[] };
  values: ValueChange[];
  usageChanges: UsageChange[];
  controls: { added: ControlMessage[]; removed: ControlMessage[]; changed: Change<ControlMessage>[] };
}

export interface Change<T> {
  id: string;
  before: T;
  after: T;
  /** Which fields differ. */
  fields: string[];
}

export interface RubricChange extends Change<RubricDef> {
  /** Format changes of the datatype (pattern, lengths) in French, when there are. */
  format: string[];
}

export interface ValueChange {
  rubric: string;
  added: [string, string][];
  removed: [string, string][];
  relabelled: { code: string; before: string; after: string }[];
}

export interface UsageChange {
  rubric: string;
  nature: string;
  before: Usage | undefined;
  after: Usage | undefined;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

function compare<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  fields: (keyof T)[],
): { added: T[]; removed: T[]; changed: Change<T>[] } {
  const a = byId(before);
  const b = byId(after);
  const changed: Change<T>[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y) continue;
    const differing = fields.filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f]));
    if (differing.length > 0) changed.push({ id, before: x, after: y, fields: differing.map(String) });
  }
  return {
    added: after.filter((i) => !a.has(i.id)),
    removed: before.filter((i) => !b.has(i.id)),
    changed,
  };
}

function formatChanges(before: DataTypeDef | undefined, after: DataTypeDef | undefined): string[] {
  if (!before || !after) return [];
  const out: string[] = [];
  if (before.regexp !== after.regexp)
    out.push(`format ${before.regexp ?? '(libre)'} → ${after.regexp ?? '(libre)'}`);
  if (before.minLength !== after.minLength || before.maxLength !== after.maxLength) {
    out.push(`longueur ${before.minLength}–${before.maxLength} → ${after.minLength}–${after.maxLength}`);
  }
  if (before.nature !== after.nature) out.push(`nature ${before.nature} → ${after.nature}`);
  return out;
}

export function diffNorms(from: NormCatalogue, to: NormCatalogue): NormDiff {
  const typesFrom = byId(from.datatypes);
  const typesTo = byId(to.datatypes);
  const rubrics = compare(from.rubrics, to.rubrics, ['name', 'datatype']);
  const changedRubrics: RubricChange[] = [];
  const values: ValueChange[] = [];
  const usageChanges: UsageChange[] = [];
  const rubricsTo = byId(to.rubrics);
  for (const before of from.rubrics) {
    const after = rubricsTo.get(before.id);
    if (!after) continue;
    const tFrom = typesFrom.get(before.datatype);
    const tTo = typesTo.get(after.datatype);
    const format = formatChanges(tFrom, tTo);
    const declared = rubrics.changed.find((c) => c.id === before.id);
    if (declared || format.length > 0) {
      changedRubrics.push({ id: before.id, before, after, fields: declared?.fields ?? [], format });
    }
    const vFrom = new Map(tFrom?.values ?? []);
    const vTo = new Map(tTo?.values ?? []);
    const change: ValueChange = {
      rubric: before.id,
      added: [...vTo].filter(([code]) => !vFrom.has(code)),
      removed: [...vFrom].filter(([code]) => !vTo.has(code)),
      relabelled: [...vFrom]
        .filter(([code, label]) => vTo.has(code) && vTo.get(code) !== label)
        .map(([code, label]) => ({ code, before: label, after: vTo.get(code)! })),
    };
    if (change.added.length + change.removed.length + change.relabelled.length > 0) values.push(change);
    const natures = new Set([...Object.keys(before.usage ?? {}), ...Object.keys(after.usage ?? {})]);
    for (const nature of [...natures].sort()) {
      const u = before.usage?.[nature];
      const v = after.usage?.[nature];
      // A nature the older table does not have is new, not a change of usage.
      if (u !== v && u !== undefined && v !== undefined) {
        usageChanges.push({ rubric: before.id, nature, before: u, after: v });
      }
    }
  }
  return {
    from: from.version,
    to: to.version,
    usages: { from: from.usages?.table ?? null, to: to.usages?.table ?? null },
    blocks: compare(from.blocks, to.blocks, ['name', 'parent', 'min', 'max']),
    rubrics: { added: rubrics.added, removed: rubrics.removed, changed: changedRubrics },
    values,
    usageChanges,
    controls: compare(from.messages, to.messages, ['description', 'message']),
  };
}
