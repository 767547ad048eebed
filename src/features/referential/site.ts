import { join } from 'node:path';
import { buildReferential, type ReferentialEntry } from '../../core/controls/referential.ts';
import { renderReferential } from '../../core/controls/render-html.ts';
import { buildDirectory } from '../../platform/build-paths.ts';

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

/**
 * The State design system's files, which the page links as `dsfr/…`: the stylesheet and the fonts
 * and icons it refers to, copied from `@codegouvfr/react-dsfr` by the build (`scripts/build.mjs`).
 */
export function dsfrDirectory(): string {
  return join(buildDirectory(), 'dsfr');
}
