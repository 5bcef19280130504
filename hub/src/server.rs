//! The running hub: its store, keys, certificate and authoring area behind one handle the HTTP
//! routes share.

use crate::error::HubError;
use crate::keys;
use crate::limits::{KioskQuota, LoginThrottle, Quota};
use crate::publish::Publisher;
use crate::store::HubStore;
use crate::tls::HubTls;
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
    /// Host names and addresses the hub's first certificate is made for, besides `localhost`
    /// and `127.0.0.1` (kiosks pin its key, so these only matter to the admins' browsers).
    pub names: Vec<String>,
    /// CSCA certificates (DER) and CSCA master lists (CMS) the hub trusts when it checks a
    /// submission's chip evidence itself.
    pub trust_files: Vec<PathBuf>,
    /// What one kiosk may send (tests and benchmarks raise them).
    pub submissions_quota: Quota,
    pub heartbeats_quota: Quota,
}

impl HubConfig {
    pub fn new(data_dir: PathBuf) -> HubConfig {
        // The installed package's copy beside the binary (`/usr/share/minwon-hub`), else the repository's.
        let repo = installed_share().unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        HubConfig {
            data_dir,
            seed: std::env::var_os("MINWON_ASSETS").map(PathBuf::from).unwrap_or_else(|| repo.clone()),
            ui: std::env::var_os("MINWON_HUB_UI").map(PathBuf::from).unwrap_or_else(|| repo.join("ui/hub")),
            names: Vec::new(),
            trust_files: Vec::new(),
            submissions_quota: crate::limits::SUBMISSIONS,
            heartbeats_quota: crate::limits::HEARTBEATS,
        }
    }
}

/// `<prefix>/share/minwon-hub` beside a running `<prefix>/bin/minwon-hub`, when it holds `assets/`.
fn installed_share() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let share = exe.parent()?.parent()?.join("share").join(exe.file_name()?);
    share.join("assets").is_dir().then_some(share)
}

pub(crate) struct Inner {
    pub store: Mutex<HubStore>,
    pub publisher: Publisher,
    pub agency: AgencyKey,
    pub signing: SigningKey,
    pub tls: HubTls,
    pub trust: Arc<minwon_card::pa::TrustStore>,
    pub config: HubConfig,
    pub logins: Mutex<LoginThrottle>,
    /// One password check at a time: a flood of logins takes one core, never the kiosks' share.
    pub login_slot: tokio::sync::Semaphore,
    pub submissions: Mutex<KioskQuota>,
    pub heartbeats: Mutex<KioskQuota>,
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

/// Takes a lock whose holder may have panicked: the data behind it stays usable (SQLite rolls a
/// half-done transaction back; the limits are counters).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// CSCA certificates (DER) and master lists (CMS), as the kiosk loads them.
fn load_trust(files: &[PathBuf]) -> Result<minwon_card::pa::TrustStore, HubError> {
    let mut store = minwon_card::pa::TrustStore::default();
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(f).map_err(|e| HubError::TrustFile(format!("{name}: {}", e.kind())))?;
        store.add_file(&bytes).map_err(|reason| HubError::TrustFile(format!("{name}: {reason}")))?;
    }
    Ok(store)
}

impl Hub {
    pub fn open(config: HubConfig) -> Result<Hub, HubError> {
        crate::keys::private_dir(&config.data_dir)?;
        let store = HubStore::open(&config.data_dir.join("hub.sqlite"))?;
        let agency = keys::agency_key(&config.data_dir)?;
        let signing = keys::signing_key(&config.data_dir)?;
        let tls = HubTls::load_or_create(&config.data_dir, &config.names)?;
        let publisher = Publisher::open(&config.data_dir, &config.seed)?;
        let trust = Arc::new(load_trust(&config.trust_files)?);
        Ok(Hub {
            inner: Arc::new(Inner {
                store: Mutex::new(store),
                publisher,
                agency,
                signing,
                tls,
                trust,
                logins: Mutex::new(LoginThrottle::default()),
                login_slot: tokio::sync::Semaphore::new(1),
                submissions: Mutex::new(KioskQuota::new(config.submissions_quota)),
                heartbeats: Mutex::new(KioskQuota::new(config.heartbeats_quota)),
                config,
            }),
        })
    }

    pub(crate) fn store(&self) -> Result<MutexGuard<'_, HubStore>, HubError> {
        Ok(lock(&self.inner.store))
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

    /// How the hub vouches for chip values: its own CSCAs, and the published forms (which field a
    /// document value pre-fills).
    pub fn vouch(&self) -> crate::reading::Vouch {
        let catalog = self.inner.publisher.checked_tree().ok().map(|t| t.catalog.clone());
        crate::reading::Vouch { trust: self.inner.trust.clone(), catalog }
    }

    /// The hub's certificate and the pin kiosks are enrolled with.
    pub fn tls(&self) -> &HubTls {
        &self.inner.tls
    }

    /// Enrols a kiosk (or re-keys it) and returns what the kiosk must be given.
    pub fn enrol(&self, kiosk_id: &str, group: &str, hub_url: &str, admin: &str) -> Result<Enrolment, HubError> {
        if !hub_url.starts_with("https://") {
            return Err(HubError::BadRequest);
        }
        let now = now_ms();
        let mut store = self.store()?;
        let token = store.enroll(kiosk_id, group, now)?;
        store.audit(admin, "enrol", &format!("{kiosk_id} in {group}"), now)?;
        Ok(Enrolment {
            kiosk_id: kiosk_id.to_owned(),
            group: group.to_owned(),
            hub_url: hub_url.to_owned(),
            hub_cert: self.inner.tls.pin().to_owned(),
            token,
            hub_key: self.inner.agency.public().to_hex(),
            admin_keys: vec![self.admin_key_hex()],
        })
    }

    /// Publishes the working tree to a kiosk group.
    pub fn publish(&self, group: &str, admin: &str, note: &str) -> Result<u64, HubError> {
        if !crate::store::plain_id(group) {
            return Err(HubError::BadRequest);
        }
        self.inner.publisher.publish(
            &self.inner.store,
            &self.inner.signing,
            crate::publish::Target { hub: self.inner.tls.pin(), group },
            admin,
            note,
            now_ms(),
            crate::publish::DEFAULT_VALID_DAYS,
        )
    }

    /// The HTTP routes: the kiosks' API and the admin pages.
    pub fn router(&self) -> axum::Router {
        crate::http::router(self.clone())
    }

    /// Serves the routes over TLS with the hub's certificate until `shutdown` resolves.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> Result<(), HubError> {
        let config = self.inner.tls.server_config()?;
        crate::tls::serve(listener, self.router(), config, shutdown).await;
        Ok(())
    }
}
