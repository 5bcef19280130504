// Reading: the document is on its way through the reader.
import { el } from '../dom.js';

export function render(view) {
  const b = view.body;
  return el('section', { class: 'kiosk-reading' },
    el('img', { src: 'img/reader.svg', alt: '', class: 'kiosk-figure__image' }),
    el('p', { class: 'kiosk-lead', role: 'status', text: b.text }),
    el('p', { class: 'kiosk-note', text: b.hint }));
}
