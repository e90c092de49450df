//! Keys and sealing. Content is encrypted at rest with AES-256-GCM: a fresh random 96-bit nonce
//! per record and per write, the record id and zone bound as associated data (so a ciphertext
//! copied onto another record or relabelled into another zone fails authentication).
//!
//! Key material comes from `RLM_MEMORY_KEY` or a key file. 64 hex digits (32 random bytes, what
//! `rlm` writes into a new key file) go through HKDF-SHA256; anything else is a passphrase and
//! goes through Argon2id (19 MiB, 2 passes) first. Both use a random per-store salt kept in the
//! store. Nothing is ever padded, truncated or derived from the time.
//!
//! From the master key HKDF derives the data key and one index key per zone. Index keys turn
//! words into keyed BLAKE3 hashes for the full-text postings, so the store holds no plaintext
//! word, and the same word in two zones gives unrelated hashes.

use aes_gcm::aead::{Aead, Generate, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;
use std::path::Path;

use super::error::{MemoryError, Result};
use super::types::Zone;

/// What the key check decrypts to; a wrong key fails on it before any record is touched.
const KEY_CHECK_PLAINTEXT: &[u8] = b"rlm-memory key check v1";
const KEY_CHECK_AAD: &[u8] = b"rlm-memory/v1|key-check";
pub(crate) const NONCE_LEN: usize = 12;
const MIN_PASSPHRASE_CHARS: usize = 12;

/// Key material as the user provides it.
#[derive(Clone)]
pub enum KeyMaterial {
    /// 32 random bytes (64 hex digits in a key file or `RLM_MEMORY_KEY`).
    Raw([u8; 32]),
    /// A passphrase, stretched with Argon2id.
    Passphrase(String),
}

impl std::fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyMaterial::Raw(_) => f.write_str("KeyMaterial::Raw(..)"),
            KeyMaterial::Passphrase(_) => f.write_str("KeyMaterial::Passphrase(..)"),
        }
    }
}

impl KeyMaterial {
    /// Reads key text: 64 hex digits are raw key bytes; other text of 12 characters or more is
    /// a passphrase; shorter text is refused rather than padded.
    pub fn parse(text: &str) -> Result<KeyMaterial> {
        let text = text.trim();
        if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut raw = [0u8; 32];
            for (i, byte) in raw.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                    .map_err(|e| MemoryError::BadKey(e.to_string()))?;
            }
            return Ok(KeyMaterial::Raw(raw));
        }
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(MemoryError::BadKey(format!(
                "a memory key is 64 hex digits (32 random bytes) or a passphrase of at least \
                 {MIN_PASSPHRASE_CHARS} characters; got {} characters",
                text.chars().count()
            )));
        }
        Ok(KeyMaterial::Passphrase(text.to_string()))
    }

    /// 32 fresh random bytes from the operating system.
    pub fn generate() -> Result<KeyMaterial> {
        let raw = <[u8; 32]>::try_generate()
            .map_err(|e| MemoryError::BadKey(format!("the system RNG failed: {e}")))?;
        Ok(KeyMaterial::Raw(raw))
    }

    /// The text a key file holds (only for raw keys).
    pub fn to_key_file_text(&self) -> Option<String> {
        match self {
            KeyMaterial::Raw(raw) => Some(format!("{}\n", hex(raw))),
            KeyMaterial::Passphrase(_) => None,
        }
    }

    fn master(&self, salt: &[u8]) -> Result<[u8; 32]> {
        let mut master = [0u8; 32];
        match self {
            KeyMaterial::Raw(raw) => {
                let hk = Hkdf::<Sha256>::new(Some(salt), raw);
                hk.expand(b"rlm-memory/v1/master", &mut master)
                    .map_err(|e| MemoryError::BadKey(e.to_string()))?;
            }
            KeyMaterial::Passphrase(pass) => {
                let argon = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    argon2::Params::DEFAULT,
                );
                argon
                    .hash_password_into(pass.as_bytes(), salt, &mut master)
                    .map_err(|e| MemoryError::BadKey(e.to_string()))?;
            }
        }
        Ok(master)
    }
}

/// Reads a key file, refusing one that others can read.
pub fn read_key_file(path: &Path) -> Result<KeyMaterial> {
    let text = std::fs::read_to_string(path).map_err(|e| MemoryError::Io {
        path: path.to_path_buf(),
        message: format!("cannot read the key file: {e}"),
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                "memory key file {} is readable by other users: chmod 600 it",
                path.display()
            );
        }
    }
    KeyMaterial::parse(&text)
}

