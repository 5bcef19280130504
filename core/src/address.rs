//! Road-name addresses (도로명주소) as juso.go.kr publishes them: its 도로명코드 and 도로명주소 layouts
//! read line by line, checked and located; the initial consonants (초성) a visitor may search by;
//! and the visitor's search words. Pure: bytes in, records or located problems out.
//!
//! The layouts (주소DB, "도로명주소 한글" 전체분, as juso.go.kr documents them): `|`-separated
//! text, one record a line, in CP949 as shipped (UTF-8 is taken too: a file an admin re-saved).
//! - 도로명코드: 17 columns — 도로명코드(12) | 도로명 | 도로명 로마자 | 읍면동일련번호(2) | 시도명 |
//!   시도명 로마자 | 시군구명 | 시군구명 로마자 | 읍면동명 | 읍면동명 로마자 | 읍면동구분 |
//!   읍면동코드 | 사용여부(0 in use) | 변경사유 | 변경이력정보 | 고시일자 | 말소일자.
//! - 도로명주소: 24 columns — 도로명주소관리번호(26) | 법정동코드(10) | 시도명 | 시군구명 |
//!   법정읍면동명 | 법정리명 | 산여부 | 지번본번 | 지번부번 | 도로명코드(12) | 도로명 | 지하여부 |
//!   건물본번 | 건물부번 | 행정동코드 | 행정동명 | 기초구역번호(5, the postcode) | 이전도로명주소 |
//!   효력발생일 | 공동주택구분 | 이동사유코드 | 건축물대장건물명 | 시군구용건물명 | 비고.
//!
//! A line ending in one more `|` (an empty last column) is the same record.

use std::fmt;

/// The longest line read, in bytes: a real line is a few hundred; a longer one (a file that is
/// not in the layout, or made to exhaust memory) is refused before it is split.
pub const MAX_LINE: usize = 4096;

/// Columns of a 도로명코드 line.
pub const ROAD_CODE_COLUMNS: usize = 17;
/// Columns of a 도로명주소 line.
pub const ROAD_ADDRESS_COLUMNS: usize = 24;

/// Which of the two layouts a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    RoadCode,
    RoadAddress,
}

impl Layout {
    pub fn columns(self) -> usize {
        match self {
            Layout::RoadCode => ROAD_CODE_COLUMNS,
            Layout::RoadAddress => ROAD_ADDRESS_COLUMNS,
        }
    }
}

/// What is wrong with a line of an address file, where (1-based line and column), never what the
/// line holds beyond the column's name: the files are public, but a message stays short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressProblem {
    /// Stable: `address.encoding`, `address.columns`, `address.truncated`, `address.field`,
    /// `address.empty`, `address.long-line`, `address.road-unknown`.
    pub code: &'static str,
    pub line: usize,
    pub column: Option<usize>,
    /// Which column, by its layout name, or the counts (`23 of 24 columns`).
    pub detail: String,
}

impl fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "line {}, column {}: {} ({})", self.line, c, self.code, self.detail),
            None => write!(f, "line {}: {} ({})", self.line, self.code, self.detail),
        }
    }
}

fn problem(code: &'static str, line: usize, column: Option<usize>, detail: impl Into<String>) -> AddressProblem {
    AddressProblem { code, line, column, detail: detail.into() }
}

/// One road of the 도로명코드 file, in one 읍면동 (a road crossing three has three lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Road {
    /// 시군구코드(5) + 도로명번호(7).
    pub code: String,
    pub emd_seq: String,
    pub name: String,
    pub name_roman: String,
    pub sido: String,
    pub sido_roman: String,
    pub sigungu: String,
    pub sigungu_roman: String,
    pub emd: String,
    pub emd_roman: String,
    pub in_use: bool,
}

/// One address of the 도로명주소 file: a building (or a group of them, an apartment complex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Building {
    /// 도로명주소관리번호 (26 digits): the record's key.
    pub id: String,
    /// 법정동코드 (10 digits).
    pub legal_dong: String,
    pub sido: String,
    pub sigungu: String,
    /// 법정읍면동명, and 법정리명 (empty in a city's 동).
    pub emd: String,
    pub ri: String,
    /// The lot (지번): 산 or not, main and sub number.
    pub mountain: bool,
    pub lot_main: u32,
    pub lot_sub: u32,
    pub road_code: String,
    pub road_name: String,
    pub underground: bool,
    pub main: u32,
    pub sub: u32,
    /// 기초구역번호: the 5-digit postcode.
    pub postcode: String,
    /// 시군구용건물명, else 건축물대장건물명; may be empty.
    pub name: String,
}

