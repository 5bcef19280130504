//! An uploaded workbook's size, checked before calamine sees it.
//!
//! An .xlsx is a zip of XML. A tiny file can unpack to gigabytes (a zip bomb), and calamine lays a
//! sheet out as a dense grid from its first to its last cell, so two cells at `A1` and
//! `XFD1048576` ask for 512 GiB. Before a workbook is opened, every zip entry is unpacked with a
//! cap on its real size (the sizes a zip declares can lie), and every sheet's cells are counted
//! out of its XML (`<row r=…>`, `<c r=…>`, and the positions of cells that name none), so the
//! grid calamine will build is known. Anything past the limits is refused with a located problem.
//!
//! An .xls is a compound file (OLE) holding a `Workbook` stream of BIFF records. calamine parses
//! every sheet when it opens one, reserving the cells a sheet's DIMENSIONS record claims and laying
//! out the grid its cells span, so a few bytes can ask for gigabytes. [`xls`] reads the stream
//! with `cfb`, walks the records as calamine will (from each sheet's position to its EOF), checks
//! the claimed and the real extent of every sheet against the same limits, and hands calamine a
//! compound file it rebuilt around exactly the bytes it checked (so a container that two readers
//! would read differently cannot pass).

use crate::publish::Problem;
use std::io::Read;

/// Entries in the zip.
pub const MAX_ENTRIES: usize = 2_000;
/// Bytes one entry may unpack to.
pub const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;
/// Bytes the whole workbook may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;
/// Rows of a sheet (a form of a thousand questions has a thousand rows).
pub const MAX_ROWS: u64 = 20_000;
/// Columns of a sheet (every language's label, hint and media columns fit many times over).
pub const MAX_COLUMNS: u64 = 500;
/// Cells of the grid calamine builds for a sheet (rows × columns).
pub const MAX_CELLS: u64 = 2_000_000;

fn too_large(detail: String) -> Vec<Problem> {
    vec![Problem::new("upload.too-large", detail)]
}

/// Checks a workbook's zip and sheets against the limits; a refusal says which entry or cell.
pub fn check(bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let not_xlsx = || vec![Problem::new("xlsform.not-xlsx", "the file is not an .xlsx workbook")];
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_large(format!("{} files inside the workbook (at most {MAX_ENTRIES})", zip.len())));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| not_xlsx())?;
        let name = entry.name().to_owned();
        let mut data = Vec::new();
        let read = (&mut entry).take(MAX_ENTRY_BYTES + 1).read_to_end(&mut data).map_err(|_| not_xlsx())?;
        if read as u64 > MAX_ENTRY_BYTES {
            return Err(too_large(format!("{name} unpacks to more than {} MiB", MAX_ENTRY_BYTES >> 20)));
        }
        total += read as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(too_large(format!("the workbook unpacks to more than {} MiB", MAX_TOTAL_BYTES >> 20)));
        }
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            grid(&data).map_err(|d| too_large(format!("{name}: {d}")))?;
        }
    }
    Ok(())
}

/// The first bytes of a compound file (an .xls workbook).
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the file is a compound file (an .xls, by its content rather than its name).
pub fn is_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

/// An .xls workbook checked against the limits and rebuilt around the checked `Workbook` stream.
pub fn xls(bytes: &[u8]) -> Result<Vec<u8>, Vec<Problem>> {
    let not_xls = || vec![Problem::new("xlsform.not-xlsx", "the file is not an .xlsx or .xls workbook")];
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(|_| not_xls())?;
    let name = ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n)).ok_or_else(not_xls)?;
    let mut stream = Vec::new();
    let read = file
        .open_stream(name)
        .map_err(|_| not_xls())?
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut stream)
        .map_err(|_| not_xls())?;
    if read as u64 > MAX_ENTRY_BYTES {
        return Err(too_large(format!("the workbook holds more than {} MiB", MAX_ENTRY_BYTES >> 20)));
    }
    // Each sheet starts where its BoundSheet8 record says (calamine reads every such record).
    let starts: Vec<usize> =
        Records(&stream).filter(|(t, d)| *t == 0x0085 && d.len() >= 4).map(|(_, d)| u32le(d) as usize).collect();
    for (n, start) in starts.iter().enumerate() {
        let sheet = stream.get(*start..).ok_or_else(not_xls)?;
        xls_grid(sheet).map_err(|d| too_large(format!("sheet {}: {d}", n + 1)))?;
    }
    let rebuilt = (|| -> std::io::Result<Vec<u8>> {
        // Version 3 (512-byte sectors), as Excel writes .xls and as calamine reads it.
        let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))?;
        std::io::Write::write_all(&mut out.create_stream("/Workbook")?, &stream)?;
        out.flush()?;
        Ok(out.into_inner().into_inner())
    })();
    rebuilt.map_err(|_| not_xls())
}

