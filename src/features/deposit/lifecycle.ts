import { findCurrentMonthly, findReplaceable, lockEstablishmentMonths } from './declarations-repository.ts';
import { cancelsEarlier } from '../../core/controls/families/platform.ts';
import type { Declarant, Executor } from '../../platform/store/schema.ts';
import { monthlyDeadline } from './deadline.ts';
import { outsidePerimeter } from './permissions.ts';
import { monthlyNatures, type DeclarationIdentity } from './declaration-identity.ts';
import { platformDiagnostic, replacementUnknown } from './platform-rules.ts';
import type { DeclarationTally } from './tally.ts';

/** A declaration as the ingestion saw it. */
export interface IngestedDeclaration {
  id: string;
  /** What its rows point to. */
  key: number;
  identity: DeclarationIdentity;
  individuals: number;
  lastLine: number;
  /** Resource lines written for its payments (DRM). */
  resourceLines: number;
}

/** A declaration a new one replaces or cancels, as the outbox names it. */
export interface ClosedDeclaration {
  id: string;
  key: number;
  status: 'superseded' | 'cancelled';
  siret: string | null;
  month: string | null;
  nature: string | null;
}

export interface Decision extends IngestedDeclaration {
  status: 'conform' | 'rejected';
  /**
   * Its establishment lies outside the perimeter of the declarant filing it, whatever else
   * rejected it: a refusal for who sent it, not for what was sent.
   */
  outsideScope: boolean;
  /** The declaration this one closes, and how. */
  closes: ClosedDeclaration | null;
  deadline: Date | null;
  late: boolean | null;
  headcount: number | null;
  headcountSource: 'S21.G00.06.009' | 'individuals' | null;
}

const monthlyData = new Set(['01', '02']);

/**
 * Applies the declaration lifecycle, inside the deposit's transaction: scope, duplicate monthly
 * declaration, annule-et-remplace and annulation (S20.G00.05.006/CID-11), deadline. Refusals are
 * reported as diagnostics into the tally, so the report says why. Takes the advisory locks of the
 * establishments and months concerned before reading anything.
 */
export async function decideLifecycle(
  ex: Executor,
  declarations: readonly IngestedDeclaration[],
  tally: DeclarationTally,
  declarant: Pick<Declarant, 'scope'> | null,
  receivedAt: Date,
): Promise<Decision[]> {
  const decisions: Decision[] = declarations.map((d) => ({
    ...d,
    status: 'conform',
    outsideScope: false,
    closes: null,
    ...deadlineOf(d, receivedAt),
  }));
  for (const decision of decisions) {
    const { identity } = decision;
    if (declarant === null) continue;
    const refusal = outsidePerimeter(declarant, identity.siret);
    decision.outsideScope = refusal !== null;
    // A declaration already rejected for its content is reported for that only, as before.
    if (refusal !== null && !tally.rejects(identity.position))
      tally.report(platformDiagnostic('RELAIS-DEPOSIT-OUT-OF-SCOPE', identity, refusal));
  }
  const open = decisions.filter((d) => !tally.rejects(d.identity.position));
  await lockEstablishmentMonths(
    ex,
    open
      .filter((d) => d.identity.siret !== null)
      .map((d) => `${d.identity.siret}:${d.identity.month ?? '-'}`),
  );
  // Identities taken by earlier declarations of this same deposit, and declarations they close.
  const taken = new Set<string>();
  const closed = new Set<string>();
  for (const decision of open) {
    const { identity } = decision;
    const { siret, month, fraction, nature, type } = identity;
    if (siret === null || nature === null || type === null) continue;
    const slot = `${siret}:${month}:${fraction}`;
    if (monthlyNatures.has(nature) && month !== null && fraction !== null && monthlyData.has(type)) {
      const current = taken.has(slot) ? null : await findCurrentMonthly(ex, siret, month, fraction, nature);
      if (taken.has(slot) || current) {
        tally.report(
          platformDiagnostic(
            'RELAIS-DEPOSIT-DUPLICATE',
            identity,
            `Une déclaration mensuelle de l'établissement ${siret} pour ${month.slice(0, 7)} (fraction ${fraction}) est déjà conforme` +
              (current
                ? ` (identifiant ${current.identifier ?? '?'}, déposée le ${current.received_at.toISOString().slice(0, 10)}).`
                : ' dans ce même dépôt.'),
          ),
        );
        continue;
      }
      taken.add(slot);
    } else if (cancelsEarlier(type)) {
      const monthly = monthlyNatures.has(nature);
      // A monthly declaration is replaced by its identity (the norm forbids S20.G00.05.006 for
      // nature 01); a signalement names the one it replaces in S20.G00.05.006.
      const target = monthly
        ? month !== null && fraction !== null && !taken.has(slot)
          ? await findCurrentMonthly(ex, siret, month, fraction, nature)
          : undefined
        : identity.replaces !== null
          ? await findReplaceable(ex, { siret, nature, identifier: identity.replaces, month: null })
          : undefined;
      if (!target || closed.has(target.id)) {
        tally.report(
          await replacementUnknown(
            identity,
            monthly
              ? `aucune déclaration mensuelle conforme et en vigueur de l'établissement ${siret} pour ${month?.slice(0, 7) ?? '?'} (fraction ${fraction ?? '?'}) à ${type === '04' ? 'annuler' : 'remplacer'}`
              : identity.replaces === null
                ? 'S20.G00.05.006 est absente'
                : `aucune déclaration conforme et en vigueur de l'établissement ${siret} n'a l'identifiant ${identity.replaces}`,
          ),
        );
        continue;
      }
      closed.add(target.id);
      decision.closes = {
        id: target.id,
        key: target.key,
        status: type === '04' ? 'cancelled' : 'superseded',
        siret: target.siret,
        month: target.month,
        nature: target.nature,
      };
      if (monthly && type !== '04') taken.add(slot);
    }
  }
  for (const decision of decisions) {
    if (tally.rejects(decision.identity.position)) {
      decision.status = 'rejected';
      decision.closes = null;
    }
  }
  return decisions;
}

function deadlineOf(
  d: IngestedDeclaration,
  receivedAt: Date,
): Pick<Decision, 'deadline' | 'late' | 'headcount' | 'headcountSource'> {
  const { identity } = d;
  // The PASRAU deadline is not in Relais's norm sources: not computed rather than guessed.
  if (identity.nature !== '01' || identity.month === null) {
    return { deadline: null, late: null, headcount: null, headcountSource: null };
  }
  const headcount = identity.declaredHeadcount ?? d.individuals;
  const due = monthlyDeadline(identity.month, headcount);
  return {
    deadline: due?.deadline ?? null,
    late: due ? receivedAt.getTime() > due.deadline.getTime() : null,
    headcount,
    headcountSource: identity.declaredHeadcount !== null ? 'S21.G00.06.009' : 'individuals',
  };
}
