//! Answers and their validation: what a visitor entered, normalised, or why not.
//!
//! A mistake is a [`FieldError`] value with a stable [`ErrorCode`]; the UI
//! shows (and later speaks) the Fluent message `errors-field-<code>`.

use crate::form::{DateRange, Field, FieldKind, KoreanCheck};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A visitor's answer to one field. The JSON shape is what the UI sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Text, number, date (`YYYY-MM-DD`), phone, single choice, photo (`at-counter` or `document`).
    Text(String),
    Consent(bool),
    Choices(Vec<String>),
    Address(Address),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub postcode: String,
    pub line1: String,
    #[serde(default)]
    pub line2: String,
}

/// Stable codes of the mistakes a visitor can make in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    Required,
    TooShort,
    TooLong,
    Pattern,
    NotANumber,
    TooSmall,
    TooLarge,
    InvalidDate,
    DateInFuture,
    DateInPast,
    /// Not a valid resident registration number (the date or the check digit is wrong).
    ResidentNumber,
    /// A resident registration number has 13 digits; fewer or more were typed.
    ResidentNumberLength,
    Mobile,
    Phone,
    Postcode,
    UnknownChoice,
    ConsentRequired,
    WrongShape,
    /// A card access number is six digits.
    Can,
    /// The form's own constraint refused it; the field's `.constraint` text says why.
    Constraint,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooShort => "too-short",
            ErrorCode::TooLong => "too-long",
            ErrorCode::Pattern => "pattern",
            ErrorCode::NotANumber => "not-a-number",
            ErrorCode::TooSmall => "too-small",
            ErrorCode::TooLarge => "too-large",
            ErrorCode::InvalidDate => "invalid-date",
            ErrorCode::DateInFuture => "date-in-future",
            ErrorCode::DateInPast => "date-in-past",
            ErrorCode::ResidentNumber => "resident-number",
            ErrorCode::ResidentNumberLength => "resident-number-length",
            ErrorCode::Mobile => "mobile",
            ErrorCode::Phone => "phone",
            ErrorCode::Postcode => "postcode",
            ErrorCode::UnknownChoice => "unknown-choice",
            ErrorCode::ConsentRequired => "consent-required",
            ErrorCode::WrongShape => "wrong-shape",
            ErrorCode::Can => "can",
            ErrorCode::Constraint => "constraint",
        }
    }

    pub const ALL: [ErrorCode; 20] = [
        ErrorCode::Constraint,
        ErrorCode::Can,
        ErrorCode::Required,
        ErrorCode::TooShort,
        ErrorCode::TooLong,
        ErrorCode::Pattern,
        ErrorCode::NotANumber,
        ErrorCode::TooSmall,
        ErrorCode::TooLarge,
        ErrorCode::InvalidDate,
        ErrorCode::DateInFuture,
        ErrorCode::DateInPast,
        ErrorCode::ResidentNumber,
        ErrorCode::ResidentNumberLength,
        ErrorCode::Mobile,
        ErrorCode::Phone,
        ErrorCode::Postcode,
        ErrorCode::UnknownChoice,
        ErrorCode::ConsentRequired,
        ErrorCode::WrongShape,
    ];

    /// The Fluent message that explains this mistake to the visitor.
    pub fn fluent_id(self) -> String {
        format!("errors-field-{}", self.as_str())
    }
}

/// Why a field's answer was not accepted. `limit` fills `{ $limit }` in the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub code: ErrorCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl FieldError {
    fn new(code: ErrorCode) -> Self {
        FieldError { code, limit: None }
    }
    fn limit(code: ErrorCode, limit: i64) -> Self {
        FieldError { code, limit: Some(limit) }
    }
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also accepting `YYYYMMDD` and `YYYY.MM.DD` as people write them.
    pub fn parse(s: &str) -> Option<Date> {
        let digits: String = s.chars().filter(|c| !matches!(c, '-' | '.' | '/' | ' ')).collect();
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Date::new(digits[0..4].parse().ok()?, digits[4..6].parse().ok()?, digits[6..8].parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil algorithm).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil-from-days algorithm.
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// What validation needs to know about the world: passed in, never read.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub today: Date,
}

