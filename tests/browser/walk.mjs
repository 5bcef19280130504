// Walks every screen of a bundled form as a touchscreen visitor does (taps; typing fills the text
// fields until the on-screen keyboards come), calling `visit(where)` on each screen and on each
// page of a paged one. Used by the fit, screenshot and double-tap tests.
import assert from 'node:assert/strict';
import { settled } from './kiosk.mjs';

/** Valid answers by field id; other fields are answered by kind. */
export const ANSWERS = {
  surname: 'HONG', 'given-names': 'GILSOON', 'name-korean': '홍길순', name: '김민수',
  'birth-date': '1948-03-15', 'resident-number': '480315-2345677', 'old-passport-number': 'M12345678',
  mobile: '010-2345-6789', 'emergency-name': '김민수', 'emergency-phone': '010-8765-4321',
  description: '갈색 가죽 지갑', 'lost-date': '2026-11-20', 'lost-place': '종로3가역',
  'move-date': '2026-11-02', members: '2', copies: '1',
  'loss-place': '인천공항', 'member-name': '김하나', 'member-resident-number': '150315-4234567',
};
/** Choices taken where the first would skip a branch: the passport's loss report, the lost place's kinds. */
export const CHOSEN = { reason: 'lost', 'lost-area': 'transport' };
const ADDRESS = { postcode: '03154', line1: '서울특별시 종로구 세종대로 209', line2: '101호' };
/** An address found by search in the shipped sample set (assets/address/sample), and its unit. */
export const ADDRESS_FOUND = { typed: '세종대로 2', postcode: '03042', line1: '서울특별시 종로구 세종대로 2', line2: '101호' };

async function screen(page) {
  return page.getAttribute('main', 'data-screen');
}

/** Where the visitor is: the screen's title, and in a repeat which instance (same title, next person). */
export async function whereAt(page) {
  return page.evaluate(() => `${document.querySelector('#screen-title')?.textContent}|${document.querySelector('#repeat-counter')?.textContent ?? ''}`);
}

/** Waits for the screen after a tap: a new title (or the repeat's next instance), settled. */
export async function moved(page, before) {
  await page.waitForFunction((t) => `${document.querySelector('#screen-title')?.textContent}|${document.querySelector('#repeat-counter')?.textContent ?? ''}` !== t, before);
  await settled(page);
}

/** Taps the centre of an element (a visitor's finger), once the screen has settled, turning to its page first. */
export async function tapOn(page, selector) {
  await settled(page);
  if (!(await page.isVisible(selector)) && await page.isVisible('#pager')) await showPageOf(page, selector);
  await page.locator(selector).first().tap();
}

/** Every page of the current screen, each visited; back on the first page after. */
export async function eachPage(page, where, visit) {
  // One element per id: the kiosk finds its controls by id (a repeat's bar once took the id of
  // the "hear again" button, which then wrote its words over the bar's buttons).
  const twice = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(twice, [], `${where}: ids used twice`);
  await visit(where);
  let n = 1;
  while (await page.isVisible('#pager-more:not([disabled])')) {
    await tapOn(page, '#pager-more');
    n += 1;
    await visit(`${where}-page${n}`);
  }
  while (await page.isVisible('#pager-back:not([disabled])')) await tapOn(page, '#pager-back');
}

/** Shows the page holding `selector` (it may be on a later one). */
async function toPageOf(page, selector) {
  for (let i = 0; i < 20 && !(await page.isVisible(selector)); i += 1) await tapOn(page, '#pager-more');
}

/** Turns to the page of the screen that shows `selector`. */
export async function showPageOf(page, selector) {
  if (await page.isVisible(selector)) return;
  while (await page.isVisible('#pager-back:not([disabled])')) await tapOn(page, '#pager-back');
  await toPageOf(page, selector);
}

/**
 * Picks `value` of choice field `field` by touch. A step holding one single choice goes on by
 * itself: then this waits for the next screen and returns true.
 */
export async function choose(page, field, value) {
  const advances = await page.$('form[data-advance="on-choice"]');
  const before = await whereAt(page);
  const selector = `[data-field="${field}"] label:has(input[value="${value}"])`;
  await showPageOf(page, selector);
  await tapOn(page, selector);
  if (!advances) return false;
  await moved(page, before);
  return true;
}

