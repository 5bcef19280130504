// The road-name address search of an address step: what the engine's address book found for the
// search box (the answer to each key typed there) drawn under it, each address a large button.
// Picking one fills the postcode and the road address and moves on to the unit box (동/층/호).
import { el } from './dom.js';
import { fit } from './pager.js';

const $ = (id) => document.getElementById(id);
const base = (searchId) => searchId.replace(/-search$/, '');

/** Draws `a` (the view's `addresses`) under its search box; stale answers change nothing. */
export function showAddresses(a) {
  const search = $(a.input);
  const host = $(`${base(a.input)}-found`);
  if (!search || !host || search.value !== a.text) return;
  const items = a.found.map((f, i) => el('button', {
    type: 'button', class: 'kiosk-option kiosk-address-result', id: `${base(a.input)}-found-${i}`, 'data-unit': '',
    onclick: () => pick(a.input, f),
  }, el('span', { class: 'kiosk-address-result__label', text: f.label }),
  el('span', { class: 'kiosk-address-result__detail', text: f.detail })));
  const notes = [a.note, a.sample].filter(Boolean)
    .map((t) => el('p', { class: 'kiosk-address-note', 'data-unit': '', role: 'status', text: t }));
  // How many, in the search box's own unit under the box (it then costs no gap of its own); the
  // addresses after it, on its page as far as they fit; the notes after them.
  const count = countOf(search);
  count.textContent = a.count || '';
  count.hidden = !a.count;
  host.replaceChildren(...items, ...notes);
  host.hidden = items.length + notes.length === 0;
  fit(search);
  const screen = $('screen');
  const over = () => screen.scrollHeight > screen.clientHeight;
  // Where the box leaves no room for an address (200% text in low position), the count says
  // that "more" shows them — if that longer line still fits under the box; else the short one,
  // else none.
  if (a.count && a.count_next && items[0]?.hidden) {
    count.textContent = a.count_next;
    fit(search);
    if (over()) {
      count.textContent = a.count;
      fit(search);
    }
  }
  if (over() && !count.hidden) {
    count.hidden = true;
    fit(search);
  }
}

/** The count line under a search box (made once). */
function countOf(search) {
  const id = `${base(search.id)}-count`;
  let count = $(id);
  if (!count) {
    count = el('p', { class: 'kiosk-address-count', id, role: 'status', hidden: true });
    search.closest('.kiosk-part').append(count);
  }
  return count;
}

/** The address picked: the postcode and the road address filled, the unit box next. */
function pick(searchId, f) {
  $(`${base(searchId)}-postcode`).value = f.postcode;
  $(`${base(searchId)}-line1`).value = f.line1;
  const host = $(`${base(searchId)}-found`);
  host.replaceChildren();
  host.hidden = true;
  countOf($(searchId)).hidden = true;
  const unit = $(`${base(searchId)}-line2`);
  fit(unit);
  unit.focus({ preventScroll: true });
}
