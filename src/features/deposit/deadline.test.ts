import { describe, expect, it } from 'vitest';
import { monthlyDeadline, parisNoon } from './deadline.ts';

describe('monthly DSN deadline', () => {
  it('is noon in Paris: 11:00 UTC in winter, 10:00 UTC in summer', () => {
    expect(parisNoon(2026, 1, 15).toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(parisNoon(2026, 7, 15).toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('falls on the 15th under 50 employees and on the 5th from 50', () => {
    expect(monthlyDeadline('2025-12-01', 12)!.deadline.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(monthlyDeadline('2026-05-01', 50)!.deadline.toISOString()).toBe('2026-06-05T10:00:00.000Z');
  });

  it('moves past weekends and public holidays to the next working day', () => {
    // 15 August 2026 is a Saturday and a public holiday: Monday 17th.
    expect(monthlyDeadline('2026-07-01', 3)!.deadline.toISOString()).toBe('2026-08-17T10:00:00.000Z');
    // 15 November 2026 is a Sunday.
    expect(monthlyDeadline('2026-10-01', 3)!.deadline.toISOString()).toBe('2026-11-16T11:00:00.000Z');
    // 5 April 2026 is Easter Sunday, the 6th Easter Monday: Tuesday 7th.
    expect(monthlyDeadline('2026-03-01', 80)!.deadline.toISOString()).toBe('2026-04-07T10:00:00.000Z');
  });

  it('crosses the year for December', () => {
    expect(monthlyDeadline('2026-12-01', 60)!.deadline.toISOString()).toBe('2027-01-05T11:00:00.000Z');
  });
});
