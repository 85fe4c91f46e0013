/**
 * The only thing the extension adds to a meeting page: a small host element whose
 * shadow root holds a frame with the extension's own panel page, plus a
 * handle to collapse, move and resize it. Everything sensitive renders inside the
 * frame, in the extension's origin, which Zoom's and Teams' scripts cannot read
 * (see docs/architecture.md, "The meeting page must not see the interview").
 * DOM, not Preact: it runs in the meeting page's document, from the content
 * script, which must stay small and carry none of the panel's UI.
 */
import type { ControlInsets } from './meeting-platforms';

export const PANEL_HOST_ID = 'intervju-panel-host';

export interface PanelHostState {
  side: 'left' | 'right';
  width: number;
  collapsed: boolean;
}

export const DEFAULT_PANEL_HOST_STATE: PanelHostState = { side: 'right', width: 380, collapsed: false };

const MIN_WIDTH = 260;
const MAX_WIDTH = 760;
const COLLAPSED_WIDTH = 30;

export interface PanelHostOptions {
  document: Document;
  /** URL of the extension's panel page. */
  panelUrl: string;
  insets: ControlInsets;
  state: PanelHostState;
  /** Called whenever the researcher collapses, moves or resizes the panel. */
  onStateChange: (state: PanelHostState) => void;
  labels: { collapse: string; expand: string; moveLeft: string; moveRight: string; resize: string; title: string };
}

export interface PanelHost {
  host: HTMLElement;
  frame: HTMLIFrameElement;
  state(): PanelHostState;
  setState(state: Partial<PanelHostState>): void;
  remove(): void;
}

/** Keeps a stored width usable on the current screen. */
export function clampWidth(width: number, viewportWidth: number): number {
  const max = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(viewportWidth * 0.6)));
  return Math.round(Math.min(max, Math.max(MIN_WIDTH, width)));
}

const STYLE = `
:host { all: initial; }
.frame-box {
  position: fixed; z-index: 2147483000; display: flex; background: #fbfbfa;
  box-shadow: 0 0 0 1px rgba(0,0,0,.15), 0 4px 18px rgba(0,0,0,.18);
  font: 12px system-ui, sans-serif;
}
.frame-box.right { flex-direction: row; }
.frame-box.left { flex-direction: row-reverse; }
.handle {
  width: ${COLLAPSED_WIDTH}px; flex: none; display: flex; flex-direction: column; align-items: center; gap: 6px;
  padding-top: 6px; background: #1a5fb4; color: #fff; cursor: ew-resize; user-select: none; touch-action: none;
}
.handle button {
  all: unset; cursor: pointer; width: 24px; height: 24px; text-align: center; line-height: 24px; border-radius: 4px;
}
.handle button:hover, .handle button:focus-visible { background: rgba(255,255,255,.25); outline: 2px solid #fff; }
.handle .title { writing-mode: vertical-rl; transform: rotate(180deg); margin-top: 8px; font-weight: 600; }
iframe { border: none; flex: 1; width: 100%; height: 100%; background: #fbfbfa; color-scheme: normal; }
.collapsed iframe { display: none; }
`;

/** Places the panel frame on the page and returns a handle to change or remove it. */
export function mountPanelHost(options: PanelHostOptions): PanelHost {
  const { document: doc, labels } = options;
  doc.getElementById(PANEL_HOST_ID)?.remove();
  let state: PanelHostState = { ...options.state };

  const host = doc.createElement('div');
  host.id = PANEL_HOST_ID;
  // Closed: the frame's document is another origin either way, but with an open root
  // the page's script could still reach the iframe element itself — point its src
  // elsewhere, or cover it with a look-alike. Tests find the frame through
  // Playwright's frame list instead (docs/testing.md).
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.className = 'frame-box';
  const handle = doc.createElement('div');
  handle.className = 'handle';
  handle.title = labels.resize;
  const toggle = doc.createElement('button');
  toggle.type = 'button';
  const move = doc.createElement('button');
  move.type = 'button';
  const title = doc.createElement('span');
  title.className = 'title';
  title.textContent = labels.title;
  handle.append(toggle, move, title);
  const frame = doc.createElement('iframe');
  frame.src = options.panelUrl;
  frame.title = labels.title;
  // The panel asks for nothing the meeting page could grant; keep its powers minimal.
  frame.setAttribute('allow', '');
  box.append(handle, frame);
  root.append(style, box);

  const render = () => {
    const viewportWidth = doc.defaultView?.innerWidth ?? 1280;
    const width = state.collapsed ? COLLAPSED_WIDTH : clampWidth(state.width, viewportWidth);
    box.className = `frame-box ${state.side}${state.collapsed ? ' collapsed' : ''}`;
    box.style.top = `${options.insets.top}px`;
    box.style.bottom = `${options.insets.bottom}px`;
    box.style.left = state.side === 'left' ? '0' : '';
    box.style.right = state.side === 'right' ? '0' : '';
    box.style.width = `${width}px`;
    toggle.textContent = state.collapsed ? (state.side === 'right' ? '‹' : '›') : state.side === 'right' ? '›' : '‹';
    toggle.setAttribute('aria-label', state.collapsed ? labels.expand : labels.collapse);
    toggle.title = toggle.getAttribute('aria-label') ?? '';
    move.textContent = state.side === 'right' ? '⇤' : '⇥';
    move.setAttribute('aria-label', state.side === 'right' ? labels.moveLeft : labels.moveRight);
    move.title = move.getAttribute('aria-label') ?? '';
  };

  const setState = (patch: Partial<PanelHostState>) => {
    state = { ...state, ...patch };
    render();
    options.onStateChange({ ...state });
  };

  toggle.addEventListener('click', () => setState({ collapsed: !state.collapsed }));
  move.addEventListener('click', () => setState({ side: state.side === 'right' ? 'left' : 'right' }));

  // Dragging the handle resizes; pointer capture keeps the drag alive over the iframe.
  handle.addEventListener('pointerdown', (down: PointerEvent) => {
    if (down.target !== handle && down.target !== title) return;
    if (state.collapsed) return;
    handle.setPointerCapture(down.pointerId);
    const startX = down.clientX;
    const startWidth = state.width;
    const onMove = (event: PointerEvent) => {
      const delta = state.side === 'right' ? startX - event.clientX : event.clientX - startX;
      state = { ...state, width: clampWidth(startWidth + delta, doc.defaultView?.innerWidth ?? 1280) };
      render();
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      options.onStateChange({ ...state });
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
  });

  render();
  doc.documentElement.append(host);
  return { host, frame, state: () => ({ ...state }), setState, remove: () => host.remove() };
}
