// The hub's admin pages in Chromium with a real kiosk beside them: an admin signs in, downloads a
// form as a spreadsheet, fixes a typo in one cell, uploads it, checks the preview, publishes; the
// running kiosk applies it and its next visitor reads the fix. A broken spreadsheet is refused with
// its sheet, row and column; a visitor's submission arrives sealed and is read and exported as CSV;
// the fleet page shows the kiosk; requests without the CSRF token are refused; a province's road-name
// addresses are uploaded with a progress bar and reach the kiosk; axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repo, out, startKiosk, launchBrowser, settled, kioskPage } from './kiosk.mjs';
import { whereAt, moved, tapOn, choose, typeByTaps } from './walk.mjs';
import { startHub } from './hub.mjs';
import { unzip, zip } from './zip.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const OLD = '무엇을 잃어버리셨나요?';
const NEW = '무엇을 잃어버리셨어요?';
const VISITOR = 'Nguyễn Thị Lan';

const ctx = {};

before(async () => {
  ctx.hubProcess = await startHub();
  ctx.password = ctx.hubProcess.password;
  ctx.base = ctx.hubProcess.base;
  ctx.kiosk = await startKiosk(['--enrolment', ctx.hubProcess.enrolment, '--sync-every', '1', '--no-card-reader']);
  // The admin's browser trusts exactly the hub's key, as the hub printed it (no CA, no warning
  // clicked away): the pages are HTTPS, so the Secure cookie is kept.
  ctx.browser = await launchBrowser({ spki: [ctx.hubProcess.pin] });
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', bypassCSP: true, acceptDownloads: true });
  ctx.page = await context.newPage();
  ctx.errors = [];
  ctx.page.on('pageerror', (e) => ctx.errors.push(String(e)));
});

/** A GET from the admin's browser (its cookie, its TLS trust): the body as bytes, or as text. */
async function get(path, as = 'bytes') {
  const r = await ctx.page.evaluate(async ({ path, as }) => {
    const res = await fetch(path);
    if (as === 'text') return { status: res.status, text: await res.text() };
    if (as === 'json') return { status: res.status, json: await res.json() };
    const bytes = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { status: res.status, b64: btoa(bin) };
  }, { path, as });
  if (as === 'bytes') return Buffer.from(r.b64, 'base64');
  return as === 'text' ? r.text : r.json;
}

after(async () => {
  await ctx.browser?.close();
  ctx.kiosk?.stop();
  ctx.hubProcess?.stop();
});

async function axe(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(result, [], `axe on ${where}`);
}

async function shot(name) {
  await ctx.page.screenshot({ path: join(out, `hub-${name}.png`), fullPage: true });
}

