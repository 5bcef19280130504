// The chip's other ways in and its harder cases, in Debian's Chromium against the real kiosk and pcscd:
// the card access number (PACE with the CAN), a chip whose data was changed after it was signed, and a
// face photo in JPEG 2000 (which browsers cannot show: the kiosk decodes it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { useKiosk, startKiosk, kioskPage, out, repo } from './kiosk.mjs';
import { choose, tapOn, fillOn } from './walk.mjs';

const virtualCard = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-virtual-card');
let tampered = null;

/** A second virtual passport, in "Virtual PCD 00 01", with `args`; and a kiosk that reads only that reader. */
async function secondPassport(args) {
  tampered = spawn(virtualCard, ['--port', '35964', '--pki', join(repo, '.minwon', 'pki'), ...args], { stdio: 'ignore' });
  return startKiosk(['--reader', 'Virtual PCD 00 01']);
}

async function typeSpecimenKey(page) {
  await fillOn(page, '#f-document-number', 'S12345678');
  await fillOn(page, '#f-document-birth-date-year', '1948');
  await fillOn(page, '#f-document-birth-date-month', '03');
  await fillOn(page, '#f-document-birth-date-day', '15');
  await fillOn(page, '#f-document-expiry-year', '2034');
  await fillOn(page, '#f-document-expiry-month', '03');
  await fillOn(page, '#f-document-expiry-day', '14');
  await page.click('#nav-next');
}

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
  await tapOn(page, '#key-switch');
  await page.waitForSelector('#f-document-can');
  assert.equal(await page.getAttribute('.kiosk-figure__image', 'src'), 'img/document-can.svg', 'the picture shows where the CAN is');
  assert.equal(await page.textContent('#key-switch'), 'Use the passport number and dates instead');

  // Five digits: the kiosk says what a CAN looks like before touching the chip.
  await fillOn(page, '#f-document-can', '24681');
  await page.click('#nav-next');
  await page.waitForSelector('[data-field="document-can"] .kiosk-field__error[data-code="can"]');

  // Six digits, but not this document's: the chip refuses, and the visitor is told to check the number.
  await fillOn(page, '#f-document-can', '135792');
  await page.click('#nav-next');
  await page.waitForSelector('#error-summary[data-code="card.wrong-can"]', { timeout: 20000 });
  assert.match(await page.textContent('#error-summary'), /card access number does not match/);
  assert.equal(await page.inputValue('#f-document-can'), '135792', 'what was typed is kept');
  await page.screenshot({ path: join(out, 'en-100-can-01-wrong.png'), fullPage: true });

  await fillOn(page, '#f-document-can', '246813');
  await page.click('#nav-next');
  await page.waitForSelector('main[data-screen="step"]', { timeout: 20000 });
  await choose(page, 'reason', 'expired');
  await choose(page, 'pages', '58');
  await page.waitForSelector('#f-surname');
  assert.equal(await page.inputValue('#f-surname'), 'HONG');
  assert.equal(await page.textContent('#f-surname-prov'), 'Verified by the ID chip');
  await page.screenshot({ path: join(out, 'en-100-can-02-prefilled.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a chip changed after signing is refused, and the visitor can still type', { timeout: 90000 }, async () => {
  // The same specimen, one letter of its name changed after EF.SOD was signed, in the second virtual reader.
  const kiosk = await secondPassport(['--tamper']);
  try {
    const { page, errors } = await kioskPage(ctx.browser, kiosk.url);
    await toKeyScreen(page, 'ko');
    await typeSpecimenKey(page);
    await page.waitForSelector('#error-summary[data-code="card.tampered"]', { timeout: 30000 });
    assert.match(await page.textContent('#error-summary'), /서명과 맞지 않아/);
    await page.screenshot({ path: join(out, 'ko-100-chip-tampered.png'), fullPage: true });
    // Nothing from the chip was kept: typing instead starts from an empty form.
    await page.click('#nav-back');
    await page.waitForSelector('[data-identify="type"]');
    await page.click('[data-identify="type"]');
    await page.waitForSelector('main[data-screen="step"]');
    await choose(page, 'reason', 'expired');
    await choose(page, 'pages', '58');
    await page.waitForSelector('#f-surname');
    assert.equal(await page.inputValue('#f-surname'), '');
    assert.deepEqual(errors, []);
  } finally {
    kiosk.stop();
    tampered.kill();
    tampered = null;
  }
});

test('a JPEG 2000 face from the chip is shown on the photo step', { timeout: 90000 }, async () => {
  // ImageMagick writes the JPEG 2000 (OpenJPEG); the kiosk decodes it with its own pure-Rust decoder.
  const jp2 = join(out, 'face.jp2');
  execFileSync('convert', ['-size', '240x320', 'gradient:#ecc4a4-#28386e', '-define', 'jp2:quality=30', jp2]);
  const kiosk = await secondPassport(['--face', jp2]);
  try {
    const { page, errors } = await kioskPage(ctx.browser, kiosk.url);
    await toKeyScreen(page, 'vi');
    await typeSpecimenKey(page);
    await page.waitForSelector('main[data-screen="step"]', { timeout: 30000 });
    // Walk to the photo step; what the chip gave is already filled in.
    const next = async () => {
      const before = await page.textContent('#screen-title');
      await page.click('#nav-next');
      await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
    };
    await choose(page, 'reason', 'expired');
    await choose(page, 'pages', '58');
    await next(); // the name, from the chip
    await fillOn(page, '#f-name-korean', '홍길순');
    await next();
    await fillOn(page, '#f-resident-number', '480315-2345677');
    await next();
    await next(); // the old passport's number, from the chip
    await fillOn(page, '#f-mobile', '010-2345-6789');
    await next();
    await fillOn(page, '#f-address-postcode', '03172');
    await next();
    await fillOn(page, '#f-emergency-name', '김민수');
    await next();
    await choose(page, 'emergency-relation', 'child');
    await fillOn(page, '#f-emergency-phone', '010-8765-4321');
    await next();
    assert.ok(await page.isChecked('[data-field="photo"] input[value="document"]'), 'the chip\'s face fills the photo');
    const face = await page.$eval('.kiosk-photo__face', (img) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src.slice(0, 22) }));
    assert.deepEqual(face, { w: 240, h: 320, src: 'data:image/png;base64,' });
    await page.screenshot({ path: join(out, 'vi-100-chip-jp2-face.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    kiosk.stop();
    tampered.kill();
    tampered = null;
  }
});
