import { describe, expect, it } from 'vitest';
import { sumDecimals } from './decimal.ts';
import { addMonths, monthOf, monthRange } from './months.ts';
import { disagreements, foldName, nameKeys, namesDiffer } from './names.ts';
import { declaredNir, parseQueryNir, withKey } from './nir.ts';

describe('NIR', () => {
  it('computes the key as 97 − (number mod 97), with 2A → 19 and 2B → 18', () => {
    expect(withKey('1791272269066')).toBe(
      `1791272269066${String(97 - Number(1791272269066n % 97n)).padStart(2, '0')}`,
    );
    const corsicaA = '185062A123456';
    expect(withKey(corsicaA).slice(13)).toBe(String(97 - Number(1850619123456n % 97n)).padStart(2, '0'));
    const corsicaB = '285062B123456';
    expect(withKey(corsicaB).slice(13)).toBe(String(97 - Number(2850618123456n % 97n)).padStart(2, '0'));
  });

  it('accepts a 15-character NIR with its key, spaces allowed, and says why it refuses one', () => {
    const nir = withKey('185062A123456');
    expect(parseQueryNir(nir)).toEqual({ ok: true, nir: '185062A123456' });
    expect(parseQueryNir(`1 85 06 2a 123 456 ${nir.slice(13)}`)).toEqual({ ok: true, nir: '185062A123456' });
    const wrong = `${nir.slice(0, 13)}${nir.slice(13) === '00' ? '01' : '00'}`;
    expect(parseQueryNir(wrong)).toMatchObject({ ok: false, problem: 'key', expectedKey: nir.slice(13) });
    expect(parseQueryNir('1850662123456')).toEqual({ ok: false, problem: 'format' });
    expect(parseQueryNir('1850662C12345612')).toEqual({ ok: false, problem: 'format' });
    expect(parseQueryNir(withKey('7850662123456'))).toEqual({ ok: false, problem: 'temporary' });
  });

  it('keeps only well-formed 13-character NIRs from declarations', () => {
    expect(declaredNir('1850662123456')).toBe('1850662123456');
    expect(declaredNir('185062b123456')).toBe('185062B123456');
    expect(declaredNir('185066212345')).toBeNull();
    expect(declaredNir('5850662123456')).toBeNull();
    expect(declaredNir(undefined)).toBeNull();
  });
});

describe('names', () => {
  it('folds case, accents, hyphens and apostrophes', () => {
    expect(foldName("  Lætitia-Hélène d'Orléans ")).toBe('LAETITIA HELENE D ORLEANS');
    expect(foldName('Œdipe Strauß')).toBe('OEDIPE STRAUSS');
  });

  it('sees clearly different names only when they share no key', () => {
    const differ = (a: string, b: string) => namesDiffer(nameKeys(a), nameKeys(b));
    expect(differ('DUPONT', 'Dupont-Martin')).toBe(false);
    expect(differ("D'ARTAGNAN", 'DARTAGNAN')).toBe(false);
    expect(differ('JEAN-PIERRE', 'Jean Pierre')).toBe(false);
    expect(differ('Éloïse', 'ELOISE')).toBe(false);
    expect(differ('DUPONT', 'MARTIN')).toBe(true);
    expect(differ('', 'MARTIN')).toBe(false);
  });

  it('checks a stated identity strictly against a declared one', () => {
    const known = {
      lastName: 'DUPONT',
      usageName: 'MARTIN',
      firstNames: 'JEAN-PIERRE MARIE',
      birthDate: '05021980',
    };
    const stated = { lastName: 'Dupont', firstNames: 'Jean-Pierre Marie', birthDate: '1980-02-05' };
    expect(disagreements(stated, known)).toEqual([]);
    expect(disagreements({ ...stated, lastName: 'martin' }, known)).toEqual([]);
    expect(disagreements({ ...stated, firstNames: 'Jean Pierre' }, known)).toEqual([]);
    expect(disagreements({ ...stated, firstNames: 'Marie' }, known)).toEqual(['firstNames']);
    expect(disagreements({ ...stated, lastName: 'DUPONT MARTIN' }, known)).toEqual(['lastName']);
    expect(disagreements({ ...stated, birthDate: '1980-05-02' }, known)).toEqual(['birthDate']);
    expect(disagreements(stated, { ...known, birthDate: '00021980' })).toEqual(['birthDate']);
    expect(
      disagreements({ ...stated, birthDate: '1980-02-00' }, { ...known, birthDate: '00021980' }),
    ).toEqual([]);
  });
});

describe('decimals', () => {
  it('sums exactly, with the largest scale, null for nothing', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['1906.71', null, '-6.71', '+5'])).toBe('1905.00');
    expect(sumDecimals(['-1.5', '0.25'])).toBe('-1.25');
    expect(sumDecimals(['12345678901234567890.12', '0.01'])).toBe('12345678901234567890.13');
    expect(sumDecimals([null, undefined])).toBeNull();
    expect(() => sumDecimals(['1,5'])).toThrow(RangeError);
  });
});

describe('months', () => {
  it('counts months across years and names the month of an instant in Paris', () => {
    expect(addMonths('2026-01', -4)).toBe('2025-09');
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(monthOf(new Date('2026-02-28T23:30:00Z'))).toBe('2026-03');
  });
});
