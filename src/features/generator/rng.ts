import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A seeded random source: the same seed gives the same sequence, on every platform. */
export class Random {
  private readonly gen: RandomGenerator;

  constructor(seed: number) {
    // Nearby small seeds give nearly equal first outputs with xoroshiro128+: scramble the seed
    // (murmur3 finaliser) and skip the first outputs.
    let h = seed | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    this.gen = xoroshiro128plus((h ^ (h >>> 16)) | 0);
    for (let i = 0; i < 8; i++) this.gen.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.gen, min, max);
  }

  /** Float in [0, 1). */
  float(): number {
    return uniformInt(this.gen, 0, 0x3fffffff) / 0x40000000;
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** A seed for an independent stream (one per establishment, so it can be replayed). */
  seed(): number {
    return this.int(-0x80000000, 0x7fffffff);
  }

  /** Normal variate (Box-Muller), for salaries and ages. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Draws items in proportion to their weights, in O(log n). */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      sum += Math.max(0, weight(item));
      this.cumulative[i] = sum;
    });
    if (items.length === 0 || sum <= 0) throw new Error('WeightedPicker: aucun élément pondéré');
    this.total = sum;
  }

  pick(rng: Random): T {
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
