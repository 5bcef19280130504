// Voice mode through every other bundled form, with the keypad alone: each step reached, answered
// and left with keys, each step's script said (from the engine's effect log), none silent.
// (The lost-wallet report has its own, more detailed test in voice.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useKiosk, kioskPage, newEntries } from './kiosk.mjs';
import { keypadType } from './keypad.mjs';

const ctx = useKiosk(['--no-card-reader']);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function press(page, key) {
  await page.keyboard.press(key);
  await pause(560); // the keypad ignores a second press of the same key within half a second
}

async function focusOn(page, selector) {
  for (let i = 0; i < 40; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await press(page, 'ArrowDown');
  }
  assert.fail(`never reached ${selector}`);
}

/** What a visitor types in a text field, by field id. */
const TEXT = {
  'name': '김민수', 'name-korean': '홍길순', 'surname': 'HONG', 'given-names': 'GILSOON',
  'resident-number': '480315-2345677', 'emergency-name': '김민수', 'members': '2', 'copies': '1',
};

async function answerStep(page) {
  const fields = await page.$$eval('main [data-field]', (els) => els.map((e) => ({ id: e.dataset.field, kind: e.dataset.kind })));
  for (const f of fields) {
    const sel = (s) => `[data-field="${f.id}"] ${s}`;
    if (['single_choice', 'photo'].includes(f.kind)) {
      await focusOn(page, sel('input[type="radio"]'));
      await press(page, 'Enter');
    } else if (['multiple_choice', 'consent'].includes(f.kind)) {
      await focusOn(page, sel('input[type="checkbox"]'));
      await press(page, 'Enter');
    } else if (f.kind === 'date') {
      for (const [part, v] of [['year', f.id === 'birth-date' ? '1948' : '2026'], ['month', '03'], ['day', '15']]) {
        await focusOn(page, `#f-${f.id}-${part}`);
        if (!(await page.inputValue(`#f-${f.id}-${part}`))) await keypadType(page, v);
      }
    } else if (f.kind === 'address') {
      for (const [part, v] of [['postcode', '03172'], ['line1', '서울특별시 종로구 세종대로 209'], ['line2', '101호']]) {
        await focusOn(page, `#f-${f.id}-${part}`);
        if (!(await page.inputValue(`#f-${f.id}-${part}`))) await keypadType(page, v);
      }
    } else {
      const input = `#f-${f.id}`;
      await focusOn(page, input);
      if (!(await page.inputValue(input))) {
        const v = TEXT[f.id] ?? (f.kind === 'phone' ? '01023456789' : f.kind === 'number' ? '2' : '');
        await keypadType(page, f.id === 'resident-number' ? v.replace(/\D/g, '') : v);
      }
    }
  }
}

async function next(page) {
  const before = await page.textContent('#screen-title');
  await focusOn(page, '#nav-next');
  await press(page, 'Enter');
  await page.waitForFunction((t) => document.querySelector('#screen-title')?.textContent !== t, before, { timeout: 5000 })
    .catch(async () => {
      await page.screenshot({ path: '/tmp/voice-stuck.png', fullPage: true });
      const summary = await page.$('#error-summary, .kiosk-field__error');
      assert.fail(`stuck on "${before}": ${summary ? await summary.textContent() : 'no error shown'}`);
    });
}

for (const form of ['passport-reissue', 'moving-in-report', 'library-card', 'resident-certificate']) {
  test(`voice mode, keypad only: ${form}`, { timeout: 300000 }, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
    const start = await page.evaluate(async () => (await fetch('/api/effects')).json());
    await page.keyboard.down('*');
    await pause(2200);
    await page.keyboard.up('*');
    await page.waitForFunction(async () => (await (await fetch('/api/view')).json()).voice_mode === true);
    await focusOn(page, '[data-locale="ko"]');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="service"]');
    await focusOn(page, `[data-service="${form}"]`);
    await press(page, 'Enter');
    await page.waitForFunction(() => ['identify', 'step'].includes(document.querySelector('main')?.dataset.screen));
    if (await page.$('main[data-screen="identify"]')) {
      await focusOn(page, '[data-identify="type"]');
      await press(page, 'Enter');
    }
    const clips = [];
    for (let i = 0; i < 20 && (await page.$('main[data-screen="step"]')); i += 1) {
      clips.push(await page.getAttribute('#guide', 'data-clip') || await page.evaluate(async () => (await (await fetch('/api/view')).json()).guidance.clip));
      await answerStep(page);
      await next(page);
      const error = await page.$('#error-summary, .kiosk-field__error');
      assert.equal(error, null, `${form}: step ${i + 1} refused an answer: ${error && await error.textContent()}`);
    }
    await page.waitForSelector('main[data-screen="review"]');
    await focusOn(page, '[data-action="submit"]');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="receipt"]');
    const log = newEntries(start, await page.evaluate(async () => (await fetch('/api/effects')).json()));
    const said = log.filter((e) => e.startsWith('speak:')).map((e) => e.split(':')[1]);
    for (const clip of clips) assert.ok(said.includes(clip), `${form}: the step "${clip}" was said: ${said.join(' ')}`);
    assert.ok(said.includes('screen-review') && said.at(-1) === 'screen-receipt', said.join(' '));
    assert.ok(log.filter((e) => e.startsWith('announce')).length > clips.length, 'controls announced on the way');
    // Back to the welcome screen for the next form.
    await focusOn(page, '[data-action="finish"]');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="welcome"]');
    assert.deepEqual(errors, []);
  });
}
