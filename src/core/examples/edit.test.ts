import { describe, expect, it } from 'vitest';
import { compiledNorm } from '../norm/provider.ts';
import { applyEdits, applyEditsTo, type TaggedLine } from './edit.ts';

const twoIndividuals = [
  "S21.G00.30.001,'1850775123456'",
  "S21.G00.40.001,'01032020'",
  "S21.G00.30.001,'2850775123456'",
  "S21.G00.40.001,'01042020'",
  "S90.G00.90.002,'1'",
].join('\n');

describe('edits of a declaration', () => {
  it('removeBlock removes one instance, not the next one after its nested blocks', async () => {
    const norm = await compiledNorm('P26V01');
    const text = applyEdits(twoIndividuals, [{ removeBlock: 'S21.G00.30' }], { norm });
    expect(text.split('\n')).toEqual([
      "S21.G00.30.001,'2850775123456'",
      "S21.G00.40.001,'01042020'",
      "S90.G00.90.002,'1'",
    ]);
  });

  it('keeps the tag of a changed line and asks the tag of an inserted one', () => {
    const lines: TaggedLine<string>[] = twoIndividuals.split('\n').map((text, i) => ({
      text,
      tag: i < 2 ? 'a' : 'b',
    }));
    applyEditsTo(
      lines,
      [
        { set: 'S21.G00.40.001', value: '02032020', occurrence: 2 },
        { insertAfter: 'S21.G00.40.001', lines: ["S21.G00.40.002,'04'"] },
      ],
      { tagOf: (_, at, all, anchor) => `${anchor.tag}+${all[at - 1]!.tag}` },
    );
    expect(lines.map((l) => `${l.tag} ${l.text}`)).toEqual([
      "a S21.G00.30.001,'1850775123456'",
      "a S21.G00.40.001,'01032020'",
      "a+a S21.G00.40.002,'04'",
      "b S21.G00.30.001,'2850775123456'",
      "b S21.G00.40.001,'02032020'",
      "b S90.G00.90.002,'1'",
    ]);
  });
});
