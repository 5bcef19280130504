// Form fields: one renderer and one reader per field kind. Labels always visible,
// hints and errors tied to the input with aria-describedby (GOV.UK's pattern).
import { el } from './dom.js';

const ids = (f) => ({ input: `f-${f.id}`, error: `f-${f.id}-error`, prov: `f-${f.id}-prov`, hint: `f-${f.id}-hint` });

function describedBy(f) {
  const i = ids(f);
  return [f.hint ? i.hint : null, f.error ? i.error : null, f.provenance_text ? i.prov : null]
    .filter(Boolean).join(' ') || null;
}

function textInput(f, extra = {}) {
  const value = typeof f.value === 'string' ? f.value : '';
  return el('input', {
    class: 'kiosk-input', id: ids(f).input, name: f.id, value, autocomplete: 'off', spellcheck: 'false',
    maxlength: f.max_length || null, 'aria-describedby': describedBy(f), 'aria-invalid': f.error ? 'true' : null,
    'aria-required': f.required ? 'true' : null, ...extra,
  });
}

function part(f, p, value, attrs) {
  const id = `${ids(f).input}-${p.id}`;
  return el('div', { class: `kiosk-part kiosk-part--${p.id}` },
    el('label', { class: 'kiosk-part__label', for: id, text: p.label }),
    el('input', { class: 'kiosk-input', id, name: `${f.id}.${p.id}`, value: value || '', autocomplete: 'off', ...attrs }));
}

function options(f, type, checked) {
  return el('div', { class: 'kiosk-options' },
    f.choices.map((c) => {
      const id = `${ids(f).input}-${c.id}`;
      return el('label', { class: 'kiosk-option', for: id },
        el('input', { type, id, name: f.id, value: c.id, checked: checked(c) }),
        el('span', { class: 'kiosk-option__text', text: c.label }));
    }));
}

/**
 * A resident registration number: the first six digits in one box, the back seven in a second
 * one shown as ● until the visitor touches "show". Typing all thirteen in the first box carries
 * the rest over (and the focus with it).
 */
function maskedNumber(f) {
  const digits = (typeof f.value === 'string' ? f.value : '').replace(/\D/g, '');
  const front = textInput(f, { value: digits.slice(0, 6), inputmode: 'numeric', class: 'kiosk-input kiosk-input--front' });
  front.removeAttribute('maxlength');
  const back = el('input', {
    class: 'kiosk-input', id: `${ids(f).input}-back`, name: `${f.id}.back`, type: 'password', value: digits.slice(6),
    inputmode: 'numeric', maxlength: 7, autocomplete: 'off', 'aria-label': `${f.label}: ${f.masked.back}`,
    'aria-describedby': describedBy(f), 'aria-invalid': f.error ? 'true' : null,
  });
  front.addEventListener('input', () => {
    const d = front.value.replace(/\D/g, '');
    if (d.length > 6) {
      back.value = (d.slice(6) + back.value).slice(0, 7);
      back.focus();
    }
    if (front.value !== d.slice(0, 6)) front.value = d.slice(0, 6);
  });
  back.addEventListener('input', () => { back.value = back.value.replace(/\D/g, '').slice(0, 7); });
  const show = el('button', { type: 'button', class: 'kiosk-button kiosk-button--toggle', id: `${ids(f).input}-show`, 'aria-pressed': 'false', text: f.masked.show });
  show.addEventListener('click', () => {
    const shown = back.type === 'password';
    back.type = shown ? 'text' : 'password';
    show.setAttribute('aria-pressed', shown ? 'true' : 'false');
    show.textContent = shown ? f.masked.hide : f.masked.show;
  });
  return el('div', { class: 'kiosk-masked' }, front, el('span', { class: 'kiosk-masked__dash', 'aria-hidden': 'true', text: '–' }), back, show);
}

