//! Property tests over every parser that sees bytes from a card or text from a visitor:
//! whatever comes in, the answer is a value or a clean error, never a panic.
//! (Run longer with `PROPTEST_CASES=100000 cargo test -p minwon-hardware --test fuzz`.)

use minwon_hardware::card::apdu::{CommandApdu, ResponseApdu};
use minwon_hardware::card::curve::Domain;
use minwon_hardware::card::lds;
use minwon_hardware::card::mrz::{Mrz, MrzKey};
use minwon_hardware::card::pace::{self, AccessKey, PaceChip, PaceCipher, PaceInfo, PaceTerminal};
use minwon_hardware::card::reader::{os_entropy, ReadConfig, ReadDocument};
use minwon_hardware::card::sm::SecureMessaging;
use minwon_hardware::card::specimen::specimen_document;
use minwon_hardware::card::tlv;
use minwon_hardware::card::virtual_doc::DocumentContents;
use minwon_hardware::card::virtual_doc::VirtualDocument;
use proptest::prelude::*;
use std::sync::OnceLock;

fn specimen() -> DocumentContents {
    static DOC: OnceLock<DocumentContents> = OnceLock::new();
    DOC.get_or_init(specimen_document).clone()
}

fn mrz_text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\n é".chars().collect();
    prop::collection::vec(prop::sample::select(alphabet), 0..100).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn tlv_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = tlv::parse_all(&bytes);
        let _ = tlv::header_len(&bytes);
        if let Ok((t, _)) = tlv::parse_one(&bytes) {
            prop_assert!(t.value.len() <= bytes.len());
        }
    }

    #[test]
    fn tlv_round_trips(tag in prop::sample::select(vec![0x01u32, 0x5C, 0x87, 0x5F1F, 0x7F61]), value in prop::collection::vec(any::<u8>(), 0..600)) {
        let enc = tlv::encode(tag, &value);
        let (t, rest) = tlv::parse_one(&enc).expect("own encoding parses");
        prop_assert_eq!(t.tag, tag);
        prop_assert_eq!(t.value, &value[..]);
        prop_assert!(rest.is_empty());
    }

    #[test]
    fn mrz_never_panics(text in mrz_text(), n in 0usize..3) {
        let _ = Mrz::parse(&text);
        // Also at the exact lengths of TD1, TD2 and TD3, where the field slicing happens.
        let len = [90, 72, 88][n];
        let mut t: String = text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '<').collect();
        while t.len() < len { t.push('<'); }
        t.truncate(len);
        let _ = Mrz::parse(&t);
        let _ = MrzKey::new(&text, "480315", "340314");
    }

    #[test]
    fn data_groups_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = lds::parse_com(&bytes);
        let _ = lds::parse_dg1(&bytes);
        let _ = lds::parse_dg2(&bytes);
        let _ = lds::parse_dg11(&bytes);
        let _ = lds::parse_dg15(&bytes);
        let _ = pace::parse_security_infos(&bytes);
        let _ = pace::parse_dg14(&bytes);
        if let Ok(face) = lds::parse_dg2(&bytes) {
            let _ = lds::displayable_face(&face);
        }
    }

    #[test]
    fn jpeg_2000_decoding_never_panics(tail in prop::collection::vec(any::<u8>(), 0..300), jp2 in any::<bool>()) {
        // Past the signature, anything: the decoder sees chip bytes, so it must fail cleanly.
        let mut bytes = if jp2 { vec![0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20] } else { vec![0xFF, 0x4F, 0xFF, 0x51] };
        bytes.extend(tail);
        let face = lds::FaceImage { format: lds::ImageFormat::Jpeg2000, width: 1, height: 1, bytes };
        let _ = lds::displayable_face(&face);
    }

    #[test]
    fn pace_answers_never_panic(answers in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..90), 1..5)) {
        // A chip answering PACE with garbage: errors, never a panic, whatever the curve.
        let key = AccessKey::can("123456").expect("six digits");
        let mut fill = |b: &mut [u8]| b.iter_mut().enumerate().for_each(|(i, x)| *x = i as u8 + 1);
        for domain in [Domain::P256, Domain::BrainpoolP384r1] {
            let mut t = PaceTerminal::new(PaceInfo { cipher: PaceCipher::Aes128, domain }, &key);
            let mut chip = PaceChip::new(PaceInfo { cipher: PaceCipher::Aes256, domain }, &key);
            for a in &answers {
                let _ = t.on_nonce(a, &mut fill);
                let _ = t.on_mapping(a, &mut fill);
                let _ = t.on_key(a);
                let _ = t.finish(a);
                let _ = chip.general_authenticate(a, &mut fill);
            }
        }
    }

    #[test]
    fn apdus_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = CommandApdu::parse(&bytes);
        let _ = ResponseApdu::parse(&bytes);
    }

    #[test]
    fn secure_messaging_unwrap_never_panics(data in prop::collection::vec(any::<u8>(), 0..120), sw in any::<u16>()) {
        let mut sm = SecureMessaging::new([0x11; 16], [0x22; 16], 7);
        let r = ResponseApdu { data: data.clone(), sw: minwon_hardware::card::apdu::StatusWord(sw) };
        let _ = sm.unprotect(&r);
        let mut card = SecureMessaging::new([0x11; 16], [0x22; 16], 7);
        let cmd = CommandApdu::new(0x0C, 0xB0, 0, 0).with_data(data).with_le(0);
        let _ = card.open_command(&cmd);
    }

    #[test]
    fn the_reader_survives_any_card(answers in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..60), 1..12)) {
        let key = MrzKey::new("S12345678", "480315", "340314").expect("valid");
        let mut r = ReadDocument::new(&key.into(), os_entropy().expect("OS randomness"), ReadConfig::default());
        for a in answers {
            if r.poll_transmit().is_none() { break; }
            r.handle_response(&a);
            while r.poll_event().is_some() {}
        }
    }

    #[test]
    fn the_virtual_card_survives_any_command(cmds in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..60), 1..12)) {
        let mut card = VirtualDocument::new(specimen(), b"fuzz");
        for c in cmds {
            let answer = card.respond(&c);
            prop_assert!(answer.len() >= 2, "every answer carries a status word");
        }
    }

    #[test]
    fn the_reader_survives_a_genuine_card_with_corrupted_answers(
        flips in prop::collection::vec((0usize..60, any::<usize>(), 1u8..=255), 1..4),
        cut in prop::option::of((0usize..60, any::<usize>())),
    ) {
        // A real conversation, with a few bytes flipped or an answer cut short deep inside it:
        // the reader ends with an error or finishes, and never panics or loops.
        let key = MrzKey::new("S12345678", "480315", "340314").expect("valid");
        let mut card = VirtualDocument::new(specimen(), b"fuzz");
        let mut r = ReadDocument::new(&key.into(), os_entropy().expect("OS randomness"), ReadConfig::default());
        let mut step = 0;
        while let Some(cmd) = r.poll_transmit() {
            let mut answer = card.respond(&cmd.to_bytes());
            for (at, pos, mask) in &flips {
                if *at == step && !answer.is_empty() {
                    let i = pos % answer.len();
                    answer[i] ^= mask;
                }
            }
            if let Some((at, len)) = cut {
                if at == step {
                    answer.truncate(len % (answer.len() + 1));
                }
            }
            r.handle_response(&answer);
            while r.poll_event().is_some() {}
            step += 1;
            prop_assert!(step < 500, "the read ends");
        }
    }

    #[test]
    fn active_authentication_survives_any_signature_and_any_dg15(
        signature in prop::collection::vec(any::<u8>(), 0..200),
        dg15 in prop::collection::vec(any::<u8>(), 0..200),
        challenge in any::<[u8; 8]>(),
    ) {
        use minwon_hardware::card::aa;
        // Whatever DG15 and the chip's answer hold: a verdict, never a panic; noise is never genuine.
        if let Ok(Some(key)) = aa::parse_dg15(&dg15) {
            let _ = aa::verify(&key, &challenge, &signature);
        }
        let genuine = aa::AaKey::Rsa(aa::test_rsa_key().to_public_key());
        prop_assert!(!aa::verify(&genuine, &challenge, &signature));
        let mut wrapped = vec![0x6F];
        wrapped.push(dg15.len().min(127) as u8);
        wrapped.extend(dg15.iter().take(127));
        let _ = aa::parse_dg15(&wrapped);
    }

    #[test]
    fn chip_authentication_survives_any_dg14_and_any_answer_and_noise_is_never_genuine(
        dg14 in prop::collection::vec(any::<u8>(), 0..200),
        answers in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 1..4),
        keep_status in any::<bool>(),
    ) {
        use minwon_hardware::card::aa::ChipVerdict;
        use minwon_hardware::card::ca;
        use minwon_hardware::card::document::ReadResult;
        use minwon_hardware::card::lds::FileId;
        use minwon_hardware::card::reader::ReadEvent;
        // Any DG14: an offer, nothing, or a clean error.
        let _ = ca::offer(&dg14);
        let _ = ca::offer(&tlv::encode(0x6E, &dg14));
        let _ = ca::offer(&tlv::encode(0x6E, &tlv::encode(0x31, &dg14)));
        // The genuine specimen, whose answers from Chip Authentication on are replaced by noise
        // (with or without a plain 9000 at the end): the reader ends, and never says genuine.
        let key = MrzKey::new("S12345678", "480315", "340314").expect("valid");
        let mut card = VirtualDocument::new(specimen(), b"fuzz");
        let mut r = ReadDocument::new(&key.into(), os_entropy().expect("OS randomness"), ReadConfig::default());
        let (mut events, mut noise, mut steps) = (Vec::new(), answers.into_iter(), 0);
        let mut dg14_read = false;
        while let Some(cmd) = r.poll_transmit() {
            let mut answer = card.respond(&cmd.to_bytes());
            if dg14_read {
                answer = noise.next().unwrap_or_default();
                if keep_status {
                    answer.extend([0x90, 0x00]);
                }
            }
            r.handle_response(&answer);
            while let Some(e) = r.poll_event() {
                dg14_read |= matches!(e, ReadEvent::File { id: FileId::Dg(14), .. });
                events.push(e);
            }
            steps += 1;
            prop_assert!(steps < 500, "the read ends");
        }
        prop_assert!(dg14_read, "{:?}", events);
        prop_assert!(!events.contains(&ReadEvent::Chip(ChipVerdict::Genuine)), "{:?}", events);
        if let Ok(doc) = ReadResult::from_events(events) {
            prop_assert_ne!(doc.chip, ChipVerdict::Genuine);
        }
    }
}
