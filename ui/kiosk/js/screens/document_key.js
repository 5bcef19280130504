// Document key: what opens the chip (the passport number and dates, or the six-digit card access number),
// with a picture of where to find it and a button to switch between the two.
import { el } from '../dom.js';
import { renderField, readField } from '../fields.js';

export function render(view, ctx) {
  const b = view.body;
  const form = el('form', { id: 'step-form', class: 'kiosk-step', novalidate: true, autocomplete: 'off' });
  const read = () => Object.fromEntries(b.fields.map((f) => [f.id, readField(f, form) || '']));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = read();
    if (b.mode === 'can') {
      ctx.act({ type: 'document_can', can: v['document-can'] });
    } else {
      ctx.act({ type: 'document_key', number: v['document-number'], birth_date: v['document-birth-date'], expiry: v['document-expiry'] });
    }
  });
  form.append(...[
    b.banner ? el('div', { class: 'kiosk-error-summary', role: 'alert', tabindex: '-1', id: 'error-summary', 'data-code': b.banner.code },
      el('p', { text: b.banner.text })) : null,
    b.fields.map((f) => renderField(f, false)).map(pageable),
  ].flat().filter(Boolean));
  const other = el('button', { type: 'button', class: 'kiosk-button kiosk-button--wide', id: 'key-switch', text: b.switch });
  other.addEventListener('click', () => ctx.act({ type: 'key_by_can', can: b.mode !== 'can' }));
  return el('section', {},
    el('p', { class: 'kiosk-lead', text: b.lead, 'data-read': '', 'data-unit': '' }),
    el('figure', { class: 'kiosk-figure', 'data-unit-group': '', 'data-read': '' },
      el('img', { src: b.help_image, alt: '', class: 'kiosk-figure__image', 'data-unit': '' }),
      el('figcaption', { class: 'kiosk-hint', text: b.help, 'data-unit': '' })),
    form,
    el('p', { class: 'kiosk-switch', 'data-unit': '' }, other));
}

/** A field pages whole, or by its parts (a date's year, month and day) when it has them. */
function pageable(field) {
  const parts = field.querySelectorAll('.kiosk-part');
  if (parts.length) {
    parts.forEach((p) => { p.dataset.unit = ''; });
    field.dataset.unitGroup = '';
  } else {
    field.dataset.unit = '';
  }
  return field;
}

export { initialFocus } from './step.js';
