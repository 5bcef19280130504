// The real Tauri window under Xvfb: it starts full screen, draws the welcome screen, and we keep a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, out } from './kiosk.mjs';

const binary = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-kiosk');

test('the Tauri kiosk window renders under Xvfb', { timeout: 120000 }, () => {
  const data = mkdtempSync(join(tmpdir(), 'minwon-desktop-'));
  const shot = join(out, 'tauri-window.png');
  const script = `
"$BIN" --data "$DATA" > "$DATA/kiosk.log" 2>&1 &
pid=$!
for i in $(seq 1 60); do sleep 0.5; kill -0 $pid 2>/dev/null || break; done &
sleep 12
kill -0 $pid || { cat "$DATA/kiosk.log"; exit 3; }
import -window root "$SHOT"
kill $pid; wait $pid 2>/dev/null; true`;
  execFileSync('xvfb-run', ['-a', '-s', '-screen 0 1080x1920x24', 'bash', '-c', script], {
    env: { ...process.env, BIN: binary, DATA: data, SHOT: shot, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
    stdio: 'inherit',
    timeout: 110000,
  });
  assert.ok(existsSync(shot) && statSync(shot).size > 10000, 'a screenshot was taken');
  const deviation = Number(execFileSync('convert', [shot, '-format', '%[fx:standard_deviation]', 'info:'], { encoding: 'utf8' }));
  assert.ok(deviation > 0.05, `the window is not blank (standard deviation ${deviation})`);
  const [w, h] = execFileSync('convert', [shot, '-format', '%w %h', 'info:'], { encoding: 'utf8' }).split(' ').map(Number);
  assert.deepEqual([w, h], [1080, 1920]);
  for (const crop of ['1080x40+0+1880', '40x1920+1040+0']) {
    const mean = Number(execFileSync('convert', [shot, '-crop', crop, '+repage', '-format', '%[fx:mean]', 'info:'], { encoding: 'utf8' }));
    assert.ok(mean > 0.3, `the kiosk fills the screen (${crop} has mean ${mean})`);
  }
});

const mirrorBinary = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'minwon-mirror');

test('the smart mirror\'s Slint window renders under Xvfb, full screen, with a clip playing', { timeout: 120000 }, () => {
  const data = mkdtempSync(join(tmpdir(), 'minwon-mirror-'));
  const shots = [join(out, 'mirror-window.png'), join(out, 'mirror-window-later.png')];
  const script = `
"$BIN" --data "$DATA" --no-speech > "$DATA/mirror.log" 2>&1 &
pid=$!
sleep 8
kill -0 $pid || { cat "$DATA/mirror.log"; exit 3; }
import -window root "$SHOT1"
sleep 0.6
import -window root "$SHOT2"
kill $pid; wait $pid 2>/dev/null; true`;
  execFileSync('xvfb-run', ['-a', '-s', '-screen 0 1080x1920x24', 'bash', '-c', script], {
    env: { ...process.env, BIN: mirrorBinary, DATA: data, SHOT1: shots[0], SHOT2: shots[1] },
    stdio: 'inherit',
    timeout: 110000,
  });
  for (const shot of shots) {
    const deviation = Number(execFileSync('convert', [shot, '-format', '%[fx:standard_deviation]', 'info:'], { encoding: 'utf8' }));
    assert.ok(deviation > 0.05, `the mirror is not blank (standard deviation ${deviation})`);
    // Full screen means the whole screen: the bottom and right edges are the mirror's, not the
    // X server's black (with no window manager the window once stayed 800×600).
    for (const crop of ['1080x40+0+1880', '40x1920+1040+0']) {
      const mean = Number(execFileSync('convert', [shot, '-crop', crop, '+repage', '-format', '%[fx:mean]', 'info:'], { encoding: 'utf8' }));
      assert.ok(mean > 0.3, `the mirror fills the screen (${crop} has mean ${mean})`);
    }
  }
  // The clip plays: two moments 0.6 s apart show different frames.
  // (compare exits 1 when the pictures differ and writes the count of differing pixels to stderr.)
  const cmp = spawnSync('compare', ['-metric', 'AE', ...shots, 'null:'], { encoding: 'utf8' });
  const differing = Number.parseFloat(cmp.stderr);
  assert.ok(differing > 500, `the sign clip moves between the two moments (${cmp.stderr.trim()} pixels differ)`);
});
