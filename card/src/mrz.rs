//! The machine-readable zone (ICAO 9303 parts 4–6): TD1 (ID cards), TD2, TD3 (passports).
//!
//! Parses what DG1 holds and what a visitor types for BAC, checks every check
//! digit, and says which one failed. Dates stay `YYMMDD`: the century needs
//! today's date, which only the engine has.

use crate::error::CardError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzFormat {
    Td1,
    Td2,
    Td3,
}

/// What an MRZ says. `Debug` hides the personal fields.
#[derive(Clone, PartialEq, Eq)]
pub struct Mrz {
    pub format: MrzFormat,
    pub document_code: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    /// `YYMMDD`
    pub birth_date: String,
    /// `M`, `F` or `<` (unspecified)
    pub sex: char,
    /// `YYMMDD`
    pub expiry: String,
    pub optional_data: String,
}

impl std::fmt::Debug for Mrz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mrz({:?}, {})", self.format, self.document_code)
    }
}

/// The ICAO check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, `<` as 0.
pub fn check_digit(s: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in s.chars().enumerate() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += v * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8)
}

fn verify(field: &'static str, data: &str, digit: char) -> Result<(), CardError> {
    let want = check_digit(data).ok_or(CardError::Mrz { field, problem: "character" })?;
    // An all-filler field may carry `<` as its check digit.
    if digit == '<' && data.chars().all(|c| c == '<') {
        return Ok(());
    }
    if digit.to_digit(10) != Some(u32::from(want)) {
        return Err(CardError::Mrz { field, problem: "check digit" });
    }
    Ok(())
}

fn clean(s: &str) -> String {
    s.trim_end_matches('<').replace('<', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn names(s: &str) -> (String, String) {
    match s.split_once("<<") {
        Some((sur, given)) => (clean(sur), clean(given)),
        None => (clean(s), String::new()),
    }
}

fn date(field: &'static str, s: &str) -> Result<String, CardError> {
    let ok = s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) && {
        let m: u32 = s[2..4].parse().unwrap_or(0);
        let d: u32 = s[4..6].parse().unwrap_or(0);
        (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    if ok {
        Ok(s.to_owned())
    } else {
        Err(CardError::Mrz { field, problem: "date" })
    }
}

impl Mrz {
    /// Parses the MRZ text: lines separated by newlines, or run together.
    pub fn parse(text: &str) -> Result<Mrz, CardError> {
        let all: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if !all.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<') {
            return Err(CardError::Mrz { field: "mrz", problem: "character" });
        }
        match all.len() {
            90 => Self::td1(&all[0..30], &all[30..60], &all[60..90]),
            72 => Self::td2_td3(MrzFormat::Td2, &all[0..36], &all[36..72]),
            88 => Self::td2_td3(MrzFormat::Td3, &all[0..44], &all[44..88]),
            _ => Err(CardError::Mrz { field: "mrz", problem: "length" }),
        }
    }

    fn td1(l1: &str, l2: &str, l3: &str) -> Result<Mrz, CardError> {
        let (mut number, mut optional) = (l1[5..14].to_owned(), l1[15..30].to_owned());
        if &l1[14..15] == "<" && !optional.starts_with('<') {
            // A number longer than 9: it goes on in the optional data, ending with its check digit.
            let ext = optional.split('<').next().unwrap_or_default().to_owned();
            let (rest, digit) = ext.split_at(ext.len().saturating_sub(1));
            number.push_str(rest);
            verify("document_number", &number, digit.chars().next().unwrap_or('<'))?;
            optional = optional[ext.len()..].to_owned();
        } else {
            verify("document_number", &number, l1.as_bytes()[14] as char)?;
        }
        verify("birth_date", &l2[0..6], l2.as_bytes()[6] as char)?;
        verify("expiry", &l2[8..14], l2.as_bytes()[14] as char)?;
        let composite = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
        verify("composite", &composite, l2.as_bytes()[29] as char)?;
        let (surname, given_names) = names(l3);
        Ok(Mrz {
            format: MrzFormat::Td1,
            document_code: clean(&l1[0..2]),
            issuing_state: clean(&l1[2..5]),
            surname,
            given_names,
            document_number: clean(&number),
            nationality: clean(&l2[15..18]),
            birth_date: date("birth_date", &l2[0..6])?,
            sex: l2.as_bytes()[7] as char,
            expiry: date("expiry", &l2[8..14])?,
            optional_data: clean(&format!("{optional}{}", &l2[18..29])),
        })
    }

    fn td2_td3(format: MrzFormat, l1: &str, l2: &str) -> Result<Mrz, CardError> {
        let end = l2.len() - 1; // composite check digit
        verify("document_number", &l2[0..9], l2.as_bytes()[9] as char)?;
        verify("birth_date", &l2[13..19], l2.as_bytes()[19] as char)?;
        verify("expiry", &l2[21..27], l2.as_bytes()[27] as char)?;
        let optional_end = if format == MrzFormat::Td3 {
            verify("optional_data", &l2[28..42], l2.as_bytes()[42] as char)?;
            42
        } else {
            end
        };
        let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..end]);
        verify("composite", &composite, l2.as_bytes()[end] as char)?;
        let (surname, given_names) = names(&l1[5..]);
        Ok(Mrz {
            format,
            document_code: clean(&l1[0..2]),
            issuing_state: clean(&l1[2..5]),
            surname,
            given_names,
            document_number: clean(&l2[0..9]),
            nationality: clean(&l2[10..13]),
            birth_date: date("birth_date", &l2[13..19])?,
            sex: l2.as_bytes()[20] as char,
            expiry: date("expiry", &l2[21..27])?,
            optional_data: clean(&l2[28..optional_end]),
        })
    }

    /// Writes the two TD3 lines (passports), computing every check digit.
    pub fn to_td3(&self) -> String {
        let field = |s: &str, n: usize| {
            let mut f: String = s.replace(' ', "<").chars().take(n).collect();
            while f.len() < n {
                f.push('<');
            }
            f
        };
        let cd = |s: &str| check_digit(s).map_or('<', |d| char::from(b'0' + d));
        let name = field(&format!("{}<<{}", self.surname, self.given_names), 39);
        let l1 = format!("{}{}{name}", field(&self.document_code, 2), field(&self.issuing_state, 3));
        let number = field(&self.document_number, 9);
        let optional = field(&self.optional_data, 14);
        let optional_cd = if optional.chars().all(|c| c == '<') { '<' } else { cd(&optional) };
        let (birth, expiry) = (&self.birth_date, &self.expiry);
        let body = format!(
            "{number}{}{}{birth}{}{}{expiry}{}{optional}{optional_cd}",
            cd(&number),
            field(&self.nationality, 3),
            cd(birth),
            self.sex,
            cd(expiry)
        );
        let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        format!("{l1}\n{body}{}", cd(&composite))
    }

    pub fn access_key(&self) -> MrzKey {
        MrzKey {
            document_number: self.document_number.clone(),
            birth_date: self.birth_date.clone(),
            expiry: self.expiry.clone(),
        }
    }
}