/** Polls until `check` returns something truthy. */
async function until(check, what, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The spreadsheet with one survey cell's text replaced. */
function edited(xlsx, from, to) {
  const files = unzip(xlsx);
  const survey = files.get('xl/worksheets/sheet1.xml').toString('utf8');
  assert.ok(survey.includes(from), `the spreadsheet holds ${from}`);
  files.set('xl/worksheets/sheet1.xml', survey.replace(from, to));
  return { buffer: zip(files), survey };
}

test('sign in: a wrong password is refused, the right one opens the forms', async () => {
  const { page } = ctx;
  await page.goto(`${ctx.base}/`);
  await page.getByLabel('아이디').fill('admin');
  await page.getByLabel('비밀번호').fill('not the password');
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByText('아이디나 비밀번호가 맞지 않습니다.').waitFor();
  await axe(page, 'login');
  await shot('01-login-refused');
  await page.getByLabel('비밀번호').fill(ctx.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.locator('#forms-table').getByRole('cell', { name: '분실물 신고', exact: true }).waitFor();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'minwon_hub');
  assert.ok(cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict', JSON.stringify(cookie));
  await axe(page, 'forms');
  await shot('02-forms');
});

test('a broken spreadsheet is refused with its sheet, row and column; the draft does not change', async () => {
  const { page } = ctx;
  const xlsx = await get('/admin/api/forms/lost-item-report/xlsform');
  const { buffer, survey } = edited(xlsx, '>select_one item<', '>select_one colours<');
  const row = Number(/<c r="A(\d+)"[^>]*><is><t[^>]*>select_one item</.exec(survey)[1]);
  await page.setInputFiles('#upload-files', { name: 'lost-item-report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByRole('button', { name: '올리기' }).click();
  const problem = page.locator('#upload-problems tbody tr').first();
  await problem.waitFor();
  const cells = await problem.locator('td').allTextContents();
  assert.deepEqual(cells.slice(0, 3), ['survey', String(row), 'A (type)']);
  assert.match(cells[3], /선택지 목록이 없습니다/);
  assert.equal(await page.locator('#draft-notice').isHidden(), true, 'no draft');
  await axe(page, 'upload problems');
  await shot('03-upload-problems');
});

test('a typo fixed in the spreadsheet is previewed, published, and the kiosk\'s next visitor reads it', async () => {
  const { page } = ctx;
  const xlsx = await get('/admin/api/forms/lost-item-report/xlsform');
  const { buffer } = edited(xlsx, OLD, NEW);
  await page.setInputFiles('#upload-files', { name: 'lost-item-report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByRole('button', { name: '올리기' }).click();
  await page.getByText('lost-item-report 서식을 초안에 넣었습니다').waitFor();
  await page.locator('#preview-steps td', { hasText: NEW }).first().waitFor();
  assert.equal(await page.locator('#draft-notice').isVisible(), true);
  // The preview says which questions appear when: the place asked only for a kind of place, and
  // its choices narrowed to that kind (the spreadsheet's relevant and choice_filter, kept).
  const logic = await page.locator('#preview-steps .logic li').allTextContents();
  assert.ok(logic.includes("이 단계는 다음이 참일 때만 묻습니다: ${lost-area} != 'other'"), logic.join(' | '));
  assert.ok(logic.includes('lost-spot: 이 조건에 맞는 선택지만 보입니다: area = ${lost-area}'), logic.join(' | '));
  await axe(page, 'preview');
  await shot('04-preview');
  await page.getByLabel('메모 (무엇을 바꿨나요?)').fill('분실물 신고 첫 질문 맞춤법');
  await page.getByRole('button', { name: '게시', exact: true }).click();
  await page.getByText('2판을 게시했습니다').waitFor();
  await shot('05-published');

  // The kiosk pulls it, applies it while nobody is on it, and reports version 2.
  await until(async () => {
    const fleet = await get('/admin/api/fleet', 'json');
    return fleet.kiosks.find((k) => k.kiosk_id === 'kiosk-1')?.status?.bundle_version === 2;
  }, 'the kiosk to apply version 2');
  const visitor = await ctx.browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await visitor.goto(ctx.kiosk.url);
  await visitor.waitForSelector('main[data-screen="welcome"]');
  await settled(visitor);
  await visitor.click('[data-action="start"]');
  await visitor.waitForSelector('main[data-screen="service"]');
  await settled(visitor);
  await visitor.click('[data-service="lost-item-report"]');
  await visitor.waitForSelector('main[data-screen="step"]');
  assert.equal((await visitor.textContent('#screen-title')).trim(), NEW);
  await visitor.screenshot({ path: join(out, 'hub-06-kiosk-next-visitor.png') });
  await visitor.close();
  // She leaves: the kiosk wipes her visit.
  for (const type of ['cancel', 'confirm_cancel']) await ctx.kiosk.act({ type });
});

test('a visitor\'s submission arrives sealed, is read in the hub, exports as CSV, and is not readable on the kiosk', async () => {
  const { page } = ctx;
  const act = ctx.kiosk.act;
  let v = await act({ type: 'language', locale: 'vi' });
  assert.equal(v.screen, 'service', JSON.stringify(v));
  v = await act({ type: 'service', id: 'lost-item-report' });
  for (const answers of [{ item: 'wallet' }, {}, { description: 'Ví da màu nâu' }, { 'lost-date': '2026-11-20' },
    { 'lost-area': 'transport' }, { 'lost-spot': 'subway' }, { 'lost-place': 'Ga Jongno 3-ga' }, { name: VISITOR }, { mobile: '010 9876 5432' }, { 'contact-by': 'call' }, { 'privacy-consent': true }]) {
    v = await act({ type: 'next', answers });
  }
  v = await act({ type: 'submit' });
  assert.equal(v.screen, 'receipt');
  const receipt = v.body.number;
  await act({ type: 'finish' });

  await page.getByRole('tab', { name: '접수 내역' }).click();
  await page.selectOption('#submissions-filter', 'lost-item-report');
  await until(async () => {
    await page.selectOption('#submissions-filter', 'lost-item-report');
    return (await page.locator('#submissions').textContent()).includes(receipt);
  }, 'the submission to reach the hub');
  assert.match(await page.locator('#submissions').textContent(), new RegExp(`name: ${VISITOR}`));
  await axe(page, 'submissions');
  await shot('07-submissions');
  const csv = await get('/admin/api/submissions.csv?form=lost-item-report', 'text');
  const line = csv.split('\r\n').find((l) => l.includes(receipt));
  assert.ok(line?.includes(VISITOR), csv);
  assert.equal(line.split(',')[4], 'vi', 'the language she used');
  assert.equal(csv.split('\r\n')[0].replace('\ufeff', '').split(',').slice(0, 6).join(','), 'submission_id,receipt,kiosk,received_utc_ms,language,item');

  // Nothing the visitor typed is readable anywhere in the kiosk's files (the outbox, its WAL,
  // the bundles, the caches) nor in what the kiosk logged.
  const files = readdirSync(ctx.kiosk.data, { recursive: true }).map((f) => join(ctx.kiosk.data, f)).filter((f) => statSync(f).isFile());
  assert.ok(files.some((f) => f.endsWith('outbox.sqlite-wal')) && files.some((f) => f.endsWith('outbox.sqlite')), files.join(', '));
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const secret of [VISITOR, 'Ví da màu nâu', '010-9876-5432', '01098765432']) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `${f} holds "${secret}" in plain text`);
    }
  }
  for (const secret of [VISITOR, 'Ví da màu nâu', '010-9876-5432', '01098765432']) assert.equal(ctx.kiosk.log().includes(secret), false, `the kiosk logged "${secret}"`);

  // The audit tab loads its table when opened: wait for the load, not for the first paint.
  await page.getByRole('tab', { name: '감사 기록' }).click();
  const expected = ['게시', 'CSV 내보내기', '접수 열람', '서식 올림', '로그인'];
  let actions = '';
  await until(async () => {
    actions = await page.locator('#audit-table tbody').textContent();
    return expected.every((a) => actions.includes(a));
  }, 'the audit log to list every action').catch(() => {});
  for (const a of expected) assert.ok(actions.includes(a), `${a} in the audit log: ${actions}`);
  await shot('08-audit');
});

test('an office rewrites the way to counter 3 for its mirror: topic spreadsheet, preview, publish', async () => {
  const { page } = ctx;
  await page.getByRole('tab', { name: '서식' }).click();
  await page.getByRole('cell', { name: '3번 창구는 어디인가요?', exact: true }).waitFor();
  const xlsx = await get('/admin/api/topics/counter-3/xlsform');
  const files = unzip(xlsx);
  const steps = files.get('xl/worksheets/sheet2.xml').toString('utf8');
  const before = '키오스크를 지나 열 걸음 앞으로 가면 왼쪽에 3번 창구가 있습니다.';
  assert.ok(steps.includes(before), 'the step text is in the steps sheet');
  files.set('xl/worksheets/sheet2.xml', steps.replace(before, '엘리베이터 옆 오른쪽이 3번 창구입니다.'));
  await page.setInputFiles('#upload-files', { name: 'counter-3.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: zip(files) });
  await page.getByRole('button', { name: '올리기' }).click();
  await page.locator('#preview-steps td', { hasText: '엘리베이터 옆 오른쪽이 3번 창구입니다.' }).first().waitFor();
  assert.match(await page.locator('#preview-title').textContent(), /3번 창구/);
  await axe(page, 'topic preview');
  await shot('10-topic-preview');
  await page.getByLabel('메모 (무엇을 바꿨나요?)').fill('3번 창구 가는 길');
  await page.getByRole('button', { name: '게시', exact: true }).click();
  await page.getByText('3판을 게시했습니다').waitFor();
});

test('the fleet page shows the kiosk; changes without the CSRF token are refused', async () => {
  const { page } = ctx;
  await page.getByRole('tab', { name: '키오스크' }).click();
  const row = page.locator('#fleet-table tr[data-kiosk="kiosk-1"]');
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'demo');
  await until(async () => (await row.locator('td').nth(3).textContent()) === '3' || (await page.getByRole('tab', { name: '키오스크' }).click(), false), 'the kiosk to run version 3');
  assert.equal((await row.locator('td').allTextContents())[3], '3', 'the bundle version it runs');
  assert.equal(cells[4], '0', 'its outbox is empty');
  assert.equal(cells[8], '정상');
  await axe(page, 'fleet');
  await shot('09-fleet');

  // From the admin's own browser, signed in: a change without the CSRF token is refused; a read
  // without the session cookie is refused.
  const forged = await page.evaluate(async () => {
    const r = await fetch('/admin/api/publish', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ group: 'all', note: 'forged' }) });
    return { status: r.status, code: (await r.json()).code };
  });
  assert.deepEqual(forged, { status: 403, code: 'hub.csrf' });
  const noSession = await page.evaluate(async () => (await fetch('/admin/api/submissions', { credentials: 'omit' })).status);
  assert.equal(noSession, 401);
  assert.deepEqual(ctx.errors, []);
});

