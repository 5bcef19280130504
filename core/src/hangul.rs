//! Hangul text entry without IO: keys of the 두벌식 keyboard (one jamo each) and strokes of the
//! 천지인 keypad assembled into syllables as a Korean input method does, with backspace by jamo.
//!
//! The entry keeps what was pressed, not the text: the text is assembled from the keys each time
//! (a few dozen at most), so every rule — a consonant and a vowel make a syllable, a final moves
//! on when a vowel follows (도깨비불), compound vowels and double finals — lives in one function,
//! and backspace is only "forget the last key" (간 + ㅏ shows 가나; backspace shows 간 again).
//!
//! Jamo are Unicode's compatibility jamo (U+3131–U+3163), as a keyboard shows them.

/// The 19 initial consonants, in Unicode's order (the syllable formula's L index).
const INITIALS: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
/// The 21 vowels (V index).
const VOWELS: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ',
    'ㅢ', 'ㅣ',
];
/// The 27 finals (T index 1..=27; 0 is none).
const FINALS: [char; 27] = [
    'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ',
    'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];
/// Two vowel keys that make one vowel.
const COMPOUND_VOWELS: [(char, char, char); 7] = [
    ('ㅗ', 'ㅏ', 'ㅘ'),
    ('ㅗ', 'ㅐ', 'ㅙ'),
    ('ㅗ', 'ㅣ', 'ㅚ'),
    ('ㅜ', 'ㅓ', 'ㅝ'),
    ('ㅜ', 'ㅔ', 'ㅞ'),
    ('ㅜ', 'ㅣ', 'ㅟ'),
    ('ㅡ', 'ㅣ', 'ㅢ'),
];
/// Two consonant keys that make one final.
const DOUBLE_FINALS: [(char, char, char); 11] = [
    ('ㄱ', 'ㅅ', 'ㄳ'),
    ('ㄴ', 'ㅈ', 'ㄵ'),
    ('ㄴ', 'ㅎ', 'ㄶ'),
    ('ㄹ', 'ㄱ', 'ㄺ'),
    ('ㄹ', 'ㅁ', 'ㄻ'),
    ('ㄹ', 'ㅂ', 'ㄼ'),
    ('ㄹ', 'ㅅ', 'ㄽ'),
    ('ㄹ', 'ㅌ', 'ㄾ'),
    ('ㄹ', 'ㅍ', 'ㄿ'),
    ('ㄹ', 'ㅎ', 'ㅀ'),
    ('ㅂ', 'ㅅ', 'ㅄ'),
];

fn initial(c: char) -> Option<u32> {
    INITIALS.iter().position(|x| *x == c).map(|i| i as u32)
}
fn vowel(c: char) -> Option<u32> {
    VOWELS.iter().position(|x| *x == c).map(|i| i as u32)
}
fn final_index(c: char) -> Option<u32> {
    FINALS.iter().position(|x| *x == c).map(|i| i as u32 + 1)
}
fn compound_vowel(a: char, b: char) -> Option<char> {
    COMPOUND_VOWELS.iter().find(|(x, y, _)| *x == a && *y == b).map(|t| t.2)
}
fn double_final(a: char, b: char) -> Option<char> {
    DOUBLE_FINALS.iter().find(|(x, y, _)| *x == a && *y == b).map(|t| t.2)
}

/// Whether `c` is a key of the 두벌식 keyboard: a consonant that can begin a syllable, or a
/// vowel typed with one key (ㅘ and the other compound vowels take two).
pub fn is_key(c: char) -> bool {
    initial(c).is_some() || (vowel(c).is_some() && !COMPOUND_VOWELS.iter().any(|t| t.2 == c))
}

fn syllable(l: char, v: char, t: Option<char>) -> char {
    let (Some(l), Some(v)) = (initial(l), vowel(v)) else { return v };
    let t = t.and_then(final_index).unwrap_or(0);
    // Invariant: L < 19, V < 21, T < 28, so the code point lies in U+AC00..=U+D7A3.
    char::from_u32(0xAC00 + (l * 21 + v) * 28 + t).expect("a precomposed Hangul syllable")
}

/// A syllable being put together: an initial, a vowel (maybe compound), a final (maybe double,
/// with its two keys kept so a vowel can take the second one away).
#[derive(Default)]
struct Block {
    l: Option<char>,
    v: Option<char>,
    t: Option<(char, Option<char>)>,
}

impl Block {
    fn final_char(&self) -> Option<char> {
        self.t.map(|(a, b)| b.and_then(|b| double_final(a, b)).unwrap_or(a))
    }
    fn flush(&mut self, out: &mut String) {
        match (self.l, self.v) {
            (Some(l), Some(v)) => out.push(syllable(l, v, self.final_char())),
            (Some(l), None) => out.push(l),
            (None, Some(v)) => out.push(v),
            (None, None) => {}
        }
        *self = Block::default();
    }
}

/// The text that `keys` type: jamo keys assembled into syllables, anything else as it is.
pub fn assemble(keys: &[char]) -> String {
    let mut out = String::new();
    let mut b = Block::default();
    for &k in keys {
        let consonant = initial(k).is_some();
        let vowel_key = vowel(k).is_some();
        if !consonant && !vowel_key {
            b.flush(&mut out);
            out.push(k);
            continue;
        }
        if consonant {
            match (b.l, b.v, b.t) {
                // After an initial and a vowel: a final, if it can be one.
                (Some(_), Some(_), None) if final_index(k).is_some() => b.t = Some((k, None)),
                // A final and a consonant that doubles it.
                (Some(_), Some(_), Some((a, None))) if double_final(a, k).is_some() => b.t = Some((a, Some(k))),
                _ => {
                    b.flush(&mut out);
                    b.l = Some(k);
                }
            }
            continue;
        }
        match (b.l, b.v, b.t) {
            // 도깨비불: the final (or a double final's second key) begins the next syllable.
            (Some(_), Some(_), Some((a, second))) => {
                let moved = second.unwrap_or(a);
                b.t = second.map(|_| (a, None));
                b.flush(&mut out);
                b.l = Some(moved);
                b.v = Some(k);
            }
            (_, Some(v), None) => match compound_vowel(v, k) {
                Some(c) => b.v = Some(c),
                None => {
                    b.flush(&mut out);
                    b.v = Some(k);
                }
            },
            (Some(_), None, _) => b.v = Some(k),
            // Nothing yet (a final never comes without an initial and a vowel).
            _ => {
                b.flush(&mut out);
                b.v = Some(k);
            }
        }
    }
    b.flush(&mut out);
    out
}

/// The keys that type `text` (a syllable split into its initial, its vowel's keys and its
/// final's keys), so that typing on after a value already there goes on jamo by jamo.
pub fn keys_of(text: &str) -> Vec<char> {
    let mut keys = Vec::new();
    for c in text.chars() {
        let n = c as u32;
        if (0xAC00..=0xD7A3).contains(&n) {
            let i = n - 0xAC00;
            let (l, v, t) = (i / (21 * 28), (i / 28) % 21, i % 28);
            keys.push(INITIALS[l as usize]);
            let v = VOWELS[v as usize];
            match COMPOUND_VOWELS.iter().find(|x| x.2 == v) {
                Some((a, b, _)) => keys.extend([*a, *b]),
                None => keys.push(v),
            }
            if t > 0 {
                let t = FINALS[t as usize - 1];
                match DOUBLE_FINALS.iter().find(|x| x.2 == t) {
                    Some((a, b, _)) => keys.extend([*a, *b]),
                    None => keys.push(t),
                }
            }
        } else if let Some((a, b, _)) = COMPOUND_VOWELS.iter().find(|x| x.2 == c) {
            keys.extend([*a, *b]);
        } else {
            keys.push(c);
        }
    }
    keys
}

/// A 천지인 stroke of a vowel: ㅣ (1), ㆍ (2), ㅡ (3).
const STROKE_I: char = 'ㅣ';
const STROKE_DOT: char = 'ㆍ';
const STROKE_EU: char = 'ㅡ';

/// A vowel's 천지인 strokes, and the 두벌식 keys it stands for.
const CHEONJIIN_VOWELS: [(&str, &str); 21] = [
    ("ㅣ", "ㅣ"),
    ("ㅡ", "ㅡ"),
    ("ㅣㆍ", "ㅏ"),
    ("ㅣㆍㆍ", "ㅑ"),
    ("ㆍㅣ", "ㅓ"),
    ("ㆍㆍㅣ", "ㅕ"),
    ("ㆍㅡ", "ㅗ"),
    ("ㆍㆍㅡ", "ㅛ"),
    ("ㅡㆍ", "ㅜ"),
    ("ㅡㆍㆍ", "ㅠ"),
    ("ㅡㅣ", "ㅡㅣ"),
    ("ㅣㆍㅣ", "ㅐ"),
    ("ㆍㅣㅣ", "ㅔ"),
    ("ㅣㆍㆍㅣ", "ㅒ"),
    ("ㆍㆍㅣㅣ", "ㅖ"),
    ("ㆍㅡㅣㆍ", "ㅗㅏ"),
    ("ㆍㅡㅣㆍㅣ", "ㅗㅐ"),
    ("ㆍㅡㅣ", "ㅗㅣ"),
    ("ㅡㆍㆍㅣ", "ㅜㅓ"),
    ("ㅡㆍㆍㅣㅣ", "ㅜㅔ"),
    ("ㅡㆍㅣ", "ㅜㅣ"),
];

/// The consonants of the 천지인 keys, each press of the same key the next in turn.
pub const CHEONJIIN_CONSONANTS: [(char, &str); 7] =
    [('4', "ㄱㅋㄲ"), ('5', "ㄴㄹ"), ('6', "ㄷㅌㄸ"), ('7', "ㅂㅍㅃ"), ('8', "ㅅㅎㅆ"), ('9', "ㅈㅊㅉ"), ('0', "ㅇㅁ")];

/// One thing typed with 천지인: a consonant (its key and how many presses), a vowel's strokes,
/// or a character typed otherwise (a space).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    Consonant { key: char, presses: usize },
    Strokes(String),
    Other(char),
}

