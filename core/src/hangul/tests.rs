//! The composition table: what a visitor sees after each run of keys (두벌식 and 천지인).

use super::*;

/// Types `keys` on the 두벌식 keyboard; `<` is backspace.
fn dubeolsik(keys: &str) -> String {
    let mut log = Vec::new();
    for k in keys.chars() {
        if k == '<' {
            log.pop();
        } else {
            log.push(k);
        }
    }
    assemble(&log)
}

/// Presses `keys` on the 12-key pad with 천지인; `<` is backspace, `>` ends a consonant, `_` a space.
fn cheonjiin(keys: &str) -> String {
    let mut c = Cheonjiin::default();
    for k in keys.chars() {
        match k {
            '<' => c.backspace(),
            '>' => c.next(),
            '_' => c.other(' '),
            k => {
                c.press(k);
            }
        }
    }
    c.text()
}

#[rustfmt::skip]
const DUBEOLSIK: &[(&str, &str)] = &[
    // One key, one jamo; a consonant and a vowel make a syllable.
    ("", ""), ("ㄱ", "ㄱ"), ("ㅏ", "ㅏ"), ("ㄱㅏ", "가"), ("ㄴㅏ", "나"), ("ㅎㅏ", "하"), ("ㅇㅣ", "이"),
    ("ㄲㅏ", "까"), ("ㄸㅓ", "떠"), ("ㅃㅗ", "뽀"), ("ㅆㅜ", "쑤"), ("ㅉㅡ", "쯔"),
    ("ㅇㅒ", "얘"), ("ㅇㅖ", "예"), ("ㄱㅐ", "개"), ("ㄱㅔ", "게"), ("ㅇㅑ", "야"), ("ㅇㅕ", "여"),
    ("ㅇㅛ", "요"), ("ㅇㅠ", "유"), ("ㅇㅡ", "으"), ("ㅋㅏ", "카"), ("ㅌㅏ", "타"), ("ㅍㅏ", "파"), ("ㅊㅏ", "차"),
    // Consonants alone stay jamo; so do vowels alone.
    ("ㄱㄴ", "ㄱㄴ"), ("ㅋㅋ", "ㅋㅋ"), ("ㄱㄱ", "ㄱㄱ"), ("ㅏㅏ", "ㅏㅏ"), ("ㅏㄱ", "ㅏㄱ"), ("ㅏㄱㅏ", "ㅏ가"),
    // A final; a final that moves on when a vowel follows (도깨비불).
    ("ㄱㅏㄱ", "각"), ("ㄱㅏㄴ", "간"), ("ㅎㅏㄴ", "한"), ("ㄱㅡㄹ", "글"), ("ㅎㅏㄴㄱㅡㄹ", "한글"),
    ("ㄱㅏㄴㅏ", "가나"), ("ㄷㅏㄹㅏ", "다라"), ("ㅁㅏㅇㅡㅁ", "마음"), ("ㄴㅏㅁㅜ", "나무"),
    ("ㄷㅗㄲㅐㅂㅣㅂㅜㄹ", "도깨비불"), ("ㅎㅗㅇㄱㅣㄹㄷㅗㅇ", "홍길동"), ("ㄱㅣㅁㅁㅣㄴㅅㅜ", "김민수"),
    ("ㅎㅗㅇㄱㅣㄹㅅㅜㄴ", "홍길순"), ("ㅈㅗㅇㄹㅗ", "종로"), ("ㅅㅔㅈㅗㅇㄷㅐㄹㅗ", "세종대로"),
    ("ㅅㅓㅇㅜㄹ", "서울"), ("ㅇㅕㄱㅜㅓㄴ", "여권"), ("ㅈㅣㄱㅏㅂ", "지갑"), ("ㄱㅏㅈㅜㄱ", "가죽"),
    ("ㅂㅜㄴㅅㅣㄹ", "분실"), ("ㅈㅓㄴㅇㅣㅂ", "전입"), ("ㄷㅗㅅㅓㄱㅘㄴ", "도서관"), ("ㄱㅏㄱㅏ", "가가"),
    ("ㄱㅏㄲㅏ", "가까"), ("ㅆㅏㅆㅏ", "싸싸"), ("ㄲㅏㄲ", "깎"), ("ㅇㅣㅆㅇㅓ", "있어"), ("ㅇㅣㅆㅓ", "이써"),
    // Finals that cannot be: ㄸ ㅃ ㅉ after a vowel begin the next syllable.
    ("ㄱㅏㄸ", "가ㄸ"), ("ㄱㅏㅃ", "가ㅃ"), ("ㄱㅏㅉ", "가ㅉ"), ("ㄱㅏㄸㅏ", "가따"), ("ㅇㅗㅃㅏ", "오빠"),
    // Double finals, and a double final giving its second key to a vowel.
    ("ㄷㅏㄹㄱ", "닭"), ("ㄷㅏㄹㄱㅣ", "달기"), ("ㄷㅏㄹㄱㅇㅣ", "닭이"), ("ㅇㅏㄴㅈ", "앉"), ("ㅇㅏㄴㅈㅏ", "안자"),
    ("ㅇㅏㄴㅈㅇㅏ", "앉아"), ("ㅁㅏㄴㅎ", "많"), ("ㅁㅏㄴㅎㅇㅣ", "많이"), ("ㅁㅏㄴㅎㅏ", "만하"), ("ㄱㅏㅂㅅ", "값"),
    ("ㄱㅏㅂㅅㅣ", "갑시"), ("ㅅㅏㄹㅁ", "삶"), ("ㅅㅏㄹㅁㅏ", "살마"), ("ㅇㅕㄹㅂ", "엷"), ("ㅇㅕㄹㅂㅇㅡㄴ", "엷은"),
    ("ㅇㅗㅀ", "오ㅀ"), ("ㅇㅗㄹㅎ", "옳"), ("ㅇㅗㄹㅎㅏ", "올하"), ("ㅎㅏㄹㅌ", "핥"), ("ㅇㅡㄹㅍ", "읊"),
    ("ㄴㅓㄱㅅ", "넋"), ("ㄴㅓㄱㅅㅇㅣ", "넋이"), ("ㄱㅗㄹㅅ", "곬"), ("ㄷㅏㄹㄱㄱ", "닭ㄱ"), ("ㄷㅏㄹㄱㄱㅏ", "닭가"),
    ("ㄷㅏㄹㄹ", "달ㄹ"), ("ㄱㅏㄱㄱ", "각ㄱ"), ("ㄱㅏㄱㄱㅏ", "각가"), ("ㄱㅏㄴㄴ", "간ㄴ"), ("ㅂㅏㄹㅂ", "밟"),
    // Compound vowels from two keys.
    ("ㄱㅗㅏ", "과"), ("ㄱㅗㅐ", "괘"), ("ㄱㅗㅣ", "괴"), ("ㄱㅜㅓ", "궈"), ("ㄱㅜㅔ", "궤"), ("ㄱㅜㅣ", "귀"),
    ("ㅇㅡㅣ", "의"), ("ㅇㅗㅏ", "와"), ("ㅇㅜㅓ", "워"), ("ㅎㅗㅣ", "회"), ("ㅎㅗㅏㄴ", "환"), ("ㄱㅜㅓㄴ", "권"),
    ("ㅅㅜㅣㅂ", "쉽"), ("ㅇㅡㅣㅅㅏ", "의사"), ("ㄷㅗㅐ", "돼"), ("ㄷㅗㅣㄴ", "된"), ("ㄱㅗㅏㄴㄹㅣ", "관리"),
    ("ㅗㅏ", "ㅘ"), ("ㅜㅣ", "ㅟ"), ("ㅡㅣ", "ㅢ"),
    // Vowels that do not combine begin a new syllable.
    ("ㄱㅏㅗ", "가ㅗ"), ("ㄱㅗㅓ", "고ㅓ"), ("ㄱㅗㅏㅏ", "과ㅏ"), ("ㄱㅗㅏㅣ", "과ㅣ"), ("ㄱㅜㅏ", "구ㅏ"),
    ("ㄱㅡㅏ", "그ㅏ"), ("ㄱㅣㅏ", "기ㅏ"),
    // A final after a compound vowel, and 도깨비불 from it.
    ("ㄱㅗㅏㄴㄱㅗㅏㅇ", "관광"), ("ㄱㅗㅏㄴㅏ", "과나"), ("ㅇㅜㅓㄴㅇㅗㅏ", "원와"),
    // Other characters break a syllable and pass through.
    ("ㄱㅏ ㄴㅏ", "가 나"), ("ㄱㅏㄴ ㅏ", "간 ㅏ"), ("ㄱ1", "ㄱ1"), ("ㄱㅏ-ㄴ", "가-ㄴ"), ("A가", "A가"),
    ("ㄷㅏㄹ.ㄱ", "달.ㄱ"), ("101ㅎㅗ", "101호"),
    // Backspace forgets one key: a jamo, never the whole syllable.
    ("ㄱ<", ""), ("ㄱㅏ<", "ㄱ"), ("ㄱㅏㄴ<", "가"), ("ㄱㅏㄴ<<", "ㄱ"), ("ㄱㅏㄴ<<<", ""), ("ㄱㅏㄴ<<<<", ""),
    ("ㄱㅏㄴㅏ<", "간"), ("ㄱㅏㄴㅏ<<", "가"), ("ㄷㅏㄹㄱ<", "달"), ("ㄷㅏㄹㄱ<<", "다"), ("ㄷㅏㄹㄱㅣ<", "닭"),
    ("ㄷㅏㄹㄱㅣ<<", "달"), ("ㄱㅗㅏ<", "고"), ("ㄱㅗㅏ<<", "ㄱ"), ("ㄱㅗㅏㄴ<", "과"), ("ㄱㅗㅏㄴ<<", "고"),
    ("ㅇㅡㅣ<", "으"), ("ㄱㅜㅔ<", "구"), ("ㄱㅗㅐ<", "고"), ("ㄱㅏㅂㅅ<", "갑"), ("ㄱㅏㅂㅅㅣ<", "값"),
    ("ㅎㅏㄴㄱㅡㄹ<", "한그"), ("ㅎㅏㄴㄱㅡㄹ<<", "한ㄱ"), ("ㅎㅏㄴㄱㅡㄹ<<<", "한"), ("ㅎㅏㄴㄱㅡㄹ<<<<", "하"),
    ("ㄲㅏ<", "ㄲ"), ("ㄲㅏ<<", ""), ("ㅇㅒ<", "ㅇ"), ("ㅇㅏㄴㅈㅇㅏ<", "앉ㅇ"), ("ㅇㅏㄴㅈㅇㅏ<<", "앉"),
    ("ㅇㅏㄴㅈㅇㅏ<<<", "안"), ("ㄱㅏ <", "가"), ("ㄱㅏ<ㅗ", "고"), ("ㄱㅏㄴ<ㄹ", "갈"), ("ㄷㅏㄹㄱ<ㅁ", "닮"),
    ("ㄷㅗㄲㅐㅂㅣㅂㅜㄹ<", "도깨비부"), ("ㄷㅗㄲㅐㅂㅣㅂㅜㄹ<<<", "도깨비"), ("ㄷㅗㄲㅐㅂㅣㅂㅜㄹ<<<<", "도깹"),
    ("ㄱㅗㅏㄴㄱㅗㅏㅇ<", "관과"), ("ㄱㅗㅏㄴㄱㅗㅏㅇ<<", "관고"), ("ㄱㅗㅏㄴㄱㅗㅏㅇ<<<", "관ㄱ"),
    ("ㄱㅗㅏㄴㄱㅗㅏㅇ<<<<", "관"),
];

