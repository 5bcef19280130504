//! Expressions as tables: source, answers, value; refusals with where and why; and properties
//! over random input (never a panic, printing parses back to the same tree).

use super::*;
use crate::validate::Date;
use proptest::prelude::*;
use std::collections::BTreeMap;

struct Answers {
    fields: BTreeMap<&'static str, Value>,
    current: Value,
    columns: BTreeMap<&'static str, &'static str>,
}

impl Scope for Answers {
    fn field(&self, name: &str) -> Value {
        self.fields.get(name).cloned().unwrap_or(Value::Text(String::new()))
    }
    fn current(&self) -> Value {
        self.current.clone()
    }
    fn column(&self, name: &str) -> Value {
        Value::Text(self.columns.get(name).map(|s| s.to_string()).unwrap_or_default())
    }
    fn today(&self) -> Date {
        Date::new(2026, 12, 2).expect("a real date")
    }
}

fn scope() -> Answers {
    let t = |s: &str| Value::Text(s.into());
    Answers {
        fields: [
            ("reason", t("lost")),
            ("age", t("34")),
            ("blank", t("")),
            ("colours", t("red blue")),
            ("born", Value::Date(Date::new(1948, 3, 1).expect("a date").days_since_epoch())),
            ("lost_date", Value::Date(Date::new(2026, 11, 30).expect("a date").days_since_epoch())),
            ("name.full", t("김 영희")),
        ]
        .into_iter()
        .collect(),
        current: t("010-1234-5678"),
        columns: [("province", "seoul"), ("name", "jongno")].into_iter().collect(),
    }
}

fn check(src: &str, expect: &str) {
    let e = Expr::parse(src).unwrap_or_else(|e| panic!("{src:?} should parse: {e}"));
    assert_eq!(e.eval(&scope()).text(), expect, "{src}");
}

#[test]
fn evaluates_what_xlsforms_write() {
    let cases = [
        ("${reason} = 'lost'", "true"),
        ("${reason} != 'lost'", "false"),
        ("${age} >= 18 and ${age} < 65", "true"),
        ("${age} > 100 or ${reason} = 'lost'", "true"),
        ("not(${reason} = 'damaged')", "true"),
        ("${blank} = ''", "true"),
        ("${blank} > 3", "false"),
        ("${blank} < 3", "false"),
        ("${age} + 1", "35"),
        ("${age} * 2 - 8 div 4", "66"),
        ("7 mod 3", "1"),
        ("-7 mod 3", "-1"),
        ("1 div 0", "Infinity"),
        ("0 div 0", "NaN"),
        ("2 + 3 * 4", "14"),
        ("(2 + 3) * 4", "20"),
        ("10 - 2 - 3", "5"),
        ("selected(${colours}, 'blue')", "true"),
        ("selected(${colours}, 'green')", "false"),
        ("count-selected(${colours})", "2"),
        ("selected-at(${colours}, 1)", "blue"),
        ("selected-at(${colours}, 5)", ""),
        ("string-length(.)", "13"),
        ("string-length(${name.full})", "4"),
        ("regex(., '^010-[0-9]{4}-[0-9]{4}$')", "true"),
        ("regex(${age}, '^[a-z]+$')", "false"),
        ("if(${age} > 30, 'older', 'younger')", "older"),
        ("coalesce(${blank}, 'none')", "none"),
        ("coalesce(${reason}, 'none')", "lost"),
        ("concat(${reason}, '-', ${age})", "lost-34"),
        ("int(7.9)", "7"),
        ("int(-7.9)", "-7"),
        ("number('12.5') + 1", "13.5"),
        ("number('twelve')", "NaN"),
        ("round(2.5)", "3"),
        ("round(-2.5)", "-2"),
        ("round(3.14159, 2)", "3.14"),
        ("today()", "2026-12-02"),
        ("today() - ${lost_date}", "2"),
        ("${lost_date} <= today()", "true"),
        ("${lost_date} > today()", "false"),
        ("${lost_date} < '2026-12-01'", "true"),
        ("today() + 1", "2026-12-03"),
        ("int((today() - ${born}) div 365.25)", "78"),
        ("${born} = '1948-03-01'", "true"),
        ("date('2024-02-29') + 1", "2024-03-01"),
        ("format-date(${born}, '%Y.%m.%d (%a)')", "1948.03.01 (Mon)"),
        ("format-date(${born}, '%e %b %y')", "1 Mar 48"),
        ("province = 'seoul'", "true"),
        ("name != 'jung'", "true"),
        ("contains(${name.full}, '영')", "true"),
        ("starts-with(${reason}, 'lo')", "true"),
        ("substr('abcdef', 1, 3)", "bc"),
        ("substring-before('a-b', '-')", "a"),
        ("substring-after('a-b', '-')", "b"),
        ("normalize-space('  a   b ')", "a b"),
        ("min(3, 1, 2)", "1"),
        ("max(3, ${blank})", "NaN"),
        ("pow(2, 10)", "1024"),
        ("abs(-3) + floor(2.7) + ceiling(0.2)", "6"),
        ("true() and not(false())", "true"),
        ("boolean('')", "false"),
        ("boolean-from-string('1')", "true"),
        ("once(today())", "2026-12-02"),
        ("'a' = 'a' = true()", "true"),
        ("\"it's\"", "it's"),
        (".5 + .5", "1"),
        ("${age}-1", "33"),
        ("decimal-date-time('1970-01-11')", "10"),
    ];
    for (src, expect) in cases {
        check(src, expect);
    }
}

