//! The hub's TLS: its certificate, made on the first start, and the router served over rustls.
//!
//! `tls.key` (PKCS#8, mode 0600) and `tls.crt` (PEM) live in the data folder. On the first start
//! the hub makes a self-signed ECDSA P-256 certificate for `localhost`, `127.0.0.1` and the names
//! it is given (`--name`); an office that has its own certificate puts its key and certificate
//! there instead, before enrolling kiosks. Kiosks and mirrors do not trust a certificate
//! authority: their enrolment pins the certificate's public key (`minwon_core::pin`), so a
//! certificate issued to the hub's name by anyone else is refused. The admin's browser is shown
//! the same pin to compare (and Chromium takes it as `--ignore-certificate-errors-spki-list`).
//!
//! Each connection gets 10 s for its handshake and for its request's headers, and at most
//! [`MAX_CONNECTIONS`] are served at once, so slow clients cannot pile up connections that never
//! speak.

use crate::error::HubError;
use crate::keys::write_private;
use axum::extract::ConnectInfo;
use base64::Engine;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio_rustls::rustls;
use tower::ServiceExt;

const HANDSHAKE: Duration = Duration::from_secs(10);
/// Connections served at once; past this the hub stops accepting until one ends (the kernel
/// queues the rest), so a flood of idle connections cannot take every file descriptor.
pub const MAX_CONNECTIONS: usize = 512;

/// The hub's certificate and key, and the pin kiosks are enrolled with.
#[derive(Clone)]
pub struct HubTls {
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
    pin: String,
}

impl std::fmt::Debug for HubTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HubTls({})", self.pin)
    }
}

fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The DER inside the first PEM block with `label`, or the bytes themselves if they are not PEM.
fn unpem(label: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let Ok(text) = std::str::from_utf8(bytes) else { return Some(bytes.to_vec()) };
    let begin = format!("-----BEGIN {label}-----");
    let start = text.find(&begin)? + begin.len();
    let end = text[start..].find("-----END")? + start;
    let b64: String = text[start..end].chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

impl HubTls {
    /// Loads `tls.crt` and `tls.key` from the data folder, making them on the first start.
    pub fn load_or_create(data_dir: &Path, names: &[String]) -> Result<HubTls, HubError> {
        let (crt, key) = (data_dir.join("tls.crt"), data_dir.join("tls.key"));
        if !crt.exists() && !key.exists() {
            let mut sans = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
            sans.extend(names.iter().filter(|n| !n.is_empty()).cloned());
            let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(|_| HubError::Tls)?;
            let mut params = rcgen::CertificateParams::new(sans).map_err(|_| HubError::Tls)?;
            params.distinguished_name.push(rcgen::DnType::CommonName, "minwon-hub");
            params.not_before = rcgen::date_time_ymd(2025, 1, 1);
            params.not_after = rcgen::date_time_ymd(2045, 1, 1);
            let cert = params.self_signed(&pair).map_err(|_| HubError::Tls)?;
            write_private(&key, pem("PRIVATE KEY", &pair.serialize_der()).as_bytes())?;
            write_private(&crt, cert.pem().as_bytes())?;
        }
        let cert_der = unpem("CERTIFICATE", &std::fs::read(&crt)?).ok_or(HubError::Tls)?;
        let key_der = unpem("PRIVATE KEY", &std::fs::read(&key)?).ok_or(HubError::Tls)?;
        let pin = minwon_core::pin::spki_sha256(&cert_der).ok_or(HubError::Tls)?;
        let tls = HubTls { cert_der, key_der, pin };
        tls.server_config()?;
        Ok(tls)
    }

    /// The pin kiosks are enrolled with (SHA-256 of the certificate's public key, hex).
    pub fn pin(&self) -> &str {
        &self.pin
    }

    /// The same pin as Chromium's `--ignore-certificate-errors-spki-list` takes it (base64).
    pub fn pin_base64(&self) -> String {
        let bytes: Vec<u8> =
            (0..self.pin.len()).step_by(2).filter_map(|i| u8::from_str_radix(&self.pin[i..i + 2], 16).ok()).collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    pub fn cert_der(&self) -> &[u8] {
        &self.cert_der
    }

    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, HubError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|_| HubError::Tls)?
            .with_no_client_auth()
            .with_single_cert(
                vec![rustls::pki_types::CertificateDer::from(self.cert_der.clone())],
                rustls::pki_types::PrivateKeyDer::Pkcs8(self.key_der.clone().into()),
            )
            .map_err(|_| HubError::Tls)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

/// Serves `router` over TLS on `listener` until `shutdown` resolves. Each request carries the
/// peer's address as [`ConnectInfo`] (the login throttle counts by address).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    config: Arc<rustls::ServerConfig>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(s) => s,
                Err(_) => return,
            },
            () = &mut shutdown => return,
        };
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue }
            },
            () = &mut shutdown => return,
        };
        let acceptor = acceptor.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let Ok(Ok(stream)) = tokio::time::timeout(HANDSHAKE, acceptor.accept(tcp)).await else { return };
            let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HANDSHAKE)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The peer of a request served by [`serve`] (`None` in tests that call the router directly).
pub fn peer(parts: &axum::http::request::Parts) -> Option<SocketAddr> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_is_made_once_private_and_its_pin_is_its_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = HubTls::load_or_create(dir.path(), &["hub.jongno.local".into()]).expect("made");
        let b = HubTls::load_or_create(dir.path(), &[]).expect("loaded");
        assert_eq!(a.pin(), b.pin(), "the same key on the next start");
        assert_eq!(a.pin().len(), 64);
        assert!(minwon_core::pin::matches(a.cert_der(), a.pin()));
        assert_eq!(a.pin_base64().len(), 44);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("tls.key")).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let other = tempfile::tempdir().expect("temp dir");
        let c = HubTls::load_or_create(other.path(), &[]).expect("made");
        assert_ne!(a.pin(), c.pin(), "another hub, another key");
        assert!(!minwon_core::pin::matches(c.cert_der(), a.pin()));
    }
}
