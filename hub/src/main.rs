//! The hub binary: `serve`, and the set-up commands an admin runs on the hub's machine.

use minwon_hub::{Hub, HubConfig};
use std::io::Write;
use std::path::PathBuf;

const USAGE: &str = "minwon-hub: the hub of Minwon Kiosk

  minwon-hub serve --data DIR [--listen ADDR] [--name HOST]... [--trust FILE]...
      serve the kiosks' API and the admin pages over HTTPS (default 127.0.0.1:8760); the first
      start makes the hub's certificate (for localhost, 127.0.0.1 and each --name) and prints
      the pin kiosks are enrolled with; --trust: CSCA certificates (DER) or master lists the hub
      checks chip evidence against (a value is shown as verified only if it checks out)
  minwon-hub pin --data DIR
      print the pin of the hub's certificate (SHA-256 of its public key, hex and base64)
  minwon-hub admin --data DIR --name NAME
      add an admin or set a new password (read from standard input)
  minwon-hub enrol --data DIR --kiosk ID --group GROUP --url https://HOST:PORT --out FILE
      enrol a kiosk (or give it a new key) and write the file to install on it
  minwon-hub demo --data DIR --url URL --enrolment FILE
      first start of a demo: an admin 'admin' with a new password (printed, and kept in
      DIR/demo-admin-password), kiosk-1 enrolled in group 'demo', the installed forms
      published as bundle 1; later starts print the same password and change nothing";

struct Args {
    command: String,
    data: Option<PathBuf>,
    listen: String,
    name: Option<String>,
    kiosk: Option<String>,
    group: Option<String>,
    url: Option<String>,
    out: Option<PathBuf>,
    names: Vec<String>,
    trust: Vec<PathBuf>,
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = it.next().ok_or_else(String::new)?;
    let mut a = Args {
        command,
        data: None,
        listen: "127.0.0.1:8760".into(),
        name: None,
        kiosk: None,
        group: None,
        url: None,
        out: None,
        names: Vec::new(),
        trust: Vec::new(),
    };
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = Some(value()?.into()),
            "--listen" => a.listen = value()?,
            "--trust" => a.trust.push(value()?.into()),
            "--name" if a.command == "serve" || a.command == "demo" => a.names.push(value()?),
            "--name" => a.name = Some(value()?),
            "--kiosk" => a.kiosk = Some(value()?),
            "--group" => a.group = Some(value()?),
            "--url" => a.url = Some(value()?),
            "--out" | "--enrolment" => a.out = Some(value()?.into()),
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn need<T>(v: Option<T>, what: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("{what} is needed"))
}

fn write_private(path: &std::path::Path, text: &str) -> Result<(), String> {
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(a: Args) -> Result<(), String> {
    let data = need(a.data.clone(), "--data")?;
    let mut config = HubConfig::new(data.clone());
    config.names = a.names.clone();
    config.trust_files = a.trust.clone();
    let hub = Hub::open(config).map_err(|e| e.to_string())?;
    match a.command.as_str() {
        "serve" => {
            let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
            rt.block_on(async {
                let listener =
                    tokio::net::TcpListener::bind(&a.listen).await.map_err(|e| format!("{}: {e}", a.listen))?;
                let addr = listener.local_addr().map_err(|e| e.to_string())?;
                println!("minwon-hub: serving on https://{addr}/ (admin pages at /admin/)");
                println!("minwon-hub: certificate pin {} (base64 {})", hub.tls().pin(), hub.tls().pin_base64());
                use std::io::Write;
                let _ = std::io::stdout().flush();
                hub.serve(listener, async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| e.to_string())
            })
        }
        "pin" => {
            println!("{}\n{}", hub.tls().pin(), hub.tls().pin_base64());
            Ok(())
        }
        "admin" => {
            let name = need(a.name, "--name")?;
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).map_err(|e| e.to_string())?;
            let password = password.trim_end_matches(['\r', '\n']);
            hub.with_store(|s| s.set_admin(&name, password, minwon_hub::now_ms())).and_then(|r| r).map_err(|e| {
                format!("{e} (passwords have at least {} characters)", minwon_hub::accounts::MIN_PASSWORD_CHARS)
            })?;
            println!("minwon-hub: admin {name} is set");
            Ok(())
        }
        "enrol" | "enroll" => {
            let e = hub
                .enrol(&need(a.kiosk, "--kiosk")?, &need(a.group, "--group")?, &need(a.url, "--url")?, "command line")
                .map_err(|e| e.to_string())?;
            let out = need(a.out, "--out")?;
            write_private(&out, &toml::to_string(&e).map_err(|e| e.to_string())?)?;
            println!("minwon-hub: {} enrolled; install {} on it (--enrolment)", e.kiosk_id, out.display());
            Ok(())
        }
        "demo" => {
            let password_file = data.join("demo-admin-password");
            let out = need(a.out, "--enrolment")?;
            let url = need(a.url.clone(), "--url")?;
            // An enrolment from before the hub spoke TLS (no pin, or another one) is made again.
            let current = std::fs::read_to_string(&out)
                .ok()
                .and_then(|t| toml::from_str::<minwon_hub::Enrolment>(&t).ok())
                .is_some_and(|e| e.hub_cert == hub.tls().pin() && e.hub_url == url);
            if password_file.exists() && !current {
                let e = hub.enrol("kiosk-1", "demo", &url, "demo set-up").map_err(|e| e.to_string())?;
                write_private(&out, &toml::to_string(&e).map_err(|e| e.to_string())?)?;
            }
            if !password_file.exists() {
                let mut raw = [0u8; 9];
                getrandom::getrandom(&mut raw).map_err(|e| e.to_string())?;
                // Letters and digits that do not look alike, in three groups: easy to type.
                const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
                let chars: String = raw.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect();
                let password = format!("{}-{}-{}", &chars[0..3], &chars[3..6], &chars[6..9]);
                let password = format!("{password}-demo");
                hub.with_store(|s| s.set_admin("admin", &password, minwon_hub::now_ms()))
                    .and_then(|r| r)
                    .map_err(|e| e.to_string())?;
                let e =
                    hub.enrol("kiosk-1", "demo", &need(a.url, "--url")?, "demo set-up").map_err(|e| e.to_string())?;
                write_private(&out, &toml::to_string(&e).map_err(|e| e.to_string())?)?;
                hub.publish("all", "demo set-up", "the installed forms").map_err(|e| e.to_string())?;
                write_private(&password_file, &password)?;
            }
            let password = std::fs::read_to_string(&password_file).map_err(|e| e.to_string())?;
            println!("minwon-hub: demo admin: name admin, password {}", password.trim());
            Ok(())
        }
        other => Err(format!("unknown command {other}")),
    }
}

fn main() {
    let code = match parse(std::env::args().skip(1)).and_then(run) {
        Ok(()) => 0,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            0
        }
        Err(msg) => {
            eprintln!("minwon-hub: {msg}\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
