// Language: each language named in itself.
import { el, button } from '../dom.js';

export function render(view, ctx) {
  return el('ul', { class: 'kiosk-choices kiosk-choices--languages' },
    view.body.languages.map((l) => el('li', {},
      button(l.label, () => ctx.act({ type: 'language', locale: l.id }), 'choice', {
        lang: l.id, 'data-locale': l.id, 'aria-current': l.selected ? 'true' : null,
      }))));
}
