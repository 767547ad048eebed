import { describe, expect, it } from 'vitest';
import type { DeclarationView } from './api.ts';
import { gapsOf } from './expected-months.ts';
import { periodsOf } from './portfolio.ts';

const declarant = { declarantId: 'd', scope: '732829320', name: 'Client' };

function declared(siret: string, month: string, headcount: number): DeclarationView {
  return {
    id: `${siret}-${month}`,
    siret,
    month,
    status: 'conform',
    headcount,
    receivedAt: `${month}-28T08:00:00.000Z`,
    late: false,
  } as DeclarationView;
}

describe('the months expected and missing on the dashboard', () => {
  const small = '73282932000074';
  const large = '73282932000090';
  const periods = periodsOf(declarant, [
    declared(small, '2026-01', 12),
    declared(small, '2026-03', 12),
    declared(large, '2026-03', 120),
  ]);

  it('lists each month with no declaration since the first one, up to the current month', () => {
    // 10 April 2026: February was due on 16 March (the 15th a Sunday), April is the current month.
    const gaps = gapsOf(periods, new Date('2026-04-10T10:00:00+02:00'));
    expect(gaps.map((g) => [g.siret, g.month, g.state])).toEqual([
      [small, '2026-02', 'missing'],
      [small, '2026-04', 'expected'],
      [large, '2026-04', 'expected'],
    ]);
  });

  it('says missing once the deadline of the 5th or the 15th has passed, expected before', () => {
    const before = gapsOf(periods, new Date('2026-05-05T09:00:00+02:00'));
    expect(before.filter((g) => g.month === '2026-04').map((g) => [g.siret, g.state])).toEqual([
      [small, 'expected'],
      [large, 'expected'],
    ]);
    // The 5 May 2026 deadline is at noon (Paris): in the afternoon the large employer is late, the small one not yet.
    const after = gapsOf(periods, new Date('2026-05-05T15:00:00+02:00'));
    expect(after.filter((g) => g.month === '2026-04').map((g) => [g.siret, g.state])).toEqual([
      [small, 'expected'],
      [large, 'missing'],
    ]);
    expect(after.find((g) => g.siret === small && g.month === '2026-04')!.deadline).toBe(
      '2026-05-15T10:00:00.000Z',
    );
  });

  it('expects nothing of an establishment before its first declaration', () => {
    const gaps = gapsOf(periods, new Date('2026-03-20T12:00:00+01:00'));
    expect(gaps.filter((g) => g.siret === large)).toEqual([]);
    expect(gaps.map((g) => g.month)).toEqual(['2026-02']);
  });
});
