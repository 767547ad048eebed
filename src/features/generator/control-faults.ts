import { buildReferential, findControl, type ReferentialEntry } from '../../core/controls/referential.ts';
import { controls as implemented } from '../../core/controls/registry.ts';
import type { CompiledNorm } from '../../core/norm/compile.ts';
import { compiledNorm } from '../../core/norm/provider.ts';
import type { JsonLoader } from '../../core/referentials/source.ts';
import { candidatesOf } from './control-fault-examples.ts';
import { individualTries, Placer, readSample, type Wanted } from './control-fault-placer.ts';
import { parseMonth } from './months.ts';
import type { ControlFaultPlan, ControlFaultProblem, Why } from './control-fault-plan.ts';
import {
  defaultNormFor,
  generatedNatures,
  optionProblem,
  type GeneratedNature,
  type GenerateOptions,
} from './options.ts';

/**
 * `relais generate --faults-only ID,…`: official controls chosen by id, each triggered at a known
 * line of the generated file.
 *
 * Every implemented control has failing examples (`examples/example.ts`): edits, addressed by
 * rubric and occurrence, of a small reference declaration. Before anything is written, the
 * generator writes the beginning of the file in memory (the envoi's header, the context of the
 * first declarations and their first individuals); a control's example is applied to a *window*
 * cut from it (header, one declaration's context, one individual or the declaration's first ones,
 * footer), shaped like the reference declaration. The window is then checked with the whole
 * catalogue: when the control fires, the edited units (header, context, individual, or what follows
 * the individuals) replace the generated ones in the file, and the answer key gets the line where
 * it fired and, as consequences, every other code the check reported. Otherwise the next example,
 * or another individual, is tried. The rest of the file is the one of the same seed without
 * faults; random faults (`--faults`) are left out of the units a chosen control uses and of the
 * contexts of the declarations that carry one.
 *
 * Units are named as the writer names them (`writer.ts` `UnitHandler`): `H` (envoi header), `C2`
 * (context of declaration 2, from 0), `I2.17` (its individual 17), `T2` (after its individuals),
 * `F` (footer). A unit belongs to one chosen control, which keeps the units its window read as
 * they are too. One whose example edits a declaration's context is checked with the declaration's
 * first individuals (up to 100: beyond, the key rests on them) and keeps them; one that edits the
 * envoi's header or judges the envoi as a whole is checked with another declaration of the file
 * as well. Controls are placed header first, so that the later windows read the header edited.
 */

export { controlFaultKind } from './control-fault-placer.ts';

