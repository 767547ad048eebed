import type { ControlExample } from '../../../examples/example.ts';
import type { Control } from '../../control.ts';
import type { Condition } from '../../lib/rules.ts';
import { underEstablishment } from './examples.ts';
import { inTable, needsTable } from './lookup.ts';

/**
 * Delegates of management (S21.G00.15.003, S21.G00.20.008) are checked against the delegate table
 * of the kind of body the organism's code designates; the kind is read from the code's shape, as
 * each description gives it.
 */

interface Kind {
  table: string;
  what: string;
  /** "code organisme sur 6 positions, préfixé par le caractère A"… */
  shape: RegExp;
  code: string;
}

const insurer: Kind = { table: 'DLGASSU', what: 'sociétés d’assurance', shape: /^A.{5}$/, code: 'A00123' };
const institution: Kind = {
  table: 'DLGPREV',
  what: 'institutions de prévoyance',
  shape: /^P.{4}$/,
  code: 'P0942',
};
const mutual: Kind = { table: 'DLGMUT', what: 'mutuelles', shape: /^\d{9}$/, code: '775685365' };
/** "9 caractères alphanumériques dont un au moins est une lettre". */
const isolated: Kind = {
  table: 'DLGOCI',
  what: 'organismes complémentaires non fédérés par un membre du GIP-MDS',
  shape: /^(?=.*[A-Za-z])[A-Za-z0-9]{9}$/,
  code: 'OC1234567',
};

const organismIs =
  (organismRubric: number, shape: RegExp): Condition =>
  (block) => {
    const organism = block.value(organismRubric);
    return organism !== undefined && shape.test(organism);
  };

const delegate = 'DLG001';

function delegateControl(
  id: string,
  kind: Kind,
  organismRubric: number,
  declare: (organism: string) => ControlExample['edits'],
  other: Kind,
): Control {
  const tables = (codes: string[]) => ({ [kind.table]: codes });
  return inTable(id, kind.table, {
    when: organismIs(organismRubric, kind.shape),
    reason: needsTable(kind.table, `délégataires de gestion des ${kind.what}`),
    examples: () => [
      {
        title: `Délégataire absent de la table des délégataires des ${kind.what}`,
        fails: true,
        edits: declare(kind.code),
        tables: tables(['DLG002']),
      },
      {
        title: `Délégataire présent dans la table des délégataires des ${kind.what}`,
        fails: false,
        edits: declare(kind.code),
        tables: tables([delegate, 'DLG002']),
      },
      {
        title: `Organisme d’un autre type (${other.code}) : la table des ${kind.what} ne s’applique pas`,
        fails: false,
        edits: declare(other.code),
        tables: tables(['DLG002']),
      },
    ],
  });
}

const adhesion = (organism: string) => [
  underEstablishment(
    'S21.G00.15',
    { '002': organism, '003': delegate },
    { '001': 'PREV2026', '004': '01', '005': '1' },
  ),
];

const payment = (organism: string) => [
  underEstablishment(
    'S21.G00.20',
    { '001': organism, '008': delegate },
    {
      '005': '420.00',
      '006': '01012026',
      '007': '31012026',
      '010': '05',
    },
  ),
];

export const delegateControls: Control[] = [
  delegateControl('S21.G00.15.003/CCH-11', insurer, 2, adhesion, institution),
  delegateControl('S21.G00.15.003/CCH-12', institution, 2, adhesion, mutual),
  delegateControl('S21.G00.15.003/CCH-13', mutual, 2, adhesion, isolated),
  delegateControl('S21.G00.15.003/CCH-14', isolated, 2, adhesion, insurer),
  delegateControl('S21.G00.20.008/CCH-11', institution, 1, payment, insurer),
  delegateControl('S21.G00.20.008/CCH-12', insurer, 1, payment, institution),
  delegateControl('S21.G00.20.008/CCH-13', mutual, 1, payment, isolated),
  delegateControl('S21.G00.20.008/CCH-14', isolated, 1, payment, mutual),
];
