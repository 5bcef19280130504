//! The address book on the project's sample set: every way a visitor searches, and a broken file
//! that leaves the index as it was.

use minwon_core::address::read_road_addresses;
use minwon_engine::address::{AddressBook, SetFiles, SHOWN};
use std::path::Path;

const ROADS: &[u8] = include_bytes!("../../assets/address/sample/SAMPLE_road_code_jongno.txt");
const ADDRESSES: &[u8] = include_bytes!("../../assets/address/sample/SAMPLE_rnaddrkor_jongno.txt");

fn build(path: &Path, addresses: &[u8]) -> Result<(), minwon_engine::error::EngineError> {
    let sets = [SetFiles { name: "sample", sample: true, road_codes: ROADS, addresses: vec![addresses] }];
    let mut reports = Vec::new();
    let r = AddressBook::build(path, &sets, &|_| "digest-1".into(), &mut |done, total| reports.push((done, total)));
    if r.is_ok() {
        let (done, total) = *reports.last().expect("progress reported");
        assert_eq!(done, total, "the last report is the whole");
    }
    r
}

#[test]
fn a_visitor_finds_her_address_every_way_she_searches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("address.sqlite");
    build(&path, ADDRESSES).expect("the sample indexes");
    let book = AddressBook::open(&path).expect("opens").expect("built");
    assert!(book.is_sample().expect("reads"));
    assert_eq!(book.digests().expect("reads")["sample"], "digest-1");
    let all = read_road_addresses(ADDRESSES).records;
    let on_sejong: Vec<_> = all.iter().filter(|b| b.road_name == "세종대로").collect();
    let target = on_sejong[3];

    // By road name: few results, and there are more.
    let s = book.search("세종대로").expect("searches");
    assert_eq!(s.found.len(), SHOWN);
    assert!(s.more);
    assert!(s.found.iter().all(|f| f.road_address.starts_with("서울특별시 종로구 세종대로 ")));
    // By road and building number: hers first.
    let s = book.search(&format!("세종대로 {}", target.number())).expect("searches");
    assert_eq!(s.found[0].id, target.id, "{s:?}");
    assert_eq!(s.found[0].postcode, target.postcode);
    assert_eq!(s.found[0].road_address, target.road_address());
    assert!(
        s.found[0].road_address_roman.ends_with("Sejong-daero, Jongno-gu, Seoul"),
        "{}",
        s.found[0].road_address_roman
    );
    // Typed without the space, and with the last syllable still being typed.
    assert_eq!(book.search(&format!("세종대로{}", target.number())).expect("searches").found[0].id, target.id);
    assert_eq!(book.search("세종ㄷ").expect("searches").found, book.search("세종").expect("searches").found);
    // By initial consonants.
    assert_eq!(book.search("ㅅㅈㄷㄹ").expect("searches").found, book.search("세종대로").expect("searches").found);
    // By 동 and lot number.
    let lot = all.iter().find(|b| b.emd == "혜화동" && b.lot_sub == 0 && !b.mountain).expect("in the sample");
    let s = book.search(&format!("혜화동 {}", lot.lot_main)).expect("searches");
    assert!(s.found.iter().any(|f| f.id == lot.id), "{s:?}");
    // A mountain lot, with 산.
    let m = all.iter().find(|b| b.mountain).expect("the sample has one");
    let s = book.search(&format!("{} 산 {}", m.emd, m.lot_main)).expect("searches");
    assert!(s.found.iter().any(|f| f.id == m.id && f.lot_address.contains(" 산 ")), "{s:?}");
    // By building name, and its initials.
    let named = all.iter().find(|b| b.name == "표본도서관").expect("in the sample");
    let s = book.search("표본도서").expect("searches");
    assert!(s.found.iter().all(|f| f.name == "표본도서관") && s.found.iter().any(|f| f.id == named.id), "{s:?}");
    assert!(book.search("ㅍㅂㄷㅅㄱ").expect("searches").found.iter().all(|f| f.name == "표본도서관"));
    // Nothing: a road the district has not; no words at all; a quote that would break the query.
    assert!(book.search("없는길").expect("searches").found.is_empty());
    assert!(book.search("  ").expect("searches").found.is_empty());
    assert!(book.search("209").expect("searches").found.is_empty(), "a number alone finds nothing yet");
    assert!(book.search("세종\" OR \"").expect("a quote is only a character").found.is_empty());
    assert!(book.search("세종대로 99999").expect("searches").found.is_empty());
}

