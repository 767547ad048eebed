import { nirKey } from '../../core/identifiers/check-digits.ts';

/**
 * NIR rules of the DRM. Declarations carry the 13-character NIR (S21.G00.30.001); readers give the
 * 15-character form, whose key (97 − number mod 97, 2A and 2B counting as 19 and 18) catches a
 * mistyped digit before anything is looked up.
 */

/** Sex or kind (1–4; 7 and 8 are temporary), year, month, department (2A/2B), commune, order. */
const declared = /^[1-478][0-9]{4}(?:[0-9]{2}|2[AB])[0-9]{6}$/;

/** A NIR as a declaration may carry it (13 characters), ready to store; null otherwise. */
export function declaredNir(value: string | undefined): string | null {
  if (value === undefined || value.length !== 13) return null;
  const upper = value.toUpperCase();
  return declared.test(upper) ? upper : null;
}

export type QueryNir =
  { ok: true; nir: string } | { ok: false; problem: 'format' | 'key' | 'temporary'; expectedKey?: string };

/** The 15-character NIR a reader gives, checked: its 13-character body, or why it is refused. */
export function parseQueryNir(text: string): QueryNir {
  const compact = text.replace(/[\s.]/g, '').toUpperCase();
  if (compact.length !== 15) return { ok: false, problem: 'format' };
  const body = compact.slice(0, 13);
  if (!declared.test(body) || !/^[0-9]{2}$/.test(compact.slice(13))) return { ok: false, problem: 'format' };
  // NIA (7, 8) are temporary numbers: a person's resources are never read under one.
  if (body[0] === '7' || body[0] === '8') return { ok: false, problem: 'temporary' };
  const expectedKey = nirKey(body);
  if (compact.slice(13) !== expectedKey) return { ok: false, problem: 'key', expectedKey };
  return { ok: true, nir: body };
}

/** The 15-character form of a declared NIR. */
export function withKey(nir13: string): string {
  return nir13 + nirKey(nir13);
}
