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
    assert!(s.found[0].road_address_roman.ends_with("Sejong-daero, Jongno-gu, Seoul"), "{}", s.found[0].road_address_roman);
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
