//! Text typed with the kiosk's keypad alone (0–9, arrows, select): Hangul with 천지인, Roman
//! letters by multi-tap (2 ABC … 9 WXYZ, as on a phone), digits as they are. Which one a box
//! takes is its first keyboard ([`crate::keyboard::Layout`]). Pure: the engine keeps one entry
//! for the box being typed into and says what each key did.

use crate::hangul::{self, Cheonjiin, Typed};
use crate::keyboard::Layout;

/// A key of the keypad, as text entry sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PadKey {
    Digit(char),
    /// Right: the letter being chosen is done (the same key then starts another); pressed again, a space.
    Next,
    /// Left: the last jamo, letter or digit goes.
    Erase,
    /// Select: the box's next keyboard (한글 → ABC → 123), for a box that takes several.
    Switch,
}

/// The letters of the keypad's keys, pressed again for the next on the key.
const LETTERS: [(char, &str); 9] = [
    ('1', "-"),
    ('2', "ABC"),
    ('3', "DEF"),
    ('4', "GHI"),
    ('5', "JKL"),
    ('6', "MNO"),
    ('7', "PQRS"),
    ('8', "TUV"),
    ('9', "WXYZ"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Hangul(Cheonjiin),
    /// The text, and the key being pressed again with how many presses.
    Latin {
        text: String,
        open: Option<(char, usize)>,
    },
    Digits(String),
}

/// One box being typed into with the keypad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PadEntry {
    entry: Entry,
    layout: Layout,
}

/// What a key did, to be said: the jamo, letter or digit typed, a space, what was erased, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A consonant (its name is said: 기역), a letter or a digit.
    Key(char),
    /// A vowel, and the syllable it made (가): the syllable is said.
    Syllable(char),
    /// A vowel's stroke that is not a vowel yet (ㆍ).
    Stroke,
    Space,
    /// The character now last, after an erase (none: the box is empty).
    Erased(Option<char>),
    Nothing,
}

impl PadEntry {
    /// An entry for a box of `layout` that holds `text`.
    pub fn new(layout: Layout, text: &str) -> PadEntry {
        let entry = match layout {
            Layout::Hangul => Entry::Hangul(Cheonjiin::from_text(text)),
            Layout::Latin => Entry::Latin { text: text.to_owned(), open: None },
            Layout::Digits => Entry::Digits(text.to_owned()),
        };
        PadEntry { entry, layout }
    }

