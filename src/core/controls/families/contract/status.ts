import type { Block } from '../../../parse/tree.ts';
import { numberOf, type Control } from '../../control.ts';
import { is, ref, valueRule, valuesOnlyWhen } from '../../lib/rules.ts';
import { contract, declarationNature, example, pair } from './examples.ts';
import { reservedToChanges, type Extra } from './shared.ts';

/** Statuts, PCS-ESE and their complements, and the job label (S21.G00.40.002–006, 026). */

const status = ref('S21.G00.40.002');
const pcs = ref('S21.G00.40.004');

/** True when one of the contract's S21.G00.71 declares a complementary scheme of `schemes`. */
function hasScheme(contract: Block, schemes: ReadonlySet<string>): boolean {
  const children = contract.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === 'S21.G00.71') {
      const scheme = c.value(2);
      if (scheme !== undefined && schemes.has(scheme)) return true;
    }
  }
  return false;
}

/**
 * "Il doit exister un bloc Retraite complémentaire S21.G00.71 avec un code régime parmi…" when the
 * category is one of `categories` (and `also` holds), except for the railway scheme (134).
 */
function schemeForCategory(
  id: string,
  categories: readonly string[],
  schemes: (version: string) => ReadonlySet<string>,
  also: (contract: Block) => boolean,
  extra: Extra,
): Control {
  return {
    id,
    ...extra,
    requires: [{ rubric: 3, values: categories }],
    check(block, ctx) {
      const rubric = block.rubric(3);
      if (rubric === undefined || !categories.includes(rubric.value)) return;
      if (block.value(20) === '134' || !also(block)) return;
      // A nature whose usage table leaves out the supplementary pension block (the priming report,
      // 08) cannot carry the scheme the rule asks for.
      if (ctx.nature !== undefined && ctx.norm.blockById.get('S21.G00.71')?.usage(ctx.nature)?.used === false)
        return;
      if (!hasScheme(block, schemes(ctx.norm.version))) ctx.fail(rubric);
    },
  };
}

const before2026 = (version: string) => version < 'P26V01';
const executiveSchemes = new Set(['RETC', 'RUAA', 'CNBF']);
const executiveSchemesCavec = new Set([...executiveSchemes, 'CAVEC']);
const nonExecutiveSchemes = new Set(['RETA', 'RUAA']);
const nonExecutiveSchemesCavec = new Set([...nonExecutiveSchemes, 'CAVEC']);
const ircantec = new Set(['IRCANTEC', 'CRPNPAC']);
const scheme = (code: string) => ({ set: 'S21.G00.71.002', value: code });

/**
 * "Si et seulement si le code PCS-ESE est X, le complément doit être (présent et) égal à …; dans le
 * cas contraire, ces valeurs sont interdites." P27V01 moved these ids from rubric 005 to 004.
 */
function pcsComplementIff(
  id: string,
  codes: readonly string[],
  complements: readonly string[],
  extra: Extra,
): Control {
  const own = numberOf(id);
  return {
    id,
    ...extra,
    check(block, ctx) {
      const code = block.value(4);
      const comp = block.rubric(5);
      const pcsMatches = code !== undefined && codes.includes(code);
      const complementMatches = comp !== undefined && complements.includes(comp.value);
      if (pcsMatches === complementMatches) return;
      if (pcsMatches) ctx.fail(block.rubric(own) ?? block);
      else ctx.fail(comp!);
    },
  };
}

/** PCS-ESE codes and the complements that go with them only, under their P24–P26 and P27 ids. */
interface PcsRule {
  p24: string;
  p27: string;
  codes: string[];
  complements: string[];
}

const pcsRules: PcsRule[] = [
  {
    p24: 'S21.G00.40.005/CCH-11',
    p27: 'S21.G00.40.004/CCH-11',
    codes: ['389b'],
    complements: ['T389N', 'T389M', 'C389N', 'C389M'],
  },
  {
    p24: 'S21.G00.40.005/CCH-12',
    p27: 'S21.G00.40.004/CCH-12',
    codes: ['352a'],
    complements: ['NP352', 'P352'],
  },
  {
    p24: 'S21.G00.40.005/CCH-13',
    p27: 'S21.G00.40.004/CCH-13',
    codes: ['463a', '463b', '463c', '463d', '463e'],
    complements: ['06', '07', '08', '09'],
  },
  {
    p24: 'S21.G00.40.005/CCH-14',
    p27: 'S21.G00.40.004/CCH-14',
    codes: ['643a'],
    complements: ['C643', 'L643'],
  },
  {
    p24: 'S21.G00.40.005/SIG-20',
    p27: 'S21.G00.40.004/SIG-16',
    codes: ['546d'],
    complements: ['546dN', '546dM'],
  },
];

