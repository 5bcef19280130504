// Submitting: the engine is storing the application.
import { el } from '../dom.js';

export function render(view) {
  return el('p', { class: 'kiosk-lead', role: 'status', text: view.body.text });
}
