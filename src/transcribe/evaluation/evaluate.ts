/**
 * One evaluation: per file, the transcript the product made against a reference,
 * and the figures over all files. Pure: the command (scripts/eval.mjs) reads
 * the files, runs the model and times it.
 */
import { scoringTokens } from './normalise';
import { addCounts, characterErrors, errorRate, unclearAgreement, wordErrors, type ErrorCounts, type UnclearAgreement } from './score';

export interface FileEvaluationInput {
  name: string;
  referenceText: string;
  hypothesisText: string;
  /** Length of the audio, seconds. */
  audioSeconds: number;
  /** Time the transcription took, seconds (cutting and decoding, not loading the model). */
  processingSeconds: number;
}

export interface FileEvaluation {
  name: string;
  words: ErrorCounts;
  characters: ErrorCounts;
  wer: number | null;
  cer: number | null;
  unclear: UnclearAgreement;
  audioSeconds: number;
  processingSeconds: number;
  /** processingSeconds / audioSeconds: below 1 is faster than real time. */
  realTimeFactor: number | null;
}

/** The same figures over all files: rates pooled (weighted by the files' lengths), as WER is usually reported. */
export interface EvaluationSummary extends Omit<FileEvaluation, 'name' | 'words' | 'characters'> {
  files: FileEvaluation[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function evaluateFile(input: FileEvaluationInput): FileEvaluation {
  const reference = scoringTokens(input.referenceText);
  const hypothesis = scoringTokens(input.hypothesisText);
  const words = wordErrors(reference, hypothesis);
  const characters = characterErrors(reference, hypothesis);
  return {
    name: input.name,
    words,
    characters,
    wer: errorRate(words),
    cer: errorRate(characters),
    unclear: unclearAgreement(reference, hypothesis),
    audioSeconds: input.audioSeconds,
    processingSeconds: input.processingSeconds,
    realTimeFactor: ratio(input.processingSeconds, input.audioSeconds),
  };
}

export function summarise(files: readonly FileEvaluation[]): EvaluationSummary {
  const unclear = files.reduce(
    (sum, file) => ({
      hypothesisMarkers: sum.hypothesisMarkers + file.unclear.hypothesisMarkers,
      referenceMarkers: sum.referenceMarkers + file.unclear.referenceMarkers,
      agreeing: sum.agreeing + file.unclear.agreeing,
      found: sum.found + file.unclear.found,
    }),
    { hypothesisMarkers: 0, referenceMarkers: 0, agreeing: 0, found: 0 },
  );
  const audioSeconds = files.reduce((sum, file) => sum + file.audioSeconds, 0);
  const processingSeconds = files.reduce((sum, file) => sum + file.processingSeconds, 0);
  return {
    files: [...files],
    wer: errorRate(addCounts(files.map((file) => file.words))),
    cer: errorRate(addCounts(files.map((file) => file.characters))),
    unclear: { ...unclear, precision: ratio(unclear.agreeing, unclear.hypothesisMarkers), recall: ratio(unclear.found, unclear.referenceMarkers) },
    audioSeconds,
    processingSeconds,
    realTimeFactor: ratio(processingSeconds, audioSeconds),
  };
}

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const fraction = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

function figures(wer: number | null, cer: number | null, unclear: UnclearAgreement, realTimeFactor: number | null): string {
  return (
    `WER ${percent(wer)}, CER ${percent(cer)}, ` +
    `[uklart] precision ${fraction(unclear.precision)} recall ${fraction(unclear.recall)} ` +
    `(${unclear.hypothesisMarkers} marked, ${unclear.referenceMarkers} in the reference), ` +
    `real-time factor ${fraction(realTimeFactor)}`
  );
}

/** The lines the command prints: one per file, then the pooled figures. */
export function reportLines(summary: EvaluationSummary): string[] {
  const lines = summary.files.map((file) => {
    const { substitutions, deletions, insertions, referenceLength } = file.words;
    return `${file.name}: ${figures(file.wer, file.cer, file.unclear, file.realTimeFactor)}; ${referenceLength} words, ${substitutions} substituted, ${deletions} deleted, ${insertions} inserted`;
  });
  lines.push(`all ${summary.files.length} files (${summary.audioSeconds.toFixed(1)} s of audio): ${figures(summary.wer, summary.cer, summary.unclear, summary.realTimeFactor)}`);
  return lines;
}
