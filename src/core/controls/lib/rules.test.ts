import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExample } from '../../../../test/example-runner.ts';
import type { Control } from '../control.ts';
import {
  forbiddenWhen,
  is,
  isOther,
  nature,
  ref,
  requiredIff,
  requiredWhen,
  valueRule,
  valuesOnlyWhen,
} from './rules.ts';

const base = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'bases', 'minimal.dsn'),
  'latin1',
);
const reported = async (control: Control, edits: Parameters<typeof runExample>[1]['edits'] = []) =>
  (await runExample({ ...control, versions: ['P26V01'] }, { title: 't', fails: true, edits }, 'P26V01', base))
    .reported.length;

describe('rule builders', () => {
  // Real ids so the norm's messages apply; the rules are made up for the test.
  const id = 'S21.G00.40.010/CCH-11';

  it('reads a rubric in the block, an ancestor or the declaration context', async () => {
    const natureOfContract = ref('S21.G00.40.007');
    const month = ref('S20.G00.05.005');
    const nic = ref('S21.G00.11.001');
    const sex = ref('S21.G00.30.001');
    const seen: (string | undefined)[] = [];
    const probe: Control = {
      id,
      check: (b, ctx) => void seen.push(natureOfContract(b, ctx), month(b, ctx), nic(b, ctx), sex(b, ctx)),
    };
    await reported(probe);
    expect(seen).toEqual(['01', '01012026', '00074', '1850775123456']);
  });

  it('requiredWhen, forbiddenWhen and requiredIff', async () => {
    const cdd = is(ref('S21.G00.40.007'), '02');
    expect(await reported(requiredWhen(id, cdd))).toBe(0);
    expect(await reported(requiredWhen(id, cdd), [{ set: 'S21.G00.40.007', value: '02' }])).toBe(1);
    const end = ["S21.G00.40.010,'31122026'"];
    expect(
      await reported(forbiddenWhen(id, isOther(ref('S21.G00.40.007'), '02')), [
        { insertAfter: 'S21.G00.40.009', lines: end },
      ]),
    ).toBe(1);
    expect(await reported(requiredIff(id, cdd), [{ insertAfter: 'S21.G00.40.009', lines: end }])).toBe(1);
    expect(
      await reported(requiredIff(id, cdd), [
        { set: 'S21.G00.40.007', value: '02' },
        { insertAfter: 'S21.G00.40.009', lines: end },
      ]),
    ).toBe(0);
  });

  it('valuesOnlyWhen, nature and valueRule', async () => {
    const onlyInSignalements = valuesOnlyWhen('S21.G00.40.007/CCH-11', ['01'], nature('04'));
    expect(await reported(onlyInSignalements)).toBe(1);
    expect(await reported(onlyInSignalements, [{ set: 'S20.G00.05.001', value: '04' }])).toBe(0);
    expect(await reported(valueRule('S21.G00.40.007/CCH-11', (v) => v.length !== 2))).toBe(0);
  });
});
