//! The elliptic-curve operations PACE needs (generic mapping and key agreement), on the standard domain parameters.
//!
//! ICAO 9303 part 11, 9.5.1 numbers the standard domain parameters; we map on the
//! four curves documents use in practice. The arithmetic is RustCrypto's (`p256`,
//! `p384`, `bp256`, `bp384`, all on one `elliptic-curve` version); this module only
//! moves bytes in and out: secrets are big-endian scalars of the field size,
//! points are SEC 1 uncompressed (`04 || X || Y`), as they travel in PACE.

use crate::error::CardError;
use elliptic_curve::ff::{Field, PrimeField};
use elliptic_curve::point::AffineCoordinates;
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{CurveArithmetic, FieldBytes, FieldBytesSize, Group};

/// A standardized domain parameter set (its PACE parameter id in the comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// 12: NIST P-256 (secp256r1)
    P256,
    /// 13: brainpoolP256r1
    BrainpoolP256r1,
    /// 15: NIST P-384 (secp384r1)
    P384,
    /// 16: brainpoolP384r1
    BrainpoolP384r1,
}

impl Domain {
    pub fn from_parameter_id(id: u8) -> Option<Domain> {
        match id {
            12 => Some(Domain::P256),
            13 => Some(Domain::BrainpoolP256r1),
            15 => Some(Domain::P384),
            16 => Some(Domain::BrainpoolP384r1),
            _ => None,
        }
    }

    pub fn parameter_id(self) -> u8 {
        match self {
            Domain::P256 => 12,
            Domain::BrainpoolP256r1 => 13,
            Domain::P384 => 15,
            Domain::BrainpoolP384r1 => 16,
        }
    }

    /// The curve's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Domain::P256 => "P-256",
            Domain::BrainpoolP256r1 => "brainpoolP256r1",
            Domain::P384 => "P-384",
            Domain::BrainpoolP384r1 => "brainpoolP384r1",
        }
    }

    /// Bytes in a field element (and so in a secret scalar).
    pub fn size(self) -> usize {
        match self {
            Domain::P256 | Domain::BrainpoolP256r1 => 32,
            Domain::P384 | Domain::BrainpoolP384r1 => 48,
        }
    }

    /// Draws a secret scalar: `fill` gives random bytes; values outside `1..n` are drawn again.
    pub fn secret(self, fill: &mut dyn FnMut(&mut [u8])) -> Vec<u8> {
        loop {
            let mut candidate = vec![0u8; self.size()];
            fill(&mut candidate);
            if self.is_secret(&candidate) {
                return candidate;
            }
        }
    }

    fn is_secret(self, bytes: &[u8]) -> bool {
        match self {
            Domain::P256 => scalar::<nistp256::NistP256>(bytes).is_ok(),
            Domain::BrainpoolP256r1 => scalar::<bp256::BrainpoolP256r1>(bytes).is_ok(),
            Domain::P384 => scalar::<nistp384::NistP384>(bytes).is_ok(),
            Domain::BrainpoolP384r1 => scalar::<bp384::BrainpoolP384r1>(bytes).is_ok(),
        }
    }

    /// `secret · generator`, with the curve's own generator when `generator` is `None`.
    pub fn public(self, secret: &[u8], generator: Option<&[u8]>) -> Result<Vec<u8>, CardError> {
        match self {
            Domain::P256 => public::<nistp256::NistP256>(secret, generator),
            Domain::BrainpoolP256r1 => public::<bp256::BrainpoolP256r1>(secret, generator),
            Domain::P384 => public::<nistp384::NistP384>(secret, generator),
            Domain::BrainpoolP384r1 => public::<bp384::BrainpoolP384r1>(secret, generator),
        }
    }

    /// Generic mapping (part 11, 4.4.3.3.1): `Ĝ = s · G + H` with `H = secret · their_public`.
    pub fn map_generator(self, nonce: &[u8], secret: &[u8], their_public: &[u8]) -> Result<Vec<u8>, CardError> {
        match self {
            Domain::P256 => map::<nistp256::NistP256>(nonce, secret, their_public),
            Domain::BrainpoolP256r1 => map::<bp256::BrainpoolP256r1>(nonce, secret, their_public),
            Domain::P384 => map::<nistp384::NistP384>(nonce, secret, their_public),
            Domain::BrainpoolP384r1 => map::<bp384::BrainpoolP384r1>(nonce, secret, their_public),
        }
    }

    /// The curve's base point `G`, uncompressed.
    pub fn generator(self) -> Result<Vec<u8>, CardError> {
        let mut one = vec![0u8; self.size()];
        one[self.size() - 1] = 1;
        self.public(&one, None)
    }

    /// Whether `point` is an uncompressed point of this curve (not the identity).
    pub fn check_point(self, bytes: &[u8]) -> Result<(), CardError> {
        match self {
            Domain::P256 => point::<nistp256::NistP256>(bytes).map(|_| ()),
            Domain::BrainpoolP256r1 => point::<bp256::BrainpoolP256r1>(bytes).map(|_| ()),
            Domain::P384 => point::<nistp384::NistP384>(bytes).map(|_| ()),
            Domain::BrainpoolP384r1 => point::<bp384::BrainpoolP384r1>(bytes).map(|_| ()),
        }
    }

    /// The shared secret of key agreement: the x coordinate of `secret · their_public`.
    pub fn shared_x(self, secret: &[u8], their_public: &[u8]) -> Result<Vec<u8>, CardError> {
        match self {
            Domain::P256 => shared_x::<nistp256::NistP256>(secret, their_public),
            Domain::BrainpoolP256r1 => shared_x::<bp256::BrainpoolP256r1>(secret, their_public),
            Domain::P384 => shared_x::<nistp384::NistP384>(secret, their_public),
            Domain::BrainpoolP384r1 => shared_x::<bp384::BrainpoolP384r1>(secret, their_public),
        }
    }
}

