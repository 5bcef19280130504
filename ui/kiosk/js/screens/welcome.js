// Welcome: one big start button, the text size, and the languages right away for those who do not
// read Korean (a language touched starts the visit in it). A touch anywhere else, or any key, starts too.
import { el, button } from '../dom.js';

export function render(view, ctx) {
  const b = view.body;
  const sizes = el('div', { class: 'kiosk-sizes__choices', id: 'welcome-sizes', role: 'radiogroup', 'aria-labelledby': 'welcome-sizes-label' });
  ctx.drawSizes(sizes, view);
  ctx.wireRadioGroup(sizes);
  return el('section', { class: 'kiosk-welcome' },
    el('p', { class: 'kiosk-lead', text: b.lead, 'data-read': '', 'data-unit': '' }),
    button(b.start, () => ctx.act({ type: 'start' }), 'primary', { class: 'kiosk-button kiosk-button--primary kiosk-button--hero', 'data-action': 'start', id: 'welcome-start' }),
    el('div', { class: 'kiosk-sizes', 'data-unit': '' },
      el('span', { class: 'kiosk-sizes__label', id: 'welcome-sizes-label', text: view.controls.text_size }),
      sizes),
    el('ul', { class: 'kiosk-choices kiosk-choices--languages' },
      b.languages.map((l) => el('li', { 'data-unit': '' },
        button(l.label, () => ctx.act({ type: 'language', locale: l.id }), 'choice', { lang: l.id, 'data-locale': l.id, id: `lang-${l.id.toLowerCase()}` })))));
}
