import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAll, generateInMemory } from '../../../test/generator-helpers.ts';
import { isValidSiret } from '../../core/identifiers/check-digits.ts';
import { parseGenerateOptions, parsePasrauOptions } from '../../cli/generate-command.ts';
import { UsageError } from '../../cli/errors.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { identityProblem } from './imposed-identity.ts';
import { generatePasrau, type PasrauOptions } from './pasrau.ts';

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function pasrauInMemory(options: PasrauOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await generatePasrau(
    options,
    { write: async (c: Uint8Array) => void chunks.push(Buffer.from(c)) },
    { loadJson: nodeJsonLoader },
  );
  return Buffer.concat(chunks);
}

const values = (bytes: Buffer, rubric: string) =>
  [...bytes.toString('latin1').matchAll(new RegExp(`^${rubric.replaceAll('.', '\\.')},'([^']*)'`, 'gm'))].map(
    (m) => m[1]!,
  );

/**
 * Files generated before --siren and --siret existed (`relais generate`, same options): without
 * those options a seed must keep giving these exact bytes.
 */
describe('generate without --siren/--siret: the same bytes as before they existed', () => {
  const golden = [
    {
      options: { month: '2026-03', establishments: 1, employees: 5, seed: 3 },
      sha256: '58912b0b4ad08dd61d6cc61d7ebd4ed3a82b4575adddb110e54b945900e02f12',
    },
    {
      options: { month: '2025-06', establishments: 4, employees: 30, seed: 11 },
      sha256: 'd20c8fcb3fb346a16ce4a1e2a3209ae896daf65396a5526a0a0f915dd4296490',
    },
    {
      options: { month: '2026-01', establishments: 2, employees: 8, seed: 5, faults: 0.3 },
      sha256: '660e2cd4e6e8f222d48d85a87a80b131a34bbbc945cc64e7114881b9399983f4',
    },
    {
      options: { month: '2026-03', establishments: 1, employees: 3, seed: 2, nature: '04' as const },
      sha256: '70cb0749f8a67b654802f5803de62f7d7e818585ca8df910309677e887f1ad2a',
    },
  ];
  for (const { options, sha256 } of golden) {
    it(`DSN ${JSON.stringify(options)}`, async () => {
      expect(digest((await generateInMemory(options)).bytes)).toBe(sha256);
    });
  }

  it('PASRAU, 3 payers', async () => {
    const bytes = await pasrauInMemory({ month: '2026-02', payers: 3, beneficiaries: 12, seed: 4 });
    expect(digest(bytes)).toBe('f0fc4c6bcfd9c370ddc63d2486d318a47667d4aea055751caf2fa85eac56a5b3');
  });
});

describe('generate --siren / --siret', () => {
  it('puts every establishment in the given SIREN, and the file stays conform', async () => {
    const { bytes } = await generateInMemory({
      month: '2026-01',
      establishments: 3,
      employees: 9,
      seed: 4,
      siren: '552100554',
    });
    expect(new Set(values(bytes, 'S21.G00.06.001'))).toEqual(new Set(['552100554']));
    const nics = values(bytes, 'S21.G00.11.001');
    expect(new Set(nics).size).toBe(3);
    for (const nic of nics) expect(isValidSiret(`552100554${nic}`)).toBe(true);
    const report = await checkAll(bytes);
    expect(report.summary.blocking).toBe(0);
    expect(report.declarations).toBe(3);
  });

  it('gives the first establishment the SIRET, derives the others deterministically', async () => {
    const options = { month: '2025-06', establishments: 4, employees: 12, seed: 11, siret: '55210055400013' };
    const a = await generateInMemory(options);
    const b = await generateInMemory(options);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const nics = values(a.bytes, 'S21.G00.11.001');
    expect(nics[0]).toBe('00013');
    expect(new Set(nics).size).toBe(4);
    for (const nic of nics) expect(isValidSiret(`552100554${nic}`)).toBe(true);
    // The company's head office is the given establishment.
    expect(new Set(values(a.bytes, 'S21.G00.06.002'))).toEqual(new Set(['00013']));
    expect((await checkAll(a.bytes)).summary.blocking).toBe(0);
  });

  it('does the same for the payers of a PASRAU', async () => {
    const bytes = await pasrauInMemory({
      month: '2026-02',
      payers: 3,
      beneficiaries: 6,
      seed: 4,
      siret: '55210055400013',
    });
    expect(new Set(values(bytes, 'S21.G00.06.001'))).toEqual(new Set(['552100554']));
    const nics = values(bytes, 'S21.G00.11.001');
    expect(nics[0]).toBe('00013');
    expect(new Set(nics).size).toBe(3);
    expect((await checkAll(bytes)).summary.blocking).toBe(0);
  });

  it('refuses a bad SIREN or SIRET in French, naming the option', () => {
    expect(identityProblem({ siren: '552100555' })).toMatch(
      /^--siren : la clé du SIREN 552100555 est fausse/,
    );
    expect(identityProblem({ siren: '5521' })).toMatch(/^--siren attend un SIREN de 9 chiffres/);
    expect(identityProblem({ siret: '55210055400014' })).toMatch(/^--siret : la clé du SIRET/);
    expect(identityProblem({ siret: '5521005540001' })).toMatch(/^--siret attend un SIRET de 14 chiffres/);
    expect(identityProblem({ siren: '732829320', siret: '55210055400013' })).toMatch(
      /n'appartient pas au SIREN 732829320 donné par --siren/,
    );
    expect(identityProblem({ siren: '552100554', siret: '55210055400013' })).toBeNull();
    const base = { month: '2026-03', employees: '2', out: 'x.dsn' };
    expect(() => parseGenerateOptions({ ...base, siren: '123456789' })).toThrow(UsageError);
    expect(() => parseGenerateOptions({ ...base, siren: '123456789' })).toThrow(/--siren/);
    expect(() => parsePasrauOptions({ ...base, siret: '12345678901234' })).toThrow(/--siret/);
    expect(parseGenerateOptions({ ...base, siren: '552 100 554' })).toMatchObject({ siren: '552100554' });
  });
});
