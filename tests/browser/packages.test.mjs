// The Debian packages as an office's IT person gets them: built by scripts/package.sh (here from
// the test build's binaries, --from-debug: the same contents as the release packages), their
// contents checked (files, owners, modes, no test PKI, no vsmartcard), then installed for real
// with apt on this Debian machine: the hub runs as its unit's ExecStart says, under the user the
// package made, with its state private; the kiosk is enrolled with `minwon-kiosk enrol` and its
// `doctor`, run as the kiosk's user, reaches the installed hub with the pin it was enrolled with;
// the installed kiosk, started as its unit's ExecStart says (cage on wlroots' headless output),
// fills the screen with its welcome screen and reports to the installed hub; the installed
// mirror, in its own unit's cage session, fills the screen and plays its sign clip. Everything is
// purged afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync, chownSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import net from 'node:net';
import { repo, out } from './kiosk.mjs';

// MINWON_TEST_DEBS: another folder of packages to check and install (e.g. the release ones, target/debian).
const debs = process.env.MINWON_TEST_DEBS || join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debian-test');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });
const PACKAGES = ['minwon-kiosk', 'minwon-mirror', 'minwon-hub'];

function deb(name) {
  const file = readdirSync(debs).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  assert.ok(file, `${name}: a package in ${debs}`);
  return join(debs, file);
}

