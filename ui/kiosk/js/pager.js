// Pages, not scrolling: the parts of a screen marked `data-unit` (choices, answers, fields) are cut
// into pages that fit the question's region, with "more" and "previous" below them. A kiosk screen
// never scrolls: a visitor who has never used an app does not know that it could.

const $ = (id) => document.getElementById(id);
const pager = { units: [], pages: [], at: 0, onTurn: null };

// Strictly: a page that overflows by a pixel cuts its last line (and the fit test sees it).
const overflows = (box) => box.scrollHeight > box.clientHeight;

/** A group of units (a consent item: its term and its sentences) shows only with one of them. */
function regroup(screen) {
  for (const g of screen.querySelectorAll('[data-unit-group]')) {
    g.hidden = ![...g.querySelectorAll('[data-unit]')].some((u) => !u.hidden);
  }
}

/** The page boundaries, found by showing units one by one until the region overflows. */
function cut(screen, units) {
  const pages = [];
  let start = 0;
  while (start < units.length) {
    units.forEach((u) => { u.hidden = true; });
    units[start].hidden = false;
    let end = start + 1;
    while (end < units.length) {
      units[end].hidden = false;
      regroup(screen);
      if (overflows(screen)) {
        units[end].hidden = true;
        break;
      }
      end += 1;
    }
    pages.push([start, end]);
    start = end;
  }
  return pages;
}

function show(at) {
  pager.at = Math.max(0, Math.min(at, pager.pages.length - 1));
  const [from, to] = pager.pages[pager.at] || [0, pager.units.length];
  pager.units.forEach((u, i) => { u.hidden = i < from || i >= to; });
  regroup($('screen'));
  const many = pager.pages.length > 1;
  $('pager').hidden = !many;
  $('pager-back').disabled = pager.at === 0;
  $('pager-more').disabled = pager.at >= pager.pages.length - 1;
  $('pager-where').textContent = many ? `${pager.at + 1} / ${pager.pages.length}` : '';
  $('main').dataset.page = String(pager.at + 1);
  $('main').dataset.pages = String(pager.pages.length);
}

/**
 * Cuts the current screen into pages (again, after a change of text size, position or
 * orientation), keeping the page that holds `keep` (a unit, or an element inside one) in view.
 */
export function fit(keep = document.activeElement) {
  const screen = $('screen');
  const units = [...screen.querySelectorAll('[data-unit]')];
  const kept = units.findIndex((u) => keep && u.contains(keep));
  const first = kept >= 0 ? kept : (pager.pages[pager.at] || [0])[0];
  pager.units = units;
  units.forEach((u) => { u.hidden = false; });
  regroup(screen);
  $('pager').hidden = true;
  if (units.length < 2 || !overflows(screen)) {
    pager.pages = [[0, units.length]];
    show(0);
    return;
  }
  // The pager's own row takes room: measure with it shown.
  $('pager').hidden = false;
  pager.pages = cut(screen, units);
  const at = pager.pages.findIndex(([a, b]) => first >= a && first < b);
  show(at < 0 ? 0 : at);
}

/** Shows the page holding `element` (an error summary's link to a field on another page). */
export function reveal(element) {
  const i = pager.units.findIndex((u) => u.contains(element));
  if (i < 0) return;
  const at = pager.pages.findIndex(([a, b]) => i >= a && i < b);
  if (at >= 0 && at !== pager.at) show(at);
}

/** A new screen starts on its first page. */
export function reset() {
  pager.pages = [];
  pager.at = 0;
}

/** `onTurn(page, pages)`: told after the visitor turned a page (voice mode says where they are). */
export function wirePager(onTurn) {
  const turn = (step, button) => {
    show(pager.at + step);
    const other = step > 0 ? $('pager-back') : $('pager-more');
    if (button.disabled && !other.disabled) other.focus();
    onTurn(pager.at + 1, pager.pages.length);
  };
  $('pager-more').addEventListener('click', (e) => turn(1, e.currentTarget));
  $('pager-back').addEventListener('click', (e) => turn(-1, e.currentTarget));
}
