/** A failure of the command itself (unreadable file, bad option): exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code = 'RELAIS-CLI-USAGE',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** 2 covers both a command used wrongly and a file that is no declaration (README, `relais check --help`). */
export const exitCodes = { ok: 0, blocking: 1, usage: 2, unreadable: 2 } as const;