impl Building {
    /// The building number as written after the road: `110`, `12-3`, `지하 5`.
    pub fn number(&self) -> String {
        let n = if self.sub == 0 { self.main.to_string() } else { format!("{}-{}", self.main, self.sub) };
        if self.underground {
            format!("지하 {n}")
        } else {
            n
        }
    }

    /// The building number as written in Roman addresses: `110`, `12-3`, `B5` underground.
    pub fn number_roman(&self) -> String {
        let n = if self.sub == 0 { self.main.to_string() } else { format!("{}-{}", self.main, self.sub) };
        if self.underground {
            format!("B{n}")
        } else {
            n
        }
    }

    /// The road address as Korean services write it: `서울특별시 종로구 세종대로 209`.
    pub fn road_address(&self) -> String {
        format!("{} {} {} {}", self.sido, self.sigungu, self.road_name, self.number())
    }

    /// The lot address (지번주소): `서울특별시 종로구 세종로 1-68`, `… 산 12`.
    pub fn lot_address(&self) -> String {
        let lot =
            if self.lot_sub == 0 { self.lot_main.to_string() } else { format!("{}-{}", self.lot_main, self.lot_sub) };
        let place = if self.ri.is_empty() { self.emd.clone() } else { format!("{} {}", self.emd, self.ri) };
        let san = if self.mountain { "산 " } else { "" };
        format!("{} {} {} {san}{lot}", self.sido, self.sigungu, place)
    }
}

/// The lines of a file with their 1-based numbers, `\n` or `\r\n` ended, blank ones left out. A
/// line is split on the byte `\n`, which no CP949 character contains.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes.split(|b| *b == b'\n').enumerate().filter_map(|(i, l)| {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        (!l.is_empty()).then_some((i + 1, l))
    })
}

/// Whether the file's last line ends in a newline: a file cut short in transfer usually does not.
pub fn ends_whole(bytes: &[u8]) -> bool {
    bytes.is_empty() || bytes.ends_with(b"\n")
}

/// How the file's text is encoded: CP949 as shipped, or UTF-8 if the admin re-saved it. Decided
/// once per file, by whether all of it is UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Cp949,
    Utf8,
}

impl Encoding {
    pub fn of(bytes: &[u8]) -> Encoding {
        if std::str::from_utf8(bytes).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Cp949
        }
    }

    /// One line's text; a byte sequence the encoding has no character for is located.
    pub fn decode(self, line_no: usize, line: &[u8]) -> Result<String, AddressProblem> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(line).map(str::to_owned).map_err(|e| {
                problem("address.encoding", line_no, None, format!("not UTF-8 at byte {}", e.valid_up_to() + 1))
            }),
            Encoding::Cp949 => encoding_rs::EUC_KR
                .decode_without_bom_handling_and_without_replacement(line)
                .map(|t| t.into_owned())
                .ok_or_else(|| problem("address.encoding", line_no, None, "not CP949 (EUC-KR) text")),
        }
    }
}

/// A line's columns, checked against the layout's count (a trailing `|` allowed). `last` says the
/// line is the file's last and it has no newline: too few columns there is a truncated file.
pub fn columns(layout: Layout, line_no: usize, text: &str, last_unended: bool) -> Result<Vec<&str>, AddressProblem> {
    let mut cols: Vec<&str> = text.split('|').collect();
    let want = layout.columns();
    if cols.len() == want + 1 && cols.last() == Some(&"") {
        cols.pop();
    }
    if cols.len() == want {
        return Ok(cols);
    }
    let code = if last_unended && cols.len() < want { "address.truncated" } else { "address.columns" };
    Err(problem(code, line_no, None, format!("{} of {want} columns", cols.len())))
}

fn digits(cols: &[&str], i: usize, len: Option<usize>, name: &str, line_no: usize) -> Result<String, AddressProblem> {
    let v = cols[i].trim();
    let ok = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && len.is_none_or(|n| v.len() == n);
    if ok {
        Ok(v.to_owned())
    } else {
        let shape = len.map_or("digits".to_owned(), |n| format!("{n} digits"));
        Err(problem("address.field", line_no, Some(i + 1), format!("{name}: {shape}")))
    }
}

