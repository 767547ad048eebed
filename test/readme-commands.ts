/**
 * What the README asks a newcomer to type, and what it shows them, in order:
 * - every line of a ```sh block is a command (a line ending in `\` goes on), its comment apart.
 *   Placeholders a reader must fill (`<id>`, `[--option …]`) do not belong in these blocks: the
 *   replay runs every line as it is;
 * - a block of output follows an HTML comment `<!-- sortie de : COMMANDE -->`: the command's output,
 *   which the replay compares with what the command prints at that point of the journey.
 */
export type ReadmeStep =
  | { kind: 'command'; command: string; comment: string; line: number }
  | { kind: 'output'; command: string; expected: string; line: number };

export type ReadmeCommand = Extract<ReadmeStep, { kind: 'command' }>;

export function readmeSteps(readme: string): ReadmeStep[] {
  const steps: ReadmeStep[] = [];
  const lines = readme.split('\n');
  let inShell = false;
  let output: { command: string; line: number; lines: string[] } | null = null;
  let announced: string | null = null;
  let pending: { text: string; line: number } | null = null;
  lines.forEach((raw, index) => {
    if (output) {
      if (/^```/.test(raw)) {
        steps.push({
          kind: 'output',
          command: output.command,
          expected: output.lines.join('\n'),
          line: output.line,
        });
        output = null;
      } else output.lines.push(raw);
      return;
    }
    const marker = /^<!-- sortie de : (.+) -->$/.exec(raw.trim());
    if (marker) {
      announced = marker[1]!;
      return;
    }
    if (/^```/.test(raw)) {
      if (announced !== null && !inShell) {
        output = { command: announced, line: index + 1, lines: [] };
        announced = null;
        return;
      }
      inShell = !inShell && raw.trim() === '```sh';
      return;
    }
    if (!inShell) return;
    const text = pending ? `${pending.text} ${raw.trim()}` : raw;
    const line = pending ? pending.line : index + 1;
    if (/\\\s*$/.test(text) && !/\s#\s/.test(raw)) {
      pending = { text: text.replace(/\\\s*$/, '').trimEnd(), line };
      return;
    }
    pending = null;
    const { command, comment } = splitComment(text);
    if (command !== '') steps.push({ kind: 'command', command, comment, line });
  });
  return steps;
}

/** `cmd   # comment`: the comment starts at a `#` after blanks, outside quotes. */
function splitComment(text: string): { command: string; comment: string } {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!)))
      return { command: text.slice(0, i).trim(), comment: text.slice(i + 1).trim() };
  }
  return { command: text.trim(), comment: '' };
}
