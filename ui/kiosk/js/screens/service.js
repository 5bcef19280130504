// Service: the forms this kiosk offers, each with a one-line summary.
import { el } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  return el('section', {},
    el('p', { class: 'kiosk-lead', text: b.lead, 'data-read': '', 'data-unit': '' }),
    el('ul', { class: 'kiosk-choices' },
      b.services.map((s) => el('li', { 'data-unit': '' },
        el('button', {
          type: 'button', class: 'kiosk-button kiosk-button--choice kiosk-service', 'data-service': s.id, id: `service-${s.id}`,
          onclick: () => ctx.act({ type: 'service', id: s.id }),
        },
        el('span', { class: 'kiosk-service__title', text: s.title }),
        el('span', { class: 'kiosk-service__summary', text: s.summary }))))));
}
