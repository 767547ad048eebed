import data from './data/idcc.json' with { type: 'json' };
import type { ReferentialSource } from './source.ts';

/**
 * Every collective agreement (IDCC) of `@socialgouv/kali-data`, extracted once by
 * `scripts/extract-idcc.ts` into `data/idcc.json` (the package unpacks to 175 MB, so it is not a
 * dependency). kali-data holds the national agreements of Légifrance's KALI base; the norm's
 * `REF_IDCC` / `CCN` tables follow the Ministry of Labour's list, which also has regional and
 * departmental agreements.
 */
export interface IdccList {
  source: ReferentialSource;
  agreements: readonly { idcc: string; title: string }[];
}

/** Small enough (40 KB) to be imported as it is, in Node and in a browser bundle. */
export function loadIdccList(): IdccList {
  return { source: { package: data.package, version: data.version }, agreements: data.agreements };
}
