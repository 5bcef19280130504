// Every screen of every bundled form fits the kiosk's screen, as the visitor sees it: in Chromium at
// 1080x1920 and 1920x1080, at 100, 150 and 200% text and in low position, nothing scrolls, nothing
// is cut off, every control lies inside the screen (and, in low position, below its upper part),
// and what does not fit is on pages the visitor can turn. Screenshots of every screen at 200% and
// in low position, in Korean and in English, go to tests/out/fit/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, repo, settled } from './kiosk.mjs';
import { walkForm, tapOn } from './walk.mjs';

const ctx = useKiosk();
const shots = join(out, 'fit');
mkdirSync(shots, { recursive: true });

/** What is wrong with the screen as shown: an empty list when it fits. */
function problems({ low }) {
  const bad = [];
  const W = window.innerWidth;
  const H = window.innerHeight;
  const se = document.scrollingElement;
  if (se.scrollHeight > H + 1 || se.scrollWidth > W + 1) bad.push(`the page scrolls: ${se.scrollWidth}x${se.scrollHeight}`);
  const shown = (e) => e.getClientRects().length > 0 && !e.closest('[hidden]') && getComputedStyle(e).visibility !== 'hidden';
  for (const id of ['header', 'top', 'main', 'screen', 'nav', 'assist']) {
    const e = document.getElementById(id);
    if (e && shown(e) && e.scrollHeight > e.clientHeight + 1) bad.push(`#${id} is cut off: ${e.scrollHeight} > ${e.clientHeight}`);
  }
  for (const box of document.querySelectorAll('.kiosk-dialog__box')) {
    if (shown(box) && box.scrollHeight > box.clientHeight + 1) bad.push(`a dialog is cut off: ${box.scrollHeight} > ${box.clientHeight}`);
  }
  const screen = document.getElementById('screen').getBoundingClientRect();
  const reach = (W > H ? 0.35 : 0.4) * H;
  const dialogOpen = [...document.querySelectorAll('.kiosk-dialog')].some(shown);
  const controls = document.querySelectorAll('button, a[href], input:not([type="radio"]):not([type="checkbox"]), label.kiosk-option');
  for (const c of controls) {
    if (!shown(c) || (dialogOpen && !c.closest('.kiosk-dialog'))) continue;
    const r = c.getBoundingClientRect();
    const name = `"${(c.id || c.textContent || c.name || '').trim().slice(0, 24)}"`;
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) bad.push(`${name} is outside the screen: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
    if (c.closest('#screen') && (r.top < screen.top - 1 || r.bottom > screen.bottom + 1)) bad.push(`${name} is cut off the question's region`);
    if (low && r.top < reach - 1) bad.push(`${name} is out of reach in low position: top at ${Math.round(r.top)} px`);
    // offsetHeight: its size at rest (a pressed button shrinks a little, as a press shows).
    // A key of the on-screen keyboard is 80 px (22 mm on a 24" panel; kiosks need 15 mm), others 96.
    const least = c.classList.contains('kiosk-key') ? 80 : 96;
    if (c.offsetHeight < least) bad.push(`${name} is ${c.offsetHeight} px tall, under the ${least} px target`);
  }
  return bad;
}

const MODES = [
  // [orientation, text size, low position, locale, screenshots]
  ['portrait', '100', false, 'ko', false],
  ['portrait', '150', false, 'en', false],
  ['portrait', '200', false, 'ko', true],
  ['portrait', '200', false, 'en', true],
  ['portrait', '100', true, 'ko', false],
  ['portrait', '200', true, 'ko', true],
  ['portrait', '200', true, 'en', true],
  ['landscape', '100', false, 'en', false],
  ['landscape', '150', false, 'en', false],
  ['landscape', '200', false, 'ko', true],
  ['landscape', '100', true, 'ko', false],
  ['landscape', '200', true, 'ko', true],
  ['landscape', '200', true, 'en', true],
];

/** The bundled forms, as assets/forms holds them. */
const FORMS = readdirSync(join(repo, 'assets', 'forms')).filter((f) => f.endsWith('.toml')).sort()
  .map((f) => /^id = "([^"]+)"/m.exec(readFileSync(join(repo, 'assets', 'forms', f), 'utf8'))[1]);

for (const [orientation, size, low, locale, shoot] of MODES) {
  const mode = `${orientation}-${size}${low ? '-low' : ''}-${locale}`;
  test(`every screen of every form fits: ${mode}`, { timeout: 600000 }, async () => {
    const viewport = orientation === 'portrait' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
    // Whatever an earlier test left on the screen, this one starts at the welcome.
    await ctx.kiosk.act({ type: 'cancel' });
    await ctx.kiosk.act({ type: 'confirm_cancel' });
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { viewport });
    const found = [];
    for (const form of FORMS) {
      await settled(page);
      if (size !== '100') await tapOn(page, `[data-size="${size}"]`);
      if (low) await tapOn(page, '#low-position');
      await page.waitForFunction(([s, l]) => document.documentElement.dataset.textSize === s
        && document.documentElement.classList.contains('kiosk-low') === l, [size, low]);
      await walkForm(page, form, locale, async (where) => {
        const bad = await page.evaluate(problems, { low });
        found.push(...bad.map((b) => `${form}/${where}: ${b}`));
        if (shoot) await page.screenshot({ path: join(shots, `${mode}-${form}-${where}.png`) });
      });
    }
    assert.ok(FORMS.length >= 5, `every bundled form: ${FORMS}`);
    assert.deepEqual(found, [], `${mode}: ${found.length} problems`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
