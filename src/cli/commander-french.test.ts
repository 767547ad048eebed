import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { frenchError, frenchHelp } from './commander-french.ts';

const root = join(import.meta.dirname, '..', '..');
const relais = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/relais.js', ...args], { cwd: root, encoding: 'utf8' });

/** Any English word commander may write: none must reach a user. */
const english =
  /\b(Usage|Commands|error|unknown|missing|required|Did you mean|choices|default|too many)\b|Options:|Arguments:/;

describe('commander in French', () => {
  /** What commander writes to stderr for these arguments, through Relais's output configuration. */
  function errorOf(...args: string[]): string {
    let written = '';
    const program = new Command('relais')
      .exitOverride()
      .configureHelp(frenchHelp)
      .configureOutput({
        writeErr: (text) => (written += text),
        writeOut: (text) => (written += text),
        outputError: (text, write) => write(frenchError(text)),
      });
    program
      .command('check')
      .argument('<fichiers...>')
      .addOption(new Option('-f, --format <format>').choices(['text', 'json']))
      .requiredOption('--norm <version>')
      .action(() => undefined);
    program
      .command('diff')
      .argument('<de>')
      .argument('<a>')
      .addOption(new Option('--json').conflicts('text'))
      .addOption(new Option('--text'))
      .action(() => undefined);
    expect(() => program.parse(args, { from: 'user' })).toThrow();
    return written;
  }

  it.each([
    [
      ['check', '--norm', 'P26V01', '--frmat', 'json', 'a'],
      'relais : option inconnue « --frmat ».\n(vouliez-vous dire --format ?)\n',
    ],
    [['chek'], 'relais : commande inconnue « chek ».\n(vouliez-vous dire check ?)\n'],
    [['check', '--norm', 'P26V01'], 'relais : argument obligatoire manquant : fichiers.\n'],
    [['check', 'a', '--norm'], 'relais : l’option « --norm <version> » attend une valeur.\n'],
    [['check', 'a'], 'relais : l’option « --norm <version> » est obligatoire.\n'],
    [['diff', 'a', 'b', 'c'], 'relais : trop d’arguments pour diff : 2 attendus, 3 reçus.\n'],
    [
      ['check', '--norm', 'P26V01', '-f', 'xml', 'a'],
      'relais : valeur « xml » non admise pour l’option « -f, --format <format> » : valeurs possibles text, json.\n',
    ],
    [
      ['diff', 'a', 'b', '--json', '--text'],
      'relais : l’option « --json » ne peut pas être employée avec l’option « --text ».\n',
    ],
  ])('says %j in French', (args, message) => {
    expect(errorOf(...args)).toBe(message);
  });

  it('writes the help headings and details in French, without breaking a line before a colon', () => {
    const help = relais('check', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Utilisation : relais check \[options\] <fichiers\.\.\.>\n/);
    expect(help.stdout).toContain('\nArguments :\n');
    expect(help.stdout).toContain('\nOptions :\n');
    expect(help.stdout).toContain('(au choix "text", "json", par défaut');
    expect(help.stdout).not.toMatch(english);
    expect(help.stdout).not.toMatch(/^\s+[:;?!»]/m);
    const top = relais('--help');
    expect(top.stdout).toMatch(/^Utilisation : relais \[options\] \[commande\]\n/);
    expect(top.stdout).toContain('\nCommandes :\n');
    expect(top.stdout).toContain('help [commande]');
    expect(top.stdout).not.toMatch(english);
    expect(relais('declarants', '--help').stdout).toContain(
      'Utilisation : relais declarants [options] [commande]',
    );
  });

  it('refuses an unknown option in French, with exit code 2', () => {
    const run = relais('check', '--frmat', 'json', 'fichier.dsn');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'relais : option inconnue « --frmat ».\n(vouliez-vous dire --format ?)\n' +
        '(« relais --help » ou « relais COMMANDE --help » : l’aide)\n',
    );
    const missing = relais('check');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('relais : argument obligatoire manquant : fichiers.');
    expect(missing.stderr).not.toMatch(english);
  });
});
