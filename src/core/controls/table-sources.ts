import { loadCommuneCodes, loadDepartmentCodes, type CommuneCodes } from '../referentials/communes.ts';
import { loadCountryCodes } from '../referentials/countries.ts';
import { loadIdccList } from '../referentials/idcc-list.ts';
import { loadNaf } from '../referentials/naf.ts';
import { loadPostalCodes } from '../referentials/postal-codes.ts';
import type { JsonLoader, ReferentialSource } from '../referentials/source.ts';
import { codeTable, type ReferenceTable } from './tables.ts';

/**
 * How each public table is built from the maintained packages it comes from. Run by
 * `npm run tables:build`, which writes the resulting code lists to `data/tables.json`: reading
 * the packages (tens of megabytes of JSON) at every check would cost a second and 200 MB.
 */
export type TableBuilder = (load: JsonLoader) => Promise<ReferenceTable>;

const named = (s: ReferentialSource) => `${s.package} ${s.version}`;

/**
 * Countries of the French postal system: the norm's `ISO_3166-1-A2_Pays` ("code pays hors système
 * postal français") excludes them, as the messages of its CRE controls list them (an address
 * there is written with a postal code).
 */
export const frenchPostalCountries: ReadonlySet<string> = new Set(
  'FR GP BL MF MQ GF RE PM YT WF PF NC MC'.split(' '),
);

/**
 * Codes of the Ministry of Labour's IDCC list that are not agreements, absent from kali-data:
 * 9999 "sans convention collective" (the DSN table carries it) and 9998 "convention non encore en
 * vigueur".
 */
const reservedIdcc = ['9998', '9999'];

/** Monaco's postal code: in the French postal system (see above) but in no open file. */
const monacoPostalCode = '98000';

/** Three tables come from the communes file: read it once. */
let communes: Promise<CommuneCodes> | undefined;
function communeCodes(load: JsonLoader): Promise<CommuneCodes> {
  communes ??= loadCommuneCodes(load);
  communes.catch(() => (communes = undefined));
  return communes;
}

async function idccTable(id: string): Promise<ReferenceTable> {
  const list = loadIdccList();
  const codes = new Set([...list.agreements.map((a) => a.idcc), ...reservedIdcc]);
  return codeTable(
    id,
    'Conventions collectives (IDCC)',
    `${named(list.source)} (${list.agreements.length} conventions de la base KALI) et codes réservés ${reservedIdcc.join(', ')}`,
    codes,
  );
}

async function communeTable(id: string, load: JsonLoader): Promise<ReferenceTable> {
  const cog = await communeCodes(load);
  const title = 'Codes INSEE des communes (communes, communes déléguées et associées, arrondissements)';
  return codeTable(id, title, named(cog.source), cog.codes);
}

/** Tables Relais ships, by id. */
export const tableBuilders: Record<string, TableBuilder> = {
  'ISO_3166-1-A2_Pays': async (load) => {
    const countries = await loadCountryCodes(load);
    const codes = new Set([...countries.codes].filter((c) => !frenchPostalCountries.has(c)));
    return codeTable(
      'ISO_3166-1-A2_Pays',
      'Pays (ISO 3166-1 alpha-2) hors système postal français',
      `${named(countries.source)}, sans ${[...frenchPostalCountries].join(', ')}`,
      codes,
    );
  },
  'ISO_3166-1-A2_Pays_All': async (load) => {
    const countries = await loadCountryCodes(load);
    return codeTable(
      'ISO_3166-1-A2_Pays_All',
      'Pays (ISO 3166-1 alpha-2)',
      named(countries.source),
      countries.codes,
    );
  },
  La_Poste_Hexaposte: async (load) => {
    const [postal, cog] = await Promise.all([loadPostalCodes(load), communeCodes(load)]);
    const codes = new Set([...postal.entries.map((e) => e.postalCode), ...cog.postalCodes, monacoPostalCode]);
    return codeTable(
      'La_Poste_Hexaposte',
      'Codes postaux',
      `${named(postal.source)} et ${named(cog.source)} (codes postaux des communes, outre-mer compris) ` +
        `et ${monacoPostalCode} (Monaco) ; sans les codes CEDEX`,
      codes,
    );
  },
  DSN_CodeINSEECommune: (load) => communeTable('DSN_CodeINSEECommune', load),
  DSN_CodeINSEECommune_Postal: (load) => communeTable('DSN_CodeINSEECommune_Postal', load),
  Departement: async (load) => {
    const departments = await loadDepartmentCodes(load);
    return codeTable('Departement', 'Départements (INSEE)', named(departments.source), departments.codes);
  },
  Insee_Naf_2008_4: async (load) => {
    const naf = await loadNaf(load);
    return codeTable(
      'Insee_Naf_2008_4',
      'NAF rév. 2 (sous-classes)',
      named(naf.source),
      new Set(naf.codes.map((c) => c.code)),
    );
  },
  REF_IDCC: () => idccTable('REF_IDCC'),
  CCN: () => idccTable('CCN'),
};
