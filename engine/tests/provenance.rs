//! Provenance the hub checks itself. A passport's chip (the specimen, its EF.SOD signed by a test
//! PKI made with OpenSSL) pre-fills the form on a real kiosk; the submission carries the chip's
//! evidence, sealed; the hub runs passive authentication on it against its own CSCA and lists the
//! pre-filled values as chip-verified. A submission whose value was changed, whose chip data was
//! altered, or that reaches a hub not trusting that CSCA, is listed as only claimed by the kiosk.

#[path = "../../hardware/tests/common/mod.rs"]
mod pki;

use minwon_core::session::{DocumentKey, Submission};
use minwon_core::{Answer, Provenance, Timestamp};
use minwon_engine::identity::{IdentitySource, SourceEvent};
use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
use minwon_hardware::card::document::ReadResult;
use minwon_hardware::card::lds::FileId;
use minwon_hardware::card::pa::{self, TrustStore};
use minwon_hardware::card::reader::{os_entropy, ReadConfig, ReadDocument};
use minwon_hardware::card::specimen::{specimen_document, specimen_mrz};
use minwon_hardware::card::values::{document_data, evidence};
use minwon_hardware::card::virtual_doc::VirtualDocument;
use minwon_hub::{Hub, HubConfig};
use serde_json::{json, Value};
use std::sync::Arc;

/// Answers every read with the same document.
struct Chip(Option<minwon_core::DocumentData>, bool);

impl IdentitySource for Chip {
    fn available(&self) -> bool {
        true
    }
    fn begin_read(&mut self, _: DocumentKey) {
        self.1 = true;
    }
    fn cancel_read(&mut self) {
        self.1 = false;
    }
    fn poll_event(&mut self) -> Option<SourceEvent> {
        if std::mem::take(&mut self.1) {
            return self.0.clone().map(|d| SourceEvent::Read(Box::new(d)));
        }
        None
    }
}

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action).expect("an action");
    serde_json::to_value(k.act(action).expect("accepted")).expect("json")
}

/// The specimen as a chip serves it, EF.SOD signed by the test document signer.
fn signed_read(dir: &std::path::Path) -> ReadResult {
    pki::csca(dir, "csca", pki::CSCA_SUBJECT, &pki::EC);
    pki::signer(dir, "ds", "csca", &pki::EC, "3650");
    let mut contents = specimen_document();
    contents.files.insert(FileId::Sod, pki::sod(dir, &contents.files, "ds", &[]));
    // Read as the kiosk reads it (PACE, Chip Authentication), from the virtual chip in memory.
    let mut card = VirtualDocument::new(contents, b"provenance test");
    let key = specimen_mrz().access_key().into();
    let mut read = ReadDocument::new(&key, os_entropy().expect("OS randomness"), ReadConfig::default());
    let mut events = Vec::new();
    while let Some(cmd) = read.poll_transmit() {
        read.handle_response(&card.respond(&cmd.to_bytes()));
        events.extend(std::iter::from_fn(|| read.poll_event()));
    }
    ReadResult::from_events(events).expect("a whole read")
}

