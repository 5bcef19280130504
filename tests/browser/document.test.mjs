// The passport reissue with the chip: the specimen passport in vsmartcard's virtual reader, read through
// the real pcscd by the real kiosk, in Debian's Chromium. A wrong date first, then the right one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { useKiosk, kioskPage, out, repo } from './kiosk.mjs';
import { choose, tapOn, fillOn } from './walk.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core (WCAG 2.2 AA) on the chip's screens too. */
async function axe(page, where) {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(found, [], `axe on ${where}`);
}

before(() => {
  // pcscd with vpcd, and the specimen passport in "Virtual PCD 00 00".
  execFileSync(join(repo, 'scripts', 'card-service.sh'), ['start'], { stdio: 'inherit' });
});
const ctx = useKiosk(['--reader', 'Virtual PCD 00 00']);

async function next(page) {
  const before = await page.textContent('#screen-title');
  await page.click('#nav-next');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
}

test('passport reissue pre-filled from the chip', { timeout: 90000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { bypassCSP: true });
  await page.click('[data-locale="ko"]');
  await page.click('[data-service="passport-reissue"]');
  await page.waitForSelector('[data-identify="document"]', { timeout: 15000 });
  await page.screenshot({ path: join(out, 'ko-100-chip-01-identify.png') });
  await axe(page, 'identify');
  await page.click('[data-identify="document"]');
  await page.waitForSelector('main[data-screen="document_key"]');

  // A wrong birth date: the chip refuses, the visitor is told why, nothing typed is lost.
  await fillOn(page, '#f-document-number', 'S12345678');
  await fillOn(page, '#f-document-birth-date-year', '1948');
  await fillOn(page, '#f-document-birth-date-month', '03');
  await fillOn(page, '#f-document-birth-date-day', '16');
  await fillOn(page, '#f-document-expiry-year', '2034');
  await fillOn(page, '#f-document-expiry-month', '03');
  await fillOn(page, '#f-document-expiry-day', '14');
  await page.click('#nav-next');
  await page.waitForSelector('#error-summary[data-code="card.access-denied"]', { timeout: 20000 });
  assert.equal(await page.inputValue('#f-document-number'), 'S12345678', 'what was typed is kept');
  await page.screenshot({ path: join(out, 'ko-100-chip-02-wrong-key.png'), fullPage: true });
  await axe(page, 'document key, with the chip\'s refusal');

  await fillOn(page, '#f-document-birth-date-day', '15');
  await page.click('#nav-next');
  await page.waitForSelector('main[data-screen="step"]', { timeout: 20000 }).catch(async (e) => {
    await page.screenshot({ path: join(out, 'ko-100-chip-stuck.png') });
    throw new Error(`${e.message}: ${await page.getAttribute('main', 'data-screen')} ${await page.textContent('#screen')}`);
  });
  await choose(page, 'reason', 'expired');
  await choose(page, 'pages', '58');

  // The Roman-letter name comes from the chip, and says so.
  assert.equal(await page.inputValue('#f-surname'), 'HONG');
  assert.equal(await page.inputValue('#f-given-names'), 'GILSOON');
  const tag = await page.textContent('#f-surname-prov');
  assert.equal(tag, '신분증 칩에서 확인됨', 'verified by the chip: passive authentication passed');
  await page.screenshot({ path: join(out, 'ko-100-chip-03-prefilled-name.png'), fullPage: true });
  await axe(page, 'a step pre-filled from the chip');
  await next(page);
  await fillOn(page, '#f-name-korean', '홍길순');
  await next(page);
  await fillOn(page, '#f-resident-number', '480315-2345677');
  await next(page);
  assert.equal(await page.inputValue('#f-old-passport-number'), 'S12345678');
  await next(page);
  await fillOn(page, '#f-mobile', '010-2345-6789');
  await next(page);
  assert.equal(await page.inputValue('#f-address-line1'), '서울특별시 종로구 세종대로 209', 'the address from DG11');
  await fillOn(page, '#f-address-postcode', '03172');
  await next(page);
  await fillOn(page, '#f-emergency-name', '김민수');
  await next(page);
  await choose(page, 'emergency-relation', 'child');
  await fillOn(page, '#f-emergency-phone', '010-8765-4321');
  await next(page);
  assert.ok(await page.isChecked('[data-field="photo"] input[value="document"]'), 'the face from the chip fills the photo');
  const face = await page.$eval('.kiosk-photo__face', (img) => ({ w: img.naturalWidth, h: img.naturalHeight, alt: img.alt }));
  assert.deepEqual([face.w, face.h], [240, 320], 'the chip\'s face is shown, decoded by the browser');
  assert.equal(face.alt, '신분증 칩의 사진');
  await page.screenshot({ path: join(out, 'ko-100-chip-04-photo.png'), fullPage: true });
  await axe(page, 'the photo from the chip');
  await next(page);
  await tapOn(page, '[data-field="privacy-consent"] label');
  await next(page);
  await page.waitForSelector('main[data-screen="review"]');
  const surnameRow = await page.textContent('[data-field="surname"]');
  assert.match(surnameRow, /HONG/);
  assert.match(surnameRow, /신분증/);
  await page.screenshot({ path: join(out, 'ko-100-chip-05-review.png'), fullPage: true });
  await axe(page, 'review with provenance');
  await page.click('[data-action="submit"]');
  await page.waitForSelector('main[data-screen="receipt"]');
  assert.match(await page.textContent('#receipt-number'), /^[A-Z]-\d{4}$/);
  assert.deepEqual(errors, []);
});
