//! What the hub's process tests share: a real `minwon-hub` process on loopback, and a raw HTTPS
//! client that sends exactly the bytes a test writes (so `//` and `%2F` reach the hub as sent), from
//! any loopback source address (so one test can be several machines of the office).
#![allow(dead_code)] // each test file uses its own part

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// A running hub: its process, port, data folder, demo password and kiosk-1's enrolment.
pub struct HubProcess {
    pub child: Child,
    pub port: u16,
    pub data: PathBuf,
    pub password: String,
    pub enrolment: minwon_core::wire::Enrolment,
    _dir: tempfile::TempDir,
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port()
}

impl HubProcess {
    /// `minwon-hub demo` (an admin, kiosk-1 enrolled, bundle 1), then `minwon-hub serve`.
    pub fn start() -> HubProcess {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("hub");
        let port = free_port();
        let bin = env!("CARGO_BIN_EXE_minwon-hub");
        let enrolment_file = dir.path().join("kiosk-1.toml");
        let url = format!("https://127.0.0.1:{port}");
        let out = Command::new(bin)
            .args(["demo", "--data"])
            .arg(&data)
            .args(["--url", &url, "--enrolment"])
            .arg(&enrolment_file)
            .output()
            .expect("demo runs");
        assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        let password = said.rsplit("password ").next().expect("the password is printed").trim().to_owned();
        let enrolment = toml::from_str(&std::fs::read_to_string(&enrolment_file).expect("enrolment")).expect("valid");
        let child = Command::new(bin)
            .args(["serve", "--data"])
            .arg(&data)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("serve starts");
        let mut hub = HubProcess { child, port, data, password, enrolment, _dir: dir };
        let stdout = hub.child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a line").expect("text");
        assert!(first.contains("serving on https://"), "{first}");
        std::thread::spawn(move || for _ in lines {});
        hub
    }

    /// The hub's resident memory (kB), from /proc.
    pub fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    pub fn kiosk_auth(&self) -> String {
        format!("Bearer {}:{}", self.enrolment.kiosk_id, self.enrolment.token)
    }

    /// Signs in (from `from`) and returns (cookie header value, CSRF token).
    pub fn sign_in(&self, from: &str) -> (String, String) {
        let body = serde_json::json!({ "name": "admin", "password": self.password }).to_string();
        let r = self.request_from(
            from,
            "POST",
            "/admin/api/login",
            &[("content-type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(r.status, 200, "login: {}", r.text());
        let cookie = r.header("set-cookie").expect("a cookie").split(';').next().expect("name=value").to_owned();
        let csrf = r.json()["csrf"].as_str().expect("a token").to_owned();
        (cookie, csrf)
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        self.request_from("127.0.0.1", method, path, headers, body)
    }

    /// One request on a new TLS connection from the loopback address `from`.
    pub fn request_from(&self, from: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut tls = connect(from, self.port);
        let mut head = format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1:{}\r\nconnection: close\r\n", self.port);
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
        // The hub may answer and close before a refused body is all written: read what it said.
        let _ = tls.write_all(head.as_bytes()).and_then(|()| tls.write_all(body)).and_then(|()| tls.flush());
        read_answer(&mut tls)
    }
}

/// Accepts any certificate: the tests attack the hub, they do not check who it is.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(m, c, d, &self.0.signature_verification_algorithms)
    }
    fn verify_tls13_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(m, c, d, &self.0.signature_verification_algorithms)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

pub type Tls = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

/// A TLS connection to the hub from the loopback address `from` (127.x.y.z).
pub fn connect(from: &str, port: u16) -> Tls {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
        .with_no_client_auth();
    let socket = socket2_bind(from, port);
    let conn =
        rustls::ClientConnection::new(Arc::new(config), ServerName::try_from("localhost").expect("name")).expect("tls");
    rustls::StreamOwned::new(conn, socket)
}

/// A TCP connection to 127.0.0.1:`port` whose source address is `from` (any of 127.0.0.0/8).
fn socket2_bind(from: &str, port: u16) -> TcpStream {
    // std cannot bind a source address before connecting; socket2 can.
    let target: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let source: SocketAddr = format!("{from}:0").parse().expect("addr");
    let s = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    s.bind(&source.into()).expect("binds the source address");
    s.connect_timeout(&target.into(), Duration::from_secs(5)).expect("connects");
    let stream: TcpStream = s.into();
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    stream
}

/// An answer: status, headers (lowercase names), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or("").to_owned()
    }
}

pub fn read_answer(tls: &mut impl Read) -> Answer {
    let mut raw = Vec::new();
    let _ = tls.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Answer { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2.min(b.len() - eol - 2 - size)..];
    }
    out
}

pub fn data_file(hub: &HubProcess, name: &str) -> Vec<u8> {
    std::fs::read(hub.data.join(name)).expect("a file of the hub")
}
