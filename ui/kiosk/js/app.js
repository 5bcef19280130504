// The kiosk front end: draws the engine's view, sends the visitor's actions, nothing more.
// Every text comes from the engine (Fluent); errors arrive as codes and are looked up in its texts.
import * as engine from './transport.js';
import { el, button } from './dom.js';
import { drawSign, wireSign, isFull, exitFull } from './sign.js';
import { wireVoice } from './voice.js';
import * as welcome from './screens/welcome.js';
import * as language from './screens/language.js';
import * as service from './screens/service.js';
import * as identify from './screens/identify.js';
import * as step from './screens/step.js';
import * as review from './screens/review.js';
import * as submitting from './screens/submitting.js';
import * as receipt from './screens/receipt.js';
import * as documentKey from './screens/document_key.js';
import * as reading from './screens/reading.js';

const screens = { welcome, language, service, identify, step, review, submitting, receipt, document_key: documentKey, reading };
const $ = (id) => document.getElementById(id);

// `acts` counts the actions sent: a poll that was already on its way when an action went out
// carries an older view and must not draw over the newer one.
const state = { view: null, key: null, texts: {}, busy: false, lastPing: 0, acts: 0 };
const ctx = { act, collect: null };

/** Error code → Fluent id, as the engine names them: `outbox.disk-full` → `errors-outbox-disk-full`. */
const errorId = (code) => `errors-${code.replace(/\./g, '-')}`;

function showTransportError(code) {
  const box = $('transport-error');
  const locale = (state.view && state.view.locale) || 'ko';
  const texts = state.texts[locale] || state.texts.ko || {};
  box.textContent = texts[errorId(code)] || texts['errors-api-unreachable'] || code;
  box.dataset.code = code;
  box.hidden = false;
}

async function act(action) {
  if (state.busy) return;
  state.busy = true;
  state.acts += 1;
  // For the touch-to-paint benchmark (tests/browser/bench-paint.mjs).
  performance.mark('minwon-act');
  try {
    draw(await engine.act(action));
    $('transport-error').hidden = true;
  } catch (e) {
    showTransportError(e.code || 'api.unreachable');
  } finally {
    state.busy = false;
  }
}

function screenKey(v) {
  return JSON.stringify([v.screen, v.locale, v.title, v.body, v.nav]);
}

function draw(v) {
  state.view = v;
  const root = document.documentElement;
  root.lang = v.lang;
  root.dataset.textSize = v.text_size;
  root.classList.toggle('kiosk-contrast', v.high_contrast);
  root.classList.toggle('kiosk-low', v.low_position);
  drawControls(v);
  drawDialog(v);
  const key = screenKey(v);
  if (key === state.key) return;
  state.key = key;
  ctx.collect = null;
  const main = $('main');
  const heading = el('h1', { class: 'kiosk-title', id: 'screen-title', tabindex: '-1', text: v.title });
  const body = screens[v.screen].render(v, ctx);
  main.replaceChildren(heading, body);
  main.dataset.screen = v.screen;
  document.title = v.title;
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('minwon-painted')));
  drawNav(v);
  if (!v.warning && !v.confirm_cancel) {
    const focus = ((v.screen === 'step' || v.screen === 'document_key') && step.initialFocus(main)) || heading;
    focus.focus({ preventScroll: false });
  }
  window.scrollTo(0, 0);
}

function drawNav(v) {
  const set = (id, label) => {
    const b = $(id);
    b.hidden = !label;
    b.textContent = label || '';
  };
  set('nav-back', v.nav.back);
  set('nav-next', v.nav.next);
  set('nav-cancel', v.nav.cancel);
  $('nav').hidden = !v.nav.back && !v.nav.next && !v.nav.cancel;
}

function drawControls(v) {
  $('app-name').textContent = (state.texts[v.locale] || {})['kiosk-app-name'] || '';
  $('text-size-label').textContent = v.controls.text_size;
  const sizes = $('text-sizes');
  sizes.replaceChildren(...v.controls.text_sizes.map((s) => button(s.label, () => act({ type: 'text_size', size: s.id }), 'toggle', {
    role: 'radio', 'aria-checked': s.selected ? 'true' : 'false', 'data-size': s.id,
  })));
  const contrast = $('contrast');
  contrast.textContent = v.controls.contrast;
  contrast.setAttribute('aria-pressed', v.high_contrast ? 'true' : 'false');
  $('low-position').textContent = v.controls.low_position;
  $('low-position').setAttribute('aria-pressed', v.low_position ? 'true' : 'false');
  const sp = v.controls.speech;
  $('call-staff').textContent = v.controls.call_staff;
  $('repeat').textContent = sp.repeat;
  $('help').textContent = sp.help;
  $('rate-label').textContent = sp.label;
  $('rates').replaceChildren(...sp.rates.map((r) => button(r.label, () => act({ type: 'speech_rate', rate: r.id }), 'toggle', {
    role: 'radio', 'aria-checked': r.selected ? 'true' : 'false', 'data-rate': r.id,
  })));
  $('volume').textContent = sp.volume_label;
  $('volume-down').textContent = sp.quieter;
  $('volume-up').textContent = sp.louder;
  $('caption').textContent = v.guidance.caption;
  drawSign(v);
  $('staff-called').hidden = !v.staff_called;
  $('staff-called').textContent = v.staff_called || '';
}

