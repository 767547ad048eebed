import { dsnVersions, loadCatalogue } from '../norm/catalogue.ts';
import { normaliseControlId } from '../norm/control-id.ts';
import type { ControlCategory } from '../norm/types.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { ControlExample } from '../examples/example.ts';
import { categoryOf, rubricOf, severityOf, type Control } from './control.ts';
import { controls as implemented } from './registry.ts';

/**
 * Where a control stands in Relais:
 * - `implemented`: runs in `relais check` (and deposits);
 * - `needs-table`: implemented against a reference table that is not public; it runs when the
 *   table is supplied (see `controls/tables.ts`) and says nothing otherwise;
 * - `not-applicable`: belongs to another actor (receiving bodies for CME, the deposit platform for
 *   CID) or needs data a self-check cannot have; its contract is implemented where it applies;
 * - `missing`: not written yet.
 */
export type ControlStatus = 'implemented' | 'needs-table' | 'not-applicable' | 'missing';

export interface VersionText {
  version: string;
  description: string;
  message: string;
  /** Spellings of the id in this version's sheet, when they differ from the normalised one. */
  aliases?: string[];
}

export interface ReferentialEntry {
  id: string;
  category: ControlCategory;
  rubric: string;
  severity: Severity;
  status: ControlStatus;
  /** Why the control is `needs-table` or `not-applicable`. */
  reason?: string;
  /** The official message of the latest version listing the control. */
  message: string;
  description: string;
  versions: VersionText[];
  examples: readonly ControlExample[];
}

/** The published referential: every control of every version from P24V01 on, with its status. */
export async function buildReferential(
  controls: readonly Control[] = implemented,
): Promise<ReferentialEntry[]> {
  const byId = new Map<string, ReferentialEntry>();
  const code = new Map(controls.map((c) => [c.id, c]));
  for (const version of dsnVersions.filter((v) => v >= 'P24V01')) {
    const catalogue = await loadCatalogue(version);
    for (const m of catalogue.messages) {
      let entry = byId.get(m.id);
      if (!entry) {
        const control = code.get(m.id);
        entry = {
          id: m.id,
          category: m.category,
          rubric: m.rubric,
          severity: severityOf(m.category),
          status: control ? (control.status ?? 'implemented') : 'missing',
          ...(control?.reason ? { reason: control.reason } : {}),
          message: m.message,
          description: m.description,
          versions: [],
          examples: control?.examples?.() ?? [],
        };
        byId.set(m.id, entry);
      }
      entry.message = m.message;
      entry.description = m.description;
      entry.versions.push({
        version,
        description: m.description,
        message: m.message,
        ...(m.aliases ? { aliases: m.aliases } : {}),
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The short form of an entry: `relais controls list --format json`, `GET /v1/controles`. */
export function listItemOf(e: ReferentialEntry) {
  return {
    id: e.id,
    category: e.category,
    rubric: e.rubric,
    severity: e.severity,
    status: e.status,
    message: e.message,
    versions: e.versions.map((v) => v.version),
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

/** The entry an id names, typed loosely (`s21.g00.30.001/cch14`) or as a version's sheet spells it. */
export function findControl(
  entries: readonly ReferentialEntry[],
  typed: string,
): ReferentialEntry | undefined {
  const id = normaliseControlId(typed);
  const spelled = typed.trim();
  return entries.find((e) => e.id === id || e.versions.some((v) => v.aliases?.includes(spelled)));
}

export interface CoverageRow {
  version: string;
  category: ControlCategory;
  total: number;
  implemented: number;
  needsTable: number;
  notApplicable: number;
  missing: number;
}

/** Per version and category: how many of the official controls Relais covers. */
export async function coverage(controls: readonly Control[] = implemented): Promise<CoverageRow[]> {
  const referential = await buildReferential(controls);
  const rows: CoverageRow[] = [];
  for (const version of dsnVersions.filter((v) => v >= 'P24V01')) {
    const listed = referential.filter((e) => e.versions.some((v) => v.version === version));
    for (const category of ['CCH', 'SIG', 'CSL', 'CST', 'CRE', 'CME', 'CID'] as ControlCategory[]) {
      const entries = listed.filter((e) => e.category === category);
      if (entries.length === 0) continue;
      const count = (status: ControlStatus) => entries.filter((e) => e.status === status).length;
      rows.push({
        version,
        category,
        total: entries.length,
        implemented: count('implemented'),
        needsTable: count('needs-table'),
        notApplicable: count('not-applicable'),
        missing: count('missing'),
      });
    }
  }
  return rows;
}

export { categoryOf, rubricOf };
