//! Road-name address data through the admin pages' API, against a real `minwon-hub` process over
//! HTTPS: uploaded as an admin does it (juso.go.kr's file names, one streamed `PUT` per file),
//! checked, put into the draft and published; and misused as someone on the office network would
//! (no session, no CSRF token, names that climb out, a body too large, a file cut short).

mod common;

use common::HubProcess;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const JSON: (&str, &str) = ("content-type", "application/json");

fn sample(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/address/sample").join(name);
    std::fs::read(&path).expect("the sample set ships")
}

fn roads() -> Vec<u8> {
    sample("SAMPLE_road_code_jongno.txt")
}

fn buildings() -> Vec<u8> {
    sample("SAMPLE_rnaddrkor_jongno.txt")
}

fn lines(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').filter(|l| !l.iter().all(|b| b.is_ascii_whitespace())).count()
}

struct Admin<'a> {
    hub: &'a HubProcess,
    cookie: String,
    csrf: String,
}

impl Admin<'_> {
    fn get(&self, path: &str) -> common::Answer {
        self.hub.request("GET", path, &[("cookie", &self.cookie)], b"")
    }
    fn put(&self, name: &str, body: &[u8]) -> common::Answer {
        let path = format!("/admin/api/address/uploads/{name}");
        self.hub.request("PUT", &path, &[("cookie", &self.cookie), ("x-csrf-token", &self.csrf)], body)
    }
    fn post(&self, path: &str, body: Value) -> common::Answer {
        let headers = [("cookie", self.cookie.as_str()), ("x-csrf-token", self.csrf.as_str()), JSON];
        self.hub.request("POST", path, &headers, body.to_string().as_bytes())
    }
    fn sets(&self) -> Vec<String> {
        let r = self.get("/admin/api/address");
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["sets"].as_array().expect("sets").iter().map(|s| s["id"].as_str().unwrap_or("").to_owned()).collect()
    }
}

fn sign_in(hub: &HubProcess) -> Admin<'_> {
    let (cookie, csrf) = hub.sign_in("127.0.0.1");
    Admin { hub, cookie, csrf }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn a_provinces_files_are_uploaded_checked_put_in_the_draft_and_published() {
    let hub = HubProcess::start();
    let admin = sign_in(&hub);
    let seeded = admin.get("/admin/api/address").json();
    assert_eq!(seeded["sets"][0]["id"], "sample", "the hub starts with the project's sample: {seeded}");
    assert_eq!(seeded["sets"][0]["sample"], true, "and says it is one");

    // juso.go.kr's own names for the files.
    let (roads, buildings) = (roads(), buildings());
    let r = admin.put("road_code_total.txt", &roads);
    assert_eq!((r.status, r.json()["size"].as_u64()), (200, Some(roads.len() as u64)), "{}", r.text());
    let r = admin.put("rnaddrkor_seoul.txt", &buildings);
    assert_eq!(r.status, 200, "{}", r.text());
    let waiting = admin.get("/admin/api/address").json()["uploads"].clone();
    assert_eq!(waiting.as_array().map(Vec::len), Some(2), "both wait to be checked: {waiting}");

    let r = admin
        .post("/admin/api/address", json!({ "set": "seoul", "name": "서울특별시", "source": "주소DB 2026년 11월분" }));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["roads"].as_u64(), Some(lines(&roads) as u64), "every road counted");
    assert_eq!(r.json()["buildings"].as_u64(), Some(lines(&buildings) as u64), "every building counted");
    assert_eq!(admin.sets(), ["sample", "seoul"]);
    assert_eq!(admin.get("/admin/api/address").json()["uploads"], json!([]), "the checked files were taken");
    let manifest = std::fs::read_to_string(hub.data.join("draft/assets/address/seoul/manifest.toml")).expect("written");
    assert!(manifest.contains("서울특별시") && !manifest.contains("sample = true"), "{manifest}");

    // The sample out, then published: the bundle lists the province's files, shared with the tree.
    let r = admin.post("/admin/api/address/sets/sample/remove", json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(admin.sets(), ["seoul"]);
    let r = admin.post("/admin/api/publish", json!({ "group": "all", "note": "서울 주소 자료" }));
    assert_eq!(r.status, 200, "{}", r.text());
    let version = r.json()["version"].as_u64().expect("a version");
    let bundle = hub.data.join("bundles").join(version.to_string());
    let listed = std::fs::read_to_string(bundle.join("manifest.toml")).expect("manifest");
    assert!(listed.contains("path = \"assets/address/seoul/rnaddrkor_seoul.txt\""), "{listed}");
    assert!(!listed.contains("assets/address/sample/"), "the sample is gone from the bundle");
    use std::os::unix::fs::MetadataExt;
    let inode = |p: PathBuf| std::fs::metadata(p).expect("exists").ino();
    assert_eq!(
        inode(bundle.join("files/assets/address/seoul/rnaddrkor_seoul.txt")),
        inode(hub.data.join("tree/assets/address/seoul/rnaddrkor_seoul.txt")),
        "a province's file is stored once, not copied into every bundle"
    );
    let audit = admin.get("/admin/api/audit").json();
    assert!(audit.to_string().contains("seoul: "), "the upload is in the audit log: {audit}");
}