const pcsExamples = ({ codes, complements }: PcsRule) => [
  example(`PCS-ESE ${codes[0]} sans complément`, true, contract({ 4: codes[0]! })),
  example(
    `Complément ${complements[0]} avec un autre PCS-ESE (512a)`,
    true,
    contract({ 5: complements[0]! }),
  ),
  example(
    `PCS-ESE ${codes.at(-1)!} avec le complément ${complements.at(-1)!}`,
    false,
    contract({ 4: codes.at(-1)!, 5: complements.at(-1)! }),
  ),
];

/** Spectacle jobs: the complement comes from the ART table, or is one of three fixed values. */
const spectacleJobs = ['353b', '353c', '354b', '354c', '354e', '354f', '465b', '637c'];
const spectacleFixed = new Set(['999SPT', '50', '51']);
const art = { ART: ['A0101', 'A0102'] };

function spectacleComplement(id: string): Control {
  const own = numberOf(id);
  return {
    id,
    status: 'needs-table',
    tables: ['ART'],
    reason:
      "La table ART (nomenclature des emplois du spectacle) n'est publiée que sur le serveur de nomenclatures de net-entreprises. Sans elle, seuls l'absence du complément et les valeurs 999SPT, 50 et 51 sont contrôlées.",
    check(block, ctx) {
      const code = block.value(4);
      if (code === undefined || !spectacleJobs.includes(code)) return;
      const comp = block.value(5);
      if (comp === undefined) {
        ctx.fail(block.rubric(own) ?? block);
        return;
      }
      if (spectacleFixed.has(comp)) return;
      const art = ctx.table('ART');
      if (art !== null && !art.has(comp)) ctx.fail(block.rubric(5)!);
    },
    examples: () => [
      example(
        'Artiste du spectacle (354b) avec un complément absent de la table ART',
        true,
        contract({ 4: '354b', 5: 'XYZ' }),
        {
          tables: art,
        },
      ),
      example(
        'Artiste du spectacle (354b) avec un complément de la table ART',
        false,
        contract({ 4: '354b', 5: 'A0101' }),
        {
          tables: art,
        },
      ),
      example('Artiste du spectacle (354b) sans complément', true, contract({ 4: '354b' })),
      example('Emploi permanent du spectacle (353b, 999SPT)', false, contract({ 4: '353b', 5: '999SPT' })),
      example('Mannequin (637c, 50)', false, contract({ 4: '637c', 5: '50' })),
    ],
  };
}

/** Personnel médical hospitalier: the complement is an entry of the NEH tables (NEHMED and NEHNMED). */
function hospitalComplement(id: string): Control {
  return {
    id,
    status: 'needs-table',
    tables: ['NEH'],
    reason:
      "Les tables NEH des emplois de la fonction publique hospitalière (NEHMED pour les emplois médicaux, NEHNMED pour les autres, à réunir dans un seul fichier NEH) ne sont publiées que sur le serveur de nomenclatures de net-entreprises. Sans elles, seule l'absence du complément est contrôlée.",
    check(block, ctx) {
      if (block.value(26) !== '06') return;
      const comp = block.rubric(5);
      if (comp === undefined) {
        ctx.fail(block.rubric(26)!);
        return;
      }
      const neh = ctx.table('NEH');
      if (neh !== null && !neh.has(comp.value)) ctx.fail(comp);
    },
    examples: () => [
      example('Complément absent de la table NEH', true, contract({ 5: 'Z9999', 26: '06' }), { tables: neh }),
      example('Personnel médical hospitalier sans complément PCS-ESE', true, contract({ 26: '06' })),
      example('Complément présent dans la table NEH', false, contract({ 5: 'M1234', 26: '06' }), {
        tables: neh,
      }),
    ],
  };
}

const neh = { NEH: ['M1234', 'N5678'] };

/**
 * The job label: no character three times in a row except digits and « i » (three « i » allowed,
 * a fourth is not); no special character first. Case-sensitive: the text speaks of « le même
 * caractère », and a « iI » pair is two characters.
 */
const letterOrDigitFirst = /^[\p{L}\p{N}]/u;
const digit = /\d/;

function badJobLabel(label: string): boolean {
  if (label.length > 0 && !letterOrDigitFirst.test(label)) return true;
  let run = 1;
  for (let i = 1; i < label.length; i++) {
    const c = label[i]!;
    run = c === label[i - 1] ? run + 1 : 1;
    if (run < 3 || digit.test(c)) continue;
    if ((c === 'i' || c === 'I') && run === 3) continue;
    return true;
  }
  return false;
}

