//! Expressions of XLSForm — the XPath 1.0 subset ODK forms write in `relevant`, `required`,
//! `constraint`, `calculate`, `default` and `choice_filter` — parsed once when a form is loaded
//! and evaluated by the session against the visitor's answers.
//!
//! Sans-IO and total: [`Expr::parse`] refuses any input it cannot evaluate with the character it
//! stopped at, and [`Expr::eval`] cannot fail (XPath converts every value to the type an operator
//! wants). Time comes in through [`Scope::today`]. What the kiosk cannot evaluate (paths into the
//! form's XML, external data, repeats' positions, random ids) is refused at parse time, by name.

mod eval;
#[cfg(test)]
mod tests;

pub use eval::{Scope, Value};

use std::collections::BTreeSet;
use std::fmt;

/// Longest expression accepted (a real form's longest is a few hundred characters).
pub const MAX_LEN: usize = 4096;
/// Deepest nesting accepted, so a hostile expression cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Text(String),
    /// `${name}`: another question's answer.
    Field(String),
    /// `.`: the answer being checked (in a constraint) or the question itself.
    Current,
    /// A bare name: a column of the choice being filtered (`choice_filter` only).
    Column(String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl Op {
    fn text(self) -> &'static str {
        match self {
            Op::Or => "or",
            Op::And => "and",
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "div",
            Op::Mod => "mod",
        }
    }

    /// Binding strength: higher binds tighter.
    fn level(self) -> u8 {
        match self {
            Op::Or => 1,
            Op::And => 2,
            Op::Eq | Op::Ne => 3,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 4,
            Op::Add | Op::Sub => 5,
            Op::Mul | Op::Div | Op::Mod => 6,
        }
    }
}

macro_rules! functions {
    ($($variant:ident $name:literal $min:literal $max:literal,)*) => {
        /// The functions the kiosk evaluates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Func { $($variant,)* }

        impl Func {
            pub const ALL: &'static [Func] = &[$(Func::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Func::$variant => $name,)* }
            }

            /// (fewest, most) arguments.
            pub fn arity(self) -> (usize, usize) {
                match self { $(Func::$variant => ($min, $max),)* }
            }

            pub fn from_name(name: &str) -> Option<Func> {
                match name { $($name => Some(Func::$variant),)* _ => None }
            }
        }
    };
}

functions! {
    Selected "selected" 2 2,
    SelectedAt "selected-at" 2 2,
    CountSelected "count-selected" 1 1,
    StringLength "string-length" 0 1,
    Regex "regex" 2 2,
    If "if" 3 3,
    Coalesce "coalesce" 2 2,
    Concat "concat" 1 64,
    Int "int" 1 1,
    Number "number" 1 1,
    Round "round" 1 2,
    Today "today" 0 0,
    Not "not" 1 1,
    True "true" 0 0,
    False "false" 0 0,
    String "string" 1 1,
    Boolean "boolean" 1 1,
    BooleanFromString "boolean-from-string" 1 1,
    Contains "contains" 2 2,
    StartsWith "starts-with" 2 2,
    EndsWith "ends-with" 2 2,
    Substr "substr" 2 3,
    SubstringBefore "substring-before" 2 2,
    SubstringAfter "substring-after" 2 2,
    NormalizeSpace "normalize-space" 1 1,
    Floor "floor" 1 1,
    Ceiling "ceiling" 1 1,
    Abs "abs" 1 1,
    Pow "pow" 2 2,
    Min "min" 1 64,
    Max "max" 1 64,
    Date "date" 1 1,
    DecimalDate "decimal-date-time" 1 1,
    FormatDate "format-date" 2 2,
    Once "once" 1 1,
    Count "count" 1 1,
    Sum "sum" 1 1,
}

/// Functions ODK has that the kiosk does not evaluate, and why; refused by name.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("pulldata", "it reads a CSV attached to the form; the kiosk does not look data up"),
    ("instance", "it reads a secondary instance; write the choices on the choices sheet"),
    ("jr:choice-name", "the kiosk does not look up a choice's label in an expression"),
    ("indexed-repeat", "the kiosk does not reach into a repeat from outside it"),
    ("position", "the kiosk does not number repeat instances in expressions"),
    ("uuid", "the kiosk gives each submission its own id"),
    ("random", "the kiosk does not draw random numbers"),
    ("now", "the kiosk compares dates, not times: use today()"),
    ("digest", "the kiosk does not hash in expressions"),
    ("area", "the kiosk does not ask for locations"),
    ("distance", "the kiosk does not ask for locations"),
    ("version", "the kiosk does not read the form's version in expressions"),
    ("property", "the kiosk has no device properties"),
    ("randomize", "the kiosk shows choices in the order written"),
    ("last", "the kiosk does not evaluate XPath node sets"),
];

