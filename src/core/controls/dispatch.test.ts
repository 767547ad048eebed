import { describe, expect, it } from 'vitest';
import type { CompiledBlock } from '../norm/compile.ts';
import { Block, Rubric } from '../parse/tree.ts';
import type { Control } from './control.ts';
import { BlockDispatch, entryOf, keyRubricOf, type RunContext } from './dispatch.ts';

const def = { index: 0 } as CompiledBlock;

/** A S21.G00.81 instance with these rubric numbers and values. */
function block(rubrics: Record<number, string>): Block {
  const b = new Block('S21.G00.81', def, null, 1);
  for (const [number, value] of Object.entries(rubrics))
    b.add(new Rubric(`S21.G00.81.${number.padStart(3, '0')}`, Number(number), value, 1, null));
  return b;
}

/** Controls that record their id when called, the way the engine would call them. */
function recording(calls: string[], controls: Omit<Control, 'check'>[]): Control[] {
  return controls.map((c) => ({ ...c, check: () => void calls.push(c.id) }));
}

function dispatcher(controls: Control[]): BlockDispatch {
  const key = keyRubricOf(controls);
  return new BlockDispatch(
    controls.map((c) => entryOf(c, key, -1, false)),
    key,
  );
}

const engine = { states: [], envoiStates: [] } as unknown as RunContext;

const catalogue: Omit<Control, 'check'>[] = [
  { id: 'always' },
  { id: 'code-076', requires: [{ rubric: 1, values: ['076'] }] },
  { id: 'with-rubric-4', requires: [{ rubric: 4 }] },
  { id: 'code-076-or-100', requires: [{ rubric: 1, values: ['076', '100'] }] },
  { id: 'rubric-3-is-2', requires: [{ rubric: 3, values: ['2'] }] },
  { id: 'rubric-5-or-code-100', requiresAny: [{ rubric: 5 }, { rubric: 1, values: ['100'] }] },
  { id: 'rubric-95', requires: [{ rubric: 95 }] },
];

/** What each block must run, in the catalogue's order. */
const cases: [Record<number, string>, string[]][] = [
  [{ 1: '076', 3: '1' }, ['always', 'code-076', 'code-076-or-100']],
  [
    { 1: '100', 3: '2', 4: '9' },
    ['always', 'with-rubric-4', 'code-076-or-100', 'rubric-3-is-2', 'rubric-5-or-code-100'],
  ],
  [{ 1: '040', 5: '1' }, ['always', 'rubric-5-or-code-100']],
  [{ 3: '2', 95: 'x' }, ['always', 'rubric-3-is-2', 'rubric-95']],
  [{}, ['always']],
];

describe('BlockDispatch', () => {
  it('keys on the rubric whose values most controls require', () => {
    expect(keyRubricOf(recording([], catalogue))).toBe(1);
    expect(
      keyRubricOf(recording([], [{ id: 'a' }, { id: 'b', requires: [{ rubric: 2, values: ['1'] }] }])),
    ).toBe(-1);
  });

  it('runs on each block the controls its rubrics and values let through, in order', () => {
    const calls: string[] = [];
    const dispatch = dispatcher(recording(calls, catalogue));
    for (const round of [1, 2]) {
      for (const [rubrics, expected] of cases) {
        calls.length = 0;
        dispatch.run(block(rubrics), engine);
        expect(calls, `tour ${round}, ${JSON.stringify(rubrics)}`).toEqual(expected);
      }
    }
  });

  it('gives the same answers beyond the shapes it lists and the lists it keeps', () => {
    const calls: string[] = [];
    const dispatch = dispatcher(recording(calls, catalogue));
    // Thousands of shapes (rubrics 10–21 in every combination) and values fill every cache.
    for (let i = 0; i < 5000; i++) {
      const rubrics: Record<number, string> = { 1: i % 3 === 0 ? '076' : `x${i}` };
      for (let bit = 0; bit < 12; bit++) if (i & (1 << bit)) rubrics[10 + bit] = '1';
      calls.length = 0;
      dispatch.run(block(rubrics), engine);
      expect(calls).toEqual(i % 3 === 0 ? ['always', 'code-076', 'code-076-or-100'] : ['always']);
    }
    for (const [rubrics, expected] of cases) {
      calls.length = 0;
      dispatch.run(block(rubrics), engine);
      expect(calls).toEqual(expected);
    }
  });
});
