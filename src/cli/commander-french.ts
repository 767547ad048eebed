import { Help, type Argument, type Command, type Option } from 'commander';

/**
 * commander writes its help headings and its errors in English (`Usage:`, `error: unknown option
 * '--x'`), and has no translations: the help's headings and the details it adds are rewritten by
 * `configureHelp`, its errors by `configureOutput`, both inherited by every subcommand. Static
 * imports only: `relais --help` runs from the compiled script with V8's code cache.
 */

const titles: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Arguments:': 'Arguments :',
  'Options:': 'Options :',
  'Global Options:': 'Options globales :',
  'Commands:': 'Commandes :',
};

/**
 * The details commander adds after a description: `(choices: "text", "json", default: "text")`.
 * Without colons, which French spaces before: a line of the help could begin with one.
 */
const details: [RegExp, string][] = [
  [/\bchoices: /g, 'au choix '],
  [/\bdefault: /g, 'par défaut '],
  [/\bpreset: /g, 'sans valeur '],
  [/\benv: /g, 'variable d’environnement '],
];

/** Stands for a space the help's lines must not break at; one column wide, like the space. */
const keep = '\u0001';

function frenchDetails(description: string, english: string): string {
  // Only the parenthesis commander appended, never the description written in French above it.
  if (english === description) return english;
  const added = english.slice(description.length);
  return description + details.reduce((text, [pattern, french]) => text.replace(pattern, french), added);
}

const frenchUsage = (usage: string) => usage.replace(/\[command\]/g, '[commande]');

/** For `configureHelp`: commander's `Help`, its English words in French. */
export const frenchHelp: Partial<Help> = {
  styleTitle: (title: string) => titles[title] ?? title,
  commandUsage(this: Help, command: Command) {
    return frenchUsage(Help.prototype.commandUsage.call(this, command));
  },
  subcommandTerm(this: Help, command: Command) {
    return frenchUsage(Help.prototype.subcommandTerm.call(this, command));
  },
  optionDescription(this: Help, option: Option) {
    return frenchDetails(option.description, Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument: Argument) {
    return frenchDetails(argument.description, Help.prototype.argumentDescription.call(this, argument));
  },
  // French puts a space before « : ; ? ! » and inside guillemets: no line starts with those signs.
  boxWrap(this: Help, text: string, width: number) {
    // Escaped: esbuild's ASCII output keeps a regular expression's characters as written, and the
    // compiled script must stay ASCII (scripts/build.mjs, run-script.cjs).
    const kept = text.replace(/ (?=[:;?!\u00bb])/g, keep).replace(/\u00ab /g, `\u00ab${keep}`);
    return Help.prototype.boxWrap.call(this, kept, width).replaceAll(keep, ' ');
  },
};

const quoted = (name: string) => `« ${name} »`;

/** `option '--json'` or `environment variable 'X'`, as commander names the two sides of a conflict. */
const conflicting = (english: string) =>
  english
    .replace(/^option '(.*)'$/, (_, flags: string) => `l’option ${quoted(flags)}`)
    .replace(
      /^environment variable '(.*)'$/,
      (_, name: string) => `la variable d’environnement ${quoted(name)}`,
    );

/**
 * commander's error messages (lib/command.js, lib/option.js, lib/suggestSimilar.js), each as its
 * French sentence. Tested one by one (`src/cli/commander-french.test.ts`): a commander that words
 * one differently fails there.
 */
const errors: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '(.*?)'/, (flag) => `option inconnue ${quoted(flag!)}`],
  [/^error: unknown command '(.*?)'/, (name) => `commande inconnue ${quoted(name!)}`],
  [/^error: missing required argument '(.*?)'/, (name) => `argument obligatoire manquant : ${name}`],
  [/^error: option '(.*?)' argument missing/, (flags) => `l’option ${quoted(flags!)} attend une valeur`],
  [/^error: required option '(.*?)' not specified/, (flags) => `l’option ${quoted(flags!)} est obligatoire`],
  [
    /^error: too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (command, expected, got) =>
      `trop d’arguments${command ? ` pour ${command}` : ''} : ${expected} attendu${Number(expected) > 1 ? 's' : ''}, ${got} reçu${Number(got) > 1 ? 's' : ''}`,
  ],
  [
    /^error: option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*)\.$/s,
    (flags, value, choices) =>
      `valeur ${quoted(value!)} non admise pour l’option ${quoted(flags!)} : valeurs possibles ${choices}`,
  ],
  [
    /^error: option '(.*?)' argument '(.*?)' is invalid\./,
    (flags, value) => `valeur ${quoted(value!)} non admise pour l’option ${quoted(flags!)}`,
  ],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.*?)'\./,
    (value, name) => `valeur ${quoted(value!)} non admise pour l’argument ${name}`,
  ],
  [
    /^error: (.*?) cannot be used with (.*)$/,
    (one, other) => `${conflicting(one!)} ne peut pas être employée avec ${conflicting(other!)}`,
  ],
];

const suggestions: [RegExp, (similar: string) => string][] = [
  [/\(Did you mean one of (.*)\?\)/, (similar) => `(vouliez-vous dire l’un de ${similar} ?)`],
  [/\(Did you mean (.*)\?\)/, (similar) => `(vouliez-vous dire ${similar} ?)`],
];

/** One of commander's error messages (with its suggestion on the next line) in French. */
export function frenchError(text: string): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  let message = first.replace(/^error: /, '');
  for (const [pattern, french] of errors) {
    const match = pattern.exec(first);
    if (match) {
      message = `${french(...match.slice(1).map((group) => group ?? ''))}.`;
      break;
    }
  }
  const following = rest.map((line) => {
    for (const [pattern, french] of suggestions) {
      const match = pattern.exec(line);
      if (match) return french(match[1]!);
    }
    return line;
  });
  return [`relais : ${message}`, ...following].join('\n') + '\n';
}
