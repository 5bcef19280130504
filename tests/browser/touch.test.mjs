// A touchscreen visitor with no keyboard finishes every bundled form with taps alone: every name,
// number and date typed on the kiosk's own keyboards (Hangul composed as she types, Roman
// capitals, digits), every address found by searching the road-name address book (the shipped
// sample) and only its unit typed, at 100% and 200% text, on a 1080x1920 touchscreen. The review
// shows what she typed; the application is sent, its receipt shown, and opened at a real hub with
// the agency key it holds exactly what she typed. No `keyboard`, `fill` or `type` here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskPage, repo, settled } from './kiosk.mjs';
import { walkForm, tapOn, ANSWERS, ADDRESS_FOUND } from './walk.mjs';
import { useKioskAtHub } from './hub.mjs';

const ctx = useKioskAtHub(['--no-card-reader']);

const FORMS = readdirSync(join(repo, 'assets', 'forms')).filter((f) => f.endsWith('.toml')).sort()
  .map((f) => /^id = "([^"]+)"/m.exec(readFileSync(join(repo, 'assets', 'forms', f), 'utf8'))[1]);

/** What the review must show for each typed answer (the resident number masked, as the law asks). */
const SHOWN = {
  ...ANSWERS,
  'resident-number': '480315-2●●●●●●', 'member-resident-number': '150315-4●●●●●●',
  mobile: null, 'emergency-phone': null, // shown formatted; checked below by their digits
};

/** What the hub must hold for each typed answer: as typed; numbers by their digits. */
function checkAtHub(form, sub) {
  const held = Object.fromEntries(sub.answers.map(([f, v, p]) => [f, { v, p }]));
  let checked = 0;
  for (const [f, { v, p }] of Object.entries(held)) {
    if (/address/.test(f)) {
      assert.equal(v, `${ADDRESS_FOUND.postcode} ${ADDRESS_FOUND.line1} ${ADDRESS_FOUND.line2}`, `${form}/${f} at the hub`);
    } else if (!(f in ANSWERS)) {
      continue;
    } else if (/phone|mobile|resident/.test(f)) {
      assert.equal(v.replace(/\D/g, ''), ANSWERS[f].replace(/\D/g, ''), `${form}/${f} at the hub`);
    } else {
      assert.equal(v, ANSWERS[f], `${form}/${f} at the hub`);
    }
    assert.equal(p, 'typed', `${form}/${f}: typed, not from a chip`);
    checked += 1;
  }
  assert.ok(checked > 0, `${form}: the hub holds typed answers: ${JSON.stringify(sub.answers)}`);
  return checked;
}

for (const size of ['100', '200']) {
  test(`every form by taps alone, typed on the kiosk's keyboards, at ${size}%`, { timeout: 900000 }, async () => {
    await ctx.kiosk.act({ type: 'cancel' });
    await ctx.kiosk.act({ type: 'confirm_cancel' });
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
    for (const form of FORMS) {
      await settled(page);
      if (size !== '100') await tapOn(page, `[data-size="${size}"]`);
      const reviewed = [];
      let receipt = null;
      await walkForm(page, form, 'ko', async (where) => {
        if (where.startsWith('review')) reviewed.push(...await page.$$eval('.kiosk-review__row:not([hidden])', (rows) => rows.map((r) => [r.dataset.field, r.querySelector('.kiosk-review__value').textContent])));
        if (where === 'receipt') receipt = (await page.textContent('#receipt-number')).trim();
      }, { byTaps: true });
      const shown = Object.fromEntries(reviewed);
      const typed = Object.keys(shown).filter((f) => f in SHOWN);
      assert.ok(typed.length > 0, `${form}: something was typed`);
      // An address found by search: its postcode and road address, and the unit she typed.
      for (const [f, v] of Object.entries(shown).filter(([f]) => /address/.test(f))) {
        const want = `(${ADDRESS_FOUND.postcode}) ${ADDRESS_FOUND.line1} ${ADDRESS_FOUND.line2}`;
        assert.ok(v.startsWith(want), `${form}/${f}: the review shows "${v}", want "${want}"`);
      }
      for (const f of typed) {
        if (SHOWN[f] === null) assert.equal(shown[f].replace(/\D/g, ''), ANSWERS[f].replace(/\D/g, ''), `${form}/${f}`);
        else assert.ok(shown[f].includes(SHOWN[f]), `${form}/${f}: the review shows "${shown[f]}", typed "${SHOWN[f]}"`);
      }
      // Delivered over TLS to the hub and opened there with the agency key.
      const sub = await ctx.hub.submission(receipt);
      assert.equal(sub.form_id, form);
      const atHub = checkAtHub(form, sub);
      assert.ok(atHub >= typed.length, `${form}: every answer she typed is at the hub (${atHub} of ${typed.length})`);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
