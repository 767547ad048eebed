import type { Edit } from '../../examples/edit.ts';
import type { Control } from '../control.ts';

/**
 * "Respect des contraintes calendaires": the datatype check of the reader finds an impossible
 * date and reports it under these official ids (see `CompiledRubric.calendarControl`).
 */
const birthDate = (value: string): Edit[] => [{ set: 'S21.G00.30.006', value }];
const insertBefore = (anchor: string, lines: string[]): Edit[] => [{ insertBefore: anchor, lines }];
const nonSalaried = (birth: string): Edit[] =>
  insertBefore('S90.G00.90.001', [
    "S89.G00.91.001,'1850775123456'",
    "S89.G00.91.002,'MARTIN'",
    "S89.G00.91.004,'PAUL'",
    `S89.G00.91.006,'${birth}'`,
  ]);
const freeShares = (grant: string, vesting: string): Edit[] =>
  insertBefore('S90.G00.90.001', [
    "S89.G00.87.001,'1850775123456'",
    `S89.G00.87.005,'${grant}'`,
    `S89.G00.87.006,'${vesting}'`,
  ]);

export const calendarControls: Control[] = [
  {
    id: 'S21.G00.30.006/CSL-11',
    technical: true,
    examples: () => [
      { title: 'Date de naissance du 31 avril', fails: true, edits: birthDate('31041985') },
      { title: 'Jour de naissance inconnu (99)', fails: false, edits: birthDate('99041985') },
    ],
  },
  {
    id: 'S21.G00.31.011/CSL-11',
    technical: true,
    examples: () => [
      {
        title: 'Ancienne date de naissance du 30 février',
        fails: true,
        edits: [
          {
            insertAfter: 'S21.G00.30.015',
            lines: ["S21.G00.31.001,'01012026'", "S21.G00.31.011,'30021985'"],
          },
        ],
      },
      {
        title: 'Ancienne date de naissance avec mois inconnu (99)',
        fails: false,
        edits: [
          {
            insertAfter: 'S21.G00.30.015',
            lines: ["S21.G00.31.001,'01012026'", "S21.G00.31.011,'14991985'"],
          },
        ],
      },
      {
        title: 'Ancienne date de naissance avec mois inconnu écrit 00 (admis depuis P26V01)',
        fails: false,
        versions: ['P26V01', 'P27V01'],
        edits: [
          {
            insertAfter: 'S21.G00.30.015',
            lines: ["S21.G00.31.001,'01012026'", "S21.G00.31.011,'14001985'"],
          },
        ],
      },
    ],
  },
  {
    id: 'S21.G00.85.016/CSL-11',
    technical: true,
    examples: () => [
      {
        title: "Date de naissance d'un salarié mis à disposition au 31 juin",
        fails: true,
        edits: insertBefore('S90.G00.90.001', [
          "S21.G00.85.001,'73282932000074'",
          "S21.G00.85.010,'01'",
          "S21.G00.85.016,'31061990'",
        ]),
      },
      {
        title: 'Date de naissance réelle',
        fails: false,
        edits: insertBefore('S90.G00.90.001', [
          "S21.G00.85.001,'73282932000074'",
          "S21.G00.85.010,'01'",
          "S21.G00.85.016,'30061990'",
        ]),
      },
    ],
  },
  {
    id: 'S89.G00.32.018/CSL-11',
    technical: true,
    examples: () => [
      {
        title: "Date de naissance du bénéficiaire d'honoraires au 29 février 2023",
        fails: true,
        edits: insertBefore('S90.G00.90.001', [
          "S89.G00.32.001,'AVOCAT'",
          "S89.G00.32.017,'2026'",
          "S89.G00.32.018,'29022023'",
        ]),
      },
      {
        title: 'Date de naissance au 29 février 2024',
        fails: false,
        edits: insertBefore('S90.G00.90.001', [
          "S89.G00.32.001,'AVOCAT'",
          "S89.G00.32.017,'2026'",
          "S89.G00.32.018,'29022024'",
        ]),
      },
    ],
  },
  {
    id: 'S89.G00.87.005/CSL-12',
    technical: true,
    examples: () => [
      { title: "Date d'attribution au 31 septembre", fails: true, edits: freeShares('31092020', '01092024') },
      { title: "Date d'attribution réelle", fails: false, edits: freeShares('30092020', '01092024') },
    ],
  },
  {
    id: 'S89.G00.87.006/CSL-12',
    technical: true,
    examples: () => [
      {
        title: "Date d'acquisition définitive au 31 novembre",
        fails: true,
        edits: freeShares('30092020', '31112024'),
      },
      {
        title: "Date d'acquisition définitive réelle",
        fails: false,
        edits: freeShares('30092020', '30112024'),
      },
    ],
  },
  {
    id: 'S89.G00.89.005/CSL-11',
    technical: true,
    examples: () => [
      {
        title: "Date d'acquisition des titres au 32 janvier",
        fails: true,
        edits: insertBefore('S90.G00.90.001', [
          "S89.G00.89.001,'1850775123456'",
          "S89.G00.89.005,'32012024'",
        ]),
      },
      {
        title: "Date d'acquisition des titres réelle",
        fails: false,
        edits: insertBefore('S90.G00.90.001', [
          "S89.G00.89.001,'1850775123456'",
          "S89.G00.89.005,'31012024'",
        ]),
      },
    ],
  },
  {
    id: 'S89.G00.91.006/CSL-11',
    technical: true,
    examples: () => [
      {
        title: "Date de naissance d'un non-salarié au 31 avril",
        fails: true,
        edits: nonSalaried('31041970'),
      },
      {
        title: 'Date de naissance avec jour et mois inconnus (9999)',
        fails: false,
        edits: nonSalaried('99991970'),
      },
      {
        title: 'Jour et mois inconnus écrits 0000 (admis depuis P26V01)',
        fails: false,
        versions: ['P26V01', 'P27V01'],
        edits: nonSalaried('00001970'),
      },
    ],
  },
];
