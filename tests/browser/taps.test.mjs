// Every tap counts once: a trembling double tap (100, 200 and 300 ms apart) on every primary action
// of the lost-wallet report does one thing. The second tap lands on whatever the next screen shows
// there (the receipt's "finish" sits where "send" was) and must do nothing: the receipt survives.
// A double press of the keypad's select key counts once too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useKiosk, kioskPage, settled, effects } from './kiosk.mjs';
import { ANSWERS, tapOn } from './walk.mjs';

const ctx = useKiosk(['--no-card-reader']);


const screen = (page) => page.getAttribute('main', 'data-screen');
const counter = (page) => page.textContent('.kiosk-step-counter').catch(() => '');

/** Two taps `gap` ms apart at the centre of `selector`, as a trembling finger does. */
async function doubleTap(page, selector, gap) {
  await settled(page);
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is on the screen`);
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.touchscreen.tap(x, y);
  await page.waitForTimeout(gap);
  await page.touchscreen.tap(x, y);
  // Long enough for a second action to have been carried out, had it counted.
  await page.waitForTimeout(900);
}

/** Answers the step by taps (the first choice) or by filling its text fields. */
async function answer(page) {
  const fields = await page.$$eval('[data-field]', (els) => els.map((e) => [e.dataset.field, e.dataset.kind]));
  for (const [id, kind] of fields) {
    if (['single_choice', 'multiple_choice', 'consent'].includes(kind)) {
      await settled(page);
      await page.locator(`[data-field="${id}"] label.kiosk-option`).first().tap();
    } else if (kind === 'date') {
      const [y, m, d] = ANSWERS[id].split('-');
      await page.fill(`input[name="${id}.year"]`, y);
      await page.fill(`input[name="${id}.month"]`, m);
      await page.fill(`input[name="${id}.day"]`, d);
    } else {
      await page.fill(`[data-field="${id}"] input`, ANSWERS[id] || 'Nguyen Thi Lan');
    }
  }
}

for (const gap of [100, 200, 300]) {
  test(`a double tap ${gap} ms apart counts once, on every primary action`, { timeout: 120000 }, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
    const start = (await effects(page)).length;
    // The welcome: a language touched twice starts once, and the second touch picks no service.
    await doubleTap(page, '[data-locale="en"]', gap);
    assert.equal(await screen(page), 'service');
    await doubleTap(page, '[data-service="lost-item-report"]', gap);
    assert.equal(await screen(page), 'step');
    assert.match(await counter(page), /^Step 1 of/);
    assert.equal(await page.$('.kiosk-field__error'), null, 'the second tap did not press anything on the new step');
    for (let step = 1; await screen(page) === 'step'; step += 1) {
      // A single choice is its step's primary action (it goes on by itself); else "next".
      if (await page.$('form[data-advance="on-choice"]')) {
        await doubleTap(page, 'label.kiosk-option', gap);
      } else {
        await answer(page);
        await doubleTap(page, '#nav-next', gap);
      }
      if (await screen(page) !== 'step') break;
      assert.match(await counter(page), new RegExp(`^Step ${step + 1} of`), `one step on from step ${step}`);
      assert.equal(await page.$('.kiosk-field__error'), null, `step ${step + 1} opened clean, not already refused`);
    }
    assert.equal(await screen(page), 'review');
    // Send, twice: queued once, and the receipt is still there to read.
    await doubleTap(page, '[data-action="submit"]', gap);
    assert.equal(await screen(page), 'receipt', 'the receipt survives the second tap');
    const number = await page.textContent('#receipt-number');
    await doubleTap(page, '[data-action="finish"]', gap);
    assert.equal(await screen(page), 'welcome');
    await page.waitForTimeout(600);
    assert.equal(await screen(page), 'welcome', 'the second tap on "finish" did not start a new visit');
    const log = (await effects(page)).slice(start);
    assert.equal(log.filter((e) => e.startsWith('enqueue:')).length, 1, `one submission queued: ${log.join(' ')}`);
    assert.equal(log.filter((e) => e.startsWith('speak:screen-receipt')).length, 1, `one receipt: ${log.join(' ')}`);
    assert.match(number, /^[A-HJ-NP-Z]-\d{4}$/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('the keypad\'s select key pressed twice counts once', { timeout: 60000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await tapOn(page, '[data-locale="ko"]');
  await page.waitForSelector('main[data-screen="service"]');
  await tapOn(page, '[data-service="lost-item-report"]');
  await page.waitForSelector('main[data-screen="step"]');
  // Step 2 (what was inside) is not a single choice: "next" is pressed.
  await tapOn(page, 'label.kiosk-option');
  await page.waitForSelector('[data-field="contents"]');
  await settled(page);
  await answer(page);
  await page.focus('#nav-next');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(900);
  assert.match(await counter(page), /3단계/, 'one step on');
  assert.equal(await page.$('.kiosk-field__error'), null, 'the second press did not send the new step empty');
  await ctx.kiosk.act({ type: 'cancel' });
  await ctx.kiosk.act({ type: 'confirm_cancel' });
  assert.deepEqual(errors, []);
  await page.context().close();
});
