/**
 * Names compared the way an identity check must: case, accents, hyphens and apostrophes do not
 * make two names different. The same folding exists in SQL (`drm_fold`, `drm_name_keys`, in the
 * DRM migration) for discordance detection over stored declarations; a test keeps them equal.
 */

/** Upper case, accents removed, every run of other characters one space. */
export function foldName(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/[Ææ]/g, 'AE')
    .replace(/[Œœ]/g, 'OE')
    .replace(/ß/g, 'SS')
    .replace(/[Øø]/g, 'O')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Without any separator: JEAN-PIERRE, Jean Pierre and JEANPIERRE are one. */
export function compactName(value: string | null | undefined): string {
  return foldName(value).replaceAll(' ', '');
}

/** Every word of two letters or more, and each name written without separators. */
export function nameKeys(...names: (string | null | undefined)[]): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    const folded = foldName(name);
    if (folded === '') continue;
    for (const word of folded.split(' ')) if (word.length > 1) keys.add(word);
    keys.add(folded.replaceAll(' ', ''));
  }
  return keys;
}

/**
 * Two declarants "clearly" disagree on a name when both gave one and the two share no key:
 * DUPONT and DUPONT-MARTIN agree (a usage name added), DUPONT and MARTIN do not.
 */
export function namesDiffer(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const key of a) if (b.has(key)) return false;
  return true;
}

/** What the platform knows of a person from one declaration. */
export interface DeclaredIdentity {
  lastName: string | null;
  usageName: string | null;
  firstNames: string | null;
  /** As declared, JJMMAAAA (00 for an unknown day or month). */
  birthDate: string | null;
}

/** What the reader states about the person (the pivot identity). */
export interface StatedIdentity {
  lastName: string;
  firstNames: string;
  /** AAAA-MM-JJ; 00 allowed for the day or month, as declared. */
  birthDate: string;
}

export type IdentityDisagreement = 'birthDate' | 'lastName' | 'firstNames';

/**
 * Where a stated identity disagrees with a declared one, stricter than discordance between
 * declarants because a reader must know the person: the birth date must be the declared one, the
 * last name the declared birth name or usage name, the first names all the declared first names
 * or the first of them — each up to case, accents and separators.
 */
export function disagreements(stated: StatedIdentity, known: DeclaredIdentity): IdentityDisagreement[] {
  const out: IdentityDisagreement[] = [];
  const [year, month, day] = stated.birthDate.split('-');
  if (known.birthDate !== `${day}${month}${year}`) out.push('birthDate');
  const lastName = compactName(stated.lastName);
  if (
    lastName === '' ||
    (lastName !== compactName(known.lastName) && lastName !== compactName(known.usageName))
  )
    out.push('lastName');
  const firstNames = compactName(stated.firstNames);
  const declaredFirst = (known.firstNames ?? '').trim().split(/[\s,]+/)[0];
  if (
    firstNames === '' ||
    (firstNames !== compactName(known.firstNames) && firstNames !== compactName(declaredFirst))
  )
    out.push('firstNames');
  return out;
}
