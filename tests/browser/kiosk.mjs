// Helpers for the browser tests: start the real kiosk binary with --serve, launch Debian's Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync, writeFileSync, appendFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const out = join(repo, 'tests', 'out');
mkdirSync(out, { recursive: true });

const binary = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-kiosk');

/** Starts `minwon-kiosk --serve` on a free loopback port; resolves when it prints its URL. */
export async function startKiosk(extraArgs = [], env = {}) {
  const data = mkdtempSync(join(tmpdir(), 'minwon-e2e-'));
  // The test PKI that signs the virtual passport (scripts/card-service.sh makes it), when there is one.
  const pki = join(repo, '.minwon', 'pki', 'csca.der');
  const trust = existsSync(pki) ? ['--trust', pki] : [];
  // Silent unless a test asks for speech: the browser tests check what is shown; speech has its own tests.
  const speech = extraArgs.includes('--speech') ? [] : ['--no-speech'];
  const args = extraArgs.filter((a) => a !== '--speech');
  const child = spawn(binary, ['--serve', '--port', '0', '--data', data, ...trust, ...speech, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the kiosk did not start:\n${log}`)), 30000);
    child.stdout.on('data', (d) => {
      log += d;
      const m = /serving the kiosk at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`the kiosk exited with ${code}:\n${log}`)));
  });
  // What the kiosk's own page does: take the per-launch secret from the page's cookie, then call
  // the API with it (a test driving the engine directly, without a browser).
  let cookie = null;
  const act = async (action) => {
    if (!cookie) {
      const page = await fetch(url);
      cookie = (page.headers.get('set-cookie') || '').split(';')[0];
    }
    const r = await fetch(`${url}api/act`, { method: 'POST', body: JSON.stringify(action), headers: { 'content-type': 'application/json', cookie } });
    return r.json();
  };
  return { url, data, child, act, log: () => log, stop: () => child.kill('SIGINT') };
}

/** Debian's Chromium; `spki`: base64 SHA-256 pins of certificates it accepts without a CA (a hub's). */
export function launchBrowser({ spki = [] } = {}) {
  const pins = spki.length ? [`--ignore-certificate-errors-spki-list=${spki.join(',')}`] : [];
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none', ...pins],
  });
}

/** Starts pcscd (with vsmartcard's vpcd) unless it runs, for a test that brings its own card. */
export function pcscd() {
  try {
    execFileSync('pgrep', ['-x', 'pcscd']);
  } catch {
    execFileSync('pcscd');
  }
}

export const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** The engine's effect log (codes and message ids, never personal values), as the kiosk's page reads it. */
export async function effects(page) {
  return page.evaluate(async () => (await fetch('/api/effects')).json());
}

/** Presses a key as a keypad would: one key, then more than half a second before the next
 * (the keypad ignores a second press of the same key within half a second). */
export async function press(page, key) {
  await page.keyboard.press(key);
  await pause(560);
}

/** Voice mode, as a blind visitor turns it on: `*` held two seconds; then the focus on the heading. */
export async function voiceOn(page) {
  await page.keyboard.down('*');
  await pause(2200);
  await page.keyboard.up('*');
  await page.waitForFunction(async () => (await (await fetch('/api/view')).json()).voice_mode === true);
  await page.focus('#screen-title');
}

/** The entries of the engine's effect log in `after` that `before` did not have (the log keeps its
 * last 512 entries only, so it may have shifted in between). */
export function newEntries(before, after) {
  for (let n = 0; n <= before.length; n += 1) {
    const kept = before.slice(n);
    if (kept.every((e, i) => after[i] === e)) return after.slice(kept.length);
  }
  return after;
}

/** Resolves once the current screen takes touches (a new screen ignores them for a moment). */
export function settled(page) {
  return page.waitForFunction(() => document.documentElement.dataset.settled === 'yes');
}

/** A portrait kiosk screen: 1080x1920, as the kiosks' 24-inch portrait panels; a touchscreen. */
export async function kioskPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, hasTouch: true, ...options });
  const page = await context.newPage();
  // As a visitor does: a tap or click once the screen has settled (a new screen ignores touches
  // for half a second, so that a double tap counts once; tests/browser/taps.test.mjs checks that).
  for (const name of ['click', 'tap', 'check']) {
    const own = page[name].bind(page);
    page[name] = async (...args) => {
      await settled(page);
      return own(...args);
    };
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('#screen-title');
  await settled(page);
  return { page, errors };
}

/**
 * Sound without a sound card, for a kiosk started with `--speech`: ALSA's default becomes the null
 * device and a private speech-dispatcher plays into it. Returns the environment for the kiosk and a
 * stop function.
 */
export async function privateSound() {
  const dir = mkdtempSync(join(tmpdir(), 'minwon-sound-'));
  const alsa = join(dir, 'alsa-null.conf');
  writeFileSync(alsa, '</usr/share/alsa/alsa.conf>\npcm.!default { type null }\nctl.!default { type hw card 0 }\n');
  const conf = join(dir, 'speechd-conf');
  cpSync('/etc/speech-dispatcher', conf, { recursive: true });
  appendFileSync(join(conf, 'speechd.conf'), '\nAudioOutputMethod "alsa"\nAudioALSADevice "null"\nDefaultModule espeak-ng\n'
    + 'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n');
  const socket = join(dir, 'speechd.sock');
  // Its own pid file and logs, so a system speech-dispatcher does not stop it from starting.
  const daemon = spawn('speech-dispatcher', ['-s', '-t', '0', '-c', 'unix_socket', '-C', conf, '-S', socket,
    '-P', join(dir, 'speechd.pid'), '-L', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i += 1) await new Promise((r) => setTimeout(r, 100));
  return { env: { ALSA_CONFIG_PATH: alsa, SPEECHD_ADDRESS: `unix_socket:${socket}` }, stop: () => daemon.kill() };
}

/** For a test file: one kiosk (with `args`) and one browser, started before its tests and stopped after. */
export function useKiosk(args = [], env = {}) {
  const shared = { kiosk: null, browser: null };
  before(async () => {
    shared.kiosk = await startKiosk(args, typeof env === 'function' ? await env() : env);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    shared.kiosk?.stop();
  });
  return shared;
}