#[test]
fn the_hub_verifies_chip_values_itself_and_believes_no_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let read = signed_read(dir.path());
    let mut trust = TrustStore::default();
    trust.add_der(&std::fs::read(dir.path().join("csca.der")).expect("csca")).expect("parses");
    let now = minwon_hub::now_ms();
    let checks = pa::verify(&read.files, &trust, now / 1000);
    assert!(checks.verified(), "the kiosk's own check passes: {checks:?}");
    let mut doc = document_data(&read, &checks, Timestamp(now).kst_date());
    doc.evidence = evidence(&read);
    let sent = doc.evidence.clone().expect("evidence");
    assert_eq!(sent.data_groups.keys().copied().collect::<Vec<_>>(), [1, 11], "DG1 and DG11, not the face");

    // The hub trusts the test CSCA.
    let mut config = HubConfig::new(dir.path().join("hub"));
    config.trust_files = vec![dir.path().join("csca.der")];
    let hub = Hub::open(config).expect("hub");

    // A real kiosk: the visitor reads her passport and goes through the form.
    let clock = Arc::new(ManualClock::new(Timestamp(now)));
    let mut kc = KioskConfig::new(dir.path().join("kiosk"));
    kc.hub_key = Some(hub.agency_key().public().to_hex());
    let k = Kiosk::open(kc, clock).expect("kiosk");
    k.set_identity_source(Box::new(Chip(Some(doc), false)));
    act(&k, json!({"type": "language", "locale": "en"}));
    act(&k, json!({"type": "service", "id": "passport-reissue"}));
    act(&k, json!({"type": "choose_document"}));
    act(&k, json!({"type": "document_key", "number": "S12345678", "birth_date": "1948-03-15", "expiry": "2034-03-14"}));
    k.tick();
    for answers in [
        json!({"reason": "expired"}),
        json!({"pages": "58"}),
        json!({}),
        json!({"name-korean": "홍길순"}),
        json!({"resident-number": "480315-2345677"}),
        json!({}),
        json!({"mobile": "010-2345-6789"}),
        json!({"address": {"postcode": "03154", "line1": "서울특별시 종로구 세종대로 209"}}),
        json!({"emergency-name": "김민수"}),
        json!({"emergency-relation": "child"}),
        json!({"emergency-phone": "010-8765-4321"}),
        json!({"photo": "at-counter"}),
        json!({"privacy-consent": true}),
    ] {
        let v = act(&k, json!({"type": "next", "answers": answers}));
        assert_ne!(v["body"]["errors"].as_array().map(Vec::len).unwrap_or(0), 1, "{v}");
    }
    let v = act(&k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt", "{v}");

    // Delivered as the kiosk would, checked at the door, then read by an admin.
    let pending = k.with_outbox(|o| o.unsent(10)).expect("reads");
    assert_eq!(pending.len(), 1);
    let accept = |p: &minwon_engine::outbox::Pending| {
        use base64::Engine;
        let wire = minwon_core::wire::SealedSubmission {
            id: p.submission_id.clone(),
            form: p.form_id.clone(),
            receipt: p.receipt.clone(),
            sealed: base64::engine::general_purpose::STANDARD.encode(&p.sealed),
        };
        minwon_hub::reading::accept(hub.agency_key(), &wire).expect("accepted")
    };
    let accepted = accept(&pending[0]);
    hub.with_store(|s| s.ingest("kiosk-1", &[accepted], now)).expect("store").expect("stored");
    let source_of = |hub: &Hub, id: &str, field: &str| -> String {
        let row = hub
            .with_store(|s| s.submissions(None, 100))
            .expect("store")
            .expect("rows")
            .into_iter()
            .find(|r| r.id == id)
            .expect("stored");
        let opened = minwon_hub::reading::open(hub.agency_key(), &hub.vouch(), &row).expect("opens");
        opened.answers.iter().find(|a| a.0 == field).map(|a| a.2.to_owned()).unwrap_or_default()
    };
    let id = pending[0].submission_id.clone();
    for field in ["surname", "given-names", "old-passport-number"] {
        assert_eq!(source_of(&hub, &id, field), "chip-verified", "{field}: the hub's own check");
    }
    assert_eq!(source_of(&hub, &id, "mobile"), "typed");
    // Beside the values: the chip proved to the kiosk that it is the document's (Chip Authentication).
    let row = hub.with_store(|s| s.submissions(None, 1)).expect("store").expect("rows").remove(0);
    let opened = minwon_hub::reading::open(hub.agency_key(), &hub.vouch(), &row).expect("opens");
    assert_eq!(opened.chip, Some("genuine-ca"));

    // The same submission read by a hub that does not trust this CSCA: only claimed.
    let stranger = Hub::open(HubConfig::new(dir.path().join("hub-2"))).expect("hub");
    let row = hub.with_store(|s| s.submissions(None, 1)).expect("store").expect("rows").remove(0);
    let opened = minwon_hub::reading::open(hub.agency_key(), &stranger.vouch(), &row).expect("opens");
    assert_eq!(opened.answers.iter().find(|a| a.0 == "surname").map(|a| a.2), Some("chip-claimed"));

    // Someone with a kiosk's token and the hub's public key: the genuine evidence, but a changed
    // surname still marked as read from the chip; and the genuine values with a changed DG1.
    let key = hub.agency_key().public();
    let base: Submission = {
        let json = hub.agency_key().open(&pending[0].binding(), &pending[0].sealed).expect("opens");
        serde_json::from_slice(&json).expect("a submission")
    };
    let mut renamed = base.clone();
    for a in renamed.answers.iter_mut().filter(|a| a.field == "surname") {
        a.value = Answer::Text("KIM".into());
        assert_eq!(a.provenance, Provenance::ChipVerified);
    }
    let mut altered = base.clone();
    if let Some(e) = altered.chip_evidence.as_mut() {
        let dg1 = e.data_groups.get_mut(&1).expect("DG1");
        let last = dg1.pop().expect("a digit");
        dg1.push(if last == '0' { '1' } else { '0' });
    }
    let mut no_evidence = base.clone();
    no_evidence.chip_evidence = None;
    for (n, (forged, field, why)) in [
        (renamed, "surname", "a changed value"),
        (altered, "surname", "altered chip data"),
        (no_evidence, "surname", "no evidence"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("forged-{n}");
        let receipt = format!("Z-000{n}");
        let binding = minwon_core::sealed::Binding { id: &id, form: "passport-reissue", receipt: &receipt };
        let sealed =
            key.seal(&binding, &serde_json::to_vec(&forged).expect("json"), &mut rand_core::OsRng).expect("seals");
        let accepted = minwon_hub::Accepted { id: id.clone(), form: "passport-reissue".into(), receipt, sealed };
        hub.with_store(|s| s.ingest("kiosk-1", &[accepted], now)).expect("store").expect("stored");
        assert_eq!(source_of(&hub, &id, field), "chip-claimed", "{why}");
    }
}