/// Checks one field's answer; returns the normalised answer (or `None` for an allowed blank).
pub fn validate(field: &Field, answer: Option<&Answer>, ctx: &Context) -> Result<Option<Answer>, FieldError> {
    let blank = match answer {
        None => true,
        Some(Answer::Text(t)) => t.trim().is_empty(),
        Some(Answer::Choices(c)) => c.is_empty(),
        Some(Answer::Consent(c)) => !c && field.kind == FieldKind::Consent,
        Some(Answer::Address(a)) => {
            a.postcode.trim().is_empty() && a.line1.trim().is_empty() && a.line2.trim().is_empty()
        }
    };
    if !field.kind.is_asked() {
        return Ok(None);
    }
    if blank {
        return match (field.required, field.kind) {
            (true, FieldKind::Consent) => Err(FieldError::new(ErrorCode::ConsentRequired)),
            (true, _) => Err(FieldError::new(ErrorCode::Required)),
            (false, FieldKind::Consent) => Ok(Some(Answer::Consent(false))),
            (false, _) => Ok(None),
        };
    }
    let answer = answer.expect("blank answers returned above"); // invariant: None is blank
    let shape = || FieldError::new(ErrorCode::WrongShape);
    let normalised = match (field.kind, answer) {
        (FieldKind::Text, Answer::Text(t)) => Answer::Text(text(field, t)?),
        (FieldKind::Number, Answer::Text(t)) => Answer::Text(number(field, t)?),
        (FieldKind::Date, Answer::Text(t)) => Answer::Text(date(field, t, ctx)?),
        (FieldKind::Phone, Answer::Text(t)) => Answer::Text(phone(field, t)?),
        (FieldKind::SingleChoice, Answer::Text(c)) => {
            if !field.choices.contains(c) {
                return Err(FieldError::new(ErrorCode::UnknownChoice));
            }
            Answer::Text(c.clone())
        }
        (FieldKind::MultipleChoice, Answer::Choices(cs)) => {
            if cs.iter().any(|c| !field.choices.contains(c)) {
                return Err(FieldError::new(ErrorCode::UnknownChoice));
            }
            // Keep the form's order and drop repeats, so the same choices always compare equal.
            Answer::Choices(field.choices.iter().filter(|c| cs.contains(c)).cloned().collect())
        }
        (FieldKind::Consent, Answer::Consent(c)) => Answer::Consent(*c),
        (FieldKind::Address, Answer::Address(a)) => Answer::Address(address(a)?),
        (FieldKind::Photo, Answer::Text(p)) if p == "at-counter" || p == "document" => Answer::Text(p.clone()),
        _ => return Err(shape()),
    };
    Ok(Some(normalised))
}

fn length_rules(field: &Field, s: &str) -> Result<(), FieldError> {
    let n = s.chars().count() as i64;
    if let Some(min) = field.min_length {
        if n < i64::from(min) {
            return Err(FieldError::limit(ErrorCode::TooShort, min.into()));
        }
    }
    if let Some(max) = field.max_length {
        if n > i64::from(max) {
            return Err(FieldError::limit(ErrorCode::TooLong, max.into()));
        }
    }
    Ok(())
}

fn text(field: &Field, t: &str) -> Result<String, FieldError> {
    let t = t.trim();
    // Collapse runs of spaces: "홍  길동" and "홍 길동" are the same name.
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    match field.check {
        Some(KoreanCheck::ResidentNumber) => return resident_number(&t),
        Some(KoreanCheck::Postcode) => return postcode(&t),
        Some(KoreanCheck::Mobile) => return mobile(&t),
        None => {}
    }
    length_rules(field, &t)?;
    if let Some(p) = &field.pattern {
        // invariant: Form::check compiled every pattern when the form was loaded.
        let re = regex_lite::Regex::new(&format!("^(?:{p})$")).expect("pattern checked at load");
        if !re.is_match(&t) {
            return Err(FieldError::new(ErrorCode::Pattern));
        }
    }
    Ok(t)
}

fn number(field: &Field, t: &str) -> Result<String, FieldError> {
    let cleaned: String = t.trim().chars().filter(|c| *c != ',').collect();
    let n: i64 = cleaned.parse().map_err(|_| FieldError::new(ErrorCode::NotANumber))?;
    if let Some(min) = field.min {
        if n < min {
            return Err(FieldError::limit(ErrorCode::TooSmall, min));
        }
    }
    if let Some(max) = field.max {
        if n > max {
            return Err(FieldError::limit(ErrorCode::TooLarge, max));
        }
    }
    Ok(n.to_string())
}

