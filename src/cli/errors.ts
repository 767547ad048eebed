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

export const exitCodes = { ok: 0, blocking: 1, usage: 2 } as const;