function drawDialog(v) {
  const dialog = $('dialog');
  const d = v.warning
    ? { kind: 'warning', title: v.warning.title, text: v.warning.text, actions: [[v.warning.more_time, { type: 'more_time' }, 'primary']] }
    : v.confirm_cancel
      ? { kind: 'cancel', title: v.confirm_cancel.title, text: '', actions: [[v.confirm_cancel.no, { type: 'keep_going' }, 'primary'], [v.confirm_cancel.yes, { type: 'confirm_cancel' }, 'secondary']] }
      : null;
  const wasOpen = !dialog.hidden && dialog.dataset.kind === (d && d.kind);
  const wasHidden = dialog.hidden;
  dialog.hidden = !d;
  $('kiosk').inert = Boolean(d);
  if (!d) {
    dialog.dataset.kind = '';
    if (!wasHidden && state.returnFocus && state.returnFocus.isConnected) state.returnFocus.focus();
    return;
  }
  if (wasHidden) state.returnFocus = document.activeElement;
  $('dialog-title').textContent = d.title;
  $('dialog-text').textContent = d.text;
  if (wasOpen) return; // only the countdown changed
  dialog.dataset.kind = d.kind;
  $('dialog-actions').replaceChildren(...d.actions.map(([label, action, variant]) =>
    button(label, () => act(action), variant, { 'data-action': action.type })));
  $('dialog-actions').firstChild.focus();
}

async function poll() {
  const acts = state.acts;
  try {
    const v = await engine.view();
    // A view fetched while an action went out is older than the action's answer: drop it.
    const stale = acts !== state.acts;
    // Redraw when the engine moved on, a warning counts down, or the screen's content changed
    // (a card reader came or went); typed values are not part of the view, so nothing typed is lost.
    if (!stale && !state.busy && (!state.view || v.seq !== state.view.seq || v.warning || screenKey(v) !== state.key)) draw(v);
    $('transport-error').hidden = true;
  } catch (e) {
    showTransportError(e.code || 'api.unreachable');
  }
}

/** Typing shows the visitor is there: tell the engine, at most every 15 s. */
function stillHere() {
  const now = Date.now();
  if (!state.view || state.view.screen === 'welcome' || now - state.lastPing < 15000) return;
  state.lastPing = now;
  engine.act({ type: 'more_time' }).catch(() => {});
}

function wire() {
  $('nav-back').addEventListener('click', () => act({ type: 'back', answers: ctx.collect ? ctx.collect() : {} }));
  $('nav-cancel').addEventListener('click', () => act({ type: 'cancel' }));
  $('contrast').addEventListener('click', () => act({ type: 'high_contrast', on: !state.view.high_contrast }));
  $('call-staff').addEventListener('click', () => act({ type: 'call_staff' }));
  $('low-position').addEventListener('click', () => act({ type: 'low_position', on: !state.view.low_position }));
  wireSign();
  wireVoice({
    act,
    view: () => state.view,
    text: (id) => ((state.texts[state.view && state.view.locale] || {})[id]) || '',
  });
  $('repeat').addEventListener('click', () => act({ type: 'repeat' }));
  $('help').addEventListener('click', () => act({ type: 'help' }));
  const volume = (d) => act({ type: 'volume', level: Math.max(10, Math.min(100, state.view.controls.speech.volume + d)) });
  $('volume-down').addEventListener('click', () => volume(-10));
  $('volume-up').addEventListener('click', () => volume(10));
  document.addEventListener('keydown', (e) => {
    stillHere();
    // A kiosk: no reload, no find bar, no print dialog, no zoom keys, no devtools.
    if ((e.ctrlKey || e.metaKey || e.altKey) && !['Shift'].includes(e.key)) e.preventDefault();
    if (['F5', 'F11', 'F12', 'F3', 'F7'].includes(e.key)) e.preventDefault();
    // The keypad's help (?), repeat (*) and call-staff (#) keys; F1/F2 on a keyboard.
    const assist = { '?': 'help', F1: 'help', F2: 'repeat', '#': 'call_staff' }[e.key];
    const typing = e.target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(e.target.type);
    if (assist && state.view && !(typing && e.key.length === 1)) {
      e.preventDefault();
      act({ type: assist });
      return;
    }
    if (e.key === 'Escape' && isFull()) {
      e.preventDefault();
      exitFull();
      return;
    }
    if (e.key === 'Escape' && state.view) {
      e.preventDefault();
      if (state.view.confirm_cancel) act({ type: 'keep_going' });
      else if (state.view.warning) act({ type: 'more_time' });
      else if (state.view.nav.back) $('nav-back').click();
    }
  });
  document.addEventListener('pointerdown', stillHere);
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  document.addEventListener('dragstart', (e) => e.preventDefault());
  window.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
}

async function boot() {
  wire();
  const locales = ['ko', 'ko-easy', 'en', 'zh-CN', 'vi'];
  await Promise.all(locales.map(async (l) => {
    try { state.texts[l] = await engine.texts(l); } catch { /* shown when needed */ }
  }));
  await poll();
  setInterval(poll, 1000);
}

boot();
