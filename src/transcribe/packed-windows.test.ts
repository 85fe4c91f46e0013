import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages/transcription-protocol';
import type { Span } from './final-pass';
import { splitPackedTranscription, stretchSegments, stretchSpeechRatio, windowSamples, WindowPacker, type PackedWindow, type PackOptions } from './packed-windows';

/** Every window `WindowPacker` makes of `spans`, the last one too. */
function packWindows(spans: readonly Span[], options: PackOptions = {}): PackedWindow[] {
  const packer = new WindowPacker(options);
  const windows = spans.flatMap((span) => packer.add(span) ?? []);
  const last = packer.finish();
  return last ? [...windows, last] : windows;
}

const spans = [
  { start: 0, end: 10 },
  { start: 11, end: 20 },
  { start: 21, end: 27 },
  { start: 27.5, end: 35 },
  { start: 40, end: 42 },
];

describe('joining cut utterances into windows', () => {
  it('joins close utterances up to the window length, the short pauses kept', () => {
    expect(packWindows(spans)).toEqual([
      { pieces: [{ start: 0, end: 27, at: 0 }], seconds: 27 },
      { pieces: [{ start: 27.5, end: 35, at: 0 }], seconds: 7.5 },
      { pieces: [{ start: 40, end: 42, at: 0 }], seconds: 2 },
    ]);
  });
  it('never joins across a long pause unless packing', () => {
    expect(packWindows([{ start: 0, end: 2 }, { start: 5, end: 6 }])).toHaveLength(2);
  });
  it('packs stretches apart by long pauses into one window, the pauses left out', () => {
    const turns = [
      { start: 0, end: 12 },
      { start: 60, end: 72 },
      { start: 120, end: 126 },
      { start: 180, end: 190 },
    ];
    expect(packWindows(turns, { pack: true })).toEqual([
      {
        pieces: [
          { start: 0, end: 12, at: 0 },
          { start: 60, end: 72, at: 12 },
        ],
        seconds: 24,
      },
      {
        pieces: [
          { start: 120, end: 126, at: 0 },
          { start: 180, end: 190, at: 6 },
        ],
        seconds: 16,
      },
    ]);
  });
  it('keeps a short pause inside its piece when packing, and never makes a window longer than allowed', () => {
    const windows = packWindows(spans, { pack: true });
    expect(windows.map((window) => window.pieces)).toEqual([
      [{ start: 0, end: 27, at: 0 }],
      [
        { start: 27.5, end: 35, at: 0 },
        { start: 40, end: 42, at: 7.5 },
      ],
    ]);
    for (const window of packWindows(spans, { pack: true, maxSeconds: 12 })) expect(window.seconds).toBeLessThanOrEqual(12);
  });
});

describe('a window’s audio', () => {
  it('is its pieces’ samples one after the other', () => {
    const samples = Float32Array.from({ length: 100 }, (_, index) => index);
    const window = { pieces: [{ start: 0.1, end: 0.2, at: 0 }, { start: 0.5, end: 0.53, at: 0.1 }], seconds: 0.13 };
    expect(Array.from(windowSamples(samples, window, 100))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 50, 51, 52]);
  });
});

const word = (text: string, start: number, end: number) => ({ text, start, end, probability: 0.9 });
const transcription = (words: RawTranscription['words'], chunks: RawTranscription['chunks']): RawTranscription => ({
  text: chunks.map((chunk) => chunk.text).join(' '),
  words,
  chunks,
  avgLogProb: -0.3,
  compressionRatio: 1.4,
  noSpeechProb: 0.01,
  tokenCount: 12,
  timing: { encoderMs: 1, decoderMs: 2, totalMs: 3 },
});