test('a district\'s road-name addresses: uploaded with a progress bar, checked, published, searched on the kiosk', async () => {
  const { page } = ctx;
  const sample = (name) => readFileSync(join(repo, 'assets/address/sample', name));
  const roads = sample('SAMPLE_road_code_jongno.txt');
  const buildings = sample('SAMPLE_rnaddrkor_jongno.txt');
  await page.getByRole('tab', { name: '도로명주소' }).click();
  const sampleRow = page.locator('#address-table tbody tr', { hasText: 'sample' });
  await sampleRow.waitFor();
  assert.match(await sampleRow.textContent(), /예시 자료/, 'the seeded set says it is a sample');

  // A file cut short: located by file and line, the draft unchanged.
  const cut = buildings.subarray(0, buildings.length - 40);
  await page.getByLabel('자료 ID (영문, 예: seoul)').fill('seoul');
  await page.getByLabel('이름 (예: 서울특별시)').fill('서울특별시');
  await page.getByLabel('출처 (예: 주소DB 2026년 11월분)').fill('주소DB 2026년 11월분');
  await page.setInputFiles('#address-files', [
    { name: 'road_code_total.txt', mimeType: 'text/plain', buffer: roads },
    { name: 'rnaddrkor_seoul.txt', mimeType: 'text/plain', buffer: cut },
  ]);
  await page.getByRole('button', { name: '올리고 검사하기' }).click();
  const problem = page.locator('#address-problems tbody tr').first();
  await problem.waitFor();
  const cells = await problem.locator('td').allTextContents();
  const lastLine = cut.toString('utf8').trimEnd().split('\n').length;
  assert.deepEqual(cells.slice(0, 2), ['rnaddrkor_seoul.txt', String(lastLine)], cells.join(' | '));
  assert.match(cells[3], /주소 파일/);
  await axe(page, 'address problems');
  await shot('10-address-problems');

  // The whole files, sent slowly enough to watch the bar fill.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 24 * 1024 });
  await page.evaluate(() => {
    window.seenProgress = [];
    const bar = document.getElementById('address-progress');
    new MutationObserver(() => window.seenProgress.push([bar.value, bar.max, document.getElementById('address-progress-label').textContent]))
      .observe(document.getElementById('address-progress-label'), { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles('#address-files', [
    { name: 'road_code_total.txt', mimeType: 'text/plain', buffer: roads },
    { name: 'rnaddrkor_seoul.txt', mimeType: 'text/plain', buffer: buildings },
  ]);
  await page.getByRole('button', { name: '올리고 검사하기' }).click();
  await until(async () => (await page.evaluate(() => document.getElementById('address-progress').value)) > buildings.length / 3, 'the bar to move');
  await shot('11-address-uploading');
  await page.getByText(/seoul 자료\(도로 \d+개, 건물 \d+개\)를 초안에 넣었습니다/).waitFor({ timeout: 60000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const seen = await page.evaluate(() => window.seenProgress);
  const total = roads.length + buildings.length;
  const partial = seen.filter(([v, max, label]) => max === total && v > 0 && v < total && label.includes('rnaddrkor_seoul.txt 올리는 중'));
  assert.ok(partial.length >= 2, `the bar showed the upload part by part: ${JSON.stringify(seen)}`);
  const seoulRow = page.locator('#address-table tbody tr', { hasText: 'seoul' });
  await seoulRow.waitFor();
  assert.match(await seoulRow.textContent(), /서울특별시/);

  // The sample out; published; the kiosk searches the district's set.
  await page.getByRole('button', { name: '빼기: 서울특별시 종로구 (표본)' }).click();
  await sampleRow.waitFor({ state: 'detached' });
  await axe(page, 'address');
  await shot('12-address');
  await page.getByRole('tab', { name: '서식' }).click();
  await page.getByLabel('메모 (무엇을 바꿨나요?)').fill('서울 도로명주소');
  await page.getByRole('button', { name: '게시', exact: true }).click();
  await page.getByText('4판을 게시했습니다').waitFor();
  await until(async () => {
    const fleet = await get('/admin/api/fleet', 'json');
    return fleet.kiosks.find((k) => k.kiosk_id === 'kiosk-1')?.status?.bundle_version === 4;
  }, 'the kiosk to apply version 4');
  await ctx.kiosk.act({ type: 'language', locale: 'ko' });
  await ctx.kiosk.act({ type: 'service', id: 'library-card' });
  for (const answers of [{ name: '김민수' }, { 'birth-date': '1948-03-15' }, { mobile: '01023456789' }]) await ctx.kiosk.act({ type: 'next', answers });
  const v = await ctx.kiosk.act({ type: 'address_search', input: 'f-address-search', text: '세종대로' });
  assert.ok(v.addresses.found.length > 0 && v.addresses.found[0].line1.startsWith('서울특별시 종로구 세종대로'), JSON.stringify(v.addresses));
  assert.equal(v.addresses.sample ?? null, null, 'no longer the sample set');
  for (const type of ['cancel', 'confirm_cancel']) await ctx.kiosk.act({ type });
  assert.deepEqual(ctx.errors, []);
});

// The whole story: the ODK spreadsheet an admin already has (snake_case names, ODK's
// timestamp version, English and Korean columns, saved as Excel saves), with skip logic,
// cascading choices, a counted repeat, one she adds to and a note showing answers, goes in through the admin
// page as it is; the preview says which questions appear when; published, the kiosk's next
// visitor (by touch alone) is asked exactly what the logic calls for, and the hub holds it.
test('an ODK spreadsheet with logic is previewed and published, and the next visitor is asked what its logic calls for', { timeout: 240000 }, async () => {
  const { page } = ctx;
  await page.getByRole('tab', { name: '서식' }).click();
  const buffer = readFileSync(join(repo, 'tests', 'fixtures', 'xlsform', 'household-move.xlsx'));
  await page.setInputFiles('#upload-files', { name: 'household-move.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByRole('button', { name: '올리기' }).click();
  await page.getByText('household_move 서식을 초안에 넣었습니다').waitFor();
  await page.locator('#preview-steps td', { hasText: '${district}(으)로 ${movers}명이 이사했습니다.' }).first().waitFor();
  const logic = await page.locator('#preview-steps .logic li').allTextContents();
  for (const line of [
    "pet_kind: 다음이 참일 때만 묻습니다: ${has_pet} = 'yes'",
    'district: 이 조건에 맞는 선택지만 보입니다: province = ${province}',
    '반복: 다음 수만큼 묻습니다: ${movers}',
  ]) assert.ok(logic.includes(line), `${line} in ${logic.join(' | ')}`);
  await axe(page, 'preview of an ODK spreadsheet');
  await shot('13-preview-odk');
  await page.getByLabel('메모 (무엇을 바꿨나요?)').fill('세대 이사 신고 추가');
  await page.getByRole('button', { name: '게시', exact: true }).click();
  const done = page.getByText(/\d+판을 게시했습니다/);
  await done.waitFor();
  const version = Number(/(\d+)판을/.exec(await done.textContent())[1]);
  await until(async () => {
    const fleet = await get('/admin/api/fleet', 'json');
    return fleet.kiosks.find((k) => k.kiosk_id === 'kiosk-1')?.status?.bundle_version === version;
  }, `the kiosk to apply version ${version}`);

  const { page: visitor, errors } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const asked = () => visitor.$$eval('[data-field]', (els) => els.map((e) => e.dataset.field));
  const go = async (selector) => {
    const before = await whereAt(visitor);
    await tapOn(visitor, selector);
    await moved(visitor, before);
  };
  const next = () => go('#nav-next');
  const pick = async (field, value) => {
    if (!(await choose(visitor, field, value))) await next();
  };
  await go('[data-locale="ko"]');
  await go('[data-service="household_move"]');
  if (await visitor.getAttribute('main', 'data-screen') === 'identify') await go('[data-identify="type"]');
  assert.deepEqual(await asked(), ['has_pet']);
  await pick('has_pet', 'no');
  assert.deepEqual(await asked(), ['province'], 'no pet: what kind of animal is not asked');
  await pick('province', 'busan');
  assert.deepEqual(await asked(), ['district']);
  const offered = await visitor.$$eval('[data-field="district"] input', (els) => els.map((e) => e.value));
  assert.deepEqual(offered, ['haeundae', 'suyeong'], "only Busan's districts");
  await pick('district', 'haeundae');
  await typeByTaps(visitor, '#f-movers', '2');
  await next();
  for (const [n, name] of [[1, '김민수'], [2, '이영희']]) {
    assert.deepEqual(await asked(), ['mover_name']);
    assert.equal((await visitor.textContent('#repeat-counter')).trim(), `2개 중 ${n}번째`);
    await typeByTaps(visitor, '#f-mover_name', name);
    await next();
  }
  // Vehicles: she adds one more, then a third by mistake, which she removes.
  assert.deepEqual(await asked(), ['vehicle_number']);
  assert.equal(await visitor.isVisible('#repeat-remove'), false, 'one vehicle at least: nothing to remove');
  await typeByTaps(visitor, '#f-vehicle_number', '12가3456');
  await go('#repeat-add');
  assert.equal((await visitor.textContent('#repeat-counter')).trim(), '2개 중 2번째');
  assert.equal(await visitor.inputValue('#f-vehicle_number'), '', 'the new vehicle starts empty');
  await typeByTaps(visitor, '#f-vehicle_number', '34나5678');
  await go('#repeat-add');
  assert.equal((await visitor.textContent('#repeat-counter')).trim(), '3개 중 3번째');
  await go('#repeat-remove');
  assert.equal((await visitor.textContent('#repeat-counter')).trim(), '2개 중 2번째');
  assert.equal(await visitor.inputValue('#f-vehicle_number'), '34나5678', 'back on the second, as she typed it');
  await next();
  assert.deepEqual(await asked(), ['summary']);
  assert.match(await visitor.textContent('[data-field="summary"]'), /해운대구\(으\)로 2명이 이사했습니다\./, 'the note shows her answers');
  await visitor.screenshot({ path: join(out, 'hub-14-kiosk-odk-note.png') });
  await next();
  assert.equal(await visitor.getAttribute('main', 'data-screen'), 'review');
  const review = await visitor.textContent('main');
  assert.ok(review.includes('김민수') && review.includes('이영희') && !review.includes('어떤 동물'), review);
  await tapOn(visitor, '#nav-next');
  await visitor.waitForSelector('main[data-screen="receipt"]');
  const receipt = (await visitor.textContent('#receipt-number')).trim();
  await ctx.hubProcess.signIn();
  const sub = await ctx.hubProcess.submission(receipt);
  const held = Object.fromEntries(sub.answers.map(([f, v]) => [f, v]));
  assert.equal(sub.form_id, 'household_move');
  assert.deepEqual(
    [held.has_pet, held.province, held.district, held.movers, held['mover_name[1]'], held['mover_name[2]'], held.pet_kind,
      held['vehicle_number[1]'], held['vehicle_number[2]'], held['vehicle_number[3]']],
    ['no', 'busan', 'haeundae', '2', '김민수', '이영희', undefined, '12가3456', '34나5678', undefined],
    JSON.stringify(sub.answers),
  );
  await tapOn(visitor, '#nav-next');
  await visitor.waitForSelector('main[data-screen="welcome"]');
  assert.deepEqual(errors, []);
  await visitor.context().close();
});

test('a kiosk re-enrolled from its row on the fleet page gets a new file; its old one stops working', async () => {
  const { page } = ctx;
  await page.getByRole('tab', { name: '키오스크' }).click();
  const row = page.locator('#fleet-table tr[data-kiosk="kiosk-1"]');
  await row.waitFor();
  await row.getByRole('button', { name: '다시 등록' }).click();
  assert.equal(await page.inputValue('#enrol-kiosk'), 'kiosk-1', 'the row fills the enrolment form');
  assert.equal(await page.inputValue('#enrol-group'), 'demo');
  assert.match(await page.textContent('#enrol-again'), /예전 파일은 더는 쓸 수 없습니다/, 'the admin is told what re-enrolling does');
  await page.getByRole('button', { name: '등록', exact: true }).click();
  await page.locator('#enrol-result').waitFor({ state: 'visible' });
  const file = await page.textContent('#enrol-file');
  const token = (text) => /^token = "([0-9a-f]+)"/m.exec(text)?.[1];
  const old = token(readFileSync(ctx.hubProcess.enrolment, 'utf8'));
  const fresh = token(file);
  assert.ok(old && fresh && old !== fresh, 'a new token in the new file');
  assert.match(file, /^kiosk_id = "kiosk-1"/m);
  assert.match(file, /^hub_url = "https:\/\//m);
  await page.screenshot({ path: join(out, 'hub-15-reenrol.png') });
  const beat = (t) => page.evaluate(async (t) => (await fetch('/api/v1/heartbeat', {
    method: 'POST', credentials: 'omit',
    headers: { 'content-type': 'application/json', authorization: `Bearer kiosk-1:${t}` },
    body: JSON.stringify({ bundle_version: null, outbox_depth: 0, oldest_queued_s: null, reader: 'off', speech: 'off', last_error: null }),
  })).status, t);
  assert.equal(await beat(old), 401, 'the old file is refused');
  // The test's kiosk beats every second (--sync-every 1), faster than the hub's heartbeat quota
  // for kiosk-1 refills (one every 5 s): until the re-enrolment shut its old token out it may have
  // emptied the bucket. The new token waits for the quota, as a real kiosk's next beat would.
  let status = await beat(fresh);
  for (let i = 0; status === 429 && i < 12; i += 1) {
    await new Promise((r) => setTimeout(r, 1000));
    status = await beat(fresh);
  }
  assert.equal(status, 200, 'the new one is taken');
  assert.deepEqual(ctx.errors, []);
});