fn u16le(d: &[u8]) -> u16 {
    u16::from_le_bytes([d[0], d[1]])
}

fn u32le(d: &[u8]) -> u32 {
    u32::from_le_bytes([d[0], d[1], d[2], d[3]])
}

/// BIFF records as calamine's reader walks them: (type, data), until one runs past the end.
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.0;
        if s.len() < 4 {
            return None;
        }
        let len = usize::from(u16le(&s[2..]));
        let data = s.get(4..4 + len)?;
        self.0 = &s[4 + len..];
        Some((u16le(s), data))
    }
}

/// One sheet's records up to its EOF: the cells its DIMENSIONS claims (calamine reserves them)
/// and the grid its cells span (calamine lays it out), each within the limits.
fn xls_grid(sheet: &[u8]) -> Result<(), String> {
    let limits = |rows: u64, cols: u64, what: &str| {
        if rows > MAX_ROWS || cols > MAX_COLUMNS || rows.saturating_mul(cols) > MAX_CELLS {
            Err(format!("{what} {rows} rows by {cols} columns; a sheet may have at most {MAX_ROWS} rows and {MAX_COLUMNS} columns"))
        } else {
            Ok(())
        }
    };
    let (mut lo, mut hi) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    let mut cells = 0u64;
    let cell = |row: u32, col: u32, lo: &mut (u32, u32), hi: &mut (u32, u32)| {
        *lo = (lo.0.min(row), lo.1.min(col));
        *hi = (hi.0.max(row), hi.1.max(col));
    };
    for (typ, d) in Records(sheet) {
        match typ {
            0x000A => break,
            // DIMENSIONS, read as calamine reads it (BIFF8 rows are 32-bit).
            0x0200 => {
                let (rf, rl, mut cf, cl) = match d.len() {
                    10 => (
                        u32::from(u16le(d)),
                        u32::from(u16le(&d[2..])),
                        u32::from(u16le(&d[4..])),
                        u32::from(u16le(&d[6..])),
                    ),
                    14 => (u32le(d), u32le(&d[4..]), u32::from(u16le(&d[8..])), u32::from(u16le(&d[10..]))),
                    _ => continue,
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (end_row, end_col) = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
                if end_row < rf || end_col < cf {
                    return Err("its DIMENSIONS record ends before it starts".into());
                }
                limits(u64::from(end_row - rf) + 1, u64::from(end_col - cf) + 1, "it claims")?;
            }
            // Number, Label, BoolErr, RK, LabelSst, Formula: one cell at (row, column).
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 if d.len() >= 4 => {
                cell(u32::from(u16le(d)), u32::from(u16le(&d[2..])), &mut lo, &mut hi);
                cells += 1;
            }
            // MulRk: a row of cells from its first column to its last.
            0x00BD if d.len() >= 6 => {
                let (row, first, last) = (u16le(d), u16le(&d[2..]), u16le(&d[d.len() - 2..]));
                if last < first {
                    return Err("a MulRk record ends before it starts".into());
                }
                cell(u32::from(row), u32::from(first), &mut lo, &mut hi);
                cell(u32::from(row), u32::from(last), &mut lo, &mut hi);
                cells += u64::from(last - first) + 1;
            }
            _ => {}
        }
        if cells > MAX_CELLS {
            return Err(format!("more than {MAX_CELLS} cells"));
        }
    }
    if cells > 0 {
        let at = crate::xlsx::column_name(hi.1 as usize);
        limits(
            u64::from(hi.0 - lo.0) + 1,
            u64::from(hi.1 - lo.1) + 1,
            &format!("to {at}{}, its cells span", hi.0 + 1),
        )?;
    }
    Ok(())
}

/// The value of attribute `r` in a tag's text (`<c r="B7" t="s">` → `B7`).
fn attr_r(tag: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i + 3 < tag.len() {
        if tag[i].is_ascii_whitespace() && tag[i + 1] == b'r' && tag[i + 2] == b'=' {
            let quote = tag[i + 3];
            if quote == b'"' || quote == b'\'' {
                let rest = &tag[i + 4..];
                let end = rest.iter().position(|b| *b == quote)?;
                return Some(&rest[..end]);
            }
        }
        i += 1;
    }
    None
}

/// A cell reference's (column, row), 1-based: `XFD1048576` → (16384, 1048576).
fn cell_ref(r: &[u8]) -> Option<(u64, u64)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut col = 0u64;
    for b in &r[..letters] {
        col = col.checked_mul(26)?.checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))?;
    }
    let row = std::str::from_utf8(&r[letters..]).ok()?.parse().ok()?;
    Some((col, row))
}

