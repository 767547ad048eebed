import { pino, stdSerializers, type LogFn, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** What domain code logs with: a pino logger or Fastify's request logger. */
export interface Log {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  debug: LogFn;
}

/**
 * A NIR (13 characters, or 15 with its key) or a NTT-like identifier. Logs must never hold one:
 * error messages from the database or a library may quote a value, so they are masked here.
 */
const nirLike = /\b[1-478]\d{4}[0-9AB]\d{7}(?:\d{2})?\b/g;

export function scrub(text: string): string {
  return text.replace(nirLike, '[NIR masqué]');
}

/**
 * PostgreSQL errors carry `detail` (`Key (nir)=(…)`), `where`, and drivers may attach the query
 * parameters: none of it is needed to diagnose, all of it may contain declared data.
 */
function errorSerializer(error: Error) {
  const out = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const key of ['detail', 'where', 'parameters', 'params', 'hint', 'internalQuery']) delete out[key];
  if (typeof out['message'] === 'string') out['message'] = scrub(out['message']);
  if (typeof out['stack'] === 'string') out['stack'] = scrub(out['stack']);
  return out;
}

export interface LogOptions {
  level: string;
  /** The server logs to stdout; the CLI keeps stdout for results and logs to stderr. */
  destination?: 'stdout' | 'stderr';
  /** Pretty lines for a person at a terminal; JSON for everything else (default: when a TTY). */
  pretty?: boolean;
}

export function createLogger(options: LogOptions): Logger {
  const fd = options.destination === 'stderr' ? 2 : 1;
  const stream = fd === 2 ? process.stderr : process.stdout;
  const isPretty = options.pretty ?? stream.isTTY === true;
  const config: LoggerOptions = {
    level: options.level,
    base: { service: 'relais' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.token',
        '*.secret',
        'token',
        'secret',
      ],
      censor: '[masqué]',
    },
    serializers: { err: errorSerializer, error: errorSerializer },
  };
  const destination = isPretty
    ? pretty({
        destination: fd,
        colorize: true,
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,service',
      })
    : pino.destination({ dest: fd, sync: true });
  return pino(config, destination);
}

/** A logger that writes nothing (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
