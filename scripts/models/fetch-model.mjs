#!/usr/bin/env node
// Fetches a real Whisper model into models/<name>/ for a user who is online.
//
//   npm run models:fetch -- --list
//   npm run models:fetch -- <name> [--timeout <seconds>]
//   npm run models:fetch -- --verify <name>
//   npm run models:fetch -- --manifest-only <name>
//
// The models it knows are in src/transcribe/known-models.json (the extension
// reads the same list through src/transcribe/model-registry.ts). Each file goes
// to <file>.part first and is renamed when complete and checked; a rerun
// resumes a .part. The manifest.json written last records every file's SHA-256
// so the extension can refuse a damaged folder. A model the hub has only as a
// checkpoint (NB-Whisper's safetensors: `checkpoint` in the list) is downloaded
// into models/.checkpoints/<name>/ and converted by convert-checkpoint.py, which
// writes models/<name>/ and its manifest.
import { execFileSync } from 'node:child_process';
import { readFile, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DownloadError,
  buildManifest,
  converterArguments,
  downloadFile,
  downloadPlan,
  fileUrl,
  findMismatches,
  formatBytes,
  hashFile,
  writeFileAtomically,
} from './model-download.mjs';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modelsFolder = join(repository, 'models');

function usage() {
  return [
    'Usage:',
    '  npm run models:fetch -- --list',
    '  npm run models:fetch -- <name> [--timeout <seconds>]',
    '  npm run models:fetch -- --verify <name>',
    '  npm run models:fetch -- --manifest-only <name>   (files already in models/<name>/, e.g. converted by hand)',
  ].join('\n');
}

async function loadKnownModels() {
  const text = await readFile(join(repository, 'src', 'transcribe', 'known-models.json'), 'utf8');
  return JSON.parse(text);
}

function parseArguments(argv) {
  const options = { name: null, list: false, verify: false, manifestOnly: false, timeoutSeconds: 30 };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--list') options.list = true;
    else if (argument === '--verify') options.verify = true;
    else if (argument === '--manifest-only') options.manifestOnly = true;
    else if (argument === '--timeout') options.timeoutSeconds = Number(argv[++index]);
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}`);
    else options.name = argument;
  }
  if (!Number.isFinite(options.timeoutSeconds) || options.timeoutSeconds <= 0) throw new Error('--timeout needs a number of seconds');
  return options;
}

async function fetchModel(model, timeoutSeconds) {
  const plan = downloadPlan(model, modelsFolder);
  const into = plan.convert ? `models/.checkpoints/${model.name}/ (then converted into models/${model.name}/)` : `models/${model.name}/`;
  console.log(`Fetching ${model.displayName} (about ${formatBytes(plan.approximateBytes)}) from ${model.repository} into ${into}`);
  let commit;
  try {
    commit = await downloadAll(model, plan, timeoutSeconds);
  } catch (error) {
    // Leave no empty folder behind: the extension would list it as a model.
    await rmdir(plan.folder).catch(() => {});
    throw error;
  }
  if (plan.convert) {
    const python = process.env.PYTHON ?? '/usr/bin/python3';
    console.log(`Converting with ${python} scripts/models/convert-checkpoint.py (Debian's python3-torch and python3-onnx) …`);
    execFileSync(python, converterArguments(model, repository, modelsFolder, commit), { stdio: 'inherit' });
    console.log(`The checkpoint stays in models/.checkpoints/${model.name}/ (not shipped); delete it to free the space.`);
  } else {
    await writeManifest(model, plan.folder, commit);
  }
}

async function downloadAll(model, plan, timeoutSeconds) {
  const folder = plan.folder;
  let commit = null;
  for (const path of plan.files) {
    const url = fileUrl(model.repository, path, model.revision);
    let lastShown = 0;
    const result = await downloadFile({
      url,
      destination: join(folder, path),
      fetch: globalThis.fetch,
      timeoutMs: timeoutSeconds * 1000,
      onProgress(received, total) {
        const now = Date.now();
        if (now - lastShown < 500) return;
        lastShown = now;
        const share = total ? ` (${Math.floor((received / total) * 100)} %)` : '';
        process.stdout.write(`\r  ${path}: ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}${share}   `);
      },
    });
    commit = commit ?? result.commit;
    process.stdout.write(`\r  ${path}: done${result.sha256 ? ', SHA-256 matches the hub' : ''}                    \n`);
  }
  return commit;
}

/** Hashes the model's files as they are on disk and writes manifest.json beside them. */
async function writeManifest(model, folder, commit) {
  const files = [];
  for (const path of model.files) files.push({ path, ...(await hashFile(join(folder, path))) });
  const manifest = buildManifest(model, files, commit);
  await writeFileAtomically(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const mismatches = await findMismatches(folder, manifest);
  if (mismatches.length > 0) throw new Error(`files changed while writing the manifest: ${mismatches.join(', ')}`);
  console.log(`Wrote models/${model.name}/manifest.json (${formatBytes(manifest.sizeBytes)}, ${files.length} files, ${manifest.source}).`);
}

async function verifyModel(name) {
  const folder = join(modelsFolder, name);
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
  const mismatches = await findMismatches(folder, manifest);
  if (mismatches.length > 0) {
    console.error(`models/${name}: these files do not match manifest.json: ${mismatches.join(', ')}`);
    return 1;
  }
  console.log(`models/${name}: all ${manifest.files.length} files match manifest.json.`);
  return 0;
}

async function main(argv) {
  const options = parseArguments(argv);
  const known = await loadKnownModels();
  if (options.list || (!options.name && !options.verify)) {
    console.log('Models that can be fetched:');
    for (const model of known) {
      const languages = Array.isArray(model.languages) ? model.languages.join(', ') : model.languages;
      const how = model.checkpoint ? (model.checkpoint.unsupported ? ', cannot be converted here yet' : ', converted here') : '';
      console.log(`  ${model.name.padEnd(28)} ${formatBytes(model.approximateBytes).padStart(9)}  ${languages}${model.wordTimestamps ? ', word timestamps' : ''}${how}`);
    }
    if (!options.list) console.log(`\n${usage()}`);
    return options.list ? 0 : 2;
  }
  if (options.verify) return verifyModel(options.name ?? '');
  const model = known.find((entry) => entry.name === options.name);
  if (!model) {
    console.error(`No known model is called "${options.name}". Run with --list to see them.`);
    return 2;
  }
  if (options.manifestOnly) {
    await writeManifest(model, join(modelsFolder, model.name), null);
    return 0;
  }
  await fetchModel(model, options.timeoutSeconds);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stdout.write('\n');
    if (error instanceof DownloadError && (error.reason === 'offline' || error.reason === 'timeout')) {
      console.error(`Cannot download the model: ${error.message}.`);
      console.error('This machine seems to have no access to huggingface.co. Fetch the model on a machine that is online');
      console.error('(npm run models:fetch -- <name>) and copy its models/<name>/ folder here; see docs/models.md.');
      console.error('Partly downloaded files are kept as .part and resumed next time.');
    } else {
      console.error(`Cannot fetch the model: ${error?.message ?? error}`);
    }
    process.exit(1);
  },
);
