//! Evaluating a parsed expression: XPath 1.0's conversions between text, numbers and booleans,
//! with ODK's dates (days since 1970-01-01) and its list functions for `select_multiple`.

use super::{Expr, Func, Op};
use crate::validate::Date;

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    /// Days since 1970-01-01.
    Date(i64),
}

/// What an expression can see: the answers, the value being checked, the choice being filtered,
/// and the day (passed in; core reads no clock).
pub trait Scope {
    /// `${name}`: a blank answer is `Text("")`.
    fn field(&self, name: &str) -> Value;
    /// `.`
    fn current(&self) -> Value {
        Value::Text(String::new())
    }
    /// A bare name: the filtered choice's column.
    fn column(&self, _name: &str) -> Value {
        Value::Text(String::new())
    }
    fn today(&self) -> Date;
    /// `${name}` across a repeat (for `count()` and `sum()`): a value per instance, where `name`
    /// is the repeat or one of its questions.
    fn instances(&self, _name: &str) -> Vec<Value> {
        Vec::new()
    }
}

/// XPath's number-to-string: whole numbers without a point, `NaN`, `Infinity`.
pub(crate) fn number_text(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if n == n.trunc() && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}

/// A strict `YYYY-MM-DD` (what date answers and ODK write), so `'2024'` stays a number.
fn strict_date(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        return Date::parse(s).map(Date::days_since_epoch);
    }
    None
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Text(t) => !t.is_empty(),
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::Bool(b) => *b,
            Value::Date(_) => true,
        }
    }

    pub fn number(&self) -> f64 {
        match self {
            Value::Text(t) => {
                let t = t.trim();
                // XPath's Number: digits with an optional point and minus, nothing else.
                let ok = !t.is_empty()
                    && t.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.')
                    && t.chars().filter(|c| *c == '.').count() <= 1
                    && t.trim_start_matches('-').chars().any(|c| c.is_ascii_digit());
                match ok {
                    true => t.parse().unwrap_or(f64::NAN),
                    false => strict_date(t).map_or(f64::NAN, |d| d as f64),
                }
            }
            Value::Number(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Date(d) => *d as f64,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => number_text(*n),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => Date::from_days_since_epoch(*d).to_string(),
        }
    }

    /// As a date (days), when it is one or can be read as one.
    fn date(&self) -> Option<i64> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Text(t) => strict_date(t),
            Value::Number(n) if n.is_finite() && n.abs() < 1e9 => Some(n.floor() as i64),
            _ => None,
        }
    }
}

fn compare(op: Op, a: &Value, b: &Value) -> bool {
    use std::cmp::Ordering;
    let order = |x: f64, y: f64| x.partial_cmp(&y);
    let ord: Option<Ordering> = match (op, a, b) {
        (Op::Eq | Op::Ne, Value::Bool(_), _) | (Op::Eq | Op::Ne, _, Value::Bool(_)) => {
            Some(a.truthy().cmp(&b.truthy()))
        }
        (_, Value::Date(_), _) | (_, _, Value::Date(_)) => match (a.date(), b.date()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => None,
        },
        (Op::Eq | Op::Ne, Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        _ => order(a.number(), b.number()),
    };
    match op {
        Op::Eq => ord == Some(Ordering::Equal),
        // NaN is unequal to everything, itself included.
        Op::Ne => ord != Some(Ordering::Equal),
        Op::Lt => ord == Some(Ordering::Less),
        Op::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        Op::Gt => ord == Some(Ordering::Greater),
        Op::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
        _ => false,
    }
}

fn arithmetic(op: Op, a: &Value, b: &Value) -> Value {
    // A date plus or minus days stays a date; a date minus a date is days.
    let (x, y) = (a.number(), b.number());
    let n = match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        // XPath's mod is the remainder of truncating division (sign of the dividend), as Rust's %.
        _ => x % y,
    };
    match (op, a, b) {
        (Op::Add | Op::Sub, Value::Date(_), Value::Number(_)) | (Op::Add, Value::Number(_), Value::Date(_))
            if n.is_finite() && n.abs() < 1e9 =>
        {
            Value::Date(n as i64)
        }
        _ => Value::Number(n),
    }
}

