import type { Block } from '../../../parse/tree.ts';
import type { ControlContext } from '../../control.ts';
import { identifierKey } from '../../lib/state-keys.ts';
import { birthYear } from './nir.ts';

/**
 * The individuals (S21.G00.30) of a declaration by NIR and NTT, noted once per individual for every
 * control that needs them: uniqueness of the NIR and the NTT, and the twelve S89 controls that
 * compare the NIR or NTT they name with the individuals.
 */
export interface Individuals {
  /** NIR → birth year of the last individual with that NIR. */
  nirs: Map<number | string, number | null>;
  ntts: Set<number | string>;
  /** The last individual noted: several controls see each individual, only the first notes it. */
  last: Block | null;
  /** Whether an individual noted before the last one has its NIR, its NTT. */
  nirSeen: boolean;
  nttSeen: boolean;
}

const individuals = (): Individuals => ({
  nirs: new Map(),
  ntts: new Set(),
  last: null,
  nirSeen: false,
  nttSeen: false,
});

/** The declaration's index, with `individual` noted in it when given. */
export function individualsOf(ctx: ControlContext, individual?: Block): Individuals {
  const state = ctx.shared('individuals-by-identifier', individuals);
  if (individual !== undefined && state.last !== individual) note(individual, state);
  return state;
}

function note(individual: Block, state: Individuals): void {
  state.last = individual;
  const nir = individual.value(1);
  state.nirSeen = false;
  if (nir !== undefined) {
    const before = state.nirs.size;
    state.nirs.set(identifierKey(nir), birthYear(individual.value(6)));
    state.nirSeen = state.nirs.size === before;
  }
  const ntt = individual.value(20);
  state.nttSeen = false;
  if (ntt !== undefined) {
    const before = state.ntts.size;
    state.ntts.add(identifierKey(ntt));
    state.nttSeen = state.ntts.size === before;
  }
}
