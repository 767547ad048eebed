import type { Control } from '../../control.ts';
import { addressCoherence, localityRequired } from '../../lib/address.ts';
import { absent, forbiddenWhen, is, isOther, ref, requiredIff, requiredWhen } from '../../lib/rules.ts';
import { birthYearPlausible } from '../../lib/years.ts';
import { workplace } from './examples.ts';

/** Work places and user establishments (S21.G00.85), streamed after the individuals. */

const legalNature = ref('S21.G00.85.010');
const privateEmployer = is(legalNature, '05');

/** Civilité, nom, prénoms, date et lieu de naissance: a « particulier employeur »'s (P24V01 only). */
const employerIdentity: [string, string][] = [
  ['S21.G00.85.012/CCH-11', '01'],
  ['S21.G00.85.013/CCH-11', 'DURAND'],
  ['S21.G00.85.015/CCH-11', 'MARIE'],
  ['S21.G00.85.016/CCH-11', '12031960'],
  ['S21.G00.85.017/CCH-11', 'LYON'],
];
const identityOf = (except?: string) =>
  Object.fromEntries(
    employerIdentity.filter(([id]) => id !== except).map(([id, value]) => [id.slice(11, 14), value]),
  );

/** A temporary worker's contract naming the user establishment (S21.G00.40.046). */
const userEstablishment = (siret: string) => ({
  insertAfter: 'S21.G00.40.040',
  lines: [`S21.G00.40.046,'${siret}'`],
});

export const workplaceControls: Control[] = [
  {
    id: 'S21.G00.85.002/CCH-12',
    // Contracts stream before the work places: they fill the state, each work place is judged on it.
    block: ['S21.G00.40', 'S21.G00.85'],
    state: () => new Set<string>(),
    check(block, ctx, users: Set<string>) {
      if (block.id === 'S21.G00.40') {
        const user = block.value(46);
        if (user !== undefined) users.add(user);
        return;
      }
      const id = block.value(1);
      if (id !== undefined && users.has(id) && !block.has(2)) ctx.fail(block);
    },
    examples: () => [
      {
        title: "Établissement utilisateur d'un intérimaire déclaré sans code APET",
        fails: true,
        edits: [userEstablishment('73282932000074'), workplace({ '002': null, '010': '02' })],
      },
      {
        title: 'Lieu de travail sans code APET qui n’est l’établissement utilisateur d’aucun contrat',
        fails: false,
        edits: [userEstablishment('55210055400013'), workplace({ '002': null, '010': '02' })],
      },
    ],
  },
  requiredWhen('S21.G00.85.002/CCH-11', is(legalNature, '01'), {
    examples: () => [
      {
        title: 'Lieu de travail de nature établissement sans code APET',
        fails: true,
        edits: [workplace({ '002': null })],
      },
      {
        title: 'Lieu de travail de nature établissement avec son code APET',
        fails: false,
        edits: [workplace()],
      },
    ],
  }),
  addressCoherence(
    'S21.G00.85.004/CCH-12',
    { country: 6, distribution: 7 },
    {
      examples: () => [
        {
          title: 'Lieu de travail avec un code postal et un code pays',
          fails: true,
          edits: [workplace({ '006': 'BE' })],
        },
        {
          title: 'Lieu de travail à l’étranger sans code de distribution',
          fails: true,
          edits: [workplace({ '004': null, '005': null, '006': 'BE', '010': '02', '011': null })],
        },
        {
          title: 'Lieu de travail à l’étranger : code pays et code de distribution',
          fails: false,
          edits: [
            workplace({
              '004': null,
              '005': null,
              '006': 'BE',
              '007': '1000 BRUXELLES',
              '010': '02',
              '011': null,
            }),
          ],
        },
      ],
    },
  ),
  localityRequired('S21.G00.85.005/CCH-11', 4, {
    examples: () => [
      {
        title: 'Code postal du lieu de travail sans localité',
        fails: true,
        edits: [workplace({ '005': null })],
      },
      { title: 'Code postal du lieu de travail avec sa localité', fails: false, edits: [workplace()] },
    ],
  }),
  requiredWhen('S21.G00.85.011/CCH-11', absent(ref('S21.G00.85.006')), {
    examples: () => [
      {
        title: 'Lieu de travail en France sans code commune',
        fails: true,
        edits: [workplace({ '011': null })],
      },
      {
        title: 'Lieu de travail à l’étranger sans code commune',
        fails: false,
        edits: [
          workplace({
            '004': null,
            '005': null,
            '006': 'BE',
            '007': '1000 BRUXELLES',
            '010': '02',
            '011': null,
          }),
        ],
      },
    ],
  }),
  ...employerIdentity.map(([id, value]) =>
    requiredIff(id, privateEmployer, {
      examples: () => [
        {
          title: 'Particulier employeur dont l’identité est incomplète',
          fails: true,
          edits: [workplace({ '010': '05', '002': null, ...identityOf(id) })],
        },
        {
          title: 'Établissement utilisateur décrit comme un particulier',
          fails: true,
          edits: [workplace({ [id.slice(11, 14)]: value })],
        },
        {
          title: 'Particulier employeur avec son identité complète',
          fails: false,
          edits: [workplace({ '010': '05', '002': null, ...identityOf() })],
        },
      ],
    }),
  ),
  forbiddenWhen('S21.G00.85.014/CCH-11', isOther(legalNature, '05'), {
    examples: () => [
      { title: 'Nom d’usage pour un établissement', fails: true, edits: [workplace({ '014': 'MARTIN' })] },
      {
        title: 'Nom d’usage d’un particulier employeur',
        fails: false,
        edits: [workplace({ '010': '05', '002': null, ...identityOf(), '014': 'MARTIN' })],
      },
    ],
  }),
  birthYearPlausible('S21.G00.85.016/CCH-12', {
    examples: () => [
      {
        title: 'Particulier employeur né en 1900, contrôlé en 2024',
        fails: true,
        today: 20240315,
        edits: [workplace({ '010': '05', '002': null, ...identityOf(), '016': '12031900' })],
      },
      {
        title: 'Particulier employeur né en 1960, contrôlé en 2024',
        fails: false,
        today: 20240315,
        edits: [workplace({ '010': '05', '002': null, ...identityOf() })],
      },
    ],
  }),
];
