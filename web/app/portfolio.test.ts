import { describe, expect, it } from 'vitest';
import type { DeclarationView } from './api.ts';
import { periodsOf, stateOf } from './portfolio.ts';

const declarant = { declarantId: 'd', scope: '732829320', name: 'Client' };

function version(overrides: Partial<DeclarationView>): DeclarationView {
  return {
    siret: '73282932000074',
    month: '2026-02',
    status: 'conform',
    receivedAt: '2026-03-10T08:00:00.000Z',
    late: false,
    ...overrides,
  } as DeclarationView;
}

describe('the periods of a portfolio', () => {
  it('shows the replacing version in force, the replaced one kept as history', () => {
    const [period, ...others] = periodsOf(declarant, [
      version({ id: 'b', status: 'conform', receivedAt: '2026-03-12T08:00:00.000Z' }),
      version({ id: 'a', status: 'superseded' }),
    ]);
    expect(others).toEqual([]);
    expect(period!.current.id).toBe('b');
    expect(period!.versions.map((v) => v.id)).toEqual(['a', 'b']);
    expect(stateOf(period!)).toBe('conform');
  });

  it('keeps a conform version in force over a later rejected attempt', () => {
    const [period] = periodsOf(declarant, [
      version({ id: 'a' }),
      version({ id: 'b', status: 'rejected', receivedAt: '2026-03-13T08:00:00.000Z' }),
    ]);
    expect(period!.current.id).toBe('a');
  });

  it('says rejected when no version was accepted, one period per establishment and month', () => {
    const periods = periodsOf(declarant, [
      version({ id: 'a', status: 'rejected' }),
      version({ id: 'c', month: '2026-01' }),
    ]);
    expect(periods.map((p) => [p.month, stateOf(p)])).toEqual([
      ['2026-02', 'rejected'],
      ['2026-01', 'conform'],
    ]);
  });
});