/// Hangul typed on a 12-key pad with 천지인: `1` ㅣ, `2` ㆍ, `3` ㅡ for vowels; `4`–`0` for
/// consonants (pressed again for the next on the key: ㄱ ㅋ ㄲ); `next` ends a consonant so the
/// same key can start another (ㄱ then ㄱ).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cheonjiin {
    units: Vec<Unit>,
    /// The last consonant may still change with another press of its key.
    open: bool,
}

/// What a key did, for the voice to say: a jamo (or a vowel's stroke), or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Jamo(char),
    Nothing,
}

impl Cheonjiin {
    /// Goes on from text already in the field.
    pub fn from_text(text: &str) -> Cheonjiin {
        let mut c = Cheonjiin::default();
        for k in keys_of(text) {
            if let Some((key, letters)) = CHEONJIIN_CONSONANTS.iter().find(|(_, l)| l.contains(k)) {
                let presses = letters.chars().position(|x| x == k).unwrap_or(0) + 1;
                c.units.push(Unit::Consonant { key: *key, presses });
            } else if let Some((strokes, _)) = CHEONJIIN_VOWELS.iter().find(|(_, keys)| keys.chars().eq([k])) {
                match c.units.last_mut() {
                    // ㅡ then ㅣ typed as ㅢ in one vowel.
                    Some(Unit::Strokes(s)) if CHEONJIIN_VOWELS.iter().any(|(x, _)| *x == format!("{s}{strokes}")) => {
                        s.push_str(strokes)
                    }
                    _ => c.units.push(Unit::Strokes((*strokes).to_owned())),
                }
            } else {
                c.units.push(Unit::Other(k));
            }
        }
        c
    }

