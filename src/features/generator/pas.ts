import type { Random } from './rng.ts';

/** Withholding tax (prélèvement à la source) of one payment: S21.G00.50.006 to .009 and .013. */
export interface Withholding {
  /** `01` rate sent by the DGFiP, `13` monthly neutral scale (mainland). */
  type: '01' | '13';
  /** Percentage with two decimals. */
  rate: number;
  /** Identifier of the DGFiP rate, only with type 01. */
  rateId?: string;
}

/**
 * Neutral-rate scale for mainland France (CGI art. 204 H: monthly taxable pay → rate), close to the
 * 2025 scale and used for every year: the thresholds move by a few euros a year.
 */
const neutralScale: readonly [number, number][] = [
  [1620, 0],
  [1683, 0.5],
  [1791, 1.3],
  [1911, 2.1],
  [2042, 2.9],
  [2151, 3.5],
  [2294, 4.1],
  [2714, 5.3],
  [3107, 7.5],
  [3539, 9.9],
  [4349, 11.9],
  [5461, 13.8],
  [7038, 15.8],
  [8950, 17.9],
  [12093, 20],
  [16377, 24],
  [25330, 28],
  [52904, 33],
];

export function neutralRate(taxable: number): number {
  for (const [limit, rate] of neutralScale) if (taxable < limit) return rate;
  return 43;
}

/**
 * Most employees have the personal rate of their household sent by the DGFiP (often 0 %); new
 * employees whose rate is not known yet are taxed at the neutral rate.
 */
export function newWithholding(rng: Random, taxable: number): Withholding {
  if (rng.chance(0.12)) return { type: '13', rate: neutralRate(taxable) };
  const rate = rng.chance(0.2) ? 0 : Math.round(Math.min(25, Math.max(0, rng.normal(5.5, 3.5))) * 10) / 10;
  return { type: '01', rate, rateId: String(rng.int(100000000, 999999999)) };
}

export function withheld(taxable: number, rate: number): number {
  return Math.round(taxable * rate) / 100;
}
