// The kiosk's loopback server (`--serve`) attacked as a curious local process or a web page the
// machine's browser opens would: a rebound host name (DNS rebinding), another port, a foreign
// Origin, a text/plain or form POST, no per-launch secret. Each is refused with 403 and
// `api.forbidden`, and the visitor on the kiosk is neither read nor moved; the kiosk's own page
// still works. Also a real cross-origin page in Chromium tries both and gets nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:http';
import { startKiosk, launchBrowser, kioskPage } from './kiosk.mjs';

const ctx = {};

before(async () => {
  ctx.kiosk = await startKiosk(['--no-card-reader']);
  ctx.port = Number(new URL(ctx.kiosk.url).port);
  ctx.browser = await launchBrowser();
});

after(async () => {
  await ctx.browser?.close();
  ctx.kiosk?.stop();
  ctx.attacker?.close();
});

/** A raw request with the headers exactly as given (node's fetch would not send a foreign Host). */
function raw(method, path, headers, body = '') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ctx.port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, setHost: false }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a rebound host, a foreign origin, a text/plain post and a missing secret are all refused', async () => {
  const host = `127.0.0.1:${ctx.port}`;
  // A visitor is on the kiosk with her name typed.
  await ctx.kiosk.act({ type: 'language', locale: 'ko' });
  await ctx.kiosk.act({ type: 'service', id: 'lost-item-report' });
  const page = await raw('GET', '/', { host });
  assert.equal(page.status, 200);
  const cookie = String(page.headers['set-cookie']).split(';')[0];
  assert.match(String(page.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  const json = { 'content-type': 'application/json' };
  const attempts = [
    ['DNS rebinding', 'GET', '/api/view', { host: `attacker.example:${ctx.port}`, cookie }],
    ['rebinding to the page', 'GET', '/', { host: `attacker.example:${ctx.port}` }],
    ['another port', 'GET', '/api/view', { host: '127.0.0.1:1', cookie }],
    ['no Host', 'GET', '/api/view', { cookie }],
    ['no secret', 'GET', '/api/view', { host }],
    ['a guessed secret', 'GET', '/api/view', { host, cookie: 'minwon_kiosk=00' }],
    ['clip frames without the secret', 'GET', '/clips/ksl/screen-welcome/0.png', { host }],
    ['text/plain from a foreign page', 'POST', '/api/act', { host, cookie, 'content-type': 'text/plain', origin: 'http://attacker.example' }, '{"type":"more_time"}'],
    ['a form post', 'POST', '/api/act', { host, cookie, 'content-type': 'application/x-www-form-urlencoded' }, 'type=more_time'],
    ['JSON from a foreign origin', 'POST', '/api/act', { host, cookie, ...json, origin: 'http://attacker.example' }, '{"type":"announce","text":"hello"}'],
    ['JSON from a null origin', 'POST', '/api/act', { host, cookie, ...json, origin: 'null' }, '{"type":"cancel"}'],
    ['cross-site fetch metadata', 'POST', '/api/act', { host, cookie, ...json, 'sec-fetch-site': 'cross-site' }, '{"type":"cancel"}'],
    ['JSON without the secret', 'POST', '/api/act', { host, ...json }, '{"type":"cancel"}'],
  ];
  for (const [what, method, path, headers, body] of attempts) {
    const r = await raw(method, path, headers, body);
    assert.equal(r.status, 403, `${what}: ${r.status} ${r.text}`);
    assert.equal(JSON.parse(r.text).code, 'api.forbidden', what);
    assert.equal(r.text.includes('lost-item-report'), false, `${what}: nothing of the visit`);
  }
  // The visitor was not moved; the kiosk's own calls work.
  const view = await raw('GET', '/api/view', { host, cookie });
  assert.equal(view.status, 200);
  assert.equal(JSON.parse(view.text).screen, 'step');
  const ok = await raw('POST', '/api/act', { host, cookie, ...json, origin: `http://${host}` }, '{"type":"cancel"}');
  assert.equal(ok.status, 200, ok.text);
});

test('a web page on another origin in the same browser can neither read nor drive the kiosk', async () => {
  // The attacker's page, served from another port of this machine (another origin, same site rules
  // as any web page the kiosk's browser might open).
  ctx.attacker = createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end('<!doctype html><title>x</title>'); });
  await new Promise((r) => ctx.attacker.listen(0, '127.0.0.1', r));
  const evil = `http://localhost:${ctx.attacker.address().port}/`;
  // The kiosk's own page has been opened in this browser (it holds the cookie).
  const { page: kioskTab } = await kioskPage(ctx.browser, ctx.kiosk.url);
  const page = await kioskTab.context().newPage();
  await page.goto(evil);
  const results = await page.evaluate(async (target) => {
    const out = {};
    try { out.read = (await fetch(`${target}api/view`, { credentials: 'include' })).status; } catch { out.read = 'blocked'; }
    try { await fetch(`${target}api/act`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"type":"call_staff"}' }); out.post = 'sent'; } catch { out.post = 'blocked'; }
    return out;
  }, ctx.kiosk.url);
  assert.notEqual(results.read, 200, `the foreign page read the view: ${JSON.stringify(results)}`);
  const log = await kioskTab.evaluate(async () => (await fetch('/api/effects')).json());
  assert.equal(log.some((e) => e.startsWith('call-staff')), false, `the foreign post called staff: ${log.join(' ')}`);
  // The same call from the kiosk's own page does reach the engine (the check above can fail).
  await kioskTab.evaluate(async () => fetch('/api/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"call_staff"}' }));
  const after = await kioskTab.evaluate(async () => (await fetch('/api/effects')).json());
  assert.equal(after.some((e) => e.startsWith('call-staff')), true, after.join(' '));
  await page.close();
  await kioskTab.close();
});