#[rustfmt::skip]
const CHEONJIIN: &[(&str, &str)] = &[
    // Vowels from strokes: 1 ㅣ, 2 ㆍ, 3 ㅡ.
    ("1", "ㅣ"), ("3", "ㅡ"), ("2", "ㆍ"), ("22", "ᆢ"), ("12", "ㅏ"), ("122", "ㅑ"), ("21", "ㅓ"), ("221", "ㅕ"),
    ("23", "ㅗ"), ("223", "ㅛ"), ("32", "ㅜ"), ("322", "ㅠ"), ("31", "ㅢ"), ("121", "ㅐ"), ("211", "ㅔ"),
    ("1221", "ㅒ"), ("2211", "ㅖ"), ("2312", "ㅘ"), ("23121", "ㅙ"), ("231", "ㅚ"), ("3221", "ㅝ"),
    ("32211", "ㅞ"), ("321", "ㅟ"),
    // Consonants: the same key again for the next on it.
    ("4", "ㄱ"), ("44", "ㅋ"), ("444", "ㄲ"), ("4444", "ㄱ"), ("5", "ㄴ"), ("55", "ㄹ"), ("555", "ㄴ"),
    ("6", "ㄷ"), ("66", "ㅌ"), ("666", "ㄸ"), ("7", "ㅂ"), ("77", "ㅍ"), ("777", "ㅃ"), ("8", "ㅅ"),
    ("88", "ㅎ"), ("888", "ㅆ"), ("9", "ㅈ"), ("99", "ㅊ"), ("999", "ㅉ"), ("0", "ㅇ"), ("00", "ㅁ"),
    // Syllables.
    ("412", "가"), ("4412", "카"), ("44412", "까"), ("512", "나"), ("5512", "라"), ("01", "이"),
    ("0321", "위"), ("03", "으"), ("031", "의"), ("4232312", "고ㅘ"), ("42312", "과"), ("4231", "괴"),
    ("43221", "궈"), ("4321", "귀"), ("0121", "애"), ("0211", "에"), ("01221", "얘"), ("02211", "예"),
    // Finals and 도깨비불, as with the keyboard.
    ("4125", "간"), ("41251", "가니"), ("881254355", "한글"), ("8823041556230", "홍길동"),
    ("4100>0015832", "김민수"), ("612554", "닭"), ("61255401", "닭이"), ("6125541", "달기"), ("914127", "지갑"),
    ("42", "ㄱㆍ"), ("421", "거"), ("41242", "각ㆍ"), ("412421", "가거"), ("4222", "ㄱᆢㆍ"),
    // The same key twice for two consonants: `>` between.
    ("4>4", "ㄱㄱ"), ("4>412", "ㄱ가"), ("0>0", "ㅇㅇ"), ("5125>512", "난나"), ("51255", "날"),
    // Spaces and backspace by stroke.
    ("412_512", "가 나"), ("412<", "기"), ("412<<", "ㄱ"), ("412<<<", ""), ("4122<", "가"), ("42312<", "괴"),
    ("42312<<", "고"), ("42312<<<", "ㄱㆍ"), ("44<", ""), ("4<4", "ㄱ"), ("44<44", "ㅋ"), ("4125<", "가"),
    ("41251<", "간"), ("612554<", "달"), ("6125541<", "닭"), ("412_<", "가"), ("3<", ""), ("<", ""),
];

