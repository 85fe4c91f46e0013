import { describe, expect, it } from 'vitest';
import type { Segment } from '../store/records';
import { listSegments, saveSegment, saveSegments, saveTranscribedSegment } from '../store/segments';
import { createSession } from '../store/sessions';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase, testEnvironment } from '../store/test-support';
import { initialiseVault } from '../store/vault';
import { applyReplacementList, pseudonymiseText } from '../pseudonymise';
import { TranscriptEditor } from './editor';
import type { Write } from './history';
import { nextUnclear, transcriptProgress } from './progress';

function segment(id: string, start: number, text: string, overrides: Partial<Segment> = {}): Segment {
  const markers = [...text.matchAll(/\[uklart\]/gu)].map((_match, index) => ({ start: start + 0.5 + index * 0.1, end: start + 0.55 + index * 0.1, guess: null }));
  return { id, sessionId: 'session', channel: 'participant', start, end: start + 1, text, words: [], unclear: markers, source: 'live', ...overrides };
}

function editorOver(segments: Segment[]) {
  const writes: Write[] = [];
  let next = 0;
  const editor = new TranscriptEditor(segments, async (write) => void writes.push(write), { language: 'nb', newId: () => `new-${++next}` });
  return { editor, writes };
}

const texts = (editor: TranscriptEditor) => editor.segments.map((item) => item.text);

describe('the transcript editor while the session is still being transcribed', () => {
  it('adds new segments in time order and takes changed ones, but keeps what the researcher is typing', () => {
    const { editor } = editorOver([segment('a', 0, 'Hei.'), segment('b', 2, 'Ja.')]);
    let notified = 0;
    editor.onChange(() => notified++);
    editor.editText('a', 'Hei, Kari', 'focus-1');
    const changed = editor.absorb([segment('a', 0, 'Hei på deg.'), segment('b', 2, 'Ja, da.'), segment('c', 1, 'Hm.'), segment('d', 5, 'Nytt.')]);
    expect(changed).toBe(true);
    expect(texts(editor)).toEqual(['Hei, Kari', 'Hm.', 'Ja, da.', 'Nytt.']);
    expect(notified).toBe(2);
    // The typing goes on in the same undo step, and undo still takes it back.
    editor.editText('a', 'Hei, Kari!', 'focus-1');
    expect(editor.undo()).toBe(true);
    expect(texts(editor)).toEqual(['Hei.', 'Hm.', 'Ja, da.', 'Nytt.']);
  });

  it('never lets a transcription replace a segment the researcher edited or checked in an earlier visit', () => {
    const { editor } = editorOver([segment('a', 0, 'Rettet.', { source: 'edited' }), segment('b', 2, 'Sjekket.', { checked: true })]);
    expect(editor.absorb([segment('a', 0, 'Maskin.'), segment('b', 2, 'Maskin.')])).toBe(false);
    expect(texts(editor)).toEqual(['Rettet.', 'Sjekket.']);
  });

  it('changes nothing (and tells nobody) when the stored segments are what is shown', () => {
    const { editor } = editorOver([segment('a', 0, 'Hei.')]);
    let notified = 0;
    editor.onChange(() => notified++);
    expect(editor.absorb([segment('a', 0, 'Hei.')], new Set(['a']))).toBe(false);
    expect(notified).toBe(0);
  });

  it('with the whole stored list, drops segments deleted elsewhere, but keeps the halves of its own split and segments that came during the read', () => {
    const { editor } = editorOver([segment('a', 0, 'En to tre.'), segment('b', 2, 'Borte.')]);
    expect(editor.split('a', 3)).toBe('new-1');
    const readFrom = new Set(editor.segments.map((item) => item.id));
    // Meanwhile the recording stores `c`, which that read did not see.
    editor.absorb([segment('c', 4, 'Ny.')]);
    // Read before this editor's split was stored: `a` whole, no second half, and `b` deleted by another page.
    expect(editor.absorb([segment('a', 0, 'En to tre.')], readFrom)).toBe(true);
    expect(texts(editor)).toEqual(['En', 'to tre.', 'Ny.']);
  });
});