/// A non-zero scalar below the group order, from big-endian bytes no longer than the field.
fn scalar<C: CurveArithmetic>(bytes: &[u8]) -> Result<C::Scalar, CardError> {
    let mut repr = FieldBytes::<C>::default();
    let n = repr.len();
    if bytes.len() > n {
        return Err(CardError::Malformed("pace: scalar too long"));
    }
    repr[n - bytes.len()..].copy_from_slice(bytes);
    let s: Option<C::Scalar> = C::Scalar::from_repr(repr).into();
    match s {
        Some(s) if !bool::from(s.is_zero()) => Ok(s),
        _ => Err(CardError::Malformed("pace: scalar out of range")),
    }
}

/// A point on the curve, not the identity; anything else (wrong length, off the curve) is an error.
fn point<C>(bytes: &[u8]) -> Result<C::ProjectivePoint, CardError>
where
    C: CurveArithmetic,
    C::AffinePoint: FromSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    if bytes.first() != Some(&0x04) {
        return Err(CardError::Malformed("pace: point not uncompressed"));
    }
    let affine = C::AffinePoint::from_sec1_bytes(bytes).map_err(|_| CardError::Malformed("pace: not a curve point"))?;
    let p = C::ProjectivePoint::from(affine);
    if bool::from(p.is_identity()) {
        return Err(CardError::Malformed("pace: point at infinity"));
    }
    Ok(p)
}

fn encode<C>(p: C::ProjectivePoint) -> Result<Vec<u8>, CardError>
where
    C: CurveArithmetic,
    C::AffinePoint: ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    if bool::from(p.is_identity()) {
        return Err(CardError::Malformed("pace: point at infinity"));
    }
    let affine: C::AffinePoint = p.into();
    Ok(affine.to_sec1_point(false).as_bytes().to_vec())
}

fn public<C>(secret: &[u8], generator: Option<&[u8]>) -> Result<Vec<u8>, CardError>
where
    C: CurveArithmetic,
    C::AffinePoint: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let k = scalar::<C>(secret)?;
    let g = match generator {
        Some(g) => point::<C>(g)?,
        None => C::ProjectivePoint::generator(),
    };
    encode::<C>(g * k)
}

fn map<C>(nonce: &[u8], secret: &[u8], their_public: &[u8]) -> Result<Vec<u8>, CardError>
where
    C: CurveArithmetic,
    C::AffinePoint: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let s = scalar::<C>(nonce)?;
    let h = point::<C>(their_public)? * scalar::<C>(secret)?;
    if bool::from(h.is_identity()) {
        return Err(CardError::Malformed("pace: mapping point at infinity"));
    }
    encode::<C>(C::ProjectivePoint::generator() * s + h)
}