#[test]
fn address_uploads_refuse_strangers_escapes_oversize_and_cut_files_and_change_nothing() {
    let hub = HubProcess::start();
    let admin = sign_in(&hub);
    let uploads = hub.data.join("address-uploads");
    let key_before = std::fs::read(hub.data.join("agency.key")).expect("key");

    // No session, or a session without its CSRF token: refused, nothing written.
    let r = hub.request("PUT", "/admin/api/address/uploads/rnaddrkor_seoul.txt", &[], &buildings());
    assert_eq!((r.status, r.code().as_str()), (401, "hub.no-session"));
    let r = hub.request("PUT", "/admin/api/address/uploads/rnaddrkor_seoul.txt", &[("cookie", &admin.cookie)], b"x");
    assert_eq!((r.status, r.code().as_str()), (403, "hub.csrf"));
    let foreign =
        [("cookie", admin.cookie.as_str()), ("x-csrf-token", admin.csrf.as_str()), ("origin", "https://evil.example")];
    let r = hub.request("PUT", "/admin/api/address/uploads/rnaddrkor_seoul.txt", &foreign, b"x");
    assert_eq!((r.status, r.code().as_str()), (403, "hub.csrf"), "another site's page cannot upload");
    assert!(files_under(&uploads).is_empty(), "nothing received: {:?}", files_under(&uploads));

    // Names that are not a set's file, or that climb out of the folder.
    for name in [
        "..%2F..%2Fagency.key",
        "%2E%2E%2Frnaddrkor_seoul.txt",
        "..%5Crnaddrkor_seoul.txt",
        "a%2Frnaddrkor_seoul.txt",
        ".rnaddrkor_seoul.txt",
        "jibun_rnaddrkor_seoul.txt",
        "rnaddrkor_seoul.zip",
        "agency.key",
    ] {
        let r = admin.put(name, b"x");
        assert!(r.status == 422 || r.status == 404, "{name}: {} {}", r.status, r.text());
        if r.status == 422 {
            assert_eq!(r.json()["problems"][0]["code"], "address.file", "{name}");
        }
    }
    assert!(files_under(&uploads).is_empty(), "nothing written: {:?}", files_under(&uploads));
    assert_eq!(std::fs::read(hub.data.join("agency.key")).expect("key"), key_before, "the key is untouched");

    // A body that says it is over the limit is refused before it is read.
    {
        use std::io::Write;
        let mut tls = common::connect("127.0.0.1", hub.port);
        let head = format!(
            "PUT /admin/api/address/uploads/rnaddrkor_seoul.txt HTTP/1.1\r\nhost: 127.0.0.1:{}\r\ncookie: {}\r\nx-csrf-token: {}\r\ncontent-length: {}\r\n\r\n",
            hub.port,
            admin.cookie,
            admin.csrf,
            3u64 << 30
        );
        tls.write_all(head.as_bytes()).expect("writes");
        tls.flush().expect("flushes");
        let r = common::read_answer(&mut tls);
        assert_eq!((r.status, r.code().as_str()), (413, "hub.too-large"));
    }

    // A connection dropped halfway leaves no part behind.
    {
        use std::io::Write;
        let mut tls = common::connect("127.0.0.1", hub.port);
        let head = format!(
            "PUT /admin/api/address/uploads/rnaddrkor_seoul.txt HTTP/1.1\r\nhost: 127.0.0.1:{}\r\ncookie: {}\r\nx-csrf-token: {}\r\ncontent-length: {}\r\n\r\n",
            hub.port,
            admin.cookie,
            admin.csrf,
            1 << 20
        );
        tls.write_all(head.as_bytes()).expect("writes");
        tls.write_all(&vec![b'a'; 64 * 1024]).expect("writes");
        tls.flush().expect("flushes");
        drop(tls);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !files_under(&uploads).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(files_under(&uploads).is_empty(), "the part is removed: {:?}", files_under(&uploads));
    }

    // A file cut short in the last line: refused, located by file and line; the draft unchanged.
    let whole = buildings();
    let cut = &whole[..whole.len() - 40];
    assert_eq!(admin.put("road_code_total.txt", &roads()).status, 200);
    assert_eq!(admin.put("rnaddrkor_seoul.txt", cut).status, 200);
    let r = admin.post("/admin/api/address", json!({ "set": "seoul", "name": "서울특별시", "source": "주소DB" }));
    assert_eq!(r.status, 422, "{}", r.text());
    let p = &r.json()["problems"][0];
    assert_eq!(p["sheet"], "rnaddrkor_seoul.txt", "{p}");
    assert_eq!(p["row"].as_u64(), Some(lines(cut) as u64), "the last line: {p}");
    assert!(p["code"].as_str().is_some_and(|c| c.starts_with("address.")), "{p}");
    assert!(!hub.data.join("draft").exists(), "no draft was made");
    assert_eq!(admin.get("/admin/api/address").json()["uploads"].as_array().map(Vec::len), Some(2), "kept to retry");

    // A set id that climbs out; then one road-code file with no buildings.
    let r = admin.post("/admin/api/address", json!({ "set": "../tree", "name": "x", "source": "y" }));
    assert_eq!((r.status, r.json()["problems"][0]["code"].as_str()), (422, Some("address.set-id")));
    assert_eq!(admin.post("/admin/api/address/clear-uploads", json!({})).status, 200);
    assert_eq!(admin.put("road_code_total.txt", &roads()).status, 200);
    let r = admin.post("/admin/api/address", json!({ "set": "seoul", "name": "서울특별시", "source": "주소DB" }));
    assert_eq!((r.status, r.json()["problems"][0]["code"].as_str()), (422, Some("address.set")), "{}", r.text());
    assert_eq!(admin.sets(), ["sample"], "the draft still holds only what it held");

    // At most MAX_FILES wait.
    assert_eq!(admin.post("/admin/api/address/clear-uploads", json!({})).status, 200);
    for i in 0..minwon_hub::addresses::MAX_FILES {
        assert_eq!(admin.put(&format!("rnaddrkor_{i}.txt"), b"x").status, 200);
    }
    let r = admin.put("rnaddrkor_more.txt", b"x");
    assert_eq!((r.status, r.code().as_str()), (413, "hub.too-large"));
}