describe('the transcript editor', () => {
  it('stores every edit at once, and undo/redo store the way back and forth', async () => {
    const { editor, writes } = editorOver([segment('a', 0, 'Hei på deg.'), segment('b', 2, 'Hei.')]);
    editor.editText('a', 'Hei på dere.');
    await editor.settled();
    expect(writes.at(-1)?.put.map((item) => item.text)).toEqual(['Hei på dere.']);
    expect(editor.undo()).toBe(true);
    expect(texts(editor)).toEqual(['Hei på deg.', 'Hei.']);
    await editor.settled();
    expect(writes.at(-1)?.put[0]?.text).toBe('Hei på deg.');
    expect(editor.redo()).toBe(true);
    expect(texts(editor)).toEqual(['Hei på dere.', 'Hei.']);
    expect(editor.redo()).toBe(false);
    await editor.settled();
  });

  it('pseudonymising keeps the real name nowhere in the segment: not in the text, not in the machine original', async () => {
    const kari = { real: 'Kari', fictive: 'Lina', kind: 'name' as const };
    const { editor, writes } = editorOver([segment('a', 0, 'Jeg snakket med Kari i går.')]);
    editor.editText('a', 'Jeg snakket med Kari i går, sa hun.');
    const changed = applyReplacementList(editor.segments, [kari]).map((entry) => entry.segment);
    editor.pseudonymise(changed, (text) => pseudonymiseText(text, [kari]).text);
    await editor.settled();
    const stored = writes.at(-1)!.put[0]!;
    expect(stored.text).toBe('Jeg snakket med Lina i går, sa hun.');
    expect(stored.original?.text).toBe('Jeg snakket med Lina i går.');
    expect(JSON.stringify(stored)).not.toContain('Kari');
    expect(editor.undo()).toBe(true);
    expect(texts(editor)).toEqual(['Jeg snakket med Kari i går, sa hun.']);
  });

  it('makes one undo step of typing in one segment, and a new one after typing ends', () => {
    const { editor } = editorOver([segment('a', 0, 'Ja.')]);
    editor.editText('a', 'Ja,', 'focus-1');
    editor.editText('a', 'Ja, ja', 'focus-1');
    editor.editText('a', 'Ja, ja.', 'focus-1');
    editor.endTyping();
    editor.editText('a', 'Ja, ja!', 'focus-1');
    editor.undo();
    expect(texts(editor)).toEqual(['Ja, ja.']);
    editor.undo();
    expect(texts(editor)).toEqual(['Ja.']);
    expect(editor.canUndo).toBe(false);
  });

  it('undoes a split by deleting the new part, and a merge by storing the second segment again', async () => {
    const { editor, writes } = editorOver([segment('a', 0, 'Først dette. Så dette.'), segment('b', 2, 'Og mer.')]);
    expect(editor.split('a', 'Først dette. '.length)).toBe('new-1');
    expect(texts(editor)).toEqual(['Først dette.', 'Så dette.', 'Og mer.']);
    editor.undo();
    await editor.settled();
    expect(writes.at(-1)?.deleteIds).toEqual(['new-1']);
    expect(texts(editor)).toEqual(['Først dette. Så dette.', 'Og mer.']);
    expect(editor.mergeWithNext('a')).toBe(true);
    await editor.settled();
    expect(writes.at(-1)?.deleteIds).toEqual(['b']);
    expect(texts(editor)).toEqual(['Først dette. Så dette. Og mer.']);
    editor.undo();
    expect(texts(editor)).toEqual(['Først dette. Så dette.', 'Og mer.']);
    await editor.settled();
    expect(writes.at(-1)?.put.map((item) => item.id).sort()).toEqual(['a', 'b']);
  });

  it('a new edit clears what was undone', () => {
    const { editor } = editorOver([segment('a', 0, 'En.')]);
    editor.editText('a', 'To.');
    editor.undo();
    editor.setSpeaker('a', 'interviewer');
    expect(editor.canRedo).toBe(false);
    expect(editor.segments[0]?.channel).toBe('interviewer');
  });

  it('counts checked segments and [uklart] left, and finds the next and previous one, wrapping round', () => {
    const { editor } = editorOver([segment('a', 0, 'Ja [uklart] nei [uklart].'), segment('b', 2, 'Godt.'), segment('c', 4, '[uklart] så.')]);
    expect(transcriptProgress(editor.segments)).toMatchObject({ segments: 3, checked: 0, unclearLeft: 3 });
    editor.resolveUnclear('a', 1, { kind: 'kept', guess: 'ned' });
    editor.resolveUnclear('c', 0, { kind: 'heard', text: 'Akkurat' });
    editor.setChecked('b', true);
    expect(transcriptProgress(editor.segments)).toMatchObject({ checked: 1, unclearLeft: 1, edited: 2 });
    expect(nextUnclear(editor.segments, null)).toEqual({ segmentId: 'a', marker: 0 });
    expect(nextUnclear(editor.segments, { segmentIndex: 0, marker: 0 })).toEqual({ segmentId: 'a', marker: 0 });
    editor.undo(); // the check
    editor.undo(); // "Akkurat"
    expect(transcriptProgress(editor.segments)).toMatchObject({ checked: 0, unclearLeft: 2 });
    expect(nextUnclear(editor.segments, { segmentIndex: 0, marker: 0 })).toEqual({ segmentId: 'c', marker: 0 });
    expect(nextUnclear(editor.segments, { segmentIndex: 2, marker: 0 }, -1)).toEqual({ segmentId: 'a', marker: 0 });
  });

  it('through the real store: edits are encrypted and kept, and a later transcription of the segment does not replace them', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
    const session = await createSession(
      database,
      { kind: 'import', participantId: null, guideId: '', guideVersion: 0, platform: 'file', language: 'nb' },
      testEnvironment(),
    );
    const machine = segment('a', 0, 'Jeg heter [uklart].', { sessionId: session.id });
    await saveSegment(database, vault, machine);
    const editor = new TranscriptEditor(
      await listSegments(database, vault, session.id),
      async (write) => void (await saveSegments(database, vault, write.put, write.deleteIds)),
      { language: 'nb', newId: () => 'b' },
    );
    editor.resolveUnclear('a', 0, { kind: 'heard', text: 'Kari' });
    await editor.settled();
    expect(editor.lastError).toBeNull();
    expect(await saveTranscribedSegment(database, vault, machine)).toBeNull();
    const [stored] = await listSegments(database, vault, session.id);
    expect(stored?.text).toBe('Jeg heter Kari.');
    expect(stored?.original?.text).toBe('Jeg heter [uklart].');
  });
});