    /// The keyboard the keypad types with.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    pub fn text(&self) -> String {
        match &self.entry {
            Entry::Hangul(c) => c.text(),
            Entry::Latin { text, .. } | Entry::Digits(text) => text.clone(),
        }
    }

    /// A key: the box's text changes, and what to say is returned.
    pub fn press(&mut self, key: PadKey) -> Said {
        match key {
            // The engine switches keyboards (it knows which the box takes).
            PadKey::Switch => Said::Nothing,
            PadKey::Erase => {
                match &mut self.entry {
                    Entry::Hangul(c) => c.backspace(),
                    Entry::Latin { text, open } => {
                        text.pop();
                        *open = None;
                    }
                    Entry::Digits(text) => {
                        text.pop();
                    }
                }
                Said::Erased(self.text().chars().last())
            }
            PadKey::Next => match &mut self.entry {
                Entry::Hangul(c) => {
                    if c.is_open() {
                        c.next();
                        Said::Nothing
                    } else {
                        c.other(' ');
                        Said::Space
                    }
                }
                Entry::Latin { text, open } => {
                    if open.take().is_none() {
                        text.push(' ');
                        Said::Space
                    } else {
                        Said::Nothing
                    }
                }
                Entry::Digits(_) => Said::Nothing,
            },
            PadKey::Digit(d) if !d.is_ascii_digit() => Said::Nothing,
            PadKey::Digit(d) => match &mut self.entry {
                Entry::Digits(text) => {
                    text.push(d);
                    Said::Key(d)
                }
                Entry::Latin { text, open } => {
                    let Some((_, letters)) = LETTERS.iter().find(|(k, _)| *k == d) else {
                        // 0: a space, as on a phone.
                        *open = None;
                        text.push(' ');
                        return Said::Space;
                    };
                    let count = letters.chars().count();
                    let presses = match open {
                        Some((k, n)) if *k == d => {
                            text.pop();
                            *n % count + 1
                        }
                        _ => 1,
                    };
                    *open = Some((d, presses));
                    // Invariant: 1 <= presses <= count, so the letter exists.
                    let letter = letters.chars().nth(presses - 1).unwrap_or('-');
                    text.push(letter);
                    Said::Key(letter)
                }
                Entry::Hangul(c) => {
                    let Typed::Jamo(jamo) = c.press(d) else { return Said::Nothing };
                    let last = c.text().chars().last();
                    match (d, last) {
                        // A vowel's stroke: the syllable it made is said, or that it is a stroke yet.
                        ('1'..='3', Some(s)) if ('\u{AC00}'..='\u{D7A3}').contains(&s) || hangul::is_key(s) => {
                            Said::Syllable(s)
                        }
                        ('1'..='3', _) => Said::Stroke,
                        // A consonant: its name (it may already sit in the syllable as a final).
                        _ => Said::Key(jamo),
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(layout: Layout, from: &str, keys: &str) -> (String, Vec<Said>) {
        let mut e = PadEntry::new(layout, from);
        let said = keys
            .chars()
            .map(|k| {
                e.press(match k {
                    '>' => PadKey::Next,
                    '<' => PadKey::Erase,
                    d => PadKey::Digit(d),
                })
            })
            .collect();
        (e.text(), said)
    }

    #[test]
    fn the_keypad_types_hangul_letters_and_digits() {
        use Layout::*;
        let cases: [(Layout, &str, &str, &str); 14] = [
            (Hangul, "", "8823041556230", "홍길동"),
            (Hangul, "", "0125>5221", "안녀"),
            (Hangul, "홍길", "6230", "홍길동"),
            (Hangul, "", "412>412", "가 가"),
            (Hangul, "", "412<", "기"),
            (Latin, "", "44>666>66>4", "HONG"),
            (Latin, "", "2>22>222", "ABC"),
            (Latin, "", "2222", "A"),
            (Latin, "", "2>>2", "A A"),
            (Latin, "", "20", "A "),
            (Latin, "HONG", "<", "HON"),
            (Digits, "", "0101234", "0101234"),
            (Digits, "010", "<<", "0"),
            (Digits, "", "1>2", "12"),
        ];
        for (layout, from, keys, want) in cases {
            assert_eq!(typed(layout, from, keys).0, want, "{layout:?} {from:?} + {keys}");
        }
    }

    #[test]
    fn each_key_says_what_it_did() {
        let (_, said) = typed(Layout::Hangul, "", "4122<");
        assert_eq!(
            said,
            [
                Said::Key('ㄱ'),
                Said::Syllable('기'),
                Said::Syllable('가'),
                Said::Syllable('갸'),
                Said::Erased(Some('가'))
            ]
        );
        let (_, said) = typed(Layout::Hangul, "", "4124");
        assert_eq!(said[3], Said::Key('ㄱ'), "a final is said as the consonant it is");
        let (_, said) = typed(Layout::Hangul, "", "42");
        assert_eq!(said, [Said::Key('ㄱ'), Said::Stroke], "ㆍ alone is no vowel yet");
        let (_, said) = typed(Layout::Latin, "", "22>>");
        assert_eq!(said, [Said::Key('A'), Said::Key('B'), Said::Nothing, Said::Space]);
        let (_, said) = typed(Layout::Digits, "1", "<<");
        assert_eq!(said, [Said::Erased(None), Said::Erased(None)]);
    }
}
