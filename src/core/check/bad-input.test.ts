import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, codes, find, minimal } from '../../../test/helpers.ts';
import { latin1Bytes } from '../parse/latin1.ts';
import { checkDsn } from './check.ts';

describe('bad input', () => {
  it('reports an empty file', async () => {
    const report = await check('');
    expect(codes(report)).toEqual(['RELAIS-FILE-EMPTY']);
    expect(report.summary.blocking).toBe(1);
  });

  it('gives up early on binary data, without reading the rest of a 5 GB stream', async () => {
    let chunksRead = 0;
    const chunk = new Uint8Array(1 << 20).map((_, i) => (i * 7919) % 256);
    async function* fiveGigabytes() {
      for (let i = 0; i < 5 * 1024; i++) {
        chunksRead++;
        yield chunk;
      }
    }
    const before = process.memoryUsage().rss;
    const report = await checkDsn(fiveGigabytes());
    expect(codes(report)).toContain('RELAIS-FILE-NOT-DSN');
    expect(chunksRead).toBeLessThan(5);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('recognises files in another format', async () => {
    const formats = {
      pdf: '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
      csv: 'nir;nom;prenom\n1850775123456;DUPONT;JEAN\n',
      xml: '<?xml version="1.0"?>\n<dsn><envoi/></dsn>\n',
    };
    for (const text of Object.values(formats)) {
      const report = await check(text);
      expect(codes(report)).toContain('RELAIS-FILE-NOT-DSN');
      expect(find(report, 'RELAIS-FILE-NOT-DSN')[0]!.message).toContain("n'a la forme d'une rubrique");
    }
  });

  it('reports a file cut in the middle of a line', async () => {
    const text = minimal();
    const report = await check(text.slice(0, text.indexOf("S21.G00.51.013,'1800.00'") + 20));
    expect(codes(report)).toEqual([
      'RELAIS-ENVOI-INCOMPLETE',
      'RELAIS-LINE-NO-EOL',
      'RELAIS-LINE-SYNTAX',
      'RELAIS-RUBRIC-MANDATORY',
    ]);
    expect(find(report, 'RELAIS-LINE-SYNTAX')[0]).toMatchObject({ line: 80 });
  });

  it('skips a 2 MB line with one diagnostic, and checks the rest of the file', async () => {
    const long = "S21.G00.30.004,'" + 'A'.repeat(2 * 1024 * 1024) + "'";
    const text = minimal().replace("S21.G00.30.004,'CHARLES'", long);
    const report = await check(text, { chunk: 256 * 1024 });
    const [d] = find(report, 'RELAIS-LINE-TOO-LONG');
    expect(d).toMatchObject({ line: 39 });
    expect(d!.message).toMatch(/2\s097\s169 caractères/u);
    expect(d!.value!.length).toBeLessThanOrEqual(81);
    expect(report.individuals).toBe(1);
    expect(find(report, 'RELAIS-RUBRIC-MANDATORY').map((x) => x.rubric)).toEqual(['S21.G00.30.004']);
  });

  it('never throws on a value full of unusual bytes', async () => {
    const bytes = latin1Bytes(minimal());
    const out = new Uint8Array(bytes.length + 256);
    const at = minimal().indexOf("'CHARLES'") + 1;
    out.set(bytes.subarray(0, at));
    for (let i = 0; i < 256; i++) out[at + i] = i === 10 || i === 39 ? 32 : i;
    out.set(bytes.subarray(at), at + 256);
    const report = await check(out);
    expect(codes(report)).toEqual(
      expect.arrayContaining(['RELAIS-LINE-CONTROL-CHAR', 'RELAIS-ENCODING-CP1252', 'RELAIS-VALUE-LENGTH']),
    );
  });
});

describe('relais check (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
  const run = (...args: string[]) => runWith(undefined, ...args);
  const runWith = (input: string | undefined, ...args: string[]) =>
    spawnSync(process.execPath, ['bin/relais.js', 'check', ...args], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '../../..'),
      ...(input !== undefined ? { input } : {}),
    });

  it('exits 0 on a conform file, 1 on a blocking anomaly, 2 on an unreadable file', () => {
    const good = join(dir, 'good.dsn');
    const bad = join(dir, 'bad.dsn');
    writeFileSync(good, minimal(), 'latin1');
    writeFileSync(bad, minimal().replace("'732829320'", "'732829321'"), 'latin1');
    // The minimal declaration is conform to the norm's tables; the control catalogue has its own tests.
    expect(run('--no-controls', good).status).toBe(0);
    const failed = run(bad);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('S10.G00.01.001/CSL-11');
    const missing = run(join(dir, 'absent.dsn'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`relais : Fichier introuvable : ${join(dir, 'absent.dsn')}\n`);
  });

  it('exits 2 on a file that is no declaration (PDF, binary, empty), still reporting why', () => {
    const pdf = join(dir, 'bulletin.pdf');
    writeFileSync(
      pdf,
      '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
      'latin1',
    );
    const binary = join(dir, 'archive.zip');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const empty = join(dir, 'vide.dsn');
    writeFileSync(empty, '');
    for (const [file, code] of [
      [pdf, 'RELAIS-FILE-NOT-DSN'],
      [binary, 'RELAIS-FILE-NOT-DSN'],
      [empty, 'RELAIS-FILE-EMPTY'],
    ] as const) {
      const text = run(file);
      expect([file, text.status]).toEqual([file, 2]);
      expect(text.stdout).toContain(code);
      const json = run('--format', 'json', file);
      expect(json.status).toBe(2);
      const groups = (JSON.parse(json.stdout) as { groups: { code: string }[] }).groups;
      expect(groups.map((g) => g.code)).toContain(code);
    }
    // One unreadable file among declarations: the command's code is the unreadable file's.
    const bad = join(dir, 'bad.dsn');
    writeFileSync(bad, minimal().replace("'732829320'", "'732829321'"), 'latin1');
    expect(run(bad, pdf).status).toBe(2);
    expect(runWith('', '-').status).toBe(2);
  });

  it('rejects misuse with exit code 2 and no stack trace', () => {
    const good = join(dir, 'good.dsn');
    writeFileSync(good, minimal(), 'latin1');
    const norm = run('--norm', 'P99V01', good);
    expect(norm.status).toBe(2);
    expect(norm.stderr).toContain('Version de norme inconnue « P99V01 »');
    const format = run('--format', 'xml', good);
    expect(format.status).toBe(2);
    expect(run(dir).stderr).toContain('est un dossier');
    expect(format.stderr).not.toContain('    at ');
  });

  it('writes one JSON object per file under "files" for several files', () => {
    const good = join(dir, 'good.dsn');
    writeFileSync(good, minimal(), 'latin1');
    const out = run('--no-controls', '--format', 'json', good, good);
    const body = JSON.parse(out.stdout) as { files: { file: string; summary: { blocking: number } }[] };
    expect(body.files.map((f) => f.summary.blocking)).toEqual([0, 0]);
  });

  it('reads the standard input for "-", once', () => {
    const bad = minimal().replace("'732829320'", "'732829321'");
    const piped = runWith(bad, '-');
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain("Relais — auto-contrôle de l'entrée standard");
    expect(piped.stdout).toContain('S10.G00.01.001/CSL-11');
    const json = JSON.parse(runWith(minimal(), '--no-controls', '--format', 'json', '-').stdout) as {
      file: string;
      summary: { blocking: number };
    };
    expect(json).toMatchObject({ file: '-', summary: { blocking: 0 } });
    const twice = runWith(minimal(), '-', '-');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("ne peut être lu qu'une fois");
  });
});
