# `minwon-kiosk doctor`: what it checks and what it found, for the office's IT staff.
# Each code's message says what is wrong and what to do; what was seen is shown in its own column.

doctor-title = Minwon Kiosk check ({ $kiosk })
doctor-head-check = Check
doctor-head-verdict = Result
doctor-head-code = Code
doctor-head-what = What it means
doctor-head-seen = Seen
doctor-summary-ok = All well.
doctor-summary-warn = The kiosk can serve visitors, but look at the warnings.
doctor-summary-fail = There are problems. Fix them as described above, then check again.

doctor-check-reader = Card reader
doctor-check-printer = Printer
doctor-check-speech = Speech
doctor-check-sound = Sound
doctor-check-hub = Hub
doctor-check-clock = Clock
doctor-check-disk = Disk
doctor-check-outbox = Outbox

doctor-verdict-ok = ok
doctor-verdict-warn = warning
doctor-verdict-fail = problem

doctor-reader-ready = A card reader is attached.
doctor-reader-off = The card reader is turned off (--no-card-reader): IDs can only be typed in.
doctor-reader-no-service = The card reader service (pcscd) does not answer. Check systemctl status pcscd.socket.
doctor-reader-none = No card reader is attached. Check its USB cable (and the name given with --reader, if any).
doctor-printer-ready = The printer is ready.
doctor-printer-off = No printer is set (--printer): receipt numbers are shown on screen only.
doctor-printer-missing = The printer device is not there. Check its power and USB cable.
doctor-printer-permission = The kiosk may not write to the printer device. Check the kiosk user is in the lp group.
doctor-printer-unreachable = The network printer does not answer. Check its power and address.
doctor-printer-paper-out = The printer is out of paper. Load a roll.
doctor-printer-cover-open = The printer's cover is open. Close it.
doctor-printer-failed = The printer cannot be written to.
doctor-speech-ready = Spoken guidance (speech-dispatcher) is ready.
doctor-speech-off = Spoken guidance is turned off (--no-speech).
doctor-speech-no-answer = speech-dispatcher does not answer: only recorded prompts play. Restart it: systemctl restart speech-dispatcher
doctor-speech-failed = speech-dispatcher cannot be reached: only recorded prompts play. Check it is installed.
doctor-sound-ready = There is a sound output.
doctor-sound-none = There is no sound output. Without speakers or an earphone jack, blind visitors cannot use the kiosk.
doctor-hub-ready = The hub answers, with the certificate pinned at enrolment.
doctor-hub-not-enrolled = Not enrolled with a hub: submissions are kept on the kiosk (minwon-kiosk enrol FILE).
doctor-sync-unreachable = The hub cannot be reached. Check the network and the hub's address. Submissions are kept safe on the kiosk.
doctor-sync-hub-certificate = The hub's certificate is not the one pinned at enrolment: another server answers, or the hub has a new certificate. Re-enrol from the hub.
doctor-sync-not-enrolled = The hub does not accept this kiosk's enrolment (re-enrolled or removed). Get a new enrolment file from the hub.
doctor-sync-hub-error = The hub answered with an error. Check the hub's log.
doctor-sync-refused = The hub refused the request.
doctor-sync-rate-limited = The hub says too many requests: check again in a moment.
doctor-sync-bad-answer = The hub's answer cannot be read.
doctor-sync-not-https = The enrolment's hub address is not https://. Re-enrol from the hub.
doctor-sync-tls = TLS cannot be set up.
doctor-clock-ok = The kiosk's clock agrees with the hub's.
doctor-clock-unknown = The clock cannot be compared with the hub's.
doctor-clock-skew = The kiosk's clock is more than a minute off the hub's. Check time synchronisation (timedatectl).
doctor-disk-ok = There is enough disk space.
doctor-disk-low = Less than 1 GiB of disk space is left.
doctor-disk-full = The disk is almost full: new submissions may not be stored.
doctor-disk-unknown = The free disk space cannot be read.
doctor-outbox-ok = The outbox is fine.
doctor-outbox-waiting = Submissions have waited more than an hour. Check the link to the hub.
doctor-outbox-set-aside = The hub refused some submissions; they are kept aside on the kiosk. Tell the hub's admin.
doctor-outbox-unreadable = The outbox cannot be read. Run the check as the kiosk's user.
