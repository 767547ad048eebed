import { describe, expect, it } from 'vitest';
import { detached, identifierKey } from './state-keys.ts';

describe('identifierKey', () => {
  it('reads a NIR, Corsican departments included, as a number', () => {
    expect(typeof identifierKey('1850775123456')).toBe('number');
    expect(typeof identifierKey('185072A123456')).toBe('number');
    expect(Number.isSafeInteger(identifierKey('2999999999999'))).toBe(true);
  });

  it('keeps distinct identifiers distinct', () => {
    const values = [
      '185072A123456',
      '185072B123456',
      '1850719123456',
      '1850718123456',
      '0123',
      '123',
      '00123',
    ];
    expect(new Set(values.map(identifierKey)).size).toBe(values.length);
  });

  it('falls back to a copy of the text for other identifiers', () => {
    expect(identifierKey('1732829320 01')).toBe('1732829320 01');
    expect(identifierKey('17328293200011234')).toBe('17328293200011234');
  });
});

describe('detached', () => {
  it('returns an equal string', () => {
    const chunk = `S21.G00.30.001,'1850775123456'\n`.repeat(1000);
    expect(detached(chunk.slice(16, 29))).toBe('1850775123456');
  });
});
