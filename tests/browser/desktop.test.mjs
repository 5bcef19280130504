// The real Tauri window under Xvfb: it starts full screen, draws the welcome screen, and we keep a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
});
