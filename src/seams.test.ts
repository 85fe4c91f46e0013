/**
 * The seams between entrypoints and domain code (docs/architecture.md, "Shape
 * of the code"): an entrypoint reaches a domain only through its public API,
 * `src/<domain>` (its index.ts). The few files imported by path on purpose are
 * listed here, each with the reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

/** Imported by path on purpose. */
const BY_PATH = new Set([
  // Loads onnxruntime-web: through src/audio's index it would enter every page that uses src/audio.
  'src/audio/silero-session',
  // A Worker's script: Vite bundles it from the URL, which must name the file.
  'src/transcribe/worker/transcription.worker.ts',
  // A stylesheet, not code.
  'src/ui/base.css',
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier in a file that points into src/, as a path from the repository root. */
function srcSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|new URL\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, resolve(join(file, '..'), specifier)).split('\\').join('/'))
    .filter((path) => path.startsWith('src/'));
}

describe('entrypoints reach domain code through its index', () => {
  const files = sourceFiles(join(ROOT, 'entrypoints'));

  it('finds the entrypoints and their imports', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(srcSpecifiers)).toContain('src/store');
  });

  it('imports src/<domain> or a file listed on purpose, never another file of a domain', () => {
    const strays = files.flatMap((file) =>
      srcSpecifiers(file)
        .filter((path) => !/^src\/[a-z-]+(\/index(\.tsx?)?)?$/.test(path) && !BY_PATH.has(path))
        .map((path) => `${relative(ROOT, file)} → ${path}`),
    );
    expect(strays).toEqual([]);
  });
});
