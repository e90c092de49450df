//! Key rotation. Every record, embedding, word hash and fact-key hash is re-derived under a new
//! key and a new salt in one transaction: it commits whole or not at all, so a crash leaves the
//! store under the old key. With a key file, the new key is first written beside it
//! (`memory.key.new`, synced), the store is rotated, then the file is renamed over the old one;
//! an open that finds the store already on the new key finishes the rename.
//!
//! A record that fails authentication cannot be re-encrypted; rotation then stops before
//! changing anything and names it, rather than dropping it silently.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::crypto::{self, KeyMaterial, Keys, create_key_file, record_aad};
use super::embed;
use super::error::{MemoryError, Result};
use super::store::{MemoryStore, Payload, rotated_key_path, set_meta};
use super::text;
use super::types::*;

/// What a rotation re-encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotateReport {
    pub records: usize,
    pub vectors: usize,
}

impl MemoryStore {
    /// Re-encrypts the whole store under `new`. The caller must be cleared for `secret`.
    pub fn rotate_key(&mut self, by: &str, new: &KeyMaterial) -> Result<RotateReport> {
        super::store::validate_agent(by)?;
        self.require(by, "rotate-key", Zone::Secret, "store")?;
        if !self.keys.is_encrypted() {
            return Err(MemoryError::Invalid(
                "an unencrypted benchmark store has no key to rotate".into(),
            ));
        }
        let (rows, damaged) = self.rows_where("1 = 1 ORDER BY i.rowid", [])?;
        if !damaged.is_empty() {
            return Err(MemoryError::Invalid(format!(
                "cannot rotate: {} record(s) fail authentication ({}); restore or delete them first",
                damaged.len(),
                damaged
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut vectors: Vec<(i64, String, Zone, String, Vec<u8>)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT v.item, i.id, i.zone, v.model, v.nonce, v.ciphertext FROM vectors v \
                     JOIN items i ON i.rowid = v.item",
                )
                .map_err(self.sq())?;
            let mut q = stmt.query([]).map_err(self.sq())?;
            while let Some(r) = q.next().map_err(self.sq())? {
                let id: String = r.get(1).map_err(self.sq())?;
                let zone = Zone::from_code(r.get(2).map_err(self.sq())?).unwrap_or(Zone::Secret);
                let model: String = r.get(3).map_err(self.sq())?;
                let nonce: Vec<u8> = r.get(4).map_err(self.sq())?;
                let ct: Vec<u8> = r.get(5).map_err(self.sq())?;
                let plain = self
                    .keys
                    .open(&crypto::vector_aad(&id, zone, &model), &nonce, &ct)
                    .ok_or_else(|| MemoryError::Tampered { id: id.clone() })?;
                vectors.push((r.get(0).map_err(self.sq())?, id, zone, model, plain));
            }
        }
        let salt = crypto::random_bytes::<16>()?;
        let new_keys = Keys::derive(new, &salt)?;
        let old_keys = std::mem::replace(&mut self.keys, new_keys);
        let result = self.write(|conn| {
            let sq = self.sq();
            conn.execute("DELETE FROM postings", []).map_err(&sq)?;
            conn.execute("DELETE FROM corpus", []).map_err(&sq)?;
            conn.execute("DELETE FROM terms", []).map_err(&sq)?;
            for row in &rows {
                let item = &row.item;
                let payload = Payload {
                    text: item.text.clone(),
                    sources: item.sources.clone(),
                    trace_ids: item.trace_ids.clone(),
                    fact: item.fact.clone(),
                };
                let plain = serde_json::to_vec(&payload)
                    .map_err(|e| MemoryError::Invalid(e.to_string()))?;
                let (nonce, ct) = self.keys.seal(&record_aad(&item.id, item.zone), &plain)?;
                let fact_key = item
                    .fact
                    .as_ref()
                    .map(|f| self.keys.fact_key(item.zone, &f.key));
                conn.execute(
                    "UPDATE items SET nonce = ?2, ciphertext = ?3, fact_key = ?4 WHERE rowid = ?1",
                    params![row.rowid, nonce, ct, fact_key],
                )
                .map_err(&sq)?;
                let (tf, ntokens) = text::term_frequencies(&item.text);
                self.insert_postings(conn, row.rowid, item.zone, &tf, ntokens)?;
            }
            for (rowid, id, zone, model, plain) in &vectors {
                self.store_vector(conn, *rowid, id, *zone, model, &embed::from_bytes(plain))?;
            }
            set_meta(conn, "salt", &salt).map_err(&sq)?;
            set_meta(conn, "key_check", &self.keys.key_check()?).map_err(&sq)?;
            Ok(())
        });
        if let Err(e) = result {
            self.keys = old_keys;
            return Err(e);
        }
        self.audit(by, "rotate-key", "store", Zone::Secret, "ok")?;
        Ok(RotateReport {
            records: rows.len(),
            vectors: vectors.len(),
        })
    }

    /// Rotates to a fresh random key kept in `key_file` (see the module docs for the order of
    /// steps that makes this crash-safe).
    pub fn rotate_key_file(
        &mut self,
        by: &str,
        key_file: &std::path::Path,
    ) -> Result<RotateReport> {
        let pending = rotated_key_path(key_file);
        if pending.exists() {
            // Left by a rotation that died before committing: the store never used it.
            std::fs::remove_file(&pending).map_err(|e| MemoryError::Io {
                path: pending.clone(),
                message: e.to_string(),
            })?;
        }
        let new = KeyMaterial::generate()?;
        create_key_file(&pending, &new)?;
        let report = self.rotate_key(by, &new)?;
        std::fs::rename(&pending, key_file).map_err(|e| MemoryError::Io {
            path: key_file.to_path_buf(),
            message: format!(
                "the store is rotated but the new key is still at {}: move it over the old key file ({e})",
                pending.display()
            ),
        })?;
        Ok(report)
    }
}
