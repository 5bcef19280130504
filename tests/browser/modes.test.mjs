// The accessibility modes, checked by axe-core (WCAG 2.2 AA) on every screen of a journey, in every mode:
// normal, 200% text, high contrast (and its contrast measured ≥ 7:1), low position (every control in
// the lower part of the screen), and easy Korean at 200% (a 78-year-old with presbyopia).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { useKiosk, kioskPage, out } from './kiosk.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ctx = useKiosk(['--no-card-reader']);

async function axe(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  assert.deepEqual(result, [], `axe on ${where}`);
}

/** Relative luminance contrast between two CSS colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function journey(page, mode, check) {
  await page.click(`[data-locale="${mode === 'easy-korean-200' ? 'ko-easy' : 'ko'}"]`);
  await check('service');
  await page.click('[data-service="lost-item-report"]');
  await page.waitForSelector('main[data-screen="step"]');
  await check('step-1');
  await page.click('#nav-next');
  await page.waitForSelector('#error-summary');
  await check('step-1-error');
  await page.locator('[data-field="item"] input[value="wallet"]').check();
  await page.click('#nav-next');
  await page.waitForSelector('[data-field="contents"]');
  await check('step-2');
  await page.click('#nav-cancel');
  await page.waitForSelector('#dialog:not([hidden])');
  await check('cancel-dialog');
  await page.screenshot({ path: join(out, `ko-${mode}-cancel.png`), fullPage: true });
  await page.click('[data-action="keep_going"]');
  // On to the review and the receipt.
  const next = async () => {
    const before = await page.textContent('#screen-title');
    await page.click('#nav-next');
    await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
  };
  await next();
  await page.fill('#f-description', '갈색 가죽 지갑');
  await next();
  await page.fill('#f-lost-date-year', '2026');
  await page.fill('#f-lost-date-month', '11');
  await page.fill('#f-lost-date-day', '21');
  await next();
  await page.fill('#f-lost-place', '종로3가역');
  await next();
  await page.fill('#f-name', '김민수');
  await next();
  await page.fill('#f-mobile', '010-2345-6789');
  await page.locator('[data-field="contact-by"] input[value="call"]').check();
  await next();
  await page.locator('[data-field="privacy-consent"] input').check();
  await next();
  await page.waitForSelector('main[data-screen="review"]');
  await check('review');
  await page.click('[data-action="submit"]');
  await page.waitForSelector('main[data-screen="receipt"]');
  await check('receipt');
  // Leave: the next test starts from an empty welcome screen (and the visitor's modes are reset).
  await page.click('[data-action="finish"]');
  await page.waitForSelector('main[data-screen="welcome"]');
}

for (const mode of ['normal', 'text-200', 'high-contrast', 'low-position', 'easy-korean-200']) {
  test(`WCAG 2.2 AA on every screen: ${mode}`, { timeout: 120000 }, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { bypassCSP: true });
    if (mode === 'text-200' || mode === 'easy-korean-200') await page.click('[data-size="200"]');
    if (mode === 'high-contrast') await page.click('#contrast');
    if (mode === 'low-position') await page.click('#low-position');
    await axe(page, `${mode}/welcome`);
    await journey(page, mode, async (where) => {
      await axe(page, `${mode}/${where}`);
      if (where === 'step-1-error') await page.screenshot({ path: join(out, `ko-${mode}-step.png`), fullPage: true });
      if (mode === 'high-contrast') {
        // Every text against its own background: at least 7:1 (WCAG AAA, as the law asks of high contrast).
        const pairs = await page.$$eval('main *, nav *, header *, #assist *, #guide *', (els) => els
          .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .map((e) => {
            const clear = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
            let bg = 'rgba(0, 0, 0, 0)';
            for (let p = e; p && clear(bg); p = p.parentElement) bg = getComputedStyle(p).backgroundColor;
            return [getComputedStyle(e).color, bg, e.textContent.trim().slice(0, 20)];
          }));
        for (const [fg, bg, text] of pairs) {
          const ratio = contrast(fg, /^rgba\(.*,\s*0\)$/.test(bg) ? 'rgb(255, 255, 255)' : bg);
          assert.ok(ratio >= 7, `${where}: "${text}" ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
        }
      }
      if (mode === 'low-position') {
        // Nothing to press in the upper part of the screen.
        const tops = await page.$$eval('button:not([hidden]), input, a', (els) => els
          .filter((e) => e.offsetParent !== null && !e.closest('[hidden]'))
          .map((e) => [e.getBoundingClientRect().top + window.scrollY, e.id || e.textContent.trim().slice(0, 15)]));
        for (const [top, what] of tops) assert.ok(top >= 0.4 * 1920, `${where}: "${what}" at ${Math.round(top)} px`);
      }
    });
    assert.deepEqual(errors, []);
  });
}
