import { describe, expect, it } from 'vitest';
import { attachment } from './content-disposition.ts';

describe('attachment (Content-Disposition of a download)', () => {
  const fallback = `${'a'.repeat(64)}.dsn`;

  it('names the file as deposited, without the directories of the path it was sent from', () => {
    expect(attachment('fevrier.dsn', fallback)).toBe('attachment; filename="fevrier.dsn"');
    expect(attachment('data/envois/mars 2026.dsn', fallback)).toBe('attachment; filename="mars 2026.dsn"');
    expect(attachment('C:\\paie\\avril.dsn', fallback)).toBe('attachment; filename="avril.dsn"');
  });

  it('adds filename* in UTF-8 for a name outside ASCII, with an ASCII filename for older clients', () => {
    expect(attachment('février paie (1).dsn', fallback)).toBe(
      `attachment; filename="fevrier paie (1).dsn"; filename*=UTF-8''f%C3%A9vrier%20paie%20%281%29.dsn`,
    );
    expect(attachment('déclaration "test".dsn', fallback)).toBe(
      `attachment; filename="declaration _test_.dsn"; filename*=UTF-8''d%C3%A9claration%20%22test%22.dsn`,
    );
  });

  it('falls back to the content hash when there is no usable name', () => {
    for (const name of [null, undefined, '', '   ', 'dossier/', '..', '\u0000\u001f'])
      expect(attachment(name, fallback)).toBe(`attachment; filename="${fallback}"`);
    expect(attachment('a\r\nSet-Cookie: x.dsn', fallback)).toBe('attachment; filename="aSet-Cookie: x.dsn"');
  });
});
