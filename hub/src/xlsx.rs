//! A small .xlsx writer (sheets of text cells) for exporting forms as XLSForm spreadsheets, so an
//! admin edits the spreadsheet the hub gave her instead of starting from a blank one.
//!
//! Cells are inline strings; that is all XLSForm needs. Reading is calamine's job.

use std::io::Write;

/// One sheet: a name and rows of cells (an empty string leaves the cell empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `A`, `B` … `Z`, `AA` …: the column's letters.
pub fn column_name(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                xml.push_str(&format!(
                    r#"<c r="{}{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    column_name(c),
                    r + 1,
                    escape(cell)
                ));
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The workbook as .xlsx bytes.
pub fn write(sheets: &[Sheet]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, body: &str| -> std::io::Result<()> {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(body.as_bytes())
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        workbook.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, escape(&sheet.name)));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    put("[Content_Types].xml", &types)?;
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    )?;
    put("xl/workbook.xml", &workbook)?;
    put("xl/_rels/workbook.xml.rels", &rels)?;
    for (i, sheet) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &sheet_xml(sheet))?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

/// Reads every sheet as text (for editing a spreadsheet the hub made, e.g. in tests).
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, calamine::XlsxError> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0 as usize];
        for r in range.rows() {
            let mut row = vec![String::new(); c0 as usize];
            row.extend(r.iter().map(|c| match c {
                calamine::Data::Empty => String::new(),
                other => other.to_string(),
            }));
            rows.push(row);
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    #[test]
    fn calamine_reads_what_we_write() {
        let sheets = [
            Sheet {
                name: "survey".into(),
                rows: vec![
                    vec!["type".into(), "label::한국어 (ko)".into()],
                    vec!["text".into(), "이름 <&> \"x\"".into()],
                ],
            },
            Sheet { name: "choices".into(), rows: vec![vec!["list_name".into(), String::new(), "name".into()]] },
        ];
        let bytes = write(&sheets).expect("writes");
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
        assert_eq!(book.sheet_names(), ["survey", "choices"]);
        let survey = book.worksheet_range("survey").expect("a sheet");
        assert_eq!(survey.get_value((1, 1)), Some(&Data::String("이름 <&> \"x\"".into())));
        let choices = book.worksheet_range("choices").expect("a sheet");
        assert_eq!(choices.get_value((0, 2)), Some(&Data::String("name".into())));
        assert_eq!(read(&write(&sheets).expect("writes")).expect("reads"), sheets);
        assert_eq!([column_name(0), column_name(25), column_name(26), column_name(27)], ["A", "Z", "AA", "AB"]);
    }
}