#[test]
fn dubeolsik_keys_make_these_texts() {
    for (keys, text) in DUBEOLSIK {
        assert_eq!(dubeolsik(keys), *text, "keys {keys}");
    }
}

#[test]
fn cheonjiin_presses_make_these_texts() {
    for (keys, text) in CHEONJIIN {
        assert_eq!(cheonjiin(keys), *text, "presses {keys}");
    }
}

#[test]
fn the_table_is_large() {
    assert!(DUBEOLSIK.len() + CHEONJIIN.len() >= 200, "{} cases", DUBEOLSIK.len() + CHEONJIIN.len());
}

/// Words a visitor types on the bundled forms: names, places, things lost.
const WORDS: &[&str] = &[
    "홍길동",
    "홍길순",
    "김민수",
    "이영희",
    "박서준",
    "최지우",
    "정하늘",
    "강감찬",
    "세종대로",
    "종로3가역",
    "서울특별시 종로구",
    "갈색 가죽 지갑",
    "닭갈비",
    "앉아서",
    "많이",
    "값싼",
    "읽었다",
    "삶은",
    "넋두리",
    "괜찮아요",
    "왜요",
    "뭐예요",
    "의자",
    "쉬워요",
    "궤도",
    "외국인",
    "원룸",
    "얘기",
    "예뻐요",
    "꽃",
    "빨강",
    "짜장면",
    "씨앗",
    "뛰어요",
    "없어요",
    "훑어",
    "옳다",
    "핥아",
    "읊다",
    "101동 202호",
];