describe('giving each packed stretch its own words', () => {
  // Window audio: 0–12 s is session 100–112, 12–24 s is session 400–412.
  const pieces = [
    { start: 100, end: 112, at: 0, sessionStart: 100 },
    { start: 400, end: 412, at: 12, sessionStart: 400 },
  ];

  it('splits words by the piece their middle lies in, at their session times', () => {
    const raw = transcription(
      [word(' Hei', 0.5, 0.9), word(' der.', 1, 1.4), word(' Ja,', 12.6, 13), word(' takk.', 13.2, 13.7)],
      [
        { text: 'Hei der.', start: 0.4, end: 1.5 },
        { text: 'Ja, takk.', start: 12.5, end: 13.8 },
      ],
    );
    const [first, second] = splitPackedTranscription(raw, pieces);
    expect(first).toMatchObject({ text: 'Hei der.', words: [word(' Hei', 100.5, 100.9), word(' der.', 101, 101.4)], chunks: [{ text: 'Hei der.', start: 100.4, end: 101.5 }] });
    expect(second?.text).toBe('Ja, takk.');
    expect(second?.words[0]?.start).toBeCloseTo(400.6);
    expect(second?.words[1]?.end).toBeCloseTo(401.7);
    expect(second?.chunks[0]?.start).toBeCloseTo(400.5);
  });

  it('keeps a word that straddles the join inside the piece that holds most of it', () => {
    const [first, second] = splitPackedTranscription(transcription([word(' lenge', 11.7, 12.1)], [{ text: 'lenge', start: 11.5, end: 12.2 }]), pieces);
    expect(first?.words).toEqual([word(' lenge', 111.7, 112)]);
    expect(second?.words).toEqual([]);
    expect(second?.text).toBe('');
  });

  it('leaves each piece the window’s confidence measures', () => {
    const parts = splitPackedTranscription(transcription([word(' Hei', 0.5, 0.9), word(' ja', 12.5, 12.8)], []), pieces);
    for (const part of parts) expect(part).toMatchObject({ avgLogProb: -0.3, compressionRatio: 1.4, noSpeechProb: 0.01 });
  });

  it('moves a window of one piece to its session time and keeps its text as it is', () => {
    const raw = transcription([word(' Hei', 0.5, 0.9)], [{ text: 'Hei!', start: 0.4, end: 1 }]);
    const [only] = splitPackedTranscription(raw, [{ start: 30, end: 40, at: 0, sessionStart: 32 }]);
    expect(only).toMatchObject({ text: 'Hei!', words: [word(' Hei', 32.5, 32.9)], chunks: [{ text: 'Hei!', start: 32.4, end: 33 }] });
  });
});

describe('the segments of a packed window', () => {
  const window = {
    pieces: [
      { start: 100, end: 112, at: 0 },
      { start: 400, end: 412, at: 12 },
    ],
    seconds: 24,
  };
  const utterances = [
    { start: 100, end: 106, speechRatio: 0.9 },
    { start: 106.5, end: 112, speechRatio: 0.5 },
    { start: 400, end: 412, speechRatio: 0.8 },
  ];
  // The recording started 5 s into the session.
  const input = {
    window,
    utterances,
    sessionAt: (seconds: number) => seconds + 5,
    sessionId: 's',
    channel: 'participant' as const,
    dropouts: [],
    language: 'no',
  };

  it('stores each stretch where it was said, with its own words', () => {
    let ids = 0;
    const raw = transcription([word(' Hei', 0.5, 0.9), word(' der.', 1, 1.4), word(' Ja.', 12.6, 13)], []);
    const [first, second] = stretchSegments({ ...input, transcription: raw, makeId: () => `id${++ids}` });
    expect(first).toMatchObject({ start: 105, end: 117, hearing: 'text', segment: { id: 'id1', start: 105, end: 117, text: 'Hei der.', channel: 'participant', source: 'live' } });
    expect(first?.segment?.words.map((heard) => heard.start)).toEqual([105.5, 106]);
    expect(second).toMatchObject({ start: 405, end: 417, segment: { id: 'id2', text: 'Ja.' } });
    expect(second?.segment?.words[0]?.start).toBeCloseTo(405.6);
  });

  it('marks a stretch of speech the model wrote nothing for, and says so', () => {
    const raw = transcription([word(' Hei', 0.5, 0.9)], []);
    const [first, second] = stretchSegments({ ...input, transcription: raw, makeId: () => 'id' });
    expect(first).toMatchObject({ hearing: 'text', segment: { text: 'Hei' } });
    expect(second).toMatchObject({ start: 405, end: 417, hearing: 'untranscribed', segment: { text: '[uklart]', unclear: [{ start: 405, end: 417 }] } });
  });

  it('stores nothing for a stretch the voice detector barely heard as speech', () => {
    const raw = transcription([word(' Hei', 0.5, 0.9)], []);
    const quiet = [utterances[0]!, utterances[1]!, { start: 400, end: 412, speechRatio: 0.05 }];
    const [, second] = stretchSegments({ ...input, utterances: quiet, transcription: raw, makeId: () => 'id' });
    expect(second).toEqual({ start: 405, end: 417, segment: null, hearing: 'nothing' });
  });

  it('weighs each stretch’s share of speech by its utterances’ lengths', () => {
    expect(stretchSpeechRatio(utterances, window.pieces[0]!)).toBeCloseTo((0.9 * 6 + 0.5 * 5.5) / 11.5);
    expect(stretchSpeechRatio(utterances, window.pieces[1]!)).toBeCloseTo(0.8);
    expect(stretchSpeechRatio(utterances, { start: 200, end: 300 })).toBe(0);
  });
});
