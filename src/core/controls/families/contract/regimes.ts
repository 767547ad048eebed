import type { Block, Rubric } from '../../../parse/tree.ts';
import { numberOf, type Control, type ControlContext } from '../../control.ts';
import { establishmentSiret } from '../../lib/declaration.ts';
import { forbiddenWhen, is, isOther, ref, valueRule, valuesOnlyWhen } from '../../lib/rules.ts';
import { blockAllowed } from '../../lib/usages.ts';
import { contract, example, pair, workplace } from './examples.ts';
import { required, requiredIffAllowed, type Extra } from './shared.ts';

/** Base schemes (maladie, vieillesse, AT), work place and user establishment (S21.G00.40). */

const contractNature = ref('S21.G00.40.007');
const pensionScheme = ref('S21.G00.40.020');

/** Every contract nature the 994–998 rules list, in the norm's order. */
const natures = [
  '01',
  '02',
  '03',
  '07',
  '08',
  '09',
  '10',
  '20',
  '21',
  '29',
  '32',
  '50',
  '51',
  '52',
  '53',
  '54',
  '60',
  '70',
  '80',
  '81',
  '82',
  '89',
  '90',
  '91',
  '92',
  '93',
];
const except = (kept: string) => natures.filter((n) => n !== kept);

/** "Si le régime vieillesse vaut `code`, la nature du contrat ne peut pas être …". */
const schemeForbidsNatures = (
  id: string,
  code: string,
  forbidden: readonly string[],
  extra: Extra,
): Control =>
  valueRule(id, (v, b) => v === code && forbidden.includes(b.value(7) ?? ''), {
    ...extra,
    requires: [{ rubric: numberOf(id), values: [code] }],
  });

const cnraclForbidden = [
  '01',
  '02',
  '03',
  '07',
  '08',
  '09',
  '10',
  '29',
  '32',
  '60',
  '70',
  '80',
  '81',
  '82',
  '89',
  '90',
  '91',
  '92',
  '93',
];
const penitentiary = ['53', '54'];
/** Travailleur à l'étranger: détaché, frontalier, non concerné. */
const notExpatriate = new Set(['01', '03', '99']);

/** The work place (S21.G00.40.019) is present and is not the establishment itself. */
function workplaceElsewhere(block: Block, ctx: ControlContext): void {
  const workplace = block.rubric(19);
  if (workplace === undefined) ctx.fail(block);
  else if (workplace.value === establishmentSiret(ctx)) ctx.fail(workplace);
}

/** "Si le régime AT vaut …, le code risque doit être …": reported on the risk code. */
function riskCode(
  id: string,
  applies: (block: Block) => boolean,
  allowedCode: (code: string, version: string) => boolean,
  extra: Extra,
): Control {
  return {
    id,
    ...extra,
    check(block, ctx) {
      if (!applies(block)) return;
      const code = block.rubric(40);
      if (code !== undefined && !allowedCode(code.value, ctx.norm.version)) ctx.fail(code);
    },
  };
}

/** Contracts naming a work place, by identifier: the first rubric naming it and how many do. */
type Named = Map<string, { rubric: Rubric; count: number }>;

/**
 * "Un bloc S21.G00.85 doit être présent pour chaque identifiant référencé ici": contracts stream
 * before the work places, so the identifiers wait in the state until the declaration is complete.
 */
function workplaceDeclared(
  id: string,
  number: number,
  skip: (value: string, ctx: ControlContext) => boolean,
  extra: Extra,
): Control<{ named: Named; seen: Set<string> }> {
  return {
    id,
    ...extra,
    block: ['S21.G00.40', 'S21.G00.85'],
    state: () => ({ named: new Map(), seen: new Set() }),
    check(block, ctx, { named, seen }) {
      if (block.id === 'S21.G00.85') {
        const place = block.value(1);
        if (place !== undefined) {
          seen.add(place);
          named.delete(place);
        }
        return;
      }
      const rubric = block.rubric(number);
      if (rubric === undefined || seen.has(rubric.value) || skip(rubric.value, ctx)) return;
      if (!blockAllowed(ctx, 'S21.G00.85')) return;
      const entry = named.get(rubric.value);
      if (entry === undefined) named.set(rubric.value, { rubric, count: 1 });
      else entry.count++;
    },
    end(ctx, { named }) {
      for (const { rubric, count } of named.values())
        ctx.fail(rubric, count > 1 ? `${count} contrats` : undefined);
    },
  };
}

const temporaryWorkRisks = new Set(['745BD', '745BE', '752EE']);
const missionAt = (siret: string) => contract({ 7: '03', 10: '31082026', 19: siret, 46: '55210055400013' });

