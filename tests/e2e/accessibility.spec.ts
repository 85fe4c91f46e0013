import { expect, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { EXPECTED, PASTED_GUIDE } from './guide-text';
import { blocking, describeFindings, runAxe, type AxeFinding } from './pages/axe';
import { PanelPage } from './pages/panel';
import { WorkspacePage } from './pages/workspace';
import type { Frame, Page } from '@playwright/test';

/** A guide whose text has a title line of its own; the researcher types a longer one on import. */
const GUIDE_WITH_TITLE_LINE = `Intervjuguide – Sykepleie i hjemmetjenesten\n\n${PASTED_GUIDE}`;
const TYPED_TITLE =
  'Arbeidshverdagen til sykepleiere i kommunal hjemmetjeneste etter omleggingen til digitale verktøy – runde to, med ledere';

const INTERVIEW_VTT = `WEBVTT

00:00:02.000 --> 00:00:06.000
<v Ingrid Solberg>Kan du fortelle litt om deg selv?</v>

00:00:06.500 --> 00:00:15.000
<v Maja Lund>Jeg har jobbet som sykepleier i hjemmetjenesten i åtte år.</v>

00:01:10.000 --> 00:01:16.000
<v Ingrid Solberg>Hvordan ser en vanlig arbeidsdag ut for deg?</v>

00:01:16.500 --> 00:01:30.000
<v Maja Lund>Den starter med rapport klokka sju, og så kjører jeg ut til pasientene.</v>
`;

/**
 * axe-core over every screen a researcher uses: the in-call panel (mid-interview, with
 * marks, a consent tick and a note), the side panel, and each workspace page. Nothing
 * serious or critical may be found; the rest is printed. One browser for all of it.
 */
test('axe finds nothing serious in the panel, the side panel or the workspace', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  const findings: { where: string; found: AxeFinding[] }[] = [];
  const check = async (where: string, target: Page | Frame) => {
    const found = await runAxe(target);
    findings.push({ where, found });
    console.log(describeFindings(where, found));
  };

  const workspace = await WorkspacePage.open(context, extensionId);
  const page = workspace.page;
  await expect(page.getByTestId('passphrase-confirm')).toBeVisible();
  await check('workspace: first set-up', page);
  await workspace.setUpPassphrase();

  // Guides, with a pasted guide in the preview before it is saved.
  await page.goto(page.url().replace(/#.*$/, '') + '#/guides');
  await page.getByTestId('guide-import-title').fill(TYPED_TITLE);
  await page.getByTestId('guide-import-text').fill(GUIDE_WITH_TITLE_LINE);
  await expect(page.getByTestId('guide-import-preview').getByTestId('guide-question').first()).toBeAttached();
  await check('workspace: guides with import preview', page);
  await page.getByTestId('guide-import-save').click();
  await expect(page.getByTestId('guide-message')).toBeVisible();
  // The typed title wins over the text's own title line.
  await expect(page.getByTestId('guide-list-item').filter({ hasText: TYPED_TITLE })).toHaveCount(1);
  await page.getByTestId('guide-list-item').filter({ hasText: TYPED_TITLE }).getByTestId('guide-edit').click();
  await expect(page.getByTestId('guide-editor')).toBeVisible();
  await check('workspace: guide editor', page);

  // The in-call panel, mid-interview.
  const call = await context.newPage();
  await call.goto(FAKE_MEETING_URLS.zoom);
  const panel = await PanelPage.inMeeting(call);
  await panel.unlockIfLocked();
  const header = panel.root.locator('.panel-title');
  await expect(header).toContainText(TYPED_TITLE);
  await expect(header.getByRole('heading', { level: 1 })).toHaveAttribute('title', TYPED_TITLE);
  await check('panel: before the interview', panel.frame as Frame);
  await panel.startInterview('Kari');
  await panel.testId('consent-item').first().check();
  await panel.mark(panel.question(EXPECTED.questions[0]!), 'covered');
  await panel.mark(panel.probe(EXPECTED.probes[0]!), 'asked');
  await panel.mark(panel.question(EXPECTED.questions[1]!), 'skipped');
  await panel.testId('note-revise').check();
  await panel.testId('note-input').fill('Spørsmålet var for langt');
  await panel.testId('note-input').press('Enter');
  await expect(panel.testId('note')).toHaveCount(1);
  // The second part open too, so its reminder and its conditional question (amber text) are checked.
  const secondPart = panel.testId('guide-section').filter({ hasText: EXPECTED.sections[1]! });
  await secondPart.getByRole('button', { expanded: false }).click();
  await expect(secondPart.getByTestId('guide-reminder')).toBeVisible();
  await expect(secondPart.getByTestId('guide-condition')).toBeVisible();
  // A long title stays inside the narrow panel: it wraps or is cut with an ellipsis, never runs out of view.
  const titleFits = await header.evaluate((element) => element.scrollWidth <= element.clientWidth + 1);
  expect(titleFits).toBe(true);
  // Body text at least 14 px: every visible element that holds text of its own.
  const smallText = await (panel.frame as Frame).evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()))
      .filter((element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden'))
      .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 14)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${getComputedStyle(element).fontSize}: ${element.textContent?.trim().slice(0, 40)}`),
  );
  expect(smallText).toEqual([]);
  // The marks say what they do, and a question's text is a button that makes it current.
  const firstQuestion = panel.question(EXPECTED.questions[0]!);
  await expect(firstQuestion.locator(':scope > .item-row [data-testid="mark-button"]')).toHaveText(['Spurt', 'Dekket', 'Hoppet over', 'Avslått']);
  await firstQuestion.getByRole('button', { name: EXPECTED.questions[0]! }).focus();
  await firstQuestion.getByRole('button', { name: EXPECTED.questions[0]! }).press('Enter');
  await expect(firstQuestion).toHaveAttribute('aria-current', 'step');
  await check('panel: in the call, mid-interview', panel.frame as Frame);

  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/panel.html`);
  const sidePanel = new PanelPage(side);
  await sidePanel.unlockIfLocked();
  await expect(sidePanel.testId('note')).toHaveCount(1);
  await check('side panel: mid-interview', side);
  await side.emulateMedia({ colorScheme: 'dark' });
  await check('side panel: mid-interview, dark', side);
  await panel.endInterview();

  // Recordings and transcript import, with a preview on screen; then the imported interview.
  await page.getByTestId('nav-recordings').click();
  const form = page.getByTestId('transcript-import');
  await form.getByTestId('transcript-file').setInputFiles({ name: 'intervju.vtt', mimeType: 'text/vtt', buffer: Buffer.from(INTERVIEW_VTT) });
  const preview = form.getByTestId('transcript-preview');
  await expect(preview.getByTestId('transcript-turn')).toHaveCount(4);
  await preview.getByTestId('transcript-participant').selectOption('new');
  await preview.getByTestId('transcript-pseudonym').fill('Sol');
  await check('workspace: recordings with transcript preview', page);
  await preview.getByTestId('transcript-save').click();
  await expect(form.getByTestId('transcript-done')).toHaveAttribute('data-segments', '4');

  await page.getByTestId('nav-sessions').click();
  const imported = page.getByTestId('session-row').filter({ hasText: 'Sol' });
  await expect(imported).toHaveCount(1);
  await check('workspace: sessions', page);
  const sessionId = (await imported.getAttribute('data-session-id')) ?? '';
  const view = await workspace.openSession(sessionId);
  await expect(view.getByTestId('transcript-segment')).toHaveCount(4);
  await check('workspace: session view', page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await check('workspace: session view, dark', page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(page.url().replace(/#.*$/, '') + `#/sessions/${sessionId}/export`);
  await expect(page.getByTestId('session-export-page')).toBeVisible();
  await check('workspace: session export', page);
  await page.goto(page.url().replace(/#.*$/, '') + `#/sessions/${sessionId}/summary`);
  await expect(page.getByTestId('summary-download')).toBeVisible();
  await check('workspace: interview summary', page);

  await page.getByTestId('nav-participants').click();
  await expect(page.getByTestId('participant-row')).toHaveCount(2);
  await check('workspace: participants', page);

  await page.getByTestId('nav-project').click();
  await expect(page.getByTestId('project-form')).toBeVisible();
  await check('workspace: project', page);

  await page.getByTestId('nav-key-list').click();
  await page.getByTestId('key-list-real').fill('Haukeland');
  await page.getByTestId('key-list-fictive').fill('Sykehuset');
  await page.getByTestId('key-list-add').click();
  await expect(page.getByTestId('key-list-entry')).toHaveCount(1);
  await check('workspace: key list', page);

  await page.getByTestId('nav-privacy').click();
  await expect(page.getByTestId('backup-form')).toBeVisible();
  await check('workspace: privacy', page);

  const serious = findings.flatMap(({ where, found }) => blocking(found).map((finding) => describeFindings(where, [finding])));
  expect(serious, serious.join('\n')).toEqual([]);
});
