import { describe, expect, it } from 'vitest';
import { newVerificationCode, normaliseVerificationCode } from './code.ts';

describe('verification codes', () => {
  it('are twenty symbols of Crockford’s base 32 in groups of four, never twice the same', () => {
    const codes = Array.from({ length: 500 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol turns up: the draw covers the whole alphabet.
    expect(new Set(codes.join('').replaceAll('-', '')).size).toBe(32);
  });

  it('read what a person types: small letters, spaces, no dashes, I and L for 1, O for 0', () => {
    expect(normaliseVerificationCode('7kq2 m9xd abcd efgh jkmn')).toBe('7KQ2-M9XD-ABCD-EFGH-JKMN');
    expect(normaliseVerificationCode('7KQ2M9XDABCDEFGHJKMN')).toBe('7KQ2-M9XD-ABCD-EFGH-JKMN');
    expect(normaliseVerificationCode('ILO0-1111-0000-2222-3333')).toBe('1100-1111-0000-2222-3333');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseVerificationCode('7KQ2-M9XD')).toBeNull();
    expect(normaliseVerificationCode('UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(normaliseVerificationCode('<script>alert(1)</script>')).toBeNull();
  });
});