/// What BAC (and PACE with the MRZ) derive their key from: the document number, birth and expiry dates.
#[derive(Clone, PartialEq, Eq)]
pub struct MrzKey {
    pub document_number: String,
    /// `YYMMDD`
    pub birth_date: String,
    /// `YYMMDD`
    pub expiry: String,
}

impl std::fmt::Debug for MrzKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MrzKey(..)")
    }
}

impl MrzKey {
    /// Checks what a visitor typed (or a reader scanned) before any APDU is sent.
    pub fn new(document_number: &str, birth_date: &str, expiry: &str) -> Result<MrzKey, CardError> {
        let number: String = document_number.trim().to_ascii_uppercase().replace([' ', '-'], "");
        if number.is_empty() || number.len() > 22 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(CardError::Mrz { field: "document_number", problem: "character" });
        }
        Ok(MrzKey {
            document_number: number,
            birth_date: date("birth_date", birth_date)?,
            expiry: date("expiry", expiry)?,
        })
    }

    /// The MRZ information BAC hashes: number (padded to 9) + check digit, birth + check digit, expiry + check digit.
    pub fn mrz_information(&self) -> String {
        let mut number = self.document_number.clone();
        while number.len() < 9 {
            number.push('<');
        }
        let cd = |s: &str| check_digit(s).map_or('0', |d| char::from(b'0' + d));
        format!("{number}{}{}{}{}{}", cd(&number), self.birth_date, cd(&self.birth_date), self.expiry, cd(&self.expiry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The specimens of ICAO 9303 parts 4 and 5.
    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6";

    #[test]
    fn parses_the_icao_specimens() {
        let p = Mrz::parse(TD3).expect("TD3 specimen");
        assert_eq!(p.format, MrzFormat::Td3);
        assert_eq!((p.surname.as_str(), p.given_names.as_str()), ("ERIKSSON", "ANNA MARIA"));
        assert_eq!(p.document_number, "L898902C3");
        assert_eq!((p.birth_date.as_str(), p.expiry.as_str(), p.sex), ("740812", "120415", 'F'));
        assert_eq!(p.optional_data, "ZE184226B");
        let i = Mrz::parse(TD1).expect("TD1 specimen");
        assert_eq!(
            (i.format, i.document_number.as_str(), i.nationality.as_str()),
            (MrzFormat::Td1, "D23145890", "UTO")
        );
        let t = Mrz::parse(TD2).expect("TD2 specimen");
        assert_eq!((t.format, t.given_names.as_str()), (MrzFormat::Td2, "ANNA MARIA"));
    }

    #[test]
    fn names_the_check_digit_that_failed() {
        let cases = [
            (TD3.replace("L898902C36", "L898902C46"), "document_number"),
            (TD3.replace("7408122", "7408123"), "birth_date"),
            (TD3.replace("1204159", "1204158"), "expiry"),
            (TD3.replace("B<<<<<10", "B<<<<<11"), "composite"),
            (TD3.replace("7408122", "7413122"), "birth_date"),
        ];
        for (text, field) in cases {
            match Mrz::parse(&text) {
                Err(CardError::Mrz { field: f, .. }) => assert_eq!(f, field, "{text}"),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert!(matches!(Mrz::parse("P<UTO"), Err(CardError::Mrz { problem: "length", .. })));
        assert!(matches!(Mrz::parse(&TD3.replace('E', "é")), Err(CardError::Mrz { problem: "character", .. })));
    }

    #[test]
    fn writes_what_it_reads() {
        let p = Mrz::parse(TD3).expect("TD3 specimen");
        assert_eq!(p.to_td3(), TD3);
    }

    #[test]
    fn bac_mrz_information_as_in_part_11() {
        // Appendix D.2: document L898902C<, born 690806, expires 940623.
        let key = MrzKey::new("L898902C", "690806", "940623").expect("valid");
        assert_eq!(key.mrz_information(), "L898902C<369080619406236");
        assert!(MrzKey::new("L89 8902C", "691306", "940623").is_err());
        assert!(MrzKey::new("", "690806", "940623").is_err());
    }
}
