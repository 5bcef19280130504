//! How fast the address book answers a visitor typing, on a province-sized set: one million
//! buildings on forty thousand roads, generated in juso.go.kr's layouts (CP949), indexed as a kiosk
//! indexes its bundle's set. Each search is what the box holds after one more key of the 두벌식
//! keyboard (세 → 세ㅈ → 세종 …), then the building number digit by digit; by initials; by a
//! building's name. Prints the build time and the latency per keystroke (p50, p95, max; the target
//! is p95 ≤ 50 ms). `cargo bench -p minwon-engine --bench address [-- ROWS]`.

use minwon_core::hangul::{assemble, keys_of};
use minwon_engine::address::{AddressBook, SetFiles};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run indexes the same province.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하", "강", "남", "동", "서", "북",
    "중", "신", "성", "산", "문", "평", "화", "명", "원", "월", "송", "정", "충", "효", "인", "의", "예", "지", "덕",
    "안", "영",
];
const SUFFIX: &[&str] = &["로", "길", "대로"];

struct Province {
    road_codes: Vec<u8>,
    addresses: Vec<u8>,
    /// (road name, building number, building name) of some buildings, to search for.
    targets: Vec<(String, u32, String)>,
}

fn province(rows: usize) -> Province {
    let mut rng = Rng(0x5eed_2026_1201);
    let roads = (rows / 25).max(1);
    let mut road_lines = String::new();
    let mut address_lines = String::new();
    let mut targets = Vec::new();
    let mut names = Vec::new();
    for r in 0..roads {
        let sigungu = 11_000 + (r % 30) * 10;
        let len = 2 + rng.below(2);
        let stem: String = (0..len).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
        let name = if rng.below(3) == 0 {
            format!("{stem}로{}길", 1 + rng.below(60))
        } else {
            format!("{stem}{}", SUFFIX[rng.below(3)])
        };
        let code = format!("{sigungu:05}{:07}", 3_000_000 + r);
        road_lines.push_str(&format!(
            "{code}|{name}|Road-{r}|00|표본도|Pyobon-do|표본{s}구|Pyobon{s}-gu|표본{e}동|Dong-{e}|1|{e:03}|0||신규|20110729|\r\n",
            s = r % 30,
            e = r % 300
        ));
        names.push((code, name, sigungu));
    }
    for i in 0..rows {
        let (code, road, sigungu) = &names[i % roads];
        let number = 1 + (i / roads) as u32 * 2;
        let building = if rng.below(5) == 0 {
            format!("{}빌딩", SYLLABLES[rng.below(SYLLABLES.len())].repeat(2))
        } else {
            String::new()
        };
        let emd = (i % roads) % 300;
        address_lines.push_str(&format!(
            "{sigungu:05}{emd:03}{}0{number:05}00000|{sigungu:05}{emd:03}00|표본도|표본{s}구|표본{emd}동||0|{}|0|{code}|{road}|0|{number}|0|{sigungu:05}{emd:03}00|표본{emd}동|{:05}||20110729|0|31|{building}|{building}|\r\n",
            &code[5..],
            1 + rng.below(900),
            rng.below(64_000),
            s = (i % roads) % 30
        ));
        if i % (rows / 200).max(1) == 7 {
            targets.push((road.clone(), number, building.clone()));
        }
    }
    let cp949 = |s: &str| encoding_rs::EUC_KR.encode(s).0.into_owned();
    Province { road_codes: cp949(&road_lines), addresses: cp949(&address_lines), targets }
}

/// What the search box holds after each key, typing `text` on the 두벌식 keyboard.
fn keystrokes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut done = String::new();
    for word in text.split(' ') {
        let keys = keys_of(word);
        for n in 1..=keys.len() {
            out.push(format!("{done}{}", assemble(&keys[..n])));
        }
        done = format!("{done}{word} ");
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let rows: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let t = Instant::now();
    let p = province(rows);
    let generated = t.elapsed();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("address.sqlite");
    let sets = [SetFiles { name: "province", sample: true, road_codes: &p.road_codes, addresses: vec![&p.addresses] }];
    let t = Instant::now();
    AddressBook::build(&path, &sets, &|_| "bench".into(), &mut |_, _| {}).expect("the province indexes");
    let built = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let book = AddressBook::open(&path).expect("opens").expect("built");

    let mut slowest: Vec<(Duration, String)> = Vec::new();
    let mut kinds: Vec<(&str, Vec<Duration>, usize)> = vec![
        ("road + number", vec![], 0),
        ("initials", vec![], 0),
        ("building name", vec![], 0),
        ("district + number", vec![], 0),
    ];
    for (road, number, building) in &p.targets {
        let sequences = [
            (0, keystrokes(&format!("{road} {number}"))),
            (
                1,
                (1..=road.chars().count())
                    .map(|n| minwon_core::address::initials(&road.chars().take(n).collect::<String>()))
                    .collect(),
            ),
            (2, if building.is_empty() { vec![] } else { keystrokes(building) }),
            // A word every building of a district has, and a number few have: the broadest search.
            (3, keystrokes(&format!("표본{}구 {}", number % 30, 90_000 + number))),
        ];
        for (kind, typed) in sequences {
            for (i, t) in typed.iter().enumerate() {
                let start = Instant::now();
                let found = book.search(t).expect("searches");
                kinds[kind].1.push(start.elapsed());
                slowest.push((start.elapsed(), t.clone()));
                // The whole road and number finds the building.
                if kind == 0 && i + 1 == typed.len() {
                    assert!(
                        found.found.iter().any(|f| f.road_address.ends_with(&format!("{road} {number}"))),
                        "{t}: {found:?}"
                    );
                    kinds[kind].2 += 1;
                }
            }
        }
    }
    println!("address book: {rows} buildings, {} roads (generated in {:.1} s)", rows / 25, generated.as_secs_f64());
    println!("built in {:.1} s, index {:.0} MB", built.as_secs_f64(), size as f64 / 1e6);
    println!();
    println!("| search by | keystrokes | p50 ms | p95 ms | max ms |");
    println!("|---|---|---|---|---|");
    let mut all = Vec::new();
    for (name, mut times, _) in kinds {
        times.sort();
        all.extend_from_slice(&times);
        if times.is_empty() {
            continue;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} |",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(*times.last().expect("some"))
        );
    }
    all.sort();
    let p95 = percentile(&all, 0.95);
    println!(
        "| all | {} | {:.2} | {:.2} | {:.2} |",
        all.len(),
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        all.last().expect("some").as_secs_f64() * 1e3
    );
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!();
    println!(
        "slowest: {}",
        slowest
            .iter()
            .take(8)
            .map(|(d, t)| format!("{t:?} {:.0} ms", d.as_secs_f64() * 1e3))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!();
    println!("target p95 ≤ 50 ms: {}", if p95 <= Duration::from_millis(50) { "met" } else { "NOT met" });
}
