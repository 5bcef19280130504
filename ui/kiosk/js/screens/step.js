// A form step: one question per screen, the step counter, the error summary linking to each field.
import { el } from '../dom.js';
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
  const errors = b.fields.filter((f) => f.error);
  form.append(...[
    errors.length ? el('div', { class: 'kiosk-error-summary', role: 'alert', tabindex: '-1', id: 'error-summary' },
      el('p', { class: 'kiosk-error-summary__title', text: b.error_summary }),
      el('ul', {}, errors.map((f) => el('li', {},
        el('a', { href: `#f-${f.id}`, onclick: (e) => { e.preventDefault(); focusField(form, f.id); } }, `${f.label}: ${f.error.text}`))))) : null,
    b.hint ? el('p', { class: 'kiosk-hint', id: 'step-hint', text: b.hint }) : null,
    b.fields.map((f) => renderField(f, single)),
  ].flat().filter(Boolean));
  return el('section', {},
    el('p', { class: 'kiosk-step-counter', text: b.counter }),
    el('p', { class: 'kiosk-step-form-title', text: b.form_title }),
    form);
}

function focusField(form, id) {
  const target = form.querySelector(`[data-field="${CSS.escape(id)}"] input`);
  if (target) target.focus();
}

/** Where focus goes when the step appears: the error summary, else the first empty input. */
export function initialFocus(root) {
  const summary = root.querySelector('#error-summary');
  if (summary) return summary;
  return root.querySelector('.kiosk-field input');
}
