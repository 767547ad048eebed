import { declarationKeysPerBlock } from './declarations-repository.ts';

/**
 * Declaration keys reserved in blocks (see the `declaration_key_block` sequence): a declaration
 * gets its key the moment it is read, inside the reader's synchronous callbacks.
 */
export class DeclarationKeys {
  private readonly bases: number[] = [];
  private next = 0;
  private end = 0;

  add(base: number): void {
    this.bases.push(base);
  }

  get remaining(): number {
    return this.end - this.next + this.bases.length * declarationKeysPerBlock;
  }

  take(): number {
    if (this.next === this.end) {
      const base = this.bases.shift();
      if (base === undefined) throw new Error('no declaration key left: reserve before reading further');
      this.next = base;
      this.end = base + declarationKeysPerBlock;
    }
    return this.next++;
  }
}

const marker = Buffer.from('S20.G00.05.001');

/** How many declarations may start in a chunk (the reader announces them later, never more). */
export function declarationsIn(chunk: Uint8Array): number {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + marker.length)) count++;
  return count;
}
