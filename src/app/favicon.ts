/**
 * Relais's icon, `/favicon.ico`: a white « R » on the State's blue (#000091), 32×32, drawn here
 * rather than copied. The DSFR's favicon is the Marianne, which its charter keeps to State
 * sites; and a few lines of code review better than a binary file.
 */

/** The letter on a 5×7 grid, each cell drawn as a 4×4 square. */
const letter = ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'];
const size = 32;
const cell = 4;
const left = (size - 5 * cell) / 2;
const top = (size - 7 * cell) / 2;
const radius = 6;

/** Blue, white or transparent (the rounded corners), as BGRA. */
function pixel(x: number, y: number): [number, number, number, number] {
  const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
  const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
  if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius ** 2) return [0, 0, 0, 0];
  const row = letter[Math.floor((y - top) / cell)];
  const on = y >= top && x >= left && row?.[Math.floor((x - left) / cell)] === '#';
  return on ? [255, 255, 255, 255] : [0x91, 0, 0, 255];
}

/** An ICO of one 32-bit bitmap (with alpha; its AND mask all zeros), as every browser reads it. */
function icon(): Buffer {
  const pixels = size * size * 4;
  const mask = (size / 8) * size; // one bit a pixel, rows of 4 bytes
  const bitmap = 40 + pixels + mask;
  const out = Buffer.alloc(6 + 16 + bitmap);
  out.writeUInt16LE(1, 2); // type: icon
  out.writeUInt16LE(1, 4); // one image
  out.writeUInt8(size, 6);
  out.writeUInt8(size, 7);
  out.writeUInt16LE(1, 10); // planes
  out.writeUInt16LE(32, 12); // bits a pixel
  out.writeUInt32LE(bitmap, 14);
  out.writeUInt32LE(22, 18); // where the bitmap starts
  out.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  out.writeInt32LE(size, 26);
  out.writeInt32LE(size * 2, 30); // the colours and the mask, stacked
  out.writeUInt16LE(1, 34);
  out.writeUInt16LE(32, 36);
  out.writeUInt32LE(pixels + mask, 42);
  // Rows bottom-up, as in any BMP.
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) out.set(pixel(x, size - 1 - y), 62 + (y * size + x) * 4);
  return out;
}

let cached: Buffer | undefined;

/** The icon's bytes, made on first use. */
export function favicon(): Buffer {
  return (cached ??= icon());
}
