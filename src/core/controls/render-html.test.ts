import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReferential, type ReferentialEntry } from './referential.ts';
import { renderReferential } from './render-html.ts';

/** An entry as the page embeds it for its search script: texts grouped by the versions sharing them. */
interface PageEntry extends Omit<ReferentialEntry, 'versions'> {
  versions: { versions: string[]; message: string; changed: boolean }[];
}

function embedded(html: string): PageEntry[] {
  const data = /<script type="application\/json" id="donnees">([\s\S]*?)<\/script>/.exec(html);
  expect(data).not.toBeNull();
  return JSON.parse(data![1]!) as PageEntry[];
}

describe('published referential (relais controls export --html)', () => {
  it('embeds every control with its versions, status and examples, behind a search field', async () => {
    const entries = await buildReferential();
    const html = renderReferential(entries, '2026-11-23');
    expect(html).toContain('id="recherche"');
    const shown = embedded(html);
    expect(shown.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    const nir = shown.find((e) => e.id === 'S21.G00.30.001/CCH-14')!;
    expect(nir).toMatchObject({ category: 'CCH', rubric: 'S21.G00.30.001', status: 'implemented' });
    expect(nir.versions.flatMap((v) => v.versions)).toEqual(['P24V01', 'P25V01', 'P26V01', 'P27V01']);
    expect(nir.examples.length).toBeGreaterThan(0);
    const needsTable = shown.filter((e) => e.status === 'needs-table');
    expect(needsTable.length).toBeGreaterThan(0);
    expect(needsTable.every((e) => (e.reason ?? '').length > 0)).toBe(true);
  });

  it('keeps markup out of the embedded data, so a message cannot close the script', () => {
    const entry: ReferentialEntry = {
      id: 'S21.G00.30.001/CCH-99',
      category: 'CCH',
      rubric: 'S21.G00.30.001',
      severity: 'blocking',
      status: 'implemented',
      message: '</script><script>alert(1)</script>',
      description: 'x',
      versions: [],
      examples: [],
    };
    const html = renderReferential([entry], '2026-11-23');
    expect(embedded(html)[0]!.message).toBe(entry.message);
  });
});

describe('relais controls export --html', () => {
  it('writes the page, its data, and every file the stylesheet refers to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-referentiel-'));
    const run = spawnSync(process.execPath, ['bin/relais.js', 'controls', 'export', '--html', dir], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '../../..'),
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="dsfr/dsfr.min.css"');
    const entries = JSON.parse(readFileSync(join(dir, 'controls.json'), 'utf8')) as unknown[];
    expect(run.stderr).toContain(`${entries.length} contrôles`);
    const css = readFileSync(join(dir, 'dsfr', 'dsfr.min.css'), 'latin1');
    const referred = [...css.matchAll(/url\("((?:fonts|icons)\/[^"]+)"\)/g)].map((m) => m[1]!);
    expect(referred.some((path) => path.startsWith('icons/'))).toBe(true);
    expect(referred.filter((path) => !existsSync(join(dir, 'dsfr', path)))).toEqual([]);
  });
});
