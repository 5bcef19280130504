// The sign-language clip player: frames paced by their own delays, so it can replay and play at half speed.
import { clipFrameUrl } from './transport.js';

const $ = (id) => document.getElementById(id);

const player = { key: '', frames: [], delays: [], at: 0, timer: null, speed: 1 };

function show(i) {
  player.at = i;
  $('sign').dataset.frame = String(i);
  const img = player.frames[i];
  if (img) $('sign-frame').src = img.src;
}

function tick() {
  clearTimeout(player.timer);
  if (player.at >= player.frames.length - 1) return; // played once; "play again" starts over
  player.timer = setTimeout(() => {
    show(player.at + 1);
    tick();
  }, player.delays[player.at] / player.speed);
}

export function replay() {
  show(0);
  tick();
}

/** Shows the view's clip (or hides the panel), restarting only when the clip changes. */
export function drawSign(v) {
  const sign = v.guidance.sign;
  const figure = $('sign');
  figure.hidden = !sign;
  if (!sign) {
    clearTimeout(player.timer);
    player.key = '';
    setFull(false);
    return;
  }
  $('sign-replay').textContent = sign.replay;
  $('sign-slow').textContent = sign.slow;
  $('sign-full').textContent = sign.full;
  $('sign-show').textContent = sign.show;
  $('sign-sample').hidden = !sign.sample;
  $('sign-sample').textContent = sign.sample || '';
  figure.dataset.clip = v.guidance.clip;
  figure.dataset.language = sign.language;
  const key = `${sign.language}/${v.guidance.clip}`;
  if (key === player.key) return;
  player.key = key;
  player.delays = sign.delays_ms;
  player.frames = Array.from({ length: sign.frames }, (_, n) => {
    const img = new Image();
    img.src = clipFrameUrl(sign.language, v.guidance.clip, n);
    return img;
  });
  replay();
}

function setFull(on) {
  $('sign').classList.toggle('kiosk-sign--full', on);
  $('sign-full').setAttribute('aria-pressed', on ? 'true' : 'false');
}

export function isFull() {
  return $('sign').classList.contains('kiosk-sign--full');
}

export function wireSign() {
  $('sign-replay').addEventListener('click', replay);
  $('sign-slow').addEventListener('click', () => {
    player.speed = player.speed === 1 ? 0.5 : 1;
    $('sign').dataset.speed = String(player.speed);
    $('sign-slow').setAttribute('aria-pressed', player.speed === 1 ? 'false' : 'true');
    replay();
  });
  $('sign-full').addEventListener('click', () => setFull(!isFull()));
  $('sign-show').addEventListener('click', () => setFull(true));
}

/** Leaves full screen (Escape, or the visitor moved on). */
export function exitFull() {
  setFull(false);
}