/// Writes a new key file atomically and only if none exists (two processes creating a store at
/// once agree on one key): the key goes to a private temporary file that is then hard-linked
/// into place, which fails if the name is taken.
pub fn create_key_file(path: &Path, key: &KeyMaterial) -> Result<bool> {
    let io = |message: String| MemoryError::Io {
        path: path.to_path_buf(),
        message,
    };
    let text = key
        .to_key_file_text()
        .ok_or_else(|| io("only a raw key can be written to a key file".into()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io(e.to_string()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp).map_err(|e| io(e.to_string()))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| io(e.to_string()))?;
    }
    let linked = match std::fs::hard_link(&tmp, path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(format!("cannot create the key file: {e}")));
        }
    };
    let _ = std::fs::remove_file(&tmp);
    Ok(linked)
}

/// The derived keys of one store.
#[derive(Clone)]
pub(crate) struct Keys {
    /// `None` for a plaintext store (benchmarks only).
    cipher: Option<Aes256Gcm>,
    index: [[u8; 32]; 4],
}

impl Keys {
    pub(crate) fn derive(material: &KeyMaterial, salt: &[u8]) -> Result<Keys> {
        let master = material.master(salt)?;
        let hk =
            Hkdf::<Sha256>::from_prk(&master).map_err(|e| MemoryError::BadKey(e.to_string()))?;
        let mut data = [0u8; 32];
        hk.expand(b"rlm-memory/v1/data", &mut data)
            .map_err(|e| MemoryError::BadKey(e.to_string()))?;
        let mut index = [[0u8; 32]; 4];
        for zone in Zone::ALL {
            hk.expand(
                format!("rlm-memory/v1/index/{}", zone.name()).as_bytes(),
                &mut index[zone.code() as usize],
            )
            .map_err(|e| MemoryError::BadKey(e.to_string()))?;
        }
        let cipher =
            Aes256Gcm::new_from_slice(&data).map_err(|e| MemoryError::BadKey(e.to_string()))?;
        Ok(Keys {
            cipher: Some(cipher),
            index,
        })
    }

    /// Keys of a store that keeps content in the clear: the benchmark's baseline for the
    /// encryption overhead. Word hashes still go through BLAKE3 so both runs do the same work
    /// apart from AES-GCM.
    pub(crate) fn plaintext() -> Keys {
        let mut index = [[0u8; 32]; 4];
        for zone in Zone::ALL {
            index[zone.code() as usize] =
                *blake3::hash(format!("rlm-memory/plaintext/{}", zone.name()).as_bytes())
                    .as_bytes();
        }
        Keys {
            cipher: None,
            index,
        }
    }

    pub(crate) fn is_encrypted(&self) -> bool {
        self.cipher.is_some()
    }

    /// Encrypts `plaintext` bound to `aad`; returns the nonce and the ciphertext with its tag.
    pub(crate) fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
        match &self.cipher {
            None => Ok((Vec::new(), plaintext.to_vec())),
            Some(cipher) => {
                let nonce = Nonce::try_generate()
                    .map_err(|e| MemoryError::BadKey(format!("the system RNG failed: {e}")))?;
                let ct = cipher
                    .encrypt(
                        &nonce,
                        Payload {
                            msg: plaintext,
                            aad,
                        },
                    )
                    .map_err(|_| MemoryError::Invalid("encryption failed".into()))?;
                Ok((nonce.to_vec(), ct))
            }
        }
    }

    /// Decrypts and authenticates; `None` when the tag does not verify.
    pub(crate) fn open(&self, aad: &[u8], nonce: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
        match &self.cipher {
            None => Some(ciphertext.to_vec()),
            Some(cipher) => {
                let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
                cipher
                    .decrypt(
                        &Nonce::from(nonce),
                        Payload {
                            msg: ciphertext,
                            aad,
                        },
                    )
                    .ok()
            }
        }
    }

    /// The keyed hash of a word in a zone, as stored in the postings.
    pub(crate) fn term(&self, zone: Zone, word: &str) -> i64 {
        let hash = blake3::keyed_hash(&self.index[zone.code() as usize], word.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        i64::from_le_bytes(first)
    }

    /// The keyed hash of a normalised fact key (`term` over a reserved prefix).
    pub(crate) fn fact_key(&self, zone: Zone, key: &str) -> i64 {
        self.term(zone, &format!("\u{0}fact\u{0}{key}"))
    }

    pub(crate) fn key_check(&self) -> Result<Vec<u8>> {
        let (nonce, ct) = self.seal(KEY_CHECK_AAD, KEY_CHECK_PLAINTEXT)?;
        Ok([nonce, ct].concat())
    }

    pub(crate) fn verify_key_check(&self, stored: &[u8]) -> bool {
        if self.cipher.is_none() {
            return stored == KEY_CHECK_PLAINTEXT;
        }
        if stored.len() < NONCE_LEN {
            return false;
        }
        let (nonce, ct) = stored.split_at(NONCE_LEN);
        self.open(KEY_CHECK_AAD, nonce, ct).as_deref() == Some(KEY_CHECK_PLAINTEXT)
    }
}

