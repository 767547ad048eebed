import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { child, contract, example, lines } from '../contract/examples.ts';
import { contractOf } from '../contract/shared.ts';

/** The minimal declaration's contract ended on 31 January 2026 for `values[2]` (resignation by default). */
export const ending = (values: Record<number, string> = {}, ...children: string[]) => [
  child(...lines('S21.G00.62', { 1: '31012026', 2: '059', ...values }), ...children),
];

/*
 * S21.G00.62.002/CCH-11: the reasons each contract nature may end for. A nature is allowed
 * outright, or only with one of the public policy schemes (S21.G00.40.008) listed.
 */
type Allowed = Map<string, ReadonlySet<string> | true>;

/** `'01 07 08'` → every nature allowed outright; `{ '01': '61 64 65' }` → allowed with those schemes. */
function allowed(outright: string, withScheme: Record<string, string> = {}): Allowed {
  const map: Allowed = new Map();
  for (const n of outright.split(' ')) if (n) map.set(n, true);
  for (const [n, schemes] of Object.entries(withScheme)) map.set(n, new Set(schemes.split(' ')));
  return map;
}

/** Reasons whose natures gained the penitentiary contracts (53, 54) in P25V01. */
function reasons(p24: boolean): Map<string, Allowed> {
  const pen = p24 ? '' : ' 53 54';
  const early = (extraNatures: string) =>
    allowed(`02 03 10 60 92${extraNatures}`, { '01': '61 64 65', '08': '64 65', '91': '61 64 65' });
  const table: [string, Allowed][] = [
    ['011', allowed('01 07 08 09 82 91')],
    ['012', allowed('01 07 08 09 82 91')],
    ['014', allowed(`01 07 08 09 50 91${pen}`)],
    ['015', allowed('01 07 08 09 82')],
    ['020', allowed(`01 07 08 09 10 50 82 91${pen}`)],
    ['025', allowed('01 07 08 09 91')],
    ['026', allowed('01 09 91')],
    ['031', allowed(`02 10 60 92${pen}`)],
    ['033', allowed('02 03 10 53 54 92')],
    ['034', allowed(`01 02 03 07 08 09 10 50 82 91 92${pen}`)],
    ['035', allowed(`01 02 03 07 08 09 10 50 82 91 92${pen}`)],
    ['036', early(' 53 54')],
    ['037', early(pen)],
    ['038', allowed('01 07 08 09 50 82 91')],
    ['039', allowed(`01 07 08 09 50 82 91${pen}`)],
    ['043', allowed(`01 07 08 09 50 82 91${pen}`)],
    ['058', allowed('01 07 08 09 82 91')],
    ['059', allowed(`01 03 07 08 09 50 82 91${pen}`)],
    ['065', allowed('01 02 08 09 10 82 91 92')],
    [
      '081',
      allowed(pen.trim(), {
        '01': '64 65',
        '03': '64 65',
        '08': '64 65',
        '91': '64 65',
        '02': '64 65 81',
        '92': '64 65 81',
      }),
    ],
    ['083', allowed('01 02 03 09 10 91 92 53 54')],
    ['084', early(' 53 54')],
    ['086', allowed('01 07 08 09 82 91')],
    ['087', allowed('01 07 08 09 50 82 91')],
    ['088', allowed('01 07 08 09 50 82 91')],
    ['089', allowed(`01 07 08 09 82 91${pen}`)],
    ['091', allowed(`01 07 08 09 50 82 91${pen}`)],
    ['092', allowed(`01 07 08 09 50 82 91${pen}`)],
    ['095', allowed('02 03 10 92')],
    ['096', allowed('02 03 10 92')],
    ['097', allowed('02 03 10 92')],
    ['098', allowed('01 02 09 10 91 92')],
    ['110', allowed('01 07 08 09 50 82 91')],
    ['111', allowed('01 07 08 09 82 91')],
    ['112', allowed('01 07 08 09 82 91')],
    ['113', allowed('01 07 08 09 91')],
    ['114', allowed('01 07 08 09 91')],
    ['115', allowed('01 09 91')],
    ['117', allowed('01 09 91')],
    ['118', allowed('32')],
    ['998', allowed('01 02 03 07 08 09 10 91 92')],
    ['999', allowed(`20 21 29 32 50 51 52 70 80 81 89 90${p24 ? ' 53 54' : ''}`)],
  ];
  if (!p24) table.push(['119', allowed('53 54')]);
  return new Map(table);
}

const reasonsP24 = reasons(true);
const reasonsSince2025 = reasons(false);

function reasonAllowed(end: Block, version: string): boolean {
  const code = end.value(2);
  const rules = (version === 'P24V01' ? reasonsP24 : reasonsSince2025).get(code ?? '');
  if (rules === undefined) return true;
  const contract = contractOf(end);
  const natureRule = rules.get(contract?.value(7) ?? '');
  if (natureRule === undefined) return false;
  return natureRule === true || natureRule.has(contract?.value(8) ?? '');
}

export const endReasonControl: Control = {
  id: 'S21.G00.62.002/CCH-11',
  check(block, ctx) {
    if (!reasonAllowed(block, ctx.norm.version)) ctx.fail(block.rubric(2)!);
  },
  examples: () => [
    example('Fin de CDD (031) pour un CDI', true, ending({ 2: '031' })),
    example(
      'Rupture anticipée (036) d’un CDI hors apprentissage ou professionnalisation',
      true,
      ending({ 2: '036' }),
    ),
    example(
      'Fin d’affectation (119) d’un contrat d’emploi pénitentiaire (motif créé en P25V01)',
      false,
      [...contract({ 7: '53' }), ...ending({ 2: '119' })],
      { versions: ['P25V01', 'P26V01', 'P27V01'] },
    ),
    example(
      'Démission d’un détenu (059, admise depuis P25V01)',
      true,
      [...contract({ 7: '53' }), ...ending()],
      {
        versions: ['P24V01'],
      },
    ),
    example('Rupture anticipée (036) d’un CDI d’apprentissage', false, [
      ...contract({ 8: '64' }),
      ...ending({ 2: '036' }),
    ]),
    example('Démission d’un CDI', false, ending()),
    example('Motif sans restriction de nature (066 - décès)', false, ending({ 2: '066' })),
  ],
};
