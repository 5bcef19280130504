// An office that calls numbers (`--queue-tickets`): the visitor, by taps alone, finishes the
// lost-wallet report and the receipt screen shows her queue number (번호표) first and largest,
// then the receipt number; the next visitor gets the next number. At 200% text in Korean, and in
// low position in English, in the 1080×1920 screen: nothing scrolls, both numbers are on screen.
// Screenshots: tests/out/queue-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, settled } from './kiosk.mjs';
import { walkForm, tapOn } from './walk.mjs';

const ctx = useKiosk(['--queue-tickets', '--no-card-reader']);

for (const [n, locale, size, low, label] of [
  ['001', 'ko', '200', false, '대기번호'],
  ['002', 'en', '200', true, 'Queue number'],
]) {
  test(`queue number ${n}: ${locale}, ${size}% text${low ? ', low position' : ''}`, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
    await settled(page);
    await tapOn(page, `[data-size="${size}"]`);
    if (low) await tapOn(page, '#low-position');
    let seen;
    await walkForm(page, 'lost-item-report', locale, async (where) => {
      if (where !== 'receipt') return;
      seen = await page.evaluate(() => {
        const q = document.getElementById('queue-number');
        const r = document.getElementById('receipt-number');
        const inside = (e) => { const b = e.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight && b.left >= 0 && b.right <= innerWidth; };
        const se = document.scrollingElement;
        return {
          queue: q?.textContent, label: q?.previousElementSibling?.textContent, receipt: r?.textContent,
          first: q && r ? Boolean(q.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING) : false,
          larger: q && r ? parseFloat(getComputedStyle(q).fontSize) > parseFloat(getComputedStyle(r).fontSize) : false,
          inside: q && r ? inside(q) && inside(r) : false,
          scrolls: se.scrollHeight > innerHeight + 1 || se.scrollWidth > innerWidth + 1,
        };
      });
      await page.screenshot({ path: join(out, `queue-${locale}-${size}${low ? '-low' : ''}.png`) });
    }, { byTaps: true });
    assert.ok(seen, 'the receipt screen was reached');
    assert.equal(seen.queue, n, 'the day\'s next number');
    assert.equal(seen.label, label);
    assert.match(seen.receipt, /^[A-Z]-\d{4}$/, 'the receipt number is still there');
    assert.ok(seen.first && seen.larger, `the queue number first and largest: ${JSON.stringify(seen)}`);
    assert.ok(seen.inside && !seen.scrolls, `on screen, nothing scrolls: ${JSON.stringify(seen)}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
