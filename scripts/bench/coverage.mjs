#!/usr/bin/env node
// Precision and recall of the coverage matcher (src/coverage/matching) on a labelled set.
//
//   npm run bench:coverage -- --guide <guide .txt/.md> --utterances <file.jsonl> [--mentions <file.jsonl>] [--errors]
//   npm run bench:coverage            (every shipped set in src/coverage/evaluation: dev, dev2 and held-out, per guide and overall)
//   npm run bench:coverage -- --split dev,dev2 [--errors]   (only those splits)
//
// --errors never lists the held-out split's lines: that half is for the final figure only, not for reading.
//
// Prints `questions precision P recall R`, with --mentions `probes precision P recall R`, and the time per call.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const jiti = createJiti(import.meta.url);
const { evaluate, guideFromText, parseJsonLines, isLabelledUtterance, isLabelledMention, pool, createCoverageMatcher } =
  await jiti.import(join(root, 'src/coverage/matching/index.ts'));

function args(argv) {
  const out = { errors: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--errors') out.errors = true;
    else if (a === '--guide' || a === '--utterances' || a === '--mentions' || a === '--split') out[a.slice(2)] = argv[++i];
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return out;
}

const f2 = (x) => x.toFixed(2);
const line = (kind, pr) => `${kind} precision ${f2(pr.precision)} recall ${f2(pr.recall)}`;
const counts = (pr) => `(tp ${pr.truePositives}, fp ${pr.falsePositives}, fn ${pr.falseNegatives})`;
const read = (p) => readFileSync(p, 'utf8');

function runOne(guidePath, utterancesPath, mentionsPath) {
  const guide = guideFromText(read(guidePath));
  const utterances = parseJsonLines(read(utterancesPath), isLabelledUtterance, utterancesPath);
  const mentions = mentionsPath ? parseJsonLines(read(mentionsPath), isLabelledMention, mentionsPath) : null;
  return evaluate(guide, utterances, mentions);
}

/** Time per call on a guide of at least 30 questions (all shipped guides together), over every shipped line. */
function timing(dir, sets) {
  const guides = sets.map((s) => guideFromText(read(join(dir, s.guide))));
  const combined = { sections: guides.flatMap((g, gi) => g.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, id: `g${gi}${q.id}`, probes: q.probes.map((p) => ({ ...p, id: `g${gi}${p.id}` })) })) }))) };
  const questionCount = combined.sections.reduce((n, s) => n + s.questions.length, 0);
  const texts = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => read(join(dir, f)).split('\n').filter(Boolean).map((l) => JSON.parse(l).text));
  const matcher = createCoverageMatcher(combined);
  for (const t of texts) matcher.matchQuestion(t); // warm-up
  const rounds = 5;
  let worst = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      matcher.matchQuestion(t);
      matcher.matchProbes(t);
      worst = Math.max(worst, performance.now() - t0);
    }
  }
  const mean = (performance.now() - start) / (rounds * texts.length);
  console.log(`timing: ${questionCount}-question guide, ${texts.length} lines x ${rounds}: mean ${mean.toFixed(3)} ms, worst ${worst.toFixed(3)} ms per utterance (matchQuestion + matchProbes)`);
}

/** The shipped splits, in the order they were written: dev and held-out (one file halved), dev2 (written later, for development). */
const SPLITS = ['dev', 'dev2', 'heldout'];

function runAll(showErrors, only) {
  const dir = join(root, 'src/coverage/evaluation');
  const files = readdirSync(dir);
  const sets = files
    .filter((f) => /\.guide\.(txt|md)$/.test(f))
    .map((g) => ({ name: g.replace(/\.guide\.(txt|md)$/, ''), guide: g }));
  const splits = only ? only.split(',') : SPLITS;
  for (const split of splits) {
    if (!SPLITS.includes(split)) throw new Error(`unknown split ${split} (one of ${SPLITS.join(', ')})`);
    const q = [];
    const p = [];
    console.log(`== ${split}`);
    for (const s of sets) {
      const u = `${s.name}.utterances.${split}.jsonl`;
      const m = `${s.name}.mentions.${split}.jsonl`;
      if (!files.includes(u)) continue;
      const r = runOne(join(dir, s.guide), join(dir, u), files.includes(m) ? join(dir, m) : null);
      q.push(r.questions);
      if (r.probes) p.push(r.probes);
      console.log(`${s.name}: ${line('questions', r.questions)} ${counts(r.questions)}${r.probes ? `; ${line('probes', r.probes)} ${counts(r.probes)}` : ''}`);
      if (showErrors && split !== 'heldout') for (const e of r.errors) console.log(`   ${e}`);
    }
    console.log(`overall ${split}:`);
    console.log(line('questions', pool(q)));
    if (p.length) console.log(line('probes', pool(p)));
  }
  if (showErrors && splits.includes('heldout')) console.log('(held-out errors are not listed: that half is for the final figure only)');
  timing(dir, sets);
}

const a = args(process.argv.slice(2));
if (a.help) {
  console.log('npm run bench:coverage -- --guide <guide.txt|.md> --utterances <file.jsonl> [--mentions <file.jsonl>] [--errors]\n' +
    'Without --guide: every shipped set in src/coverage/evaluation (dev, dev2, held-out); --split dev,dev2 picks splits.\n' +
    '--errors lists the lines the matcher got wrong (never the held-out ones).');
} else if (a.guide || a.utterances) {
  if (!a.guide || !a.utterances) throw new Error('--guide and --utterances go together');
  const r = runOne(a.guide, a.utterances, a.mentions);
  console.log(line('questions', r.questions));
  if (r.probes) console.log(line('probes', r.probes));
  console.log(`${r.msPerUtterance.toFixed(3)} ms per utterance`);
  if (a.errors) for (const e of r.errors) console.log(`   ${e}`);
} else {
  runAll(a.errors, a.split);
}
