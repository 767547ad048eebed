/**
 * One measured run of `checkDsn` on a file, in its own process so that its peak memory is its own.
 * Prints one JSON line: seconds, bytes, lines, individuals, diagnostics, peak RSS.
 */
import { checkDsn } from '../src/core/check/check.ts';
import { openInput } from '../src/cli/files.ts';

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: run-check.ts FILE [technical|full]');
const started = performance.now();
const report = await checkDsn(openInput(file).stream, {
  controls: mode !== 'technical',
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    bytes: report.bytes,
    lines: report.lines,
    individuals: report.individuals,
    blocking: report.summary.blocking,
    nonBlocking: report.summary.nonBlocking,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
