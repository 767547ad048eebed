import type pg from 'pg';

const prepared = new WeakSet<pg.PoolClient>();

/**
 * Statements that begin with a tag `/* prepared: name *\/` are prepared once per connection and
 * then only executed: the hot reads (one per DRM request) skip parsing and planning. The text of
 * a tagged statement must never change for a name, which holds for SQL built from a fixed
 * template with every value a parameter. PGlite sees the tag as a comment.
 */
export function preparingTagged(client: pg.PoolClient): pg.PoolClient {
  if (prepared.has(client)) return client;
  prepared.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // After any white space: a template's first line break and indentation are part of its text.
  const tagged = /^\s*\/\* prepared: ([a-z_]+) \*\//;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? tagged.exec(text)?.[1] : undefined;
    if (name === undefined) return query(text, ...rest);
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  }) as typeof client.query;
  return client;
}
