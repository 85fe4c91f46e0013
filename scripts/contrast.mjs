// Prints the WCAG contrast ratio of each text colour token in src/ui/base.css against
// the backgrounds it is drawn on, for the light and the dark scheme; exits 1 when a
// text pair is under 4.5:1 or a control border under 3:1.
//   node scripts/contrast.mjs
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../src/ui/base.css', import.meta.url), 'utf8');
const tokensIn = (block) => Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
const light = tokensIn(css.slice(css.indexOf(':root'), css.indexOf('@media (prefers-color-scheme: dark)')));
const darkBlock = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const dark = { ...light, ...tokensIn(darkBlock.slice(0, darkBlock.indexOf('\n}'))) };

const luminance = (hex) => {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
};

/** [foreground, background, minimum]: text on the page, on the current question, on filled buttons; control borders. */
const PAIRS = [
  ['fg', 'bg', 4.5], ['muted', 'bg', 4.5], ['muted', 'accent-soft', 4.5], ['accent', 'bg', 4.5], ['accent', 'accent-soft', 4.5],
  ['ok', 'bg', 4.5], ['ok', 'accent-soft', 4.5], ['warn', 'bg', 4.5], ['warn', 'accent-soft', 4.5], ['danger', 'bg', 4.5],
  ['on-accent', 'accent', 4.5], ['on-danger', 'danger', 4.5], ['highlight-fg', 'highlight-bg', 4.5], ['control-line', 'bg', 3],
];
let failed = false;
for (const [scheme, tokens] of [['light', light], ['dark', dark]]) {
  for (const [fg, bg, minimum] of PAIRS) {
    const value = ratio(tokens[fg], tokens[bg]);
    if (value < minimum) failed = true;
    console.log(`${scheme.padEnd(5)} --${fg} ${tokens[fg]} on --${bg} ${tokens[bg]}: ${value.toFixed(2)}:1${value < minimum ? `  UNDER ${minimum}:1` : ''}`);
  }
}
process.exit(failed ? 1 : 0);
