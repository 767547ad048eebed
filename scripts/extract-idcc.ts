/**
 * Extracts the complete list of collective agreements (IDCC) from `@socialgouv/kali-data` into
 * `src/core/referentials/data/idcc.json`, the source of the norm's `REF_IDCC` and `CCN` tables.
 *
 * kali-data unpacks to 175 MB, so it is not a dependency: this script fetches it once into a
 * temporary folder and keeps only the numbers and titles. Its `data/index.json` lists only the
 * agreements whose articles are fetched (49); every agreement of the package has its own
 * `data/KALICONT*.json` whose root carries `num` (the IDCC) and `shortTitle`. The package is
 * fetched with `npm pack` (tarball only) rather than `npm install`: one of its dependencies
 * (`node-xlsx` → `xlsx`) is served from outside the npm registry.
 *
 * Usage: `npx tsx scripts/extract-idcc.ts [version]` (default: the registry's latest).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = '@socialgouv/kali-data';
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'src', 'core', 'referentials', 'data', 'idcc.json');

interface AgreementRoot {
  data?: { num?: number | string; title?: string; shortTitle?: string };
}

const requested = process.argv[2] ?? 'latest';
const work = mkdtempSync(join(tmpdir(), 'relais-kali-'));
try {
  const tarball = execFileSync(
    'npm',
    ['pack', `${packageName}@${requested}`, '--pack-destination', work, '--silent'],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .at(-1)!;
  execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
  const root = join(work, 'package');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

  const byIdcc = new Map<string, string>();
  const files = readdirSync(join(root, 'data')).filter((f) => /^KALICONT\d+(-\d+)?\.json$/.test(f));
  for (const file of files) {
    const agreement = JSON.parse(readFileSync(join(root, 'data', file), 'utf8')) as AgreementRoot;
    const num = agreement.data?.num;
    if (num === undefined || num === null || num === '') continue;
    const idcc = String(num).padStart(4, '0');
    if (!/^\d{4}$/.test(idcc)) throw new Error(`${file} : IDCC inattendu « ${String(num)} »`);
    const title = agreement.data?.shortTitle ?? agreement.data?.title ?? '';
    if (!byIdcc.has(idcc)) byIdcc.set(idcc, title);
  }
  const agreements = [...byIdcc]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([idcc, title]) => ({ idcc, title }));
  const data = { package: packageName, version, files: files.length, agreements };
  writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
  console.log(`${agreements.length} conventions (IDCC) extraites de ${packageName} ${version} → ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
