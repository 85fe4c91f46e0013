import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageEvent, exportSession, participant, segment, session } from '../test-fixtures';
import { outsideTool } from '../outside-tools';
import { exportQdpx } from './qdpx';

const SCHEMA = fileURLToPath(new URL('./Project-mrt2019.xsd', import.meta.url));
const xmllint = outsideTool(
  'xmllint',
  'writes a project.qde that validates against the REFI-QDA schema (xmllint)',
  'Debian: apt-get install libxml2-utils',
);
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'intervju-qdpx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NOW = new Date(Date.UTC(2025, 3, 1, 9, 30));

async function unpack(bytes: Uint8Array): Promise<{ qde: string; files: Record<string, string> }> {
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
  return { qde: files['project.qde'] ?? '', files };
}

function attribute(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(` ${name}="([^"]*)"`, 'gu'))].map((match) => match[1] ?? '');
}

/** A project of two sessions: Kåre's interview and a pilot with a mixed channel in English. */
function twoSessions() {
  return [
    exportSession(),
    exportSession({
      locale: 'en',
      participant: null,
      notes: [],
      session: session({ id: 'session-2', participantId: null, kind: 'pilot', language: 'en' }),
      segments: [segment('z1', 'mixed', 0, 2, 'Hello & <welcome>.'), segment('z2', 'mixed', 2, 3, 'Um, yes [uklart].')],
      coverage: [coverageEvent('e9', 'p1', 1)],
    }),
  ];
}

