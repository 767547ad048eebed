import type { NormDiff } from './diff.ts';

const card = (min: number, max: number | null) => `${min}..${max ?? '*'}`;
const cut = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** The differences as a payroll vendor reads them, section by section, in French. */
export function formatDiffText(diff: NormDiff): string {
  const out: string[] = [`Différences de la norme ${diff.from} à ${diff.to}`];
  const count = (n: number, what: string) => `${n} ${what}`;
  out.push(
    [
      count(diff.blocks.added.length + diff.blocks.removed.length + diff.blocks.changed.length, 'blocs'),
      count(
        diff.rubrics.added.length + diff.rubrics.removed.length + diff.rubrics.changed.length,
        'rubriques',
      ),
      count(diff.values.length, 'listes de valeurs'),
      count(diff.usageChanges.length, 'usages'),
      count(
        diff.controls.added.length + diff.controls.removed.length + diff.controls.changed.length,
        'contrôles',
      ),
    ].join(' · ') + ' modifiés',
  );
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push('', `${title} (${lines.length})`, ...lines.map((l) => `  ${l}`));
  };
  section(
    'Blocs ajoutés',
    diff.blocks.added.map((b) => `+ ${b.id} ${b.name} [${card(b.min, b.max)}] sous ${b.parent}`),
  );
  section(
    'Blocs supprimés',
    diff.blocks.removed.map((b) => `- ${b.id} ${b.name}`),
  );
  section(
    'Blocs modifiés',
    diff.blocks.changed.map(
      (c) =>
        `~ ${c.id} ${c.after.name} : ` +
        c.fields
          .map((f) =>
            f === 'min' || f === 'max'
              ? `cardinalité ${card(c.before.min, c.before.max)} → ${card(c.after.min, c.after.max)}`
              : f === 'name'
                ? `libellé « ${c.before.name} » → « ${c.after.name} »`
                : `parent ${c.before.parent} → ${c.after.parent}`,
          )
          .filter((v, i, all) => all.indexOf(v) === i)
          .join(', '),
    ),
  );
  section(
    'Rubriques ajoutées',
    diff.rubrics.added.map((r) => `+ ${r.id} ${r.name} (${r.datatype})`),
  );
  section(
    'Rubriques supprimées',
    diff.rubrics.removed.map((r) => `- ${r.id} ${r.name}`),
  );
  section(
    'Rubriques modifiées',
    diff.rubrics.changed.map((c) => {
      const parts: string[] = [];
      if (c.fields.includes('name')) parts.push(`libellé « ${c.before.name} » → « ${c.after.name} »`);
      if (c.fields.includes('datatype')) parts.push(`type ${c.before.datatype} → ${c.after.datatype}`);
      parts.push(...c.format);
      return `~ ${c.id} ${c.after.name} : ${parts.join(', ')}`;
    }),
  );
  section(
    'Valeurs autorisées',
    diff.values.flatMap((v) => [
      ...v.added.map(([code, label]) => `+ ${v.rubric} ${code} = ${label}`),
      ...v.removed.map(([code, label]) => `- ${v.rubric} ${code} = ${label}`),
      ...v.relabelled.map(
        (r) => `~ ${v.rubric} ${r.code} : « ${cut(r.before, 60)} » → « ${cut(r.after, 60)} »`,
      ),
    ]),
  );
  if (diff.usages.from !== diff.usages.to || diff.usageChanges.length > 0) {
    section(
      `Usages par nature (tableau ${diff.usages.from ?? 'aucun'} → ${diff.usages.to ?? 'aucun'})`,
      diff.usageChanges.map((u) => `~ ${u.rubric} nature ${u.nature} : ${u.before} → ${u.after}`),
    );
  }
  section(
    'Contrôles ajoutés',
    diff.controls.added.map((c) => `+ ${c.id} ${cut(c.description)}`),
  );
  section(
    'Contrôles supprimés',
    diff.controls.removed.map((c) => `- ${c.id} ${cut(c.description)}`),
  );
  section(
    'Contrôles modifiés',
    diff.controls.changed.map(
      (c) =>
        `~ ${c.id} (${c.fields.map((f) => (f === 'message' ? 'message' : 'règle')).join(', ')}) : ${cut(c.after.description)}`,
    ),
  );
  return out.join('\n') + '\n';
}
