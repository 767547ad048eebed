import type { BodyCaller } from '../../platform/auth/caller.ts';
import { addMonths, monthOf } from '../drm/months.ts';

/**
 * What a receiving body may see in its change feed: the months its habilitation may read, counted
 * back from the month of `now` (in Paris, the current one included), as its reads are bounded.
 */
export function earliestMonth(caller: BodyCaller, now: Date): string {
  return addMonths(monthOf(now), -(caller.depthMonths - 1));
}
