//! The kiosk's on-screen keyboards: which a text box offers (its field's kind, check and pattern
//! say what it accepts), the keys of each as a front end draws them, and what a key does to the
//! box's text (Hangul composed by [`crate::hangul`]). Pure: the text comes in and goes out.

use crate::form::{Field, FieldKind, KoreanCheck};
use crate::hangul;
use serde::{Deserialize, Serialize};

/// A keyboard a text box can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// 두벌식, with shift for ㄲ ㄸ ㅃ ㅆ ㅉ ㅒ ㅖ.
    Hangul,
    /// Capital letters, for names in Roman letters and document numbers.
    Latin,
    /// 0–9.
    Digits,
}

/// One press of an on-screen key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPress {
    /// A letter, jamo, digit or sign the keyboard shows.
    Char(char),
    Space,
    Backspace,
}

/// Why a key changed nothing: said to the visitor, never an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refused {
    /// The box is full.
    Full,
    /// The box does not take that character (a letter in a number).
    NotHere,
    /// Backspace on an empty box.
    Empty,
}

/// The parts of a field that are typed into separately, and how many characters each holds.
fn part_limit(kind: FieldKind, part: &str) -> Option<usize> {
    match (kind, part) {
        (FieldKind::Date, "year") => Some(4),
        (FieldKind::Date, "month" | "day") => Some(2),
        (FieldKind::Address, "postcode") => Some(5),
        (FieldKind::Address, "search") => Some(40),
        (FieldKind::Address, "line1") => Some(100),
        (FieldKind::Address, "line2") => Some(60),
        _ => None,
    }
}

/// What a pattern's character classes admit, read from its text: `A-Z`/`a-z` letters, `0-9`
/// digits, `가-힣` Hangul. A pattern that names none of them is taken to admit everything.
fn pattern_layouts(pattern: &str) -> Vec<Layout> {
    let mut out = Vec::new();
    if pattern.contains("가-힣") || pattern.contains("ㄱ-ㅎ") {
        out.push(Layout::Hangul);
    }
    if pattern.contains("A-Z") || pattern.contains("a-z") {
        out.push(Layout::Latin);
    }
    if pattern.contains("0-9") || pattern.contains("\\d") {
        out.push(Layout::Digits);
    }
    if out.is_empty() {
        out = vec![Layout::Hangul, Layout::Latin, Layout::Digits];
    }
    out
}

/// The keyboards a box offers, the first shown first: `part` names a part of a date or address.
pub fn layouts(field: &Field, part: Option<&str>) -> Vec<Layout> {
    match (field.kind, part) {
        (FieldKind::Number | FieldKind::Phone | FieldKind::Date, _) => vec![Layout::Digits],
        (FieldKind::Address, Some("postcode")) => vec![Layout::Digits],
        (FieldKind::Address, Some("line2")) => vec![Layout::Digits, Layout::Hangul, Layout::Latin],
        (FieldKind::Address, _) => vec![Layout::Hangul, Layout::Digits, Layout::Latin],
        (FieldKind::Text, _)
            if matches!(
                field.check,
                Some(KoreanCheck::ResidentNumber | KoreanCheck::Mobile | KoreanCheck::Postcode)
            ) =>
        {
            vec![Layout::Digits]
        }
        (FieldKind::Text, _) => match &field.pattern {
            Some(p) => pattern_layouts(p),
            None => vec![Layout::Hangul, Layout::Latin, Layout::Digits],
        },
        _ => vec![],
    }
}

/// A box to type into: the keyboards it offers (the first shown first) and how many characters
/// it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextBox {
    pub layouts: Vec<Layout>,
    pub limit: Option<usize>,
}

/// The box of a form's field, or of one of its parts (`year`, `postcode`, `back`); `None` when
/// the field is not typed into (a choice, a consent).
pub fn text_box(field: &Field, part: Option<&str>) -> Option<TextBox> {
    let layouts = layouts(field, part);
    (!layouts.is_empty()).then(|| TextBox { layouts, limit: limit(field, part) })
}

/// The boxes of the document key screen: the document number (letters and digits, at most 9 as
/// ICAO 9303 prints it), its dates (digits) and the card access number (6 digits).
pub fn document_key_box(id: &str, part: Option<&str>) -> Option<TextBox> {
    match (id, part) {
        ("document-number", None) => Some(TextBox { layouts: vec![Layout::Latin, Layout::Digits], limit: Some(9) }),
        ("document-birth-date" | "document-expiry", Some(p)) => {
            Some(TextBox { layouts: vec![Layout::Digits], limit: part_limit(FieldKind::Date, p) })
        }
        ("document-can", None) => Some(TextBox { layouts: vec![Layout::Digits], limit: Some(6) }),
        _ => None,
    }
}

/// How many characters a box holds, if it says.
pub fn limit(field: &Field, part: Option<&str>) -> Option<usize> {
    match part {
        // A resident registration number: six digits in its first box, seven in the second.
        Some("back") if field.check == Some(KoreanCheck::ResidentNumber) => Some(7),
        None if field.check == Some(KoreanCheck::ResidentNumber) => Some(6),
        None if field.kind == FieldKind::Phone => Some(13),
        None => field.max_length.map(|m| m as usize),
        Some(p) => part_limit(field.kind, p),
    }
}

