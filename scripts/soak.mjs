/**
 * `npm run soak -- --minutes 60`: a long recorded call through the built extension
 * (tests/soak/run-soak.ts: fake Zoom page, looped Norwegian speech on both
 * channels, the test model), then "end interview". Prints utterances heard vs
 * stored, the panel's update delay at the start and at the end, memory, CPU,
 * stored audio against wall time, and whether every device was released.
 * Not a test: it prints figures. Needs a build (`npx wxt build`).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const repository = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const minutes = Number(argv.includes('--minutes') ? argv[argv.indexOf('--minutes') + 1] : '60');
if (!(minutes > 0)) throw new Error('usage: npm run soak -- --minutes N');
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
process.chdir(work);
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const { runSoak, describeSoak } = await createJiti(import.meta.url).import(path.join(repository, 'tests/soak/run-soak.ts'));
const report = await runSoak({ minutes, log: (line) => process.stderr.write(`${line}\n`) });
for (const line of describeSoak(report)) console.log(line);
console.log(JSON.stringify(report));
