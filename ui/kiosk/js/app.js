// The kiosk front end: draws the engine's view, sends the visitor's actions, nothing more.
// Every text comes from the engine (Fluent); errors arrive as codes and are looked up in its texts.
import * as engine from './transport.js';
import { el, button } from './dom.js';
import { drawSign, wireSign, isFull, exitFull } from './sign.js';
import { wireVoice, announcement } from './voice.js';
import { fit, reveal, reset, wirePager } from './pager.js';
import { drawRadios, wireRadioGroup } from './radios.js';
import { drawKeyboard, wireKeyboard } from './keyboard.js';
import * as welcome from './screens/welcome.js';
import * as service from './screens/service.js';
import * as identify from './screens/identify.js';
import * as step from './screens/step.js';
import * as review from './screens/review.js';
import * as submitting from './screens/submitting.js';
import * as receipt from './screens/receipt.js';
import * as documentKey from './screens/document_key.js';
import * as reading from './screens/reading.js';

const screens = { welcome, service, identify, step, review, submitting, receipt, document_key: documentKey, reading };
const $ = (id) => document.getElementById(id);

/** How long a new screen (or dialog) ignores touches and select keys: a trembling double tap counts once. */
export const SETTLE_MS = 500;

// `acts` counts the actions sent: a poll that was already on its way when an action went out
// carries an older view and must not draw over the newer one.
const state = { view: null, key: null, texts: {}, busy: false, lastPing: 0, acts: 0, layout: '' };
// `seq` counts the screens shown; a tap belongs to the screen it began on.
const settle = { seq: 0, shownAt: 0, downSeq: -1 };
const ctx = { act, collect: null, text, reveal, drawSizes: (group, v) => drawSizes(group, v, 'welcome-size'), wireRadioGroup };

/** A kiosk text by its Fluent id, in the visitor's language. */
function text(id) {
  const locale = (state.view && state.view.locale) || 'ko';
  return (state.texts[locale] || {})[id] || (state.texts.ko || {})[id] || '';
}

/** Error code → Fluent id, as the engine names them: `outbox.disk-full` → `errors-outbox-disk-full`. */
const errorId = (code) => `errors-${code.replace(/\./g, '-')}`;

function showTransportError(code) {
  const box = $('transport-error');
  box.textContent = text(errorId(code)) || text('errors-api-unreachable') || code;
  box.dataset.code = code;
  box.hidden = false;
}

const voiceOn = () => Boolean(state.view && state.view.voice_mode);
const announce = (e) => voiceOn() && e && e !== document.body && act(announcement(e, text));

// Actions that change a control's state in place: in voice mode the control is said again, with its new state.
const IN_PLACE = new Set(['text_size', 'speech_rate', 'volume', 'high_contrast', 'low_position']);

/** One action at a time: a second activation while one is on its way is ignored. */
async function act(action) {
  if (state.busy) return;
  state.busy = true;
  state.acts += 1;
  // Tests (and the benchmark) wait for `settled` before the next touch, as a visitor waits for the screen.
  document.documentElement.dataset.settled = 'no';
  // For the touch-to-paint benchmark (tests/browser/bench-paint.mjs).
  performance.mark('minwon-act');
  const focused = document.activeElement && document.activeElement.id;
  try {
    const moved = draw(await engine.act(action));
    $('transport-error').hidden = true;
    if (!moved && focused) restoreFocus(focused);
    state.busy = false;
    if (!moved && IN_PLACE.has(action.type)) announce(document.activeElement);
  } catch (e) {
    showTransportError(e.code || 'api.unreachable');
  } finally {
    state.busy = false;
    if (!settling()) document.documentElement.dataset.settled = 'yes';
  }
}

/**
 * A key typed into a box (the on-screen keyboard, or the keypad in voice mode): sent at once,
 * never dropped as a second activation of a control is (the callers queue keys), and its answer
 * drawn like any view.
 */
async function sendKey(action) {
  state.acts += 1;
  try {
    const v = await engine.act(action);
    draw(v);
    $('transport-error').hidden = true;
    return v;
  } catch (e) {
    showTransportError(e.code || 'api.unreachable');
    return null;
  }
}

/** Focus survives a redraw: the control with the same id gets it back. */
function restoreFocus(id) {
  const now = document.activeElement;
  if (now && now.id === id && now.isConnected) return;
  const again = document.getElementById(id);
  if (again && !again.closest('[hidden]')) again.focus({ preventScroll: true });
}

function screenKey(v) {
  return JSON.stringify([v.screen, v.locale, v.title, v.body, v.nav]);
}

/** A new screen: touches and select keys wait a moment before they count. */
function settleNow() {
  settle.seq += 1;
  settle.shownAt = performance.now();
  const seq = settle.seq;
  document.documentElement.dataset.settled = 'no';
  setTimeout(() => { if (settle.seq === seq) document.documentElement.dataset.settled = 'yes'; }, SETTLE_MS);
}
const settling = () => performance.now() - settle.shownAt < SETTLE_MS;

