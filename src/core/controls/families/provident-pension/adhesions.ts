import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { establishment } from '../../lib/declaration.ts';
import { notAfterDeclaredMonth } from '../../lib/dating.ts';
import { detached } from '../../lib/state-keys.ts';
import { adhesion, adhesionLines, affiliation, afterEstablishment } from './fixtures.ts';

/** Adhésion prévoyance (S21.G00.15) and its changes of organism (S21.G00.16). */

/** An earlier sibling of the same block whose rubrics `numbers` hold the same values. */
function repeats(block: Block, numbers: readonly number[]): boolean {
  const parent = block.parent;
  if (parent === null) return false;
  for (const other of parent.children) {
    if (other === block) return false;
    if (other.id !== block.id) continue;
    let same = true;
    for (const n of numbers) {
      if (other.value(n) !== block.value(n)) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}

/** What the declaration's contracts say about the adhesions (filled by its individuals). */
interface Coverage {
  /** Adhesion ids (S21.G00.70.013) referenced by an affiliation. */
  referenced: Set<string>;
  /** A contract of nature 03 or 08 (temporary work) is declared. */
  interim: boolean;
}

/**
 * Until P26V01 the rules do not apply to a temporary work agency (APET 7820Z); from P27V01, where
 * the APET rubric is gone, to a declaration with a temporary work contract.
 */
function exempt(ctx: ControlContext, coverage: Coverage): boolean {
  if (ctx.norm.version === 'P27V01') return coverage.interim;
  return establishment(ctx)?.value(2) === '7820Z';
}

function coverageControl(
  id: string,
  covered: string,
  wrong: (referenced: boolean) => boolean,
): Control<Coverage> {
  return {
    id,
    block: 'S21.G00.40',
    state: () => ({ referenced: new Set(), interim: false }),
    check(contract, _, coverage) {
      const nature = contract.value(7);
      if (nature === '03' || nature === '08') coverage.interim = true;
      for (const c of contract.children) {
        const adhesionId = c.id === 'S21.G00.70' ? c.value(13) : undefined;
        if (adhesionId !== undefined) coverage.referenced.add(detached(adhesionId));
      }
    },
    end(ctx, coverage) {
      const est = establishment(ctx);
      if (est === undefined || exempt(ctx, coverage)) return;
      for (const a of est.children) {
        if (a.id !== 'S21.G00.15' || a.value(4) !== covered) continue;
        const adhesionId = a.value(5);
        if (adhesionId !== undefined && wrong(coverage.referenced.has(adhesionId)))
          ctx.fail(a.rubric(1) ?? a);
      }
    },
  };
}

const temporaryWork = { set: 'S21.G00.40.007', value: '03' } as const;

export const adhesionControls: Control[] = [
  {
    id: 'S21.G00.15.001/CCH-11',
    check(a, ctx) {
      if (a.has(1) && repeats(a, [1, 2])) ctx.fail(a.rubric(1)!);
    },
    examples: () => [
      {
        title: 'Deux adhésions au même contrat du même organisme',
        fails: true,
        edits: [afterEstablishment(adhesionLines(), adhesionLines({ 5: '2' }))],
      },
      {
        title: 'Deux contrats du même organisme',
        fails: false,
        edits: [afterEstablishment(adhesionLines(), adhesionLines({ 1: 'CONTRAT-SANTE', 5: '2' }))],
      },
    ],
  },
  {
    ...coverageControl('S21.G00.15.001/CCH-13', '01', (referenced) => !referenced),
    examples: () => [
      { title: 'Adhésion avec personnel couvert sans aucune affiliation', fails: true, edits: [adhesion()] },
      {
        title: 'Adhésion avec personnel couvert et une affiliation',
        fails: false,
        edits: [adhesion(), affiliation()],
      },
      {
        title: 'Agence de travail temporaire (APET 7820Z) : règle non appliquée jusqu’en P26V01',
        fails: false,
        versions: ['P24V01', 'P25V01', 'P26V01'],
        edits: [{ set: 'S21.G00.11.002', value: '7820Z' }, adhesion()],
      },
      {
        title: 'Contrat de mission déclaré : règle non appliquée depuis P27V01',
        fails: false,
        versions: ['P27V01'],
        edits: [temporaryWork, adhesion()],
      },
      {
        title: 'Contrat de mission en P26V01 : la règle s’applique',
        fails: true,
        versions: ['P24V01', 'P25V01', 'P26V01'],
        edits: [temporaryWork, adhesion()],
      },
    ],
  },
  {
    ...coverageControl('S21.G00.15.001/CCH-14', '02', (referenced) => referenced),
    examples: () => [
      {
        title: 'Adhésion sans personnel couvert référencée par une affiliation',
        fails: true,
        edits: [adhesion({ 4: '02' }), affiliation()],
      },
      {
        title: 'Adhésion sans personnel couvert, sans affiliation',
        fails: false,
        edits: [adhesion({ 4: '02' })],
      },
      {
        title: 'Contrat intérimaire à durée indéterminée déclaré : règle non appliquée depuis P27V01',
        fails: false,
        versions: ['P27V01'],
        edits: [{ set: 'S21.G00.40.007', value: '08' }, adhesion({ 4: '02' }), affiliation()],
      },
    ],
  },
  {
    id: 'S21.G00.15.005/CCH-11',
    check(a, ctx) {
      if (a.has(5) && repeats(a, [5])) ctx.fail(a.rubric(5)!);
    },
    examples: () => [
      {
        title: 'Deux adhésions avec le même identifiant technique',
        fails: true,
        edits: [afterEstablishment(adhesionLines(), adhesionLines({ 1: 'CONTRAT-SANTE' }))],
      },
      {
        title: 'Deux adhésions d’identifiants différents',
        fails: false,
        edits: [afterEstablishment(adhesionLines(), adhesionLines({ 1: 'CONTRAT-SANTE', 5: '2' }))],
      },
    ],
  },
  notAfterDeclaredMonth('S21.G00.16.001/SIG-11', {
    examples: () => [
      {
        title: 'Changement d’organisme daté du mois suivant le mois déclaré',
        fails: true,
        edits: [adhesion({}, ["S21.G00.16.001,'01022026'", "S21.G00.16.002,'P0100'"])],
      },
      {
        title: 'Changement d’organisme daté du mois déclaré',
        fails: false,
        edits: [adhesion({}, ["S21.G00.16.001,'01012026'", "S21.G00.16.002,'P0100'"])],
      },
    ],
  }),
];