const renderers = {
  text: (f) => (f.masked ? maskedNumber(f) : textInput(f)),
  number: (f) => textInput(f, { inputmode: 'numeric' }),
  phone: (f) => textInput(f, { type: 'tel', inputmode: 'tel' }),
  date: (f) => {
    const [y, m, d] = typeof f.value === 'string' ? f.value.split('-') : [];
    const [py, pm, pd] = f.parts;
    return el('div', { class: 'kiosk-parts kiosk-parts--date' },
      part(f, py, y, { inputmode: 'numeric', maxlength: 4, class: 'kiosk-input kiosk-input--4' }),
      part(f, pm, m, { inputmode: 'numeric', maxlength: 2, class: 'kiosk-input kiosk-input--2' }),
      part(f, pd, d, { inputmode: 'numeric', maxlength: 2, class: 'kiosk-input kiosk-input--2' }));
  },
  address: (f) => {
    const v = f.value && typeof f.value === 'object' ? f.value : {};
    const [search, pc, l1, l2] = f.parts;
    return el('div', { class: 'kiosk-parts kiosk-parts--address' },
      // Found by searching the road-name address book (js/address.js), or typed below.
      part(f, search, '', { maxlength: 40, class: 'kiosk-input kiosk-input--search' }),
      el('div', { class: 'kiosk-address-found', id: `${ids(f).input}-found`, hidden: true }),
      part(f, pc, v.postcode, { inputmode: 'numeric', maxlength: 5, class: 'kiosk-input kiosk-input--5' }),
      part(f, l1, v.line1, { maxlength: 200 }),
      part(f, l2, v.line2, { maxlength: 200 }));
  },
  single_choice: (f) => options(f, 'radio', (c) => c.selected),
  multiple_choice: (f) => options(f, 'checkbox', (c) => c.selected),
  consent: (f) => {
    const id = ids(f).input;
    return el('label', { class: 'kiosk-option kiosk-option--consent', for: id },
      el('input', { type: 'checkbox', id, name: f.id, checked: f.value === true, 'aria-describedby': describedBy(f) }),
      el('span', { class: 'kiosk-option__text', text: f.parts[0].label }));
  },
  photo: (f) => {
    const choices = f.parts.map((p) => ({ id: p.id, label: p.label, selected: f.value === p.id }));
    const chip = f.parts.find((p) => p.id === 'document');
    return el('div', { class: 'kiosk-photo' },
      f.image && chip ? el('img', { class: 'kiosk-photo__face', src: f.image, alt: chip.label }) : null,
      options({ ...f, choices }, 'radio', (c) => c.selected));
  },
};

/** One field: label, the provenance tag, the error beside it, the input. */
export function renderField(f, single) {
  const i = ids(f);
  // A note is text to read: no box, nothing to answer.
  if (f.kind === 'note') {
    return el('div', { class: 'kiosk-field kiosk-field--note', 'data-field': f.id, 'data-kind': f.kind },
      el('p', { class: 'kiosk-note' }, f.label),
      f.hint ? el('p', { class: 'kiosk-field__hint', id: i.hint, text: f.hint }) : null);
  }
  const grouped = ['date', 'address', 'single_choice', 'multiple_choice', 'photo', 'consent'].includes(f.kind);
  const optional = f.optional_text ? el('span', { class: 'kiosk-label__optional', text: ` (${f.optional_text})` }) : null;
  const label = grouped
    ? el('legend', { class: single ? 'kiosk-label kiosk-visually-hidden' : 'kiosk-label' }, f.label, optional)
    // A lone box's label is read, not pressed: in low position it may stand in the upper part,
    // right above its box (app.js placeTop), to leave the box and the keyboard the lower part.
    : el('label', { class: 'kiosk-label', for: i.input, 'data-read': single ? '' : null }, f.label, optional);
  const wrapper = el(grouped ? 'fieldset' : 'div', {
    class: `kiosk-field kiosk-field--${f.kind}${f.error ? ' kiosk-field--error' : ''}`,
    'data-field': f.id, 'data-kind': f.kind,
    'aria-describedby': grouped ? describedBy(f) : null,
  },
  label,
  f.hint ? el('p', { class: 'kiosk-field__hint', id: i.hint, text: f.hint }) : null,
  f.provenance_text ? el('p', { class: `kiosk-tag kiosk-tag--${f.provenance}`, id: i.prov, text: f.provenance_text }) : null,
  f.error ? el('p', { class: 'kiosk-field__error', id: i.error, tabindex: '-1', 'data-code': f.error.code, text: f.error.text }) : null,
  renderers[f.kind](f));
  return wrapper;
}

const pad = (s, n) => (s.trim() === '' ? '' : s.trim().padStart(n, '0'));

/** Reads a field's answer back from the form, in the shape the engine takes (null: blank). */
export function readField(f, form) {
  const input = (name) => form.elements.namedItem(name);
  const val = (name) => (input(name) ? input(name).value : '');
  switch (f.kind) {
    case 'text': case 'number': case 'phone': {
      const v = f.masked && (val(f.id) || val(`${f.id}.back`)) ? `${val(f.id)}-${val(`${f.id}.back`)}` : val(f.id);
      return v.trim() === '' ? null : v;
    }
    case 'date': {
      const y = val(`${f.id}.year`).trim(), m = val(`${f.id}.month`), d = val(`${f.id}.day`);
      if (y === '' && m.trim() === '' && d.trim() === '') return null;
      return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    }
    case 'address': {
      const a = { postcode: val(`${f.id}.postcode`), line1: val(`${f.id}.line1`), line2: val(`${f.id}.line2`) };
      return Object.values(a).every((v) => v.trim() === '') ? null : a;
    }
    case 'single_choice': case 'photo': {
      const checked = form.querySelector(`input[name="${CSS.escape(f.id)}"]:checked`);
      return checked ? checked.value : null;
    }
    case 'multiple_choice':
      return [...form.querySelectorAll(`input[name="${CSS.escape(f.id)}"]:checked`)].map((i) => i.value);
    case 'consent':
      return Boolean(input(f.id) && input(f.id).checked);
    default:
      return null;
  }
}
