// Voice mode, for visitors who do not see the screen (EZ Access style): the keypad moves through the
// controls (up and down, wrapping at both ends), selects (the middle key), goes back (left), asks for
// help (?), repeats (*), calls staff (#); each control is said as the focus reaches it, and right
// does nothing (arrows move, only select chooses). Holding * for two seconds turns voice
// mode on or off. One key at a time: a second press of a key within half a second is ignored.
// In a box to type into, the number keys type (see typeWithPad), right ends a letter, left
// erases, select switches keyboards (한글, ABC, 123) and * reads the box back; up and down still
// move on, # still calls staff.
import { showAddresses } from './address.js';

const HOLD_MS = 2000;
const BOUNCE_MS = 500;
const KEYPAD = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', ' ', '?', '#', 'F1', 'F2', 'Escape']);
const voice = { held: {}, last: { key: '', at: 0 }, queue: Promise.resolve() };

function items() {
  const open = ['#dialog', '#settings'].find((d) => !document.querySelector(d).hidden);
  const scopes = open ? [open] : ['#top', '#main', '#guide', '#nav', '#assist'];
  const selector = 'h1, button, input:not([type="hidden"]), select, textarea, a[href]';
  return scopes.flatMap((s) => [...document.querySelectorAll(`${s} :is(${selector})`)])
    .filter((e) => !e.disabled && !e.closest('[hidden]') && e.getClientRects().length > 0)
    // A radio group is one stop per option, as on the screen.
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function labelOf(e) {
  if (e.id) {
    const l = document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
    if (l) return l.textContent.trim();
  }
  const wrapping = e.closest('label');
  if (wrapping) return wrapping.textContent.trim();
  const field = e.closest('fieldset');
  const legend = field && field.querySelector('legend');
  return (e.getAttribute('aria-label') || (legend && legend.textContent) || e.textContent || '').trim();
}

/** The words for a control: its label, what it is, and its state or value. */
export function describe(e, t) {
  if (e.tagName === 'H1') return e.textContent.trim();
  if (e.tagName === 'BUTTON') {
    const pressed = e.getAttribute('aria-pressed') ?? e.getAttribute('aria-checked');
    const state = pressed === 'true' ? `, ${t('kiosk-voice-selected')}` : '';
    return `${e.textContent.trim()}, ${t('kiosk-voice-button')}${state}`;
  }
  if (e.type === 'radio' || e.type === 'checkbox') {
    return `${labelOf(e)}, ${t(e.checked ? 'kiosk-voice-selected' : 'kiosk-voice-not-selected')}`;
  }
  if (e.tagName === 'A') return `${e.textContent.trim()}, ${t('kiosk-voice-link')}`;
  return `${labelOf(e)}, ${t('kiosk-voice-edit')}, ${e.value || t('kiosk-voice-empty')}`;
}

/** The action that says control `e`: its words, and its id for the engine's log (never the words). */
export function announcement(e, t) {
  const control = /^[a-z0-9-]{1,64}$/.test(e.id) ? e.id : undefined;
  return { type: 'announce', text: describe(e, t), control };
}

/** The box of the screen `e` is, if it is one (`f-…` text boxes the view lists). */
function boxOf(e, view) {
  if (!(e instanceof HTMLInputElement) || !view || !view.body || !Array.isArray(view.body.fields)) return null;
  return view.body.fields.flatMap((f) => f.boxes || []).find((b) => b.input === e.id) || null;
}

/**
 * Typing with the keypad in a box: the number keys type (digits, 천지인 or multi-tap, by the
 * box's first keyboard, composed by the engine), right ends a letter (again: a space), left
 * erases; each key's answer is written into the box. Keys go one after another, none lost.
 */
function typeWithPad(ctx, box, key, announce) {
  voice.queue = voice.queue.then(async () => {
    const input = document.getElementById(box.input);
    if (!input) return;
    const answer = await ctx.key({ type: 'keypad', input: input.id, value: input.value, key });
    const typed = answer && answer.typed;
    if (!typed || typed.input !== input.id) return;
    input.value = typed.value;
    if (answer.addresses) showAddresses(answer.addresses);
    // A box full of what it takes hands the key on to the next box of its field (a resident
    // number's back digits, a date's month), which is said as the focus reaches it.
    if (typed.refused && typed.refused.code === 'full' && typeof key === 'object') {
      const field = ctx.view().body.fields.find((f) => (f.boxes || []).some((b) => b.input === input.id));
      const boxes = field ? field.boxes : [];
      const next = boxes[boxes.findIndex((b) => b.input === input.id) + 1];
      const nextInput = next && document.getElementById(next.input);
      if (nextInput) {
        nextInput.focus();
        announce(nextInput);
        const again = await ctx.key({ type: 'keypad', input: nextInput.id, value: nextInput.value, key });
        if (again && again.typed && again.typed.input === nextInput.id) nextInput.value = again.typed.value;
      }
    }
  });
}

/** `ctx`: { act(action), key(action), view(), text(id) }. */
export function wireVoice(ctx) {
  const on = () => Boolean(ctx.view() && ctx.view().voice_mode);
  const announce = (e) => on() && e && ctx.act(announcement(e, ctx.text));
  const move = (step) => {
    const list = items();
    const at = list.indexOf(document.activeElement);
    const next = list[(at + step + list.length) % list.length] || list[0];
    if (next) {
      if (!next.hasAttribute('tabindex') && next.tagName === 'H1') next.setAttribute('tabindex', '-1');
      next.focus();
      announce(next);
    }
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === '*') {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (!e.repeat) voice.held['*'] = Date.now();
      return;
    }
    if (!on() || e.repeat) return;
    const box = boxOf(document.activeElement, ctx.view());
    if (box && (/^[0-9]$/.test(e.key) || ['ArrowRight', 'ArrowLeft', 'Enter'].includes(e.key))) {
      e.preventDefault();
      e.stopImmediatePropagation();
      const named = { ArrowRight: 'next', ArrowLeft: 'erase', Enter: 'switch' };
      typeWithPad(ctx, box, named[e.key] || { digit: e.key }, announce);
      return;
    }
    // The bounce rule is for the keypad's keys; typing "77" into a field is two presses of 7.
    if (!KEYPAD.has(e.key)) return;
    const now = Date.now();
    if (voice.last.key === e.key && now - voice.last.at < BOUNCE_MS) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
    voice.last = { key: e.key, at: now };
    const target = document.activeElement;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopImmediatePropagation();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'ArrowLeft' && !(target instanceof HTMLInputElement && target.type === 'text')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      // Back: out of the settings sheet, else the screen's own back (never from behind a dialog).
      const settings = document.getElementById('settings');
      const back = document.getElementById('nav-back');
      if (!settings.hidden) document.getElementById('settings-close').click();
      else if (document.getElementById('dialog').hidden && !back.hidden) back.click();
    } else if (e.key === 'ArrowRight') {
      // Arrows move, only select chooses: a radio would otherwise change its choice silently.
      if (!(target instanceof HTMLInputElement && target.type === 'text')) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    } else if (e.key === 'Enter' && target instanceof HTMLInputElement && ['radio', 'checkbox'].includes(target.type)) {
      // Select, never submit: the visitor hears the new state and moves on with the keys.
      e.preventDefault();
      e.stopImmediatePropagation();
      target.click();
      announce(target);
    }
  }, true);
  document.addEventListener('keyup', (e) => {
    if (e.key !== '*' || !voice.held['*']) return;
    const held = Date.now() - voice.held['*'];
    voice.held['*'] = 0;
    e.preventDefault();
    if (held >= HOLD_MS) ctx.act({ type: 'voice_mode', on: !on() });
    // In a box, * reads back what is in it; elsewhere it says the screen again.
    else if (on() && boxOf(document.activeElement, ctx.view())) announce(document.activeElement);
    else ctx.act({ type: 'repeat' });
  }, true);
}