fn number(cols: &[&str], i: usize, name: &str, line_no: usize) -> Result<u32, AddressProblem> {
    let v = cols[i].trim();
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<u32>()
        .ok()
        .filter(|n| *n <= 99_999)
        .ok_or_else(|| problem("address.field", line_no, Some(i + 1), format!("{name}: a number")))
}

fn flag(cols: &[&str], i: usize, name: &str, line_no: usize) -> Result<bool, AddressProblem> {
    match cols[i].trim() {
        "0" | "" => Ok(false),
        "1" => Ok(true),
        _ => Err(problem("address.field", line_no, Some(i + 1), format!("{name}: 0 or 1"))),
    }
}

fn text(cols: &[&str], i: usize, name: &str, line_no: usize) -> Result<String, AddressProblem> {
    let v = cols[i].trim();
    if v.is_empty() {
        Err(problem("address.empty", line_no, Some(i + 1), name.to_owned()))
    } else {
        Ok(v.to_owned())
    }
}

/// One line of the 도로명코드 file.
pub fn road_code(line_no: usize, text_line: &str, last_unended: bool) -> Result<Road, AddressProblem> {
    let c = columns(Layout::RoadCode, line_no, text_line, last_unended)?;
    Ok(Road {
        code: digits(&c, 0, Some(12), "도로명코드", line_no)?,
        name: text(&c, 1, "도로명", line_no)?,
        name_roman: c[2].trim().to_owned(),
        emd_seq: digits(&c, 3, Some(2), "읍면동일련번호", line_no)?,
        sido: text(&c, 4, "시도명", line_no)?,
        sido_roman: c[5].trim().to_owned(),
        sigungu: c[6].trim().to_owned(),
        sigungu_roman: c[7].trim().to_owned(),
        emd: c[8].trim().to_owned(),
        emd_roman: c[9].trim().to_owned(),
        in_use: !flag(&c, 12, "사용여부", line_no)?,
    })
}

/// One line of the 도로명주소 file.
pub fn road_address(line_no: usize, text_line: &str, last_unended: bool) -> Result<Building, AddressProblem> {
    let c = columns(Layout::RoadAddress, line_no, text_line, last_unended)?;
    let listed = c[22].trim();
    let name = if listed.is_empty() { c[21].trim() } else { listed };
    Ok(Building {
        id: digits(&c, 0, Some(26), "도로명주소관리번호", line_no)?,
        legal_dong: digits(&c, 1, Some(10), "법정동코드", line_no)?,
        sido: text(&c, 2, "시도명", line_no)?,
        sigungu: c[3].trim().to_owned(),
        emd: text(&c, 4, "법정읍면동명", line_no)?,
        ri: c[5].trim().to_owned(),
        mountain: flag(&c, 6, "산여부", line_no)?,
        lot_main: number(&c, 7, "지번본번", line_no)?,
        lot_sub: number(&c, 8, "지번부번", line_no)?,
        road_code: digits(&c, 9, Some(12), "도로명코드", line_no)?,
        road_name: text(&c, 10, "도로명", line_no)?,
        underground: flag(&c, 11, "지하여부", line_no)?,
        main: {
            let n = number(&c, 12, "건물본번", line_no)?;
            if n == 0 {
                return Err(problem("address.field", line_no, Some(13), "건물본번: a number from 1"));
            }
            n
        },
        sub: number(&c, 13, "건물부번", line_no)?,
        postcode: digits(&c, 16, Some(5), "기초구역번호", line_no)?,
        name: name.to_owned(),
    })
}

/// Reads a whole file of either layout: every record, or every problem (the first
/// [`MAX_PROBLEMS`] of them, and how many there were). Nothing of a file with a problem is used.
pub struct Read<T> {
    pub records: Vec<T>,
    pub problems: Vec<AddressProblem>,
    pub problem_count: usize,
}

/// Problems kept of a broken file; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

fn read_all<T>(bytes: &[u8], parse: fn(usize, &str, bool) -> Result<T, AddressProblem>) -> Read<T> {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let problem_count = each(bytes, parse, |r| records.push(r), &mut |p| problems.push(p));
    Read { records, problems, problem_count }
}

/// Every line of a 도로명코드 file.
pub fn read_road_codes(bytes: &[u8]) -> Read<Road> {
    read_all(bytes, road_code)
}

/// Every line of a 도로명주소 file.
pub fn read_road_addresses(bytes: &[u8]) -> Read<Building> {
    read_all(bytes, road_address)
}