    /// A key of the pad: `0`–`9`. Other keys are not this entry's.
    pub fn press(&mut self, key: char) -> Typed {
        let stroke = match key {
            '1' => Some(STROKE_I),
            '2' => Some(STROKE_DOT),
            '3' => Some(STROKE_EU),
            _ => None,
        };
        if let Some(s) = stroke {
            self.open = false;
            if let Some(Unit::Strokes(prev)) = self.units.last_mut() {
                let joined = format!("{prev}{s}");
                if CHEONJIIN_VOWELS.iter().any(|(x, _)| x.starts_with(&joined)) || joined == "ㆍㆍ" {
                    *prev = joined;
                    return Typed::Jamo(self.vowel_shown());
                }
            }
            self.units.push(Unit::Strokes(s.to_string()));
            return Typed::Jamo(self.vowel_shown());
        }
        let Some((_, letters)) = CHEONJIIN_CONSONANTS.iter().find(|(k, _)| *k == key) else { return Typed::Nothing };
        let count = letters.chars().count();
        match self.units.last_mut() {
            Some(Unit::Consonant { key: k, presses }) if self.open && *k == key => *presses = *presses % count + 1,
            _ => self.units.push(Unit::Consonant { key, presses: 1 }),
        }
        self.open = true;
        Typed::Jamo(self.last_consonant().unwrap_or(' '))
    }

