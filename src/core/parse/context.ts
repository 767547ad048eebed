import type { CompiledNorm } from '../norm/compile.ts';
import type { Block } from './tree.ts';

/** How the norm of an envoi was chosen. */
export type NormChoice = 'declared' | 'forced' | 'nearest' | 'other-family' | 'default';

/** One envoi (S10 … S90): the unit a declarant files. */
export class Envoi {
  /** Lines from S10.G00.00.001 to S90.G00.90.002, the figure S90.G00.90.001 must give. */
  lines = 0;
  declarations = 0;
  individuals = 0;
  root: Block | null = null;
  footer: Block | null = null;
  /** Last line of the envoi, once it is complete. */
  endLine = 0;

  constructor(
    /** 1-based, in the file. */
    readonly index: number,
    readonly line: number,
    readonly norm: CompiledNorm,
    readonly normChoice: NormChoice,
    /** Value of S10.G00.00.006 as written, if any. */
    readonly declaredVersion: string | undefined,
    /** Code of the lot group holding this envoi (S06.G51.00.001), for organisms' lot files. */
    readonly group: string | undefined,
  ) {}
}

/** One declaration (S20.G00.05) and its context: every block except the streamed units. */
export class Declaration {
  /** Nature (S20.G00.05.001): `01` mensuelle, `04` arrêt de travail… */
  nature: string | undefined = undefined;
  individuals = 0;
  units = 0;
  /** Set by consumers that announce a declaration before its first unit. */
  announced = false;

  constructor(
    /** 1-based, across the whole file. */
    readonly index: number,
    readonly envoi: Envoi,
    readonly node: Block,
  ) {}

  get norm(): CompiledNorm {
    return this.envoi.norm;
  }
}
