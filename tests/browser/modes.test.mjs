// The accessibility modes, checked by axe-core (WCAG 2.2 AA) on every screen of a journey, in every mode:
// normal, 200% text, high contrast (and its contrast measured ≥ 7:1), low position (every control in
// the lower part of the screen), and easy Korean at 200% (a 78-year-old with presbyopia).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, settled } from './kiosk.mjs';
import { fillOn, showPageOf, tapOn, typeByTaps, ADDRESS_FOUND } from './walk.mjs';

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

/**
 * The focus ring of every control on the screen: a 2 px (or thicker) outline whose colour is at
 * least 3:1 against the gap inside it and against the surface around it (WCAG 1.4.11).
 */
async function focusRing(page, where) {
  await page.keyboard.press('Shift'); // keyboard modality: focus() below shows :focus-visible as the keypad would
  const rings = await page.evaluate(() => {
    const open = ['#dialog', '#settings'].find((d) => !document.querySelector(d).hidden);
    const scope = open ? document.querySelector(open) : document;
    const back = (e) => {
      for (let p = e; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (!/^rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent') return c;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    const out = [];
    for (const e of scope.querySelectorAll('button, a[href], input:not([type="radio"]):not([type="checkbox"])')) {
      if (!e.getClientRects().length || e.closest('[hidden]') || getComputedStyle(e).visibility === 'hidden' || e.disabled) continue;
      e.focus();
      const s = getComputedStyle(e);
      out.push({ what: e.id || e.textContent.trim().slice(0, 15), ring: s.outlineColor, width: parseFloat(s.outlineWidth),
        style: s.outlineStyle, halo: s.boxShadow, around: back(e.parentElement) });
    }
    return out;
  });
  assert.ok(rings.length > 0, `${where}: controls to focus`);
  for (const r of rings) {
    assert.equal(r.style, 'solid', `${where}: "${r.what}" shows a focus ring`);
    assert.ok(r.width >= 2, `${where}: "${r.what}" ring is ${r.width} px`);
    const gap = (/rgba?\([^)]*\)/.exec(r.halo) || [])[0];
    assert.ok(gap, `${where}: "${r.what}" has the ring's inner gap`);
    for (const [against, name] of [[r.around, 'the surface around it'], [gap, 'its inner gap']]) {
      const ratio = contrast(r.ring, against);
      assert.ok(ratio >= 3, `${where}: "${r.what}" ring ${r.ring} on ${name} ${against} is ${ratio.toFixed(2)}:1`);
    }
  }
}

/** Every part of the screen inside a landmark, each landmark named once (axe's landmark rules). */
async function landmarks(page, where) {
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['region', 'landmark-unique', 'landmark-one-main',
      'landmark-no-duplicate-banner', 'landmark-complementary-is-top-level', 'landmark-main-is-top-level'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  assert.deepEqual(result, [], `landmarks on ${where}`);
}

/** Every keyboard of the focused box, each checked (and shot): Hangul, shifted, Roman, digits. */
async function keyboards(page, tag, check, shoot) {
  await page.waitForSelector('#keyboard:not([hidden])');
  const steps = [
    ['hangul', null, '#keyboard[data-layout="hangul"]'],
    ['hangul-shift', '#key-shift', '#key-shift[aria-pressed="true"]'],
    ['latin', '#key-switch-latin', '#keyboard[data-layout="latin"]'],
    ['digits', '#key-switch-digits', '#keyboard[data-layout="digits"]'],
    ['hangul-again', '#key-switch-hangul', '#keyboard[data-layout="hangul"]'],
  ];
  for (const [what, key, shown] of steps) {
    if (key) await page.tap(key);
    await page.waitForSelector(shown);
    await check(`keyboard-${what}`);
    if (shoot && what !== 'hangul-again') await page.screenshot({ path: join(out, `keyboard-${tag}-${what}.png`) });
  }
}

async function journey(page, mode, check) {
  await page.click(`[data-locale="${mode === 'easy-korean-200' ? 'ko-easy' : 'ko'}"]`);
  await page.waitForSelector('main[data-screen="service"]');
  await check('service');
  await page.click('#settings-open');
  await page.waitForSelector('#settings:not([hidden])');
  await check('settings');
  await page.click('#settings-close');
  await page.click('[data-service="lost-item-report"]');
  await page.waitForSelector('main[data-screen="step"]');
  await check('step-1');
  await page.click('#nav-next');
  await page.waitForSelector('.kiosk-field__error');
  await check('step-1-error');
  // A single choice goes on by itself.
  await page.tap('[data-field="item"] label:has(input[value="wallet"])');
  await page.waitForSelector('[data-field="contents"]');
  await check('step-2');
  await page.click('#nav-cancel');
  await page.waitForSelector('#dialog:not([hidden])');
  await check('cancel-dialog');
  await page.screenshot({ path: join(out, `ko-${mode}-cancel.png`) });
  await page.click('[data-action="keep_going"]');
  // On to the review and the receipt.
  const moved = (before) => page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before);
  const next = async () => {
    const before = await page.textContent('#screen-title');
    await page.click('#nav-next');
    await moved(before);
  };
  const fill = async (selector, value) => {
    await settled(page);
    await fillOn(page, selector, value);
  };
  await next();
  await fill('#f-description', '갈색 가죽 지갑');
  await next();
  await fill('#f-lost-date-year', '2026');
  await fill('#f-lost-date-month', '11');
  await fill('#f-lost-date-day', '21');
  await next();
  // Where: the kind of place, then (cascading) the place; a single choice goes on by itself.
  for (const [field, value] of [['lost-area', 'transport'], ['lost-spot', 'subway']]) {
    await settled(page);
    const before = await page.textContent('#screen-title');
    await page.tap(`[data-field="${field}"] label:has(input[value="${value}"])`);
    await moved(before);
  }
  await fill('#f-lost-place', '종로3가역');
  await next();
  // The name box takes every keyboard: each one checked as drawn, shift and switches tapped.
  await settled(page);
  await page.tap('#f-name');
  await keyboards(page, `ko-${mode}`, check, ['normal', 'text-200', 'low-position'].includes(mode));
  await fill('#f-name', '김민수');
  await next();
  await fill('#f-mobile', '010-2345-6789');
  await next();
  let before = await page.textContent('#screen-title');
  await page.tap('[data-field="contact-by"] label:has(input[value="call"])');
  await moved(before);
  await check('consent');
  await showPageOf(page, '[data-field="privacy-consent"] label');
  await page.tap('[data-field="privacy-consent"] label');
  await next();
  await page.waitForSelector('main[data-screen="review"]');
  await check('review');
  before = await page.textContent('#screen-title');
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
    if (mode === 'high-contrast') {
      await page.click('#settings-open');
      await page.click('#contrast');
      await page.click('#settings-close');
    }
    if (mode === 'low-position') await page.click('#low-position');
    await axe(page, `${mode}/welcome`);
    await journey(page, mode, async (where) => {
      await axe(page, `${mode}/${where}`);
      if (where === 'step-1-error') await page.screenshot({ path: join(out, `ko-${mode}-step.png`) });
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
        // Nothing to press in the upper part of the screen, as the visitor sees it (the page never scrolls).
        const tops = await page.$$eval('button:not([hidden]), input, a', (els) => els
          .filter((e) => e.getClientRects().length && !e.closest('[hidden]') && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => [e.getBoundingClientRect().top, e.id || e.textContent.trim().slice(0, 15)]));
        for (const [top, what] of tops) assert.ok(top >= 0.4 * 1920 - 1, `${where}: "${what}" at ${Math.round(top)} px`);
      }
      await focusRing(page, `${mode}/${where}`);
      await landmarks(page, `${mode}/${where}`);
    });
    assert.deepEqual(errors, []);
  });
}

