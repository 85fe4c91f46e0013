#!/usr/bin/env node
/**
 * How long the workspace's session view takes to open a two-hour transcript
 * (1,500 segments, both speakers, [uklart] spans, guide marks, notes) in the
 * built extension in headless Chromium. Run after `npx wxt build`:
 *
 *   node scripts/bench/session-view.mjs [segments] [runs]
 *
 * The segments are sealed in Node with the store's own `sealSegment` under the
 * data key the workspace unlocked, then written straight into the extension's
 * IndexedDB, so the view decrypts exactly what a recording would have stored.
 * Prints the view's own figure (`data-open-ms`: reading and decrypting the
 * store, layout, first render) per run and the median.
 */
import { createJiti } from 'jiti';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const count = Number(process.argv[2] ?? 1500);
const runs = Number(process.argv[3] ?? 5);
const jiti = createJiti(import.meta.url);
const { launchWithExtension, extensionIdOf } = await jiti.import(path.join(root, 'tests/e2e/fixtures.ts'));
const { sealSegment, sealNote } = await jiti.import(path.join(root, 'src/store/sealed-records.ts'));
const { importVaultKey } = await jiti.import(path.join(root, 'src/store/vault.ts'));

const WORDS = 'jeg husker at vi jobbet mye med det der på kontoret og etterpå dro vi hjem til Bergen igjen med toget'.split(' ');

/** Two hours of alternating turns: ~4.8 s per segment, 12–24 words, one [uklart] in every fifth. */
function segments(sessionId) {
  return Array.from({ length: count }, (_unused, index) => {
    const start = index * 4.8;
    const length = 12 + (index % 13);
    const words = Array.from({ length }, (_w, at) => ({ text: WORDS[(index + at) % WORDS.length], start: start + at * 0.2, end: start + at * 0.2 + 0.18, probability: 0.9 }));
    const texts = words.map((word) => word.text);
    const unclear = [];
    if (index % 5 === 0) {
      texts[3] = '[uklart]';
      unclear.push({ start: words[3].start, end: words[3].end, guess: null });
    }
    return {
      id: `bench-${index}`,
      sessionId,
      channel: Math.floor(index / 3) % 2 === 0 ? 'interviewer' : 'participant',
      start,
      end: start + length * 0.2,
      text: `${texts.join(' ')}.`,
      words,
      unclear,
      source: 'live',
    };
  });
}

const profile = mkdtempSync(path.join(tmpdir(), 'intervju-bench-view-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = await extensionIdOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/workspace.html`);
  await page.getByTestId('passphrase-input').fill('korrekt hest batteri stift');
  await page.getByTestId('passphrase-confirm').fill('korrekt hest batteri stift');
  await page.getByTestId('passphrase-submit').click();
  await page.getByTestId('lock-now').waitFor({ timeout: 30_000 });
  const key = await page.evaluate(async () => (await chrome.storage.session.get('vault.dataKey'))['vault.dataKey']);
  const vault = await importVaultKey(key);
  const startedAt = Date.now() - 3 * 3600_000;
  const sessionId = 'bench-session';
  const session = {
    id: sessionId, kind: 'pilot', participantId: null, guideId: '', guideVersion: 0, platform: 'other', startedAt,
    endedAt: startedAt + count * 4800, status: 'ended', currentItemId: null, language: 'nb', hasAudio: false, consentChecked: [],
  };
  const sealed = await Promise.all(segments(sessionId).map((segment) => sealSegment(vault, segment)));
  const notes = await Promise.all(
    Array.from({ length: 30 }, (_unused, index) => sealNote(vault, { id: `note-${index}`, sessionId, time: startedAt + index * 240_000, text: `Notat ${index}`, questionId: null, reviseGuide: false })),
  );
  const plain = (record) => ({ ...record, payload: { iv: Array.from(record.payload.iv), ciphertext: Array.from(record.payload.ciphertext) } });
  await page.evaluate(
    async ({ session, segments, notes }) => {
      const revive = (record) => ({ ...record, payload: { iv: new Uint8Array(record.payload.iv), ciphertext: new Uint8Array(record.payload.ciphertext) } });
      const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = database.transaction(['sessions', 'segments', 'notes'], 'readwrite');
      transaction.objectStore('sessions').put(session);
      for (const segment of segments) transaction.objectStore('segments').put(revive(segment));
      for (const note of notes) transaction.objectStore('notes').put(revive(note));
      await new Promise((resolve, reject) => ((transaction.oncomplete = resolve), (transaction.onerror = () => reject(transaction.error))));
      database.close();
    },
    { session, segments: sealed.map(plain), notes: notes.map(plain) },
  );
  const figures = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`chrome-extension://${extensionId}/workspace.html#/sessions/${sessionId}`);
    await page.reload();
    const view = page.locator(`[data-testid="session-view"][data-open-ms]`);
    await view.waitFor({ timeout: 30_000 });
    const openMs = Number(await view.getAttribute('data-open-ms'));
    const rendered = await page.getByTestId('transcript-segment').count();
    const { readMs, sinceLoadMs } = await page.evaluate(() => {
      const open = performance.getEntriesByName('intervju:session-view-open').at(-1);
      const read = performance.getEntriesByName('intervju:session-view-read').at(-1);
      return { readMs: Math.round(read?.duration ?? -1), sinceLoadMs: Math.round((open?.startTime ?? 0) + (open?.duration ?? 0)) };
    });
    figures.push(openMs);
    console.log(
      `run ${run + 1}: view opened in ${openMs} ms, of which reading and decrypting ${readMs} ms; ${sinceLoadMs} ms since the page began loading (${count} segments, ${rendered} rendered)`,
    );
  }
  const sorted = [...figures].sort((left, right) => left - right);
  console.log(JSON.stringify({ segments: count, runs, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted.at(-1) }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