/// Why an expression was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Character offset (from 0) where the problem starts.
    pub at: usize,
    pub kind: ExprErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprErrorKind {
    /// Not XPath the kiosk reads: what was expected.
    Syntax(&'static str),
    UnknownFunction(String),
    Unsupported {
        what: String,
        why: &'static str,
    },
    Arity {
        function: &'static str,
        min: usize,
        max: usize,
        given: usize,
    },
    TooLong,
    TooDeep,
    Regex(String),
}

impl ExprError {
    /// A stable code for the problem list.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ExprErrorKind::Syntax(_) => "expr.syntax",
            ExprErrorKind::UnknownFunction(_) => "expr.function",
            ExprErrorKind::Unsupported { .. } => "expr.unsupported",
            ExprErrorKind::Arity { .. } => "expr.arity",
            ExprErrorKind::TooLong => "expr.too-long",
            ExprErrorKind::TooDeep => "expr.too-deep",
            ExprErrorKind::Regex(_) => "expr.regex",
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.at + 1;
        match &self.kind {
            ExprErrorKind::Syntax(expected) => write!(f, "at character {at}: expected {expected}"),
            ExprErrorKind::UnknownFunction(name) => write!(f, "at character {at}: there is no function {name}()"),
            ExprErrorKind::Unsupported { what, why } => write!(f, "at character {at}: {what} is not supported: {why}"),
            ExprErrorKind::Arity { function, min, max, given } if min == max => {
                write!(f, "at character {at}: {function}() takes {min} argument(s), not {given}")
            }
            ExprErrorKind::Arity { function, min, max, given } => {
                write!(f, "at character {at}: {function}() takes {min} to {max} arguments, not {given}")
            }
            ExprErrorKind::TooLong => write!(f, "the expression is longer than {MAX_LEN} characters"),
            ExprErrorKind::TooDeep => write!(f, "at character {at}: nested more than {MAX_DEPTH} deep"),
            ExprErrorKind::Regex(why) => write!(f, "at character {at}: the regular expression is invalid: {why}"),
        }
    }
}

impl std::error::Error for ExprError {}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Field(String),
    Dot,
    Name(String),
    LParen,
    RParen,
    Comma,
    Op(Op),
    /// `/`, `//`, `..`, `[`, `]`, `@`, `|`, `$name`: XPath the kiosk does not evaluate.
    Path(&'static str),
    End,
}

/// A name as XLSForm writes it in `${…}` and XPath as a bare name: letters, digits, `_`, `-`,
/// `.`, and a `prefix:` (as in `jr:choice-name`).
fn name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}
fn name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

