// Voice mode never loses the visitor: on every screen of the lost-wallet report (and in the settings
// sheet and the cancel question), and on every other kind of screen the other bundled forms show
// up to their receipts, walking down through the controls with the keypad visits each control
// exactly once before coming back to the question, walking up visits them in the reverse order,
// and the engine's effect log names each control said (by its id, never its words). Focus starts
// on the question, and stays where it was after every action. Every form, the passport reissue
// and the lost-wallet report among them, is then answered with the keypad's keys alone (each key
// and syllable said, by the log) and sent; the hub holds what he typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kioskPage, settled, newEntries, effects, press, pause, repo, voiceOn } from './kiosk.mjs';
import { useKioskAtHub } from './hub.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWERS, ADDRESS_FOUND, whereAt } from './walk.mjs';
import { keypadType } from './keypad.mjs';

// The kiosk is enrolled at a real hub: what he typed is checked there, opened with the agency key.
const ctx = useKioskAtHub(['--no-card-reader']);

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

/** The controls a sighted visitor could press or read as the question, in the order shown. */
function controlsShown() {
  const open = ['#dialog', '#settings'].find((d) => !document.querySelector(d).hidden);
  const scopes = open ? [open] : ['#top', '#main', '#guide', '#nav', '#assist'];
  return scopes.flatMap((s) => [...document.querySelectorAll(`${s} :is(h1, button, input, a[href])`)])
    .filter((e) => !e.disabled && !e.closest('[hidden]') && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => e.id);
}

/** Walks a full cycle with `key` from the current control; returns the ids visited, in order. */
async function cycle(page, key, where) {
  const start = await focused(page);
  const from = await effects(page);
  const seen = [];
  for (let i = 0; i < 80; i += 1) {
    await press(page, key);
    const now = await focused(page);
    if (now === start) break;
    seen.push(now);
  }
  assert.ok(seen.length > 0, `${where}: ${key} moves`);
  assert.equal(new Set(seen).size, seen.length, `${where}: each control once per cycle going ${key}: ${seen}`);
  const said = newEntries(from, await effects(page)).filter((e) => e.startsWith('announce:')).map((e) => e.slice(9));
  assert.deepEqual(said, [...seen, start], `${where}: the log names each control said, in order`);
  return [start, ...seen];
}

/** Down a full cycle, then up one: every control shown is visited, and up is down reversed. */
async function walk(page, where) {
  const down = await cycle(page, 'ArrowDown', where);
  const up = await cycle(page, 'ArrowUp', where);
  assert.deepEqual(up.slice(1), down.slice(1).reverse(), `${where}: up visits what down did, in reverse`);
  const shown = await page.evaluate(controlsShown);
  assert.deepEqual([...shown].sort(), [...down].sort(), `${where}: every control on the screen is reached, none hidden`);
}

/** Moves the focus to `id` with up or down, whichever way round is shorter (as he would). */
async function focusOn(page, id) {
  const order = await page.evaluate(controlsShown);
  const from = order.indexOf(await focused(page));
  const to = order.indexOf(id);
  const down = from < 0 || to < 0 ? 1 : (to - from + order.length) % order.length;
  const key = down <= order.length - down ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < 80 && await focused(page) !== id; i += 1) await press(page, key);
  assert.equal(await focused(page), id);
}

/** A new screen (or a repeat's next instance, under the same title): focus on its question, as it is said. */
async function arrived(page, before) {
  await page.waitForFunction((t) => `${document.querySelector('#screen-title')?.textContent}|${document.querySelector('#repeat-counter')?.textContent ?? ''}` !== t, before);
  await settled(page);
  assert.equal(await focused(page), 'screen-title', 'focus starts on the question');
}

async function select(page, id) {
  const before = await whereAt(page);
  await focusOn(page, id);
  await press(page, 'Enter');
  return before;
}

