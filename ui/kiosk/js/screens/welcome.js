// Welcome: one big start button, and the languages right away for those who do not read Korean.
import { el, button } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  return el('section', { class: 'kiosk-welcome' },
    el('p', { class: 'kiosk-lead', text: b.lead }),
    button(b.start, () => ctx.act({ type: 'start' }), 'primary', { class: 'kiosk-button kiosk-button--primary kiosk-button--hero', 'data-action': 'start' }),
    el('ul', { class: 'kiosk-choices kiosk-choices--languages' },
      b.languages.map((l) => el('li', {},
        button(l.label, () => ctx.act({ type: 'language', locale: l.id }), 'choice', { lang: l.id, 'data-locale': l.id })))));
}
