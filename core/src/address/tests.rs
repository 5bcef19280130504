//! Tests of the address layouts: the project's sample, broken files located, initials and the
//! visitor's search words.

use super::*;

const SAMPLE_ROADS: &[u8] = include_bytes!("../../../assets/address/sample/SAMPLE_road_code_jongno.txt");
const SAMPLE_ADDRESSES: &[u8] = include_bytes!("../../../assets/address/sample/SAMPLE_rnaddrkor_jongno.txt");

fn cp949(s: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::EUC_KR.encode(s);
    assert!(!bad, "the test's own text is CP949");
    bytes.into_owned()
}

/// A 도로명주소 line as juso.go.kr writes one (the example row of its documentation's shape).
fn address_line(overrides: &[(usize, &str)]) -> String {
    let mut cols = vec![
        "11110101310001700020900000",
        "1111011900",
        "서울특별시",
        "종로구",
        "세종로",
        "",
        "0",
        "1",
        "68",
        "111103100017",
        "세종대로",
        "0",
        "209",
        "0",
        "1111051500",
        "청운효자동",
        "03171",
        "",
        "20110729",
        "0",
        "31",
        "정부서울청사",
        "정부서울청사",
        "",
    ];
    for (i, v) in overrides {
        cols[*i] = v;
    }
    cols.join("|")
}

#[test]
fn the_sample_reads_whole_and_every_building_has_its_road() {
    let roads = read_road_codes(SAMPLE_ROADS);
    assert_eq!(roads.problem_count, 0, "{:?}", roads.problems);
    let addresses = read_road_addresses(SAMPLE_ADDRESSES);
    assert_eq!(addresses.problem_count, 0, "{:?}", addresses.problems);
    assert_eq!(Encoding::of(SAMPLE_ADDRESSES), Encoding::Cp949, "the sample is CP949 as juso.go.kr ships");
    assert!(roads.records.len() >= 10 && addresses.records.len() >= 200);
    for b in &addresses.records {
        assert!(roads.records.iter().any(|r| r.code == b.road_code && r.name == b.road_name), "{}", b.id);
        assert_eq!(b.postcode.len(), 5);
    }
    let first = &addresses.records[0];
    assert_eq!(first.road_address(), format!("서울특별시 종로구 세종대로 {}", first.number()));
    assert!(addresses.records.iter().any(|b| b.underground && b.number().starts_with("지하 ")));
    assert!(addresses.records.iter().any(|b| b.mountain && b.lot_address().contains(" 산 ")));
    let sejong = roads.records.iter().find(|r| r.name == "세종대로").expect("in the sample");
    assert_eq!((sejong.name_roman.as_str(), sejong.sigungu_roman.as_str()), ("Sejong-daero", "Jongno-gu"));
    assert!(sejong.in_use);
}

#[test]
fn a_line_reads_into_its_fields() {
    let b = road_address(1, &address_line(&[]), false).expect("a good line");
    assert_eq!(b.road_address(), "서울특별시 종로구 세종대로 209");
    assert_eq!(b.lot_address(), "서울특별시 종로구 세종로 1-68");
    assert_eq!((b.postcode.as_str(), b.name.as_str()), ("03171", "정부서울청사"));
    // The 시군구용건물명 first; the 건축물대장건물명 when it is empty.
    let b = road_address(1, &address_line(&[(22, ""), (21, "대장 이름")]), false).expect("good");
    assert_eq!(b.name, "대장 이름");
    // A trailing `|` is the same record.
    let b2 = road_address(1, &format!("{}|", address_line(&[])), false).expect("good");
    assert_eq!(b2.id, "11110101310001700020900000");
    let b = road_address(1, &address_line(&[(13, "3"), (11, "1")]), false).expect("good");
    assert_eq!(b.number(), "지하 209-3");
}

/// Broken files: each problem named by code, line and column; nothing of the file is used.
#[test]
fn broken_files_are_located() {
    let good = address_line(&[]);
    // (what, the file, the first problem's code, its line and column)
    type Case = (&'static str, Vec<u8>, &'static str, usize, Option<usize>);
    let short = address_line(&[]).rsplit_once('|').expect("columns").0.to_owned();
    let cut_at = good.find("종로구").expect("in the line") + 3;
    let cases: Vec<Case> = vec![
        ("a column too few", cp949(&format!("{good}\n{short}\n")), "address.columns", 2, None),
        ("a column too many", cp949(&format!("{good}\n{good}|x|y\n")), "address.columns", 2, None),
        ("the road code file given as addresses", SAMPLE_ROADS.to_vec(), "address.columns", 1, None),
        (
            "a bad byte in CP949",
            [cp949(&format!("{good}\n")), b"1111|\xff\xfe|x\n".to_vec()].concat(),
            "address.encoding",
            2,
            None,
        ),
        (
            "cut in the middle of a line",
            {
                let mut b = cp949(&format!("{good}\n{good}\n"));
                b.truncate(b.len() - 40);
                b
            },
            "address.truncated",
            2,
            None,
        ),
        (
            "cut in the middle of a character",
            {
                let mut b = cp949(&format!("{good}\n{}", &good[..cut_at]));
                b.pop();
                b
            },
            "address.truncated",
            2,
            None,
        ),
        (
            "a postcode of 4 digits",
            cp949(&format!("{good}\n{}\n", address_line(&[(16, "0317")]))),
            "address.field",
            2,
            Some(17),
        ),
        (
            "a building number that is not one",
            cp949(&format!("{}\n", address_line(&[(12, "2O9")]))),
            "address.field",
            1,
            Some(13),
        ),
        ("a road name left empty", cp949(&format!("{}\n", address_line(&[(10, " ")]))), "address.empty", 1, Some(11)),
        (
            "underground neither 0 nor 1",
            cp949(&format!("{}\n", address_line(&[(11, "Y")]))),
            "address.field",
            1,
            Some(12),
        ),
        ("an empty file", Vec::new(), "address.empty", 1, None),
        (
            "a line of a megabyte",
            [cp949(&format!("{good}\n")), vec![b'|'; 1 << 20], b"\n".to_vec()].concat(),
            "address.long-line",
            2,
            None,
        ),
        ("a file with no newline at all", vec![b'1'; 1 << 20], "address.long-line", 1, None),
    ];
    for (what, bytes, code, line, column) in cases {
        let read = read_road_addresses(&bytes);
        assert!(read.problem_count >= 1, "{what}: accepted");
        let p = &read.problems[0];
        assert_eq!((p.code, p.line, p.column), (code, line, column), "{what}: {p}");
    }
}

