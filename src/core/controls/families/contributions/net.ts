import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { dateAt, notBefore, sameYearAs, upToFollowingMonth } from '../../lib/periods.ts';

/** Élément de revenu calculé en net (S21.G00.58): the period of a net amount. */

const start = dateAt('S21.G00.58.001');
/** The base's net social amount (type 03) with a period. */
const period = (from: string, to: string): Edit => ({
  insertBefore: 'S21.G00.58.003',
  lines: [`S21.G00.58.001,'${from}'`, `S21.G00.58.002,'${to}'`],
});

export const netControls: Control[] = [
  notBefore('S21.G00.58.002/CCH-11', start, {
    examples: () => [
      {
        title: 'Période du net social qui finit avant de commencer',
        fails: true,
        edits: [period('15012026', '14012026')],
      },
      {
        title: 'Période du net social d’un seul jour',
        fails: false,
        edits: [period('15012026', '15012026')],
      },
    ],
  }),
  upToFollowingMonth('S21.G00.58.002/CCH-12', {
    examples: () => [
      {
        title: 'Net social rattaché à mars pour une déclaration de janvier',
        fails: true,
        edits: [period('01032026', '31032026')],
      },
      {
        title: 'Net social rattaché au mois suivant le mois déclaré (versement en février)',
        fails: false,
        edits: [period('01022026', '28022026')],
      },
    ],
  }),
  sameYearAs('S21.G00.58.002/CCH-13', start, {
    examples: () => [
      {
        title: 'Période du net social à cheval sur deux années',
        fails: true,
        edits: [period('01122025', '31012026')],
      },
      {
        title: 'Période du net social dans une seule année',
        fails: false,
        edits: [period('01012026', '31012026')],
      },
    ],
  }),
  {
    id: 'S21.G00.58.002/CCH-14',
    check(block, ctx) {
      if (block.has(1) !== block.has(2)) ctx.fail(block);
    },
    examples: () => [
      {
        title: 'Date de début de période sans date de fin',
        fails: true,
        edits: [{ insertBefore: 'S21.G00.58.003', lines: ["S21.G00.58.001,'01012026'"] }],
      },
      {
        title: 'Date de fin de période sans date de début',
        fails: true,
        edits: [{ insertBefore: 'S21.G00.58.003', lines: ["S21.G00.58.002,'31012026'"] }],
      },
      { title: 'Période complète', fails: false, edits: [period('01012026', '31012026')] },
      { title: 'Aucune période', fails: false, edits: [] },
    ],
  },
];
