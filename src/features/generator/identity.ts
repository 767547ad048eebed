import { civilStatusName, type Commune } from '../../core/referentials/communes.ts';
import type { Month } from './months.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { femaleFirstNames, maleFirstNames, surnames } from './names.ts';
import { Random, WeightedPicker } from './rng.ts';

/**
 * Countries of birth abroad with their INSEE country code (the NIR of a person born abroad carries
 * 99 and this code instead of a department and a commune), ISO code and a city.
 */
const abroad = [
  { insee: '350', iso: 'MA', city: 'CASABLANCA', ue: '04', weight: 30 },
  { insee: '352', iso: 'DZ', city: 'ALGER', ue: '04', weight: 30 },
  { insee: '351', iso: 'TN', city: 'TUNIS', ue: '04', weight: 12 },
  { insee: '139', iso: 'PT', city: 'PORTO', ue: '02', weight: 15 },
  { insee: '127', iso: 'IT', city: 'NAPLES', ue: '02', weight: 5 },
  { insee: '134', iso: 'ES', city: 'MADRID', ue: '02', weight: 5 },
  { insee: '109', iso: 'DE', city: 'STUTTGART', ue: '02', weight: 3 },
  { insee: '131', iso: 'BE', city: 'LIEGE', ue: '02', weight: 3 },
] as const;

export interface Person {
  /** `01` male, `02` female (S21.G00.30.005), also the first digit of the NIR. */
  sex: '01' | '02';
  surname: string;
  /** Birth name differs from the usage name for some married women. */
  usageName?: string;
  firstNames: string;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  /** `JJMMAAAA`. */
  birthDate: string;
  birthPlace: string;
  /** S21.G00.30.014: `75`, `2A`, `97`, or `99` abroad. */
  birthDepartment: string;
  /** S21.G00.30.015. */
  birthCountry: string;
  /** S21.G00.30.013: 01 France, 02 EU, 04 rest of the world. */
  ueCode: string;
  /** 13 characters, without key. */
  nir: string;
}

/** Where people are born: communes weighted by population, plus a share of births abroad. */
export class BirthPlaces {
  private readonly picker: WeightedPicker<Commune>;
  private readonly abroad = new WeightedPicker(abroad, (c) => c.weight);

  constructor(communes: readonly Commune[]) {
    // Overseas collectivities have their own civil-status codes; departments are enough here.
    const french = communes.filter((c) => (c.zone === 'metro' || c.zone === 'drom') && c.population > 0);
    this.picker = new WeightedPicker(french, (c) => c.population);
  }

  pick(rng: Random): { nirPlace: string; name: string; department: string; country: string; ue: string } {
    if (rng.chance(0.07)) {
      const c = this.abroad.pick(rng);
      return { nirPlace: `99${c.insee}`, name: c.city, department: '99', country: c.iso, ue: c.ue };
    }
    const commune = this.picker.pick(rng);
    return {
      // The INSEE code is exactly the NIR's department + commune: 75112, 2A004, 97105.
      nirPlace: commune.code,
      name: civilStatusName(commune.name).slice(0, 30).trim(),
      department: commune.code.slice(0, 2),
      country: 'FR',
      ue: '01',
    };
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

type Place = ReturnType<BirthPlaces['pick']>;

/**
 * Corsica was one department (20) until 1976: people born there before keep 20 in their NIR and
 * birth department, the 2A/2B commune codes only apply to later births (S21.G00.30.001/CCH-11).
 */
function corsicanBefore1976(place: Place, birthYear: number): Place {
  if (birthYear >= 1976 || (place.department !== '2A' && place.department !== '2B')) return place;
  return { ...place, department: '20', nirPlace: `20${place.nirPlace.slice(2)}` };
}

/** Ages drawn for a population: a normal law cut to a range. */
export interface AgeLaw {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

const workingAge: AgeLaw = { mean: 41, sd: 11, min: 18, max: 64 };

/**
 * A person of working age at `month` (or of the ages given), with a NIR consistent with sex, birth
 * date and place.
 */
export function newPerson(rng: Random, month: Month, places: BirthPlaces, ages: AgeLaw = workingAge): Person {
  const sex = rng.chance(0.5) ? '01' : '02';
  const age = Math.round(Math.min(ages.max, Math.max(ages.min, rng.normal(ages.mean, ages.sd))));
  const birthYear = month.year - age - (rng.chance(0.5) ? 1 : 0);
  const birthMonth = rng.int(1, 12);
  const birthDay = rng.int(1, daysInMonth(birthYear, birthMonth));
  const place = corsicanBefore1976(places.pick(rng), birthYear);
  const surname = rng.pick(surnames);
  const first = sex === '01' ? maleFirstNames : femaleFirstNames;
  const firstNames = rng.chance(0.25) ? `${rng.pick(first)} ${rng.pick(first)}` : rng.pick(first);
  const person: Person = {
    sex,
    surname,
    firstNames,
    birthYear,
    birthMonth,
    birthDay,
    birthDate: dsnDate(birthYear, birthMonth, birthDay),
    birthPlace: place.name,
    birthDepartment: place.department,
    birthCountry: place.country,
    ueCode: place.ue,
    nir: `${sex === '01' ? 1 : 2}${pad(birthYear % 100, 2)}${pad(birthMonth, 2)}${place.nirPlace}${pad(rng.int(1, 999), 3)}`,
  };
  if (sex === '02' && age >= 25 && rng.chance(0.3)) {
    person.usageName = rng.pick(surnames);
    if (person.usageName === surname) delete person.usageName;
  }
  return person;
}
