import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildReferential, type ReferentialEntry } from '../../core/controls/referential.ts';
import { renderReferential } from '../../core/controls/render-html.ts';

/**
 * The published referential as files: `relais controls export --html` writes them, `relais serve`
 * serves them under /referentiel/. Node only (the page itself is rendered by the pure core).
 */
export interface ReferentialSite {
  entries: ReferentialEntry[];
  /** `index.html`: the searchable page, its data embedded. */
  html: string;
  /** `controls.json`: every entry, whole. */
  json: string;
}

export async function referentialSite(generatedAt = new Date().toISOString().slice(0, 10)) {
  const entries = await buildReferential();
  return {
    entries,
    html: renderReferential(entries, generatedAt),
    json: JSON.stringify(entries, null, 1) + '\n',
  } satisfies ReferentialSite;
}

/** The State design system's files, which the page links as `dsfr/…`: in this directory… */
export function dsfrDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/dsfr/dsfr.min.css'));
}

/** …the stylesheet, and the fonts and icons it refers to (a few dozen of the package's thousands). */
export function dsfrFiles(directory = dsfrDirectory()): string[] {
  const css = readFileSync(join(directory, 'dsfr.min.css'), 'latin1');
  const referred = new Set<string>();
  for (const [, path] of css.matchAll(/url\(["']?([^"')]+)["']?\)/g))
    if (!/^(data:|[a-z]+:\/\/|\/)/.test(path!)) referred.add(path!.replace(/[?#].*$/, ''));
  return ['dsfr.min.css', ...[...referred].sort()];
}
