//! The running hub: its store, keys and authoring area behind one handle the HTTP routes share.

use crate::error::HubError;
use crate::keys;
use crate::publish::Publisher;
use crate::store::HubStore;
use ed25519_dalek::SigningKey;
use minwon_core::sealed::AgencyKey;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct HubConfig {
    pub data_dir: PathBuf,
    /// Where the first tree comes from (a folder with `assets/` and `locales/`).
    pub seed: PathBuf,
    /// The admin pages (`ui/hub`).
    pub ui: PathBuf,
    /// Mark the session cookie `Secure` (browsers send it over HTTPS and to `localhost` only).
    pub secure_cookies: bool,
}

impl HubConfig {
    pub fn new(data_dir: PathBuf) -> HubConfig {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        HubConfig {
            data_dir,
            seed: std::env::var_os("MINWON_ASSETS").map(PathBuf::from).unwrap_or_else(|| repo.clone()),
            ui: std::env::var_os("MINWON_HUB_UI").map(PathBuf::from).unwrap_or_else(|| repo.join("ui/hub")),
            secure_cookies: true,
        }
    }
}

pub(crate) struct Inner {
    pub store: Mutex<HubStore>,
    pub publisher: Publisher,
    pub agency: AgencyKey,
    pub signing: SigningKey,
    pub config: HubConfig,
}

/// A handle to the hub; clone it freely.
#[derive(Clone)]
pub struct Hub {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hub")
    }
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

pub use minwon_core::wire::Enrolment;

impl Hub {
    pub fn open(config: HubConfig) -> Result<Hub, HubError> {
        std::fs::create_dir_all(&config.data_dir)?;
        let store = HubStore::open(&config.data_dir.join("hub.sqlite"))?;
        let agency = keys::agency_key(&config.data_dir)?;
        let signing = keys::signing_key(&config.data_dir)?;
        let publisher = Publisher::open(&config.data_dir, &config.seed)?;
        Ok(Hub { inner: Arc::new(Inner { store: Mutex::new(store), publisher, agency, signing, config }) })
    }

    pub(crate) fn store(&self) -> Result<MutexGuard<'_, HubStore>, HubError> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll back).
        Ok(self.inner.store.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs `f` on the store (tests, the command line).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut HubStore) -> T) -> Result<T, HubError> {
        Ok(f(&mut *self.store()?))
    }

    pub fn publisher(&self) -> &Publisher {
        &self.inner.publisher
    }

    pub fn agency_key(&self) -> &AgencyKey {
        &self.inner.agency
    }

    pub fn admin_key_hex(&self) -> String {
        keys::hex(&self.inner.signing.verifying_key().to_bytes())
    }

    /// Enrols a kiosk (or re-keys it) and returns what the kiosk must be given.
    pub fn enrol(&self, kiosk_id: &str, group: &str, hub_url: &str, admin: &str) -> Result<Enrolment, HubError> {
        let now = now_ms();
        let mut store = self.store()?;
        let token = store.enroll(kiosk_id, group, now)?;
        store.audit(admin, "enrol", &format!("{kiosk_id} in {group}"), now)?;
        Ok(Enrolment {
            kiosk_id: kiosk_id.to_owned(),
            group: group.to_owned(),
            hub_url: hub_url.to_owned(),
            token,
            hub_key: self.inner.agency.public().to_hex(),
            admin_keys: vec![self.admin_key_hex()],
        })
    }

    /// Publishes the working tree to a kiosk group.
    pub fn publish(&self, group: &str, admin: &str, note: &str) -> Result<u64, HubError> {
        let mut store = self.store()?;
        self.inner.publisher.publish(
            &mut store,
            &self.inner.signing,
            group,
            admin,
            note,
            now_ms(),
            crate::publish::DEFAULT_VALID_DAYS,
        )
    }

    /// The HTTP routes: the kiosks' API and the admin pages.
    pub fn router(&self) -> axum::Router {
        crate::api::router(self.clone()).merge(crate::admin::router(self.clone()))
    }
}
