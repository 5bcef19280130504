//! One check of an asset tree — forms, guidance topics, texts and sign clips — for every part
//! that loads one: the kiosk (installed assets or a bundle), the mirror, and the hub before it
//! publishes. Pure: the shells read the tree's files and hand them in by path.
//!
//! What a tree holds, by path relative to its root:
//! - `assets/forms/*.toml`, the forms, offered in file-name order;
//! - `assets/topics/*.toml`, the mirror's guidance topics, in file-name order;
//! - `assets/sign/<language>/manifest.toml` and the clips it lists (each checked against its SHA-256);
//! - `assets/voice/…`, recorded prompts, carried as they are;
//! - `locales/<tag>/<surface>.ftl`, the texts of each surface in each locale.
//!
//! Anything else is refused by name (`tree.unknown`), never ignored.

use crate::form::Catalog;
use crate::i18n::{Locale, Localizer};
use crate::sign::SignManifest;
use crate::topic::Topic;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The files of a tree, by path relative to its root (`assets/forms/10-passport-reissue.toml`).
pub type TreeFiles = BTreeMap<String, Vec<u8>>;

/// The surfaces whose texts a tree holds: the kiosk's, the forms', the errors', the guidance's,
/// the mirror's, the hub's admin pages and `minwon-kiosk doctor`'s (kept with the others, never
/// shown to a visitor).
pub const SURFACES: [&str; 7] = ["kiosk", "forms", "errors", "guide", "mirror", "hub", "doctor"];

/// What the kiosk shows and says: every surface but the mirror's and the hub's.
pub const KIOSK_SURFACES: [&str; 4] = ["kiosk", "forms", "errors", "guide"];

/// Something wrong with a tree, located by its file. `code` is stable (the hub maps it to its
/// admin's language); `path` and `detail` name asset files and ids, never personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeProblem {
    pub code: &'static str,
    pub path: String,
    pub detail: String,
}

impl TreeProblem {
    fn new(code: &'static str, path: &str, detail: impl Into<String>) -> TreeProblem {
        TreeProblem { code, path: path.to_owned(), detail: detail.into() }
    }
}

impl std::fmt::Display for TreeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.detail, self.code)
    }
}

/// One sign language's clips that matched their manifest, by clip id.
#[derive(Debug, Clone)]
pub struct SignClips {
    pub manifest: SignManifest,
    pub clips: BTreeMap<String, Arc<[u8]>>,
}

