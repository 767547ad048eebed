/**
 * `Content-Disposition: attachment` naming a download (RFC 6266): `filename` in ASCII for every
 * client, and `filename*` (RFC 8187, UTF-8) when the name has other characters, which clients
 * that know it prefer (« fevrier-paie.dsn » stays « février-paie.dsn »).
 */

/** The last segment of a path as the client sent it (`ingest` sends the path it was given). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? '';
}

/** Control characters would end or break the header; a name of nothing but them is no name. */
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Accents dropped, other non-ASCII characters and the quoting ones replaced: a plain token. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** Percent-encoding of RFC 8187: everything but its attr-char. */
function extendedValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * The header for a download named `name` (as deposited, possibly a path), or `fallback` when the
 * deposit has no usable name.
 */
export function attachment(name: string | null | undefined, fallback: string): string {
  const cleaned = baseName(name ?? '')
    .replace(controls, '')
    .trim();
  const chosen = cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
  const ascii = asciiName(chosen);
  return ascii === chosen
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=${extendedValue(chosen)}`;
}