/// The compatibility jamo of the 19 initial consonants, in Unicode's syllable order.
const INITIALS: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

/// The initial consonants of a text's syllables (초성): 세종대로 → ㅅㅈㄷㄹ. Other characters stay
/// as they are (digits, Latin, spaces), a lone consonant too.
pub fn initials(text: &str) -> String {
    text.chars()
        .map(|c| {
            let u = c as u32;
            if (0xAC00..=0xD7A3).contains(&u) {
                INITIALS[((u - 0xAC00) / 588) as usize]
            } else {
                c
            }
        })
        .collect()
}

/// Whether a word is all initial consonants (ㄱㄴ), so searched among initials.
pub fn is_initials(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| INITIALS.contains(&c))
}

/// What the visitor typed to search, in words: names (or their initials) and at most one number
/// (a building or lot number, `12` or `12-3`; `산` before it a mountain lot).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub words: Vec<Word>,
    pub number: Option<(u32, Option<u32>)>,
    pub mountain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// A name's beginning: 세종, 세종대로, 시청.
    Name(String),
    /// Initial consonants: ㅅㅈㄷㄹ.
    Initials(String),
}

impl Query {
    /// Splits the search box: spaces separate words; digits stuck to a name (세종대로110) are the
    /// number; `번길`/`길` numbers stay in the name (세종대로23길).
    pub fn parse(typed: &str) -> Query {
        let mut q = Query::default();
        for raw in typed.split_whitespace() {
            let raw = raw.trim_matches(|c: char| c == ',' || c == '.');
            if raw == "산" {
                q.mountain = true;
                continue;
            }
            if let Some(n) = lot_number(raw) {
                q.number = Some(n);
                continue;
            }
            // 세종대로110 → 세종대로 + 110, but 세종대로23길 stays a name.
            let split = raw.char_indices().find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i);
            let (name, tail) = match split {
                Some(i) if i > 0 && lot_number(&raw[i..]).is_some() => (&raw[..i], Some(&raw[i..])),
                _ => (raw, None),
            };
            if !name.is_empty() {
                q.words.push(if is_initials(name) {
                    Word::Initials(name.to_owned())
                } else {
                    Word::Name(name.to_owned())
                });
            }
            if let Some(t) = tail {
                q.number = lot_number(t);
            }
        }
        q
    }

    /// Nothing to search by yet.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.number.is_none()
    }
}

fn lot_number(s: &str) -> Option<(u32, Option<u32>)> {
    let (main, sub) = match s.split_once('-') {
        Some((m, s)) => (m, Some(s)),
        None => (s, None),
    };
    let n = |t: &str| {
        (!t.is_empty() && t.len() <= 5 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let m = n(main)?;
    match sub {
        None => Some((m, None)),
        Some(s) => Some((m, Some(n(s)?))),
    }
}

/// What an address set's `manifest.toml` says: its name as shown to admins and visitors, and
/// whether it is a sample (the visitor is told the addresses are not real).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetManifest {
    pub name: String,
    #[serde(default)]
    pub sample: bool,
    /// Where the files come from (juso.go.kr's 주소DB of a month, or "made by the project").
    pub source: String,
}

/// A checked address set: one folder of `assets/address/`, a 도로명코드 file and one or more
/// 도로명주소 files (a province's, or a district's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetSummary {
    pub manifest: SetManifest,
    pub roads: usize,
    pub buildings: usize,
}

/// Which file of a set a name is: `…road_code….txt` is the 도로명코드 file, `…rnaddrkor….txt` a
/// 도로명주소 file (juso.go.kr names them so); `jibun_rnaddrkor` (the related lots) is not read.
pub fn layout_of(file_name: &str) -> Result<Layout, &'static str> {
    let lower = file_name.to_ascii_lowercase();
    if !lower.ends_with(".txt") {
        return Err("an address file is a .txt file in juso.go.kr's layout");
    }
    if lower.contains("jibun_rnaddrkor") {
        return Err("the related lots (jibun_rnaddrkor) are not read: take the file out of the set");
    }
    if lower.contains("road_code") || file_name.contains("도로명코드") {
        Ok(Layout::RoadCode)
    } else if lower.contains("rnaddrkor") {
        Ok(Layout::RoadAddress)
    } else {
        Err("not a file of juso.go.kr's layouts (…road_code….txt, …rnaddrkor….txt)")
    }
}

