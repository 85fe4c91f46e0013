import { describe, expect, it } from 'vitest';
import { actionFor, clampRewind, conflicts, DEFAULT_KEYS, keyName, resolveBindings, stepRate } from './keys';

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('transcriber keys', () => {
  it('reads key presses as oTranscribe’s defaults, Cmd as Ctrl, and plain letters as typing', () => {
    const bindings = resolveBindings({});
    expect(actionFor(bindings, press('Escape'))).toBe('playPause');
    expect(actionFor(bindings, press('F1'))).toBe('back');
    expect(actionFor(bindings, press('j', { ctrlKey: true }))).toBe('timeMark');
    expect(actionFor(bindings, press('j', { metaKey: true }))).toBe('timeMark');
    expect(actionFor(bindings, press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(actionFor(bindings, press('j'))).toBeNull();
    expect(actionFor(bindings, press('Shift', { shiftKey: true }))).toBeNull();
    expect(keyName(press('F8', { shiftKey: true }))).toBe('Shift+F8');
  });

  it('applies the researcher’s bindings over the defaults and says which clash', () => {
    const bindings = resolveBindings({ playPause: 'F4', unknown: 'F9', back: ' ' });
    expect(actionFor(bindings, press('F4'))).toBe('playPause');
    expect(bindings.back).toBe(DEFAULT_KEYS.back);
    expect(conflicts(bindings).sort()).toEqual(['faster', 'playPause']);
    expect(conflicts(resolveBindings({}))).toEqual([]);
  });

  it('steps the rate between 0.5× and 2×, and keeps the rewind within 0–2 s', () => {
    expect(stepRate(1, -1)).toBe(0.9);
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(0.5, -1)).toBe(0.5);
    expect(stepRate(2, 1)).toBe(2);
    expect(stepRate(1.1, 1)).toBe(1.25);
    expect(clampRewind(5)).toBe(2);
    expect(clampRewind(-1)).toBe(0);
    expect(clampRewind(Number.NaN)).toBe(1.5);
  });
});