test('every keyboard in English at 100%: WCAG 2.2 AA, and shot', { timeout: 120000 }, async () => {
  await ctx.kiosk.act({ type: 'language', locale: 'en' });
  await ctx.kiosk.act({ type: 'service', id: 'lost-item-report' });
  for (const answers of [{ item: 'wallet' }, {}, { description: 'Brown leather' }, { 'lost-date': '2026-11-21' }, { 'lost-area': 'transport' }, { 'lost-spot': 'subway' }, { 'lost-place': 'Jongno 3-ga' }]) {
    await ctx.kiosk.act({ type: 'next', answers });
  }
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { bypassCSP: true });
  await page.waitForSelector('#f-name');
  await settled(page);
  await page.tap('#f-name');
  await keyboards(page, 'en-normal', (where) => axe(page, `en/${where}`), true);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  for (const type of ['cancel', 'confirm_cancel']) await ctx.kiosk.act({ type });
  assert.deepEqual(errors, []);
});

for (const [size, locale, low] of [['100', 'ko', false], ['100', 'en', false], ['200', 'ko', false], ['200', 'en', false], ['200', 'ko', true], ['200', 'en', true]]) {
  const tag = `${locale}-${size}${low ? '-low' : ''}`;
  test(`the address search, typed by taps, found and picked: ${tag}`, { timeout: 120000 }, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { bypassCSP: true });
    if (size !== '100') await tapOn(page, `[data-size="${size}"]`);
    if (low) await tapOn(page, '#low-position');
    await ctx.kiosk.act({ type: 'language', locale });
    await ctx.kiosk.act({ type: 'service', id: 'library-card' });
    for (const answers of [{ name: '김민수' }, { 'birth-date': '1948-03-15' }, { mobile: '01023456789' }]) await ctx.kiosk.act({ type: 'next', answers });
    await page.reload();
    await page.waitForSelector('#f-address-search', { state: 'attached' });
    await settled(page);
    await typeByTaps(page, '#f-address-search', ADDRESS_FOUND.typed);
    await page.waitForSelector('#f-address-found-0', { state: 'attached' });
    await settled(page);
    // The count is on the search box's page, whatever the size and position.
    assert.ok(await page.isVisible('#f-address-search') && await page.isVisible('#f-address-count'), `${tag}: the box and how many were found, together`);
    await axe(page, `${tag}/address-found`);
    await page.screenshot({ path: join(out, `address-${tag}-found.png`) });
    await tapOn(page, '#f-address-found-0');
    await page.waitForFunction((v) => document.querySelector('#f-address-line1').value === v, ADDRESS_FOUND.line1);
    assert.equal(await page.inputValue('#f-address-postcode'), ADDRESS_FOUND.postcode);
    await settled(page);
    await axe(page, `${tag}/address-picked`);
    await page.screenshot({ path: join(out, `address-${tag}-picked.png`) });
    for (const type of ['cancel', 'confirm_cancel']) await ctx.kiosk.act({ type });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('a household member\'s screen (a repeat) and the review listing each member: WCAG 2.2 AA at 100% and 200%', { timeout: 120000 }, async () => {
  const act = ctx.kiosk.act;
  await act({ type: 'cancel' });
  await act({ type: 'confirm_cancel' });
  await act({ type: 'start' });
  await act({ type: 'service', id: 'moving-in-report' });
  await act({ type: 'identify_typed' });
  const address = { postcode: '03154', line1: '서울특별시 종로구 세종대로 209', line2: '101호' };
  for (const answers of [{ name: '김민수' }, { 'resident-number': '480315-2345677' }, { 'previous-address': address },
    { 'new-address': address }, { 'move-date': '2026-11-20' }, { household: 'new-household' }, { relation: 'head' }, { members: '2' }]) {
    await act({ type: 'next', answers });
  }
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url, { bypassCSP: true });
  for (const size of ['100', '200']) {
    await act({ type: 'text_size', size });
    // The page learns of the change from the kiosk: shot once it has drawn it.
    await page.waitForFunction((s) => document.documentElement.dataset.textSize === s, size);
    await page.waitForSelector('#repeat-counter');
    await settled(page);
    assert.match(await page.textContent('#repeat-counter'), /2개 중 1번째/);
    await axe(page, `repeat-${size}`);
    await page.screenshot({ path: join(out, `modes-repeat-${size}.png`) });
  }
  await act({ type: 'next', answers: { 'member-name': '김하나', 'member-resident-number': '150315-4234567', 'member-relation': 'child' } });
  await act({ type: 'next', answers: { 'member-name': '김두리', 'member-resident-number': '480315-2345677', 'member-relation': 'spouse' } });
  await act({ type: 'next', answers: { mobile: '010-2345-6789' } });
  await act({ type: 'next', answers: { 'privacy-consent': true } });
  await page.waitForSelector('main[data-screen="review"]');
  await settled(page);
  assert.equal(await page.locator('#change-member-name').count(), 1, 'the first member\'s change button');
  assert.equal(await page.locator('#change-member-name-2').count(), 1, 'and the second\'s');
  await axe(page, 'review-repeat-200');
  await act({ type: 'text_size', size: '100' });
  await act({ type: 'cancel' });
  await act({ type: 'confirm_cancel' });
  assert.deepEqual(errors, []);
});