#[test]
fn a_value_already_there_types_on_key_by_key() {
    let jamo = '\u{3131}'..='\u{318e}';
    for word in WORDS {
        // Whatever is in the field splits into the keys that type it, and they type it back.
        let keys = keys_of(word);
        assert_eq!(assemble(&keys), *word, "{word}: {keys:?}");
        assert!(keys.iter().all(|k| is_key(*k) || !jamo.contains(k)), "{word}: one key each");
        // And on the keypad, the same.
        assert_eq!(Cheonjiin::from_text(word).text(), *word, "{word} on the keypad");
    }
    // Backspace after a value already there takes one jamo.
    let mut log = keys_of("홍길동");
    log.pop();
    assert_eq!(assemble(&log), "홍길도");
    let mut c = Cheonjiin::from_text("과");
    c.backspace();
    assert_eq!(c.text(), "괴");
    c.press('2');
    assert_eq!(c.text(), "과");
}

#[test]
fn each_press_says_what_it_typed() {
    let mut c = Cheonjiin::default();
    assert_eq!(c.press('4'), Typed::Jamo('ㄱ'));
    assert_eq!(c.press('4'), Typed::Jamo('ㅋ'));
    assert_eq!(c.press('1'), Typed::Jamo('ㅣ'));
    assert_eq!(c.press('2'), Typed::Jamo('ㅏ'));
    assert_eq!(c.press('2'), Typed::Jamo('ㅑ'));
    assert_eq!(c.text(), "캬");
    assert_eq!(c.press('*'), Typed::Nothing, "not a key of the pad's letters");
    assert_eq!(c.press('3'), Typed::Jamo('ㅡ'));
    assert_eq!(c.press('2'), Typed::Jamo('ㅜ'));
}

proptest::proptest! {
    /// Any run of modern syllables splits into keys that type it back, on both methods.
    #[test]
    fn any_syllables_type_back(codes in proptest::collection::vec(0xAC00u32..=0xD7A3, 0..12)) {
        let text: String = codes.iter().filter_map(|c| char::from_u32(*c)).collect();
        proptest::prop_assert_eq!(assemble(&keys_of(&text)), text.clone());
        proptest::prop_assert_eq!(Cheonjiin::from_text(&text).text(), text);
    }
}
