import { describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, setRubric } from '../../../test/deposit-helpers.ts';
import { controls } from '../controls/registry.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { reportOf } from './check.ts';
import { formatText } from './format-text.ts';
import { maskNir } from './places.ts';
import { runPipeline } from './pipeline.ts';
import { anomaliesHtml } from './report-html.ts';

/** The values of a rubric in the file, in order, with their lines. */
function valuesOf(text: string, rubric: string): { line: number; value: string }[] {
  return text
    .split('\n')
    .flatMap((l, i) => (l.startsWith(`${rubric},'`) ? [{ line: i + 1, value: l.slice(16, -1) }] : []));
}

const added = ['individual', 'siret', 'controlPage'];

/**
 * Two establishments; the second individual born in the future (found in its unit), the third one's
 * workplace undeclared (found at the end of the declaration, pointing back to it), the fourth one's
 * NIR malformed.
 */
async function faulted(): Promise<string> {
  let text = await generatedDsn({ month: '2026-02', seed: 4, establishments: 2, employees: 6 });
  const nirs = valuesOf(text, 'S21.G00.30.001');
  text = setRubric(text, 'S21.G00.30.006', '01012090', 2);
  text = setRubric(text, 'S21.G00.40.019', '55210055400013', 3);
  text = setRubric(text, 'S21.G00.30.001', `${nirs[3]!.value.slice(0, 12)}X`, 4);
  return text;
}

async function checked(text: string) {
  const result = await runPipeline([bytesOf(text)], { controls });
  // What the report said before it told whom and where: the diagnostics as the collector has them.
  const before = JSON.stringify(result.diagnostics.diagnostics());
  return { before, report: reportOf(result) };
}

describe('whom and where an anomaly concerns', () => {
  it('masks a NIR but for its last four characters', () => {
    expect(maskNir('1850575123456')).toBe('*********3456');
    expect(maskNir('1234')).toBe('****');
    expect(maskNir('1'.repeat(200))).toHaveLength(20);
  });

  it('names the individual and the establishment, even for a check made at the end of the declaration', async () => {
    const text = await faulted();
    const { report } = await checked(text);
    const starts = valuesOf(text, 'S21.G00.30.001');
    const names = valuesOf(text, 'S21.G00.30.002');
    const firstNames = valuesOf(text, 'S21.G00.30.004');
    const numbers = valuesOf(text, 'S21.G00.30.019');
    const sirets = valuesOf(text, 'S21.G00.06.001').flatMap((siren) =>
      valuesOf(text, 'S21.G00.11.001').map((nic) => siren.value + nic.value),
    );
    const expected = (rank: number) => ({
      line: starts[rank]!.line,
      nir: `*********${starts[rank]!.value.slice(-4)}`,
      name: `${names[rank]!.value} ${firstNames[rank]!.value}`,
      number: numbers[rank]!.value,
    });
    const of = (code: string) => report.diagnostics.find((d) => d.code === code)!;
    expect(of('S21.G00.30.006/CCH-11').individual).toEqual(expected(1));
    // Reported when the declaration ends, long after the third individual was read.
    expect(of('S21.G00.40.019/CCH-11').individual).toEqual(expected(2));
    expect(of('S21.G00.40.019/CCH-11').controlPage).toBe('/referentiel/#S21.G00.40.019/CCH-11');
    expect(of('RELAIS-VALUE-FORMAT').individual).toEqual(expected(3));
    expect(of('RELAIS-VALUE-FORMAT').controlPage).toBeUndefined();
    for (const d of report.diagnostics) {
      if (d.declaration !== undefined) expect(sirets).toContain(d.siret);
      if (d.individual) expect(d.individual.line).toBeLessThanOrEqual(d.line!);
    }
    // The envoi's own anomalies concern nobody.
    const envoi = report.diagnostics.filter((d) => d.declaration === undefined);
    expect(envoi.every((d) => d.individual === undefined && d.siret === undefined)).toBe(true);
  });

  it('only adds fields to the JSON report, after the others', async () => {
    const { before, report } = await checked(await faulted());
    expect(report.diagnostics.some((d) => d.individual !== undefined)).toBe(true);
    const strip = (d: Diagnostic) =>
      Object.fromEntries(Object.entries(d).filter(([key]) => !added.includes(key)));
    expect(JSON.stringify(report.diagnostics.map(strip))).toBe(before);
    for (const d of report.diagnostics) {
      const keys = Object.keys(d);
      const first = keys.findIndex((k) => added.includes(k));
      if (first >= 0) expect(keys.slice(first).every((k) => added.includes(k))).toBe(true);
    }
  });

  it('never prints a NIR in clear in the text and HTML reports', async () => {
    const text = await faulted();
    const { report } = await checked(text);
    const nirs = valuesOf(text, 'S21.G00.30.001').map((n) => n.value);
    // An anomaly on a NIR itself, quoting it, is among those shown.
    const onNir = report.diagnostics.find((d) => d.rubric === 'S21.G00.30.001')!;
    expect(onNir.message).toContain(onNir.value);
    const shown = formatText(report) + anomaliesHtml(report);
    for (const nir of nirs) expect(shown).not.toContain(nir);
    const line = (d: Diagnostic) => `ligne ${d.line}`.padEnd(14);
    const future = report.diagnostics.find((d) => d.code === 'S21.G00.30.006/CCH-11')!;
    const who = future.individual!;
    expect(formatText(report)).toContain(
      `    ${line(future)} S21.G00.30.006,'01012090'\n      Individu : ${who.name}, matricule ${who.number}, NIR ${who.nir} (établissement ${future.siret})\n`,
    );
    const html = anomaliesHtml(report);
    expect(html).toContain(
      '<a href="/referentiel/#S21.G00.30.006/CCH-11" title="Le contrôle dans le référentiel"><code>S21.G00.30.006/CCH-11</code></a>',
    );
    expect(html).toContain(`<th>Concerne</th>`);
    expect(html).toContain(`matricule ${who.number}, NIR <code>${who.nir}</code>`);
  });
});
