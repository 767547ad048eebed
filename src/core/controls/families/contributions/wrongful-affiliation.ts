import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { beforeDeclaredMonth, dateAt, notAfter, notBefore } from '../../lib/periods.ts';
import { blockLines, inPayment } from '../provident-pension/fixtures.ts';

/**
 * Période d'affiliation à tort à un régime de retraite complémentaire (S21.G00.83) and the bases
 * declared wrongly during it (S21.G00.84).
 */

/** The first block `id` under a child `childId` of the individual, going one or two levels down. */
function firstUnder(individual: Block, childId: string, id: string, deeper?: string): Block | undefined {
  for (const child of individual.children) {
    if (child.id !== childId) continue;
    for (const b of child.children) {
      if (deeper === undefined && b.id === id) return b;
      if (deeper !== undefined && b.id === id) {
        const found = b.children.find((c) => c.id === deeper);
        if (found) return found;
      }
    }
  }
  return undefined;
}

const wrongPension: Edit = { insertAfter: 'S21.G00.71.002', lines: ["S21.G00.72.001,'RETA'"] };
const wrongPeriod = (from: string, to: string, ...bases: [string, string][]): Edit =>
  inPayment(
    blockLines('S21.G00.83', { 1: from, 2: to }),
    ...bases.map(([b, e]) => blockLines('S21.G00.84', { 1: '02', 2: b, 3: e, 4: '1800.00' })),
  );

export const wrongfulAffiliationControls: Control[] = [
  {
    id: 'S21.G00.83.001/CCH-11',
    block: 'S21.G00.30',
    check(individual, ctx) {
      const wrong = firstUnder(individual, 'S21.G00.40', 'S21.G00.71', 'S21.G00.72');
      const period = firstUnder(individual, 'S21.G00.50', 'S21.G00.83');
      if (wrong !== undefined && period === undefined) ctx.fail(wrong);
      else if (wrong === undefined && period !== undefined) ctx.fail(period);
    },
    examples: () => [
      { title: 'Affiliation à tort sans période d’affiliation à tort', fails: true, edits: [wrongPension] },
      {
        title: 'Période d’affiliation à tort sans affiliation à tort',
        fails: true,
        edits: [wrongPeriod('01102025', '31122025')],
      },
      {
        title: 'Affiliation à tort et sa période',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025')],
      },
    ],
  },
  notBefore('S21.G00.83.002/CCH-11', dateAt('S21.G00.83.001'), {
    examples: () => [
      {
        title: 'Période d’affiliation à tort qui finit avant de commencer',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '30092025')],
      },
      {
        title: 'Période d’affiliation à tort d’un trimestre',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025')],
      },
    ],
  }),
  beforeDeclaredMonth('S21.G00.83.002/CCH-12', {
    examples: () => [
      {
        title: 'Période d’affiliation à tort allant jusqu’au mois déclaré',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '15012026')],
      },
      {
        title: 'Période d’affiliation à tort close avant le mois déclaré',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025')],
      },
    ],
  }),
  notBefore('S21.G00.84.002/CCH-11', dateAt('S21.G00.83.001'), {
    examples: () => [
      {
        title: 'Base déclarée à tort commençant avant la période d’affiliation à tort',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '31122025', ['01092025', '30092025'])],
      },
      {
        title: 'Base déclarée à tort dans la période',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025', ['01102025', '31102025'])],
      },
    ],
  }),
  notBefore('S21.G00.84.003/CCH-11', dateAt('S21.G00.84.002'), {
    examples: () => [
      {
        title: 'Base déclarée à tort qui finit avant de commencer',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '31122025', ['01112025', '31102025'])],
      },
      {
        title: 'Base déclarée à tort d’un mois',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025', ['01112025', '30112025'])],
      },
    ],
  }),
  beforeDeclaredMonth('S21.G00.84.003/CCH-12', {
    examples: () => [
      {
        title: 'Base déclarée à tort rattachée au mois déclaré',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '31012026', ['01012026', '31012026'])],
      },
      {
        title: 'Base déclarée à tort rattachée à décembre',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '31122025', ['01122025', '31122025'])],
      },
    ],
  }),
  notAfter('S21.G00.84.003/CCH-13', dateAt('S21.G00.83.002'), {
    examples: () => [
      {
        title: 'Base déclarée à tort finissant après la période d’affiliation à tort',
        fails: true,
        edits: [wrongPension, wrongPeriod('01102025', '30112025', ['01112025', '31122025'])],
      },
      {
        title: 'Base déclarée à tort finissant avec la période',
        fails: false,
        edits: [wrongPension, wrongPeriod('01102025', '30112025', ['01112025', '30112025'])],
      },
    ],
  }),
];
