import { loadCommunes } from '../../core/referentials/communes.ts';
import { loadNaf, type NafCode } from '../../core/referentials/naf.ts';
import { loadPostalCodes } from '../../core/referentials/postal-codes.ts';
import type { JsonLoader, ReferentialSource } from '../../core/referentials/source.ts';
import { importJson } from '../../core/referentials/source.ts';
import { idccSource } from '../../core/referentials/idcc.ts';
import { Addresses } from './company.ts';
import { BirthPlaces } from './identity.ts';

/** The reference tables the generator draws from, prepared once per process. */
export interface GeneratorReferentials {
  addresses: Addresses;
  birthPlaces: BirthPlaces;
  naf: readonly NafCode[];
  sources: ReferentialSource[];
}

let prepared: Promise<GeneratorReferentials> | null = null;

export function generatorReferentials(load: JsonLoader = importJson): Promise<GeneratorReferentials> {
  prepared ??= (async () => {
    const [communes, postalCodes, naf] = await Promise.all([
      loadCommunes(load),
      loadPostalCodes(load),
      loadNaf(load),
    ]);
    return {
      addresses: new Addresses(postalCodes.entries),
      birthPlaces: new BirthPlaces(communes.communes),
      naf: naf.codes,
      sources: [communes.source, postalCodes.source, naf.source, idccSource],
    };
  })();
  return prepared;
}
