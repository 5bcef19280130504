// A cloned chip: the specimen's files exactly as signed (EF.SOD, DG15 and all), on a chip that does
// not hold DG15's key — passive authentication cannot tell, Active Authentication does. The visitor,
// by touch alone, types her key and is told the chip cannot be used, in Korean and in English;
// she can still type her details. Through the real pcscd, on vsmartcard's second virtual reader.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useKiosk, kioskPage, out, repo, pause, pcscd } from './kiosk.mjs';
import { tapOn, typeByTaps, whereAt, moved } from './walk.mjs';

const virtualCard = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-virtual-card');
let clone;

before(async () => {
  pcscd();
  const pki = join(repo, '.minwon', 'pki');
  if (!existsSync(join(pki, 'csca.der'))) execFileSync(join(repo, 'scripts', 'test-pki.sh'), [pki], { stdio: 'inherit' });
  clone = spawn(virtualCard, ['--port', '35964', '--pki', pki, '--clone'], { stdio: 'ignore' });
  await pause(1500);
});
after(() => clone?.kill());

const ctx = useKiosk(['--reader', 'Virtual PCD 00 01']);

for (const [locale, says] of [['ko', /진짜 칩인지 확인되지 않아/], ['en', /could not prove it is the document's own chip/]]) {
  test(`a cloned chip is refused as card.clone (${locale}), and she can still type`, { timeout: 120000 }, async () => {
    const { page, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
    const go = async (selector) => {
      const before = await whereAt(page);
      await tapOn(page, selector);
      await moved(page, before);
    };
    await go(`[data-locale="${locale}"]`);
    await go('[data-service="passport-reissue"]');
    await page.waitForSelector('[data-identify="document"]', { timeout: 15000 });
    await tapOn(page, '[data-identify="document"]');
    await page.waitForSelector('main[data-screen="document_key"]');
    for (const [box, text] of [
      ['#f-document-number', 'S12345678'],
      ['#f-document-birth-date-year', '1948'], ['#f-document-birth-date-month', '03'], ['#f-document-birth-date-day', '15'],
      ['#f-document-expiry-year', '2034'], ['#f-document-expiry-month', '03'], ['#f-document-expiry-day', '14'],
    ]) await typeByTaps(page, box, text);
    await tapOn(page, '#nav-next');
    await page.waitForSelector('#error-summary[data-code="card.clone"]', { timeout: 30000 });
    assert.match(await page.textContent('#error-summary'), says);
    await page.screenshot({ path: join(out, `${locale}-100-chip-clone.png`) });
    // Nothing from the chip is kept: typing instead starts from an empty form.
    await go('#nav-back');
    await page.waitForSelector('[data-identify="type"]');
    await tapOn(page, '[data-identify="type"]');
    await page.waitForSelector('main[data-screen="step"]');
    // She leaves: the visit is wiped for the next one.
    await tapOn(page, '#nav-cancel');
    await page.waitForSelector('#dialog:not([hidden])');
    await tapOn(page, '#dialog-confirm-cancel');
    await page.waitForSelector('main[data-screen="welcome"]');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