/** Types into a box, on whichever page of the step it is. */
export async function fillOn(page, selector, value) {
  await showPageOf(page, selector);
  await page.fill(selector, value);
}

// Hangul as the keyboard types it: a syllable is its initial, its vowel's keys and its final's
// keys (Unicode's syllable arithmetic); a compound vowel or double final is two keys; a tense
// consonant and ㅒ ㅖ are shift and their plain key. (The test's own reckoning, not the kiosk's.)
const INITIALS = [...'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'];
const VOWELS = [...'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ'];
const FINALS = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];
const TWO_KEYS = { ㅘ: 'ㅗㅏ', ㅙ: 'ㅗㅐ', ㅚ: 'ㅗㅣ', ㅝ: 'ㅜㅓ', ㅞ: 'ㅜㅔ', ㅟ: 'ㅜㅣ', ㅢ: 'ㅡㅣ', ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ' };
const SHIFTED = { ㄲ: 'ㄱ', ㄸ: 'ㄷ', ㅃ: 'ㅂ', ㅆ: 'ㅅ', ㅉ: 'ㅈ', ㅒ: 'ㅐ', ㅖ: 'ㅔ' };

/** The keys that type `text`, one character each. */
export function keysFor(text) {
  const out = [];
  for (const c of text) {
    const n = c.codePointAt(0) - 0xac00;
    if (n >= 0 && n < 11172) {
      const [l, v, t] = [Math.floor(n / 588), Math.floor((n % 588) / 28), n % 28];
      for (const j of [INITIALS[l], VOWELS[v], FINALS[t]]) if (j) out.push(...(TWO_KEYS[j] || j));
    } else {
      out.push(c.toUpperCase());
    }
  }
  return out;
}

const layoutOf = (k) => (/[0-9]/.test(k) ? 'digits' : /[A-Z'-]/.test(k) ? 'latin' : 'hangul');

/** Types `text` into the box `selector` with the kiosk's on-screen keyboard: taps only. */
export async function typeByTaps(page, selector, text) {
  await showPageOf(page, selector);
  await tapOn(page, selector);
  await page.waitForFunction((id) => document.getElementById('keyboard').dataset.input === id, (await page.getAttribute(selector, 'id')));
  for (const k of keysFor(text)) {
    if (k === ' ') {
      await page.locator('#key-space').tap();
      continue;
    }
    const plain = SHIFTED[k] || k;
    const key = `#key-${plain.codePointAt(0).toString(16)}`;
    if (!(await page.isVisible(key))) await page.locator(`#key-switch-${layoutOf(plain)}`).tap();
    if (SHIFTED[k]) await page.locator('#key-shift').tap();
    await page.locator(key).tap();
  }
}

/** Answers the fields of the current step; `byTaps`: every box typed on the on-screen keyboard. */
async function answer(page, byTaps = false) {
  const fields = await page.$$eval('[data-field]', (els) => els.map((e) => [e.dataset.field, e.dataset.kind]));
  for (const [id, kind] of fields) {
    const box = `[data-field="${id}"]`;
    await toPageOf(page, box);
    if (['single_choice', 'photo', 'multiple_choice', 'consent'].includes(kind)) {
      const option = CHOSEN[id] ? `${box} label:has(input[value="${CHOSEN[id]}"])` : `${box} label.kiosk-option`;
      await toPageOf(page, option);
      const checked = await page.$eval(`${box}`, (b) => Boolean(b.querySelector('input:checked')));
      if (!checked) await tapOn(page, option);
    } else if (kind === 'date') {
      const [y, m, d] = (ANSWERS[id] || '2000-01-01').split('-');
      for (const [p, v] of [['year', y], ['month', m], ['day', d]]) {
        if (byTaps) await typeByTaps(page, `#f-${id}-${p}`, v);
        else await fillOn(page, `${box} input[name="${id}.${p}"]`, v);
      }
    } else if (kind === 'address' && byTaps) {
      // Found by searching the road-name address book, then only the unit typed.
      await typeByTaps(page, `#f-${id}-search`, ADDRESS_FOUND.typed);
      await page.waitForSelector(`#f-${id}-found-0`, { state: 'attached' });
      await tapOn(page, `#f-${id}-found-0`);
      await page.waitForFunction((s) => document.querySelector(s).value !== '', `#f-${id}-line1`);
      await typeByTaps(page, `#f-${id}-line2`, ADDRESS_FOUND.line2);
    } else if (kind === 'address') {
      for (const [p, v] of Object.entries(ADDRESS)) await fillOn(page, `${box} input[name="${id}.${p}"]`, v);
    } else if (byTaps) {
      const value = ANSWERS[id] || '테스트';
      // A resident number's digits, both boxes (the keyboard goes on to the second by itself).
      if (await page.$(`#f-${id}-back`)) await typeByTaps(page, `#f-${id}`, value.replace(/\D/g, ''));
      else if (!(await page.inputValue(`#f-${id}`))) await typeByTaps(page, `#f-${id}`, kind === 'phone' ? value.replace(/\D/g, '') : value);
    } else {
      await page.fill(`${box} input`, ANSWERS[id] || '테스트');
    }
  }
}

/**
 * From the welcome screen through `form` to its receipt and back to the welcome, visiting every
 * screen (and a step's error, the document key screens, the cancel question, the settings sheet).
 */
export async function walkForm(page, form, locale, visit, { byTaps = false } = {}) {
  await eachPage(page, 'welcome', visit);
  const title = async () => whereAt(page);
  let before = await title();
  await toPageOf(page, `[data-locale="${locale}"]`);
  await tapOn(page, `[data-locale="${locale}"]`);
  await moved(page, before);
  await eachPage(page, 'service', visit);
  await tapOn(page, '#settings-open');
  await page.waitForSelector('#settings:not([hidden])');
  await visit('settings');
  await tapOn(page, '#settings-close');
  await toPageOf(page, `[data-service="${form}"]`);
  before = await title();
  await tapOn(page, `[data-service="${form}"]`);
  await moved(page, before);
  if (await screen(page) === 'identify') {
    await eachPage(page, 'identify', visit);
    if (await page.isVisible('[data-identify="document"]')) {
      before = await title();
      await tapOn(page, '[data-identify="document"]');
      await moved(page, before);
      await eachPage(page, 'document-key', visit);
      before = await title();
      await tapOn(page, '#key-switch');
      await moved(page, before);
      await eachPage(page, 'document-can', visit);
      before = await title();
      await tapOn(page, '#nav-back');
      await moved(page, before);
    }
    before = await title();
    await tapOn(page, '[data-identify="type"]');
    await moved(page, before);
  }
  for (let i = 1; await screen(page) === 'step'; i += 1) {
    if (i === 1) {
      await tapOn(page, '#nav-next');
      await page.waitForSelector('.kiosk-field__error');
      await settled(page);
      await eachPage(page, 'step-01-error', visit);
    }
    await eachPage(page, `step-${String(i).padStart(2, '0')}`, visit);
    before = await title();
    // A single choice goes on by itself; every other step with "next".
    const advances = await page.$('form[data-advance="on-choice"]');
    await answer(page, byTaps);
    if (!advances) await tapOn(page, '#nav-next');
    await moved(page, before);
    if (await page.isVisible('.kiosk-field__error')) throw new Error(`step ${i} of ${form} refused its answer: ${await page.textContent('.kiosk-field__error')}`);
  }
  await eachPage(page, 'review', visit);
  await tapOn(page, '#nav-cancel');
  await page.waitForSelector('#dialog:not([hidden])');
  await settled(page);
  await visit('cancel');
  await tapOn(page, '[data-action="keep_going"]');
  await page.waitForSelector('#dialog', { state: 'hidden' });
  before = await title();
  await tapOn(page, '[data-action="submit"]');
  await page.waitForSelector('main[data-screen="receipt"]');
  await settled(page);
  await eachPage(page, 'receipt', visit);
  await tapOn(page, '[data-action="finish"]');
  await page.waitForSelector('main[data-screen="welcome"]');
  await settled(page);
}