fn lex(src: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |at, what| ExprError { at, kind: ExprErrorKind::Syntax(what) };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            '=' => Token::Op(Op::Eq),
            '+' => Token::Op(Op::Add),
            '-' => Token::Op(Op::Sub),
            '*' => Token::Op(Op::Mul),
            '|' => Token::Path("|"),
            '[' | ']' => Token::Path("a predicate [ … ]"),
            '@' => Token::Path("an attribute @…"),
            '!' if chars.get(i + 1) == Some(&'=') => {
                i += 1;
                Token::Op(Op::Ne)
            }
            '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                if eq {
                    i += 1;
                }
                Token::Op(match (c, eq) {
                    ('<', false) => Op::Lt,
                    ('<', true) => Op::Le,
                    ('>', false) => Op::Gt,
                    _ => Op::Ge,
                })
            }
            '/' => {
                if chars.get(i + 1) == Some(&'/') {
                    i += 1;
                }
                Token::Path("a path /…")
            }
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&d| d == c).ok_or(err(i, "the closing quote"))?;
                let text: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 1;
                Token::Text(text)
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let close = chars[i + 2..].iter().position(|&d| d == '}').ok_or(err(i, "} to close ${"))?;
                let name: String = chars[i + 2..i + 2 + close].iter().collect();
                if name.is_empty() || !name.starts_with(name_start) || !name.chars().all(name_char) {
                    return Err(err(i + 2, "a question name inside ${…}"));
                }
                i += close + 2;
                Token::Field(name)
            }
            '$' => Token::Path("an XPath variable $…"),
            '.' if chars.get(i + 1) == Some(&'.') => {
                i += 1;
                Token::Path("a relative path ..")
            }
            '.' if !chars.get(i + 1).is_some_and(char::is_ascii_digit) => Token::Dot,
            c if c.is_ascii_digit() || c == '.' => {
                let mut j = i;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                if j < chars.len() && chars[j] == '.' {
                    j += 1;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                }
                let text: String = chars[i..j].iter().collect();
                let n: f64 = text.parse().map_err(|_| err(i, "a number"))?;
                i = j - 1;
                Token::Number(n)
            }
            c if name_start(c) => {
                let mut j = i;
                while j < chars.len() && name_char(chars[j]) {
                    j += 1;
                }
                // A name never ends in `.` or `-`: `a.` would be odd, and `x-` before a digit is
                // the minus of `x - 1` written tight.
                while j > i + 1 && matches!(chars[j - 1], '.' | '-' | ':') {
                    j -= 1;
                }
                let name: String = chars[i..j].iter().collect();
                i = j - 1;
                Token::Name(name)
            }
            _ => return Err(err(i, "an operand or an operator")),
        };
        out.push((start, tok));
        i += 1;
    }
    out.push((chars.len(), Token::End));
    Ok(out)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].1
    }
    fn at(&self) -> usize {
        self.tokens[self.pos.min(self.tokens.len() - 1)].0
    }
    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn fail<T>(&self, kind: ExprErrorKind) -> Result<T, ExprError> {
        Err(ExprError { at: self.at(), kind })
    }

    /// The operator at this point, if one: symbols, and `and`/`or`/`div`/`mod` after an operand.
    fn operator(&self) -> Option<Op> {
        match self.peek() {
            Token::Op(op) => Some(*op),
            Token::Name(n) => match n.as_str() {
                "or" => Some(Op::Or),
                "and" => Some(Op::And),
                "div" => Some(Op::Div),
                "mod" => Some(Op::Mod),
                _ => None,
            },
            _ => None,
        }
    }

    /// Precedence climbing: every operator binds left to right.
    fn expr(&mut self, min_level: u8) -> Result<Expr, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail(ExprErrorKind::TooDeep);
        }
        let mut lhs = self.unary()?;
        while let Some(op) = self.operator().filter(|op| op.level() >= min_level) {
            self.bump();
            let rhs = self.expr(op.level() + 1)?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.peek() == &Token::Op(Op::Sub) {
            self.bump();
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.fail(ExprErrorKind::TooDeep);
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(inner)));
        }
        let e = self.primary()?;
        if let Token::Path(what) = self.peek() {
            let what = (*what).to_owned();
            return self.fail(ExprErrorKind::Unsupported { what, why: "write ${name} to refer to a question" });
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let at = self.at();
        match self.bump() {
            Token::Number(n) => Ok(Expr::Number(n)),
            Token::Text(t) => Ok(Expr::Text(t)),
            Token::Field(f) => Ok(Expr::Field(f)),
            Token::Dot => Ok(Expr::Current),
            Token::LParen => {
                let e = self.expr(0)?;
                let at = self.at();
                match self.bump() {
                    Token::RParen => Ok(e),
                    _ => Err(ExprError { at, kind: ExprErrorKind::Syntax(")") }),
                }
            }
            Token::Name(name) if self.peek() == &Token::LParen => self.call(at, name),
            Token::Name(name) => Ok(Expr::Column(name)),
            Token::Path(what) => Err(ExprError {
                at,
                kind: ExprErrorKind::Unsupported { what: what.to_owned(), why: "write ${name} to refer to a question" },
            }),
            _ => Err(ExprError { at, kind: ExprErrorKind::Syntax("a value, ${name}, or a function") }),
        }
    }

    fn call(&mut self, at: usize, name: String) -> Result<Expr, ExprError> {
        let func = match Func::from_name(&name) {
            Some(f) => f,
            None => {
                let kind = match UNSUPPORTED.iter().find(|(n, _)| *n == name) {
                    Some((_, why)) => ExprErrorKind::Unsupported { what: format!("{name}()"), why },
                    None => ExprErrorKind::UnknownFunction(name),
                };
                return Err(ExprError { at, kind });
            }
        };
        self.bump(); // (
        let mut args = Vec::new();
        if self.peek() != &Token::RParen {
            loop {
                args.push(self.expr(0)?);
                let at = self.at();
                match self.bump() {
                    Token::Comma => continue,
                    Token::RParen => break,
                    _ => return Err(ExprError { at, kind: ExprErrorKind::Syntax(", or )") }),
                }
            }
        } else {
            self.bump();
        }
        let (min, max) = func.arity();
        if args.len() < min || args.len() > max {
            let kind = ExprErrorKind::Arity { function: func.name(), min, max, given: args.len() };
            return Err(ExprError { at, kind });
        }
        // count() and sum() read every instance of a repeat: their one argument names it (or
        // one of its questions) as ${name}.
        if matches!(func, Func::Count | Func::Sum) && !matches!(args[..], [Expr::Field(_)]) {
            let kind = ExprErrorKind::Unsupported {
                what: format!("{}() of an expression", func.name()),
                why: "write count(${repeat}) or sum(${question in a repeat})",
            };
            return Err(ExprError { at, kind });
        }
        if func == Func::Regex {
            if let Expr::Text(pattern) = &args[1] {
                regex_lite::Regex::new(pattern)
                    .map_err(|e| ExprError { at, kind: ExprErrorKind::Regex(e.to_string()) })?;
            }
        }
        Ok(Expr::Call(func, args))
    }
}

