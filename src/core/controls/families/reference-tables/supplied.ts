import type { Edit } from '../../../examples/edit.ts';
import type { ControlExample } from '../../../examples/example.ts';
import type { Control } from '../../control.ts';
import { nature } from '../../lib/rules.ts';
import { contractChange, underContract, underEstablishment } from './examples.ts';
import { firstTwo, inTable, lastFourOfCodes, needsTable, type Lookup } from './lookup.ts';

/**
 * CRE controls whose table has no public source Relais can ship: they are written against the
 * table and run when the operator supplies it (`--tables`), silent otherwise. Their examples
 * carry a small table.
 */

type Tables = Readonly<Record<string, readonly string[]>>;

/** A failing and a passing example: the same declaration, the value absent from or in the table. */
function withTable(
  tableId: string,
  edits: Edit[],
  wrong: { title: string; table: readonly string[] },
  right: { title: string; table: readonly string[] },
  extra: Partial<ControlExample> = {},
): ControlExample[] {
  const tables = (codes: readonly string[]): Tables => ({ [tableId]: codes });
  return [
    { ...extra, title: wrong.title, fails: true, edits, tables: tables(wrong.table) },
    { ...extra, title: right.title, fails: false, edits, tables: tables(right.table) },
  ];
}

/** The shape of most of them: one rubric, one table, examples that add the rubric. */
function suppliedTable(
  id: string,
  tableId: string,
  what: string,
  edits: Edit[],
  codes: { wrong: readonly string[]; right: readonly string[] },
  options: { lookup?: Lookup; why?: string; base?: string } = {},
): Control {
  return inTable(id, tableId, {
    reason: needsTable(tableId, what, options.why),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    examples: () =>
      withTable(
        tableId,
        edits,
        { title: `Valeur absente de la table ${tableId} fournie`, table: codes.wrong },
        { title: `Valeur présente dans la table ${tableId} fournie`, table: codes.right },
        options.base ? { base: options.base } : {},
      ),
  });
}

const emitterSiret = '73282932000074';

/**
 * The OES check reads the envoi's emitter (S10.G00.01) but depends on the declaration's nature:
 * it runs on each declaration and reports on the emitter's NIC.
 */
const substitution = nature('09');
const oes: Control = {
  id: 'S10.G00.01.002/CRE-11',
  block: 'S20.G00.05',
  tables: ['OES'],
  status: 'needs-table',
  reason: needsTable('OES', 'organismes habilités à déposer des DSN de substitution'),
  check(declaration, ctx) {
    const table = ctx.table('OES');
    if (table === null || !substitution(declaration, ctx)) return;
    const emitter = ctx.envoi.root?.first('S10.G00.01');
    const siren = emitter?.value(1);
    const nic = emitter?.rubric(2);
    if (siren === undefined || nic === undefined) return;
    if (!table.has(siren + nic.value)) ctx.fail(nic);
  },
  examples: () => [
    {
      title: 'DSN de substitution déposée par un émetteur absent de la table OES',
      fails: true,
      edits: [{ set: 'S20.G00.05.001', value: '09' }],
      tables: { OES: ['55210055400016'] },
    },
    {
      title: 'DSN de substitution déposée par un organisme de la table OES',
      fails: false,
      edits: [{ set: 'S20.G00.05.001', value: '09' }],
      tables: { OES: [emitterSiret] },
    },
    {
      title: 'DSN mensuelle : l’émetteur peut être absent de la table OES',
      fails: false,
      edits: [],
      tables: { OES: ['55210055400016'] },
    },
  ],
};

/** "[…] ou n'est pas égale à DMSA01" in P24V01's message only. */
const opsOrMsa: Lookup = (table, value, ctx) =>
  table.has(value) || (ctx.norm.version === 'P24V01' && value === 'DMSA01');

const establishmentPayment = (id: string) =>
  underEstablishment(
    'S21.G00.20',
    { '001': id },
    {
      '005': '420.00',
      '006': '01012026',
      '007': '31012026',
      '010': '05',
    },
  );

const provident = (rubrics: Record<string, string>) =>
  underEstablishment('S21.G00.15', rubrics, { '001': 'PREV2026', '002': 'P0942', '004': '01', '005': '1' });

const ops = 'organismes de protection sociale';
const pcsWhy =
  'publiée par l’INSEE sans fichier lisible par machine accessible depuis les registres de paquets';

