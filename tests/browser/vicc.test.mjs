// Debian's vicc ePass as it ships (the Python 3 mends only: its own EF.COM, no face, no EF.SOD)
// in vsmartcard's second virtual reader, read through the real pcscd by the real kiosk, with a
// passport whose MRZ is made here: the visitor types her key by touch, a wrong birth date is
// explained and keeps what she typed, the right one pre-fills her name, marked as read from the
// document but not verified (the chip proves nothing without EF.SOD).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, repo, pause, pcscd } from './kiosk.mjs';
import { tapOn, typeByTaps, whereAt, moved, choose } from './walk.mjs';

/** The ICAO check digit: weights 7, 3, 1; digits as themselves, A-Z as 10-35, < as 0. */
function checkDigit(s) {
  const value = (c) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

/** A TD3 MRZ (two lines of 44, as one string, as vicc asks for it), its check digits computed. */
function td3(surname, given, number, born, sex, expires) {
  const line1 = `P<UTO${surname}<<${given.replace(/ /g, '<')}`.padEnd(44, '<');
  const doc = number.padEnd(9, '<');
  const optional = '<'.repeat(14);
  const [n, b, e, o] = [doc, born, expires, optional].map(checkDigit);
  const composite = checkDigit(`${doc}${n}${born}${b}${expires}${e}${optional}${o}`);
  return `${line1}${doc}${n}UTO${born}${b}${sex}${expires}${e}${optional}${o}${composite}`;
}

const MRZ = td3('KIM', 'OKSUN', 'M12345678', '480315', 'F', '310228');
let vicc;

before(async () => {
  pcscd();
  const dir = mkdtempSync(join(tmpdir(), 'vicc-'));
  execFileSync('/usr/bin/python3', [join(repo, 'tests', 'vicc', 'fix-vicc.py'), '--as-shipped', dir], { stdio: 'inherit' });
  vicc = spawn('/usr/bin/python3', ['/usr/bin/vicc', '-t', 'ePass', '-P', '35964'], { env: { ...process.env, PYTHONPATH: dir }, stdio: ['pipe', 'ignore', 'inherit'] });
  // Its prompts: the MRZ, then a photo, which she has none of.
  vicc.stdin.end(`${MRZ}\n\n`);
  await pause(2000);
});
after(() => vicc?.kill());

const ctx = useKiosk(['--reader', 'Virtual PCD 00 01']);

test('vicc as shipped: a wrong birth date is explained, the right key pre-fills her name, unverified', { timeout: 180000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const go = async (selector) => {
    const before = await whereAt(page);
    await tapOn(page, selector);
    await moved(page, before);
  };
  await go('[data-locale="ko"]');
  await go('[data-service="passport-reissue"]');
  await page.waitForSelector('[data-identify="document"]', { timeout: 15000 });
  await tapOn(page, '[data-identify="document"]');
  await page.waitForSelector('main[data-screen="document_key"]');
  const key = [
    ['#f-document-number', 'M12345678'],
    ['#f-document-birth-date-year', '1948'], ['#f-document-birth-date-month', '03'], ['#f-document-birth-date-day', '16'],
    ['#f-document-expiry-year', '2031'], ['#f-document-expiry-month', '02'], ['#f-document-expiry-day', '28'],
  ];
  for (const [box, text] of key) await typeByTaps(page, box, text);
  await tapOn(page, '#nav-next');
  await page.waitForSelector('#error-summary[data-code="card.access-denied"]', { timeout: 30000 });
  assert.equal(await page.inputValue('#f-document-number'), 'M12345678', 'what she typed is kept');
  await page.screenshot({ path: join(out, 'ko-100-vicc-01-wrong-birth-date.png') });

  // The day erased with the keyboard's own key, the right one typed.
  await tapOn(page, '#f-document-birth-date-day');
  for (let i = 0; i < 2; i += 1) await page.locator('#key-backspace').tap();
  await typeByTaps(page, '#f-document-birth-date-day', '15');
  await tapOn(page, '#nav-next');
  await page.waitForSelector('main[data-screen="step"]', { timeout: 30000 });
  await choose(page, 'reason', 'expired');
  await choose(page, 'pages', '58');
  assert.equal(await page.inputValue('#f-surname'), 'KIM');
  assert.equal(await page.inputValue('#f-given-names'), 'OKSUN');
  assert.equal(await page.textContent('#f-surname-prov'), '신분증에서 읽음 (확인 안 됨)', 'read from the chip, not proven: no EF.SOD');
  await page.screenshot({ path: join(out, 'ko-100-vicc-02-prefilled-unverified.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});
