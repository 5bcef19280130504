// Every action reachable by keyboard alone: a whole journey with Tab, arrows, Space, Enter and Escape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useKiosk, kioskPage, settled } from './kiosk.mjs';

const ctx = useKiosk();

/** Presses Tab until the focused element matches `selector` (at most 60 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** A new screen, once it takes keys (a select key pressed at once after it appears counts as a double press). */
async function screen(page, name) {
  await page.waitForSelector(`main[data-screen="${name}"]`);
  await settled(page);
}

test('a library-card sign-up with the keyboard only', async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const k = page.keyboard;
  // The welcome: a language chosen starts the visit in it.
  await tabTo(page, '[data-locale="en"]');
  await k.press('Enter');
  await screen(page, 'service');
  await tabTo(page, '[data-service="library-card"]');
  await k.press('Enter');
  await screen(page, 'step');
  // The first input has focus already: type and press Enter.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-name');
  await k.type('Kim Sunja');
  await k.press('Enter');
  await page.waitForSelector('#f-birth-date-year');
  await settled(page);
  await k.type('1948');
  await k.press('Tab');
  await k.type('3');
  await k.press('Tab');
  await k.type('15');
  await k.press('Enter');
  await page.waitForSelector('#f-mobile');
  await settled(page);
  await k.type('010-2345-6789');
  // Escape goes back, keeping what was typed on the way.
  await k.press('Escape');
  await page.waitForSelector('#f-birth-date-day');
  await settled(page);
  assert.equal(await page.inputValue('#f-birth-date-day'), '15');
  await tabTo(page, '#nav-next');
  await k.press('Enter');
  await page.waitForSelector('#f-mobile');
  await settled(page);
  assert.equal(await page.inputValue('#f-mobile'), '010-2345-6789', 'the number typed before going back is kept');
  await k.press('Enter');
  await page.waitForSelector('#f-address-postcode');
  await settled(page);
  // The focus starts in the address search; this visitor types the address herself.
  await k.press('Tab');
  await k.type('03154');
  await k.press('Tab');
  await k.type('1 Jongno, Jongno-gu, Seoul');
  await k.press('Enter');
  await page.waitForSelector('[data-field="notices"]');
  await settled(page);
  await tabTo(page, '#f-notices-due-date');
  await k.press('Space');
  await tabTo(page, '#nav-next');
  await k.press('Enter');
  await page.waitForSelector('#f-privacy-consent');
  await settled(page);
  await tabTo(page, '#f-privacy-consent');
  await k.press('Space');
  await k.press('Enter');
  await screen(page, 'review');
  await tabTo(page, '[data-action="submit"]');
  await k.press('Enter');
  await screen(page, 'receipt');
  assert.match(await page.textContent('#receipt-number'), /^A-\d{4}$/);
  await tabTo(page, '[data-action="finish"]');
  await k.press('Enter');
  await screen(page, 'welcome');
  assert.deepEqual(errors, []);
});

test('radio choices move with the arrow keys; the cancel dialog answers to Escape', async () => {
  const { page } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const k = page.keyboard;
  await tabTo(page, '[data-locale="ko"]');
  await k.press('Enter');
  await screen(page, 'service');
  await tabTo(page, '[data-service="resident-certificate"]');
  await k.press('Enter');
  await screen(page, 'step');
  await tabTo(page, '#f-kind-copy');
  await k.press('Space');
  await k.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.querySelector('input[name="kind"]:checked')?.value), 'abstract');
  await tabTo(page, '#nav-cancel');
  await k.press('Enter');
  await page.waitForSelector('#dialog:not([hidden])');
  await settled(page);
  await k.press('Escape');
  await page.waitForSelector('#dialog', { state: 'hidden' });
  await screen(page, 'step');
  await tabTo(page, '#nav-cancel');
  await k.press('Enter');
  await page.waitForSelector('#dialog:not([hidden])');
  await settled(page);
  await tabTo(page, '[data-action="confirm_cancel"]');
  await k.press('Enter');
  await screen(page, 'welcome');
});
