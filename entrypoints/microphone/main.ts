import '../../src/ui/base.css';
import { pickLocale, translator } from '../../src/ui';

/**
 * Asks for the microphone once, in a visible page that says why: the offscreen
 * document that records cannot show a permission prompt itself.
 */
const locale = pickLocale();
const t = translator(locale);
document.documentElement.lang = locale;
document.title = t('microphoneTitle');
const app = document.getElementById('app')!;
const heading = document.createElement('h1');
heading.textContent = t('microphoneTitle');
const explanation = document.createElement('p');
explanation.textContent = t('microphoneExplanation');
const button = document.createElement('button');
button.type = 'button';
button.dataset.testid = 'microphone-allow';
button.textContent = t('allowMicrophone');
const status = document.createElement('p');
status.setAttribute('role', 'status');
status.dataset.testid = 'microphone-status';
app.append(heading, explanation, button, status);

button.addEventListener('click', async () => {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    status.textContent = t('microphoneGranted');
    status.className = 'notice';
  } catch (cause) {
    status.textContent = t('microphoneDenied', { reason: (cause as Error).message });
    status.className = 'error';
  }
});
