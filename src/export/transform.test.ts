import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFile } from './bundle';
import { exportSession, notes, segment, segments } from './test-fixtures';
import { transformSessions, unchangedTranscript, type TranscriptTransform } from './transform';

/** Stands in for src/pseudonymise: one real name to one fictive one. */
const replaceBerit: TranscriptTransform = (content) => ({
  segments: content.segments.map((item) => ({ ...item, text: item.text.replaceAll('Berit', 'Lise') })),
  notes: content.notes.map((note) => ({ ...note, text: note.text.replaceAll('Berit', 'Lise') })),
});

const withRealName = exportSession({
  segments: [...segments, segment('r', 'participant', 20, 22, 'Lederen min, Berit, sa nei.')],
  notes: [{ ...notes[0]!, text: 'Berit er nevnt' }],
});

async function everyExportText(inputs: Parameters<typeof exportFile>[0]): Promise<string> {
  const texts = await Promise.all(
    EXPORT_FORMATS.map(async (format) => {
      const { bytes } = await exportFile(inputs, format, { timeMarks: true, lineNumbers: false, notes: 'appendix', keepFillers: true });
      return format === 'docx' || format === 'qdpx' ? Object.values(unzipSync(bytes)).map((file) => strFromU8(file)).join('\n') : strFromU8(bytes);
    }),
  );
  return texts.join('\n');
}

describe('transformSessions', () => {
  it('writes what the transform returns into every format, so the real name is in no export', async () => {
    expect(await everyExportText([withRealName])).toContain('Berit');
    const changed = await transformSessions([withRealName], replaceBerit);
    const text = await everyExportText(changed);
    expect(text).not.toContain('Berit');
    expect(text).toContain('Lederen min, Lise, sa nei.');
    expect(text).toContain('Lise er nevnt');
  });

  it('hands the transform each session with its participant, and waits for an async one', async () => {
    const seen: string[] = [];
    const changed = await transformSessions([withRealName], async (content, context) => {
      seen.push(`${context.session.id}:${context.participant?.pseudonym}`);
      await Promise.resolve();
      return { segments: content.segments.slice(0, 1), notes: [] };
    });
    expect(seen).toEqual(['session-1:Kåre']);
    expect(changed[0]?.segments).toHaveLength(1);
    expect(changed[0]?.notes).toEqual([]);
    expect((await transformSessions([withRealName], unchangedTranscript))[0]?.segments).toEqual(withRealName.segments);
  });
});
