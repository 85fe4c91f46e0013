import { browser } from 'wxt/browser';
import './practice.css';
import { panelHostLabels, pickLocale, translator } from '../../src/ui';
import { controlInsets, mountPanelHost, readPanelHostState, writePanelHostState } from '../../src/meeting';

/**
 * A stand-in for a video call, so the panel can be tried without a Zoom or Teams
 * account. It mounts the panel as the meeting content script does, scoped to its
 * own pilot session.
 */
const locale = pickLocale();
const t = translator(locale);
document.documentElement.lang = locale;
document.title = t('practiceTitle');
const call = document.getElementById('call')!;
call.innerHTML = '';
const stage = document.createElement('div');
stage.className = 'stage';
for (const name of [t('practiceYou'), t('practiceParticipant')]) {
  const tile = document.createElement('div');
  tile.className = 'tile';
  tile.textContent = name;
  stage.append(tile);
}
const explanation = document.createElement('p');
explanation.className = 'explanation';
explanation.textContent = t('practiceExplanation');
const controls = document.createElement('div');
controls.className = 'controls';
for (const label of [t('practiceMute'), t('practiceVideo'), t('practiceLeave')]) {
  const button = document.createElement('button');
  button.textContent = label;
  controls.append(button);
}
call.append(stage, explanation, controls);

mountPanelHost({
  document,
  // Its own scope: the practice page rehearses a pilot and never shows or changes
  // the interview running in a call tab (background-protocol.ts, PanelScope).
  panelUrl: `${browser.runtime.getURL('/panel.html')}?platform=other&scope=practice`,
  insets: controlInsets('zoom'),
  state: await readPanelHostState(),
  onStateChange: (state) => void writePanelHostState(state),
  labels: panelHostLabels(locale),
});