/** Ids that cannot be triggered, each with its reason in French: nothing must be written. */
export class ControlFaultError extends Error {
  constructor(readonly problems: readonly ControlFaultProblem[]) {
    const lines = problems.map((p) => `${p.id} : ${p.reason}`);
    super(
      lines.length === 1
        ? `--faults-only : ${lines[0]}`
        : `--faults-only : ${lines.length} contrôles ne peuvent pas être déclenchés :\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'ControlFaultError';
  }
}

/**
 * Plans `options.faultsOnly`; throws {@link ControlFaultError} (or a RangeError for the options),
 * unless `partial`: the ids that cannot be triggered are then left out, listed in `problems`.
 */
export async function planControlFaults(
  options: GenerateOptions,
  loadJson?: JsonLoader,
  { partial = false, hints = true }: { partial?: boolean; hints?: boolean } = {},
): Promise<ControlFaultPlan> {
  const problem = optionProblem(options);
  if (problem) throw new RangeError(problem);
  const month = parseMonth(options.month)!;
  const version = options.norm ?? defaultNormFor(month);
  const norm = await compiledNorm(version);
  const { wanted, problems } = await resolve(
    options.faultsOnly ?? [],
    norm,
    options.month,
    options.nature ?? '01',
  );
  if (problems.length > 0 && !partial) throw new ControlFaultError(problems);

  // The header first (every later window reads it as edited), then whole declarations, what
  // follows the individuals, and individuals.
  const rank = (w: Wanted) => {
    const kinds = w.candidates[0]!.kinds;
    return kinds.has('H') ? 0 : kinds.has('C') ? 1 : kinds.has('T') ? 2 : 3;
  };
  const order = [...wanted].sort((a, b) => rank(a) - rank(b));
  // A control that edits a context, or what follows the individuals, needs a declaration of its own;
  // one on the envoi as a whole is checked with another declaration of the file (see `search`).
  const acrossDeclarations = order.some(
    (w) => w.control.stateScope === 'envoi' || w.candidates.some((c) => c.kinds.has('H')),
  );
  let declarations = Math.max(
    acrossDeclarations ? 2 : 1,
    order.filter((w) => w.candidates.some((c) => c.kinds.has('C') || c.kinds.has('T'))).length,
  );
  let individuals = 2 * wanted.length + 3 * individualTries;
  for (;;) {
    const sample = await readSample(options, declarations, individuals, loadJson);
    const placer = new Placer(sample, norm, options.month);
    const left: ControlFaultProblem[] = [];
    const placed = new Set<string>();
    for (const w of order) {
      const why = await placer.place(w);
      if (why === null) placed.add(w.id);
      else left.push({ id: w.id, ...why });
    }
    // Short of room in the beginning of the file read: read further, and place them all again.
    if (left.some((p) => p.cause === 'room') && !sample.complete) {
      declarations *= 2;
      individuals *= 2;
      continue;
    }
    problems.push(...(hints ? await withMonthHints(left, placer.otherMonths, options, loadJson) : left));
    if (problems.length > 0 && !partial) throw new ControlFaultError(problems);
    return placer.plan(
      wanted.map((w) => w.id).filter((id) => placed.has(id)),
      problems,
    );
  }
}

/**
 * Controls whose examples, written for another month, did not fire: tried in a file of that month,
 * and when they fire there, their reason says so (`--month 2026-01`). Only a month that works is
 * suggested.
 */
async function withMonthHints(
  problems: ControlFaultProblem[],
  otherMonths: ReadonlyMap<string, string>,
  options: GenerateOptions,
  loadJson: JsonLoader | undefined,
): Promise<ControlFaultProblem[]> {
  const byMonth = new Map<string, string[]>();
  for (const p of problems) {
    const month = p.cause === 'examples' ? otherMonths.get(p.id) : undefined;
    if (month !== undefined) byMonth.set(month, [...(byMonth.get(month) ?? []), p.id]);
  }
  const works = new Map<string, string>();
  for (const [month, ids] of byMonth) {
    const { controlFaults: _, ...rest } = options;
    const there = await planControlFaults({ ...rest, month, faultsOnly: ids }, loadJson, {
      partial: true,
      hints: false,
    });
    for (const id of there.ids) works.set(id, month);
  }
  return problems.map((p) => {
    const month = works.get(p.id);
    return month === undefined
      ? p
      : {
          ...p,
          reason: `ses exemples ne le déclenchent pas dans une DSN de ${options.month}, mais dans une DSN de ${month} (la règle dépend du mois) : essayez --month ${month}.`,
        };
  });
}

/** The ids asked, checked against the referential and the generated file's norm and nature. */
async function resolve(
  typed: readonly string[],
  norm: CompiledNorm,
  month: string,
  nature: GeneratedNature,
): Promise<{ wanted: Wanted[]; problems: ControlFaultProblem[] }> {
  const referential = await buildReferential();
  const wanted: Wanted[] = [];
  const problems: ControlFaultProblem[] = [];
  const seen = new Set<string>();
  for (const text of typed) {
    const entry = findControl(referential, text);
    if (!entry) {
      problems.push({
        id: `« ${text} »`,
        cause: 'unknown',
        reason: 'contrôle inconnu (voyez relais controls list).',
      });
      continue;
    }
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const why = statusProblem(entry, norm, month);
    if (why) {
      problems.push({ id: entry.id, ...why });
      continue;
    }
    const control = implemented.find(
      (c) => c.id === entry.id && (c.versions?.includes(norm.version) ?? norm.messages.has(c.id)),
    )!;
    const { candidates, natures, asIs } = candidatesOf(control, norm, nature);
    if (candidates.length === 0) {
      problems.push({ id: entry.id, ...noCandidate(natures, asIs, norm, nature) });
      continue;
    }
    wanted.push({ id: entry.id, control, candidates });
  }
  return { wanted, problems };
}

function statusProblem(entry: ReferentialEntry, norm: CompiledNorm, month: string): Why | null {
  const reason = entry.reason ? ` (${entry.reason.replace(/\.$/, '')})` : '';
  const status = (text: string): Why => ({ cause: 'status', reason: text });
  switch (entry.status) {
    case 'missing':
      return status('contrôle de la norme que Relais ne fait pas encore : il ne peut pas être déclenché.');
    case 'needs-table':
      return status(
        `contrôle qui demande une table de référence que Relais ne fournit pas${reason} : il ne peut pas être déclenché dans un fichier généré.`,
      );
    case 'not-applicable':
      return status(`contrôle que l'auto-contrôle ne fait pas${reason} : il ne peut pas être déclenché.`);
    default:
      break;
  }
  const applies = implemented.some(
    (c) => c.id === entry.id && (c.versions?.includes(norm.version) ?? norm.messages.has(c.id)),
  );
  if (applies) return null;
  const versions = entry.versions.map((v) => v.version).join(', ');
  return {
    cause: 'version',
    reason: `contrôle absent de la norme ${norm.version} du fichier généré (mois ${month}) ; il existe en ${versions} : choisissez un mois de l'une de ces années ou --norm.`,
  };
}

function noCandidate(
  natures: ReadonlySet<string>,
  asIs: boolean,
  norm: CompiledNorm,
  nature: GeneratedNature,
): Why {
  if (natures.size > 0) {
    const labels = norm.rubricById.get('S20.G00.05.001')?.type.labels;
    const named = [...natures]
      .sort()
      .map((n) => (labels?.get(n) ? `${n} (${labels.get(n)})` : n))
      .join(', ');
    const generated = [...natures].filter((n) => (generatedNatures as readonly string[]).includes(n));
    return {
      cause: 'nature',
      reason:
        generated.length > 0
          ? `contrôle propre aux déclarations de nature ${named}, et le fichier demandé est de nature ${nature} : ajoutez --nature ${generated[0]}.`
          : `contrôle propre aux déclarations de nature ${named} : relais generate n'écrit que les natures ${generatedNatures.join(', ')} (--nature).`,
    };
  }
  return {
    cause: 'examples',
    reason: asIs
      ? "son exemple en échec est la déclaration de référence telle quelle, sans modification à reporter sur un fichier généré (qui n'a pas ce défaut) : il ne peut pas être déclenché."
      : "aucun de ses exemples en échec ne s'applique à un fichier généré : il ne peut pas être déclenché.",
  };
}
