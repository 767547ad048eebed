import { monthlyNatures } from './declaration-identity.ts';

/**
 * Turns a deposited envoi into its "annule et remplace intégral" (type 03): each declaration gets
 * a new order number and constitution date; a signalement also names the one it replaces in
 * S20.G00.05.006 (its S20.G00.05.007 followed by its S20.G00.05.004), while a monthly declaration
 * (DSN nature 01, PASRAU nature 11) is replaced by its identity — establishment, month, fraction — as the norm forbids
 * S20.G00.05.006 there. S90.G00.90.001 is recounted.
 * For the demo, the tests and `relais replace`; a payroll package would produce it itself.
 */

export interface ReplacementOptions {
  /** Date of constitution of the new file, `JJMMAAAA`. */
  fileDate: string;
  /** Added to each declaration's order number (S20.G00.05.004). */
  orderOffset?: number;
  /** A correction to show in the new version: the first individual's street line (S21.G00.30.008). */
  newAddress?: string;
}

const line = (rubric: string, value: string) => `${rubric},'${value}'`;

export function replacementOf(text: string, options: ReplacementOptions): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  let declaration: Map<string, string> | null = null;
  let pending: string[] = [];
  let addressChanged = options.newAddress === undefined;
  const flush = () => {
    if (declaration === null) return;
    const fileDate = declaration.get('007') ?? '';
    const order = declaration.get('004') ?? '0';
    for (const l of pending) {
      const rubric = l.slice(0, 14);
      if (rubric === 'S20.G00.05.002') out.push(line(rubric, '03'));
      else if (rubric === 'S20.G00.05.004')
        out.push(line(rubric, String(Number(order) + (options.orderOffset ?? 100))));
      else if (rubric === 'S20.G00.05.006') continue;
      else if (rubric === 'S20.G00.05.007') out.push(line(rubric, options.fileDate));
      else out.push(l);
      // A monthly declaration is replaced by its identity: the norm forbids S20.G00.05.006 there.
      if (rubric === 'S20.G00.05.005' && !monthlyNatures.has(declaration.get('001') ?? '')) {
        out.push(line('S20.G00.05.006', fileDate + order));
      }
    }
    declaration = null;
    pending = [];
  };
  for (const l of lines) {
    if (l.startsWith('S20.G00.05.')) {
      if (l.startsWith('S20.G00.05.001')) {
        flush();
        declaration = new Map();
      }
      declaration?.set(l.slice(11, 14), /^[^,]*,'(.*)'$/.exec(l)?.[1] ?? '');
      pending.push(l);
      continue;
    }
    flush();
    if (!addressChanged && l.startsWith('S21.G00.30.008,')) {
      out.push(line('S21.G00.30.008', options.newAddress!));
      addressChanged = true;
    } else {
      out.push(l);
    }
  }
  flush();
  // S90.G00.90.001 counts the rubrics from S10.G00.00.001 to S90.G00.90.002.
  const total = out.findIndex((l) => l.startsWith('S90.G00.90.001'));
  if (total >= 0) {
    const start = out.findIndex((l) => l.startsWith('S10.G00.00.001'));
    const end = out.findIndex((l) => l.startsWith('S90.G00.90.002'));
    out[total] = line('S90.G00.90.001', String((end >= 0 ? end : total) - start + 1));
  }
  return out.join(eol) + eol;
}
