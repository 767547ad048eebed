import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';

/**
 * NDJSON request bodies (`application/x-ndjson`): one JSON value per line, read as a stream and
 * refused as soon as they pass the bounds, so that an oversized body is never held whole.
 */

/** A non-blank line of the body, with its line number (from 1, blank lines counted). */
export interface NdjsonLine {
  line: number;
  text: string;
}

export const maxLines = 100_000;
/** About 320 bytes a line on average: a person line is about 130. */
export const maxBytes = 32 * 1024 * 1024;

const tooLarge = () =>
  new AppError(
    'EXCHANGE_LOT_TOO_LARGE',
    `Au plus ${maxLines.toLocaleString('fr-FR')} lignes et ${maxBytes / 1024 / 1024} Mo par envoi : découpez-le en plusieurs.`,
    { pointer: '/body' },
  );

const notNdjson = (why: string) =>
  new AppError(
    'EXCHANGE_NDJSON_INVALID',
    `Le corps n’est pas du NDJSON (${why}) : une valeur JSON par ligne, encodée en UTF-8.`,
    { pointer: '/body' },
  );

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The body's non-blank lines, in order. Refused whole when it passes the bounds, is not UTF-8, or
 * has no line that is JSON at all; a line that is not valid JSON is left to its reader, which
 * refuses that line alone.
 */
export async function readNdjson(body: AsyncIterable<Buffer>): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  let bytes = 0;
  let number = 0;
  let rest: Buffer = Buffer.alloc(0);
  const take = (raw: Buffer) => {
    number++;
    let text: string;
    try {
      text = decoder.decode(raw).replace(/\r$/, '');
    } catch {
      throw notNdjson(`ligne ${number} : octets qui ne sont pas de l’UTF-8`);
    }
    if (text.trim() === '') return;
    if (lines.length === maxLines) throw tooLarge();
    lines.push({ line: number, text });
  };
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge();
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let end = data.indexOf(0x0a);
    while (end !== -1) {
      take(data.subarray(0, end));
      data = data.subarray(end + 1);
      end = data.indexOf(0x0a);
    }
    rest = data;
  }
  if (rest.length > 0) take(rest);
  if (lines.length === 0) throw notNdjson('aucune ligne');
  if (!lines.some((l) => isJson(l.text))) throw notNdjson('aucune ligne n’est du JSON');
  return lines;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lets the routes of `app` (a plugin's scope) take NDJSON bodies only, read by {@link readNdjson}:
 * the handler finds the lines in `request.body`; any other type is refused 415.
 */
export function acceptNdjson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-ndjson', (_request: FastifyRequest, payload: IncomingMessage) =>
    readNdjson(payload),
  );
}