fn date(field: &Field, t: &str, ctx: &Context) -> Result<String, FieldError> {
    let d = Date::parse(t).ok_or(FieldError::new(ErrorCode::InvalidDate))?;
    if d.year < 1900 {
        return Err(FieldError::new(ErrorCode::InvalidDate));
    }
    match field.dates {
        Some(DateRange::PastOrToday) if d > ctx.today => return Err(FieldError::new(ErrorCode::DateInFuture)),
        Some(DateRange::TodayOrFuture) if d < ctx.today => return Err(FieldError::new(ErrorCode::DateInPast)),
        _ => {}
    }
    Ok(d.to_string())
}

fn digits_only(t: &str, allowed_separators: &[char]) -> Option<String> {
    let mut out = String::new();
    for c in t.trim().chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if !allowed_separators.contains(&c) {
            return None;
        }
    }
    Some(out)
}

fn phone(field: &Field, t: &str) -> Result<String, FieldError> {
    if field.check == Some(KoreanCheck::Mobile) {
        return mobile(t);
    }
    let d = digits_only(t, &['-', ' ', '(', ')']).ok_or(FieldError::new(ErrorCode::Phone))?;
    // Written the way Koreans read them out: 02-2100-1234 (Seoul), 031-123-4567, 010-1234-5678, 1588-1234.
    let n = d.len();
    let (head, ok) = match d.as_bytes() {
        [b'0', b'2', ..] => (2, (9..=10).contains(&n)),
        [b'0', ..] => (3, (10..=11).contains(&n)),
        [b'1', ..] => (4, n == 8),
        _ => (0, false),
    };
    if !ok {
        return Err(FieldError::new(ErrorCode::Phone));
    }
    if head == 4 {
        return Ok(format!("{}-{}", &d[..4], &d[4..]));
    }
    Ok(format!("{}-{}-{}", &d[..head], &d[head..n - 4], &d[n - 4..]))
}

/// 010-1234-5678; the older 011/016/017/018/019 prefixes with 3- or 4-digit middles.
fn mobile(t: &str) -> Result<String, FieldError> {
    let err = FieldError::new(ErrorCode::Mobile);
    let d = digits_only(t, &['-', ' ']).ok_or(err.clone())?;
    let ok = match d.get(0..3) {
        Some("010") => d.len() == 11,
        Some("011" | "016" | "017" | "018" | "019") => d.len() == 10 || d.len() == 11,
        _ => false,
    };
    if ok {
        Ok(format!("{}-{}-{}", &d[0..3], &d[3..d.len() - 4], &d[d.len() - 4..]))
    } else {
        Err(err)
    }
}

fn postcode(t: &str) -> Result<String, FieldError> {
    let d = t.trim();
    if d.len() == 5 && d.bytes().all(|b| b.is_ascii_digit()) {
        Ok(d.to_owned())
    } else {
        Err(FieldError::new(ErrorCode::Postcode))
    }
}

/// 주민등록번호 YYMMDD-SNNNNNN. The seventh digit gives the century (and sex);
/// the last digit is a check digit for numbers issued before October 2020,
/// when new numbers stopped encoding region and check digit. Since the issue
/// date is not in the number, the check digit is enforced for people born
/// before 2020-10-01 only: everyone born later has a number of the new kind.
fn resident_number(t: &str) -> Result<String, FieldError> {
    let err = FieldError::new(ErrorCode::ResidentNumber);
    let d = digits_only(t, &['-', ' ']).ok_or(err.clone())?;
    if d.len() != 13 {
        // Counted wrong, not invalid: say how many digits it has.
        return Err(FieldError { code: ErrorCode::ResidentNumberLength, limit: Some(13) });
    }
    let digit = |i: usize| u32::from(d.as_bytes()[i] - b'0');
    let century = match digit(6) {
        9 | 0 => 1800,
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        _ => return Err(err),
    };
    let year = century + (digit(0) * 10 + digit(1)) as i32;
    let birth = Date::new(year, digit(2) * 10 + digit(3), digit(4) * 10 + digit(5)).ok_or(err.clone())?;
    if birth < (Date { year: 2020, month: 10, day: 1 }) {
        const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        let sum: u32 = WEIGHTS.iter().enumerate().map(|(i, w)| w * digit(i)).sum();
        if (11 - sum % 11) % 10 != digit(12) {
            return Err(err);
        }
    }
    Ok(format!("{}-{}", &d[..6], &d[6..]))
}

