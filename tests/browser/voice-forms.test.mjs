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
  for (let i = 0; i < 60; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    // A screen in pages: what he looks for is on a later one, so he turns the page.
    const onMore = await page.evaluate(() => document.activeElement?.id === 'pager-more' && !document.activeElement.disabled);
    if (onMore && !(await page.isVisible(selector))) await press(page, 'Enter');
    else await press(page, 'ArrowDown');
  }
  assert.fail(`never reached ${selector}`);
}

/** What a visitor types in a text field, by field id. */
const TEXT = {
  'name': '김민수', 'name-korean': '홍길순', 'surname': 'HONG', 'given-names': 'GILSOON',
  'resident-number': '480315-2345677', 'emergency-name': '김민수', 'members': '2', 'copies': '1',
  'member-name': '김하나', 'member-resident-number': '150315-4234567', 'loss-place': '인천공항',
};

async function answerStep(page) {
  const fields = await page.$$eval('main [data-field]', (els) => els.map((e) => ({ id: e.dataset.field, kind: e.dataset.kind })));
  for (const f of fields) {
    const sel = (s) => `[data-field="${f.id}"] ${s}`;
    if (['single_choice', 'photo'].includes(f.kind)) {
      // The branch the first choice would skip (a lost passport's report), taken.
      await focusOn(page, sel(f.id === 'reason' ? 'input[value="lost"]' : 'input[type="radio"]'));
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
        await keypadType(page, f.id.endsWith('resident-number') ? v.replace(/\D/g, '') : v);
      }
    }
  }
}

async function next(page) {
  // Where he is: the title, and in a repeat which person (the next one has the same title).
  const where = () => `${document.querySelector('#screen-title')?.textContent}|${document.querySelector('#repeat-counter')?.textContent ?? ''}`;
  const before = await page.evaluate(where);
  await focusOn(page, '#nav-next');
  await press(page, 'Enter');
  await page.waitForFunction((w) => `${document.querySelector('#screen-title')?.textContent}|${document.querySelector('#repeat-counter')?.textContent ?? ''}` !== w, before, { timeout: 5000 })
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
    // The effect log keeps the last few hundred entries: each step's script is looked for in what
    // the log gained since the step before (a long journey outgrows the log).
    const log = async () => page.evaluate(async () => (await fetch('/api/effects')).json());
    let mark = start;
    const saidSince = async () => {
      const now = await log();
      const said = newEntries(mark, now).filter((e) => e.startsWith('speak:')).map((e) => e.split(':')[1]);
      mark = now;
      return said;
    };
    for (let i = 0; i < 24 && (await page.$('main[data-screen="step"]')); i += 1) {
      const clip = await page.getAttribute('#guide', 'data-clip') || await page.evaluate(async () => (await (await fetch('/api/view')).json()).guidance.clip);
      clips.push(clip);
      assert.ok((await saidSince()).includes(clip), `${form}: step ${i + 1} ("${clip}") was said`);
      await answerStep(page);
      await next(page);
      const error = await page.$('#error-summary, .kiosk-field__error');
      assert.equal(error, null, `${form}: step ${i + 1} refused an answer: ${error && await error.textContent()}`);
    }
    await page.waitForSelector('main[data-screen="review"]');
    await focusOn(page, '[data-action="submit"]');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="receipt"]');
    const said = await saidSince();
    assert.ok(said.includes('screen-review') && said.at(-1) === 'screen-receipt', said.join(' '));
    const recent = newEntries(start, await log());
    assert.ok(recent.filter((e) => e.startsWith('announce')).length > 0, 'controls announced on the way');
    // Back to the welcome screen for the next form.
    await focusOn(page, '[data-action="finish"]');
    await press(page, 'Enter');
    await page.waitForSelector('main[data-screen="welcome"]');
    assert.deepEqual(errors, []);
  });
}