describe('the full-quality reading kept beside the researcher’s text', () => {
  const reading = { text: 'Bedre lest.', words: [], unclear: [], model: 'final-model' };
  it('is shown beside a segment edited here, the researcher’s text kept', () => {
    const { editor } = editorOver([segment('a', 0, 'Maskin.')]);
    editor.editText('a', 'Rettet.');
    const stored = editor.find('a')!;
    expect(editor.absorb([{ ...stored, finalReading: reading }])).toBe(true);
    expect(editor.find('a')).toMatchObject({ text: 'Rettet.', finalReading: reading });
  });
  it('can be taken as the text (an edit of theirs) or dismissed', async () => {
    const { editor, writes } = editorOver([segment('a', 0, 'Rettet.', { source: 'edited', finalReading: reading }), segment('b', 2, 'Sjekket.', { checked: true, finalReading: reading })]);
    editor.takeFinalReading('a');
    expect(editor.find('a')).toMatchObject({ text: 'Bedre lest.', source: 'edited' });
    expect(editor.find('a')!.finalReading).toBeUndefined();
    editor.dismissFinalReading('b');
    expect(editor.find('b')).toMatchObject({ text: 'Sjekket.', checked: true });
    expect(editor.find('b')!.finalReading).toBeUndefined();
    await editor.settled();
    expect(writes.length).toBeGreaterThan(0);
  });
});
