//! Bundles for the mirror, pulled and verified exactly as a kiosk does: the engine's `HubLink`
//! (heartbeats, the manifest, the files, with the mirror's own enrolment) and its `BundleStore`
//! (signature, version, expiry, size, every file's hash; stored whole). A new bundle is loaded
//! into a `Guide` here and waits in `Pending` until the controller reaches the end of a topic.

use crate::controller::Pending;
use crate::guide::Guide;
use minwon_core::wire::Heartbeat;
use minwon_engine::bundles::{fetch, BundleStore, FetchError};
use minwon_engine::delivery::HubLink;
use minwon_engine::{Clock, SystemClock};
use std::path::Path;
use std::time::Duration;

/// The newest stored bundle up to the applied one that loads and has not expired, else the
/// installed assets.
pub fn initial_guide(store: &BundleStore, installed: &Path, sign_language: &str) -> Result<Guide, crate::MirrorError> {
    let current = store.current();
    let now = SystemClock.now();
    store
        .stored()
        .into_iter()
        .filter(|v| Some(*v) <= current && !store.expired(*v, now))
        .find_map(|v| Guide::load(&store.root(v), sign_language).ok())
        .map_or_else(|| Guide::load(installed, sign_language), Ok)
}

/// The last refusal: the version when the manifest's signature verified (an unsigned offer's
/// claimed version stops nothing), and the code reported in the next heartbeat.
pub type Refused = Option<(Option<u64>, &'static str)>;

/// One round with the hub: a heartbeat, then the offered bundle if there is one. Returns the code
/// of a refused bundle (reported in the next heartbeat), or a network code.
pub fn sync_once(
    link: &HubLink,
    store: &BundleStore,
    pending: &Pending,
    sign_language: &str,
    refused: &mut Refused,
) -> Result<(), &'static str> {
    let waiting = pending.lock().map(|p| p.is_some()).unwrap_or(false);
    let beat = Heartbeat {
        bundle_version: store.current(),
        reader: "off".into(),
        speech: "ready".into(),
        bundle_refused: refused.map(|(_, c)| c.to_owned()),
        ..Heartbeat::default()
    };
    let Some(offered) = link.heartbeat(&beat)? else { return Ok(()) };
    if waiting || refused.is_some_and(|(v, _)| v.is_some_and(|v| v >= offered)) {
        return Ok(());
    }
    let fetched = match fetch(link, store, SystemClock.now()) {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(()),
        Err(FetchError::Refused { version, signed, code }) => {
            *refused = Some((signed.then_some(version), code));
            return Err(code);
        }
        Err(FetchError::Network(code)) => return Err(code),
    };
    let version = store
        .stage(fetched.manifest.as_bytes(), &fetched.signature, &fetched.files, SystemClock.now())
        .map_err(|e| {
            *refused = Some((e.signed().then_some(fetched.version), e.code()));
            e.code()
        })?;
    match Guide::load(&store.root(version), sign_language) {
        Ok(guide) => {
            let store = store.clone();
            let applied: Box<dyn FnOnce() + Send> = Box::new(move || {
                let _ = store.mark_applied(version);
            });
            if let Ok(mut p) = pending.lock() {
                *p = Some((guide, applied));
            }
            *refused = None;
            Ok(())
        }
        Err(e) => {
            *refused = Some((Some(version), "bundle.broken"));
            let _ = e;
            Err("bundle.broken")
        }
    }
}

/// Pulls bundles in the background every `every`.
pub fn spawn(link: HubLink, store: BundleStore, pending: Pending, sign_language: String, every: Duration) {
    let _ = std::thread::Builder::new().name("mirror-updates".into()).spawn(move || {
        let mut refused = None;
        loop {
            let _ = sync_once(&link, &store, &pending, &sign_language, &mut refused);
            std::thread::sleep(every);
        }
    });
}
