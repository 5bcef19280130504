// Whole visitor journeys through the real engine (--serve) in Debian's Chromium, with screenshots
// of every screen, then a look inside the SQLite outbox: the rows are queued and nothing personal is readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, settled } from './kiosk.mjs';
import { fillOn, showPageOf, tapOn } from './walk.mjs';

const receipts = [];
const personal = new Set();

const ctx = useKiosk();

async function shot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

async function title(page) {
  return (await page.textContent('#screen-title')).trim();
}

/** Fills the current step from a map field id → value, then presses Next. */
async function fill(page, answers) {
  await settled(page);
  for (const [field, value] of Object.entries(answers)) {
    const at = `[data-field="${field}"]`;
    const kind = await page.getAttribute(at, 'data-kind');
    if (typeof value === 'string' && /[A-Za-z가-힣ạ-ỹ]{3,}|\d{4}/.test(value)) personal.add(value);
    const tap = async (selector) => {
      await showPageOf(page, selector);
      await settled(page);
      await page.locator(selector).tap();
    };
    if (kind === 'single_choice' || kind === 'photo') await tap(`${at} label:has(input[value="${value}"])`);
    else if (kind === 'multiple_choice') for (const v of value) await tap(`${at} label:has(input[value="${v}"])`);
    else if (kind === 'consent') await tap(`${at} label.kiosk-option`);
    else if (kind === 'date') {
      const [y, m, d] = value.split('-');
      await fillOn(page, `${at} input[name="${field}.year"]`, y);
      await fillOn(page, `${at} input[name="${field}.month"]`, m);
      await fillOn(page, `${at} input[name="${field}.day"]`, d);
    } else if (kind === 'address') {
      await fillOn(page, `${at} input[name="${field}.postcode"]`, value.postcode);
      await fillOn(page, `${at} input[name="${field}.line1"]`, value.line1);
      personal.add(value.line1);
    } else await fillOn(page, `${at} input`, value);
    if (field === 'resident-number') {
      // The back seven digits go to their own box, shown as ● until "show" is touched.
      assert.equal(await page.getAttribute('#f-resident-number-back', 'type'), 'password');
      assert.equal(await page.inputValue('#f-resident-number-back'), value.replace(/\D/g, '').slice(6));
      await page.tap('#f-resident-number-show');
      assert.equal(await page.getAttribute('#f-resident-number-back', 'type'), 'text');
      await page.tap('#f-resident-number-show');
      assert.equal(await page.getAttribute('#f-resident-number-back', 'type'), 'password');
    }
  }
}

async function next(page) {
  const before = await title(page);
  await page.click('#nav-next');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent.trim() !== t, before);
}

/** Answers a step and goes on: a single choice goes on by itself, every other step with "next". */
async function answerStep(page, answers) {
  const before = await title(page);
  const advances = await page.$('form[data-advance="on-choice"]');
  await fill(page, answers);
  if (advances) await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent.trim() !== t, before);
  else await next(page);
}

const PASSPORT = {
  form: 'passport-reissue',
  steps: [
    { reason: 'expired' },
    { pages: '58' },
    { surname: 'HONG', 'given-names': 'GILSOON' },
    { 'name-korean': '홍길순' },
    { 'resident-number': '480315-2345677' },
    { 'old-passport-number': 'M12345678' },
    { mobile: '010-2345-6789' },
    { address: { postcode: '03154', line1: '서울특별시 종로구 세종대로 209' } },
    { 'emergency-name': '김민수' },
    { 'emergency-relation': 'child' },
    { 'emergency-phone': '010-8765-4321' },
    { photo: 'at-counter' },
    { 'privacy-consent': true },
  ],
};

const LOST_WALLET = {
  form: 'lost-item-report',
  steps: [
    { item: 'wallet' },
    { contents: ['residence-card', 'bank-card'] },
    { description: 'Brown leather wallet, Saigon brand' },
    { 'lost-date': '2026-11-20' },
    { 'lost-area': 'transport' },
    { 'lost-spot': 'subway' },
    { 'lost-place': 'Jongno 3-ga station, line 1' },
    { name: 'Nguyen Thi Lan' },
    { mobile: '010-5555-7777' },
    { 'contact-by': 'text-message' },
    { 'privacy-consent': true },
  ],
};