/// Checks a set's files as they stream by, keeping only counts and the roads' codes: a province
/// of a million lines is checked without holding it. Every problem is located by the file's path.
pub fn check_set(
    manifest: &str,
    road_codes: &[(&str, &[u8])],
    addresses: &[(&str, &[u8])],
) -> Result<SetSummary, Vec<(String, AddressProblem)>> {
    let mut problems: Vec<(String, AddressProblem)> = Vec::new();
    let manifest: Option<SetManifest> = toml::from_str(manifest)
        .map_err(|e| problems.push((String::new(), problem("address.manifest", 1, None, e.message().to_owned()))))
        .ok();
    if road_codes.len() != 1 || addresses.is_empty() {
        let detail = format!(
            "{} 도로명코드 and {} 도로명주소 files; a set has one and at least one",
            road_codes.len(),
            addresses.len()
        );
        problems.push((String::new(), problem("address.set", 1, None, detail)));
    }
    let mut codes = std::collections::HashSet::new();
    let mut roads = 0;
    let more = |path: &str, count: usize, problems: &mut Vec<(String, AddressProblem)>| {
        if count > MAX_PROBLEMS {
            let detail = format!("{count} problems in all; the first {MAX_PROBLEMS} are listed");
            problems.push((path.to_owned(), problem("address.more", 1, None, detail)));
        }
    };
    for (path, bytes) in road_codes {
        let mut found = Vec::new();
        let count = each(
            bytes,
            road_code,
            |r| {
                codes.insert(r.code);
                roads += 1;
            },
            &mut |p| found.push(((*path).to_owned(), p)),
        );
        problems.extend(found);
        more(path, count, &mut problems);
    }
    let mut buildings = 0;
    for (path, bytes) in addresses {
        let mut unknown = Vec::new();
        let mut found = Vec::new();
        let count = each(
            bytes,
            road_address,
            |b| {
                buildings += 1;
                if !codes.is_empty() && !codes.contains(&b.road_code) {
                    unknown.push(b.road_code);
                }
            },
            &mut |p| found.push(((*path).to_owned(), p)),
        );
        problems.extend(found);
        more(path, count, &mut problems);
        if let Some(code) = unknown.first() {
            let detail = format!("{} buildings on roads the 도로명코드 file lacks (the first: {code})", unknown.len());
            problems.push(((*path).to_owned(), problem("address.road-unknown", 1, None, detail)));
        }
    }
    match manifest {
        Some(manifest) if problems.is_empty() => Ok(SetSummary { manifest, roads, buildings }),
        _ => Err(problems),
    }
}

/// The records of a file one by one as its lines are read, each a record or a located problem
/// (a last line cut short is `address.truncated`, even when the cut split a character).
pub fn records<'a, T: 'a>(
    bytes: &'a [u8],
    parse: fn(usize, &str, bool) -> Result<T, AddressProblem>,
) -> impl Iterator<Item = Result<T, AddressProblem>> + 'a {
    let encoding = Encoding::of(bytes);
    let whole = ends_whole(bytes);
    let last = lines(bytes).last().map(|(n, _)| n);
    lines(bytes).map(move |(n, raw)| {
        let last_unended = !whole && Some(n) == last;
        if raw.len() > MAX_LINE {
            return Err(problem(
                "address.long-line",
                n,
                None,
                format!("{} bytes; a line has at most {MAX_LINE}", raw.len()),
            ));
        }
        let text = encoding.decode(n, raw).map_err(|p| {
            if last_unended {
                AddressProblem { code: "address.truncated", ..p }
            } else {
                p
            }
        })?;
        parse(n, &text, last_unended)
    })
}

/// Parses every line of a file, handing each record and the first [`MAX_PROBLEMS`] problems on;
/// an empty file is a problem. Returns how many problems there were.
fn each<T>(
    bytes: &[u8],
    parse: fn(usize, &str, bool) -> Result<T, AddressProblem>,
    mut record: impl FnMut(T),
    problem_of: &mut dyn FnMut(AddressProblem),
) -> usize {
    let (mut records_seen, mut problems) = (0usize, 0usize);
    for r in records(bytes, parse) {
        match r {
            Ok(r) => {
                records_seen += 1;
                record(r);
            }
            Err(p) => {
                problems += 1;
                if problems <= MAX_PROBLEMS {
                    problem_of(p);
                }
            }
        }
    }
    if records_seen == 0 && problems == 0 {
        problem_of(problem("address.empty", 1, None, "no records"));
        problems = 1;
    }
    problems
}

#[cfg(test)]
mod tests;
