import type { Block } from '../../parse/tree.ts';
import type { ControlContext } from '../control.ts';
import { dateKey, monthBounds } from '../../values/calendar.ts';

/** The declaration block (S20.G00.05) of the control's context. */
export function declarationBlock(ctx: ControlContext): Block | undefined {
  return ctx.declaration?.node;
}

/** S20.G00.05.005 (mois principal déclaré, `01MMAAAA`) as its first and last day; null if unreadable. */
export function declaredMonth(ctx: ControlContext): { first: number; last: number } | null {
  const key = dateKey(ctx.declaration?.node.value(5));
  return key === null ? null : monthBounds(key);
}

/** The company (S21.G00.06) and establishment (S21.G00.11) blocks of the declaration. */
export function company(ctx: ControlContext): Block | undefined {
  return ctx.declaration?.node.first('S21.G00.06');
}

export function establishment(ctx: ControlContext): Block | undefined {
  return company(ctx)?.first('S21.G00.11');
}

/** SIRET of the declared establishment (S21.G00.06.001 ‖ S21.G00.11.001). */
export function establishmentSiret(ctx: ControlContext): string | undefined {
  const siren = company(ctx)?.value(1);
  const nic = establishment(ctx)?.value(1);
  return siren !== undefined && nic !== undefined ? siren + nic : undefined;
}

/** The individual (S21.G00.30) a block belongs to, or the block itself. */
export function individualOf(block: Block): Block | undefined {
  return block.id === 'S21.G00.30' ? block : block.ancestor('S21.G00.30');
}

/** The contract (S21.G00.40) of an individual whose number (S21.G00.40.009) is `number`. */
export function contractNumbered(individual: Block, number: string | undefined): Block | undefined {
  if (number === undefined) return undefined;
  return individual.all('S21.G00.40').find((c) => c.value(9) === number);
}
