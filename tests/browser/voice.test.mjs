// A man blind from birth, with earphones and the keypad: voice mode switched on by holding the star key,
// then the lost-wallet report done with the keys alone. What was said comes from the engine's effect
// log (message ids, never words): every screen said, every focused control announced, nothing silent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { useKiosk, kioskPage, privateSound, effects, press, pause } from './kiosk.mjs';
import { keypadType } from './keypad.mjs';

// This kiosk really speaks: its voice (cpal on ALSA's null device, a private speech-dispatcher) runs.
let sound = null;
const ctx = useKiosk(['--no-card-reader', '--speech'], async () => {
  sound = await privateSound();
  return sound.env;
});
after(() => sound?.stop());



/** Moves down through the controls until `selector` has the focus. */
async function focusOn(page, selector) {
  for (let i = 0; i < 40; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await press(page, 'ArrowDown');
  }
  assert.fail(`never reached ${selector}`);
}

async function typeInto(page, selector, text) {
  await focusOn(page, selector);
  await keypadType(page, text);
}

async function nextStep(page) {
  const before = await page.textContent('#screen-title');
  await focusOn(page, '#nav-next');
  await press(page, 'Enter');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
}

test('voice mode: the lost-wallet report with the keypad alone, every step said', { timeout: 300000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const start = (await effects(page)).length;

  // Holding * for two seconds turns voice mode on, and says so with the key help.
  await page.keyboard.down('*');
  await pause(2200);
  await page.keyboard.up('*');
  await page.waitForFunction(async () => (await (await fetch('/api/view')).json()).voice_mode === true);
  let log = (await effects(page)).slice(start);
  assert.ok(log.some((e) => e.startsWith('speak:screen-welcome:guide-voice-on+guide-help-keys+')), log.join('\n'));

  // A short press of * repeats; the same key twice within half a second counts once.
  const before = (await effects(page)).length;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await pause(600);
  log = (await effects(page)).slice(before);
  assert.equal(log.filter((e) => e.startsWith('announce')).length, 1, `one move, one announcement: ${log}`);

  await focusOn(page, '[data-locale="ko"]');
  await press(page, 'Enter');
  await page.waitForSelector('main[data-screen="service"]');
  await focusOn(page, '[data-service="lost-item-report"]');
  await press(page, 'Enter');
  await page.waitForSelector('main[data-screen="step"]');

  // Each step with the keys: radios selected with the middle key, text typed, Next reached by moving down.
  await focusOn(page, '[data-field="item"] input[value="wallet"]');
  await press(page, 'Enter');
  assert.ok(await page.isChecked('[data-field="item"] input[value="wallet"]'), 'the middle key selects');
  await nextStep(page);
  await focusOn(page, '[data-field="contents"] input[value="bank-card"]');
  await press(page, 'Enter');
  await nextStep(page);
  await typeInto(page, '#f-description', '갈색 가죽 지갑');
  await nextStep(page);
  await typeInto(page, '#f-lost-date-year', '2026');
  await typeInto(page, '#f-lost-date-month', '11');
  await typeInto(page, '#f-lost-date-day', '21');
  await nextStep(page);
  for (const [field, value] of [['lost-area', 'transport'], ['lost-spot', 'subway']]) {
    await focusOn(page, `[data-field="${field}"] input[value="${value}"]`);
    await press(page, 'Enter');
    await nextStep(page);
  }
  await typeInto(page, '#f-lost-place', '종로3가역');
  await nextStep(page);
  await typeInto(page, '#f-name', '김민수');
  await nextStep(page);
  await typeInto(page, '#f-mobile', '01023456789');
  await nextStep(page);
  await focusOn(page, '[data-field="contact-by"] input[value="call"]');
  await press(page, 'Enter');
  await nextStep(page);
  await focusOn(page, '[data-field="privacy-consent"] input');
  await press(page, 'Enter');
  await nextStep(page);
  await page.waitForSelector('main[data-screen="review"]');
  await focusOn(page, '[data-action="submit"]');
  await press(page, 'Enter');
  await page.waitForSelector('main[data-screen="receipt"]');
  // Back on the keypad: help, then the left key does nothing harmful on the receipt.
  await press(page, '?');

  log = (await effects(page)).slice(start);
  const said = log.filter((e) => e.startsWith('speak:')).map((e) => e.split(':')[1]);
  const screens = ['screen-service', 'lost-item-report-item', 'lost-item-report-contents', 'lost-item-report-description',
    'lost-item-report-when', 'lost-item-report-where', 'lost-item-report-name', 'lost-item-report-contact',
    'privacy-consent', 'screen-review', 'screen-receipt', 'screen-help'];
  let at = 0;
  for (const clip of said) if (clip === screens[at]) at += 1;
  assert.equal(at, screens.length, `every screen said, in order: ${said.join(' ')}`);
  // No step is silent: each shown screen was followed by what it says.
  const shows = log.filter((e) => e.startsWith('show:step-')).length;
  assert.ok(shows >= 8);
  // (What a key typed, and the keyboard switched to, is one word on purpose: said into the earphones.)
  for (const entry of log.filter((e) => e.startsWith('speak:') && !/guide-typed-|kiosk-keyboard-/.test(e))) {
    assert.ok(entry.split(':')[2].split('+').length >= 2, `a script, not a word: ${entry}`);
  }
  assert.ok(log.filter((e) => e.startsWith('announce')).length >= 20, 'focused controls were announced');
  assert.ok(!log.join('\n').includes('김민수'), 'the log holds ids, never words');
  assert.deepEqual(log.filter((e) => e.startsWith('speak-failed')), [], 'the voice took every script');
  assert.doesNotMatch(ctx.kiosk.log(), /runs silent/, 'the kiosk found its audio output and speech-dispatcher');
  assert.deepEqual(errors, []);
});
