import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, chunks, minimal } from '../../../test/helpers.ts';
import { readDsn } from '../check/events.ts';
import { checkDsn } from '../check/check.ts';
import { latin1Bytes } from './latin1.ts';

describe('reader properties', () => {
  it('never throws, whatever the bytes, and its counts add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.integer({ min: 1, max: 512 }),
        async (bytes, size) => {
          const report = await checkDsn(chunks(bytes, size));
          const { blocking, nonBlocking, notListed } = report.summary;
          expect(blocking + nonBlocking).toBe(report.groups.reduce((sum, g) => sum + g.count, 0));
          expect(notListed).toBe(blocking + nonBlocking - report.diagnostics.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  // Found by the property above: a file shorter than three bytes is read at its end, and the
  // splitter kept its last bytes over the line it had just handed on (the reader then looped).
  it('reads a file of two bytes, a line feed first, to its end', async () => {
    const report = await checkDsn([new Uint8Array([10, 65])]);
    expect(report.lines).toBe(2);
    expect(report.summary.blocking).toBeGreaterThan(0);
  });

  it('never throws on a real declaration with random lines spliced in', async () => {
    const lines = minimal().split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(lines.length), fc.string({ maxLength: 40, unit: 'binary-ascii' })), {
          maxLength: 8,
        }),
        async (insertions) => {
          const copy = [...lines];
          for (const [at, line] of insertions) copy.splice(at, 0, line);
          const report = await check(copy.join('\n'), { chunk: 97 });
          expect(report.lines).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads back any Latin-1 value, apostrophes included, exactly as written', async () => {
    const latin1Text = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xff })
        .filter((c) => c !== 0x7f && (c < 0x80 || c > 0x9f))
        .map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 60,
    });
    await fc.assert(
      fc.asyncProperty(latin1Text, fc.integer({ min: 1, max: 64 }), async (name, size) => {
        const text = minimal().replace("S21.G00.30.002,'D'ARTAGNAN'", () => `S21.G00.30.002,'${name}'`);
        let read: string | undefined;
        for await (const event of readDsn(chunks(latin1Bytes(text), size))) {
          if (event.kind === 'unit') read = event.unit.value(2);
        }
        expect(read).toBe(name);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same diagnostics whatever the chunk size and line endings', async () => {
    const text = minimal()
      .replace("'732829320'", "'732829321'")
      .replace("S21.G00.40.007,'01'", "S21.G00.40.007,'99'");
    const reference = (await check(text)).diagnostics;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        async (size, eol) => {
          const report = await check(text.replace(/\n/g, eol), { chunk: size });
          expect(report.diagnostics).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
  });
});
