// Opens Debian's Chromium with the built extension loaded, on a profile kept in
// .profiles/dev so guides and sessions survive between runs. Prints where it is.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const extension = path.join(root, '.output/chrome-mv3');
const profile = path.join(root, '.profiles/dev');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path.join(extension, 'manifest.json'))) {
  console.error('No build found in .output/chrome-mv3: run `npx wxt build` first.');
  process.exit(1);
}
mkdirSync(profile, { recursive: true });

// Chromium derives an unpacked extension's id from its absolute path: the first 32
// hex digits of its SHA-256, written with the letters a–p.
const extensionId = [...createHash('sha256').update(extension).digest('hex').slice(0, 32)]
  .map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16)))
  .join('');

const headless = process.argv.includes('--headless') || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(headless ? ['--headless=new', '--remote-debugging-port=9222'] : []),
  `chrome-extension://${extensionId}/workspace.html`,
  // Headless Chromium opens one page only; the workspace links to the practice call.
  ...(headless ? [] : [`chrome-extension://${extensionId}/practice.html`]),
];
console.log(`Intervju ${headless ? '(headless: no display found; DevTools on http://127.0.0.1:9222)' : ''}`);
console.log(`  workspace:     chrome-extension://${extensionId}/workspace.html`);
console.log(`  practice call: chrome-extension://${extensionId}/practice.html`);
console.log(`  profile:       ${profile}`);
// Chromium's own chatter (D-Bus, GPU) goes to a log file rather than the terminal.
const log = path.join(root, '.profiles/chromium.log');
console.log(`  browser log:   ${log}`);
const child = spawn(chromium, args, { stdio: ['ignore', 'inherit', openSync(log, 'a')] });
child.on('exit', (code) => process.exit(code ?? 0));