export const statusControls: Control[] = [
  valuesOnlyWhen('S21.G00.40.003/CCH-11', ['01'], is(status, '03', '04', '08'), {
    examples: () =>
      pair(
        'Cadre (article 4) avec un statut conventionnel « employé » (06)',
        contract({ 2: '06', 3: '01' }),
        'Cadre (article 4) avec le statut « autres cadres » (04)',
        contract({ 3: '01' }),
      ),
  }),
  schemeForCategory(
    'S21.G00.40.003/CCH-16',
    ['01', '02'],
    (v) => (before2026(v) ? executiveSchemes : executiveSchemesCavec),
    () => true,
    {
      examples: () => [
        example('Cadre affilié à l’ARRCO seule (RETA)', true, [...contract({ 3: '01' }), scheme('RETA')]),
        example('Cadre au régime unifié (RUAA)', false, contract({ 3: '01' })),
        example(
          'Cadre dans un signalement d’amorçage (08), sans le bloc S21.G00.71 que la nature n’utilise pas',
          false,
          [declarationNature('08'), ...contract({ 3: '01' }), { removeBlock: 'S21.G00.71' }],
        ),
        example(
          'Cadre affilié à la CAVEC (admis depuis P26V01)',
          false,
          [...contract({ 3: '01' }), scheme('CAVEC')],
          {
            versions: ['P26V01', 'P27V01'],
          },
        ),
        example('Cadre de la branche ferroviaire sans régime complémentaire cadre', false, [
          ...contract({ 3: '01', 20: '134' }),
          scheme('RETA'),
        ]),
      ],
    },
  ),
  schemeForCategory(
    'S21.G00.40.003/CCH-17',
    ['04'],
    (v) => (before2026(v) ? nonExecutiveSchemes : nonExecutiveSchemesCavec),
    (c) => c.value(2) !== '04',
    {
      examples: () => [
        example('Non-cadre employé affilié à la CNBF', true, [...contract({ 2: '06' }), scheme('CNBF')]),
        example('Non-cadre employé au régime unifié (RUAA)', false, contract({ 2: '06' })),
        example(
          'Non-cadre dans un signalement d’amorçage (08), sans le bloc S21.G00.71 que la nature n’utilise pas',
          false,
          [declarationNature('08'), ...contract({ 2: '06' }), { removeBlock: 'S21.G00.71' }],
        ),
        example('Non-cadre avec un statut conventionnel « autres cadres » (04) affilié à la CNBF', false, [
          scheme('CNBF'),
        ]),
      ],
    },
  ),
  {
    id: 'S21.G00.40.003/SIG-12',
    check(block, ctx) {
      const rubric = block.rubric(3);
      if (rubric === undefined || rubric.value === '04' || rubric.value === '98' || rubric.value === '99')
        return;
      if (hasScheme(block, ircantec)) ctx.fail(rubric);
    },
    examples: () =>
      pair(
        'Agent affilié à l’IRCANTEC déclaré cadre (01)',
        [...contract({ 3: '01' }), scheme('IRCANTEC')],
        'Agent affilié à l’IRCANTEC sans statut cadre (98)',
        [...contract({ 3: '98' }), scheme('IRCANTEC')],
      ),
  },
  valuesOnlyWhen('S21.G00.40.003/SIG-15', ['02'], is(status, '05'), {
    examples: () =>
      pair(
        'Extension cadre pour un employé (06)',
        contract({ 2: '06', 3: '02' }),
        'Extension cadre pour une profession intermédiaire (05)',
        contract({ 2: '05', 3: '02' }),
      ),
  }),
  ...pcsRules.flatMap((rule) => [
    pcsComplementIff(rule.p24, rule.codes, rule.complements, { examples: () => pcsExamples(rule) }),
    pcsComplementIff(rule.p27, rule.codes, rule.complements, { examples: () => pcsExamples(rule) }),
  ]),
  spectacleComplement('S21.G00.40.005/CCH-18'),
  spectacleComplement('S21.G00.40.004/CCH-15'),
  hospitalComplement('S21.G00.40.005/CCH-16'),
  hospitalComplement('S21.G00.40.026/CCH-11'),
  valuesOnlyWhen('S21.G00.40.005/CCH-19', ['S001'], is(pcs, '424a'), {
    examples: () =>
      pair(
        'Sportif professionnel (S001) avec le PCS-ESE 512a',
        contract({ 5: 'S001' }),
        'Sportif professionnel (S001) avec le PCS-ESE 424a',
        contract({ 4: '424a', 5: 'S001' }),
      ),
  }),
  reservedToChanges('S21.G00.40.005/CCH-21', '999999', {
    examples: () =>
      pair(
        'Complément PCS-ESE 999999',
        contract({ 5: '999999' }),
        'Complément PCS-ESE réel',
        contract({ 4: '643a', 5: 'C643' }),
      ),
  }),
  valueRule('S21.G00.40.006/CSL-11', badJobLabel, {
    examples: () => [
      example('Libellé avec trois « L » de suite', true, contract({ 6: 'BOULLLANGER' })),
      example('Libellé commençant par un tiret', true, contract({ 6: '-BOULANGER' })),
      example('Libellé avec quatre « i »', true, contract({ 6: 'AGENT IIII' })),
      example('Libellé avec trois « I » et des chiffres répétés', false, contract({ 6: 'AGENT III 1000' })),
      example('Libellé commençant par une lettre accentuée', false, contract({ 6: 'ÉBÉNISTE' })),
    ],
  }),
];