/**
 * Low position: what is read and not pressed (the header, the question and its words, the
 * captions) goes to the upper part of the screen, out of reach but in view; everything else stays
 * below. A comment marks where each came from, so that it goes back in place (typed text and all).
 */
const landscape = matchMedia('(orientation: landscape)');

function placeTop(low) {
  const top = $('top');
  const walker = document.createTreeWalker($('kiosk'), NodeFilter.SHOW_COMMENT);
  const marks = [];
  while (walker.nextNode()) if (walker.currentNode.data.startsWith('top:')) marks.push(walker.currentNode);
  for (const mark of marks) {
    const moved = [...top.children].find((e) => e.dataset.topId === mark.data.slice(4));
    if (moved) mark.replaceWith(moved);
    else mark.remove();
  }
  top.replaceChildren(); // what is left belonged to a screen that is gone
  top.hidden = !low;
  if (!low) return;
  // In landscape the captions stay in the signer's column, below the upper part (see kiosk.css).
  const captions = landscape.matches ? [] : [$('caption')];
  const parts = [$('header'), ...$('screen').querySelectorAll('#screen-title, [data-read]'), ...captions];
  const placed = parts.map((part, i) => {
    const mark = document.createComment(`top:${i}`);
    part.dataset.topId = String(i);
    part.replaceWith(mark);
    top.append(part);
    return mark;
  });
  // What does not fit up there goes back down, the last first (the captions give way before); a
  // part marked `data-read="first"` (the receipt's number) is the last to go.
  const order = [...parts.keys()].slice(1, parts.length - captions.length).reverse();
  order.sort((a, b) => (parts[a].dataset.read === 'first') - (parts[b].dataset.read === 'first'));
  const down = [];
  for (const i of order) {
    if (top.scrollHeight <= top.clientHeight + 1) break;
    placed[i].replaceWith(parts[i]);
    down.unshift(i);
  }
  // Then what fits in the room left goes back up, the receipt's number first (it may have gone
  // down only because the heading above it did not fit beside it).
  down.sort((a, b) => (parts[b].dataset.read === 'first') - (parts[a].dataset.read === 'first'));
  for (const i of down) {
    const mark = document.createComment(`top:${i}`);
    parts[i].replaceWith(mark);
    top.insertBefore(parts[i], [...top.children].find((e) => Number(e.dataset.topId) > i) || null);
    if (top.scrollHeight > top.clientHeight + 1) mark.replaceWith(parts[i]);
    else placed[i] = mark;
  }
}

/** Draws a view; true when the screen changed. */
function draw(v) {
  state.view = v;
  const root = document.documentElement;
  const layout = `${v.text_size}/${v.low_position}`;
  root.lang = v.lang;
  root.dataset.textSize = v.text_size;
  root.classList.toggle('kiosk-contrast', v.high_contrast);
  root.classList.toggle('kiosk-low', v.low_position);
  drawControls(v);
  drawDialog(v);
  const key = screenKey(v);
  if (key === state.key) {
    if (layout !== state.layout) {
      state.layout = layout;
      placeTop(v.low_position);
      clampCaption();
      fit();
      clampCaption();
    }
    return false;
  }
  state.key = key;
  state.layout = layout;
  ctx.collect = null;
  ctx.primary = null;
  settleNow();
  closeSettings(false);
  const main = $('main');
  const heading = el('h1', { class: 'kiosk-title', id: 'screen-title', tabindex: '-1', text: v.title });
  const body = screens[v.screen].render(v, ctx);
  $('screen').replaceChildren(heading, body);
  main.dataset.screen = v.screen;
  document.title = v.title;
  drawNav(v);
  // On a screen to type on, the page shown first is the one with the box the keyboard types into.
  const typingInto = drawKeyboard(v);
  placeTop(v.low_position);
  clampCaption();
  reset();
  fit(typingInto);
  // A picture takes its room once loaded: cut the pages again then.
  for (const img of $('screen').querySelectorAll('img')) {
    if (!img.complete) img.addEventListener('load', () => fit(), { once: true });
  }
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('minwon-painted')));
  if (!v.warning && !v.confirm_cancel) {
    // Voice mode starts on the question (the engine is saying it); by sight, on the first thing to fill in.
    const first = !v.voice_mode && (v.screen === 'step' || v.screen === 'document_key') && step.initialFocus(main);
    (first && !first.closest('[hidden]') ? first : heading).focus({ preventScroll: true });
  }
  return true;
}

