//! An uploaded workbook's size, checked before calamine sees it.
//!
//! An .xlsx is a zip of XML. A tiny file can unpack to gigabytes (a zip bomb), and calamine lays a
//! sheet out as a dense grid from its first to its last cell, so two cells at `A1` and
//! `XFD1048576` ask for 512 GiB. Before a workbook is opened, every zip entry is unpacked with a
//! cap on its real size (the sizes a zip declares can lie), and every sheet's cells are counted
//! out of its XML (`<row r=…>`, `<c r=…>`, and the positions of cells that name none), so the
//! grid calamine will build is known. Anything past the limits is refused with a located problem.

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
}