#[test]
fn refuses_what_the_kiosk_cannot_evaluate_saying_where_and_why() {
    let cases: [(&str, usize, &str); 16] = [
        ("${a} = ", 7, "expr.syntax"),
        ("${a", 0, "expr.syntax"),
        ("'open", 0, "expr.syntax"),
        ("(1 + 2", 6, "expr.syntax"),
        ("1 + 2)", 5, "expr.syntax"),
        ("frobnicate(1)", 0, "expr.function"),
        ("pulldata('f', 'c', 'k', ${a})", 0, "expr.unsupported"),
        ("jr:choice-name(${a}, '${a}')", 0, "expr.unsupported"),
        ("uuid()", 0, "expr.unsupported"),
        ("/data/age > 3", 0, "expr.unsupported"),
        ("../age > 3", 0, "expr.unsupported"),
        ("instance('x')/root/item[name = 'a']", 0, "expr.unsupported"),
        ("${a} | ${b}", 5, "expr.unsupported"),
        ("if(${a}, 1)", 0, "expr.arity"),
        ("regex(., '(')", 0, "expr.regex"),
        ("${a} @ 3", 5, "expr.unsupported"),
    ];
    for (src, at, code) in cases {
        let e = Expr::parse(src).expect_err(src);
        assert_eq!((e.at, e.code()), (at, code), "{src}: {e}");
        assert!(!e.to_string().is_empty());
    }
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert_eq!(Expr::parse(&deep).expect_err("too deep").code(), "expr.too-deep");
    let negs = format!("{}1", "-".repeat(500));
    assert_eq!(Expr::parse(&negs).expect_err("too deep").code(), "expr.too-deep");
    assert_eq!(Expr::parse(&"1+".repeat(3000)).expect_err("too long").code(), "expr.too-long");
    let why = Expr::parse("now() > 3").expect_err("now").to_string();
    assert!(why.contains("today()"), "says what to write instead: {why}");
}

#[test]
fn lists_what_an_expression_reads() {
    let e = Expr::parse("${a} = 'x' and province = ${b} and string-length() > 2").expect("parses");
    assert_eq!(e.fields().into_iter().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(e.columns().into_iter().collect::<Vec<_>>(), ["province"]);
    assert!(e.reads_current());
    assert!(!Expr::parse("${a}").expect("parses").reads_current());
    let over = Expr::parse("count(${member}) + sum(${age}) > ${n}").expect("parses");
    assert_eq!(over.over_instances().into_iter().collect::<Vec<_>>(), ["age", "member"]);
    assert_eq!(over.fields().into_iter().collect::<Vec<_>>(), ["age", "member", "n"]);
}

fn arb_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        (0u32..100_000).prop_map(|n| Expr::Number(f64::from(n) / 4.0)),
        "[a-z 가-힣0-9-]{0,6}".prop_map(Expr::Text),
        "[a-z][a-z0-9_.-]{0,5}[a-z0-9]".prop_map(Expr::Field),
        Just(Expr::Current),
        "(province|name|city)".prop_map(Expr::Column),
    ];
    leaf.prop_recursive(6, 48, 4, |inner| {
        let ops = [
            Op::Or,
            Op::And,
            Op::Eq,
            Op::Ne,
            Op::Lt,
            Op::Le,
            Op::Gt,
            Op::Ge,
            Op::Add,
            Op::Sub,
            Op::Mul,
            Op::Div,
            Op::Mod,
        ];
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
            (0..ops.len(), inner.clone(), inner.clone()).prop_map(move |(i, a, b)| Expr::Binary(
                ops[i],
                Box::new(a),
                Box::new(b)
            )),
            (0..Func::ALL.len(), prop::collection::vec(inner, 0..4)).prop_filter_map("arity", |(i, args)| {
                let f = Func::ALL[i];
                let (min, max) = f.arity();
                // count() and sum() take a ${name} only.
                let over = matches!(f, Func::Count | Func::Sum);
                let fits = !over || matches!(args[..], [Expr::Field(_)]);
                (args.len() >= min && args.len() <= max && f != Func::Regex && fits).then_some(Expr::Call(f, args))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_text(src in "[ -~가-힣]{0,80}") {
        if let Ok(e) = Expr::parse(&src) {
            let _ = e.eval(&scope());
        }
    }

    #[test]
    fn never_panics_on_expression_like_text(
        parts in prop::collection::vec(prop_oneof![
            Just("${a}"), Just("${born}"), Just("."), Just("("), Just(")"), Just(","), Just("'x'"),
            Just("and"), Just("or"), Just("div"), Just("mod"), Just("-"), Just("+"), Just("*"),
            Just("="), Just("!="), Just("<="), Just(">"), Just("1"), Just("2.5"), Just("today()"),
            Just("if("), Just("selected("), Just("concat("), Just("round("), Just("format-date("),
            Just("province"), Just("/"), Just("["), Just("$"), Just("{"), Just("}"), Just("\""),
        ], 0..40)
    ) {
        let src = parts.join(" ");
        if let Ok(e) = Expr::parse(&src) {
            let _ = e.eval(&scope());
        }
    }

    #[test]
    fn printing_parses_back_to_the_same_tree(e in arb_expr()) {
        let printed = e.to_string();
        let back = Expr::parse(&printed);
        prop_assert!(back.is_ok(), "{printed}: {:?}", back);
        // Printing again is stable (NaN-free trees compare equal).
        prop_assert_eq!(back.expect("checked").to_string(), printed);
    }
}

proptest! {
    #[test]
    fn days_since_epoch_and_back_are_the_same_day(n in -800_000i64..800_000) {
        prop_assert_eq!(Date::from_days_since_epoch(n).days_since_epoch(), n);
    }
}
