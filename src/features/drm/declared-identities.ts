import { withKey } from './nir.ts';

/** A person as a declaration states them: what a DRM read asks for to identify them. */
export interface DeclaredIdentity {
  /** 15 characters, key included. */
  nir: string;
  lastName: string;
  firstNames: string;
  /** AAAA-MM-JJ. */
  birthDate: string;
}

const valueOf = (line: string) => /^[^,]*,'(.*)'\s*$/.exec(line)?.[1] ?? '';

/**
 * The individuals (S21.G00.30 with a NIR) of a declaration's lines, in file order, fed line by
 * line so that a file of any size is read as a stream: the persons a bulk read or a follow asks
 * about, taken from a file that declared them.
 */
export class DeclaredIdentities {
  readonly persons: DeclaredIdentity[] = [];
  private current: Partial<DeclaredIdentity> | null = null;

  add(line: string): void {
    if (line.startsWith('S21.G00.30.001,')) {
      this.current = { nir: withKey(valueOf(line)) };
      this.persons.push(this.current as DeclaredIdentity);
    } else if (this.current === null) {
      return;
    } else if (line.startsWith('S21.G00.30.002,')) this.current.lastName = valueOf(line);
    else if (line.startsWith('S21.G00.30.004,')) this.current.firstNames = valueOf(line);
    else if (line.startsWith('S21.G00.30.006,')) {
      const d = valueOf(line);
      this.current.birthDate = `${d.slice(4)}-${d.slice(2, 4)}-${d.slice(0, 2)}`;
    } else if (!line.startsWith('S21.G00.30.')) this.current = null;
  }
}

/** The individuals of a whole declaration text. */
export function declaredIdentities(text: string): DeclaredIdentity[] {
  const found = new DeclaredIdentities();
  for (const line of text.split(/\r?\n|\r/)) found.add(line);
  return found.persons;
}