    /// Whether the last consonant may still change with another press of its key.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Ends the consonant being chosen, so that the same key starts another.
    pub fn next(&mut self) {
        self.open = false;
    }

    /// A space (or any other character) typed as it is.
    pub fn other(&mut self, c: char) {
        self.open = false;
        self.units.push(Unit::Other(c));
    }

    /// Forgets the last stroke or consonant.
    pub fn backspace(&mut self) {
        self.open = false;
        match self.units.last_mut() {
            Some(Unit::Strokes(s)) if s.chars().count() > 1 => {
                s.pop();
            }
            Some(_) => {
                self.units.pop();
            }
            None => {}
        }
    }

    fn last_consonant(&self) -> Option<char> {
        match self.units.last() {
            Some(Unit::Consonant { key, presses }) => {
                let letters = CHEONJIIN_CONSONANTS.iter().find(|(k, _)| k == key)?.1;
                letters.chars().nth(presses - 1)
            }
            _ => None,
        }
    }

    /// The vowel (or the strokes so far, ㆍ or ᆢ) of the last unit.
    fn vowel_shown(&self) -> char {
        match self.units.last() {
            Some(Unit::Strokes(s)) => match CHEONJIIN_VOWELS.iter().find(|(x, _)| x == s) {
                Some((_, keys)) => assemble(&keys.chars().collect::<Vec<_>>()).chars().next().unwrap_or(' '),
                None if s == "ㆍㆍ" => 'ᆢ',
                None => STROKE_DOT,
            },
            _ => ' ',
        }
    }

    /// The 두벌식 keys the units stand for; strokes that are not yet a vowel (ㆍ, ᆢ) as they are.
    fn keys(&self) -> Vec<char> {
        let mut keys = Vec::new();
        for u in &self.units {
            match u {
                Unit::Consonant { key, presses } => {
                    let letters = CHEONJIIN_CONSONANTS.iter().find(|(k, _)| k == key).map(|t| t.1).unwrap_or("");
                    keys.extend(letters.chars().nth(presses - 1));
                }
                Unit::Strokes(s) => match CHEONJIIN_VOWELS.iter().find(|(x, _)| x == s) {
                    Some((_, jamo)) => keys.extend(jamo.chars()),
                    None if s == "ㆍㆍ" => keys.push('ᆢ'),
                    None => keys.push(STROKE_DOT),
                },
                Unit::Other(c) => keys.push(*c),
            }
        }
        keys
    }

    /// The text as it stands.
    pub fn text(&self) -> String {
        assemble(&self.keys())
    }
}

#[cfg(test)]
mod tests;