#[test]
fn a_broken_file_leaves_the_index_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("address.sqlite");
    build(&path, ADDRESSES).expect("the sample indexes");
    let before = std::fs::read(&path).expect("the index");
    // The same file cut short in transfer, and one with a line of the wrong width.
    let cut = &ADDRESSES[..ADDRESSES.len() - 25];
    let e = build(&path, cut).expect_err("a truncated file");
    assert_eq!(e.code(), "address.invalid");
    assert!(e.to_string().contains("address.truncated"), "{e}");
    let lines = ADDRESSES.iter().filter(|b| **b == b'\n').count();
    assert!(e.to_string().contains(&format!("line {lines}")), "located at the last line: {e}");
    let mut wide = ADDRESSES.to_vec();
    wide.extend_from_slice(b"1|2|3\r\n");
    let e = build(&path, &wide).expect_err("a line of three columns");
    assert!(e.to_string().contains(&format!("line {}: address.columns", lines + 1)), "{e}");
    assert_eq!(std::fs::read(&path).expect("the index"), before, "nothing half-applied");
    assert!(!dir.path().join("address.sqlite.new").exists(), "no half-built file left");
    let book = AddressBook::open(&path).expect("opens").expect("built");
    assert_eq!(book.search("세종대로").expect("searches").found.len(), SHOWN);
}

mod common;

/// At the kiosk: the library card's address step searches the installed sample set, in Korean
/// and in Roman letters; a box the screen has not is refused; the log holds no search words.
#[test]
fn the_kiosk_searches_its_address_book_on_the_address_step() {
    use minwon_core::Timestamp;
    use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
    use serde_json::json;
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("temp dir");
    let open = || {
        Kiosk::open(KioskConfig::new(dir.path().to_path_buf()), Arc::new(ManualClock::new(Timestamp(common::T0))))
            .expect("opens")
    };
    let k = open();
    let index = dir.path().join("address.sqlite");
    let built = std::fs::metadata(&index).expect("the index is built at opening").modified().expect("mtime");
    let act = |a: serde_json::Value| k.act(serde_json::from_value::<Action>(a).expect("an action"));
    let to_address = |locale: &str| {
        act(json!({"type": "language", "locale": locale})).expect("ok");
        act(json!({"type": "service", "id": "library-card"})).expect("ok");
        // Not on the address step yet: the search box is not on the screen.
        let refused = act(json!({"type": "address_search", "input": "f-address-search", "text": "세종대로"}))
            .expect_err("no such box");
        assert_eq!(refused.code, "api.bad-request");
        act(json!({"type": "next", "answers": {"name": "김민수"}})).expect("ok");
        act(json!({"type": "next", "answers": {"birth-date": "1948-03-15"}})).expect("ok");
        act(json!({"type": "next", "answers": {"mobile": "01023456789"}})).expect("ok");
    };
    to_address("ko");
    let v = serde_json::to_value(
        act(json!({"type": "address_search", "input": "f-address-search", "text": "세종대로"})).expect("ok"),
    )
    .expect("json");
    let a = &v["addresses"];
    assert_eq!(a["found"].as_array().expect("found").len(), SHOWN, "{a}");
    assert!(a["found"][0]["line1"].as_str().expect("line1").starts_with("서울특별시 종로구 세종대로 "), "{a}");
    assert_eq!(a["found"][0]["postcode"].as_str().expect("postcode").len(), 5);
    assert!(a["note"].as_str().expect("more to narrow").contains("건물 번호"), "{a}");
    assert!(a["sample"].as_str().expect("a sample set").contains("표본"), "{a}");
    // In English the label is Roman; the form still gets the Korean road address. Roman words
    // find it too.
    act(json!({"type": "cancel"})).expect("ok");
    act(json!({"type": "confirm_cancel"})).expect("ok");
    to_address("en");
    let v = serde_json::to_value(
        act(json!({"type": "address_search", "input": "f-address-search", "text": "SEJONG"})).expect("ok"),
    )
    .expect("json");
    let first = &v["addresses"]["found"][0];
    assert!(first["label"].as_str().expect("label").contains("Sejong-daero, Jongno-gu, Seoul"), "{first}");
    assert!(first["line1"].as_str().expect("line1").contains("세종대로"), "{first}");
    let v = serde_json::to_value(
        act(json!({"type": "address_search", "input": "f-address-search", "text": "없는길"})).expect("ok"),
    )
    .expect("json");
    assert!(v["addresses"]["note"].as_str().expect("none found").starts_with("No address found"), "{v}");
    // Another box, or a text too long for the search box: refused.
    assert!(act(json!({"type": "address_search", "input": "f-address-line1", "text": "x"})).is_err());
    assert!(act(json!({"type": "address_search", "input": "f-address-search", "text": "가".repeat(41)})).is_err());
    let log = k.effect_log().join("\n");
    assert!(
        log.contains("address-search:f-address-search") && !log.contains("세종") && !log.contains("SEJONG"),
        "{log}"
    );
    // Opened again with the same assets: the index is not built again.
    drop(k);
    let _again = open();
    assert_eq!(std::fs::metadata(&index).expect("index").modified().expect("mtime"), built, "the same index kept");
}
