// Identify: read the ID document, or type one's details instead.
import { el, button } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  const actions = { type: { type: 'identify_typed' }, document: { type: 'choose_document' } };
  return el('section', {},
    el('p', { class: 'kiosk-lead', text: b.lead, 'data-read': '', 'data-unit': '' }),
    b.card_note ? el('p', { class: 'kiosk-note', text: b.card_note, 'data-read': '' }) : null,
    el('ul', { class: 'kiosk-choices' },
      b.options.map((o) => el('li', { 'data-unit': '' },
        button(o.label, () => actions[o.id] && ctx.act(actions[o.id]), 'choice', { 'data-identify': o.id, id: `identify-${o.id}` })))));
}
