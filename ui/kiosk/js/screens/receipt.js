// Receipt: the number first and large, as GOV.UK's confirmation page puts it.
import { el, sentences } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  ctx.primary = { label: b.finish, action: { type: 'finish' } };
  return el('section', { class: 'kiosk-receipt' },
    el('div', { class: 'kiosk-receipt__panel', 'data-read': 'first', 'data-unit': '' },
      // Offices that call numbers: the queue number is what she waits for, first and largest.
      ...(b.queue ? [
        el('p', { class: 'kiosk-receipt__label', text: b.queue.label }),
        el('p', { class: 'kiosk-receipt__number kiosk-receipt__number--queue', id: 'queue-number', text: b.queue.number }),
      ] : []),
      el('p', { class: 'kiosk-receipt__label', text: b.number_label }),
      el('p', { class: 'kiosk-receipt__number', id: 'receipt-number', text: b.number }),
      el('p', { class: 'kiosk-receipt__form', text: b.form_title })),
    el('div', { class: 'kiosk-lead', 'data-unit-group': '' }, sentences('p', b.lead)),
    el('div', { class: 'kiosk-note', 'data-unit-group': '' }, sentences('p', b.note)));
}