fn items(v: &Value) -> Vec<String> {
    v.text().split_whitespace().map(str::to_owned).collect()
}

fn round(x: f64, digits: Option<f64>) -> f64 {
    match digits {
        // XPath's round: the nearest whole number, halves up.
        None => (x + 0.5).floor(),
        // ODK's round(x, n): halves away from zero, at n decimals.
        Some(d) if d.is_finite() => {
            let d = d.trunc().clamp(-300.0, 300.0) as i32;
            let factor = 10f64.powi(d);
            let r = (x * factor).round() / factor;
            if r.is_finite() {
                r
            } else {
                x
            }
        }
        Some(_) => f64::NAN,
    }
}

fn format_date(days: i64, pattern: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let d = Date::from_days_since_epoch(days);
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{:04}", d.year)),
            Some('y') => out.push_str(&format!("{:02}", d.year.rem_euclid(100))),
            Some('m') => out.push_str(&format!("{:02}", d.month)),
            Some('n') => out.push_str(&d.month.to_string()),
            Some('b') => out.push_str(MONTHS[(d.month as usize).saturating_sub(1).min(11)]),
            Some('d') => out.push_str(&format!("{:02}", d.day)),
            Some('e') => out.push_str(&d.day.to_string()),
            Some('a') => out.push_str(WEEKDAYS[days.rem_euclid(7) as usize]),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

impl Expr {
    /// The expression's value in `scope`. Never fails: XPath converts as each operator needs.
    pub fn eval(&self, scope: &dyn Scope) -> Value {
        match self {
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Field(name) => scope.field(name),
            Expr::Current => scope.current(),
            Expr::Column(name) => scope.column(name),
            Expr::Neg(e) => Value::Number(-e.eval(scope).number()),
            Expr::Binary(Op::Or, a, b) => Value::Bool(a.eval(scope).truthy() || b.eval(scope).truthy()),
            Expr::Binary(Op::And, a, b) => Value::Bool(a.eval(scope).truthy() && b.eval(scope).truthy()),
            Expr::Binary(op @ (Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge), a, b) => {
                Value::Bool(compare(*op, &a.eval(scope), &b.eval(scope)))
            }
            Expr::Binary(op, a, b) => arithmetic(*op, &a.eval(scope), &b.eval(scope)),
            Expr::Call(func, args) => call(*func, args, scope),
        }
    }

    /// Whether it holds (`relevant`, `required`, `constraint`, `choice_filter`).
    pub fn holds(&self, scope: &dyn Scope) -> bool {
        self.eval(scope).truthy()
    }
}

fn call(func: Func, args: &[Expr], scope: &dyn Scope) -> Value {
    let arg = |i: usize| args.get(i).map_or(Value::Text(String::new()), |a| a.eval(scope));
    let text = |i: usize| arg(i).text();
    let num = |i: usize| arg(i).number();
    match func {
        Func::Selected => Value::Bool(items(&arg(0)).contains(&text(1).trim().to_owned())),
        Func::SelectedAt => {
            let n = num(1);
            let list = items(&arg(0));
            let pick = (n.is_finite() && n >= 0.0).then(|| list.get(n as usize).cloned()).flatten();
            Value::Text(pick.unwrap_or_default())
        }
        Func::CountSelected => Value::Number(items(&arg(0)).len() as f64),
        Func::StringLength => {
            let v = if args.is_empty() { scope.current() } else { arg(0) };
            Value::Number(v.text().chars().count() as f64)
        }
        Func::Regex => Value::Bool(regex_lite::Regex::new(&text(1)).is_ok_and(|re| re.is_match(&text(0)))),
        Func::If => {
            if arg(0).truthy() {
                arg(1)
            } else {
                arg(2)
            }
        }
        Func::Coalesce => {
            let a = arg(0);
            if a.text().is_empty() {
                arg(1)
            } else {
                a
            }
        }
        Func::Concat => Value::Text((0..args.len()).map(text).collect()),
        Func::Int => Value::Number(num(0).trunc()),
        Func::Number => Value::Number(num(0)),
        Func::Round => Value::Number(round(num(0), (args.len() > 1).then(|| num(1)))),
        Func::Today => Value::Date(scope.today().days_since_epoch()),
        Func::Not => Value::Bool(!arg(0).truthy()),
        Func::True => Value::Bool(true),
        Func::False => Value::Bool(false),
        Func::String => Value::Text(text(0)),
        Func::Boolean => Value::Bool(arg(0).truthy()),
        Func::BooleanFromString => Value::Bool(matches!(text(0).trim(), "true" | "1")),
        Func::Contains => Value::Bool(text(0).contains(&text(1))),
        Func::StartsWith => Value::Bool(text(0).starts_with(&text(1))),
        Func::EndsWith => Value::Bool(text(0).ends_with(&text(1))),
        Func::Substr => {
            // ODK's substr(s, start, end): 0-based, end excluded.
            let s: Vec<char> = text(0).chars().collect();
            let clamp = |n: f64| if n.is_nan() { 0 } else { n.clamp(0.0, s.len() as f64) as usize };
            let start = clamp(num(1));
            let end = if args.len() > 2 { clamp(num(2)) } else { s.len() };
            Value::Text(if start < end { s[start..end].iter().collect() } else { String::new() })
        }
        Func::SubstringBefore => {
            let (s, sep) = (text(0), text(1));
            Value::Text(s.find(&sep).map(|i| s[..i].to_owned()).unwrap_or_default())
        }
        Func::SubstringAfter => {
            let (s, sep) = (text(0), text(1));
            Value::Text(s.find(&sep).map(|i| s[i + sep.len()..].to_owned()).unwrap_or_default())
        }
        Func::NormalizeSpace => Value::Text(text(0).split_whitespace().collect::<Vec<_>>().join(" ")),
        Func::Floor => Value::Number(num(0).floor()),
        Func::Ceiling => Value::Number(num(0).ceil()),
        Func::Abs => Value::Number(num(0).abs()),
        Func::Pow => Value::Number(num(0).powf(num(1))),
        Func::Min | Func::Max => {
            let ns: Vec<f64> = (0..args.len()).map(num).collect();
            if ns.iter().any(|n| n.is_nan()) {
                return Value::Number(f64::NAN);
            }
            let pick = if func == Func::Min { f64::min } else { f64::max };
            Value::Number(ns.into_iter().reduce(pick).unwrap_or(f64::NAN))
        }
        Func::Date => match arg(0).date() {
            Some(d) => Value::Date(d),
            None => Value::Text(String::new()),
        },
        Func::DecimalDate => Value::Number(arg(0).date().map_or(f64::NAN, |d| d as f64)),
        Func::FormatDate => match arg(0).date() {
            Some(d) => Value::Text(format_date(d, &text(1))),
            None => Value::Text(String::new()),
        },
        // Within one visit every calculation is worked out afresh from the answers; `once` keeps
        // the first value in ODK, which for a visit's lifetime is the same value.
        Func::Once => arg(0),
        Func::Count | Func::Sum => {
            let Some(Expr::Field(name)) = args.first() else { return Value::Number(f64::NAN) };
            let values = scope.instances(name);
            match func {
                Func::Count => Value::Number(values.len() as f64),
                // An instance not answered yet adds nothing (in XPath it would make the sum NaN,
                // and a constraint on a total would fail until every instance is filled).
                _ => Value::Number(values.iter().filter(|v| !v.text().trim().is_empty()).map(Value::number).sum()),
            }
        }
    }
}
