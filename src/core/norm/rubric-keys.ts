/**
 * Numeric keys for rubric and block ids, so the parser can look a line up without building a string:
 * `S21.G00.30.001` → block key 210030, rubric key 210030001.
 */

export function blockKeyOf(blockId: string): number {
  return (
    Number(blockId.slice(1, 3)) * 10000 + Number(blockId.slice(5, 7)) * 100 + Number(blockId.slice(8, 10))
  );
}

export function rubricKeyOf(rubricId: string): number {
  return blockKeyOf(rubricId) * 1000 + Number(rubricId.slice(11, 14));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function blockIdOf(blockKey: number): string {
  const s = Math.floor(blockKey / 10000);
  const g = Math.floor(blockKey / 100) % 100;
  const b = blockKey % 100;
  return `S${pad(s, 2)}.G${pad(g, 2)}.${pad(b, 2)}`;
}

export function rubricIdOf(rubricKey: number): string {
  return `${blockIdOf(Math.floor(rubricKey / 1000))}.${pad(rubricKey % 1000, 3)}`;
}

export const rubricIdPattern = /^S\d{2}\.G\d{2}\.\d{2}\.\d{3}$/;
export const blockIdPattern = /^S\d{2}\.G\d{2}\.\d{2}$/;