async function journey({ form, steps }, locale, size) {
  const tag = `${locale}-${size}-${form}`;
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  // One kiosk, one visitor: if an earlier journey stopped half-way, start again.
  if (await page.getAttribute('main', 'data-screen') !== 'welcome') {
    await page.click('#nav-cancel');
    await page.click('[data-action="confirm_cancel"]').catch(() => {});
    await page.waitForSelector('main[data-screen="welcome"]');
  }
  if (size !== '100') await page.click(`[data-size="${size}"]`);
  await page.waitForFunction((s) => document.documentElement.dataset.textSize === s, size);
  assert.equal(await page.getAttribute('#screen-title', 'tabindex'), '-1');
  await shot(page, `${tag}-01-welcome`);
  // 시작하기 goes on in Korean; a language touched on the welcome starts the visit in it.
  await page.click(locale === 'ko' ? '[data-action="start"]' : `[data-locale="${locale}"]`);
  await page.waitForSelector('main[data-screen="service"]');
  assert.equal(await page.getAttribute('html', 'lang'), locale);
  await shot(page, `${tag}-03-service`);
  await page.click(`[data-service="${form}"]`);
  await page.waitForSelector('main[data-screen="identify"], main[data-screen="step"]');
  if (await page.$('main[data-screen="identify"]')) {
    await shot(page, `${tag}-04-identify`);
    await page.click('[data-identify="type"]');
    await page.waitForSelector('main[data-screen="step"]');
  }
  for (const [i, answers] of steps.entries()) {
    const counter = await page.textContent('.kiosk-step-counter');
    assert.match(counter, new RegExp(String(i + 1)), 'the step counter shows where the visitor is');
    if (i === 0) {
      // Next with nothing chosen: an error summary and the message beside the field.
      await page.click('#nav-next');
      await page.waitForSelector('.kiosk-field__error');
      assert.equal(await page.getAttribute('.kiosk-field__error', 'data-code'), 'required');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'kiosk-field__error',
        'a lone question: focus moves to its message, which is the summary');
      await shot(page, `${tag}-05-step-error`);
    }
    if (i === 2) await shot(page, `${tag}-06-step-${i + 1}`);
    await answerStep(page, answers);
  }
  await page.waitForSelector('main[data-screen="review"]');
  await shot(page, `${tag}-07-review`);
  const rrn = steps.find((s) => s['resident-number']);
  if (rrn) {
    await showPageOf(page, '[data-field="resident-number"]');
    const row = await page.textContent('[data-field="resident-number"] .kiosk-review__value');
    assert.match(row, /^480315-2●●●●●●/, 'the review shows the number masked');
  }
  if (size === '200') {
    await page.click('#settings-open');
    await page.click('#contrast');
    await page.waitForFunction(() => document.documentElement.classList.contains('kiosk-contrast'));
    await page.click('#settings-close');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(0, 0, 0)', 'high contrast: white on black');
    await shot(page, `${tag}-07b-review-high-contrast`);
    await page.click('#settings-open');
    await page.click('#contrast');
    await page.waitForFunction(() => !document.documentElement.classList.contains('kiosk-contrast'));
    await page.click('#settings-close');
  }
  // Change the first answer from the review screen and come back.
  await tapOn(page, '.kiosk-review__change button');
  await page.waitForSelector('main[data-screen="step"]');
  await next(page);
  await page.waitForSelector('main[data-screen="review"]');
  // The cancel question, answered "no".
  await page.click('#nav-cancel');
  await page.waitForSelector('#dialog:not([hidden])');
  await shot(page, `${tag}-08-cancel-dialog`);
  await page.click('[data-action="keep_going"]');
  await page.waitForSelector('#dialog', { state: 'hidden' });
  await page.click('[data-action="submit"]');
  await page.waitForSelector('main[data-screen="receipt"]');
  const number = (await page.textContent('#receipt-number')).trim();
  assert.match(number, /^[A-HJ-NP-Z]-\d{4}$/, 'a receipt number that reads aloud');
  await shot(page, `${tag}-09-receipt`);
  receipts.push(number);
  await page.click('[data-action="finish"]');
  await page.waitForSelector('main[data-screen="welcome"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'ko', 'the next visitor starts in Korean');
  assert.equal(await page.getAttribute('html', 'data-text-size'), '100', 'and at normal text size');
  assert.deepEqual(errors, [], 'no script errors, no CSP violations');
  await page.context().close();
  return number;
}

test('passport reissue in Korean at 100% text', async () => {
  await journey(PASSPORT, 'ko', '100');
});

test('passport reissue in English at 200% text', async () => {
  await journey(PASSPORT, 'en', '200');
});

test('lost-wallet report in English at 100% text', async () => {
  await journey(LOST_WALLET, 'en', '100');
});

test('lost-wallet report in Korean at 200% text', async () => {
  await journey(LOST_WALLET, 'ko', '200');
});

test('receipts are distinct and the outbox holds every submission, sealed', () => {
  assert.equal(new Set(receipts).size, 4, `distinct receipts: ${receipts}`);
  const db = join(ctx.kiosk.data, 'outbox.sqlite');
  const rows = execFileSync('python3', ['-c', `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute("select receipt, form_id from outbox where time_sent is null order by seq"):
    print(r[0], r[1])
`, db], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(rows.map((r) => r.split(' ')[0]), receipts, 'one queued row per receipt, in order');
  assert.deepEqual(rows.map((r) => r.split(' ')[1]),
    ['passport-reissue', 'passport-reissue', 'lost-item-report', 'lost-item-report']);
  const files = readdirSync(ctx.kiosk.data).filter((f) => f.startsWith('outbox.sqlite'));
  assert.ok(files.includes('outbox.sqlite-wal'), `the WAL is there to be scanned too: ${files}`);
  const raw = Buffer.concat(files.map((f) => readFileSync(join(ctx.kiosk.data, f))));
  assert.ok(personal.size >= 10, 'the scan looks for real values');
  for (const value of personal) {
    assert.equal(raw.indexOf(Buffer.from(value, 'utf8')), -1, `"${value}" is in the outbox files in plain text`);
    assert.equal(ctx.kiosk.log().indexOf(value), -1, `"${value}" is in the kiosk's log`);
  }
});
