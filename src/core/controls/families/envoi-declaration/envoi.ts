import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';

/**
 * The envoi (S10) and the rules that span its declarations. Declarations are streamed: rules across
 * them keep a state for the whole envoi (`stateScope: 'envoi'`), filled by a check on S20.G00.05
 * (it runs when each declaration ends) and judged when the envoi ends.
 */

/** A second declaration of the same establishment, appended to the reference one. */
const secondDeclaration = (rubrics: Record<string, string> = {}): Edit => {
  const declaration: Record<string, string> = {
    '001': '01',
    '002': '01',
    '003': '11',
    '004': '2',
    '005': '01012026',
    '007': '06022026',
    '008': '01',
    '010': '01',
    ...rubrics,
  };
  const numbers = Object.keys(declaration).sort();
  return {
    insertBefore: 'S90.G00.90.001',
    lines: [
      ...numbers.map((n) => `S20.G00.05.${n},'${declaration[n]}'`),
      "S21.G00.06.001,'732829320'",
      "S21.G00.06.002,'00074'",
      "S21.G00.11.001,'00074'",
    ],
  };
};

/** An envoi néant holds only monthly declarations without individuals (type 02 or 05). */
const isEmptyMonthly = (nature: string | undefined, type: string | undefined) =>
  nature === '01' && (type === '02' || type === '05');

interface EnvoiKinds {
  declarations: number;
  allEmpty: boolean;
}

/** Identifiers (S20.G00.05.007 ‖ S20.G00.05.004) and cancelled identifiers (S20.G00.05.006) seen. */
interface EnvoiIdentities {
  ids: Set<string>;
  cancelled: Set<string>;
}

const foreignSender: Edit[] = [
  { remove: 'S10.G00.01.005' },
  { remove: 'S10.G00.01.006' },
  { insertAfter: 'S10.G00.01.004', lines: ["S10.G00.01.007,'BE'", "S10.G00.01.008,'1000 BRUXELLES'"] },
];

export const envoiControls: Control[] = [
  {
    id: 'S10.G00.00.007/CCH-11',
    // The deposit point is the envoi's, the nature each declaration's: judged as each one ends.
    block: 'S20.G00.05',
    check(declaration, ctx) {
      if (declaration.value(1) !== '10') return;
      const point = ctx.envoi.root?.rubric(7);
      if (point?.value === '02') ctx.fail(point);
    },
    examples: () => [
      {
        title: 'Signalement DPAE déposé sur le point de dépôt MSA',
        fails: true,
        edits: [
          { set: 'S10.G00.00.007', value: '02' },
          { set: 'S20.G00.05.001', value: '10' },
        ],
      },
      {
        title: 'Signalement DPAE déposé sur net-entreprises',
        fails: false,
        edits: [{ set: 'S20.G00.05.001', value: '10' }],
      },
    ],
  },
  {
    id: 'S10.G00.00.008/CCH-11',
    // Each declaration's nature and type are noted as it ends; the envoi's type is judged at its end.
    block: 'S20.G00.05',
    stateScope: 'envoi',
    state: (): EnvoiKinds => ({ declarations: 0, allEmpty: true }),
    check(declaration, _ctx, kinds: EnvoiKinds) {
      kinds.declarations++;
      if (!isEmptyMonthly(declaration.value(1), declaration.value(2))) kinds.allEmpty = false;
    },
    end(ctx, kinds: EnvoiKinds) {
      const type = ctx.envoi.root?.rubric(8);
      if (kinds.declarations === 0 || type === undefined) return;
      if ((type.value === '02') !== kinds.allEmpty) ctx.fail(type);
    },
    examples: () => [
      {
        title: 'Envoi néant contenant une DSN mensuelle avec individu',
        fails: true,
        edits: [{ set: 'S10.G00.00.008', value: '02' }],
      },
      {
        title: 'Envoi normal ne contenant qu’une DSN mensuelle sans individu',
        fails: true,
        edits: [{ set: 'S20.G00.05.002', value: '02' }],
      },
      {
        title: 'Envoi néant ne contenant qu’une DSN mensuelle sans individu',
        fails: false,
        edits: [
          { set: 'S10.G00.00.008', value: '02' },
          { set: 'S20.G00.05.002', value: '02' },
        ],
      },
      {
        title: 'Envoi normal : une déclaration sans individu et une avec individus',
        fails: false,
        edits: [secondDeclaration({ '002': '02' })],
      },
    ],
  },
  {
    id: 'S20.G00.05.002/CCH-11',
    // Reported on the second declaration of the pair, whichever of the two comes first.
    stateScope: 'envoi',
    state: (): EnvoiIdentities => ({ ids: new Set(), cancelled: new Set() }),
    check(declaration, ctx, seen: EnvoiIdentities) {
      const date = declaration.value(7);
      const order = declaration.value(4);
      const id = date !== undefined && order !== undefined ? date + order : undefined;
      const cancelled = declaration.value(6);
      if (
        (id !== undefined && seen.cancelled.has(id)) ||
        (cancelled !== undefined && seen.ids.has(cancelled))
      ) {
        ctx.fail(declaration.rubric(2) ?? declaration);
      }
      if (id !== undefined) seen.ids.add(id);
      if (cancelled !== undefined) seen.cancelled.add(cancelled);
    },
    examples: () => [
      {
        title: 'Deuxième déclaration annulant et remplaçant la première du même envoi',
        fails: true,
        edits: [secondDeclaration({ '002': '03', '006': '050220261' })],
      },
      {
        title: 'Deuxième déclaration annulant et remplaçant une déclaration d’un envoi précédent',
        fails: false,
        edits: [secondDeclaration({ '002': '03', '006': '050120261' })],
      },
    ],
  },
  addressCoherence(
    'S10.G00.01.005/CCH-12',
    { country: 7, distribution: 8 },
    {
      examples: () => [
        {
          title: 'Émetteur avec un code postal et un code pays',
          fails: true,
          edits: [{ insertAfter: 'S10.G00.01.006', lines: ["S10.G00.01.007,'BE'"] }],
        },
        {
          title: 'Émetteur étranger sans code de distribution à l’étranger',
          fails: true,
          edits: [...foreignSender, { remove: 'S10.G00.01.008' }],
        },
        {
          title: 'Émetteur étranger : code pays et code de distribution',
          fails: false,
          edits: foreignSender,
        },
      ],
    },
  ),
  localityRequired('S10.G00.01.006/CCH-11', 5, {
    examples: () => [
      {
        title: 'Code postal de l’émetteur sans localité',
        fails: true,
        edits: [{ remove: 'S10.G00.01.006' }],
      },
      {
        title: 'Code postal de l’émetteur avec sa localité',
        fails: false,
        edits: [{ set: 'S10.G00.01.006', value: 'PARIS 11' }],
      },
    ],
  }),
];
