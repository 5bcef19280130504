// The chip's other ways in and its worst case, in Debian's Chromium against the real kiosk and pcscd:
// the card access number (PACE with the CAN), and a chip whose data was changed after it was signed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { useKiosk, startKiosk, kioskPage, out, repo } from './kiosk.mjs';

const virtualCard = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-virtual-card');
let tampered = null;

before(() => {
  // pcscd with vpcd, and the specimen passport in "Virtual PCD 00 00".
  execFileSync(join(repo, 'scripts', 'card-service.sh'), ['start'], { stdio: 'inherit' });
});
after(() => { tampered?.kill(); });
const ctx = useKiosk(['--reader', 'Virtual PCD 00 00']);

async function toKeyScreen(page, locale) {
  await page.click(`[data-locale="${locale}"]`);
  await page.click('[data-service="passport-reissue"]');
  await page.waitForSelector('[data-identify="document"]', { timeout: 15000 });
  await page.click('[data-identify="document"]');
  await page.waitForSelector('main[data-screen="document_key"]');
}

test('the card access number opens the chip (PACE with the CAN)', { timeout: 90000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await toKeyScreen(page, 'en');
  await page.click('#key-switch');
  await page.waitForSelector('#f-document-can');
  assert.equal(await page.getAttribute('.kiosk-figure__image', 'src'), 'img/document-can.svg', 'the picture shows where the CAN is');
  assert.equal(await page.textContent('#key-switch'), 'Use the passport number and dates instead');

  // Five digits: the kiosk says what a CAN looks like before touching the chip.
  await page.fill('#f-document-can', '24681');
  await page.click('#nav-next');
  await page.waitForSelector('[data-field="document-can"] .kiosk-field__error[data-code="can"]');

  // Six digits, but not this document's: the chip refuses, and the visitor is told to check the number.
  await page.fill('#f-document-can', '135792');
  await page.click('#nav-next');
  await page.waitForSelector('#error-summary[data-code="card.wrong-can"]', { timeout: 20000 });
  assert.match(await page.textContent('#error-summary'), /card access number does not match/);
  assert.equal(await page.inputValue('#f-document-can'), '135792', 'what was typed is kept');
  await page.screenshot({ path: join(out, 'en-100-can-01-wrong.png'), fullPage: true });

  await page.fill('#f-document-can', '246813');
  await page.click('#nav-next');
  await page.waitForSelector('main[data-screen="step"]', { timeout: 20000 });
  await page.locator('[data-field="reason"] input[value="expired"]').check();
  await page.click('#nav-next');
  await page.locator('[data-field="pages"] input[value="58"]').check();
  await page.click('#nav-next');
  await page.waitForSelector('#f-surname');
  assert.equal(await page.inputValue('#f-surname'), 'HONG');
  assert.equal(await page.textContent('#f-surname-prov'), 'Verified by the ID chip');
  await page.screenshot({ path: join(out, 'en-100-can-02-prefilled.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a chip changed after signing is refused, and the visitor can still type', { timeout: 90000 }, async () => {
  // The same specimen, one letter of its name changed after EF.SOD was signed, in the second virtual reader.
  tampered = spawn(virtualCard, ['--port', '35964', '--pki', join(repo, '.minwon', 'pki'), '--tamper'], { stdio: 'ignore' });
  const kiosk = await startKiosk(['--reader', 'Virtual PCD 00 01']);
  try {
    const { page, errors } = await kioskPage(ctx.browser, kiosk.url);
    await toKeyScreen(page, 'ko');
    await page.fill('#f-document-number', 'S12345678');
    await page.fill('#f-document-birth-date-year', '1948');
    await page.fill('#f-document-birth-date-month', '03');
    await page.fill('#f-document-birth-date-day', '15');
    await page.fill('#f-document-expiry-year', '2034');
    await page.fill('#f-document-expiry-month', '03');
    await page.fill('#f-document-expiry-day', '14');
    await page.click('#nav-next');
    await page.waitForSelector('#error-summary[data-code="card.tampered"]', { timeout: 30000 });
    assert.match(await page.textContent('#error-summary'), /서명과 맞지 않아/);
    await page.screenshot({ path: join(out, 'ko-100-chip-tampered.png'), fullPage: true });
    // Nothing from the chip was kept: typing instead starts from an empty form.
    await page.click('#nav-back');
    await page.waitForSelector('[data-identify="type"]');
    await page.click('[data-identify="type"]');
    await page.waitForSelector('main[data-screen="step"]');
    await page.locator('[data-field="reason"] input[value="expired"]').check();
    await page.click('#nav-next');
    await page.locator('[data-field="pages"] input[value="58"]').check();
    await page.click('#nav-next');
    await page.waitForSelector('#f-surname');
    assert.equal(await page.inputValue('#f-surname'), '');
    assert.deepEqual(errors, []);
  } finally {
    kiosk.stop();
    tampered.kill();
    tampered = null;
  }
});
