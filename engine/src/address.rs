//! The kiosk's road-name address book: the address sets of its asset tree indexed in SQLite (FTS5,
//! with prefix indexes) and searched as the visitor types — by road name and building number, by
//! building name, by 동 and lot number, or by initial consonants (ㅅㅈㄷㄹ).
//!
//! An index is built whole into a new file beside the old one and renamed over it when done, so a
//! kiosk searches the old addresses until the new ones are all there: nothing half-applied. The
//! addresses are public data (no personal value is ever stored here).

use crate::error::EngineError;
use minwon_core::address::{self, Building, Query, Road, Word};
use rusqlite::{params, Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Results shown at once: few and large, read aloud one by one.
pub const SHOWN: usize = 5;

/// One address found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    /// The 도로명주소관리번호: what the visitor picks.
    pub id: String,
    /// `서울특별시 종로구 세종대로 209`.
    pub road_address: String,
    /// `209 Sejong-daero, Jongno-gu, Seoul` (empty when the road code file gives no Roman name).
    pub road_address_roman: String,
    /// `서울특별시 종로구 세종로 1-68`.
    pub lot_address: String,
    pub postcode: String,
    /// The building's name, if it has one.
    pub name: String,
}

/// What a search found: at most [`SHOWN`], and whether there are more (type more to narrow).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Searched {
    pub found: Vec<Found>,
    pub more: bool,
}

/// A set to index: its name, whether it is a sample, its files by layout.
pub struct SetFiles<'a> {
    pub name: &'a str,
    pub sample: bool,
    pub road_codes: &'a [u8],
    pub addresses: Vec<&'a [u8]>,
}

/// How far an import is: lines read of lines in all.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// The index, open for searching.
pub struct AddressBook {
    conn: Connection,
}

