// Benchmark (not a test): from a touch to the next screen painted, in Debian's Chromium against the
// real kiosk (`--serve`), with performance marks the front end sets. Prints a table.
//   node tests/browser/bench-paint.mjs [RUNS]
import { startKiosk, launchBrowser, kioskPage } from './kiosk.mjs';

const runs = Number(process.argv[2] || 10);
const kiosk = await startKiosk(['--no-card-reader']);
const browser = await launchBrowser();
const { page } = await kioskPage(browser, kiosk.url);

/** Clicks, waits for the next painted mark, returns the milliseconds between the two marks. */
async function touch(selector) {
  await page.evaluate(() => performance.clearMarks());
  await page.click(selector);
  await page.waitForFunction(() => performance.getEntriesByName('minwon-painted').length > 0);
  return page.evaluate(() => {
    const [a] = performance.getEntriesByName('minwon-act');
    const [p] = performance.getEntriesByName('minwon-painted');
    return p.startTime - a.startTime;
  });
}

const rows = { 'language → services': [], 'service → first step': [], 'step → next step (with checks)': [],
  'review → receipt (sealed, fsync)': [] };
for (let i = 0; i < runs; i += 1) {
  rows['language → services'].push(await touch('[data-locale="ko"]'));
  rows['service → first step'].push(await touch('[data-service="lost-item-report"]'));
  // A single choice goes on by itself: the touch on it is the step's touch.
  rows['step → next step (with checks)'].push(await touch('[data-field="item"] label:has(input[value="wallet"])'));
  await page.waitForSelector('[data-field="contents"]');
  await page.click('#nav-next'); // contents: optional
  await page.waitForSelector('#f-description');
  await page.fill('#f-description', '갈색 지갑');
  await page.click('#nav-next');
  await page.waitForSelector('#f-lost-date-year');
  await page.fill('#f-lost-date-year', '2026');
  await page.fill('#f-lost-date-month', '11');
  await page.fill('#f-lost-date-day', '21');
  await page.click('#nav-next');
  await page.waitForSelector('[data-field="lost-area"]');
  await page.click('[data-field="lost-area"] label:has(input[value="transport"])');
  await page.waitForSelector('[data-field="lost-spot"]');
  await page.click('[data-field="lost-spot"] label:has(input[value="subway"])');
  await page.waitForSelector('#f-lost-place');
  await page.fill('#f-lost-place', '종로3가역');
  await page.click('#nav-next');
  await page.waitForSelector('#f-name');
  await page.fill('#f-name', '김민수');
  await page.click('#nav-next');
  await page.waitForSelector('#f-mobile');
  await page.fill('#f-mobile', '010-2345-6789');
  await page.click('#nav-next');
  await page.waitForSelector('[data-field="contact-by"]');
  await page.click('[data-field="contact-by"] label:has(input[value="call"])');
  await page.waitForSelector('[data-field="privacy-consent"]');
  await page.click('[data-field="privacy-consent"] label');
  await page.click('#nav-next');
  await page.waitForSelector('main[data-screen="review"]');
  rows['review → receipt (sealed, fsync)'].push(await touch('[data-action="submit"]'));
  await page.click('[data-action="finish"]');
  await page.waitForSelector('main[data-screen="welcome"]');
}
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];
console.log(`| touch → next screen painted (${runs} runs, 1080×1920) | median | 90th percentile |`);
console.log('|---|---|---|');
for (const [name, v] of Object.entries(rows)) console.log(`| ${name} | ${pct(v, 0.5).toFixed(1)} ms | ${pct(v, 0.9).toFixed(1)} ms |`);
await browser.close();
kiosk.stop();