fn accepts(layouts: &[Layout], c: char) -> bool {
    let hangul = hangul::is_key(c);
    layouts.iter().any(|l| match l {
        Layout::Hangul => hangul,
        Layout::Latin => c.is_ascii_uppercase() || c == '-' || c == '\'',
        Layout::Digits => c.is_ascii_digit() || c == '-',
    })
}

/// The box's text after `key`: a jamo composes with what is before it, backspace takes one jamo
/// (or one character) away. A key the box does not take, or one past its limit, changes nothing
/// and says why.
pub fn press(text: &str, key: KeyPress, layouts: &[Layout], limit: Option<usize>) -> Result<String, Refused> {
    let mut keys = hangul::keys_of(text);
    match key {
        KeyPress::Backspace => {
            if keys.pop().is_none() {
                return Err(Refused::Empty);
            }
        }
        KeyPress::Space => {
            // A space only where letters are typed: never in a number.
            if !layouts.iter().any(|l| *l != Layout::Digits) {
                return Err(Refused::NotHere);
            }
            keys.push(' ');
        }
        KeyPress::Char(c) => {
            if !accepts(layouts, c) {
                return Err(Refused::NotHere);
            }
            keys.push(c);
        }
    }
    let out = hangul::assemble(&keys);
    if limit.is_some_and(|l| out.chars().count() > l) && !matches!(key, KeyPress::Backspace) {
        return Err(Refused::Full);
    }
    Ok(out)
}

/// A key as a front end draws it: its element id (ASCII, stable), what it shows, what it shows
/// with shift, and what a screen reader says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Key {
    pub id: String,
    pub press: KeyPress,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shifted: Option<KeyPress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shifted_label: Option<String>,
    /// The jamo's Korean name (기역, 쌍기역, 아), the letter or digit itself; special keys are
    /// named by the front end from its texts.
    pub name: String,
}

/// The Korean names of the jamo, as a screen reader and the voice say them.
const JAMO_NAMES: [(char, &str); 33] = [
    ('ㄱ', "기역"),
    ('ㄲ', "쌍기역"),
    ('ㄴ', "니은"),
    ('ㄷ', "디귿"),
    ('ㄸ', "쌍디귿"),
    ('ㄹ', "리을"),
    ('ㅁ', "미음"),
    ('ㅂ', "비읍"),
    ('ㅃ', "쌍비읍"),
    ('ㅅ', "시옷"),
    ('ㅆ', "쌍시옷"),
    ('ㅇ', "이응"),
    ('ㅈ', "지읒"),
    ('ㅉ', "쌍지읒"),
    ('ㅊ', "치읓"),
    ('ㅋ', "키읔"),
    ('ㅌ', "티읕"),
    ('ㅍ', "피읖"),
    ('ㅎ', "히읗"),
    ('ㅏ', "아"),
    ('ㅐ', "애"),
    ('ㅑ', "야"),
    ('ㅒ', "얘"),
    ('ㅓ', "어"),
    ('ㅔ', "에"),
    ('ㅕ', "여"),
    ('ㅖ', "예"),
    ('ㅗ', "오"),
    ('ㅛ', "요"),
    ('ㅜ', "우"),
    ('ㅠ', "유"),
    ('ㅡ', "으"),
    ('ㅣ', "이"),
];

/// A jamo's name (기역), or the character itself.
pub fn key_name(c: char) -> String {
    JAMO_NAMES.iter().find(|(j, _)| *j == c).map(|(_, n)| (*n).to_owned()).unwrap_or_else(|| c.to_string())
}

fn char_key(c: char, shifted: Option<char>) -> Key {
    Key {
        id: format!("key-{:x}", c as u32),
        press: KeyPress::Char(c),
        label: c.to_string(),
        shifted: shifted.map(KeyPress::Char),
        shifted_label: shifted.map(|s| s.to_string()),
        name: key_name(c),
    }
}

fn special(id: &str, press: KeyPress) -> Key {
    Key {
        id: format!("key-{id}"),
        press,
        label: String::new(),
        shifted: None,
        shifted_label: None,
        name: String::new(),
    }
}

/// The rows of a keyboard's character keys (the front end adds shift, space, backspace and the
/// switch between keyboards, whose words come from its texts).
pub fn rows(layout: Layout) -> Vec<Vec<Key>> {
    match layout {
        Layout::Hangul => {
            let shift = |c: char| match c {
                'ㅂ' => Some('ㅃ'),
                'ㅈ' => Some('ㅉ'),
                'ㄷ' => Some('ㄸ'),
                'ㄱ' => Some('ㄲ'),
                'ㅅ' => Some('ㅆ'),
                'ㅐ' => Some('ㅒ'),
                'ㅔ' => Some('ㅖ'),
                _ => None,
            };
            ["ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ"]
                .iter()
                .map(|r| r.chars().map(|c| char_key(c, shift(c))).collect())
                .collect()
        }
        Layout::Latin => ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM-"]
            .iter()
            .map(|r| r.chars().map(|c| char_key(c, None)).collect())
            .collect(),
        Layout::Digits => {
            ["123", "456", "789", "0"].iter().map(|r| r.chars().map(|c| char_key(c, None)).collect()).collect()
        }
    }
}