function drawNav(v) {
  const set = (id, label) => {
    const b = $(id);
    b.hidden = !label;
    b.textContent = label || '';
  };
  // A screen's own primary action (send, finish) sits where "next" always is.
  const next = ctx.primary ? ctx.primary.label : v.nav.next;
  set('nav-back', v.nav.back);
  set('nav-next', next);
  set('nav-cancel', v.nav.cancel);
  if (ctx.primary) $('nav-next').dataset.action = ctx.primary.action.type;
  else delete $('nav-next').dataset.action;
  $('nav').hidden = !v.nav.back && !next && !v.nav.cancel;
}

function drawSizes(group, v, prefix) {
  drawRadios(group, v.controls.text_sizes, (s) => `${prefix}-${s.id}`, (s) => act({ type: 'text_size', size: s.id }), 'size');
}

function drawControls(v) {
  $('app-name').textContent = text('kiosk-app-name');
  $('guide').setAttribute('aria-label', text('kiosk-region-guide'));
  $('top').setAttribute('aria-label', text('kiosk-region-question'));
  $('nav').setAttribute('aria-label', text('kiosk-region-nav'));
  $('assist').setAttribute('aria-label', text('kiosk-region-assist'));
  $('pager-more').textContent = text('kiosk-pager-more');
  $('pager-back').textContent = text('kiosk-pager-back');
  $('text-size-label').textContent = v.controls.text_size;
  drawSizes($('text-sizes'), v, 'size');
  if ($('welcome-sizes')) drawSizes($('welcome-sizes'), v, 'welcome-size');
  const contrast = $('contrast');
  contrast.textContent = v.controls.contrast;
  contrast.setAttribute('aria-pressed', v.high_contrast ? 'true' : 'false');
  $('low-position').textContent = v.controls.low_position;
  $('low-position').setAttribute('aria-pressed', v.low_position ? 'true' : 'false');
  const sp = v.controls.speech;
  $('call-staff').textContent = v.controls.call_staff;
  $('repeat').textContent = sp.repeat;
  $('help').textContent = sp.help;
  $('settings-open').textContent = text('kiosk-settings');
  $('settings-title').textContent = text('kiosk-settings-title');
  $('settings-close').textContent = text('kiosk-settings-close');
  $('rate-label').textContent = sp.label;
  drawRadios($('rates'), sp.rates, (r) => `rate-${r.id}`, (r) => act({ type: 'speech_rate', rate: r.id }), 'rate');
  $('volume').textContent = sp.volume_label;
  $('volume-down').textContent = sp.quieter;
  $('volume-up').textContent = sp.louder;
  drawCaption(v.guidance.caption);
  drawSign(v);
  $('staff-called').hidden = !v.staff_called;
  $('staff-called').textContent = v.staff_called || '';
  $('device-notice').hidden = !v.device_notice;
  $('device-notice').textContent = v.device_notice || '';
}

/** The captions, cut to the whole lines the panel has room for (never a half line, never scrolled). */
function drawCaption(words) {
  const caption = $('caption');
  if (caption.textContent !== words) caption.textContent = words;
  clampCaption();
}

function clampCaption() {
  const caption = $('caption');
  caption.style.maxHeight = '';
  const style = getComputedStyle(caption);
  const line = parseFloat(style.lineHeight);
  const top = parseFloat(style.paddingTop) || 0;
  if (!line || caption.scrollHeight <= caption.clientHeight + 1) return;
  const lines = Math.max(1, Math.floor((caption.clientHeight - top) / line));
  caption.style.maxHeight = `${top + lines * line}px`;
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
  $('kiosk').inert = Boolean(d) || !$('settings').hidden;
  if (!d) {
    dialog.dataset.kind = '';
    if (!wasHidden && state.returnFocus && state.returnFocus.isConnected) state.returnFocus.focus();
    return;
  }
  if (wasHidden) state.returnFocus = document.activeElement;
  $('dialog-title').textContent = d.title;
  $('dialog-text').textContent = d.text;
  if (wasOpen) return; // only the countdown changed
  settleNow();
  dialog.dataset.kind = d.kind;
  $('dialog-actions').replaceChildren(...d.actions.map(([label, action, variant]) =>
    button(label, () => act(action), variant, { 'data-action': action.type, id: `dialog-${action.type.replace(/_/g, '-')}` })));
  $('dialog-actions').firstChild.focus();
}

/** The sheet of text size, contrast and speech: a client-side dialog over the screen. */
function openSettings() {
  if (!$('settings').hidden) return;
  settleNow();
  $('settings').hidden = false;
  $('kiosk').inert = true;
  const chosen = $('text-sizes').querySelector('[aria-checked="true"]') || $('settings-close');
  chosen.focus();
  announce(document.activeElement);
}

function closeSettings(back = true) {
  if ($('settings').hidden) return;
  $('settings').hidden = true;
  $('kiosk').inert = !$('dialog').hidden;
  if (back) {
    $('settings-open').focus();
    announce($('settings-open'));
  }
}

