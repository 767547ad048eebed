import { describe, expect, it } from 'vitest';
import {
  ibanCheckDigits,
  isValidFrenchBban,
  isValidIban,
  isValidSiren,
  isValidSiret,
  nirKey,
  ribKey,
} from './check-digits.ts';

describe('identifier keys', () => {
  it('checks SIREN and SIRET keys (Luhn)', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
  });

  it("applies La Poste's rule to its establishments, and Luhn to its head office", () => {
    expect(isValidSiret('35600000049837')).toBe(true); // digits add up to 45
    expect(isValidSiret('35600000049838')).toBe(false);
    expect(isValidSiret('35600000000048')).toBe(true);
  });

  it('checks IBAN and French RIB keys', () => {
    expect(isValidIban('FR7630006000011234567890189')).toBe(true);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
    expect(ribKey('30006', '00001', '12345678901')).toBe('89');
    expect(isValidFrenchBban('30006000011234567890189')).toBe(true);
    expect(isValidFrenchBban('30006000011234567890188')).toBe(false);
  });

  it('computes the NIR key, Corsica included', () => {
    expect(nirKey('2951099126111')).toBe('93');
    expect(nirKey('1850775123456')).toBe('08');
    // 2A counts as 19, 2B as 18.
    expect(nirKey('185072A123456')).toBe(nirKey('1850719123456'));
    expect(nirKey('185072B123456')).toBe(nirKey('1850718123456'));
  });
});
