//! Identifiers: documents and sentences by position, claims by a collision-free id.
//!
//! Reviewers on a desk work on copies of one session and merge them later, so a claim id
//! must never collide between copies: a [`ClaimId`] is 64 random bits, written as 16
//! lowercase hex digits (`"3f9a0c1e77b2d410"`). Two reviewers adding 10,000 claims each
//! collide with odds of about 1 in 10^11. People see a short label instead
//! ([`short_label`]): `#` and the first hex digits of the id, as many as make it unique
//! within the session (four at least), the way git shortens commit hashes.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

index_id!(
    /// Identifies a document within a session.
    DocId
);
index_id!(
    /// A sentence's position in its document's sentence list (0-based, as `segment` prints).
    SentenceId
);

impl SentenceId {
    /// The position as an index.
    pub fn idx(self) -> usize {
        self.0 as usize
    }
}

/// Identifies a claim, in this session and in every copy of it: 64 random bits.
///
/// Saved as 16 lowercase hex digits. Ordering is numeric, which equals the order of the
/// hex text, so sessions sort claims the same way in memory and on disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(pub u64);

/// The fewest hex digits a short label shows.
pub const MIN_LABEL_DIGITS: usize = 4;

impl ClaimId {
    /// A fresh random id. Falls back to a hash of the time and a counter if the system's
    /// random source fails, which keeps ids distinct within one process.
    pub fn random() -> Self {
        let mut bytes = [0u8; 8];
        if getrandom::fill(&mut bytes).is_err() {
            use std::sync::atomic::{AtomicU64, Ordering};
            static COUNTER: AtomicU64 = AtomicU64::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let count = COUNTER.fetch_add(1, Ordering::Relaxed);
            let digest = Sha256::digest(format!("{nanos}:{count}:{}", std::process::id()));
            bytes.copy_from_slice(&digest[..8]);
        }
        ClaimId(u64::from_be_bytes(bytes))
    }

    /// The id a version-1 claim gets when its file is migrated: a hash of what identifies
    /// it there, so two reviewers who migrate copies of one file get the same ids.
    pub fn migrated(content_hash: &str, old_id: u64, created: &str, span: (usize, usize)) -> Self {
        let key = format!(
            "claimdesk v1 claim\0{content_hash}\0{old_id}\0{created}\0{}\0{}",
            span.0, span.1
        );
        let digest = Sha256::digest(key.as_bytes());
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[..8]);
        ClaimId(u64::from_be_bytes(bytes))
    }

    /// The id as 16 hex digits.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// Text that is not a claim id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a claim id (16 hex digits, e.g. 3f9a0c1e77b2d410)")]
pub struct BadClaimId(pub String);

impl FromStr for ClaimId {
    type Err = BadClaimId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let is_hex = text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_hex {
            return Err(BadClaimId(text.to_owned()));
        }
        u64::from_str_radix(text, 16)
            .map(ClaimId)
            .map_err(|_| BadClaimId(text.to_owned()))
    }
}

impl Serialize for ClaimId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.hex())
    }
}

impl<'de> Deserialize<'de> for ClaimId {
    /// Reads the hex text of version 2, or the integer of a version-1 file (which the
    /// store then migrates to new ids).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl Visitor<'_> for IdVisitor {
            type Value = ClaimId;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a claim id: 16 hex digits in quotes")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<ClaimId, E> {
                text.parse().map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<ClaimId, E> {
                Ok(ClaimId(value))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<ClaimId, E> {
                u64::try_from(value)
                    .map(ClaimId)
                    .map_err(|_| E::custom(format!("claim id {value} is negative")))
            }
        }

        deserializer.deserialize_any(IdVisitor)
    }
}

/// The short label of `id` among sorted ids, given its neighbours in that order: `#` and
/// the first hex digits of the id, at least [`MIN_LABEL_DIGITS`], and enough to tell it
/// from its neighbours (in sorted order, the ids sharing the longest prefix with an id
/// are its neighbours).
pub fn short_label(id: ClaimId, before: Option<ClaimId>, after: Option<ClaimId>) -> String {
    let shared = |other: Option<ClaimId>| {
        other.map_or(0, |other| ((id.0 ^ other.0).leading_zeros() / 4) as usize)
    };
    let digits = (shared(before).max(shared(after)) + 1).clamp(MIN_LABEL_DIGITS, 16);
    format!("#{}", &id.hex()[..digits])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_as_hex_text() {
        let id = ClaimId(0x3f9a_0c1e_77b2_d410);
        assert_eq!(id.to_string(), "3f9a0c1e77b2d410");
        assert_eq!("3f9a0c1e77b2d410".parse(), Ok(id));
        assert!("3f9a".parse::<ClaimId>().is_err());
        assert!("3f9a0c1e77b2d41g".parse::<ClaimId>().is_err());
        assert!("+f9a0c1e77b2d410".parse::<ClaimId>().is_err());
    }

    #[test]
    fn random_ids_differ() {
        let ids: std::collections::BTreeSet<ClaimId> =
            (0..1000).map(|_| ClaimId::random()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn migrated_ids_are_deterministic() {
        let a = ClaimId::migrated("sha256:ab", 3, "2026-01-01T00:00:00Z", (1, 5));
        assert_eq!(
            a,
            ClaimId::migrated("sha256:ab", 3, "2026-01-01T00:00:00Z", (1, 5))
        );
        assert_ne!(
            a,
            ClaimId::migrated("sha256:ab", 4, "2026-01-01T00:00:00Z", (1, 5))
        );
    }

    #[test]
    fn labels_grow_only_to_stay_unique() {
        let ids = [
            ClaimId(0x1234_0000_0000_0000),
            ClaimId(0x1234_5000_0000_0000),
            ClaimId(0x9000_0000_0000_0000),
        ];
        assert_eq!(short_label(ids[0], None, Some(ids[1])), "#12340");
        assert_eq!(short_label(ids[1], Some(ids[0]), Some(ids[2])), "#12345");
        assert_eq!(short_label(ids[2], Some(ids[1]), None), "#9000");
    }
}
