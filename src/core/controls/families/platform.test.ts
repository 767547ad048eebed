import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDsn } from '../../check/check.ts';
import { applyEdits, type Edit } from '../../examples/edit.ts';
import { compiledNorm } from '../../norm/provider.ts';
import { latin1Bytes } from '../../parse/latin1.ts';
import type { Control } from '../control.ts';
import { cancelsKnownDeclaration, depositControls, platformControls } from './platform.ts';

const minimal = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'bases', 'minimal.dsn'),
  'latin1',
);

async function codes(controls: Control[], edits: Edit[]): Promise<string[]> {
  const text = applyEdits(minimal, edits, { norm: await compiledNorm('P26V01') });
  const report = await checkDsn([latin1Bytes(text)], { only: controls, technical: false });
  return report.diagnostics.map((d) => d.code);
}

const replacing = (identifier: string): Edit[] => [
  { set: 'S20.G00.05.002', value: '03' },
  { insertAfter: 'S20.G00.05.005', lines: [`S20.G00.05.006,'${identifier}'`] },
];

/** The declaration of `minimal` again, as a second declaration of the same envoi. */
function secondDeclaration(): Edit {
  const lines = minimal.split('\n');
  const from = lines.findIndex((l) => l.startsWith('S20.G00.05.001'));
  const to = lines.findIndex((l) => l.startsWith('S90.'));
  return { insertBefore: 'S90.G00.90.001', lines: lines.slice(from, to) };
}

describe('contrôles des autres acteurs', () => {
  it('are not-applicable in a self-check, with a reason', async () => {
    for (const control of platformControls) {
      expect(control.status, control.id).toBe('not-applicable');
      expect(control.reason, control.id).toBeTruthy();
    }
    expect(await codes(platformControls, [...replacing('010120261234'), secondDeclaration()])).toEqual([]);
  });

  it('CID-11: a cancelling declaration must name a certified declaration', async () => {
    const known = (id: string) => id === '010120261234';
    expect(cancelsKnownDeclaration('03', '010120261234', known)).toBe(true);
    expect(cancelsKnownDeclaration('04', '010120269999', known)).toBe(false);
    expect(cancelsKnownDeclaration('01', '010120269999', known)).toBe(true);
    expect(cancelsKnownDeclaration('05', undefined, known)).toBe(true);

    const controls = depositControls(platformControls, { isCertified: known });
    expect(await codes(controls, replacing('010120269999'))).toEqual(['S20.G00.05.006/CID-11']);
    expect(await codes(controls, replacing('010120261234'))).toEqual([]);
  });

  it('CST-11: one declaration per envoi, machine to machine only', async () => {
    const twice = [secondDeclaration()];
    const m2m = depositControls(platformControls, { channel: 'machine-to-machine' });
    expect(await codes(m2m, twice)).toEqual(['S20.G00.05.001/CST-11']);
    expect(await codes(m2m, [])).toEqual([]);
    expect(await codes(depositControls(platformControls, { channel: 'upload' }), twice)).toEqual([]);
  });
});