const SCHEMA: &str = "
CREATE TABLE sets(name TEXT PRIMARY KEY, sample INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE roads(code TEXT NOT NULL, emd_seq TEXT NOT NULL, name_roman TEXT NOT NULL,
  sido_roman TEXT NOT NULL, sigungu_roman TEXT NOT NULL, PRIMARY KEY(code, emd_seq));
CREATE TABLE buildings(id TEXT NOT NULL, set_name TEXT NOT NULL, road_code TEXT NOT NULL,
  sido TEXT NOT NULL, sigungu TEXT NOT NULL, emd TEXT NOT NULL, ri TEXT NOT NULL,
  road_name TEXT NOT NULL, underground INTEGER NOT NULL, main INTEGER NOT NULL, sub INTEGER NOT NULL,
  mountain INTEGER NOT NULL, lot_main INTEGER NOT NULL, lot_sub INTEGER NOT NULL,
  postcode TEXT NOT NULL, name TEXT NOT NULL);
CREATE VIRTUAL TABLE building_words USING fts5(words, content='', prefix='1 2 3', tokenize='unicode61');
";

impl AddressBook {
    /// Opens the index at `path` for searching (read-only); `None` if none was built yet.
    pub fn open(path: &Path) -> Result<Option<AddressBook>, EngineError> {
        if !path.exists() {
            return Ok(None);
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(EngineError::AddressIndex)?;
        Ok(Some(AddressBook { conn }))
    }

    /// The digest each set was indexed from, by set name: an index to rebuild has other digests.
    pub fn digests(&self) -> Result<HashMap<String, String>, EngineError> {
        let mut st = self.conn.prepare("SELECT name, digest FROM sets").map_err(EngineError::AddressIndex)?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(EngineError::AddressIndex)?;
        rows.collect::<Result<_, _>>().map_err(EngineError::AddressIndex)
    }

    /// Whether any set indexed is a sample (the visitor is told the addresses are not real).
    pub fn is_sample(&self) -> Result<bool, EngineError> {
        self.conn
            .query_row("SELECT EXISTS(SELECT 1 FROM sets WHERE sample = 1)", [], |r| r.get(0))
            .map_err(EngineError::AddressIndex)
    }

    /// The index of the address sets of the tree at `root` (`sets`: their names and whether each
    /// is a sample, as the tree's check found them), at `path`: the one there if it was built from
    /// the same files, else built again from them. `None` when the tree has no address set.
    pub fn for_tree(path: &Path, root: &Path, sets: &[(String, bool)]) -> Result<Option<AddressBook>, EngineError> {
        if sets.is_empty() {
            return Ok(None);
        }
        let read =
            |p: &Path| std::fs::read(p).map_err(|e| EngineError::Assets(format!("{}: {}", p.display(), e.kind())));
        // (name, sample, 도로명코드 file, 도로명주소 files, digest)
        type Read = (String, bool, Vec<u8>, Vec<Vec<u8>>, String);
        let mut files: Vec<Read> = Vec::new();
        for (name, sample) in sets {
            let dir = root.join("assets/address").join(name);
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| EngineError::Assets(format!("{}: {}", dir.display(), e.kind())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            let mut digest = Sha256::new();
            let (mut codes, mut addresses) = (Vec::new(), Vec::new());
            for p in entries {
                let file = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let bytes = read(&p)?;
                digest.update(file.as_bytes());
                digest.update((bytes.len() as u64).to_le_bytes());
                digest.update(&bytes);
                match address::layout_of(&file) {
                    Ok(address::Layout::RoadCode) => codes = bytes,
                    Ok(address::Layout::RoadAddress) => addresses.push(bytes),
                    // The manifest; anything else the tree's check has refused already.
                    Err(_) => {}
                }
            }
            let hex: String = digest.finalize().iter().map(|b| format!("{b:02x}")).collect();
            files.push((name.clone(), *sample, codes, addresses, hex));
        }
        let wanted: HashMap<String, String> = files.iter().map(|f| (f.0.clone(), f.4.clone())).collect();
        if let Some(book) = AddressBook::open(path)? {
            if book.digests().ok().as_ref() == Some(&wanted) {
                return Ok(Some(book));
            }
        }
        let sets: Vec<SetFiles<'_>> = files
            .iter()
            .map(|(name, sample, codes, addresses, _)| SetFiles {
                name,
                sample: *sample,
                road_codes: codes,
                addresses: addresses.iter().map(Vec::as_slice).collect(),
            })
            .collect();
        AddressBook::build(path, &sets, &|name| wanted.get(name).cloned().unwrap_or_default(), &mut |_, _| {})?;
        AddressBook::open(path)
    }

    /// Builds the index of `sets` into `path`: written whole to `path.new`, then renamed over
    /// `path`. A line of a file that does not read stops it, located (`address.invalid`), and
    /// leaves `path` as it was.
    pub fn build(
        path: &Path,
        sets: &[SetFiles<'_>],
        digest: &dyn Fn(&str) -> String,
        progress: Progress<'_>,
    ) -> Result<(), EngineError> {
        let fresh = PathBuf::from(format!("{}.new", path.display()));
        let _ = std::fs::remove_file(&fresh);
        let mut conn = Connection::open(&fresh).map_err(EngineError::AddressIndex)?;
        let built = (|| -> Result<(), EngineError> {
            conn.execute_batch(SCHEMA).map_err(EngineError::AddressIndex)?;
            let tx = conn.transaction().map_err(EngineError::AddressIndex)?;
            let total: usize = sets
                .iter()
                .map(|s| count_lines(s.road_codes) + s.addresses.iter().map(|a| count_lines(a)).sum::<usize>())
                .sum();
            let mut ticker = Ticker { done: 0, total, progress };
            for set in sets {
                tx.execute(
                    "INSERT INTO sets(name, sample, digest) VALUES (?1, ?2, ?3)",
                    params![set.name, set.sample, digest(set.name)],
                )
                .map_err(EngineError::AddressIndex)?;
                let roman = insert_roads(&tx, set, &mut ticker)?;
                for (i, file) in set.addresses.iter().enumerate() {
                    insert_buildings(&tx, set.name, i, file, &roman, &mut ticker)?;
                }
            }
            tx.commit().map_err(EngineError::AddressIndex)?;
            // One segment to search: the index merged once, after the writing.
            conn.execute("INSERT INTO building_words(building_words) VALUES ('optimize')", [])
                .map_err(EngineError::AddressIndex)?;
            Ok(())
        })();
        drop(conn);
        match built {
            Ok(()) => {
                std::fs::rename(&fresh, path).map_err(|e| EngineError::Assets(format!("address index: {}", e.kind())))
            }
            Err(e) => {
                let _ = std::fs::remove_file(&fresh);
                Err(e)
            }
        }
    }

    /// What the visitor typed so far, searched: names and initials as prefixes, all of them; a
    /// number as the building's number first, then as the lot's. A last syllable still being
    /// typed (a lone consonant after it, 세종ㄷ) searches the whole syllables before it.
    pub fn search(&self, typed: &str) -> Result<Searched, EngineError> {
        let q = Query::parse(&settled(typed));
        let terms: Vec<String> = q
            .words
            .iter()
            .map(|w| match w {
                Word::Name(n) | Word::Initials(n) => format!("\"{}\"*", n.replace('"', "\"\"")),
            })
            .collect();
        if terms.is_empty() {
            return Ok(Searched::default());
        }
        let matching = terms.join(" AND ");
        let want = SHOWN + 1;
        let mut found = Vec::new();
        let sql = "SELECT b.id, b.sido, b.sigungu, b.emd, b.ri, b.road_name, b.underground, b.main, b.sub, b.mountain,
                          b.lot_main, b.lot_sub, b.postcode, b.name, r.name_roman, r.sido_roman, r.sigungu_roman
                   FROM building_words JOIN buildings b ON b.rowid = building_words.rowid
                   LEFT JOIN roads r ON r.code = b.road_code AND r.emd_seq = '00'
                   WHERE building_words MATCH ?1 ORDER BY building_words.rowid LIMIT ?2";
        let run = |found: &mut Vec<Found>, matching: &str| -> Result<(), EngineError> {
            let mut st = self.conn.prepare_cached(sql).map_err(EngineError::AddressIndex)?;
            let limit = (want - found.len()) as i64;
            let rows = st.query_map(params![matching, limit], row).map_err(EngineError::AddressIndex)?;
            for f in rows {
                let f = f.map_err(EngineError::AddressIndex)?;
                if !found.iter().any(|g| g.id == f.id) {
                    found.push(f);
                }
            }
            Ok(())
        };
        match q.number {
            None => run(&mut found, &matching)?,
            Some(number) => {
                // The building's number first, then the lot's (on a mountain with 산).
                run(&mut found, &format!("{matching} AND {}", number_token('n', number)))?;
                if found.len() < want {
                    run(
                        &mut found,
                        &format!("{matching} AND {}", number_token(if q.mountain { 'm' } else { 'l' }, number)),
                    )?;
                }
            }
        }
        let more = found.len() > SHOWN;
        found.truncate(SHOWN);
        Ok(Searched { found, more })
    }
}

/// The typed text without a syllable still being typed: a lone jamo at the end of the last word
/// (세종ㄷ → 세종), unless the word is all initials (ㅅㅈ is a search by initials).
fn settled(typed: &str) -> String {
    let trimmed = typed.trim_end();
    let last = trimmed.rsplit(' ').next().unwrap_or("");
    if address::is_initials(last) || last.is_empty() {
        return trimmed.to_owned();
    }
    let keep = last.trim_end_matches(|c: char| ('\u{3131}'..='\u{318E}').contains(&c));
    format!("{}{keep}", &trimmed[..trimmed.len() - last.len()])
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Found> {
    let b = Building {
        id: r.get(0)?,
        legal_dong: String::new(),
        sido: r.get(1)?,
        sigungu: r.get(2)?,
        emd: r.get(3)?,
        ri: r.get(4)?,
        road_name: r.get(5)?,
        underground: r.get(6)?,
        main: r.get(7)?,
        sub: r.get(8)?,
        mountain: r.get(9)?,
        lot_main: r.get(10)?,
        lot_sub: r.get(11)?,
        postcode: r.get(12)?,
        name: r.get(13)?,
        road_code: String::new(),
    };
    let (road_r, sido_r, sigungu_r): (Option<String>, Option<String>, Option<String>) =
        (r.get(14)?, r.get(15)?, r.get(16)?);
    let roman = match (road_r, sido_r, sigungu_r) {
        (Some(road), Some(sido), Some(sigungu)) if !road.is_empty() => {
            [format!("{} {road}", b.number_roman()), sigungu, sido]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ => String::new(),
    };
    Ok(Found {
        road_address: b.road_address(),
        lot_address: b.lot_address(),
        road_address_roman: roman,
        postcode: b.postcode.clone(),
        name: b.name.clone(),
        id: b.id,
    })
}

fn count_lines(bytes: &[u8]) -> usize {
    address::lines(bytes).count()
}

fn located(set: &str, file: &str, p: &address::AddressProblem) -> EngineError {
    EngineError::Address(format!("{set}/{file}: {p}"))
}

/// Lines read between progress reports.
const STEP: usize = 10_000;

/// The set's roads into the index; returns each road's Roman name by its code, for its buildings.
fn insert_roads(
    tx: &rusqlite::Transaction<'_>,
    set: &SetFiles<'_>,
    ticker: &mut Ticker<'_>,
) -> Result<HashMap<String, String>, EngineError> {
    let mut roman = HashMap::new();
    let mut st = tx
        .prepare("INSERT OR REPLACE INTO roads(code, emd_seq, name_roman, sido_roman, sigungu_roman) VALUES (?1, ?2, ?3, ?4, ?5)")
        .map_err(EngineError::AddressIndex)?;
    for r in address::records(set.road_codes, address::road_code) {
        let r: Road = r.map_err(|p| located(set.name, "road_code", &p))?;
        st.execute(params![r.code, r.emd_seq, r.name_roman, r.sido_roman, r.sigungu_roman])
            .map_err(EngineError::AddressIndex)?;
        roman.entry(r.code).or_insert(r.name_roman);
        ticker.tick();
    }
    Ok(roman)
}

fn insert_buildings(
    tx: &rusqlite::Transaction<'_>,
    set: &str,
    file: usize,
    bytes: &[u8],
    roman: &HashMap<String, String>,
    ticker: &mut Ticker<'_>,
) -> Result<(), EngineError> {
    let mut st = tx
        .prepare(
            "INSERT INTO buildings(id, set_name, road_code, sido, sigungu, emd, ri, road_name, underground, main, sub,
               mountain, lot_main, lot_sub, postcode, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )
        .map_err(EngineError::AddressIndex)?;
    let mut words =
        tx.prepare("INSERT INTO building_words(rowid, words) VALUES (?1, ?2)").map_err(EngineError::AddressIndex)?;
    let name = format!("rnaddrkor #{}", file + 1);
    for b in address::records(bytes, address::road_address) {
        let b = b.map_err(|p| located(set, &name, &p))?;
        st.execute(params![
            b.id,
            set,
            b.road_code,
            b.sido,
            b.sigungu,
            b.emd,
            b.ri,
            b.road_name,
            b.underground,
            b.main,
            b.sub,
            b.mountain,
            b.lot_main,
            b.lot_sub,
            b.postcode,
            b.name
        ])
        .map_err(EngineError::AddressIndex)?;
        let rowid = tx.last_insert_rowid();
        let road_roman = roman.get(&b.road_code).map_or("", String::as_str);
        words.execute(params![rowid, words_of(&b, road_roman)]).map_err(EngineError::AddressIndex)?;
        ticker.tick();
    }
    Ok(())
}

/// A number as the index holds it: `n209` a building's number, `n209s3` with its sub-number;
/// `l68`/`l1s68` a lot's, `m12` a mountain lot's. One token each, so a number narrows a search
/// as fast as a word does.
fn number_token(kind: char, (main, sub): (u32, Option<u32>)) -> String {
    match sub {
        Some(s) => format!("{kind}{main}s{s}"),
        None => format!("{kind}{main}"),
    }
}

/// What a building is found by: its road, its name, its 동 and 리, its 시군구, each also by its
/// initial consonants; its road's Roman name (Sejong-daero: `sejong`, `daero`); and its numbers
/// (see [`number_token`]).
fn words_of(b: &Building, road_roman: &str) -> String {
    let lot = if b.mountain { 'm' } else { 'l' };
    let mut out = format!(
        "{} {} {} {} ",
        number_token('n', (b.main, None)),
        number_token('n', (b.main, Some(b.sub))),
        number_token(lot, (b.lot_main, None)),
        number_token(lot, (b.lot_main, Some(b.lot_sub)))
    );
    out.push_str(road_roman);
    out.push(' ');
    for part in [&b.road_name, &b.name, &b.emd, &b.ri, &b.sigungu] {
        if part.is_empty() {
            continue;
        }
        out.push_str(part);
        out.push(' ');
        out.push_str(&address::initials(part));
        out.push(' ');
    }
    out
}

/// Lines read so far of all, reported every [`STEP`] lines and at the end.
struct Ticker<'a> {
    done: usize,
    total: usize,
    progress: Progress<'a>,
}

impl Ticker<'_> {
    fn tick(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(STEP) || self.done == self.total {
            (self.progress)(self.done, self.total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syllable_being_typed_is_left_out() {
        for (typed, want) in [
            ("세종ㄷ", "세종"),
            ("세종대로 ", "세종대로"),
            ("ㅅㅈ", "ㅅㅈ"),
            ("종로 ㅅ", "종로 ㅅ"),
            ("세", "세"),
            ("ㅅ", "ㅅ"),
        ] {
            assert_eq!(settled(typed), want, "{typed:?}");
        }
    }
}
