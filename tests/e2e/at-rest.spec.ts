import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { PASTED_GUIDE } from './guide-text';
import { PanelPage } from './pages/panel';
import { WorkspacePage } from './pages/workspace';

const TYPED_NOTE = 'Sjefen min på Haukeland mobbet meg';
// A word of the note that is neither the pseudonym nor in the guide: found on its own, it would mean the note leaked.
const NOTE_WORD = 'Haukeland';
// Stored in clear on purpose (guides identify no one): proves the search can see IndexedDB's contents.
const GUIDE_TITLE = 'Klartekstkontroll sykepleiehverdag';
const PSEUDONYM = 'Solveig-Pseudonym';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(full) : stat.isFile() ? [full] : [];
  });
}

/**
 * The files under `folder` holding `text` in any encoding Chromium may write it
 * in: UTF-8, Latin-1 (V8 serialises strings below U+0100 one byte per character
 * into LevelDB) or UTF-16LE (two-byte strings).
 */
function filesContaining(folder: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')];
  return filesUnder(folder).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

test('what a participant said is not readable in the profile folder on disk', async ({ profile, context, extensionId }) => {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  await workspace.importGuide(PASTED_GUIDE, GUIDE_TITLE);

  const call = await context.newPage();
  await call.goto(FAKE_MEETING_URLS.zoom);
  const panel = await PanelPage.inMeeting(call);
  await panel.unlockIfLocked();
  await panel.startInterview(PSEUDONYM);
  await panel.testId('note-input').fill(TYPED_NOTE);
  await panel.testId('note-input').press('Enter');
  await expect(panel.testId('note')).toContainText(NOTE_WORD);

  // Closing the browser makes LevelDB write its log and tables to disk.
  await context.close();

  const indexedDbFiles = filesContaining(profile, GUIDE_TITLE).filter((file) => file.includes('IndexedDB'));
  expect(indexedDbFiles, 'positive control: the clear guide title is found in IndexedDB files').not.toEqual([]);
  // The pseudonym is written in clear during the same interview, through the same path as the note.
  expect(filesContaining(profile, PSEUDONYM).filter((file) => file.includes('IndexedDB')), 'positive control: the pseudonym').not.toEqual([]);
  expect(filesContaining(profile, TYPED_NOTE)).toEqual([]);
  expect(filesContaining(profile, NOTE_WORD)).toEqual([]);
});
