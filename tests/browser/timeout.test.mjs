// A visitor who walks away: the warning comes (with at least 20 s to answer), "more time" keeps
// what was typed, and with no answer the kiosk wipes and returns to the welcome screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useKiosk, kioskPage, out } from './kiosk.mjs';

const ctx = useKiosk(['--idle-timeout', '25']);

test('the inactivity warning, more time, then the wipe', { timeout: 90000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await page.click('[data-locale="ko"]');
  await page.click('[data-service="library-card"]');
  await page.waitForSelector('main[data-screen="step"]');
  await page.fill('#f-name', '김순자');
  const shown = Date.now();
  await page.waitForSelector('#dialog:not([hidden])', { timeout: 15000 });
  const text = await page.textContent('#dialog-text');
  const seconds = Number(/(\d+)/.exec(text)[1]);
  assert.ok(seconds >= 18 && seconds <= 20, `the warning leaves about 20 s: "${text}"`);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'more_time', 'focus on "more time"');
  await page.screenshot({ path: join(out, 'ko-100-timeout-warning.png') });
  await page.click('[data-action="more_time"]');
  await page.waitForSelector('#dialog', { state: 'hidden' });
  assert.equal(await page.inputValue('#f-name'), '김순자', 'more time keeps what was typed');
  // Now walk away for good.
  await page.waitForSelector('#dialog:not([hidden])', { timeout: 15000 });
  await page.waitForSelector('main[data-screen="welcome"]', { timeout: 30000 });
  assert.ok(Date.now() - shown >= 25000, 'the wipe came after the warning, not before');
  assert.equal(await page.$('#f-name'), null);
  assert.ok(await page.isHidden('#dialog'));
  assert.deepEqual(errors, []);
});
