import type { Edit } from '../../../examples/edit.ts';
import type { ControlExample } from '../../../examples/example.ts';
import { numberOf, type Control, type ControlContext } from '../../control.ts';
import { blockRun, requirementsOf, type Condition } from '../../lib/rules.ts';
import type { ReferenceTable } from '../../tables.ts';

/**
 * The CRE shape: "valeurs autorisées" of a rubric are the codes of a reference table. The control
 * reads the table the pipeline loaded (shipped, or supplied by the operator) and says nothing
 * when there is none.
 */

/** Whether the rubric's value is allowed by the table (default: the table has the value). */
export type Lookup = (table: ReferenceTable, value: string, ctx: ControlContext) => boolean;

const whole: Lookup = (table, value) => table.has(value);

export interface TableRule {
  /** The rule applies only when this holds (nature 09 for OES, an insurer's code for DLGASSU…). */
  when?: Condition;
  lookup?: Lookup;
  block?: string;
  versions?: readonly string[];
  /** Set for tables without a public source: see {@link needsTable}. */
  reason?: string;
  examples: () => readonly ControlExample[];
}

/** The control's rubric must be a code of `tableId`. */
export function inTable(id: string, tableId: string, rule: TableRule): Control {
  const number = numberOf(id);
  const lookup = rule.lookup ?? whole;
  const when = rule.when;
  return {
    id,
    tables: [tableId],
    silentWithoutTables: true,
    ...(rule.block ? { block: rule.block } : {}),
    ...(rule.versions ? { versions: rule.versions } : {}),
    ...(rule.reason ? { status: 'needs-table' as const, reason: rule.reason } : {}),
    examples: rule.examples,
    requires: [{ rubric: number }, ...requirementsOf(when, blockRun(id, rule.block))],
    check(block, ctx) {
      const table = ctx.table(tableId);
      if (table === null) return;
      const rubric = block.rubric(number);
      if (rubric === undefined) return;
      if (when !== undefined && !when(block, ctx)) return;
      if (!lookup(table, rubric.value, ctx)) ctx.fail(rubric);
    },
  };
}

/** Why a table-bound control only runs with the operator's table, in French. */
export function needsTable(tableId: string, what: string, why = 'sans source publique ouverte'): string {
  return (
    `Table « ${tableId} » (${what}) ${why} : ` +
    `le contrôle s'exécute lorsque l'exploitant fournit ${tableId}.csv (relais check --tables DOSSIER).`
  );
}

/** "Les deux premiers caractères de la présente rubrique" (caisses de congés payés). */
export const firstTwo: Lookup = (table, value) => table.has(value.slice(0, 2));

const suffixes = new WeakMap<ReferenceTable, Set<string>>();

/** "Les 4 derniers caractères de la table" (NNE): the value is the end of one of its codes. */
export const lastFourOfCodes: Lookup = (table, value) => {
  let ends = suffixes.get(table);
  if (ends === undefined) {
    ends = new Set<string>();
    for (const code of table.codes()) ends.add(code.slice(-4));
    suffixes.set(table, ends);
  }
  return ends.has(value);
};

/** A failing and a passing example that only change the rubric's value. */
export function valueExamples(
  rubric: string,
  wrong: { value: string; title: string },
  right: { value: string; title: string },
  setup: (value: string) => Edit[] = (value) => [{ set: rubric, value }],
  extra: Partial<ControlExample> = {},
): ControlExample[] {
  return [
    { ...extra, title: wrong.title, fails: true, edits: setup(wrong.value) },
    { ...extra, title: right.title, fails: false, edits: setup(right.value) },
  ];
}
