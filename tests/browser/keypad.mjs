// The keys of the kiosk's keypad that type a text into a box, as the tests reckon them (not the
// kiosk's code): Hangul with 천지인, Roman letters by multi-tap (2 ABC … 9 WXYZ), digits as they
// are, `Enter` (select) to switch to the box's next keyboard, `ArrowRight` to end a letter or
// type a space. Used by the keypad-only voice-mode tests.

import assert from 'node:assert/strict';
import { effects, newEntries } from './kiosk.mjs';

const CONSONANTS = { ㄱ: '4', ㅋ: '44', ㄲ: '444', ㄴ: '5', ㄹ: '55', ㄷ: '6', ㅌ: '66', ㄸ: '666', ㅂ: '7', ㅍ: '77', ㅃ: '777', ㅅ: '8', ㅎ: '88', ㅆ: '888', ㅈ: '9', ㅊ: '99', ㅉ: '999', ㅇ: '0', ㅁ: '00' };
const VOWELS = { ㅏ: '12', ㅑ: '122', ㅓ: '21', ㅕ: '221', ㅗ: '23', ㅛ: '223', ㅜ: '32', ㅠ: '322', ㅡ: '3', ㅣ: '1', ㅐ: '121', ㅔ: '211', ㅒ: '1221', ㅖ: '2211', ㅘ: '2312', ㅙ: '23121', ㅚ: '231', ㅝ: '3221', ㅞ: '32211', ㅟ: '321', ㅢ: '31' };
const L = [...'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'];
const V = [...'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ'];
const T = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];
const DOUBLE = { ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ' };
const LETTERS = { 1: '-', 2: 'ABC', 3: 'DEF', 4: 'GHI', 5: 'JKL', 6: 'MNO', 7: 'PQRS', 8: 'TUV', 9: 'WXYZ' };

const layoutOf = (c) => (/[0-9]/.test(c) ? 'digits' : /[A-Za-z-]/.test(c) ? 'latin' : c === ' ' ? null : 'hangul');

/** A character's key groups on its keyboard: each group is one key pressed, maybe again. */
function groupsOf(c, layout) {
  if (layout === 'digits') return [{ keys: [c], key: c, open: false }];
  if (layout === 'latin') {
    const [key, letters] = Object.entries(LETTERS).find(([, l]) => l.includes(c.toUpperCase()));
    return [{ keys: Array(letters.indexOf(c.toUpperCase()) + 1).fill(key), key, open: true }];
  }
  const n = c.codePointAt(0) - 0xac00;
  const [l, v, t] = [Math.floor(n / 588), Math.floor((n % 588) / 28), n % 28];
  const consonant = (j) => ({ keys: [...CONSONANTS[j]], key: CONSONANTS[j][0], open: true });
  return [consonant(L[l]), { keys: [...VOWELS[V[v]]], key: 'v', open: false }, ...[...(DOUBLE[T[t]] || T[t])].map(consonant)];
}

/** The keys that type `text` into a box offering `layouts` (the first in use), from empty. */
export function keypadKeys(text, layouts) {
  const keys = [];
  let at = 0;
  let last = null;
  for (const c of text) {
    const want = layoutOf(c);
    if (want === null) {
      // A space: right, once more if a letter is being chosen.
      keys.push(...(last && last.open ? ['ArrowRight', 'ArrowRight'] : ['ArrowRight']));
      last = null;
      continue;
    }
    if (!layouts.includes(want)) throw new Error(`${c}: the box takes no ${want}`);
    while (layouts[at] !== want) {
      keys.push('Enter');
      at = (at + 1) % layouts.length;
      last = null;
    }
    for (const g of groupsOf(c, want)) {
      if (last && last.open && last.key === g.key) keys.push('ArrowRight');
      keys.push(...g.keys);
      last = g;
    }
  }
  return keys;
}

/**
 * Types `text` into the box that has the focus, with the keypad's keys alone (its keyboards as
 * the kiosk's view lists them). In a box no key is taken for a bounce (천지인 presses a key again
 * on purpose): a steady pace, each key's answer back before the next.
 */
export async function keypadType(page, text) {
  const layouts = await page.evaluate(async () => {
    const v = await (await fetch('/api/view')).json();
    const box = v.body.fields.flatMap((f) => f.boxes).find((b) => b.input === document.activeElement.id);
    return box ? box.layouts : null;
  });
  if (!layouts) throw new Error('the focus is not on a box to type into');
  const before = await effects(page);
  const keys = keypadKeys(text, layouts);
  for (const k of keys) {
    await page.keyboard.press(k);
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, 300));
  // The engine took every key, and said what each typed (the log names what was said, never
  // the words): a key's name, a syllable, a stroke, a space, the keyboard switched to.
  const log = newEntries(before, await effects(page));
  // A key refused by a full box and carried on into the next (a resident number's seventh digit)
  // is logged twice: as `:full`, then in the next box.
  const typed = log.map((e, i) => [e, i]).filter(([e]) => e.startsWith('typed:') && !e.endsWith(':full'));
  assert.equal(typed.length, keys.length, `every key reached the engine: ${keys.join(' ')} → ${log.join(' ')}`);
  typed.forEach(([e, i], n) => {
    // What follows the key, past the address search it ran (in a search box).
    const next = log.slice(i + 1).find((x) => !x.startsWith('address-search:')) ?? '';
    // Right that ends a letter says nothing (the next key's echo follows at once).
    if (keys[n] === 'ArrowRight' && !/typed-space/.test(next)) return;
    assert.match(next, /^speak:.*(guide-typed-|kiosk-keyboard-)/, `${e} (key ${keys[n]}) was said: ${log.join(' ')}`);
  });
  const syllables = [...text].filter((c) => c >= '가' && c <= '힣').length;
  const said = log.filter((e) => e.includes('guide-typed-syllable')).length;
  assert.ok(said >= syllables, `every syllable composed was said (${said} of ${syllables}): ${log.join(' ')}`);
}