test('voice mode: every control of every screen, once per cycle, down and up', { timeout: 900000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  await voiceOn(page);
  await walk(page, 'welcome');
  await arrived(page, await select(page, 'lang-en'));
  await walk(page, 'service');

  // The settings sheet: its own cycle; a choice made keeps the focus; back closes it.
  await focusOn(page, 'settings-open');
  await press(page, 'Enter');
  await page.waitForSelector('#settings:not([hidden])');
  assert.equal(await focused(page), 'size-100', 'the sheet opens on the text size chosen');
  await walk(page, 'settings');
  await focusOn(page, 'rate-fast');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelector('#rate-fast').getAttribute('aria-checked') === 'true');
  assert.equal(await focused(page), 'rate-fast', 'focus stays on the choice just made');
  await focusOn(page, 'volume-up');
  await press(page, 'Enter');
  await pause(300);
  assert.equal(await focused(page), 'volume-up', 'focus stays on the volume');
  await press(page, 'ArrowLeft');
  await page.waitForSelector('#settings', { state: 'hidden' });
  assert.equal(await focused(page), 'settings-open', 'back from the sheet to its button');

  await arrived(page, await select(page, 'service-lost-item-report'));
  for (let step = 1; await page.getAttribute('main', 'data-screen') === 'step'; step += 1) {
    await walk(page, `step ${step}`);
    const fields = await page.$$eval('[data-field]', (els) => els.map((e) => [e.dataset.field, e.dataset.kind]));
    for (const [id, kind] of fields) {
      if (['single_choice', 'multiple_choice', 'consent'].includes(kind)) {
        const option = await page.$eval(`[data-field="${id}"] input`, (i) => i.id);
        await focusOn(page, option);
        await press(page, 'Enter');
        assert.equal(await focused(page), option, 'select chooses, and focus stays');
        assert.ok(await page.isChecked(`#${option}`));
        // Right never changes a choice.
        await press(page, 'ArrowRight');
        assert.equal(await focused(page), option);
        assert.ok(await page.isChecked(`#${option}`), 'ArrowRight left the choice as it was');
      } else if (kind === 'date') {
        const [y, m, d] = ANSWERS[id].split('-');
        for (const [part, v] of [['year', y], ['month', m], ['day', d]]) await typeWithKeypad(page, `f-${id}-${part}`, v);
      } else {
        await typeWithKeypad(page, `f-${id}`, kind === 'phone' ? ANSWERS[id].replace(/\D/g, '') : ANSWERS[id] || 'Nguyen Thi Lan');
      }
    }
    await arrived(page, await select(page, 'nav-next'));
  }
  assert.equal(await page.getAttribute('main', 'data-screen'), 'review');
  await walk(page, 'review');
  await focusOn(page, 'nav-cancel');
  await press(page, 'Enter');
  await page.waitForSelector('#dialog:not([hidden])');
  await settled(page);
  await walk(page, 'cancel question');
  await focusOn(page, 'dialog-confirm-cancel');
  await press(page, 'Enter');
  await page.waitForSelector('main[data-screen="welcome"]');
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Types `text` into box `id` with the keypad's keys alone. */
async function typeWithKeypad(page, id, text) {
  await focusOn(page, id);
  await keypadType(page, text);
}

/** Answers the current step with the keypad: its choices with select, its boxes typed with the number keys. */
async function answerByKeypad(page) {
  const fields = await page.$$eval('[data-field]', (els) => els.map((e) => [e.dataset.field, e.dataset.kind]));
  for (const [id, kind] of fields) {
    if (['single_choice', 'multiple_choice', 'consent', 'photo'].includes(kind)) {
      const option = await page.$eval(`[data-field="${id}"] input`, (i) => i.id);
      if (await page.isChecked(`#${option}`)) continue;
      await focusOn(page, option);
      await press(page, 'Enter');
      assert.ok(await page.isChecked(`#${option}`), `${id}: select chooses`);
    } else if (kind === 'address') {
      // Searched with 천지인 and digits, the first address found selected, then the unit typed.
      await typeWithKeypad(page, `f-${id}-search`, ADDRESS_FOUND.typed);
      await page.waitForSelector(`#f-${id}-found-0`, { state: 'attached' });
      await focusOn(page, `f-${id}-found-0`);
      await press(page, 'Enter');
      await page.waitForFunction((b) => document.getElementById(b)?.value !== '', `f-${id}-line1`);
      assert.equal(await page.inputValue(`#f-${id}-postcode`), ADDRESS_FOUND.postcode, 'the postcode from the address book');
      assert.equal(await page.inputValue(`#f-${id}-line1`), ADDRESS_FOUND.line1, 'the road address from the address book');
      await typeWithKeypad(page, `f-${id}-line2`, ADDRESS_FOUND.line2);
      assert.equal(await page.inputValue(`#f-${id}-line2`), ADDRESS_FOUND.line2, `${id}.line2 typed with the keypad`);
    } else if (kind === 'date') {
      const values = Object.fromEntries(['year', 'month', 'day'].map((p, i) => [p, (ANSWERS[id] || '2000-01-01').split('-')[i]]));
      for (const [part, v] of Object.entries(values)) {
        await typeWithKeypad(page, `f-${id}-${part}`, v);
        assert.equal(await page.inputValue(`#f-${id}-${part}`), v, `${id}.${part} typed with the keypad`);
      }
    } else if (await page.$(`#f-${id}-back`)) {
      await typeWithKeypad(page, `f-${id}`, ANSWERS[id].replace(/\D/g, ''));
      // The first box holds six digits; the rest go on in the second, which the focus moves to.
      await page.waitForFunction((b) => document.getElementById(b)?.value.length === 7, `f-${id}-back`);
      assert.equal(await focused(page), `f-${id}-back`, 'the back digits go on in their own box');
    } else if (!(await page.inputValue(`#f-${id}`))) {
      const value = kind === 'phone' ? ANSWERS[id].replace(/\D/g, '') : ANSWERS[id] || '테스트';
      await typeWithKeypad(page, `f-${id}`, value);
      assert.equal(await page.inputValue(`#f-${id}`), value, `${id} typed with the keypad`);
    }
  }
}

/** What makes one screen unlike another for the walk: its kind, its questions' kinds, its pages. */
const shape = (page) => page.evaluate(() => [
  document.querySelector('main').dataset.screen,
  ...[...document.querySelectorAll('[data-field][data-kind]')].map((f) => `${f.dataset.kind}${f.querySelector('.kiosk-masked') ? '-masked' : ''}`),
  document.querySelector('#pager').hidden ? '' : 'paged',
  document.querySelector('.kiosk-field__error') ? 'error' : '',
].join(' '));

const FORMS = readdirSync(join(repo, 'assets', 'forms')).filter((f) => f.endsWith('.toml')).sort()
  .map((f) => /^id = "([^"]+)"/m.exec(readFileSync(join(repo, 'assets', 'forms', f), 'utf8'))[1]);