export const regimeControls: Control[] = [
  workplaceDeclared('S21.G00.40.019/CCH-11', 19, (v, ctx) => v === establishmentSiret(ctx), {
    examples: () => [
      example('Lieu de travail sans bloc S21.G00.85', true, contract({ 19: '55210055400013' })),
      example('Lieu de travail déclaré en S21.G00.85', false, [
        ...contract({ 19: '55210055400013' }),
        workplace('55210055400013'),
      ]),
      example('Lieu de travail dans l’établissement', false, []),
    ],
  }),
  workplaceDeclared('S21.G00.40.046/CCH-13', 46, () => false, {
    examples: () =>
      pair(
        'Établissement utilisateur sans bloc S21.G00.85',
        missionAt('55210055400013'),
        'Établissement utilisateur déclaré en S21.G00.85',
        [...missionAt('55210055400013'), workplace('55210055400013')],
      ),
  }),
  valuesOnlyWhen('S21.G00.40.018/CCH-14', ['300'], is(ref('S10.G00.00.007'), '02'), {
    examples: () =>
      pair(
        'Salarié affilié à la MSA déposé sur net-entreprises',
        contract({ 18: '300', 42: '04' }),
        'Salarié affilié à la MSA déposé auprès de la MSA',
        [{ set: 'S10.G00.00.007', value: '02' }, ...contract({ 18: '300', 42: '04' })],
      ),
  }),
  {
    id: 'S21.G00.40.019/CCH-12',
    requires: [{ rubric: 7, values: ['03'] }],
    check(block, ctx) {
      if (block.value(7) === '03') workplaceElsewhere(block, ctx);
    },
    examples: () => [
      example('Mission dont le lieu de travail est l’agence', true, missionAt('73282932000074')),
      example(
        'Mission sans lieu de travail',
        true,
        contract({ 7: '03', 10: '31082026', 19: null, 46: '55210055400013' }),
      ),
      example('Mission chez l’entreprise utilisatrice', false, missionAt('55210055400013')),
    ],
  },
  {
    ...schemeForbidsNatures('S21.G00.40.020/CCH-12', '120', cnraclForbidden, {}),
    versions: ['P24V01'],
    examples: () =>
      pair(
        'Affilié à la CNRACL en CDI',
        contract({ 20: '120' }),
        'Affilié à la CNRACL en contrat d’emploi pénitentiaire (interdit depuis P25V01)',
        contract({ 7: '53', 20: '120' }),
      ),
  },
  {
    ...schemeForbidsNatures('S21.G00.40.020/CCH-12', '120', [...cnraclForbidden, ...penitentiary], {}),
    versions: ['P25V01', 'P26V01', 'P27V01'],
    examples: () =>
      pair(
        'Affilié à la CNRACL en contrat d’emploi pénitentiaire',
        contract({ 7: '53', 20: '120' }),
        'Fonctionnaire territorial affilié à la CNRACL',
        contract({ 7: '50', 20: '120' }),
      ),
  },
  schemeForbidsNatures('S21.G00.40.020/CCH-13', '995', except('52'), {
    examples: () =>
      pair(
        'Absence d’affiliation d’un cumul d’activité déclarée pour un CDI',
        contract({ 20: '995' }),
        'Absence d’affiliation d’un fonctionnaire en cumul d’activité accessoire',
        contract({ 7: '52', 20: '995' }),
      ),
  }),
  valueRule('S21.G00.40.020/CCH-14', (v, b) => v === '996' && notExpatriate.has(b.value(24) ?? ''), {
    requires: [{ rubric: 20, values: ['996'] }],
    examples: () =>
      pair(
        'Absence d’affiliation d’expatrié pour un salarié non expatrié',
        contract({ 20: '996' }),
        'Absence d’affiliation d’un expatrié',
        contract({ 20: '996', 24: '02' }),
      ),
  }),
  schemeForbidsNatures('S21.G00.40.020/CCH-15', '997', except('29'), {
    examples: () =>
      pair(
        'Absence d’affiliation de stagiaire pour un CDI',
        contract({ 20: '997' }),
        'Absence d’affiliation d’un stagiaire',
        contract({ 7: '29', 10: '30062026', 20: '997' }),
      ),
  }),
  schemeForbidsNatures('S21.G00.40.020/CCH-16', '998', except('81'), {
    examples: () =>
      pair(
        'Absence d’affiliation d’élu pour un CDI',
        contract({ 20: '998' }),
        'Absence d’affiliation d’un élu',
        contract({ 7: '81', 20: '998' }),
      ),
  }),
  schemeForbidsNatures('S21.G00.40.020/CCH-17', '994', except('90'), {
    examples: () =>
      pair(
        'Absence d’affiliation du personnel hospitalo-universitaire pour un CDI',
        contract({ 20: '994' }),
        'Absence d’affiliation du personnel hospitalo-universitaire (autre nature, 90)',
        contract({ 7: '90', 20: '994' }),
      ),
  }),
  riskCode(
    'S21.G00.40.039/CCH-11',
    (b) => b.value(39) === '300',
    (c) => c.startsWith('RA') || c === '999ZZ',
    {
      examples: () =>
        pair(
          'Régime AT agricole avec un code risque du régime général',
          contract({ 39: '300' }),
          'Régime AT agricole avec un code risque agricole',
          contract({ 39: '300', 40: 'RA001' }),
        ),
    },
  ),
  riskCode(
    'S21.G00.40.040/CCH-11',
    (b) => b.value(39) === '147' && !b.has(46),
    (c) => c === '401ZE',
    {
      examples: () => [
        example('Régime AT des IEG avec un autre code risque', true, contract({ 39: '147' })),
        example('Régime AT des IEG avec le code 401ZE', false, contract({ 39: '147', 40: '401ZE' })),
        example(
          'Intérimaire aux IEG avec un autre code risque',
          false,
          contract({ 39: '147', 46: '55210055400013' }),
        ),
      ],
    },
  ),
  riskCode(
    'S21.G00.40.040/CCH-12',
    (b) => (b.value(39) === '200' || b.value(39) === '402') && b.has(46),
    (c, version) => temporaryWorkRisks.has(c) && (c !== '752EE' || version >= 'P25V01'),
    {
      examples: () => [
        example(
          'Intérimaire avec le code risque de l’entreprise utilisatrice',
          true,
          contract({ 46: '55210055400013' }),
        ),
        example(
          'Intérimaire avec le code risque 745BE',
          false,
          contract({ 40: '745BE', 46: '55210055400013' }),
        ),
        example(
          'Intérimaire avec le code risque 752EE (admis depuis P25V01)',
          false,
          contract({ 40: '752EE', 46: '55210055400013' }),
          {
            versions: ['P25V01', 'P26V01', 'P27V01'],
          },
        ),
      ],
    },
  ),
  valueRule('S21.G00.40.040/CCH-15', (v, b) => v.startsWith('RA') && b.value(39) !== '300', {
    examples: () =>
      pair(
        'Code risque agricole au régime général',
        contract({ 40: 'RA001' }),
        'Code risque agricole au régime agricole',
        contract({ 39: '300', 40: 'RA001' }),
      ),
  }),
  requiredIffAllowed('S21.G00.40.042/CCH-11', is(ref('S21.G00.40.018'), '300'), {
    examples: () => [
      example('Affilié à la MSA sans statut APECITA', true, contract({ 18: '300' })),
      example('Statut APECITA au régime général', true, contract({ 42: '04' })),
      example('Affilié à la MSA avec son statut APECITA', false, contract({ 18: '300', 42: '04' })),
    ],
  }),
  requiredIffAllowed('S21.G00.40.043/SIG-11', isOther(ref('S21.G00.40.040'), '999ZZ'), {
    examples: () => [
      example('Code risque sans taux AT', true, []),
      example('Code risque 999ZZ avec un taux AT', true, contract({ 40: '999ZZ', 43: '1.50' })),
      example('Code risque avec son taux AT', false, contract({ 43: '1.50' })),
      example('Code risque 999ZZ sans taux', false, contract({ 40: '999ZZ' })),
    ],
  }),
  {
    ...required('S21.G00.40.046/CCH-11', is(contractNature, '03')),
    versions: ['P24V01'],
    examples: () =>
      pair(
        'Mission sans établissement utilisateur',
        contract({ 7: '03', 10: '31082026', 19: '55210055400013' }),
        'Contrat d’emploi pénitentiaire sans établissement utilisateur (exigé depuis P25V01)',
        contract({ 7: '53' }),
      ),
  },
  {
    ...required('S21.G00.40.046/CCH-11', is(contractNature, '03', ...penitentiary)),
    versions: ['P25V01', 'P26V01', 'P27V01'],
    examples: () =>
      pair(
        'Contrat d’emploi pénitentiaire sans établissement utilisateur',
        contract({ 7: '53' }),
        'Mission avec son établissement utilisateur',
        missionAt('55210055400013'),
      ),
  },
  required('S21.G00.40.046/CCH-12', is(contractNature, '08'), {
    examples: () =>
      pair(
        'CDI intérimaire sans établissement utilisateur',
        contract({ 7: '08' }),
        'CDI intérimaire avec son établissement utilisateur',
        contract({ 7: '08', 46: '55210055400013' }),
      ),
  }),
  {
    id: 'S21.G00.40.074/CCH-11',
    requires: [{ rubric: 74, values: ['03'] }],
    check(block, ctx) {
      if (block.value(74) === '03') workplaceElsewhere(block, ctx);
    },
    examples: () =>
      pair(
        'Salarié d’entreprise adaptée mis à disposition, lieu de travail = établissement',
        contract({ 74: '03' }),
        'Salarié d’entreprise adaptée mis à disposition chez un client',
        contract({ 19: '55210055400013', 74: '03' }),
      ),
  },
  forbiddenWhen('S21.G00.40.075/CCH-11', isOther(pensionScheme, '136'), {
    examples: () =>
      pair(
        'Catégorie de classement finale au régime général',
        contract({ 75: '10' }),
        'Catégorie de classement finale d’un marin (ENIM)',
        contract({ 20: '136', 75: '10' }),
      ),
  }),
];