export const suppliedTableControls: Control[] = [
  oes,
  suppliedTable(
    'S20.G00.08.001/CRE-11',
    'DSN_Code_Caisse',
    'ODRT, organismes destinataires d’une déclaration d’absence de rattachement',
    [{ insertAfter: 'S20.G00.05.010', lines: ["S20.G00.08.001,'C0001'"] }],
    { wrong: ['C0002'], right: ['C0001'] },
  ),
  suppliedTable(
    'S21.G00.11.023/CRE-11',
    'OPCO',
    'opérateurs de compétences et leurs codes DSN',
    [{ insertAfter: 'S21.G00.11.022', lines: ["S21.G00.11.023,'03'"] }],
    { wrong: ['01', '02'], right: ['01', '02', '03'] },
  ),
  suppliedTable(
    'S21.G00.13.001/CRE-11',
    'OethAccord',
    'AAETH, accords agréés pour l’emploi des travailleurs handicapés',
    [underEstablishment('S21.G00.13', { '001': 'AAETH0000001', '004': '2025' })],
    { wrong: ['AAETH0000002'], right: ['AAETH0000001'] },
  ),
  suppliedTable(
    'S21.G00.15.002/CRE-11',
    'DSN_Ref_Ops_4_5',
    'PREV, MUT, ASSU et OCI : codes des institutions de prévoyance, mutuelles, sociétés d’assurance et organismes isolés',
    [provident({ '002': 'P0942' })],
    { wrong: ['P0943'], right: ['P0942'] },
  ),
  suppliedTable(
    'S21.G00.16.002/CRE-11',
    'DSN_Ref_Ops_4_5',
    'PREV, MUT, ASSU et OCI : codes des institutions de prévoyance, mutuelles, sociétés d’assurance et organismes isolés',
    [
      provident({ '002': 'P0942' }),
      { insertAfter: 'S21.G00.15.005', lines: ["S21.G00.16.001,'01012026'", "S21.G00.16.002,'A00123'"] },
    ],
    { wrong: ['P0942'], right: ['P0942', 'A00123'] },
  ),
  suppliedTable(
    'S21.G00.20.001/CRE-11',
    'DSN_IdOPS_2_14',
    `IVO, identifiants des ${ops} destinataires d’un versement`,
    [establishmentPayment('78861779300013')],
    { wrong: ['DGFIP'], right: ['DGFIP', '78861779300013'] },
  ),
  suppliedTable(
    'S21.G00.22.001/CRE-11',
    'DSN_IdOPS_5_14',
    `IBC, identifiants des ${ops} destinataires d’un bordereau`,
    [
      underEstablishment('S21.G00.22', {
        '001': '78861779300013',
        '003': '01012026',
        '004': '31012026',
        '005': '420.00',
      }),
    ],
    { wrong: ['77118049400011'], right: ['78861779300013'] },
  ),
  inTable('S21.G00.81.002/CRE-11', 'DSN_IdOPS_bis_2_14', {
    reason: needsTable('DSN_IdOPS_bis_2_14', `ICI, identifiants des ${ops} des cotisations individuelles`),
    lookup: opsOrMsa,
    examples: () => [
      ...withTable(
        'DSN_IdOPS_bis_2_14',
        [],
        { title: 'Organisme absent de la table fournie', table: ['78861779300013'] },
        { title: 'Organisme présent dans la table fournie', table: ['77118049400011'] },
        { base: 'mensuelle' },
      ),
      {
        title: 'DMSA01, admis en P24V01',
        fails: false,
        base: 'mensuelle',
        versions: ['P24V01'],
        edits: [{ set: 'S21.G00.81.002', value: 'DMSA01' }],
        tables: { DSN_IdOPS_bis_2_14: ['77118049400011'] },
      },
      {
        title: 'DMSA01, qui n’est plus admis depuis P25V01',
        fails: true,
        base: 'mensuelle',
        versions: ['P25V01', 'P26V01', 'P27V01'],
        edits: [{ set: 'S21.G00.81.002', value: 'DMSA01' }],
        tables: { DSN_IdOPS_bis_2_14: ['77118049400011'] },
      },
    ],
  }),
  suppliedTable(
    'S21.G00.40.004/CRE-11',
    'Insee_PCS-ESE',
    'nomenclature PCS-ESE des professions et catégories socioprofessionnelles',
    [],
    { wrong: ['512b'], right: ['512a', '512b'] },
    { why: pcsWhy },
  ),
  suppliedTable(
    'S21.G00.41.019/CRE-11',
    'DSN_PCS-ESE',
    'nomenclature PCS-ESE des professions et catégories socioprofessionnelles',
    [contractChange({ '019': '512b' })],
    { wrong: ['512a'], right: ['512a', '512b'] },
    { why: pcsWhy },
  ),
  suppliedTable(
    'S21.G00.40.005/CRE-11',
    'PCS-ESE_Complement_DSN_phase_3',
    'compléments PCS-ESE : CCP, NEHMED, NEHNMED, ART, NET, NNE, FESAIEG, CMET',
    [{ insertAfter: 'S21.G00.40.004', lines: ["S21.G00.40.005,'C643'"] }],
    { wrong: ['L643'], right: ['C643', 'L643'] },
  ),
  suppliedTable(
    'S21.G00.41.020/CRE-11',
    'PCS-ESE_Complement_DSN_phase_3',
    'compléments PCS-ESE : CCP, NEHMED, NEHNMED, ART, NET, NNE, FESAIEG, CMET',
    [contractChange({ '020': 'L643' })],
    { wrong: ['C643'], right: ['C643', 'L643'] },
  ),
  suppliedTable(
    'S21.G00.40.022/CRE-11',
    'REF_CPCP',
    'caisses professionnelles de congés payés, comparées aux deux premiers caractères',
    [{ insertAfter: 'S21.G00.40.020', lines: ["S21.G00.40.022,'19123456'"] }],
    { wrong: ['12', '91'], right: ['12', '19'] },
    { lookup: firstTwo },
  ),
  suppliedTable(
    'S21.G00.41.023/CRE-11',
    'REF_CPCP',
    'caisses professionnelles de congés payés, comparées aux deux premiers caractères',
    [contractChange({ '023': '19123456' })],
    { wrong: ['12', '91'], right: ['12', '19'] },
    { lookup: firstTwo },
  ),
  suppliedTable(
    'S21.G00.40.040/CRE-11',
    'DSN_Code_Risque_ATMP',
    'codes risque accident du travail et maladie professionnelle',
    [],
    { wrong: ['107CA'], right: ['107CA', '107CB'] },
    { why: 'publiée dans les arrêtés annuels de tarification, sans fichier ouvert lisible par machine' },
  ),
  suppliedTable(
    'S21.G00.41.024/CRE-11',
    'DSN_Code_Risque_ATMP',
    'codes risque accident du travail et maladie professionnelle',
    [contractChange({ '024': '107CA' })],
    { wrong: ['107CB'], right: ['107CA', '107CB'] },
    { why: 'publiée dans les arrêtés annuels de tarification, sans fichier ouvert lisible par machine' },
  ),
  suppliedTable(
    'S21.G00.40.052/CRE-11',
    'NNE',
    'nomenclature des emplois de la fonction publique d’État, dont les 4 derniers caractères sont déclarés',
    [{ insertAfter: 'S21.G00.40.040', lines: ["S21.G00.40.052,'A001'"] }],
    { wrong: ['0112B001'], right: ['0112B001', '0112A001'] },
    { lookup: lastFourOfCodes },
  ),
  suppliedTable(
    'S21.G00.41.029/CRE-11',
    'NNE',
    'nomenclature des emplois de la fonction publique d’État, dont les 4 derniers caractères sont déclarés',
    [contractChange({ '029': 'A001' })],
    { wrong: ['0112B001'], right: ['0112B001', '0112A001'] },
    { lookup: lastFourOfCodes },
  ),
  suppliedTable(
    'S21.G00.44.004/CRE-11',
    'MNATA',
    'motifs de non-assujettissement à la taxe d’apprentissage',
    [underEstablishment('S21.G00.44', { '001': '002', '004': '003' })],
    { wrong: ['001', '002'], right: ['001', '002', '003'] },
  ),
  suppliedTable(
    'S21.G00.59.001/CRE-11',
    'REF_ERADS',
    'éléments de revenu associés à des droits spécifiques',
    [{ insertAfter: 'S21.G00.58.004', lines: ["S21.G00.59.001,'002'", "S21.G00.59.002,'100.00'"] }],
    { wrong: ['001'], right: ['001', '002'] },
  ),
  suppliedTable(
    'S21.G00.65.004/CRE-11',
    'FPPositionStatutaireHorsActivite',
    'DET, positions de détachement dans la fonction publique',
    [underContract('S21.G00.65', { '001': '501', '002': '01012026', '004': '002' })],
    { wrong: ['001'], right: ['001', '002'] },
  ),
];
