import { describe, expect, it } from 'vitest';
import { declaredIdentities, DeclaredIdentities } from './declared-identities.ts';

const lines = [
  "S21.G00.11.001,'00012'",
  "S21.G00.30.001,'1791272269066'",
  "S21.G00.30.002,'MICHEL'",
  "S21.G00.30.004,'ARNAUD ALAIN'",
  "S21.G00.30.006,'16121979'",
  "S21.G00.40.001,'01012024'",
  "S21.G00.30.002,'IGNORE'",
  "S21.G00.30.001,'2850375123456'",
  "S21.G00.30.002,'DURAND'",
  "S21.G00.30.004,'ANNE'",
  "S21.G00.30.006,'01031985'",
];

describe('declared identities', () => {
  it('takes each individual’s NIR with its key, names and birth date, in file order', () => {
    expect(declaredIdentities(lines.join('\r\n'))).toEqual([
      { nir: '179127226906662', lastName: 'MICHEL', firstNames: 'ARNAUD ALAIN', birthDate: '1979-12-16' },
      { nir: '285037512345688', lastName: 'DURAND', firstNames: 'ANNE', birthDate: '1985-03-01' },
    ]);
  });

  it('reads a stream line by line as it reads a whole text', () => {
    const streamed = new DeclaredIdentities();
    for (const line of lines) streamed.add(line);
    expect(streamed.persons).toEqual(declaredIdentities(lines.join('\n')));
  });
});