fn address(a: &Address) -> Result<Address, FieldError> {
    let postcode = postcode(&a.postcode)?;
    let line1 = a.line1.split_whitespace().collect::<Vec<_>>().join(" ");
    if line1.is_empty() {
        return Err(FieldError::new(ErrorCode::Required));
    }
    if line1.chars().count() > 200 || a.line2.chars().count() > 200 {
        return Err(FieldError::limit(ErrorCode::TooLong, 200));
    }
    Ok(Address { postcode, line1, line2: a.line2.split_whitespace().collect::<Vec<_>>().join(" ") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(src: &str) -> Field {
        toml::from_str(src).expect("test field parses")
    }
    fn ctx() -> Context {
        Context { today: Date { year: 2026, month: 11, day: 22 } }
    }
    fn check(field_src: &str, input: Option<Answer>, expect: Result<Option<&str>, ErrorCode>) {
        let f = field(field_src);
        let got = validate(&f, input.as_ref(), &ctx());
        let got = got.map(|a| a.map(|a| serde_json::to_string(&a).expect("answers serialise"))).map_err(|e| e.code);
        let want = expect.map(|s| s.map(|s| s.to_owned()));
        assert_eq!(got, want, "field {field_src} with {input:?}");
    }
    fn t(s: &str) -> Option<Answer> {
        Some(Answer::Text(s.into()))
    }

    #[test]
    fn text_rules() {
        let f = r#"id = "n"
type = "text"
required = true
min_length = 2
max_length = 5"#;
        check(f, None, Err(ErrorCode::Required));
        check(f, t("   "), Err(ErrorCode::Required));
        check(f, t("김"), Err(ErrorCode::TooShort));
        check(f, t(" 홍  길동 "), Ok(Some("\"홍 길동\"")));
        check(f, t("가나다라마바"), Err(ErrorCode::TooLong));
        let p = "id = \"p\"\ntype = \"text\"\npattern = \"[A-Z][0-9]{8}\"";
        check(p, t("M12345678"), Ok(Some("\"M12345678\"")));
        check(p, t("xM12345678"), Err(ErrorCode::Pattern));
        check(p, None, Ok(None));
    }

    #[test]
    fn number_and_date_rules() {
        let n = "id = \"n\"\ntype = \"number\"\nmin = 1\nmax = 10";
        check(n, t("3"), Ok(Some("\"3\"")));
        check(n, t("0"), Err(ErrorCode::TooSmall));
        check(n, t("1,000"), Err(ErrorCode::TooLarge));
        check(n, t("three"), Err(ErrorCode::NotANumber));
        let d = "id = \"d\"\ntype = \"date\"\ndates = \"past_or_today\"";
        check(d, t("1948.03.15"), Ok(Some("\"1948-03-15\"")));
        check(d, t("2026-11-22"), Ok(Some("\"2026-11-22\"")));
        check(d, t("2026-11-23"), Err(ErrorCode::DateInFuture));
        check(d, t("2023-02-29"), Err(ErrorCode::InvalidDate));
        check(d, t("2024-02-29"), Ok(Some("\"2024-02-29\"")));
        let f = "id = \"d\"\ntype = \"date\"\ndates = \"today_or_future\"";
        check(f, t("2026-11-21"), Err(ErrorCode::DateInPast));
    }

    #[test]
    fn korean_checks() {
        let rrn = "id = \"r\"\ntype = \"text\"\ncheck = \"resident_number\"";
        // The check digit of 800101-123456 is 0 (worked by hand below).
        check(rrn, t("800101-1234560"), Ok(Some("\"800101-1234560\"")));
        check(rrn, t("8001011234567"), Err(ErrorCode::ResidentNumber));
        check(rrn, t("800101-123456"), Err(ErrorCode::ResidentNumberLength));
        check(rrn, t("800101-12345678"), Err(ErrorCode::ResidentNumberLength));
        check(rrn, t("801301-1234560"), Err(ErrorCode::ResidentNumber));
        check(rrn, t("800101-5234561"), Ok(Some("\"800101-5234561\"")));
        // Born after 2020-10: no check digit any more.
        check(rrn, t("211015-3987651"), Ok(Some("\"211015-3987651\"")));
        check(rrn, t("211015-3987652"), Ok(Some("\"211015-3987652\"")));
        let m = "id = \"m\"\ntype = \"phone\"\ncheck = \"mobile\"";
        check(m, t("010 1234 5678"), Ok(Some("\"010-1234-5678\"")));
        check(m, t("011-234-5678"), Ok(Some("\"011-234-5678\"")));
        check(m, t("02-123-4567"), Err(ErrorCode::Mobile));
        check(m, t("010-1234-567"), Err(ErrorCode::Mobile));
        let p = "id = \"p\"\ntype = \"phone\"";
        check(p, t("0221001234"), Ok(Some("\"02-2100-1234\"")));
        check(p, t("02-123-4567"), Ok(Some("\"02-123-4567\"")));
        check(p, t("(031) 123 4567"), Ok(Some("\"031-123-4567\"")));
        check(p, t("010-8765-4321"), Ok(Some("\"010-8765-4321\"")));
        check(p, t("1588-1234"), Ok(Some("\"1588-1234\"")));
        check(p, t("031-12-34"), Err(ErrorCode::Phone));
        check(p, t("12"), Err(ErrorCode::Phone));
        let a = "id = \"a\"\ntype = \"address\"\nrequired = true";
        let addr = |p: &str, l: &str| {
            Some(Answer::Address(Address { postcode: p.into(), line1: l.into(), line2: " 101동  202호 ".into() }))
        };
        check(
            a,
            addr("04524", "서울특별시 중구 세종대로 110"),
            Ok(Some("{\"postcode\":\"04524\",\"line1\":\"서울특별시 중구 세종대로 110\",\"line2\":\"101동 202호\"}")),
        );
        check(a, addr("4524", "서울"), Err(ErrorCode::Postcode));
        check(a, addr("04524", " "), Err(ErrorCode::Required));
    }

    #[test]
    fn choices_consent_photo_and_shapes() {
        let s = "id = \"s\"\ntype = \"single_choice\"\nchoices = [\"a\", \"b\"]\nrequired = true";
        check(s, t("b"), Ok(Some("\"b\"")));
        check(s, t("c"), Err(ErrorCode::UnknownChoice));
        check(s, Some(Answer::Consent(true)), Err(ErrorCode::WrongShape));
        let m = "id = \"m\"\ntype = \"multiple_choice\"\nchoices = [\"a\", \"b\", \"c\"]";
        check(m, Some(Answer::Choices(vec!["c".into(), "a".into(), "c".into()])), Ok(Some("[\"a\",\"c\"]")));
        check(m, Some(Answer::Choices(vec!["z".into()])), Err(ErrorCode::UnknownChoice));
        let c = "id = \"c\"\ntype = \"consent\"\nrequired = true";
        check(c, Some(Answer::Consent(false)), Err(ErrorCode::ConsentRequired));
        check(c, Some(Answer::Consent(true)), Ok(Some("true")));
        let ph = "id = \"ph\"\ntype = \"photo\"\nrequired = true";
        check(ph, t("at-counter"), Ok(Some("\"at-counter\"")));
        check(ph, t("/etc/passwd"), Err(ErrorCode::WrongShape));
    }

    #[test]
    fn resident_number_check_digit_by_hand() {
        // 800101-123456?: 16+0+0+5+0+7+8+18+6+12+20+30 = 122; 122 % 11 = 1; (11 - 1) % 10 = 0.
        let weights = [2u32, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        let digits = [8u32, 0, 0, 1, 0, 1, 1, 2, 3, 4, 5, 6];
        let sum: u32 = weights.iter().zip(digits).map(|(w, d)| w * d).sum();
        assert_eq!((11 - sum % 11) % 10, 0, "the vector used in korean_checks");
    }

    #[test]
    fn dates_from_days() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(20_414).to_string(), "2025-11-22");
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn every_code_has_a_distinct_fluent_id() {
        let ids: std::collections::BTreeSet<_> = ErrorCode::ALL.iter().map(|c| c.fluent_id()).collect();
        assert_eq!(ids.len(), ErrorCode::ALL.len());
    }
}
