//! The kiosk and its hub: deliver the outbox, report in heartbeats, pull newer bundles, and the
//! background thread that does it every 30 s, backing off on failure. No lock is held while the
//! network works.

use super::*;

impl Kiosk {
    /// Whether the kiosk has a hub (its enrolment named one).
    pub fn is_enrolled(&self) -> bool {
        self.hub.is_some()
    }

    /// Sends what waits in the outbox to the hub, batch after batch, until it is empty or a batch
    /// fails; returns how many the hub acknowledged. The lock is not held while the network works.
    pub fn deliver_now(&self) -> Result<usize, String> {
        let Some(link) = self.hub.clone() else { return Err("sync.no-hub".into()) };
        let mut total = 0;
        loop {
            let batch = {
                let inner = self.lock();
                link.take(&inner.outbox, DELIVERY_BATCH).map_err(|e| e.code().to_owned())?
            };
            let Some(batch) = batch else { return Ok(total) };
            let answer = link.send(&batch);
            let mut inner = self.lock();
            match answer {
                Ok(acks) => {
                    let n = HubLink::settle(&mut inner.outbox, &batch, &acks).map_err(|e| e.code().to_owned())?;
                    inner.log(format!("sync-delivered:{n}"));
                    total += n;
                    let set_aside = acks.iter().any(|a| a.status == minwon_core::wire::AckStatus::Refused);
                    if set_aside {
                        inner.log("sync-set-aside".into());
                    }
                    if n == 0 && !set_aside {
                        // Nothing settled (conflicts only): stop here rather than loop.
                        return Ok(total);
                    }
                }
                Err(code) => {
                    let _ = HubLink::failed(&mut inner.outbox, &batch);
                    inner.log(format!("sync-failed:{code}"));
                    inner.last_error = Some(code.to_owned());
                    return Err(code.to_owned());
                }
            }
        }
    }

    /// What the kiosk tells the hub in a heartbeat (codes only).
    pub fn status(&self) -> Heartbeat {
        self.status_and_last_alert().0
    }

    /// The status, and the row of the last alert it carries (marked sent once the hub has it; an
    /// alert raised after this read waits for the next heartbeat).
    pub(super) fn status_and_last_alert(&self) -> (Heartbeat, Option<i64>) {
        let now = self.clock.now();
        let inner = self.lock();
        let alerts =
            inner.outbox.unsent_alerts_with_seq(minwon_core::wire::MAX_ALERTS_PER_HEARTBEAT).unwrap_or_default();
        let last = alerts.last().map(|a| a.0);
        let mut beat = Heartbeat {
            bundle_version: inner.bundles.current(),
            outbox_depth: inner.outbox.depth().unwrap_or(0),
            oldest_queued_s: inner.outbox.oldest().ok().flatten().map(|t| now.0.saturating_sub(t.0) / 1000),
            reader: match &inner.identity {
                Some(s) if s.available() => "ready",
                Some(_) => "no-reader",
                None => "off",
            }
            .into(),
            speech: inner.speaker.as_ref().map_or("off", |s| s.state()).into(),
            printer: inner.printer_state.into(),
            last_error: inner.last_error.clone(),
            bundle_refused: inner.bundle_refused.map(|(_, code)| code.to_owned()),
            set_aside: inner.outbox.set_aside_count().unwrap_or(0),
            alerts: alerts.into_iter().map(|(_, kind, screen, t)| AlertIn { kind, screen, raised: t.0 }).collect(),
            checks: Vec::new(),
            sent_ms: Some(now.0),
        };
        // The doctor's checks, from what the kiosk already knows (and the disk, asked now).
        let counts = crate::doctor::OutboxCounts {
            waiting: beat.outbox_depth,
            oldest: inner.outbox.oldest().ok().flatten(),
            set_aside: beat.set_aside,
        };
        let mut findings = vec![
            crate::doctor::reader_state(&beat.reader),
            crate::doctor::printer_state(&beat.printer),
            crate::doctor::speech_state(&beat.speech),
            crate::doctor::disk(crate::doctor::disk_space(&inner.data_dir)),
            crate::doctor::outbox(Ok(Some(counts)), self.hub.is_some(), now),
        ];
        if inner.speaker.is_some() {
            findings.push(crate::doctor::sound(!beat.speech.ends_with("-silent")));
        }
        beat.checks = crate::doctor::problems(&findings);
        (beat, last)
    }

