import { test as base, chromium, type BrowserContext, type Page, type Request } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAKE_MEETING_HOSTS, routeFakeMeetings } from './fake-meetings';

export const EXTENSION_PATH = path.resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every launch needs on a machine with no network and no display. */
export function chromiumArgs(extraArgs: string[] = []): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    `--disable-extensions-except=${EXTENSION_PATH}`,
    `--load-extension=${EXTENSION_PATH}`,
    ...extraArgs,
  ];
}

/**
 * Chromium's fake microphone plays `microphoneWav` once from the moment it is
 * opened. Playwright mutes audio by default, which would make captured tab audio
 * all zeros, so recording tests keep it audible. Do not add
 * --use-fake-ui-for-media-stream: it breaks tab capture.
 */
export function fakeAudioArgs(microphoneWav: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${microphoneWav}%noloop`,
    '--auto-accept-camera-and-microphone-capture',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/** Launches Chromium with the built extension on a given profile folder. */
export async function launchWithExtension(
  profile: string,
  extraArgs: string[] = [],
  options: { audible?: boolean } = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // `--headless=new` is passed instead: the old headless mode runs no extensions
    args: chromiumArgs(extraArgs),
    ignoreDefaultArgs: options.audible ? ['--mute-audio'] : [],
    viewport: { width: 1400, height: 900 },
    locale: 'nb-NO',
  });
  await routeFakeMeetings(context);
  return context;
}

/** The extension's id, read from its service worker's URL. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/**
 * Every request that left the browser's own origin set: anything that is neither
 * the extension's own files nor one of the routed fake meeting pages.
 */
export function watchForeignRequests(context: BrowserContext): Request[] {
  const foreign: Request[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url());
    if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.protocol === 'https:' && FAKE_MEETING_HOSTS.some((host) => url.hostname === host)) return;
    foreign.push(request);
  };
  context.on('request', record);
  return foreign;
}

interface Fixtures {
  profile: string;
  context: BrowserContext;
  extensionId: string;
  foreignRequests: Request[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  profile: async ({}, use) => {
    await use(mkdtempSync(path.join(tmpdir(), 'intervju-e2e-')));
  },
  context: async ({ profile }, use) => {
    const context = await launchWithExtension(profile);
    await use(context);
    await context.close();
  },
  foreignRequests: async ({ context }, use) => {
    await use(watchForeignRequests(context));
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});

export const expect = test.expect;

/**
 * Clicks the extension's toolbar button on a tab, as the researcher does to let
 * Chrome capture the call's audio (CDP Extensions.triggerAction on the tab target).
 */
export async function clickToolbarButton(context: BrowserContext, extensionId: string, tabUrlPart: string): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const tab = targetInfos.find((target) => target.type === 'tab' && target.url.includes(tabUrlPart));
    if (!tab) throw new Error(`No tab target for ${tabUrlPart}: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach();
  }
}

/** Opens an extension page such as `workspace.html` in a new tab. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}