/// A checked tree: its forms, topics, texts and good clips, and what was left out.
#[derive(Debug)]
pub struct AssetTree {
    pub catalog: Catalog,
    pub topics: Vec<Topic>,
    /// Sign languages by code (`ksl`).
    pub sign: BTreeMap<String, SignClips>,
    /// Road-name address sets by folder name, checked line by line (their records are read again
    /// by whoever indexes them: a province is not held here).
    pub addresses: BTreeMap<String, crate::address::SetSummary>,
    /// `(locale, surface, text)` of every message file.
    texts: Vec<(Locale, &'static str, String)>,
    /// What is wrong but leaves the rest usable: a clip that does not match its digest (left
    /// out), a text missing in Korean. A kiosk loads the tree and reports these; the hub
    /// publishes nothing while there is one.
    pub left_out: Vec<TreeProblem>,
}

/// Where a path belongs in a tree.
enum Place<'a> {
    Form,
    Topic,
    SignManifest(&'a str),
    SignFile,
    Voice,
    /// A file of an address set (`assets/address/<set>/…`), or its manifest.
    Address(&'a str),
    Text(Locale, &'static str),
    Unknown(&'static str),
}

fn place(path: &str) -> Place<'_> {
    let parts: Vec<&str> = path.split('/').collect();
    let toml = |name: &str| name.len() > 5 && name.ends_with(".toml");
    match parts.as_slice() {
        ["assets", "forms", name] if toml(name) => Place::Form,
        ["assets", "forms", ..] => Place::Unknown("a form is a .toml file directly in assets/forms"),
        ["assets", "topics", name] if toml(name) => Place::Topic,
        ["assets", "topics", ..] => Place::Unknown("a topic is a .toml file directly in assets/topics"),
        ["assets", "sign", language, "manifest.toml"] => Place::SignManifest(language),
        ["assets", "sign", _, _] => Place::SignFile,
        ["assets", "sign", ..] => Place::Unknown("a clip is a file in assets/sign/<language>/"),
        ["assets", "voice", _, ..] => Place::Voice,
        ["assets", "address", set, _] => Place::Address(set),
        ["assets", "address", ..] => Place::Unknown("an address file is in a set's folder, assets/address/<set>/"),
        ["locales", tag, file] => {
            let Ok(locale) = Locale::parse(tag) else { return Place::Unknown("not a locale this kiosk speaks") };
            match file.strip_suffix(".ftl").and_then(|s| SURFACES.iter().find(|k| **k == s)) {
                Some(surface) => Place::Text(locale, surface),
                None => Place::Unknown("not a surface's message file"),
            }
        }
        _ => Place::Unknown("not a place a tree has"),
    }
}

fn text<'a>(path: &str, bytes: &'a [u8], problems: &mut Vec<TreeProblem>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(TreeProblem::new("tree.not-text", path, "not UTF-8 text"));
            None
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl AssetTree {
    /// Checks a tree. A form, topic, manifest or message file that does not parse, or a file in
    /// no place a tree has, refuses the whole tree (every such problem listed); a clip that does
    /// not match and a text missing in Korean leave the rest usable (`left_out`).
    pub fn read<'a>(files: &'a TreeFiles) -> Result<AssetTree, Vec<TreeProblem>> {
        let mut refused = Vec::new();
        let mut left_out = Vec::new();
        let mut forms = Vec::new();
        let mut topics = Vec::new();
        let mut texts = Vec::new();
        let mut manifests = Vec::new();
        let mut address_sets: BTreeMap<&str, Vec<(&'a str, &'a [u8])>> = BTreeMap::new();
        // BTreeMap order is path order: forms and topics come in file-name order.
        for (path, bytes) in files {
            match place(path) {
                Place::Form => forms.extend(text(path, bytes, &mut refused).map(|t| (path.as_str(), t))),
                Place::Topic => topics.extend(text(path, bytes, &mut refused).map(|t| (path.as_str(), t))),
                Place::Text(locale, surface) => {
                    texts.extend(text(path, bytes, &mut refused).map(|t| (locale, surface, t.to_owned())))
                }
                Place::SignManifest(language) => {
                    manifests.extend(text(path, bytes, &mut refused).map(|t| (path.as_str(), language, t)))
                }
                Place::Address(set) => address_sets.entry(set).or_default().push((path.as_str(), bytes.as_slice())),
                Place::SignFile | Place::Voice => {}
                Place::Unknown(why) => refused.push(TreeProblem::new("tree.unknown", path, why)),
            }
        }
        // Errors name the file by its name in its folder, as the admin sees it.
        let named = |(p, t): &(&'a str, &'a str)| (p.rsplit('/').next().unwrap_or(p), *t);
        let catalog = Catalog::from_sources(forms.iter().map(named))
            .map_err(|e| refused.push(TreeProblem::new(e.code(), "assets/forms", e.to_string())))
            .ok();
        let topics = crate::topic::parse_topics(topics.iter().map(named))
            .map_err(|e| refused.push(TreeProblem::new(e.code(), "assets/topics", e.to_string())))
            .ok();
        let l10n = localizer(&texts, &SURFACES)
            .map_err(|e| refused.push(TreeProblem::new(e.code(), "locales", e.to_string())))
            .ok();
        let mut sign = BTreeMap::new();
        for (path, language, source) in manifests {
            let manifest = match SignManifest::parse(path, source) {
                Ok(m) if m.language == language => m,
                Ok(m) => {
                    let why = format!("names the language {} in the folder of {language}", m.language);
                    refused.push(TreeProblem::new("sign.manifest", path, why));
                    continue;
                }
                Err(e) => {
                    refused.push(TreeProblem::new(e.code(), path, e.to_string()));
                    continue;
                }
            };
            let mut clips = BTreeMap::new();
            for entry in manifest.clips.values() {
                let file = format!("assets/sign/{language}/{}", entry.file);
                match files.get(&file) {
                    Some(bytes) if sha256_hex(bytes) == entry.sha256 => {
                        clips.insert(entry.id.clone(), Arc::from(bytes.as_slice()));
                    }
                    Some(_) => {
                        let why = format!("clip {} is not the file its manifest names", entry.id);
                        left_out.push(TreeProblem::new("clip.mismatch", &file, why));
                    }
                    None => {
                        left_out.push(TreeProblem::new("clip.missing", &file, format!("clip {} has no file", entry.id)))
                    }
                }
            }
            sign.insert(language.to_owned(), SignClips { manifest, clips });
        }
        let addresses =
            address_sets.into_iter().filter_map(|(set, files)| read_address_set(set, &files, &mut refused)).collect();
        let (Some(catalog), Some(topics), Some(l10n)) = (catalog, topics, l10n) else { return Err(refused) };
        if !refused.is_empty() {
            return Err(refused);
        }
        for form in catalog.forms() {
            for id in form.message_ids() {
                // A summary is optional: the service list shows none without it.
                if !id.ends_with(".summary") && !l10n.has_own(Locale::FALLBACK, &id) {
                    let why = format!("form {}: {id} has no Korean text", form.id.0);
                    left_out.push(TreeProblem::new("text.missing", "locales/ko/forms.ftl", why));
                }
            }
        }
        for t in &topics {
            for id in t.message_ids() {
                if !l10n.has_own(Locale::FALLBACK, &id) {
                    let why = format!("topic {}: {id} has no Korean text", t.id);
                    left_out.push(TreeProblem::new("text.missing", "locales/ko/mirror.ftl", why));
                }
            }
        }
        Ok(AssetTree { catalog, topics, sign, texts, addresses, left_out })
    }

    /// Checks a tree that is to be published: nothing may be wrong, not even a clip.
    pub fn check(files: &TreeFiles) -> Result<AssetTree, Vec<TreeProblem>> {
        let tree = AssetTree::read(files)?;
        if tree.left_out.is_empty() {
            Ok(tree)
        } else {
            Err(tree.left_out)
        }
    }

    /// The texts of `surfaces` in every locale, falling back to Korean.
    pub fn localizer(&self, surfaces: &[&str]) -> Localizer {
        // Invariant: `read` built a Localizer from every surface's texts, so a subset builds too
        // (the fallback's own files may be absent for a subset: then it has no messages at all).
        localizer(&self.texts, surfaces).unwrap_or_else(|_| {
            Localizer::new([(Locale::FALLBACK, "empty.ftl", "")]).expect("an empty file is valid FTL")
            // invariant: no text
        })
    }

    /// The ids `locale`'s own files of `surfaces` define (attributes as `id.attr`), in file order.
    pub fn message_ids(&self, locale: Locale, surfaces: &[&str]) -> Vec<String> {
        self.texts
            .iter()
            .filter(|(l, s, _)| *l == locale && surfaces.contains(s))
            .flat_map(|(_, _, t)| crate::i18n::ids_in(t).unwrap_or_default())
            .collect()
    }
}

/// One address set's files sorted by layout and checked; what is wrong refuses the tree, each
/// problem located by file, line and column.
fn read_address_set(
    set: &str,
    files: &[(&str, &[u8])],
    refused: &mut Vec<TreeProblem>,
) -> Option<(String, crate::address::SetSummary)> {
    use crate::address::{check_set, layout_of, Layout};
    let folder = format!("assets/address/{set}");
    let (mut manifest, mut codes, mut addresses) = (None, Vec::new(), Vec::new());
    let before = refused.len();
    for (path, bytes) in files {
        let name = path.rsplit('/').next().unwrap_or(path);
        if name == "manifest.toml" {
            manifest = text(path, bytes, refused);
            continue;
        }
        match layout_of(name) {
            Ok(Layout::RoadCode) => codes.push((*path, *bytes)),
            Ok(Layout::RoadAddress) => addresses.push((*path, *bytes)),
            Err(why) => refused.push(TreeProblem::new("tree.unknown", path, why)),
        }
    }
    let Some(manifest) = manifest else {
        refused.push(TreeProblem::new(
            "address.manifest",
            &format!("{folder}/manifest.toml"),
            "a set names itself in manifest.toml",
        ));
        return None;
    };
    match check_set(manifest, &codes, &addresses) {
        Ok(summary) if refused.len() == before => Some((set.to_owned(), summary)),
        Ok(_) => None,
        Err(problems) => {
            for (path, p) in problems {
                let path = if path.is_empty() { format!("{folder}/manifest.toml") } else { path };
                refused.push(TreeProblem::new(p.code, &path, p.to_string()));
            }
            None
        }
    }
}

fn localizer(texts: &[(Locale, &'static str, String)], surfaces: &[&str]) -> Result<Localizer, crate::CoreError> {
    let files: Vec<(Locale, String, &str)> = texts
        .iter()
        .filter(|(_, s, _)| surfaces.contains(s))
        .map(|(l, s, t)| (*l, format!("{}/{s}.ftl", l.tag()), t.as_str()))
        .collect();
    Localizer::new(files.iter().map(|(l, f, t)| (*l, f.as_str(), *t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small tree: one form, one topic, Korean texts, one clip.
    fn tree() -> TreeFiles {
        let clip = b"RIFF clip".to_vec();
        let form = r#"id = "pet"
version = 1
identify = false
sign = "pet-intro"
[[steps]]
id = "name"
sign = "pet-name"
fields = [{ id = "name", type = "text", required = true }]
"#;
        let mut files = TreeFiles::new();
        files.insert("assets/forms/10-pet.toml".into(), form.into());
        files.insert(
            "locales/ko/forms.ftl".into(),
            "forms-pet = 반려동물 등록\nforms-pet-step-name = 이름\nforms-pet-name = 이름\n".into(),
        );
        files.insert("locales/ko/kiosk.ftl".into(), "kiosk-start = 시작하기\n".into());
        files.insert("locales/en/kiosk.ftl".into(), "kiosk-start = Start\n".into());
        files.insert(
            "assets/sign/ksl/manifest.toml".into(),
            format!(
                "language = \"ksl\"\nname = \"한국수어\"\n[[clip]]\nid = \"screen-welcome\"\nfile = \"w.webp\"\nsha256 = \"{}\"\n",
                sha256_hex(&clip)
            )
            .into(),
        );
        files.insert("assets/sign/ksl/w.webp".into(), clip);
        files
    }

    #[test]
    fn a_good_tree_reads_whole() {
        let t = AssetTree::check(&tree()).expect("the tree is good");
        assert_eq!(t.catalog.forms().len(), 1);
        assert!(t.sign["ksl"].clips.contains_key("screen-welcome"));
        assert_eq!(t.localizer(&["kiosk"]).format(Locale::En, "kiosk-start", &[]), "Start");
        assert_eq!(t.message_ids(Locale::En, &["kiosk"]), ["kiosk-start"]);
        // The kiosk's surfaces together: the forms' texts among them.
        assert_eq!(t.localizer(&KIOSK_SURFACES).format(Locale::Ko, "forms-pet", &[]), "반려동물 등록");
    }

    const ROADS: &str = "111103100017|세종대로|Sejong-daero|00|서울특별시|Seoul|종로구|Jongno-gu|세종로|Sejongno|1|101|0||신규|20110729|\n";
    const ADDRESS: &str = "11110101310001700020900000|1111011900|서울특별시|종로구|세종로||0|1|68|111103100017|세종대로|0|209|0|1111051500|청운효자동|03171||20110729|0|31|||\n";
    const SET: &str = "name = \"종로구\"\nsource = \"test\"\n";

    fn with_addresses(files: &mut TreeFiles, set: &str, road_codes: &str, addresses: &str) {
        files.insert(format!("assets/address/{set}/manifest.toml"), SET.into());
        files.insert(format!("assets/address/{set}/road_code_total.txt"), road_codes.into());
        files.insert(format!("assets/address/{set}/rnaddrkor_seoul.txt"), addresses.into());
    }

    #[test]
    fn an_address_set_is_checked_with_the_tree() {
        let mut files = tree();
        with_addresses(&mut files, "seoul", ROADS, ADDRESS);
        let t = AssetTree::check(&files).expect("a good set");
        assert_eq!((t.addresses["seoul"].roads, t.addresses["seoul"].buildings), (1, 1));
        assert!(!t.addresses["seoul"].manifest.sample);
        // (change, code, path, detail the problem's text holds)
        type Change = fn(&mut TreeFiles);
        let cases: [(Change, &str, &str, &str); 7] = [
            (
                |f| with_addresses(f, "seoul", ROADS, &ADDRESS.replacen("|03171|", "|0317|", 1)),
                "address.field",
                "assets/address/seoul/rnaddrkor_seoul.txt",
                "line 1, column 17",
            ),
            (
                |f| with_addresses(f, "seoul", ROADS, &ADDRESS.replacen("111103100017", "111103100099", 1)),
                "address.road-unknown",
                "assets/address/seoul/rnaddrkor_seoul.txt",
                "111103100099",
            ),
            (
                |f| with_addresses(f, "seoul", ROADS, &ADDRESS[..60]),
                "address.truncated",
                "assets/address/seoul/rnaddrkor_seoul.txt",
                "line 1",
            ),
            (
                |f| {
                    with_addresses(f, "seoul", ROADS, ADDRESS);
                    f.insert("assets/address/seoul/jibun_rnaddrkor_seoul.txt".into(), b"x".to_vec());
                },
                "tree.unknown",
                "assets/address/seoul/jibun_rnaddrkor_seoul.txt",
                "related lots",
            ),
            (
                |f| {
                    with_addresses(f, "seoul", ROADS, ADDRESS);
                    f.remove("assets/address/seoul/manifest.toml");
                },
                "address.manifest",
                "assets/address/seoul/manifest.toml",
                "manifest",
            ),
            (
                |f| {
                    with_addresses(f, "seoul", ROADS, ADDRESS);
                    f.insert(
                        "assets/address/seoul/manifest.toml".into(),
                        b"name = \"x\"\nsource = \"y\"\nlevel = 3\n".to_vec(),
                    );
                },
                "address.manifest",
                "assets/address/seoul/manifest.toml",
                "level",
            ),
            (
                |f| {
                    with_addresses(f, "seoul", ROADS, ADDRESS);
                    f.insert("assets/address/x.txt".into(), b"x".to_vec());
                },
                "tree.unknown",
                "assets/address/x.txt",
                "set's folder",
            ),
        ];
        for (change, code, path, detail) in cases {
            let mut files = tree();
            change(&mut files);
            let problems = AssetTree::read(&files).expect_err(code);
            assert!(
                problems.iter().any(|p| p.code == code && p.path == path && p.detail.contains(detail)),
                "{code} at {path} ({detail}): {problems:?}"
            );
        }
    }

    #[test]
    fn what_is_wrong_is_named_by_its_file() {
        // (change to the tree, the problem's code, its path, whether the rest still loads)
        type Change = fn(&mut TreeFiles);
        let cases: [(Change, &str, &str, bool); 9] = [
            (
                |f| {
                    f.insert("assets/forms/20-x.toml".into(), b"id = ".to_vec());
                },
                "form.syntax",
                "assets/forms",
                false,
            ),
            (
                |f| {
                    f.insert("assets/forms/readme.txt".into(), b"hi".to_vec());
                },
                "tree.unknown",
                "assets/forms/readme.txt",
                false,
            ),
            (
                |f| {
                    f.insert("locales/fr/kiosk.ftl".into(), b"a = b".to_vec());
                },
                "tree.unknown",
                "locales/fr/kiosk.ftl",
                false,
            ),
            (
                |f| {
                    f.insert("locales/en/shop.ftl".into(), b"a = b".to_vec());
                },
                "tree.unknown",
                "locales/en/shop.ftl",
                false,
            ),
            (
                |f| {
                    f.insert("locales/en/kiosk.ftl".into(), b"kiosk-start = {".to_vec());
                },
                "messages.invalid",
                "locales",
                false,
            ),
            (
                |f| {
                    f.insert("locales/ko/kiosk.ftl".into(), vec![0xff, 0xfe]);
                },
                "tree.not-text",
                "locales/ko/kiosk.ftl",
                false,
            ),
            (
                |f| {
                    f.insert("assets/sign/ksl/w.webp".into(), b"RIFF other".to_vec());
                },
                "clip.mismatch",
                "assets/sign/ksl/w.webp",
                true,
            ),
            (
                |f| {
                    f.remove("assets/sign/ksl/w.webp");
                },
                "clip.missing",
                "assets/sign/ksl/w.webp",
                true,
            ),
            (
                |f| {
                    f.insert("locales/ko/forms.ftl".into(), b"forms-pet = x\nforms-pet-name = y\n".to_vec());
                },
                "text.missing",
                "locales/ko/forms.ftl",
                true,
            ),
        ];
        for (change, code, path, usable) in cases {
            let mut files = tree();
            change(&mut files);
            let problems = match AssetTree::read(&files) {
                Ok(t) => {
                    assert!(usable, "{code}: the tree should be refused");
                    assert!(AssetTree::check(&files).is_err(), "{code}: the hub publishes no tree with a problem");
                    t.left_out
                }
                Err(p) => {
                    assert!(!usable, "{code}: the rest should load");
                    p
                }
            };
            assert!(problems.iter().any(|p| p.code == code && p.path == path), "{code} at {path}: {problems:?}");
        }
    }

    #[test]
    fn a_manifest_in_another_languages_folder_is_refused() {
        let mut files = tree();
        let m = files.remove("assets/sign/ksl/manifest.toml").expect("there");
        files.insert("assets/sign/asl/manifest.toml".into(), m);
        let p = AssetTree::read(&files).expect_err("refused");
        assert_eq!(p[0].code, "sign.manifest");
    }
}
