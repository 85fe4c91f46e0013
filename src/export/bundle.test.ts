import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFile, sessionFileStem } from './bundle';
import { exportSession, participant, segment, session, STARTED_AT } from './test-fixtures';

const NOW = new Date(Date.UTC(2025, 3, 1, 9, 30));
const stamp = (time: number) => {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}`;
};

const pilot = exportSession({
  participant: null,
  notes: [],
  session: session({ id: 'session-2', participantId: null, kind: 'pilot', startedAt: STARTED_AT + 86_400_000 }),
  segments: [segment('p1', 'mixed', 0, 2, 'Hei.')],
});

describe('exportFile', () => {
  it('names one session’s file after the pseudonym (Norwegian letters kept) and its start', async () => {
    const file = await exportFile([exportSession()], 'txt');
    expect(file.name).toBe(`Kåre_${stamp(STARTED_AT)}.txt`);
    expect(file.type).toBe('text/plain;charset=utf-8');
    expect(strFromU8(file.bytes)).toContain('Kåre: Ja, eh, jeg jobber på Gjøvik sykehus. Vi er [uklart] på avdelingen. #00:00:12-0#');
    expect(sessionFileStem(pilot)).toBe(`Pilotintervju_${stamp(STARTED_AT + 86_400_000)}`);
    expect(sessionFileStem({ ...pilot, locale: 'en' })).toMatch(/^Pilot_interview_/u);
  });

  it('writes every format for one session, each in its own shape', async () => {
    const files = await Promise.all(EXPORT_FORMATS.map((format) => exportFile([exportSession()], format, undefined, { now: NOW })));
    expect(files.map((file) => file.name.split('.').at(-1))).toEqual(['docx', 'txt', 'vtt', 'srt', 'qdpx']);
    const [docx, txt, vtt, srt, qdpx] = files;
    expect(strFromU8(docx!.bytes.slice(0, 2))).toBe('PK');
    expect(strFromU8(txt!.bytes)).toMatch(/^Kåre\n/u);
    expect(strFromU8(vtt!.bytes)).toMatch(/^WEBVTT\n/u);
    expect(strFromU8(srt!.bytes)).toMatch(/^1\n00:00:00,500 --> 00:00:04,200\n/u);
    expect(Object.keys(unzipSync(qdpx!.bytes))).toContain('project.qde');
  });

  it('passes the researcher’s choices on: no time marks, no fillers, notes as comments, line numbers', async () => {
    const txt = strFromU8((await exportFile([exportSession()], 'txt', { timeMarks: false, lineNumbers: false, notes: 'appendix', keepFillers: false })).bytes);
    expect(txt).toContain('Kåre: Ja, jeg jobber på Gjøvik sykehus.');
    expect(txt).not.toContain('#00:');
    const docx = unzipSync((await exportFile([exportSession()], 'docx', { timeMarks: true, lineNumbers: true, notes: 'comments', keepFillers: true })).bytes);
    expect(Object.keys(docx)).toContain('word/comments.xml');
    expect(strFromU8(docx['word/document.xml']!)).toContain('w:lnNumType');
    const without = unzipSync((await exportFile([exportSession()], 'docx', { timeMarks: true, lineNumbers: false, notes: 'none', keepFillers: true })).bytes);
    expect(strFromU8(without['word/document.xml']!)).not.toContain('Virket nervøs');
    expect(strFromU8(without['word/comments.xml'] ?? new Uint8Array())).not.toContain('Virket nervøs');
  });

  it('puts the audio in the .qdpx only when the researcher chose it', async () => {
    const run = { codec: 'audio/webm;codecs=opus', start: 0, end: 10, pieces: [{ sessionStart: 0, mediaStart: 0, seconds: 10 }] };
    const audio = { 'session-1': [{ channel: 'interviewer' as const, run, bytes: new Uint8Array([1, 2, 3]) }] };
    const choices = { timeMarks: true, lineNumbers: false, notes: 'appendix' as const, keepFillers: true };
    const without = unzipSync((await exportFile([exportSession()], 'qdpx', choices, { audio })).bytes);
    expect(Object.keys(without).some((path) => path.endsWith('.webm'))).toBe(false);
    expect(strFromU8(without['project.qde']!)).not.toContain('<AudioSource');
    const withAudio = unzipSync((await exportFile([exportSession()], 'qdpx', { ...choices, audio: true }, { audio })).bytes);
    expect(Object.keys(withAudio).filter((path) => path.endsWith('.webm'))).toHaveLength(1);
    expect(strFromU8(withAudio['project.qde']!)).toContain('<AudioSource');
  });

  it('zips several sessions as one file each, oldest first, with distinct names for sessions in the same minute', async () => {
    const twin = exportSession({ session: session({ id: 'session-3' }), segments: [segment('t', 'participant', 0, 1, 'Tvilling.')] });
    const file = await exportFile([exportSession(), twin, pilot], 'vtt', undefined, { stem: 'Studien-transkripsjoner' });
    expect(file.name).toBe('Studien-transkripsjoner-vtt.zip');
    expect(file.type).toBe('application/zip');
    const files = unzipSync(file.bytes);
    expect(Object.keys(files)).toEqual([`Kåre_${stamp(STARTED_AT)}.vtt`, `Kåre_${stamp(STARTED_AT)}-2.vtt`, `Pilotintervju_${stamp(STARTED_AT + 86_400_000)}.vtt`]);
    expect(strFromU8(files[`Kåre_${stamp(STARTED_AT)}-2.vtt`]!)).toContain('<v Kåre>Tvilling.');
  });

  it('writes several sessions as one REFI-QDA project: each a source, each participant a case', async () => {
    const file = await exportFile([exportSession(), pilot], 'qdpx', undefined, { stem: 'Studien-transkripsjoner', projectName: 'Studien', now: NOW });
    expect(file.name).toBe('Studien-transkripsjoner.qdpx');
    const qde = strFromU8(unzipSync(file.bytes)['project.qde']!);
    expect(qde).toContain('name="Studien"');
    expect(qde.match(/<TextSource /gu)).toHaveLength(2);
    expect(qde.match(/<Case /gu)).toHaveLength(1);
    expect(qde).toContain(`name="${participant.pseudonym}"`);
  });

  it('names a participant’s or the project’s .qdpx after them even when it holds one session', async () => {
    expect((await exportFile([exportSession()], 'qdpx', undefined, { stem: 'Kåre-transkripsjoner', now: NOW })).name).toBe('Kåre-transkripsjoner.qdpx');
    expect((await exportFile([exportSession()], 'txt', undefined, { stem: 'Kåre-transkripsjoner' })).name).toBe(`Kåre_${stamp(STARTED_AT)}.txt`);
  });

  it('refuses an export of no sessions', async () => {
    await expect(exportFile([], 'txt')).rejects.toThrow(RangeError);
  });
});