/** The hub holds what the keypad typed: as typed; numbers by their digits; the address found. */
function heldAtHub(form, sub) {
  let checked = 0;
  for (const [f, v, p] of sub.answers) {
    let want = null;
    if (/address/.test(f)) want = `${ADDRESS_FOUND.postcode} ${ADDRESS_FOUND.line1} ${ADDRESS_FOUND.line2}`;
    else if (f in ANSWERS) want = /phone|mobile|resident/.test(f) ? ANSWERS[f].replace(/\D/g, '') : ANSWERS[f];
    if (want === null) continue;
    assert.equal(/phone|mobile|resident/.test(f) ? v.replace(/\D/g, '') : v, want, `${form}/${f} at the hub`);
    assert.equal(p, 'typed', `${form}/${f}`);
    checked += 1;
  }
  assert.ok(checked > 0, `${form}: typed answers at the hub: ${JSON.stringify(sub.answers)}`);
}

test('voice mode: every form to its receipt by the keypad alone, each kind of screen walked, each held at the hub', { timeout: 900000 }, async () => {
  const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const walked = new Set();
  const visit = async (where) => {
    const s = await shape(page);
    if (walked.has(s)) return;
    walked.add(s);
    await walk(page, `${where} (${s})`);
  };
  for (const form of FORMS) {
    // Each form is a new visitor: he holds * for voice mode, then picks Korean.
    await settled(page);
    await voiceOn(page);
    await arrived(page, await select(page, 'lang-ko'));
    await arrived(page, await select(page, `service-${form}`));
    if (await page.getAttribute('main', 'data-screen') === 'identify') {
      await visit(`${form} identify`);
      await arrived(page, await select(page, 'identify-type'));
    }
    for (let step = 1; await page.getAttribute('main', 'data-screen') === 'step'; step += 1) {
      await visit(`${form} step ${step}`);
      await answerByKeypad(page);
      await arrived(page, await select(page, 'nav-next'));
      assert.equal(await page.$('.kiosk-field__error'), null, `${form} step ${step} took its answer`);
    }
    assert.equal(await page.getAttribute('main', 'data-screen'), 'review', form);
    await visit(`${form} review`);
    await select(page, 'nav-next');
    await page.waitForSelector('main[data-screen="receipt"]');
    await settled(page);
    assert.equal(await focused(page), 'screen-title', 'focus starts on the receipt');
    await visit(`${form} receipt`);
    const receipt = (await page.textContent('#receipt-number')).trim();
    const sub = await ctx.hub.submission(receipt);
    assert.equal(sub.form_id, form);
    heldAtHub(form, sub);
    await focusOn(page, 'nav-next');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="welcome"]');
  }
  assert.ok(walked.size >= 8, `the kinds of screen walked: ${[...walked].join(' | ')}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});
