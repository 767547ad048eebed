import { randomBytes } from 'node:crypto';

/**
 * Verification codes: 20 characters of Crockford's base 32 (100 random bits), in groups of four
 * (`7KQ2-M9XD-…`), read aloud or typed without ambiguity: no I, L, O nor U. What a person types is
 * read leniently (small letters, spaces, I and L for 1, O for 0) before it is looked up.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const length = 20;

export function newVerificationCode(): string {
  const bytes = randomBytes(length);
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  const symbols = [...bytes].map((b) => alphabet[b & 31]!).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/** The stored form of a code as typed, or null when it cannot be one. */
export function normaliseVerificationCode(typed: string): string | null {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (symbols.length !== length || [...symbols].some((c) => !alphabet.includes(c))) return null;
  return symbols.match(/.{4}/g)!.join('-');
}
