//! Property tests: the bundle manifest parser and verifier never panic, whatever a hub (or someone
//! in its place) sends, and a signed manifest changed in any byte is refused.

use ed25519_dalek::SigningKey;
use minwon_core::bundle::{render_manifest, sign, Audience, Expect, Manifest};
use minwon_core::Timestamp;
use proptest::prelude::*;

const NOW: u64 = 1_795_741_200_000;

fn key() -> SigningKey {
    SigningKey::from_bytes(&[9; 32])
}

fn expect_with(keys: &[ed25519_dalek::VerifyingKey]) -> Expect<'_> {
    Expect {
        keys,
        audience: Audience { hub: "ab12", group: "jongno" },
        applied: Some(1),
        now: Timestamp(NOW),
        max_bytes: 1 << 20,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_manifests_and_signatures_never_panic(manifest in prop::collection::vec(any::<u8>(), 0..600), sig in "[0-9a-f]{0,130}") {
        let pinned = [key().verifying_key()];
        let _ = Manifest::verify(&manifest, &sig, &expect_with(&pinned));
    }

    #[test]
    fn validly_signed_odd_manifests_never_panic(lines in prop::collection::vec("[a-z_\\[\\]\" =0-9./-]{0,40}", 0..12)) {
        // Signed with the pinned key: everything after the signature check is exercised.
        let text = lines.join("\n");
        let signature = sign(&key(), text.as_bytes());
        let pinned = [key().verifying_key()];
        let _ = Manifest::verify(text.as_bytes(), &signature, &expect_with(&pinned));
    }

    #[test]
    fn one_changed_byte_is_refused(at in 0usize..200, bit in 0u8..8) {
        let files: [(&str, &[u8]); 1] = [("locales/ko/forms.ftl", b"forms-x = x\n")];
        let m = render_manifest(2, NOW - 1000, NOW + 86_400_000, Audience { hub: "ab12", group: "jongno" }, files);
        let signature = sign(&key(), m.as_bytes());
        let pinned = [key().verifying_key()];
        prop_assert!(Manifest::verify(m.as_bytes(), &signature, &expect_with(&pinned)).is_ok());
        let mut bent = m.into_bytes();
        let i = at % bent.len();
        bent[i] ^= 1 << bit;
        prop_assert!(Manifest::verify(&bent, &signature, &expect_with(&pinned)).is_err());
    }
}
