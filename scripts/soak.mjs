/**
 * `npm run soak -- --minutes 60 [--model FOLDER]`: a long recorded call through the
 * built extension (tests/soak/run-soak.ts: fake Zoom page, looped Norwegian speech
 * on both channels, the test model), then "end interview". `--model` records with
 * another model folder (manifest.json and its files, e.g. the bench's base q8 under
 * /tmp/intervju-bench/models) instead: the snapshot carries only that model. Prints utterances heard vs
 * stored, the panel's update delay at the start and at the end, memory, CPU,
 * stored audio against wall time, and whether every device was released.
 * Not a test: it prints figures. Needs a build (`npx wxt build`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const repository = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const minutes = Number(argv.includes('--minutes') ? argv[argv.indexOf('--minutes') + 1] : '60');
if (!(minutes > 0)) throw new Error('usage: npm run soak -- --minutes N [--model FOLDER]');
const modelFolder = argv.includes('--model') ? path.resolve(argv[argv.indexOf('--model') + 1] ?? '') : null;
if (modelFolder && !existsSync(path.join(modelFolder, 'manifest.json'))) {
  process.stderr.write(`No manifest.json in ${modelFolder}: --model wants a model folder (see docs/models.md).\n`);
  process.exit(1);
}
if (!existsSync(path.join(repository, '.output/chrome-mv3/manifest.json'))) {
  process.stderr.write('No built extension in .output/chrome-mv3: run `npx wxt build` first.\n');
  process.exit(1);
}
// A snapshot of the build and the test voices, in a folder laid out like the
// repository (the fixtures resolve paths from the working directory): a rebuild
// during an hour's run must not pull files away from the running extension.
const work = mkdtempSync(path.join(tmpdir(), 'intervju-soak-build-'));
cpSync(path.join(repository, '.output/chrome-mv3'), path.join(work, '.output/chrome-mv3'), { recursive: true });
cpSync(path.join(repository, 'tests/e2e/audio'), path.join(work, 'tests/e2e/audio'), { recursive: true });
if (modelFolder) {
  // The build lists its models in models/index.json (modules/runtime-assets.ts); with
  // only this one listed, the extension records (and runs its final pass) with it.
  const manifest = JSON.parse(readFileSync(path.join(modelFolder, 'manifest.json'), 'utf8'));
  const models = path.join(work, '.output/chrome-mv3/models');
  cpSync(modelFolder, path.join(models, manifest.name), { recursive: true });
  const { name, displayName, kind, dtype, sizeBytes, languages, wordTimestamps } = manifest;
  writeFileSync(path.join(models, 'index.json'), `${JSON.stringify([{ name, displayName, kind, dtype, sizeBytes, languages, wordTimestamps }], null, 2)}\n`);
  process.stderr.write(`recording with ${name} (${(sizeBytes / 1024 / 1024).toFixed(0)} MB)\n`);
}
process.chdir(work);
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const { runSoak, describeSoak } = await createJiti(import.meta.url).import(path.join(repository, 'tests/soak/run-soak.ts'));
const report = await runSoak({ minutes, log: (line) => process.stderr.write(`${line}\n`) });
for (const line of describeSoak(report)) console.log(line);
console.log(JSON.stringify(report));
