//! Form bundles on the running kiosk: offered bundles checked and stored, applied when no visitor
//! is on it, retired when they expire, and the backoff after an offer that proved nothing.

use super::*;

impl Kiosk {
    /// An admin's bundle, offered by the hub: checked and stored at once, applied when no visitor is
    /// on the kiosk (now, if none is). Refusals come back as stable codes (`bundle.signature`, …).
    pub fn offer_bundle(&self, manifest: &[u8], signature: &str, files: &[(String, Vec<u8>)]) -> Result<u64, ApiError> {
        let now = self.clock.now();
        let mut inner = self.lock();
        match inner.bundles.stage(manifest, signature, files, now) {
            Ok(v) => {
                inner.log(format!("bundle-stored:{v}"));
                inner.bundle_backoff.succeeded();
                inner.pending_bundle = Some(v);
                inner.apply_bundle_if_idle();
                Ok(v)
            }
            Err(e) => {
                inner.log(format!("bundle-refused:{}", e.code()));
                let signed = e.signed();
                inner.bundle_refused = Some((version_of(manifest).filter(|_| signed), e.code()));
                if !signed {
                    inner.wait_for_bundles(now);
                }
                Err(ApiError::new(e.code()))
            }
        }
    }

    /// The bundle in use (`None`: the installed assets) and the one waiting, if any.
    pub fn bundle_versions(&self) -> (Option<u64>, Option<u64>) {
        let inner = self.lock();
        (inner.bundles.current().filter(|v| inner.assets_root == inner.bundles.root(*v)), inner.pending_bundle)
    }
}

impl Inner {
    /// After a refusal that proves nothing (an unsigned manifest), the next bundle check waits a
    /// growing while (1 s … 5 min, with jitter); later checks go on.
    pub(super) fn wait_for_bundles(&mut self, now: minwon_core::Timestamp) {
        let mut r = [0u8; 2];
        let _ = getrandom::getrandom(&mut r);
        let wait = self.bundle_backoff.failed(f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX));
        self.bundle_wait = Some(minwon_core::Timestamp(now.0 + wait.as_millis() as u64));
    }

    /// The bundle in use has expired: when no visitor is on the kiosk, go back to the newest stored
    /// bundle that has not (else the installed assets), and report `bundle.expired`.
    pub(super) fn retire_expired_bundle(&mut self, now: minwon_core::Timestamp) {
        let Some(in_use) = self.bundles.stored().into_iter().find(|v| self.assets_root == self.bundles.root(*v)) else {
            return;
        };
        if !self.bundles.expired(in_use, now) || self.session.screen() != minwon_core::Screen::Welcome {
            return;
        }
        let fallback = self
            .bundles
            .stored()
            .into_iter()
            .filter(|v| *v != in_use && Some(*v) <= self.bundles.current() && !self.bundles.expired(*v, now))
            .find_map(|v| Assets::load(&self.bundles.root(v)).ok().map(|a| (a, self.bundles.root(v))));
        let (assets, root) = match fallback {
            Some(found) => found,
            None => match Assets::load(&self.installed_root) {
                Ok(a) => (a, self.installed_root.clone()),
                Err(e) => {
                    self.log(format!("bundle-fallback-failed:{}", e.code()));
                    return;
                }
            },
        };
        if !self.use_assets(assets, root) {
            return;
        }
        self.bundle_refused = Some((Some(in_use), "bundle.expired"));
        self.log(format!("bundle-expired:{in_use}"));
    }

    /// Puts loaded assets in use (`false`: the session could not take their catalog now).
    pub(super) fn use_assets(&mut self, assets: Assets, root: PathBuf) -> bool {
        if !self.session.set_catalog(Arc::new(assets.catalog)) {
            return false;
        }
        self.l10n = Arc::new(assets.l10n);
        self.text_ids = assets.text_ids;
        self.message_ids = assets.message_ids;
        self.clips = Arc::new(assets.clips);
        self.address = loading::open_address_book(&self.address_index, &root, &assets.address_sets);
        self.assets_root = root;
        self.warmed = None;
        self.seq += 1;
        true
    }

    /// Switches to the waiting bundle if no visitor is on the kiosk; a bundle that does not load
    /// is dropped and the kiosk keeps what it has.
    pub(super) fn apply_bundle_if_idle(&mut self) {
        let Some(v) = self.pending_bundle else { return };
        if self.session.screen() != minwon_core::Screen::Welcome {
            return;
        }
        self.pending_bundle = None;
        let root = self.bundles.root(v);
        match Assets::load(&root) {
            Ok(a) => {
                if !self.use_assets(a, root) {
                    self.pending_bundle = Some(v);
                    return;
                }
                self.bundle_refused = None;
                match self.bundles.mark_applied(v) {
                    Ok(()) => self.log(format!("bundle-applied:{v}")),
                    Err(e) => self.log(format!("bundle-record-failed:{}", e.code())),
                }
            }
            Err(e) => self.log(format!("bundle-broken:{v}:{}", e.code())),
        }
    }
}

/// The version a manifest claims (to remember which bundle was refused), if it can be read.
pub(super) fn version_of(manifest: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(manifest).ok()?;
    text.lines().find_map(|l| l.strip_prefix("version = ")?.trim().parse().ok())
}

/// Whether `version` is already stored and waiting for the kiosk to be idle.
pub(super) fn inner_pending(kiosk: &Kiosk, version: u64) -> bool {
    kiosk.lock().pending_bundle.is_some_and(|p| p >= version)
}