describe('exportQdpx (REFI-QDA)', () => {
  it.runIf(xmllint.run)(xmllint.title, async () => {
    const { qde } = await unpack(await exportQdpx(twoSessions(), { now: NOW }));
    const path = join(scratch, 'project.qde');
    writeFileSync(path, qde);
    const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, path], { encoding: 'utf8' });
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('holds each transcript as a TextSource with its text under sources/, participants as Cases', async () => {
    const { qde, files } = await unpack(await exportQdpx(twoSessions(), { now: NOW }));
    expect(qde).toContain('xmlns="urn:QDA-XML:project:1.0"');
    const sources = [...qde.matchAll(/<TextSource [^>]*plainTextPath="internal:\/\/([0-9A-F-]{36})\.txt"/gu)].map((match) => match[1]);
    expect(sources).toHaveLength(2);
    expect(Object.keys(files).sort()).toEqual(['project.qde', ...sources.map((guid) => `sources/${guid}.txt`)].sort());
    const kare = files[`sources/${sources[0]}.txt`] ?? '';
    expect(kare.startsWith('I: Hei, og velkommen. Kan du fortelle om jobben din? #00:00:04-2#\n\nKåre: Ja, eh,')).toBe(true);
    expect(files[`sources/${sources[1]}.txt`]).toBe('I/Participant: Hello & <welcome>. Um, yes [unclear]. #00:00:03-0#\n');
    // One case (the pilot has no participant), referring to Kåre's source.
    expect(qde).toMatch(new RegExp(`<Case guid="[0-9A-F-]{36}" name="${participant.pseudonym}"><SourceRef targetGUID="${sources[0]}"/></Case>`, 'u'));
    expect(qde.match(/<Case /gu)).toHaveLength(1);
  });

  it('codes each stretch with the question marked when it was said, at character positions of the text', async () => {
    const { qde, files } = await unpack(await exportQdpx(twoSessions(), { now: NOW }));
    const codes = new Map([...qde.matchAll(/<Code guid="([^"]+)" name="([^"]+)"/gu)].map((match) => [match[1], match[2]]));
    expect([...codes.values()]).toEqual(['1 Bakgrunn', '1.1 Kan du fortelle om jobben din?', '1.2 Hva er en vanlig dag for deg?', '2 Ærlighet &amp; åpenhet', '2.1 Hva gjør deg trygg på jobb?']);
    const selections = [...qde.matchAll(/<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*><Coding [^>]*><CodeRef targetGUID="([^"]+)"\/>/gu)];
    const kare = Object.entries(files).find(([path, text]) => path.startsWith('sources/') && text.startsWith('I: Hei'))?.[1] ?? '';
    const coded = selections.map(([, start, end, code]) => ({ code: codes.get(code ?? ''), text: Array.from(kare).slice(Number(start), Number(end)).join('') }));
    // Kåre's session: q1 from the start (marked at 2 s), q3 from 59:55 on; the pilot: a probe of q1 counts for q1.
    expect(coded[0]).toEqual({
      code: '1.1 Kan du fortelle om jobben din?',
      text: kare.slice(0, kare.indexOf('I: Mhm. #00:00:13-0#') + 'I: Mhm. #00:00:13-0#'.length),
    });
    expect(coded[1]).toEqual({
      code: '2.1 Hva gjør deg trygg på jobb?',
      text: 'Kåre: Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der. #01:00:00-0#\n\nI: Takk <&> skal du ha. #01:00:04-5#',
    });
    expect(coded[2]?.code).toBe('1.1 Kan du fortelle om jobben din?');
    expect(selections).toHaveLength(3);
  });

  it('codes from the moment a question became current, before it was marked, and talk after the interviewer moved on with the next', async () => {
    // q1 current from the start, marked only at 11 s; q2 became current at 12.2 s and was never marked.
    const currentChanges = [
      { itemId: 'q1', at: session().startedAt },
      { itemId: 'q2', at: session().startedAt + 12_200 },
    ];
    const { qde, files } = await unpack(
      await exportQdpx([exportSession({ session: session({ currentChanges }), coverage: [coverageEvent('e1', 'q1', 11, 'covered')], segments: exportSession().segments.slice(0, 4) })], { now: NOW }),
    );
    const codes = new Map([...qde.matchAll(/<Code guid="([^"]+)" name="([^"]+)"/gu)].map((match) => [match[1], match[2]]));
    const text = Object.entries(files).find(([path]) => path.startsWith('sources/'))?.[1] ?? '';
    const coded = [...qde.matchAll(/<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*><Coding [^>]*><CodeRef targetGUID="([^"]+)"\/>/gu)].map(([, start, end, code]) => ({
      code: codes.get(code ?? ''),
      text: Array.from(text).slice(Number(start), Number(end)).join(''),
    }));
    expect(coded).toEqual([
      { code: '1.1 Kan du fortelle om jobben din?', text: text.slice(0, text.indexOf('\n\nI: Mhm.')) },
      { code: '1.2 Hva er en vanlig dag for deg?', text: 'I: Mhm. #00:00:13-0#' },
    ]);
  });

  it('keeps notes as memos referred to from their source, and uses the same GUIDs on every export', async () => {
    const first = await exportQdpx(twoSessions(), { now: NOW });
    const { qde } = await unpack(first);
    expect(qde).toMatch(/<Notes><Note guid="([0-9A-F-]{36})" name="Notater: Kåre 00:01:00" creationDateTime="2025-03-14T12:01:00Z"><Description>Spørsmål: Kan du fortelle om jobben din\?<\/Description><PlainTextContent>Virket nervøs &amp; glad &lt;3<\/PlainTextContent><\/Note><\/Notes>/u);
    const noteGuid = /<Note guid="([^"]+)"/u.exec(qde)?.[1];
    expect(qde).toContain(`<NoteRef targetGUID="${noteGuid}"/>`);
    // Every reference points at something defined.
    const defined = new Set(attribute(qde, 'guid'));
    for (const target of attribute(qde, 'targetGUID')) expect(defined).toContain(target);
    expect(new Set(attribute(qde, 'guid')).size).toBe(attribute(qde, 'guid').length);
    expect((await unpack(await exportQdpx(twoSessions(), { now: NOW }))).qde).toBe(qde);
  });

  it('with the audio chosen, carries each recording as an AudioSource whose transcript is synchronised to it, and still validates', async () => {
    // The interviewer's recording paused between 15 s and 59:45: its file's 15th second is the session's 3585th.
    const interviewer = { codec: 'audio/webm;codecs=opus', start: 0, end: 3610, pieces: [{ sessionStart: 0, mediaStart: 0, seconds: 15 }, { sessionStart: 3585, mediaStart: 15, seconds: 25 }] };
    const participantRun = { codec: 'audio/webm;codecs=opus', start: 3585, end: 3610, pieces: [{ sessionStart: 3585, mediaStart: 0, seconds: 25 }] };
    const voice = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);
    const audio = {
      'session-1': [
        { channel: 'interviewer' as const, run: interviewer, bytes: voice },
        { channel: 'participant' as const, run: participantRun, bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 9]) },
      ],
    };
    const bytes = await exportQdpx(twoSessions(), { now: NOW, audio });
    const zipped = unzipSync(bytes);
    const qde = strFromU8(zipped['project.qde']!);
    const sources = [...qde.matchAll(/<AudioSource guid="([^"]+)" name="([^"]+)" path="internal:\/\/([^"]+)"[^>]*><Transcript [^>]*plainTextPath="internal:\/\/([^"]+)">(.*?)<\/Transcript><\/AudioSource>/gu)];
    expect(sources.map((match) => match[2])).toEqual(['Kåre 2025-03-14 – I (1)', 'Kåre 2025-03-14 – Kåre (2)']);
    // The file as it was recorded, under sources/, and the same transcript text as the TextSource.
    expect(zipped[`sources/${sources[0]![3]}`]).toEqual(voice);
    expect(sources[0]![3]).toMatch(/^[0-9A-F-]{36}\.webm$/u);
    const textGuid = /<TextSource guid="([^"]+)"[^>]*plainTextPath="internal:\/\/([^"]+)"/u.exec(qde);
    expect(sources[0]![4]).toBe(textGuid?.[2]);
    const text = strFromU8(zipped[`sources/${textGuid?.[2]}`]!);
    const points = (xml: string) => [...xml.matchAll(/<SyncPoint guid="[^"]+" timeStamp="(\d+)" position="(\d+)"\/>/gu)].map((match) => ({ ms: Number(match[1]), at: Number(match[2]) }));
    const synced = points(sources[0]![5]!);
    // Each spoken segment's start (the empty one is not in the text), then the end of the last.
    const at = (phrase: string) => Array.from(text.slice(0, text.indexOf(phrase))).length;
    expect(synced).toEqual([
      { ms: 500, at: 0 },
      { ms: 5000, at: at('Kåre: Ja, eh') },
      { ms: 9200, at: at('Vi er [uklart]') },
      { ms: 12500, at: at('I: Mhm.') },
      { ms: 20000, at: at('Kåre: Det var blåbær') },
      { ms: 30000, at: at('I: Takk') },
      { ms: 34500, at: Array.from(text).length - 1 },
    ]);
    // The participant's file began at 59:45: only what was said then is synchronised to it.
    expect(points(sources[1]![5]!)).toEqual([
      { ms: 5000, at: at('Kåre: Det var blåbær') },
      { ms: 15000, at: at('I: Takk') },
      { ms: 19500, at: Array.from(text).length - 1 },
    ]);
    // Nothing for the pilot, which has no audio here; every reference still resolves.
    expect(qde.match(/<AudioSource /gu)).toHaveLength(2);
    const defined = new Set(attribute(qde, 'guid'));
    for (const target of attribute(qde, 'targetGUID')) expect(defined).toContain(target);
    if (hasXmllint) {
      const path = join(scratch, 'audio.qde');
      writeFileSync(path, qde);
      expect(() => execFileSync('xmllint', ['--noout', '--schema', SCHEMA, path], { stdio: 'pipe' })).not.toThrow();
    }
  });

  it('writes a valid project for a session without guide questions, speech or notes', async () => {
    const empty = exportSession({ segments: [], notes: [], coverage: [], guide: { ...exportSession().guide, sections: [] } });
    const { qde } = await unpack(await exportQdpx([empty], { now: NOW }));
    expect(qde).not.toContain('<CodeBook');
    expect(qde).not.toContain('<Notes');
    if (hasXmllint) {
      const path = join(scratch, 'empty.qde');
      writeFileSync(path, qde);
      expect(() => execFileSync('xmllint', ['--noout', '--schema', SCHEMA, path], { stdio: 'pipe' })).not.toThrow();
    }
  });
});