/// The associated data of a record: its id and zone.
pub(crate) fn record_aad(id: &str, zone: Zone) -> Vec<u8> {
    format!("rlm-memory/v1|{id}|{}", zone.name()).into_bytes()
}

/// The associated data of a record's embedding.
pub(crate) fn vector_aad(id: &str, zone: Zone, model: &str) -> Vec<u8> {
    format!("rlm-memory/v1/vector|{id}|{}|{model}", zone.name()).into_bytes()
}

/// Random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    <[u8; N]>::try_generate()
        .map_err(|e| MemoryError::BadKey(format!("the system RNG failed: {e}")))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn seal_open_round_trips_and_binds_associated_data() {
        let keys = Keys::derive(&KeyMaterial::generate().unwrap(), b"salt-salt-salt-1").unwrap();
        let aad = record_aad("ep-1", Zone::Secret);
        let (nonce, ct) = keys.seal(&aad, b"the db password is hunter2").unwrap();
        assert_eq!(nonce.len(), NONCE_LEN);
        assert!(!ct.windows(7).any(|w| w == b"hunter2"));
        assert_eq!(
            keys.open(&aad, &nonce, &ct).unwrap(),
            b"the db password is hunter2"
        );
        // Same record id, other zone: refused.
        assert_eq!(
            keys.open(&record_aad("ep-1", Zone::Public), &nonce, &ct),
            None
        );
        // Other record id: refused.
        assert_eq!(
            keys.open(&record_aad("ep-2", Zone::Secret), &nonce, &ct),
            None
        );
        let (nonce2, _) = keys.seal(&aad, b"the db password is hunter2").unwrap();
        assert_ne!(nonce, nonce2, "nonces are fresh per write");
    }

    #[test]
    fn short_keys_are_refused_not_padded() {
        let err = KeyMaterial::parse("short").unwrap_err();
        assert!(err.to_string().contains("at least 12 characters"), "{err}");
        assert!(matches!(
            KeyMaterial::parse(&"ab".repeat(32)).unwrap(),
            KeyMaterial::Raw(raw) if raw == [0xab; 32]
        ));
        assert!(matches!(
            KeyMaterial::parse("correct horse battery staple").unwrap(),
            KeyMaterial::Passphrase(_)
        ));
    }

    #[test]
    fn term_hashes_differ_per_zone_and_per_key() {
        let a = Keys::derive(&KeyMaterial::Raw([1; 32]), b"salt-salt-salt-1").unwrap();
        let b = Keys::derive(&KeyMaterial::Raw([2; 32]), b"salt-salt-salt-1").unwrap();
        assert_ne!(a.term(Zone::Public, "token"), a.term(Zone::Secret, "token"));
        assert_ne!(a.term(Zone::Public, "token"), b.term(Zone::Public, "token"));
        assert_eq!(a.term(Zone::Public, "token"), a.term(Zone::Public, "token"));
    }

    #[test]
    fn passphrase_keys_go_through_argon2id_and_check() {
        let pass = KeyMaterial::parse("correct horse battery staple").unwrap();
        let keys = Keys::derive(&pass, b"0123456789abcdef").unwrap();
        let check = keys.key_check().unwrap();
        assert!(keys.verify_key_check(&check));
        let other = Keys::derive(
            &KeyMaterial::parse("correct horse battery staplf").unwrap(),
            b"0123456789abcdef",
        )
        .unwrap();
        assert!(!other.verify_key_check(&check));
    }
}
