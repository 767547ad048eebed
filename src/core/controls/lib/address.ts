import { numberOf, type Control } from '../control.ts';
import { requiredWhen } from './rules.ts';

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message'>;

/**
 * "Si le code postal est présent alors le code pays et le code de distribution à l'étranger sont
 * absents et réciproquement" (the id is on the postal code): a French address has a postal code, a
 * foreign one a country and a distribution code, both (the official message: « présents
 * simultanément »). An address left out entirely is the usage rules' business, not this control's.
 */
export function addressCoherence(
  id: string,
  abroad: { country: number; distribution: number },
  extra: Extra = {},
): Control {
  const postal = numberOf(id);
  const { country, distribution } = abroad;
  return {
    id,
    ...extra,
    check(block, ctx) {
      const code = block.rubric(postal);
      const hasCountry = block.has(country);
      const hasDistribution = block.has(distribution);
      if (code !== undefined) {
        if (hasCountry || hasDistribution) ctx.fail(code);
      } else if (hasCountry !== hasDistribution) {
        ctx.fail(block);
      }
    },
  };
}

/** "La localité est obligatoire si le code postal est renseigné" (the id is on the locality). */
export function localityRequired(id: string, postal: number, extra: Extra = {}): Control {
  return requiredWhen(id, (block) => block.has(postal), extra);
}
