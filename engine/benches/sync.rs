//! Benchmarks of the kiosk–hub link on this machine, printed as a table:
//! the hub's ingest rate (straight into its store, and over HTTP in batches of 50), the time one
//! kiosk takes to drain 10,000 queued submissions, and the time from an admin's publish to the
//! kiosk applying the bundle. `cargo bench -p minwon-engine --bench sync`.

use minwon_core::session::{IdentityMethod, Submission, SubmittedAnswer};
use minwon_core::{Answer, FormId, Locale, Provenance, Timestamp};
use minwon_engine::{Kiosk, KioskConfig, SystemClock};
use minwon_hub::{Accepted, Hub, HubConfig, HubStore};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn submission(n: usize) -> Submission {
    let text = |f: &str, v: String| SubmittedAnswer {
        field: f.into(),
        instance: None,
        value: Answer::Text(v),
        provenance: Provenance::Typed,
    };
    Submission {
        form: FormId("lost-item-report".into()),
        form_version: 1,
        locale: Locale::Vi,
        identity: IdentityMethod::Typed,
        answers: vec![
            text("item", "wallet".into()),
            text("description", "Ví da màu nâu, có thẻ ngân hàng và thẻ cư trú".into()),
            text("lost-date", "2026-11-20".into()),
            text("lost-place", "Ga Jongno 3-ga, tuyến 1".into()),
            text("name", format!("Khách số {n}")),
            text("mobile", "010-9876-5432".into()),
        ],
        document_checks: None,
        chip_evidence: None,
        completed_at: Timestamp(1),
    }
}

fn serve(hub: &Hub) -> (u16, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("non-blocking");
    let hub = hub.clone();
    let t = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            let _ = hub.serve(l, std::future::pending()).await;
        });
    });
    (port, t)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = HubConfig::new(dir.path().join("hub"));
    // One kiosk delivering 10,000 at once is more than a kiosk's quota: the bench measures speed.
    config.submissions_quota = minwon_hub::limits::Quota { capacity: 1e9, per_hour: 1e9 };
    let hub = Hub::open(config).expect("hub");
    let (port, _server) = serve(&hub);
    let url = format!("https://127.0.0.1:{port}");
    let enrolment = hub.enrol("kiosk-1", "jongno", &url, "bench").expect("enrolled");
    let public = minwon_core::sealed::HubPublicKey::from_hex(&enrolment.hub_key).expect("key");
    println!("| what | figure |\n|---|---|");

    // 1. The hub's store alone: 20,000 sealed submissions in batches of 50.
    {
        let mut store = HubStore::open(&dir.path().join("ingest.sqlite")).expect("store");
        let batches: Vec<Vec<Accepted>> = (0..400)
            .map(|b| {
                (0..50)
                    .map(|i| {
                        let n = b * 50 + i;
                        let id = format!("s-{n}");
                        let json = serde_json::to_vec(&submission(n)).expect("json");
                        let receipt = format!("A-{n:04}");
                        let binding =
                            minwon_core::sealed::Binding { id: &id, form: "lost-item-report", receipt: &receipt };
                        let sealed = public.seal(&binding, &json, &mut rand_core::OsRng).expect("seals");
                        Accepted { id, form: "lost-item-report".into(), sealed, receipt }
                    })
                    .collect()
            })
            .collect();
        let t = Instant::now();
        for b in &batches {
            store.ingest("kiosk-1", b, 1).expect("ingests");
        }
        let e = t.elapsed();
        println!(
            "| hub ingest, store only (WAL, synchronous=FULL, batches of 50) | {:.0} submissions/s |",
            20_000.0 / e.as_secs_f64()
        );
    }

    // 2. One kiosk drains 10,000 queued submissions over loopback HTTP (batches of 50).
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.enrol(&enrolment);
    let k = Kiosk::open(config, Arc::new(SystemClock)).expect("kiosk");
    let t = Instant::now();
    k.with_outbox(|o| {
        for n in 0..10_000 {
            o.enqueue(&submission(n), Timestamp(n as u64)).expect("queued");
        }
    });
    let queued = t.elapsed();
    let t = Instant::now();
    let sent = k.deliver_now().expect("delivered");
    let drain = t.elapsed();
    assert_eq!(sent, 10_000);
    println!(
        "| kiosk: seal + queue 10,000 submissions (one transaction each, fsync) | {:.1} s ({:.2} ms each) |",
        queued.as_secs_f64(),
        queued.as_secs_f64() * 1000.0 / 10_000.0
    );
    println!(
        "| kiosk: drain 10,000 queued submissions to the hub (HTTPS, pinned, each opened and checked at the hub, batches of 50) | {:.1} s ({:.0} submissions/s) |",
        drain.as_secs_f64(),
        10_000.0 / drain.as_secs_f64()
    );

    // 3. Publish → applied on an idle kiosk (one sync round after the publish).
    let mut rounds = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        hub.publish("jongno", "bench", "bench").expect("published");
        let _ = k.sync_now();
        let (applied, pending) = k.bundle_versions();
        assert!(applied.is_some() && pending.is_none(), "applied in the same round");
        rounds.push(t.elapsed());
    }
    let files = minwon_hub::publish::tree_files(&hub.publisher().tree()).expect("files");
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!(
        "| publish → applied on an idle kiosk ({} files, {:.0} KiB; median of 5; plus up to one sync interval, 30 s by default) | {:.0} ms |",
        files.len(),
        bytes as f64 / 1024.0,
        median(rounds).as_secs_f64() * 1000.0
    );
}