async function poll() {
  const acts = state.acts;
  try {
    const v = await engine.view();
    // A view fetched while an action went out is older than the action's answer: drop it.
    const stale = acts !== state.acts;
    // Redraw when the engine moved on, a warning counts down, or the screen's content changed
    // (a card reader came or went); typed values are not part of the view, so nothing typed is lost.
    if (!stale && !state.busy && (!state.view || v.seq !== state.view.seq || v.warning || screenKey(v) !== state.key)) {
      const focused = document.activeElement && document.activeElement.id;
      if (!draw(v) && focused) restoreFocus(focused);
    }
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

const CONTROLS = 'button, a, input, label, select, textarea, [role="dialog"], [role="alertdialog"]';
// Keys that never start a visit from the welcome: moving, the assistance keys, voice mode's hold key.
const NOT_START = new Set(['Tab', 'Shift', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', '*', '#', '?', 'F1', 'F2', 'Escape', 'Control', 'Alt', 'Meta']);

/** The settle rule, ahead of every other listener: a tap counts on the screen it began on, once that screen has settled. */
function wireSettle() {
  const block = (e) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  document.addEventListener('pointerdown', (e) => {
    settle.downSeq = settle.seq;
    if (settling()) block(e);
  }, true);
  document.addEventListener('click', (e) => {
    // A click the page made itself (voice mode's keys, an error summary's link) has no pointer.
    if (!e.isTrusted || e.detail === 0) return;
    if (settling() || settle.downSeq !== settle.seq) block(e);
  }, true);
  document.addEventListener('keydown', (e) => {
    if (['Enter', ' '].includes(e.key) && settling()) block(e);
  }, true);
}

function wire() {
  wireSettle();
  wireKeyboard(sendKey);
  $('nav-back').addEventListener('click', () => act({ type: 'back', answers: ctx.collect ? ctx.collect() : {} }));
  $('nav-cancel').addEventListener('click', () => act({ type: 'cancel' }));
  $('nav-next').addEventListener('click', (e) => {
    if (!ctx.primary) return; // a step's form is submitted
    e.preventDefault();
    act(ctx.primary.action);
  });
  $('contrast').addEventListener('click', () => act({ type: 'high_contrast', on: !state.view.high_contrast }));
  $('call-staff').addEventListener('click', () => act({ type: 'call_staff' }));
  $('low-position').addEventListener('click', () => act({ type: 'low_position', on: !state.view.low_position }));
  $('settings-open').addEventListener('click', openSettings);
  $('settings-close').addEventListener('click', () => closeSettings());
  wireRadioGroup($('text-sizes'));
  wireRadioGroup($('rates'));
  wireSign();
  wirePager((page, pages) => voiceOn() && act({ type: 'announce', text: `${page} / ${pages} ${text('kiosk-pager-page')}` }));
  wireVoice({ act, key: sendKey, view: () => state.view, text });
  $('repeat').addEventListener('click', () => act({ type: 'repeat' }));
  $('help').addEventListener('click', () => act({ type: 'help' }));
  const volume = (d) => act({ type: 'volume', level: Math.max(10, Math.min(100, state.view.controls.speech.volume + d)) });
  $('volume-down').addEventListener('click', () => volume(-10));
  $('volume-up').addEventListener('click', () => volume(10));
  // The welcome starts on a touch anywhere that is not a control of its own.
  document.addEventListener('click', (e) => {
    if (state.view && state.view.screen === 'welcome' && !e.target.closest(CONTROLS) && $('dialog').hidden && $('settings').hidden) {
      act({ type: 'start' });
    }
  });
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
    if (e.key === 'Escape' && !$('settings').hidden) {
      e.preventDefault();
      closeSettings();
      return;
    }
    if (e.key === 'Escape' && state.view) {
      e.preventDefault();
      if (state.view.confirm_cancel) act({ type: 'keep_going' });
      else if (state.view.warning) act({ type: 'more_time' });
      else if (state.view.nav.back) $('nav-back').click();
      return;
    }
    // The welcome starts on any key, as it says (a key on one of its own controls works that control).
    const onControl = e.target instanceof Element && e.target.closest(CONTROLS);
    if (state.view && state.view.screen === 'welcome' && !onControl && !NOT_START.has(e.key) && $('dialog').hidden && !e.repeat) {
      e.preventDefault();
      act({ type: 'start' });
    }
  });
  document.addEventListener('pointerdown', stillHere);
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  document.addEventListener('dragstart', (e) => e.preventDefault());
  window.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
  // A change of orientation or window size cuts the pages again.
  window.addEventListener('resize', () => {
    if (state.view) placeTop(state.view.low_position);
    fit();
    clampCaption();
  });
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
