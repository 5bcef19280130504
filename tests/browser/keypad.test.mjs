// A blind visitor with earphones and the kiosk's keypad (0-9, *, #, arrows, select) reports a lost
// wallet in voice mode and types every answer with the keypad alone: Hangul with 천지인, digits as
// they are. No letter key is pressed. The review holds what he typed, and the engine's effect log
// shows every key said (by the box it went into and the message it said, never the value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useKiosk, kioskPage, settled, newEntries, effects, press, pause, voiceOn } from './kiosk.mjs';
import { keypadKeys } from './keypad.mjs';

const ctx = useKiosk(['--no-card-reader']);

const cheonjiin = (text) => keypadKeys(text, ['hangul']);

const focused = (page) => page.evaluate(() => document.activeElement?.id);

async function focusOn(page, id) {
  for (let i = 0; i < 80 && await focused(page) !== id; i += 1) await press(page, 'ArrowDown');
  assert.equal(await focused(page), id);
}

/** Types into box `id` with the keypad: the keys pressed, then the box's text as the page shows it. */
async function typeWithKeypad(page, id, keys) {
  await focusOn(page, id);
  // In a box no key is taken for a bounce (천지인 presses a key again on purpose).
  for (const k of keys) {
    await page.keyboard.press(k);
    await pause(150);
  }
  await pause(300);
  return page.inputValue(`#${id}`);
}

async function next(page) {
  const before = await page.textContent('#screen-title');
  await focusOn(page, 'nav-next');
  await press(page, 'Enter');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
  await settled(page);
}

async function choose(page, id) {
  await focusOn(page, id);
  await press(page, 'Enter');
  assert.ok(await page.isChecked(`#${id}`));
}

test('the lost-wallet report typed with the keypad alone, in voice mode', { timeout: 600000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await voiceOn(page);
  let before = await page.textContent('#screen-title');
  await focusOn(page, 'lang-ko');
  await press(page, 'Enter');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
  await settled(page);
  before = await page.textContent('#screen-title');
  await focusOn(page, 'service-lost-item-report');
  await press(page, 'Enter');
  await page.waitForSelector('main[data-screen="step"]');
  await settled(page);
  const start = await effects(page);

  await choose(page, 'f-item-wallet');
  await next(page);
  await choose(page, 'f-contents-cash');
  await next(page);
  // 갈색 지갑: 천지인, with a space (right, pressed when no consonant is open).
  assert.equal(await typeWithKeypad(page, 'f-description', cheonjiin('갈색 지갑')), '갈색 지갑');
  // A mistake, erased with the left key: one stroke, then one jamo at a time.
  assert.equal(await typeWithKeypad(page, 'f-description', ['4', 'ArrowLeft']), '갈색 지갑');
  await next(page);
  for (const [part, v] of [['year', '2026'], ['month', '11'], ['day', '20']]) {
    assert.equal(await typeWithKeypad(page, `f-lost-date-${part}`, [...v]), v);
  }
  await next(page);
  await choose(page, 'f-lost-area-transport');
  await next(page);
  await choose(page, 'f-lost-spot-subway');
  await next(page);
  assert.equal(await typeWithKeypad(page, 'f-lost-place', cheonjiin('종각역')), '종각역');
  await next(page);
  assert.equal(await typeWithKeypad(page, 'f-name', cheonjiin('김민수')), '김민수');
  await next(page);
  assert.equal(await typeWithKeypad(page, 'f-mobile', [...'01023456789']), '01023456789');
  await next(page);
  await choose(page, 'f-contact-by-text-message');
  await next(page);
  await choose(page, 'f-privacy-consent');
  await next(page);
  assert.equal(await page.getAttribute('main', 'data-screen'), 'review');
  const review = await page.evaluate(() => document.querySelector('.kiosk-review').textContent);
  for (const v of ['갈색 지갑', '종각역', '김민수']) assert.ok(review.includes(v), `the review shows ${v}`);

  const log = newEntries(start, await effects(page));
  const typed = log.filter((e) => e.startsWith('typed:'));
  assert.ok(typed.filter((e) => e === 'typed:f-description').length >= cheonjiin('갈색 지갑').length, 'every key of the description');
  assert.ok(typed.includes('typed:f-name') && typed.includes('typed:f-mobile') && typed.includes('typed:f-lost-date-year'));
  const said = log.filter((e) => e.startsWith('speak:') && e.includes('guide-typed-'));
  assert.ok(said.some((e) => e.includes('guide-typed-syllable')), 'a syllable made is said');
  assert.ok(said.some((e) => e.includes('guide-typed-key')), 'a consonant or digit is said');
  assert.ok(said.some((e) => e.includes('guide-typed-erased')), 'an erase is said');
  assert.ok(said.length >= typed.length - 12, `each key said (${said.length} of ${typed.length})`);
  for (const v of ['갈색', '김민수', '01023456789', '기역']) assert.ok(!log.some((e) => e.includes(v)), `the log never holds ${v}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});
