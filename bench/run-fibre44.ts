/**
 * The existing TypeScript DSN parser, parse only, the way its README reads a file: every line split
 * into an id and a value whose apostrophes are all removed, then the employees extracted.
 */
import { readFileSync } from 'node:fs';
import { DsnParser } from '@fibre44/dsn-parser';

const file = process.argv[2];
if (!file) throw new Error('usage: run-fibre44.ts FILE');
const started = performance.now();
const rows = readFileSync(file, 'latin1')
  .split('\n')
  .filter((line) => line.length > 15)
  .map((line) => ({ id: line.slice(0, 14), value: line.slice(15).replace(/'/g, '') }));
const employees = new DsnParser(rows).employees.length;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    lines: rows.length,
    employees,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
