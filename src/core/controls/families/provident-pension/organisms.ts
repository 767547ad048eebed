import type { ControlContext } from '../../control.ts';
import { ref, type Condition } from '../../lib/rules.ts';

/**
 * What kind of social protection organism (OPS) an identifier (S21.G00.20.001, S21.G00.22.001)
 * names. Two kinds are read from the value itself:
 * - `DGFIP`, written as such;
 * - a prévoyance organism (institution de prévoyance, mutuelle, société d'assurance, OC isolé),
 *   named by its code of 5 to 9 characters (`DSN_Ref_Ops_4_5`: P + 4 digits, A + 4 digits, a
 *   mutuelle's SIREN…), while the other organisms are named by their 14-digit SIRET.
 * Which SIRET is an Urssaf, an Agirc-Arrco institution or the Caisse des congés spectacles is only
 * in the net-entreprises OPS table (IVO/IBC), which is not public: one list of SIRETs per kind,
 * supplied by the operator (`--tables`).
 */
export type OrganismKind = 'dgfip' | 'provident' | 'siret' | 'unknown';

const siret = /^\d{14}$/;
const providentCode = /^[A-Z0-9]{5,9}$/;

export const isDgfip = (id: string | undefined): boolean => id === 'DGFIP' || id === 'DGFiP';

export function organismKind(id: string | undefined): OrganismKind {
  if (id === undefined) return 'unknown';
  if (isDgfip(id)) return 'dgfip';
  if (siret.test(id)) return 'siret';
  return providentCode.test(id) ? 'provident' : 'unknown';
}

export const isProvident = (id: string | undefined): boolean => organismKind(id) === 'provident';

/** Operator-supplied lists of SIRETs, one per kind of organism the controls need to recognise. */
export const opsTables = {
  urssaf: 'DSN_IdOPS_Urssaf',
  agircArrco: 'DSN_IdOPS_AgircArrco',
  congesSpectacles: 'DSN_IdOPS_CongesSpectacles',
} as const;

export const opsReason = (kind: string, table: string): string =>
  `Savoir si l’identifiant d’organisme est ${kind} demande la table des organismes de protection sociale ` +
  `(IVO/IBC de net-entreprises), non publique : la liste de leurs SIRET se fournit comme table ${table}.`;

/** True or false when the table of that kind is supplied, null when it is not. */
export function inOpsTable(ctx: ControlContext, table: string, id: string | undefined): boolean | null {
  const t = ctx.table(table);
  if (t === null) return null;
  return id !== undefined && t.has(id);
}

/** The organism named by `rubricId` (S21.G00.20.001, S21.G00.22.001) is in the supplied table. */
export function organismIn(table: string, rubricId: string): Condition {
  const organism = ref(rubricId);
  return (b, ctx) => inOpsTable(ctx, table, organism(b, ctx)) === true;
}
