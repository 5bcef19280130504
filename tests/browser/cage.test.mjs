// The kiosk as an office runs it: the ExecStart line of packaging/systemd/minwon-kiosk.service
// (cage, a locked Wayland kiosk session) on wlroots' headless backend, under a user of its own,
// restarted as the unit's Restart=always would. Its screenshot (grim) must be the welcome screen
// filling the whole output — no black band where a window of the wrong size left the screen
// bare; killing the kiosk brings it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, chmodSync, chownSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, out } from './kiosk.mjs';

const target = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug');
const unit = readFileSync(join(repo, 'packaging', 'systemd', 'minwon-kiosk.service'), 'utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The unit's ExecStart, with this build's kiosk and a data folder of the test's own. */
function execStart(data) {
  const line = unit.split('\n').find((l) => l.startsWith('ExecStart='));
  assert.ok(line, 'the unit has an ExecStart');
  return line.slice('ExecStart='.length)
    .replace('/usr/bin/minwon-kiosk', join(target, 'minwon-kiosk'))
    .replace('/var/lib/minwon-kiosk', data)
    .replace('$MINWON_KIOSK_ARGS', '--no-card-reader --no-speech')
    .replace('$MINWON_KIOSK_CAGE_ARGS', '')
    .split(' ').filter(Boolean);
}

/** Mean brightness (0..1) of a region of a picture, and the whole picture's spread. */
function measure(png, crop) {
  const region = Number(execFileSync('convert', [png, '-crop', crop, '+repage', '-format', '%[fx:mean]', 'info:'], { encoding: 'utf8' }));
  const spread = Number(execFileSync('convert', [png, '-format', '%[fx:standard_deviation]', 'info:'], { encoding: 'utf8' }));
  return { region, spread };
}

test('the kiosk unit\'s cage session fills the screen and comes back when the kiosk is killed', { timeout: 180000 }, async () => {
  // cage will not run as root: the session's user, as the unit's User= is.
  const root = process.getuid() === 0;
  const runtime = mkdtempSync(join(tmpdir(), 'minwon-cage-run-'));
  const data = mkdtempSync(join(tmpdir(), 'minwon-cage-data-'));
  chmodSync(runtime, 0o700);
  if (root) {
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    chownSync(runtime, nobody, nobody);
    chownSync(data, nobody, nobody);
  }
  const env = {
    PATH: process.env.PATH, HOME: data, XDG_RUNTIME_DIR: runtime, XDG_SESSION_TYPE: 'wayland',
    WLR_BACKENDS: 'headless', WLR_RENDERER: 'pixman', WLR_LIBINPUT_NO_DEVICES: '1',
  };
  // As the session's user, with exactly the session's environment.
  const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const wrap = (cmd) => [...(root ? ['runuser', '-u', 'nobody', '--'] : []), 'env', '-i', ...pairs, ...cmd];
  let stopping = false;
  let starts = 0;
  let session;
  // Restart=always, RestartSec=2, as systemd would.
  const run = () => {
    starts += 1;
    const [cmd, ...rest] = wrap(execStart(data));
    session = spawn(cmd, rest, { stdio: 'ignore' });
    session.on('exit', () => { if (!stopping) setTimeout(run, 2000); });
  };
  const grim = (file) => {
    rmSync(file, { force: true });
    const shotIn = join(runtime, 'shot.png');
    try {
      const [cmd, ...rest] = wrap(['env', 'WAYLAND_DISPLAY=wayland-0', 'grim', shotIn]);
      execFileSync(cmd, rest, { stdio: 'ignore', timeout: 10000 });
      execFileSync('cp', [shotIn, file]);
    } catch { return false; }
    return existsSync(file);
  };
  /** Waits for the welcome screen filling the output; returns the screenshot's measures. */
  const welcome = async (file) => {
    let last = null;
    for (let i = 0; i < 60; i += 1) {
      await sleep(1000);
      if (!grim(file)) continue;
      // The right-most and bottom-most strips: the kiosk's light background, not black; and
      // the picture as a whole has something on it.
      last = { right: measure(file, '64x720+1216+0'), bottom: measure(file, '1280x64+0+656') };
      if (last.right.spread > 0.05 && last.right.region > 0.6 && last.bottom.region > 0.6) return last;
    }
    assert.fail(`no full-screen welcome screen: ${JSON.stringify(last)}`);
  };
  try {
    run();
    const shot = join(out, 'cage-kiosk.png');
    await welcome(shot);
    const [w, h] = execFileSync('convert', [shot, '-format', '%w %h', 'info:'], { encoding: 'utf8' }).split(' ').map(Number);
    assert.deepEqual([w, h], [1280, 720], 'the headless output');
    // The kiosk hangs or crashes: killed, cage ends, the unit's restart brings the session back.
    execFileSync('pkill', ['-KILL', '-f', `${join(target, 'minwon-kiosk')} --data ${data}`]);
    await sleep(500);
    const again = join(out, 'cage-kiosk-restarted.png');
    await welcome(again);
    assert.ok(starts >= 2, `the session started again (${starts} starts)`);
  } finally {
    stopping = true;
    session?.kill('SIGTERM');
    try { execFileSync('pkill', ['-f', '--', `--data ${data}`]); } catch { /* gone already */ }
  }
});
