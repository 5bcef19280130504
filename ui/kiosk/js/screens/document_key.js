// Document key: the passport number and dates that open the chip (BAC), with a picture of where they are.
import { el } from '../dom.js';
import { renderField, readField } from '../fields.js';

export function render(view, ctx) {
  const b = view.body;
  const form = el('form', { id: 'step-form', class: 'kiosk-step', novalidate: true, autocomplete: 'off' });
  const read = () => Object.fromEntries(b.fields.map((f) => [f.id, readField(f, form) || '']));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = read();
    ctx.act({ type: 'document_key', number: v['document-number'], birth_date: v['document-birth-date'], expiry: v['document-expiry'] });
  });
  form.append(...[
    b.banner ? el('div', { class: 'kiosk-error-summary', role: 'alert', tabindex: '-1', id: 'error-summary', 'data-code': b.banner.code },
      el('p', { text: b.banner.text })) : null,
    b.fields.map((f) => renderField(f, false)),
  ].flat().filter(Boolean));
  return el('section', {},
    el('p', { class: 'kiosk-lead', text: b.lead }),
    el('figure', { class: 'kiosk-figure' },
      el('img', { src: b.help_image, alt: '', class: 'kiosk-figure__image' }),
      el('figcaption', { class: 'kiosk-hint', text: b.help })),
    form);
}

export { initialFocus } from './step.js';
