// Radio groups of buttons (text size, speech rate): one Tab stop, the arrow keys move the choice
// (WAI-ARIA's radio group), and buttons updated in place so that focus survives every redraw.
import { button } from './dom.js';

/**
 * Draws `items` ({ id, label, selected }) as the radio buttons of `group`; `idOf` names each
 * button, `onPick` is called with the item picked, `data` names its data attribute.
 */
export function drawRadios(group, items, idOf, onPick, data) {
  const existing = [...group.children];
  const same = existing.length === items.length && existing.every((b, i) => b.id === idOf(items[i]));
  if (!same) {
    group.replaceChildren(...items.map((s) => button(s.label, () => onPick(s), 'toggle', {
      role: 'radio', id: idOf(s), [`data-${data}`]: s.id,
    })));
  }
  items.forEach((s, i) => {
    const b = group.children[i];
    b.textContent = s.label;
    b.setAttribute('aria-checked', s.selected ? 'true' : 'false');
    b.tabIndex = s.selected ? 0 : -1;
  });
}

/** Arrow keys inside `group` pick the next or previous choice, wrapping at the ends. */
export function wireRadioGroup(group) {
  group.addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    const radios = [...group.querySelectorAll('[role="radio"]')];
    const at = radios.indexOf(document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    const next = radios[(at + step + radios.length) % radios.length];
    next.focus();
    next.click();
  });
}
