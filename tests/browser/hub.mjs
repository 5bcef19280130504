// A real minwon-hub for the browser tests: `minwon-hub demo` (an admin, kiosk-1 enrolled) then
// `minwon-hub serve` on loopback, and an admin's reads of its API from Node over TLS that trusts
// exactly the hub's own certificate (as an enrolled kiosk pins it).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { repo, startKiosk, launchBrowser } from './kiosk.mjs';

export const hubBinary = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-hub');

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts a hub; resolves once it serves, with what a test needs of it. */
export async function startHub() {
  const data = mkdtempSync(join(tmpdir(), 'minwon-hub-'));
  const port = await freePort();
  const enrolment = join(data, 'kiosk-1.toml');
  const said = execFileSync(hubBinary, ['demo', '--data', join(data, 'hub'), '--url', `https://127.0.0.1:${port}`, '--enrolment', enrolment], { encoding: 'utf8' });
  const password = /password (\S+)/.exec(said)[1];
  const child = spawn(hubBinary, ['serve', '--data', join(data, 'hub'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  await new Promise((resolve) => child.stdout.on('data', (d) => { printed += d; if (printed.includes('base64')) resolve(); }));
  const pin = /\(base64 (\S+)\)/.exec(printed)[1];
  const ca = readFileSync(join(data, 'hub', 'tls.crt'));
  let cookie = '';

  /** One HTTPS request to the hub as the signed-in admin: { status, json }. */
  function call(method, path, body) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
      const req = request({
        host: '127.0.0.1', port, path, method, ca, servername: 'localhost',
        headers: { cookie, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const set = res.headers['set-cookie']?.[0];
          if (set) cookie = set.split(';')[0];
          let json = null;
          try { json = JSON.parse(text); } catch { /* not JSON */ }
          resolve({ status: res.statusCode, json });
        });
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  return {
    base: `https://localhost:${port}`, port, password, pin, enrolment, data: join(data, 'hub'),
    async signIn() {
      const r = await call('POST', '/admin/api/login', { name: 'admin', password });
      if (r.status !== 200) throw new Error(`login: ${r.status}`);
    },
    /** The submission with receipt number `receipt`, opened with the agency key (waits for it). */
    async submission(receipt, ms = 30000) {
      const end = Date.now() + ms;
      for (;;) {
        const r = await call('GET', '/admin/api/submissions');
        const found = r.json?.submissions?.find((s) => s.receipt === receipt);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no submission ${receipt} at the hub: ${JSON.stringify(r.json)}`);
        await new Promise((res) => setTimeout(res, 300));
      }
    },
    stop: () => child.kill('SIGINT'),
  };
}

/** For a test file: a hub, a kiosk enrolled at it (syncing every second) and a browser, started
 * before its tests and stopped after; the admin signed in for reading submissions. */
export function useKioskAtHub(args = []) {
  const ctx = {};
  before(async () => {
    ctx.hub = await startHub();
    await ctx.hub.signIn();
    ctx.kiosk = await startKiosk([...args, '--enrolment', ctx.hub.enrolment, '--sync-every', '1']);
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.kiosk?.stop();
    ctx.hub?.stop();
  });
  return ctx;
}
