// The on-screen keyboards: drawn from the view's keys for the box in use, each key sent to the
// engine (which composes Hangul in core) and its answer written back into the box. Nothing is
// composed here. The box in use is the one last touched or focused, else the screen's first.
import { el } from './dom.js';
import { reveal } from './pager.js';
import { showAddresses } from './address.js';

const $ = (id) => document.getElementById(id);
const kb = { view: null, boxes: [], box: null, layout: null, shift: false, queue: Promise.resolve(), send: null };

/** The boxes of the screen's fields, in order, with their keyboards. */
function boxesOf(v) {
  const fields = v.body && Array.isArray(v.body.fields) ? v.body.fields : [];
  return fields.flatMap((f) => (f.boxes || []).map((b) => ({ ...b, field: f.id })));
}

function keyButton(key, label, name, onPress, extra = {}) {
  // The name a screen reader says holds what the key shows (ㄱ 기역), as WCAG 2.5.3 asks.
  const spoken = name && name !== label ? `${label} ${name}` : label;
  const b = el('button', {
    type: 'button', class: 'kiosk-key', id: key, 'aria-label': spoken, ...extra,
  }, label);
  // A key types on the touch's release, once; holding it does not repeat. It never takes the
  // focus from the box, so the box keeps its caret.
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', onPress);
  return b;
}

function draw() {
  const root = $('keyboard');
  const v = kb.view;
  const box = kb.box && kb.boxes.find((b) => b.input === kb.box);
  if (!v || !v.keyboard || !box) {
    root.hidden = true;
    root.replaceChildren();
    document.documentElement.classList.remove('kiosk-typing');
    return;
  }
  if (!box.layouts.includes(kb.layout)) kb.layout = box.layouts[0];
  const layout = v.keyboard.layouts.find((l) => l.layout === kb.layout);
  root.hidden = false;
  root.setAttribute('aria-label', v.keyboard.name);
  root.dataset.layout = kb.layout;
  root.dataset.input = box.input;
  document.documentElement.classList.add('kiosk-typing');
  const rows = layout.rows.map((row) => el('div', { class: 'kiosk-keyboard__row' },
    row.map((k) => {
      const shifted = kb.shift && k.shifted;
      return keyButton(k.id, shifted ? k.shifted_label : k.label, shifted ? '' : k.name,
        () => type(shifted ? k.shifted : k.press), { 'data-key': k.label });
    })));
  const last = [];
  // The other keyboards this box takes, by name.
  for (const other of v.keyboard.layouts.filter((l) => box.layouts.includes(l.layout) && l.layout !== kb.layout)) {
    last.push(keyButton(`key-switch-${other.layout}`, other.label, other.switch_name, () => {
      kb.layout = other.layout;
      kb.shift = false;
      draw();
    }, { 'data-switch': other.layout }));
  }
  if (layout.rows.some((r) => r.some((k) => k.shifted))) {
    last.push(keyButton('key-shift', v.keyboard.shift, v.keyboard.shift, () => {
      kb.shift = !kb.shift;
      draw();
      $('key-shift').focus({ preventScroll: true });
    }, { 'aria-pressed': kb.shift ? 'true' : 'false' }));
  }
  for (const s of layout.specials) {
    const label = s.press === 'space' ? v.keyboard.space : v.keyboard.backspace;
    last.push(keyButton(s.id, label, label, () => type(s.press), { 'data-special': s.press }));
  }
  if (kb.layout === 'digits' && rows.length) {
    // As on a phone's pad: the other keyboards left of 0, erase right of it, one row saved.
    const zero = rows.pop();
    const switches = last.filter((b) => b.dataset.switch);
    rows.push(el('div', { class: 'kiosk-keyboard__row kiosk-keyboard__row--last' },
      [...switches, ...zero.children, ...last.filter((b) => !b.dataset.switch)]));
  } else {
    rows.push(el('div', { class: 'kiosk-keyboard__row kiosk-keyboard__row--last' }, last));
  }
  const focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement.id : null;
  root.replaceChildren(el('p', { class: 'kiosk-keyboard__refused', id: 'keyboard-refused', role: 'status' }), ...rows);
  if (focused && $(focused)) $(focused).focus({ preventScroll: true });
  for (const b of kb.boxes) {
    const input = $(b.input);
    if (input) input.classList.toggle('kiosk-input--typing', b.input === box.input);
  }
}

/** Sends a key for the box in use; keys go one after another, none lost, none twice. */
function type(press) {
  const input = $(kb.box);
  if (!input) return;
  // The box typed into is always in view (the visitor may have turned to the hint's page).
  if (input.closest('[hidden]')) reveal(input);
  const wasShift = kb.shift;
  kb.queue = kb.queue.then(async () => {
    const target = $(kb.box);
    if (!target) return;
    const answer = await kb.send({ type: 'key', input: target.id, value: target.value, key: press });
    const typed = answer && answer.typed;
    if (!typed || typed.input !== target.id) return;
    target.value = typed.value;
    $('keyboard-refused').textContent = typed.refused ? typed.refused.text : '';
    if (answer.addresses) showAddresses(answer.addresses);
    // A box full of what it takes moves on to the next box of its field (a date's month, the
    // resident number's back digits).
    const box = kb.boxes.find((b) => b.input === target.id);
    if (!typed.refused && box && box.limit && [...typed.value].length >= box.limit) {
      const next = kb.boxes[kb.boxes.indexOf(box) + 1];
      if (next && next.field === box.field) use(next.input);
    }
  });
  // Shift is for one key, as on a phone.
  if (wasShift && typeof press === 'object') {
    kb.shift = false;
    draw();
  }
}

/** Makes `input` the box the keyboard types into. */
function use(id) {
  if (kb.box === id) return;
  kb.box = id;
  kb.shift = false;
  draw();
}

/** Draws the keyboard for a new screen: its first box in use (returned, or null). */
export function drawKeyboard(v) {
  kb.view = v;
  kb.boxes = v.keyboard ? boxesOf(v) : [];
  kb.box = kb.boxes.length ? kb.boxes[0].input : null;
  kb.layout = kb.boxes.length ? kb.boxes[0].layouts[0] : null;
  for (const b of kb.boxes) {
    const input = $(b.input);
    // The kiosk's own keyboard, never the system's.
    if (input) input.setAttribute('inputmode', 'none');
  }
  draw();
  return kb.box ? $(kb.box) : null;
}

/** `send(action)` delivers a key to the engine and resolves to its answer (the view). */
export function wireKeyboard(send) {
  kb.send = send;
  document.addEventListener('focusin', (e) => {
    const b = kb.boxes.find((x) => x.input === e.target.id);
    if (b) use(b.input);
  });
}