/** `dpkg-deb -c`: [{ mode, owner, path }]. */
function contents(file) {
  return sh('dpkg-deb', ['-c', file]).trim().split('\n').map((l) => {
    const f = l.split(/\s+/);
    return { mode: f[0], owner: f[1], path: f.slice(5).join(' ').replace(/^\.\//, '/') };
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    // The hub's own certificate: the kiosks pin it (checked by doctor below); the test only reads a page.
    https.get(url, { rejectUnauthorized: false }, (r) => {
      let body = '';
      r.on('data', (c) => { body += c; });
      r.on('end', () => resolve({ status: r.statusCode, body }));
    }).on('error', reject);
  });
}

test('the packages build and hold what an office needs, owned by root, nothing of the tests', { timeout: 600000 }, () => {
  sh(join(repo, 'scripts', 'package.sh'), ['--from-debug'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const unitsDir = join(repo, 'packaging', 'systemd');
  for (const name of PACKAGES) {
    const file = deb(name);
    const depends = sh('dpkg-deb', ['-f', file, 'Depends', 'Recommends', 'Suggests']);
    assert.doesNotMatch(depends, /vsmartcard|vpcd|virtualsmartcard|vpicc|python3/, `${name}: no test card reader: ${depends}`);
    const files = contents(file);
    const paths = files.map((f) => f.path);
    for (const want of [`/usr/bin/${name}`, `/usr/lib/systemd/system/${name}.service`, `/etc/default/${name}`,
      `/usr/share/${name}/assets/forms`, `/usr/share/${name}/locales/ko/kiosk.ftl`, `/usr/share/doc/${name}/copyright`]) {
      assert.ok(paths.some((p) => p.startsWith(want)), `${name} installs ${want}`);
    }
    for (const f of files) {
      assert.ok(['root/root', '0/0'].includes(f.owner), `${name}: ${f.path} owned by root (${f.owner})`);
      assert.doesNotMatch(f.path, /pki|csca|specimen|vpcd|vicc|\.pem$|\.key$|\.der$|\/tests?\//i, `${name}: ${f.path} is not test material`);
      const want = f.mode.startsWith('d') || f.path.startsWith('/usr/bin/') ? 'rwxr-xr-x' : 'rw-r--r--';
      assert.equal(f.mode.slice(1), want, `${name}: ${f.path} mode`);
    }
    // The unit installed is the one verified (src-tauri/tests/units.rs) and run (cage.test.mjs).
    const tmp = mkdtempSync(join(tmpdir(), 'minwon-deb-'));
    sh('dpkg-deb', ['-x', file, tmp]);
    assert.equal(readFileSync(join(tmp, `usr/lib/systemd/system/${name}.service`), 'utf8'),
      readFileSync(join(unitsDir, `${name}.service`), 'utf8'), `${name}: the unit as in packaging/systemd`);
    rmSync(tmp, { recursive: true, force: true });
    const control = mkdtempSync(join(tmpdir(), 'minwon-ctl-'));
    sh('dpkg-deb', ['-e', file, control]);
    const postinst = readFileSync(join(control, 'postinst'), 'utf8');
    assert.match(postinst, new RegExp(`adduser --quiet --system --group .* ${name}`, 's'), `${name}: makes its user`);
    assert.match(postinst, /deb-systemd-helper enable/, `${name}: enables its unit`);
    assert.doesNotMatch(postinst, /#DEBHELPER#/, `${name}: the systemd fragment was put in`);
    assert.match(readFileSync(join(control, 'conffiles'), 'utf8'), new RegExp(`/etc/default/${name}`));
    rmSync(control, { recursive: true, force: true });
  }
  const kioskFiles = contents(deb('minwon-kiosk')).map((f) => f.path);
  assert.ok(kioskFiles.includes('/usr/share/minwon-kiosk/locales/ko/doctor.ftl'), 'doctor speaks Korean when installed');
  assert.ok(kioskFiles.some((p) => p.startsWith('/usr/share/minwon-kiosk/ui/kiosk/')), 'the loopback front end');
});

test('installed with apt: the hub runs as its unit says, and an enrolled kiosk\'s doctor reaches it', { timeout: 600000 }, async (t) => {
  assert.equal(process.getuid(), 0, 'installing packages needs root (the tests run as root on the test machine)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const purge = () => {
    try { execFileSync('apt-get', ['purge', '-y', '-qq', 'minwon-hub', 'minwon-kiosk'], { env, stdio: 'ignore' }); } catch { /* not installed */ }
    rmSync('/etc/minwon-kiosk', { recursive: true, force: true });
  };
  purge();
  let hub;
  let session;
  // runuser stays the parent of what it starts: killing it leaves the hub and cage running (and
  // this test's pipes open, so the test never ends). Every process of the two users goes.
  const stopAll = () => {
    session?.child.kill('SIGKILL');
    hub?.kill('SIGKILL');
    if (session) rmSync(session.runtime, { recursive: true, force: true });
    for (const user of ['minwon-kiosk', 'minwon-hub']) {
      try { execFileSync('pkill', ['-KILL', '-u', user]); } catch { /* none left */ }
    }
    hub?.stdout?.destroy();
    hub?.stderr?.destroy();
  };
  t.after(() => { stopAll(); purge(); });
  sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', deb('minwon-hub'), deb('minwon-kiosk')], { env, stdio: ['ignore', 'ignore', 'inherit'] });

  for (const user of ['minwon-hub', 'minwon-kiosk']) {
    const entry = sh('getent', ['passwd', user]).trim().split(':');
    assert.equal(entry[6], '/usr/sbin/nologin', `${user}: a system user with no shell`);
    assert.ok(Number(entry[2]) < 1000, `${user}: a system uid`);
  }
  assert.match(sh('id', ['-nG', 'minwon-kiosk']), /\blp\b/, 'the kiosk may write to the receipt printer');

  // The hub as minwon-hub.service starts it: its state directory (StateDirectory=, 0700), its
  // user, its ExecStart with the options an office sets in /etc/default/minwon-hub.
  const unit = readFileSync('/usr/lib/systemd/system/minwon-hub.service', 'utf8');
  const port = await freePort();
  const state = '/var/lib/minwon-hub';
  rmSync(state, { recursive: true, force: true });
  sh('install', ['-d', '-m', '0700', '-o', 'minwon-hub', '-g', 'minwon-hub', state]);
  const execStart = unit.split('\n').find((l) => l.startsWith('ExecStart=')).slice('ExecStart='.length)
    .replace('$MINWON_HUB_ARGS', `--listen 127.0.0.1:${port}`).split(' ');
  assert.equal(execStart[0], '/usr/bin/minwon-hub', 'the unit starts the installed hub');
  // The default umask (022), not the unit's: the hub must keep its keys private by itself.
  hub = spawn('runuser', ['-u', 'minwon-hub', '--', ...execStart], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  hub.stdout.on('data', (c) => { log += c; });
  hub.stderr.on('data', (c) => { log += c; });
  let page;
  for (let i = 0; i < 100 && !page; i += 1) {
    await sleep(200);
    page = await get(`https://127.0.0.1:${port}/admin/`).catch(() => undefined);
  }
  assert.ok(page, `the installed hub answers over HTTPS:\n${log}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /hub\.js/, 'its admin pages come from /usr/share/minwon-hub');
  for (const f of sh('find', [state]).trim().split('\n')) {
    const s = statSync(f);
    assert.equal(s.uid, Number(sh('id', ['-u', 'minwon-hub']).trim()), `${f}: the hub's own`);
    assert.equal(s.mode & 0o077, 0, `${f}: nobody else may read it (mode ${(s.mode & 0o777).toString(8)})`);
  }

  // The admin enrols the kiosk at the hub; the file reaches the kiosk; `minwon-kiosk enrol` puts it in place.
  const usb = mkdtempSync(join(tmpdir(), 'minwon-usb-'));
  chownSync(usb, Number(sh('id', ['-u', 'minwon-hub']).trim()), 0);
  const file = join(usb, 'jongno-1.toml');
  sh('runuser', ['-u', 'minwon-hub', '--', '/usr/bin/minwon-hub', 'enrol', '--data', state, '--kiosk', 'jongno-1',
    '--group', 'jongno', '--url', `https://127.0.0.1:${port}`, '--out', file]);
  const said = sh('/usr/bin/minwon-kiosk', ['enrol', file]);
  assert.match(said, /jongno-1/);
  const placed = statSync('/etc/minwon-kiosk/enrolment.toml');
  assert.equal(placed.mode & 0o777, 0o600);
  assert.equal(placed.uid, Number(sh('id', ['-u', 'minwon-kiosk']).trim()), 'owned by the kiosk service\'s user');
  rmSync(usb, { recursive: true, force: true });

  // doctor with no options checks as the installed kiosk runs (its data folder, its options, its enrolment).
  let table;
  try {
    table = sh('runuser', ['-u', 'minwon-kiosk', '--', 'env', 'LANG=en_US.UTF-8', '/usr/bin/minwon-kiosk', 'doctor', '--lang', 'en']);
  } catch (e) {
    table = e.stdout; // a failed check (no sound card here) exits 1; the table is what matters
  }
  const row = (check) => table.split('\n').find((l) => l.startsWith(check)) ?? '';
  assert.match(table, /jongno-1/, `the enrolled kiosk:\n${table}`);
  assert.match(row('Hub'), /hub\.ready/, `reached with the pinned certificate and the kiosk's token:\n${table}`);
  assert.match(row('Clock'), /clock\.ok/, table);
  assert.match(row('Outbox'), /outbox\.ok/, table);
  assert.match(row('Printer'), /printer\.off/, table);
  assert.ok(existsSync('/usr/share/minwon-kiosk/locales/en/doctor.ftl'));

  // The installed kiosk as its unit starts it: cage on tty1 is wlroots' headless output here,
  // the user and the state directory systemd would give it, the enrolment put in place above.
  session = startUnitSession('minwon-kiosk', '--no-speech --sync-every 1');
  const shot = join(out, 'packaged-kiosk.png');
  assert.ok(await fillsOutput(session, shot, 0.6), 'the installed kiosk shows its welcome screen filling the output (tests/out/packaged-kiosk.png)');
  // And it reports to the installed hub with the enrolment `minwon-kiosk enrol` put in place.
  const lastSeen = () => sh('python3', ['-c', `import sqlite3; r = sqlite3.connect("file:${state}/hub.sqlite?mode=ro", uri=True).execute("SELECT last_seen FROM kiosks WHERE kiosk_id = 'jongno-1'").fetchone(); print(r[0] if r and r[0] else 0)`]).trim();
  let reported = false;
  for (let i = 0; i < 30 && !reported; i += 1) {
    reported = Number(lastSeen()) > 0;
    if (!reported) await sleep(1000);
  }
  assert.ok(reported, 'the installed hub heard from the installed kiosk');
});

test('installed with apt: the mirror runs in its unit\'s cage session and fills the screen', { timeout: 600000 }, async (t) => {
  assert.equal(process.getuid(), 0, 'installing packages needs root');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const purge = () => {
    try { execFileSync('apt-get', ['purge', '-y', '-qq', 'minwon-mirror'], { env, stdio: 'ignore' }); } catch { /* not installed */ }
  };
  purge();
  let session;
  t.after(() => {
    session?.child.kill('SIGKILL');
    try { execFileSync('pkill', ['-KILL', '-u', 'minwon-mirror']); } catch { /* none left */ }
    if (session) rmSync(session.runtime, { recursive: true, force: true });
    purge();
  });
  sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', deb('minwon-mirror')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const entry = sh('getent', ['passwd', 'minwon-mirror']).trim().split(':');
  assert.equal(entry[6], '/usr/sbin/nologin', 'minwon-mirror: a system user with no shell');
  // No hub here: the mirror shows the topics it was installed with (/usr/share/minwon-mirror).
  // The mirror is a portrait screen, and wlroots' headless output is landscape: the session is
  // turned as an office turns it for a panel mounted upright (MINWON_MIRROR_CAGE_ARGS=-r). Turned,
  // cage also composes every frame, so the screenshot is what the panel shows: unturned, cage 0.1.4
  // hands the mirror's buffer to the headless output directly and composes only for a screenshot,
  // from damage it lost while it did not compose (the picture stays the mirror's first frame).
  session = startUnitSession('minwon-mirror', '--no-speech', '-r');
  const shot = join(out, 'packaged-mirror.png');
  assert.equal(sh('identify', ['-format', '%wx%h', await firstShot(session, shot)]), '720x1280', 'a portrait session');
  // The mirror's guidance is dark text on its light page: the edges are its, not cage's black.
  assert.ok(await fillsOutput(session, shot, 0.3), 'the installed mirror fills the output (tests/out/packaged-mirror.png)');
  const later = join(out, 'packaged-mirror-later.png');
  await sleep(600);
  assert.ok(await fillsOutput(session, later, 0.3));
  const cmp = spawnSync('compare', ['-metric', 'AE', shot, later, 'null:'], { encoding: 'utf8' });
  assert.ok(Number.parseFloat(cmp.stderr) > 500, `the sign clip plays in the installed mirror (${cmp.stderr.trim()} pixels differ)`);
});

/**
 * Starts `name`'s unit as systemd would on tty1 with no systemd here: its ExecStart (cage, then
 * the program) run as its user, in its state directory, on wlroots' headless output; `args` in
 * place of the options an office sets in /etc/default/`name`.
 */
function startUnitSession(name, args, cageArgs = '') {
  const unit = readFileSync(`/usr/lib/systemd/system/${name}.service`, 'utf8');
  const state = `/var/lib/${name}`;
  sh('install', ['-d', '-m', '0700', '-o', name, '-g', name, state]);
  // At boot systemd-tmpfiles makes X's socket folder (tmpfiles.d/x11.conf): root's, for everyone.
  // cage's Xwayland refuses one a test session's user made first.
  sh('install', ['-d', '-m', '1777', '-o', 'root', '-g', 'root', '/tmp/.X11-unix']);
  const runtime = mkdtempSync(join(tmpdir(), `${name}-run-`));
  const uid = Number(sh('id', ['-u', name]).trim());
  chownSync(runtime, uid, uid);
  sh('chmod', ['0700', runtime]);
  const variable = `$${name.toUpperCase().replace('-', '_')}`;
  const exec = unit.split('\n').find((l) => l.startsWith('ExecStart=')).slice('ExecStart='.length).split(' ');
  assert.deepEqual(exec.slice(0, 5), ['/usr/bin/cage', '-d', `${variable}_CAGE_ARGS`, '--', `/usr/bin/${name}`], `${name}: the unit runs the program in cage`);
  const line = exec.flatMap((w) => (w === `${variable}_ARGS` ? args : w === `${variable}_CAGE_ARGS` ? cageArgs : w).split(' '))
    .filter(Boolean);
  const sessionEnv = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${state}`, `XDG_RUNTIME_DIR=${runtime}`,
    'XDG_SESSION_TYPE=wayland', 'WLR_BACKENDS=headless', 'WLR_RENDERER=pixman', 'WLR_LIBINPUT_NO_DEVICES=1'];
  const child = spawn('runuser', ['-u', name, '--', ...sessionEnv, ...line], { stdio: 'ignore' });
  return { child, name, runtime, sessionEnv };
}

/** A grim screenshot of the session, saved as `shot`; false while the session has no output yet. */
function grim({ name, runtime, sessionEnv }, shot) {
  try {
    execFileSync('runuser', ['-u', name, '--', ...sessionEnv, 'WAYLAND_DISPLAY=wayland-0', 'grim', join(runtime, 'shot.png')], { stdio: 'ignore', timeout: 10000 });
    execFileSync('cp', [join(runtime, 'shot.png'), shot]);
    return true;
  } catch {
    return false;
  }
}

/** The session's first screenshot (saved as `shot`), within a minute. */
async function firstShot(session, shot) {
  for (let i = 0; i < 60; i += 1) {
    if (grim(session, shot)) return shot;
    await sleep(1000);
  }
  return assert.fail(`${session.name}: no picture from its session within a minute`);
}

/** Waits for a grim screenshot of the session (saved as `shot`) that is not blank and whose right
 * and bottom edges are brighter than `edge` (the program's, not the empty output's black). */
async function fillsOutput(session, shot, edge) {
  for (let i = 0; i < 60; i += 1) {
    await sleep(1000);
    if (!grim(session, shot)) continue;
    const [w, h] = sh('identify', ['-format', '%w %h', shot]).split(' ').map(Number);
    const mean = (crop) => Number(sh('convert', [shot, '-crop', crop, '+repage', '-format', '%[fx:mean]', 'info:']));
    const spread = Number(sh('convert', [shot, '-format', '%[fx:standard_deviation]', 'info:']));
    if (spread > 0.05 && mean(`64x${h}+${w - 64}+0`) > edge && mean(`${w}x64+0+${h - 64}`) > edge) return true;
  }
  return false;
}