fn shared_x<C>(secret: &[u8], their_public: &[u8]) -> Result<Vec<u8>, CardError>
where
    C: CurveArithmetic,
    C::AffinePoint: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let k = point::<C>(their_public)? * scalar::<C>(secret)?;
    if bool::from(k.is_identity()) {
        return Err(CardError::Malformed("pace: shared point at infinity"));
    }
    let affine: C::AffinePoint = k.into();
    let x: FieldBytes<C> = affine.x();
    Ok(x.to_vec())
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::*;

    // ICAO 9303 part 11, appendix G.1 (ECDH generic mapping on brainpoolP256r1).
    const SK_MAP_IFD: &str = "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99";
    const SK_MAP_IC: &str = "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560";
    const PK_MAP_IFD: &str = "04 7ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E
                                 544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D";
    const PK_MAP_IC: &str = "04 824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57
                                30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54";
    const NONCE: &str = "3F00C4D39D153F2B2A214A078D899B22";
    const MAPPED: &str = "04 8CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2
                             8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522";
    const SK_EPH_IFD: &str = "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595";
    const SK_EPH_IC: &str = "107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A";
    const PK_EPH_IFD: &str = "04 2DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C
                                 3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462";
    const PK_EPH_IC: &str = "04 9E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB
                                7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094";
    const SHARED: &str = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925";

    #[test]
    fn part_11_appendix_g1_from_both_sides() {
        let d = Domain::BrainpoolP256r1;
        assert_eq!(d.public(&hex(SK_MAP_IFD), None).expect("ok"), hex(PK_MAP_IFD));
        assert_eq!(d.public(&hex(SK_MAP_IC), None).expect("ok"), hex(PK_MAP_IC));
        let terminal = d.map_generator(&hex(NONCE), &hex(SK_MAP_IFD), &hex(PK_MAP_IC)).expect("maps");
        let chip = d.map_generator(&hex(NONCE), &hex(SK_MAP_IC), &hex(PK_MAP_IFD)).expect("maps");
        assert_eq!(terminal, hex(MAPPED));
        assert_eq!(chip, hex(MAPPED));
        assert_eq!(d.public(&hex(SK_EPH_IFD), Some(&terminal)).expect("ok"), hex(PK_EPH_IFD));
        assert_eq!(d.public(&hex(SK_EPH_IC), Some(&chip)).expect("ok"), hex(PK_EPH_IC));
        assert_eq!(d.shared_x(&hex(SK_EPH_IFD), &hex(PK_EPH_IC)).expect("ok"), hex(SHARED));
        assert_eq!(d.shared_x(&hex(SK_EPH_IC), &hex(PK_EPH_IFD)).expect("ok"), hex(SHARED));
    }

    #[test]
    fn every_domain_agrees_with_itself() {
        for d in [Domain::P256, Domain::BrainpoolP256r1, Domain::P384, Domain::BrainpoolP384r1] {
            let mut counter = 0u8;
            let mut fill = |b: &mut [u8]| {
                counter = counter.wrapping_add(1);
                b.iter_mut().enumerate().for_each(|(i, x)| *x = (i as u8).wrapping_mul(31) ^ counter);
            };
            let (a, b) = (d.secret(&mut fill), d.secret(&mut fill));
            let (pa, pb) = (d.public(&a, None).expect("ok"), d.public(&b, None).expect("ok"));
            assert_eq!(pa.len(), 1 + 2 * d.size());
            let g1 = d.map_generator(&[7; 16], &a, &pb).expect("maps");
            assert_eq!(g1, d.map_generator(&[7; 16], &b, &pa).expect("maps"), "{d:?}");
            assert_eq!(Domain::from_parameter_id(d.parameter_id()), Some(d));
        }
    }

    #[test]
    fn bad_points_and_scalars_are_errors() {
        let d = Domain::BrainpoolP256r1;
        let mut off_curve = hex(PK_MAP_IC);
        off_curve[40] ^= 1;
        let not_uncompressed = [&[0x02][..], &hex(PK_MAP_IC)[1..33]].concat();
        for bad in [&off_curve[..], &hex(PK_MAP_IC)[..40], &not_uncompressed, &[0x00][..], &[][..]] {
            assert!(d.shared_x(&hex(SK_EPH_IFD), bad).is_err());
        }
        assert!(d.public(&[0; 32], None).is_err(), "zero is not a secret");
        assert!(d.public(&[0xFF; 32], None).is_err(), "above the order");
        assert!(d.public(&[1; 33], None).is_err(), "too long");
        // A public key from another curve is not on this one.
        let p256 = Domain::P256.public(&hex(SK_MAP_IFD), None).expect("ok");
        assert!(d.shared_x(&hex(SK_EPH_IFD), &p256).is_err());
    }
}