/// The keys every keyboard has besides its characters.
pub fn specials(layout: Layout) -> Vec<Key> {
    let mut keys = vec![special("backspace", KeyPress::Backspace)];
    if layout != Layout::Digits {
        keys.insert(0, special("space", KeyPress::Space));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Form;

    fn field(toml: &str) -> Field {
        let src = format!(
            "id = \"t\"\nversion = 1\nidentify = false\nsign = \"t\"\n[[steps]]\nid = \"s\"\nsign = \"s\"\nfields = [{toml}]\n"
        );
        Form::parse("t.toml", &src).expect("a form").steps[0].fields[0].clone()
    }

    #[test]
    fn a_box_offers_the_keyboards_of_what_it_takes() {
        use Layout::*;
        let cases: [(&str, Option<&str>, Vec<Layout>); 9] = [
            (r#"{ id = "name", type = "text" }"#, None, vec![Hangul, Latin, Digits]),
            (r#"{ id = "surname", type = "text", pattern = "[A-Za-z][A-Za-z -]*" }"#, None, vec![Latin]),
            (
                r#"{ id = "no", type = "text", pattern = "[A-Za-z][0-9]{3}[A-Za-z0-9][0-9]{4}" }"#,
                None,
                vec![Latin, Digits],
            ),
            (r#"{ id = "rrn", type = "text", check = "resident_number" }"#, None, vec![Digits]),
            (r#"{ id = "mobile", type = "phone" }"#, None, vec![Digits]),
            (r#"{ id = "when", type = "date" }"#, Some("year"), vec![Digits]),
            (r#"{ id = "n", type = "number" }"#, None, vec![Digits]),
            (r#"{ id = "a", type = "address" }"#, Some("line1"), vec![Hangul, Digits, Latin]),
            (r#"{ id = "a", type = "address" }"#, Some("postcode"), vec![Digits]),
        ];
        for (toml, part, want) in cases {
            assert_eq!(layouts(&field(toml), part), want, "{toml} {part:?}");
        }
        assert!(layouts(&field(r#"{ id = "c", type = "consent" }"#), None).is_empty(), "nothing to type");
    }

    #[test]
    fn keys_compose_and_stop_at_what_the_box_takes() {
        use Layout::*;
        let hangul = [Hangul, Latin, Digits];
        let mut text = String::new();
        for c in "ㅎㅗㅇㄱㅣㄹㄷㅗㅇ".chars() {
            text = press(&text, KeyPress::Char(c), &hangul, Some(20)).expect("typed");
        }
        assert_eq!(text, "홍길동");
        assert_eq!(press(&text, KeyPress::Backspace, &hangul, None), Ok("홍길도".into()));
        assert_eq!(press("", KeyPress::Backspace, &hangul, None), Err(Refused::Empty));
        assert_eq!(press("HONG", KeyPress::Char('ㄱ'), &[Latin], None), Err(Refused::NotHere));
        assert_eq!(press("HONG", KeyPress::Space, &[Latin], None), Ok("HONG ".into()));
        assert_eq!(press("123", KeyPress::Space, &[Digits], None), Err(Refused::NotHere));
        assert_eq!(press("123", KeyPress::Char('A'), &[Digits], None), Err(Refused::NotHere));
        assert_eq!(press("1948", KeyPress::Char('0'), &[Digits], Some(4)), Err(Refused::Full));
        // A jamo that composes into the last syllable does not count as one more character.
        assert_eq!(press("홍길", KeyPress::Char('ㄷ'), &hangul, Some(2)), Err(Refused::Full));
        assert_eq!(press("홍기", KeyPress::Char('ㄹ'), &hangul, Some(2)), Ok("홍길".into()));
    }

    #[test]
    fn every_key_has_an_id_and_a_name() {
        for layout in [Layout::Hangul, Layout::Latin, Layout::Digits] {
            let keys: Vec<Key> = rows(layout).into_iter().flatten().chain(specials(layout)).collect();
            let ids: std::collections::BTreeSet<&str> = keys.iter().map(|k| k.id.as_str()).collect();
            assert_eq!(ids.len(), keys.len(), "{layout:?}: ids are unique");
            assert!(ids.iter().all(|i| i.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
            for k in rows(layout).into_iter().flatten() {
                assert!(!k.name.is_empty() && !k.label.is_empty(), "{k:?}");
            }
        }
        assert_eq!(key_name('ㄲ'), "쌍기역");
        assert_eq!(rows(Layout::Hangul).iter().map(Vec::len).sum::<usize>(), 26);
        assert_eq!(rows(Layout::Hangul)[0][3].shifted, Some(KeyPress::Char('ㄲ')));
    }
}
