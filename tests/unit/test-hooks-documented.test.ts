/**
 * docs/testing.md lists the `data-testid` hooks the end-to-end tests (and anyone
 * writing one) may rely on. A hook added to the UI without a line there is one a
 * reader of the docs cannot find, so every literal `data-testid="…"` in the
 * extension's code must be named in the document. Computed ids
 * (`data-testid={…}`) are documented by their pattern and not checked here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_FOLDERS = ['entrypoints', 'src'];
const SOURCE_FILE = /\.(tsx?|html)$/;
const LITERAL_HOOK = /data-testid="([^"]+)"/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function literalHooks(): Map<string, string> {
  const hooks = new Map<string, string>();
  for (const file of SOURCE_FOLDERS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(LITERAL_HOOK)) {
      if (!hooks.has(match[1]!)) hooks.set(match[1]!, file);
    }
  }
  return hooks;
}

describe('docs/testing.md', () => {
  it('names every literal data-testid the extension renders', () => {
    const documentation = readFileSync('docs/testing.md', 'utf8');
    const hooks = literalHooks();
    // The extension has a few hundred hooks; finding none means the scan is broken.
    expect(hooks.size).toBeGreaterThan(100);
    const missing = [...hooks].filter(([hook]) => !documentation.includes(`\`${hook}\``)).map(([hook, file]) => `${hook} (${file})`);
    expect(missing).toEqual([]);
  });
});
