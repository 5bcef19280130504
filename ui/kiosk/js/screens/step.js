// A form step: one question per screen, the step counter, the error summary linking to each field.
import { el, button, sentences } from '../dom.js';
import { renderField, readField } from '../fields.js';

export function render(view, ctx) {
  const b = view.body;
  const single = b.fields.length === 1;
  const form = el('form', { id: 'step-form', class: 'kiosk-step', novalidate: true, autocomplete: 'off' });
  const read = () => Object.fromEntries(b.fields.map((f) => [f.id, readField(f, form)]));
  ctx.collect = read;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.act({ type: 'next', answers: read() });
  });
  // One question with one answer to pick: a touch on it is the answer, and the visitor goes on (one
  // touch, not two). Not with keys (arrows move through the choices; select or next goes on), and
  // not in voice mode (select chooses, the choice is said, and he goes on when he wants).
  if (single && b.fields[0].kind === 'single_choice' && !view.voice_mode) {
    let touched = false;
    form.addEventListener('pointerdown', () => { touched = true; });
    form.addEventListener('keydown', () => { touched = false; });
    form.addEventListener('change', () => {
      if (touched) ctx.act({ type: 'next', answers: read() });
    });
    form.dataset.advance = 'on-choice';
  }
  const errors = b.fields.filter((f) => f.error);
  // One question on the screen: its own message, beside it, is the summary (said first, focused).
  form.append(...[
    errors.length && !single ? el('div', { class: 'kiosk-error-summary', role: 'alert', tabindex: '-1', id: 'error-summary' },
      el('p', { class: 'kiosk-error-summary__title', text: b.error_summary }),
      el('ul', {}, errors.map((f) => el('li', {},
        el('a', { href: `#f-${f.id}`, id: `error-link-${f.id}`, onclick: (e) => { e.preventDefault(); focusField(form, f.id, ctx); } }, `${f.label}: ${f.error.text}`))))) : null,
    b.hint ? el('p', { class: 'kiosk-hint', id: 'step-hint', text: b.hint, 'data-read': '', 'data-unit': '' }) : null,
    b.consent ? consentNotice(b.consent) : null,
    units(b.fields.map((f) => renderField(f, single)), single),
  ].flat().filter(Boolean));
  if (b.repeat && (b.repeat.add || b.repeat.remove)) form.append(repeatBar(b.repeat, read, ctx));
  return el('section', {},
    // A repeated step (a household member): which one this is, beside the step counter, so it is
    // on every page of the screen and takes no line of its own.
    el('p', { class: 'kiosk-step-where', 'data-read': '' },
      el('span', { class: 'kiosk-step-counter', text: b.counter }),
      b.repeat ? el('span', { class: 'kiosk-repeat__counter', id: 'repeat-counter', text: b.repeat.counter }) : null,
      el('span', { class: 'kiosk-step-form-title', text: b.form_title })),
    form);
}

/**
 * Where the visitor decides how many there are: adding another (what she typed here is kept) or
 * removing this one.
 */
function repeatBar(r, read, ctx) {
  return el('div', { class: 'kiosk-repeat', id: 'repeat-bar', 'data-unit': '' },
    r.add ? button(r.add, () => ctx.act({ type: 'add_instance', answers: read() }), 'secondary', { id: 'repeat-add' }) : null,
    r.remove ? button(r.remove, () => ctx.act({ type: 'remove_instance' }), 'secondary', { id: 'repeat-remove' }) : null);
}

/**
 * What pages when the step does not fit: a lone question's choices (or its parts, or the question
 * itself when it is one box, so that its hint can have a page of its own), else the questions.
 */
function units(fields, single) {
  const parts = single ? fields[0].querySelectorAll('.kiosk-option, .kiosk-part') : [];
  if (parts.length) {
    parts.forEach((o) => { o.dataset.unit = ''; });
    return fields;
  }
  // Several questions: each one a unit, but a question's choices may fill more than a page (a
  // household member's relation under the keyboard): its choices are the units, its question
  // shown with whichever of them are.
  for (const f of fields) {
    const options = f.querySelectorAll('.kiosk-option');
    if (options.length > 2) {
      f.dataset.unitGroup = '';
      options.forEach((o) => { o.dataset.unit = ''; });
    } else {
      f.dataset.unit = '';
    }
  }
  return fields;
}

/** What the visitor agrees to, as the Personal Information Protection Act (§15(2)) lists it. */
function consentNotice(c) {
  return el('dl', { class: 'kiosk-consent', id: 'consent-notice' },
    c.items.map((i) => el('div', { class: 'kiosk-consent__item', 'data-consent': i.id, 'data-unit-group': '' },
      el('dt', { text: i.term, 'data-unit': '' }),
      i.parts.length > 1
        ? el('dd', {}, el('ul', { class: 'kiosk-consent__list' }, i.parts.map((p) => el('li', { 'data-unit': '', text: p }))))
        : sentences('dd', i.text))));
}

function focusField(form, id, ctx) {
  const target = form.querySelector(`[data-field="${CSS.escape(id)}"] input`);
  if (!target) return;
  ctx.reveal(target);
  target.focus();
}

/** Where focus goes when the step appears: the error summary (or a lone question's message), else the first input. */
export function initialFocus(root) {
  const summary = root.querySelector('#error-summary') || root.querySelector('.kiosk-field__error');
  if (summary) return summary;
  return root.querySelector('.kiosk-field input');
}