#[test]
fn a_file_resaved_as_utf8_or_with_crlf_reads_the_same() {
    let text = format!("{}\r\n{}\r\n", address_line(&[]), address_line(&[(12, "211")]));
    let a = read_road_addresses(&cp949(&text));
    let b = read_road_addresses(text.as_bytes());
    assert_eq!(a.problem_count + b.problem_count, 0);
    assert_eq!(a.records, b.records);
    assert_eq!(a.records.len(), 2);
}

#[test]
fn a_file_with_many_problems_keeps_the_first_and_counts_all() {
    let bad = address_line(&[(16, "x")]);
    let text: String = (0..50).map(|_| format!("{bad}\n")).collect();
    let read = read_road_addresses(text.as_bytes());
    assert_eq!((read.problems.len(), read.problem_count), (MAX_PROBLEMS, 50));
    assert_eq!(read.problems[MAX_PROBLEMS - 1].line, MAX_PROBLEMS);
}

#[test]
fn initial_consonants() {
    for (text, want) in [
        ("세종대로", "ㅅㅈㄷㄹ"),
        ("까치산로", "ㄲㅊㅅㄹ"),
        ("자하문로7길", "ㅈㅎㅁㄹ7ㄱ"),
        ("종로1가", "ㅈㄹ1ㄱ"),
        ("힣", "ㅎ"),
        ("가", "ㄱ"),
        ("ㄱㄴ", "ㄱㄴ"),
        ("KT빌딩", "KTㅂㄷ"),
    ] {
        assert_eq!(initials(text), want, "{text}");
    }
    assert!(is_initials("ㄱㄴ") && is_initials("ㅅㅈㄷㄹ"));
    assert!(!is_initials("ㄱ나") && !is_initials("") && !is_initials("ㅏ"));
}

#[test]
fn search_words() {
    let name = |s: &str| Word::Name(s.to_owned());
    let ini = |s: &str| Word::Initials(s.to_owned());
    let q = |words: Vec<Word>, number: Option<(u32, Option<u32>)>, mountain| Query { words, number, mountain };
    for (typed, want) in [
        ("세종대로 209", q(vec![name("세종대로")], Some((209, None)), false)),
        ("세종대로209", q(vec![name("세종대로")], Some((209, None)), false)),
        ("자하문로7길 12", q(vec![name("자하문로7길")], Some((12, None)), false)),
        ("세종로 1-68", q(vec![name("세종로")], Some((1, Some(68))), false)),
        ("부암동 산 12", q(vec![name("부암동")], Some((12, None)), true)),
        ("ㅅㅈㄷㄹ", q(vec![ini("ㅅㅈㄷㄹ")], None, false)),
        ("ㄱㄴ 3", q(vec![ini("ㄱㄴ")], Some((3, None)), false)),
        ("정부서울청사", q(vec![name("정부서울청사")], None, false)),
        ("  종로   구청 ", q(vec![name("종로"), name("구청")], None, false)),
        ("", q(vec![], None, false)),
        ("123456", q(vec![name("123456")], None, false)),
    ] {
        assert_eq!(Query::parse(typed), want, "{typed:?}");
    }
    assert!(Query::parse(" ").is_empty());
}

#[test]
fn the_road_code_layout() {
    let line = "111103100017|세종대로|Sejong-daero|00|서울특별시|Seoul|종로구|Jongno-gu|세종로|Sejongno|1|101|0||신규|20110729|";
    let r = road_code(1, line, false).expect("a good line");
    assert_eq!(
        (r.code.as_str(), r.name.as_str(), r.emd_seq.as_str(), r.in_use),
        ("111103100017", "세종대로", "00", true)
    );
    let retired = line.replacen("|1|101|0|", "|1|101|1|", 1);
    assert!(!road_code(1, &retired, false).expect("good").in_use);
    let p = road_code(3, &line.replacen("111103100017", "11110310001", 1), false).expect_err("11 digits");
    assert_eq!((p.code, p.line, p.column), ("address.field", 3, Some(1)));
}