    /// One round with the hub: deliver the outbox, send a heartbeat (with unsent alerts), and pull a
    /// newer bundle if the hub offers one. Returns how many submissions were delivered, or the
    /// first failure's code (a failed delivery does not stop the heartbeat).
    pub fn sync_now(&self) -> Result<usize, String> {
        let Some(link) = self.hub.clone() else { return Err("sync.no-hub".into()) };
        let delivered = self.deliver_now();
        let (beat, last_alert) = self.status_and_last_alert();
        match link.heartbeat(&beat) {
            Ok(offer) => {
                let now = self.clock.now();
                let mut inner = self.lock();
                if let Some(seq) = last_alert {
                    let _ = inner.outbox.alerts_sent(seq, now);
                }
                if delivered.is_ok() {
                    inner.last_error = None;
                }
                drop(inner);
                if let Some(v) = offer {
                    if let Err(code) = self.pull_bundle(&link, v) {
                        self.lock().log(format!("bundle-pull-failed:{code}"));
                    }
                }
            }
            Err(code) => {
                self.lock().last_error = Some(code.to_owned());
                return Err(code.to_owned());
            }
        }
        delivered
    }

    /// Fetches an offered bundle: the manifest first (refused early if it must be), then each
    /// file, then [`Kiosk::offer_bundle`]. No lock is held while the network works.
    pub(super) fn pull_bundle(&self, link: &HubLink, offered: u64) -> Result<(), String> {
        let now = self.clock.now();
        let (refused, bundles) = {
            let inner = self.lock();
            if inner.bundle_wait.is_some_and(|t| now < t) {
                return Ok(());
            }
            (inner.bundle_refused, inner.bundles.clone())
        };
        if refused.is_some_and(|(v, _)| v.is_some_and(|v| v >= offered)) || super::bundles::inner_pending(self, offered)
        {
            return Ok(());
        }
        match crate::bundles::fetch(link, &bundles, now) {
            Ok(None) => {
                self.lock().bundle_backoff.succeeded();
                Ok(())
            }
            Ok(Some(f)) => {
                self.offer_bundle(f.manifest.as_bytes(), &f.signature, &f.files).map(|_| ()).map_err(|e| e.code)
            }
            Err(FetchError::Refused { version, signed, code }) => {
                let mut inner = self.lock();
                inner.log(format!("bundle-refused:{code}"));
                inner.bundle_refused = Some((signed.then_some(version), code));
                if !signed {
                    inner.wait_for_bundles(now);
                }
                Err(code.to_owned())
            }
            Err(FetchError::Network(code)) => Err(code.to_owned()),
        }
    }

    /// Talks to the hub in the background: every `every` while things go well, backing off on failure.
    pub fn spawn_sync(&self, every: Duration) -> Ticker {
        let (stop, stopped) = mpsc::channel::<()>();
        let kiosk = self.clone();
        let handle = std::thread::Builder::new()
            .name("kiosk-sync".into())
            .spawn(move || {
                let mut backoff = Backoff::default();
                let mut wait = Duration::ZERO;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                    wait = match kiosk.sync_now() {
                        Ok(_) => {
                            backoff.succeeded();
                            every
                        }
                        Err(_) => {
                            let mut r = [0u8; 2];
                            let _ = getrandom::getrandom(&mut r);
                            backoff
                                .failed(f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX))
                                .max(every.min(Duration::from_secs(1)))
                        }
                    };
                }
            })
            .ok();
        Ticker { stop: Some(stop), handle }
    }
}
