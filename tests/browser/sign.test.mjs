// A deaf visitor: the lost-wallet report in Vietnamese with the sign-language clips and the captions alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useKiosk, kioskPage, out } from './kiosk.mjs';
import { choose, tapOn } from './walk.mjs';

const ctx = useKiosk(['--no-card-reader']);

/** The clip panel: shown, its clip, its area as a share of the screen, and the frame it is on. */
async function panel(page) {
  return page.$eval('#guide', (g) => {
    const sign = g.querySelector('#sign');
    const r = g.getBoundingClientRect();
    return {
      shown: !sign.hidden,
      clip: sign.dataset.clip,
      share: (r.width * r.height) / (window.innerWidth * window.innerHeight),
      frame: Number(sign.dataset.frame),
      caption: g.querySelector('#caption').textContent,
      sample: !g.querySelector('#sign-sample').hidden,
    };
  });
}

test('the lost-wallet report signed and captioned, step by step', { timeout: 90000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await page.click('[data-locale="vi"]');
  // The welcome screen's clip shows too: wait for the service screen's.
  await page.waitForSelector('#sign[data-clip="screen-service"]:not([hidden])');
  let p = await panel(page);
  assert.equal(p.clip, 'screen-service');
  assert.ok(p.share >= 1 / 6, `the panel is at least a sixth of the screen (${p.share.toFixed(3)})`);
  assert.ok(p.sample, 'a sample clip says so');
  assert.match(p.caption, /Chúng tôi có thể giúp gì cho bạn\?/);

  // Every step: its own clip, and captions that say the question.
  await page.click('[data-service="lost-item-report"]');
  // Each step: its clip, the caption saying its question, then the answer. A single choice goes on
  // by itself (`true`); the others with "next".
  const steps = [
    ['lost-item-report-item', async () => choose(page, 'item', 'wallet')],
    ['lost-item-report-contents', async () => choose(page, 'contents', 'bank-card')],
    ['lost-item-report-description', async () => page.fill('#f-description', 'Ví da màu nâu')],
    ['lost-item-report-when', async () => {
      await page.fill('#f-lost-date-year', '2026');
      await page.fill('#f-lost-date-month', '11');
      await page.fill('#f-lost-date-day', '21');
    }],
    ['lost-item-report-where', async () => choose(page, 'lost-area', 'transport')],
    ['lost-item-report-where', async () => choose(page, 'lost-spot', 'subway')],
    ['lost-item-report-where', async () => page.fill('#f-lost-place', 'Ga Jongno 3-ga')],
    ['lost-item-report-name', async () => page.fill('#f-name', 'Nguyễn Thị Lan')],
    ['lost-item-report-contact', async () => page.fill('#f-mobile', '010-9876-5432')],
    ['lost-item-report-contact', async () => choose(page, 'contact-by', 'text-message')],
    ['privacy-consent', async () => tapOn(page, '[data-field="privacy-consent"] label')],
  ];
  for (const [clip, answer] of steps) {
    await page.waitForFunction((c) => document.querySelector('#sign')?.dataset.clip === c, clip);
    p = await panel(page);
    assert.ok(p.shown && p.share >= 1 / 6, `${clip}: shown, a sixth of the screen`);
    const question = await page.textContent('#screen-title');
    assert.ok(p.caption.includes(question), `${clip}: the caption says "${question}"`);
    const before = await page.textContent('#screen-title');
    if (await answer() !== true) await page.click('#nav-next');
    await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
  }
  await page.waitForSelector('main[data-screen="review"]');
  assert.equal((await panel(page)).clip, 'screen-review');

  // The clip plays (its frames advance), plays again, slowly, and full screen.
  await page.waitForFunction(() => Number(document.querySelector('#sign').dataset.frame) >= 3);
  await page.click('#sign-slow');
  assert.equal(await page.getAttribute('#sign', 'data-speed'), '0.5');
  assert.equal(await page.getAttribute('#sign-slow', 'aria-pressed'), 'true');
  assert.ok((await panel(page)).frame <= 1, 'slow play starts over');
  await page.waitForFunction(() => Number(document.querySelector('#sign').dataset.frame) >= 2);
  const natural = await page.$eval('#sign-frame', (img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(natural, [240, 320], 'the frames are the clip\'s own');
  await page.click('#sign-full');
  const full = await page.$eval('#sign', (s) => s.getBoundingClientRect().height / window.innerHeight);
  assert.ok(full > 0.9, `full screen (${full})`);
  await page.screenshot({ path: join(out, 'vi-100-sign-full.png') });
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#sign-full', 'aria-pressed'), 'false');
  await page.screenshot({ path: join(out, 'vi-100-sign-review.png'), fullPage: true });
  await page.click('[data-action="submit"]');
  await page.waitForSelector('main[data-screen="receipt"]');
  p = await panel(page);
  assert.equal(p.clip, 'screen-receipt');
  assert.match(p.caption, /A 0 0 0 1/, 'the receipt number, in the captions too');
  assert.deepEqual(errors, []);
});
