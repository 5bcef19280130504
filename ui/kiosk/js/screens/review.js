// Review ("check answers"): every answer with its own change button; sending is the navigation's primary action.
import { el, button } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  ctx.primary = { label: b.submit, action: { type: 'submit' } };
  return el('section', {},
    b.banner ? el('div', { class: 'kiosk-error-summary', role: 'alert', tabindex: '-1', 'data-code': b.banner.code },
      el('p', { text: b.banner.text })) : null,
    el('p', { class: 'kiosk-lead', text: b.lead, 'data-read': '', 'data-unit': '' }),
    el('dl', { class: 'kiosk-review' },
      b.items.map((item) => el('div', { class: 'kiosk-review__row', 'data-field': item.field, 'data-unit': '' },
        el('dt', { class: 'kiosk-review__label', text: item.label }),
        el('dd', { class: 'kiosk-review__value' },
          el('span', { text: item.value }),
          item.provenance_text ? el('span', { class: 'kiosk-tag', text: item.provenance_text }) : null),
        el('dd', { class: 'kiosk-review__change' },
          button(item.change, () => ctx.act({ type: 'edit', step: item.step, instance: item.instance }), 'link', {
            'aria-label': `${item.change}: ${item.label}`,
            id: item.instance ? `change-${item.field}-${item.instance + 1}` : `change-${item.field}`,
          }))))));
}
