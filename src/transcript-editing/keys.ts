/**
 * The transcriber's keys: they work while typing in a segment, so each is a key
 * no text field needs (function keys, Escape, Ctrl combinations), following
 * oTranscribe (Esc play/pause, F1/F2 back/forward, F3/F4 slower/faster, Ctrl+J
 * time mark) and f4 (F4 … here F4 is faster, as in oTranscribe; rebind to taste).
 */
export const TRANSCRIBER_ACTIONS = [
  'playPause',
  'back',
  'forward',
  'slower',
  'faster',
  'nextUnclear',
  'previousUnclear',
  'timeMark',
  'undo',
  'redo',
] as const;
export type TranscriberAction = (typeof TRANSCRIBER_ACTIONS)[number];

export const DEFAULT_KEYS: Readonly<Record<TranscriberAction, string>> = {
  playPause: 'Escape',
  back: 'F1',
  forward: 'F2',
  slower: 'F3',
  faster: 'F4',
  nextUnclear: 'F8',
  previousUnclear: 'Shift+F8',
  timeMark: 'Ctrl+J',
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
};

/** Seconds `back` and `forward` jump. */
export const JUMP_SECONDS = 3;
/** Playback rates offered; slower/faster step through them. */
export const PLAYBACK_RATES = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2] as const;
/** Bounds of the rewind on pause the researcher may choose. */
export const REWIND_RANGE = { min: 0, max: 2 } as const;

/** The fields of a keyboard event a binding reads (a DOM KeyboardEvent has them). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** `Ctrl+Shift+Z`, `F4`, `Escape`: modifiers in a fixed order, Cmd counted as Ctrl (macOS habit). */
export function keyName(press: KeyPress): string {
  const key = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  if (key === 'Control' || key === 'Shift' || key === 'Alt' || key === 'Meta') return '';
  return [press.ctrlKey || press.metaKey ? 'Ctrl' : '', press.altKey ? 'Alt' : '', press.shiftKey ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The defaults with the researcher's changes over them (unknown actions or empty keys ignored). */
export function resolveBindings(stored: Readonly<Record<string, string>>): Record<TranscriberAction, string> {
  const bindings = { ...DEFAULT_KEYS };
  for (const action of TRANSCRIBER_ACTIONS) {
    const key = stored[action]?.trim();
    if (key) bindings[action] = key;
  }
  return bindings;
}

/** The action a key press means, or null. */
export function actionFor(bindings: Readonly<Record<TranscriberAction, string>>, press: KeyPress): TranscriberAction | null {
  const name = keyName(press);
  if (!name) return null;
  return TRANSCRIBER_ACTIONS.find((action) => bindings[action].toLowerCase() === name.toLowerCase()) ?? null;
}

/** Actions bound to the same key as another, so the view can warn before saving. */
export function conflicts(bindings: Readonly<Record<TranscriberAction, string>>): TranscriberAction[] {
  const seen = new Map<string, TranscriberAction>();
  const clashing = new Set<TranscriberAction>();
  for (const action of TRANSCRIBER_ACTIONS) {
    const key = bindings[action].toLowerCase();
    const other = seen.get(key);
    if (other) clashing.add(other).add(action);
    else seen.set(key, action);
  }
  return [...clashing];
}

/** The next playback rate up or down from the current one. */
export function stepRate(current: number, direction: 1 | -1): number {
  const index = PLAYBACK_RATES.findIndex((rate) => rate >= current - 1e-6);
  const at = index < 0 ? PLAYBACK_RATES.length - 1 : index;
  const exact = Math.abs((PLAYBACK_RATES[at] ?? 1) - current) < 1e-6;
  const next = direction === 1 ? (exact ? at + 1 : at) : at - 1;
  return PLAYBACK_RATES[Math.min(Math.max(next, 0), PLAYBACK_RATES.length - 1)] ?? 1;
}

/** Rewind on pause clamped to its range. */
export function clampRewind(seconds: number): number {
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, REWIND_RANGE.min), REWIND_RANGE.max) : 1.5;
}
