import { describe, expect, it } from 'vitest';
import { formatCueTime, formatTimestamp } from './time';
import { normaliseMarkers, removeFillers, sessionHeader } from './transcript';
import { exportSession, guide } from './test-fixtures';

describe('time marks', () => {
  it('writes f4 time marks in tenths, carrying across the hour', () => {
    expect(formatTimestamp(0)).toBe('#00:00:00-0#');
    expect(formatTimestamp(3599.9)).toBe('#00:59:59-9#');
    expect(formatTimestamp(3599.96)).toBe('#01:00:00-0#');
    expect(formatTimestamp(36_000 + 61.24)).toBe('#10:01:01-2#');
  });

  it('writes cue times with milliseconds, "." for WebVTT and "," for SRT', () => {
    expect(formatCueTime(3599.9)).toBe('00:59:59.900');
    expect(formatCueTime(3599.9996)).toBe('01:00:00.000');
    expect(formatCueTime(4.2, ',')).toBe('00:00:04,200');
  });
});

describe('[uklart] markers', () => {
  it('keeps markers, with and without a guess, in the transcript language', () => {
    expect(normaliseMarkers('Jeg bodde i [uklart].', 'nb')).toBe('Jeg bodde i [uklart].');
    expect(normaliseMarkers('Jeg bodde i [unclear: Gjøvik?].', 'nb')).toBe('Jeg bodde i [uklart: Gjøvik?].');
    expect(normaliseMarkers('I lived in [uklart: Leeds?], [uklart].', 'en-GB')).toBe('I lived in [unclear: Leeds?], [unclear].');
  });
});

describe('filler words', () => {
  it('removes Norwegian fillers and the commas they leave, never inside words or markers', () => {
    expect(removeFillers('Eh, jeg vet ikke, øh.', 'nb')).toBe('Jeg vet ikke.');
    expect(removeFillers('Det var ehm veldig fint, hmm, ja.', 'nb')).toBe('Det var veldig fint, ja.');
    expect(removeFillers('Ehmer og hemmelig [uklart: eh?]', 'nb')).toBe('Ehmer og hemmelig [uklart: eh?]');
  });

  it('uses the transcript language: "er" is a filler in English, a verb in Norwegian', () => {
    expect(removeFillers('It was, er, fine, um.', 'en')).toBe('It was, fine.');
    expect(removeFillers('Det er fint.', 'nb')).toBe('Det er fint.');
  });
});

describe('sessionHeader', () => {
  it('says a session had no guide (an imported recording) instead of an empty title and version 0', () => {
    const none = { ...guide, id: '', title: '', version: 0, sections: [] };
    expect(sessionHeader(exportSession({ guide: none })).guide).toBe('Intervjuguide: ingen');
    expect(sessionHeader(exportSession({ guide: none, locale: 'en' })).guide).toBe('Interview guide: none');
    expect(sessionHeader(exportSession()).guide).toBe('Intervjuguide: Arbeidsliv på sykehus (versjon 3)');
  });
});
