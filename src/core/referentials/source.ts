/**
 * Reference tables come from maintained npm packages. Each table records the package and the
 * version it was read from, so a report or a CRE control can say which edition it checked against.
 */
export interface ReferentialSource {
  package: string;
  version: string;
}

/**
 * Loads a JSON file of a package by its specifier (`codes-postaux/codes-postaux.json`). The
 * default is a dynamic `import()`, which works in Node and in bundlers; a Node edge may pass a
 * cheaper loader (a TypeScript loader such as tsx turns large JSON files into modules at a high
 * memory cost).
 */
export type JsonLoader = (specifier: string) => Promise<unknown>;

export const importJson: JsonLoader = async (specifier) => {
  const module = (await import(/* @vite-ignore */ specifier, { with: { type: 'json' } })) as {
    default: unknown;
  };
  return module.default;
};

let defaultLoader: JsonLoader = importJson;

/**
 * The loader used when a caller passes none. Node edges (the CLI, the server, the tests) set a
 * cheaper one at start (`node-json-loader.ts`, for Node only); the core stays free of Node imports.
 */
export function defaultJsonLoader(): JsonLoader {
  return defaultLoader;
}

export function useJsonLoader(loader: JsonLoader): void {
  defaultLoader = loader;
}

export async function packageVersion(name: string, load: JsonLoader): Promise<ReferentialSource> {
  const pkg = (await load(`${name}/package.json`)) as { version: string };
  return { package: name, version: pkg.version };
}

/** Upper-case ASCII, as postal and civil-status fields are usually written: `Pâlis` → `PALIS`. */
export function asciiUpper(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'OE')
    .replace(/æ/gi, 'AE')
    .toUpperCase();
}