impl Expr {
    /// Parses an expression as a spreadsheet cell holds it.
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        if src.chars().count() > MAX_LEN {
            return Err(ExprError { at: 0, kind: ExprErrorKind::TooLong });
        }
        let mut p = Parser { tokens: lex(src)?, pos: 0, depth: 0 };
        let e = p.expr(0)?;
        match p.peek() {
            Token::End => Ok(e),
            Token::RParen => p.fail(ExprErrorKind::Syntax("no ) here: one too many")),
            _ => p.fail(ExprErrorKind::Syntax("an operator (and, or, =, +, …) or the end")),
        }
    }

    /// Every `${name}` this expression reads.
    pub fn fields(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.walk(&mut |e| {
            if let Expr::Field(f) = e {
                out.insert(f.as_str());
            }
        });
        out
    }

    /// The names read across every instance of a repeat (the argument of `count()`, `sum()`).
    pub fn over_instances(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.walk(&mut |e| {
            if let Expr::Call(Func::Count | Func::Sum, args) = e {
                if let [Expr::Field(f)] = &args[..] {
                    out.insert(f.as_str());
                }
            }
        });
        out
    }

    /// Every bare name (a choice column) this expression reads.
    pub fn columns(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.walk(&mut |e| {
            if let Expr::Column(c) = e {
                out.insert(c.as_str());
            }
        });
        out
    }

    /// Whether it reads `.` (or a function that defaults to it).
    pub fn reads_current(&self) -> bool {
        let mut yes = false;
        self.walk(&mut |e| {
            yes |= matches!(e, Expr::Current) || matches!(e, Expr::Call(Func::StringLength, a) if a.is_empty());
        });
        yes
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match self {
            Expr::Neg(e) => e.walk(f),
            Expr::Binary(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.walk(f)),
            _ => {}
        }
    }
}

/// Written back as XPath, fully parenthesised where precedence would otherwise change meaning.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number(n) => write!(f, "{}", eval::number_text(*n)),
            Expr::Text(t) if t.contains('\'') => write!(f, "\"{t}\""),
            Expr::Text(t) => write!(f, "'{t}'"),
            Expr::Field(n) => write!(f, "${{{n}}}"),
            Expr::Current => f.write_str("."),
            Expr::Column(c) => f.write_str(c),
            Expr::Neg(e) => write!(f, "-({e})"),
            Expr::Binary(op, a, b) => write!(f, "({a} {} {b})", op.text()),
            Expr::Call(func, args) => {
                write!(f, "{}(", func.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
        }
    }
}