/// The extent of a sheet's cells, as calamine will lay them out; `Err` past a limit.
fn grid(xml: &[u8]) -> Result<(u64, u64), String> {
    let (mut rows, mut cols) = (0u64, 0u64);
    let (mut row, mut col) = (0u64, 0u64);
    let mut i = 0;
    while let Some(off) = xml[i..].iter().position(|b| *b == b'<') {
        let start = i + off + 1;
        let end = xml[start..].iter().position(|b| *b == b'>').map_or(xml.len(), |e| start + e);
        let tag = &xml[start..end];
        // The local name: after an optional namespace prefix (`x:c`).
        let name_len = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
        let name = &tag[..name_len];
        let local = name.iter().rposition(|b| *b == b':').map_or(name, |p| &name[p + 1..]);
        match local {
            b"row" => {
                row = match attr_r(tag) {
                    Some(r) => std::str::from_utf8(r).ok().and_then(|r| r.parse().ok()).ok_or("a row number")?,
                    None => row + 1,
                };
                col = 0;
            }
            b"c" => {
                match attr_r(tag).and_then(cell_ref) {
                    Some((c, r)) => {
                        col = c;
                        row = row.max(r);
                    }
                    None if attr_r(tag).is_some() => return Err("a cell reference that is not one".into()),
                    None => col += 1,
                }
                rows = rows.max(row.max(1));
                cols = cols.max(col);
                if rows > MAX_ROWS || cols > MAX_COLUMNS || rows.saturating_mul(cols) > MAX_CELLS {
                    let at = format!("{}{}", crate::xlsx::column_name(col.saturating_sub(1) as usize), row.max(1));
                    return Err(format!(
                        "a cell at {at}; a sheet may have at most {MAX_ROWS} rows and {MAX_COLUMNS} columns"
                    ));
                }
            }
            _ => {}
        }
        i = end.min(xml.len());
        if i >= xml.len() {
            break;
        }
    }
    Ok((rows, cols))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn workbook(sheet_xml: &str) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/worksheets/sheet1.xml", opts).expect("entry");
        zip.write_all(sheet_xml.as_bytes()).expect("writes");
        zip.finish().expect("finishes");
        out.into_inner()
    }

    #[test]
    fn cells_are_counted_as_calamine_would_lay_them_out() {
        assert_eq!(
            grid(br#"<sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row><c/><c/></row></sheetData>"#),
            Ok((2, 3))
        );
        assert_eq!(grid(br#"<x:row r="4"><x:c r="B4"></x:c></x:row>"#), Ok((4, 2)));
        assert_eq!(grid(br#"<cols><col min="1" max="16384"/></cols>"#), Ok((0, 0)), "<col> is not a cell");
        assert_eq!(cell_ref(b"XFD1048576"), Some((16384, 1_048_576)));
        let bomb = r#"<sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row></sheetData>"#;
        let refused = check(&workbook(bomb)).expect_err("refused");
        assert_eq!(refused[0].code, "upload.too-large");
        assert!(refused[0].detail.contains("sheet1.xml") && refused[0].detail.contains("XFD1048576"), "{refused:?}");
        let positional = format!("<row r=\"30000\">{}</row>", "<c/>".repeat(3));
        assert!(check(&workbook(&positional)).is_err(), "a row far down, named by its row only");
        assert!(check(&workbook(&format!("<row>{}</row>", "<c/>".repeat(600)))).is_err(), "cells without names");
        assert!(check(&workbook(r#"<row r="2"><c r="B2"/></row>"#)).is_ok());
        assert_eq!(check(b"PK not really").map_err(|p| p[0].code), Err("xlsform.not-xlsx"));
    }

    #[test]
    fn an_entry_that_unpacks_past_the_cap_is_refused_whatever_it_declares() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", opts).expect("entry");
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..(MAX_ENTRY_BYTES >> 20) + 1 {
            zip.write_all(&chunk).expect("writes");
        }
        zip.finish().expect("finishes");
        let bytes = out.into_inner();
        assert!(bytes.len() < 200_000, "a small file: {} bytes", bytes.len());
        let refused = check(&bytes).expect_err("refused");
        assert_eq!(refused[0].code, "upload.too-large");
        assert!(refused[0].detail.contains("xl/sharedStrings.xml"), "{refused:?}");
    }

    /// A compound file holding `stream` as its Workbook, as an attacker would make one.
    fn compound(stream: &[u8]) -> Vec<u8> {
        let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .expect("creates");
        out.create_stream("/Workbook").expect("stream").write_all(stream).expect("writes");
        out.flush().expect("flushes");
        out.into_inner().into_inner()
    }

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A workbook whose one sheet holds `sheet` (records after its BOF), found by its BoundSheet8.
    fn one_sheet(sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let globals_len = bof.len() + 4 + 14 + 4;
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 6, 0]);
        bound.extend(b"survey");
        let mut stream = [bof.clone(), record(0x0085, &bound), record(0x000A, &[])].concat();
        assert_eq!(stream.len(), globals_len);
        stream.extend(bof);
        for r in sheet {
            stream.extend(r);
        }
        stream.extend(record(0x000A, &[]));
        compound(&stream)
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    /// An .xls asks calamine, when it opens, to reserve the cells its DIMENSIONS claims and to lay
    /// out the grid its cells span: a few hundred bytes that claim four billion rows, or two cells
    /// in opposite corners, are refused before calamine sees them; a real one is read as it was.
    #[test]
    fn an_xls_claiming_or_spanning_too_many_cells_is_refused_before_calamine_opens_it() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 2, 0, 0, 0]);
        let claims = xls(&one_sheet(&[record(0x0200, &dims)])).expect_err("refused");
        assert_eq!(claims[0].code, "upload.too-large");
        assert!(claims[0].detail.contains("claims 4294967295 rows"), "{claims:?}");
        let corners = xls(&one_sheet(&[number(0, 0), number(65535, 255)])).expect_err("refused");
        assert!(corners[0].detail.contains("IV65536"), "{corners:?}");
        let mut backwards = 9u32.to_le_bytes().to_vec();
        backwards.extend(3u32.to_le_bytes());
        backwards.extend([0, 0, 2, 0, 0, 0]);
        assert!(xls(&one_sheet(&[record(0x0200, &backwards)])).is_err(), "a DIMENSIONS that ends before it starts");
        assert!(xls(&one_sheet(&[number(0, 0), number(9, 3)])).is_ok(), "a small sheet");
        assert_eq!(xls(b"not a compound file").map_err(|p| p[0].code), Err("xlsform.not-xlsx"));

        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/pyxform/calculate.xls");
        let original = std::fs::read(path).expect("pyxform's calculate.xls");
        use calamine::Reader;
        let cells = |bytes: Vec<u8>| {
            let mut book: calamine::Xls<_> = calamine::Reader::new(std::io::Cursor::new(bytes)).expect("opens");
            let names = book.sheet_names();
            names.iter().map(|n| book.worksheet_range(n).expect("a sheet")).collect::<Vec<_>>()
        };
        assert_eq!(cells(xls(&original).expect("checked")), cells(original), "rebuilt, every cell as it was");
    }
}
