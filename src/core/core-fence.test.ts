import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** A module of the core that does not exist: the lint rules apply to it by its path. */
const probe = join(root, 'src', 'core', 'check', 'fence-probe.ts');
const eslint = new ESLint({ cwd: root });

async function fenceMessages(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: probe });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('core fence (eslint.config.js)', () => {
  it('reports a Node import in the core', async () => {
    const messages = await fenceMessages(
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*no Node module/)]);
  });

  it('reports a bare Node builtin, a dynamic Node import and a Node-only package', async () => {
    const messages = await fenceMessages(
      [
        "import { join } from 'path';",
        "import pg from 'pg';",
        "export const load = () => import('node:fs');",
        'export const used = [join, pg];',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*no Node module/),
      expect.stringMatching(/^no-restricted-imports: .*only runs in Node/),
      expect.stringMatching(/^no-restricted-syntax: .*no Node module/),
    ]);
  });

  it('reports an import of the platform (the store, the HTTP layer) or of a feature', async () => {
    const messages = await fenceMessages(
      [
        "import { CopyBuffer } from '../../platform/store/copy-buffer.ts';",
        "import type { Decision } from '../../features/deposit/lifecycle.ts';",
        'export const used: [typeof CopyBuffer, Decision | null] = [CopyBuffer, null];',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*platform, features, app or cli/),
      expect.stringMatching(/^no-restricted-imports: .*platform, features, app or cli/),
    ]);
  });

  it('accepts a module that imports only the core', async () => {
    const messages = await fenceMessages(
      [
        "import { checkDsn } from './check.ts';",
        "import { platformControls } from '../controls/families/platform.ts';",
        'export const used = [checkDsn, platformControls];',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('leaves the core’s tests, which run in Node, free to import Node', async () => {
    const [result] = await eslint.lintText("import { join } from 'node:path';\nexport const j = join;\n", {
      filePath: join(root, 'src', 'core', 'check', 'fence-probe.test.ts'),
    });
    expect(result!.messages).toEqual([]);
  });
});
