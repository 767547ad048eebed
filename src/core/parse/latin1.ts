/**
 * Bytes → string, one byte one character (ISO-8859-1). Node's Buffer does this natively and fast;
 * the browser's TextDecoder only knows windows-1252 under this name, which differs on bytes
 * 0x80–0x9F: those are flagged as non-Latin-1 whichever way they were decoded (see `encoding.ts`).
 */
export type Latin1Decoder = (bytes: Uint8Array) => string;

interface NodeBufferLike {
  from(buffer: ArrayBufferLike, offset: number, length: number): { latin1Slice(): string };
}

export function latin1Decoder(): Latin1Decoder {
  const NodeBuffer = (globalThis as unknown as { Buffer?: NodeBufferLike }).Buffer;
  if (NodeBuffer) {
    return (bytes) => NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).latin1Slice();
  }
  const decoder = new TextDecoder('latin1');
  return (bytes) => decoder.decode(bytes);
}

/** Encodes a string of Latin-1 characters back to bytes (generator, tests). */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
