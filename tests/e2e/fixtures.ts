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

/** Launches Chromium with the built extension on a given profile folder. */
export async function launchWithExtension(profile: string, extraArgs: string[] = []): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // `--headless=new` is passed instead: the old headless mode runs no extensions
    args: chromiumArgs(extraArgs),
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

/** Opens an extension page such as `workspace.html` in a new tab. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}
