/**
 * The DRM bench's declarations: one company of up to 5,000 employees is generated once with
 * `relais generate` (`bench/files/drm-base-<B>.dsn`, git-ignored: the pay engine makes about 200
 * employees a second); every month of every copy is derived from it in memory — new SIREN, NIRs
 * numbered 0..N-1 after the base's first seven characters, dates moved to the month.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths } from '../src/features/drm/months.ts';

export const baseMonth = '2025-12';

export interface BenchPerson {
  nom: string;
  prenoms: string;
  naissance: string;
  nirPrefix: string;
}

/** Luhn check digit making `body` + digit valid (SIREN, SIRET). */
function luhnComplete(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = body + digit;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const days = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};
const mmyyyy = (month: string) => `${month.slice(5)}${month.slice(0, 4)}`;

/** The base text as parts: fixed text, or a slot rewritten per copy and month. */
type Part = string | { siren: true } | { person: number } | { date: string; shift: 0 | 1 };

export class BenchCompany {
  readonly baseLines: string[];
  readonly people: BenchPerson[] = [];
  private readonly parts: Part[] = [];

  constructor(
    root: string,
    readonly perCompany: number,
    say: (text: string) => void,
  ) {
    const baseFile = join(root, 'bench', 'files', `drm-base-${perCompany}.dsn`);
    if (!existsSync(baseFile)) {
      say(`Génération de ${baseFile} (${perCompany} salariés)…`);
      mkdirSync(join(root, 'bench', 'files'), { recursive: true });
      execFileSync(
        process.execPath,
        [
          join(root, 'bin', 'relais.js'),
          'generate',
          '--month',
          baseMonth,
          '--employees',
          String(perCompany),
        ].concat(['--seed', '7', '--out', baseFile]),
        { stdio: 'inherit' },
      );
    }
    this.baseLines = readFileSync(baseFile, 'latin1').split('\n');
    this.split();
  }

  private split(): void {
    let text = '';
    const flush = () => {
      if (text) this.parts.push(text);
      text = '';
    };
    const inBase = mmyyyy(baseMonth);
    const nextBase = mmyyyy(addMonths(baseMonth, 1));
    let current: BenchPerson | null = null;
    for (const line of this.baseLines) {
      if (line === '') continue;
      const value = /^[^,]*,'(.*)'$/.exec(line)?.[1] ?? '';
      const rubric = line.slice(0, 14);
      if (rubric === 'S21.G00.06.001') {
        text += "S21.G00.06.001,'";
        flush();
        this.parts.push({ siren: true });
        text += "'\n";
      } else if (rubric === 'S21.G00.30.001') {
        current = { nom: '', prenoms: '', naissance: '', nirPrefix: value.slice(0, 7) };
        this.people.push(current);
        text += "S21.G00.30.001,'";
        flush();
        this.parts.push({ person: this.people.length - 1 });
        text += "'\n";
      } else if (/^\d{8}$/.test(value) && (value.slice(2) === inBase || value.slice(2) === nextBase)) {
        text += `${rubric},'`;
        flush();
        this.parts.push({ date: value.slice(0, 2), shift: value.slice(2) === inBase ? 0 : 1 });
        text += "'\n";
      } else {
        if (current !== null && rubric === 'S21.G00.30.002') current.nom = value;
        if (current !== null && rubric === 'S21.G00.30.004') current.prenoms = value;
        if (current !== null && rubric === 'S21.G00.30.006')
          current.naissance = `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
        text += `${line}\n`;
      }
    }
    flush();
  }

  /**
   * NIR of person `index` of copy `copy`: the base's first seven characters, then a unique commune
   * and order number (001 to 999 each, as the norm wants); past 998,001 persons the birth month
   * becomes a fictitious one (9x), which the norm allows.
   */
  nirOf(copy: number, index: number): string {
    const k = copy * this.perCompany + index;
    const rank = k % 998001;
    let prefix = this.people[index]!.nirPrefix;
    if (k >= 998001) prefix = `${prefix.slice(0, 3)}9${prefix[4]}${prefix.slice(5)}`;
    const three = (n: number) => String(n + 1).padStart(3, '0');
    return `${prefix}${three(Math.floor(rank / 999))}${three(rank % 999)}`;
  }

  fileFor(copy: number, month: string): Buffer {
    const siren = luhnComplete(String(100000000 + copy * 7919).slice(0, 8));
    const shifted = [month, addMonths(month, 1)].map((m) => ({ mmyyyy: mmyyyy(m), days: days(m) }));
    const out: string[] = [];
    for (const part of this.parts) {
      if (typeof part === 'string') out.push(part);
      else if ('siren' in part) out.push(siren);
      else if ('person' in part) out.push(this.nirOf(copy, part.person));
      else {
        const target = shifted[part.shift]!;
        out.push(`${String(Math.min(Number(part.date), target.days)).padStart(2, '0')}${target.mmyyyy}`);
      }
    }
    return Buffer.from(out.join(''), 'latin1');
  }
}
