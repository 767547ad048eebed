/**
 * Check-digit rules of French identifiers (pure functions, shared by the controls, the generator
 * and the DRM). References: INSEE (SIREN/SIRET), ISO 13616 (IBAN), Banque de France (clé RIB),
 * and python-stdnum for the La Poste and NIR rules.
 */

/** Luhn over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that completes `digits` so that the whole passes Luhn. */
export function luhnCheckDigit(digits: string): number {
  for (let d = 0; d < 10; d++) if (luhnValid(digits + d)) return d;
  throw new Error('unreachable');
}

export function isValidSiren(siren: string): boolean {
  return siren.length === 9 && luhnValid(siren);
}

const laPosteSiren = '356000000';
const laPosteHeadOffice = '35600000000048';

/**
 * SIRET key: Luhn over the 14 digits, except for La Poste's establishments (SIREN 356000000 other
 * than its head office), whose digits only need to add up to a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (siret.length !== 14 || !/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(laPosteSiren) && siret !== laPosteHeadOffice) {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += siret.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

/** Remainder of a long number given as a string of digits, modulo 97. */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}

/** ISO 13616: move the country and key to the end, letters to numbers, remainder 1 modulo 97. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

export function ibanCheckDigits(country: string, bban: string): string {
  const digits = (bban + country + '00').toUpperCase().replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98 - mod97(digits)).padStart(2, '0');
}

/** Letters of a French account number map to digits (Banque de France table). */
function ribDigits(text: string): string {
  return text.toUpperCase().replace(/[A-Z]/g, (c) => {
    const n = c.charCodeAt(0) - 64;
    return String(n <= 9 ? n : n <= 18 ? n - 9 : n - 17);
  });
}

/** Clé RIB of a French BBAN: bank (5) + branch (5) + account (11) + key (2). */
export function ribKey(bank: string, branch: string, account: string): string {
  const b = Number(ribDigits(bank));
  const g = Number(ribDigits(branch));
  const c = Number(ribDigits(account));
  return String(97 - ((89 * b + 15 * g + 3 * c) % 97)).padStart(2, '0');
}

/** For French (and French overseas) IBANs, the BBAN carries its own RIB key. */
export function isValidFrenchBban(bban: string): boolean {
  if (!/^\d{5}\d{5}[A-Z0-9]{11}\d{2}$/i.test(bban)) return false;
  return ribKey(bban.slice(0, 5), bban.slice(5, 10), bban.slice(10, 21)) === bban.slice(21, 23);
}

export const frenchIbanCountries = new Set([
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'NC',
  'PF',
  'WF',
  'TF',
  'MC',
]);

/**
 * NIR key (15-character form): 97 − (number mod 97), where the Corsican departments 2A and 2B
 * count as 19 and 18.
 */
export function nirKey(nir13: string): string {
  const numeric = nir13.toUpperCase().replace('2A', '19').replace('2B', '18');
  return String(97 - mod97(numeric)).padStart(2, '0');
}
