//! Per-agent access control. Each agent has a clearance, the highest [`Zone`] it may read and
//! write (zones are ordered, so a clearance covers every zone below it). Agents nobody granted
//! anything have `public`; the agent that created the store has `secret`. A refused read or
//! write returns [`MemoryError::AccessDenied`] and leaves a row in the audit log; grants,
//! revocations, exports, imports and key rotations are audited too.
//!
//! Identity is asserted by the caller (`--agent`, or the id a server pins for its client): the
//! control keeps agents that share one store and key out of each other's zones; it is not a
//! defence against someone who holds the key and the file.

use rusqlite::{OptionalExtension, params};

use super::error::{MemoryError, Result};
use super::store::{MemoryStore, now_ms, validate_agent};
use super::types::{AuditEntry, Grant, Zone};

impl MemoryStore {
    /// The highest zone `agent` may read and write.
    pub fn clearance(&self, agent: &str) -> Result<Zone> {
        let code: Option<i64> = self
            .conn
            .query_row(
                "SELECT clearance FROM grants WHERE agent = ?1",
                [agent],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.sq())?;
        Ok(code.and_then(Zone::from_code).unwrap_or(Zone::Public))
    }

    /// Refuses (and audits) an action on `zone` beyond the agent's clearance.
    pub(crate) fn require(
        &self,
        agent: &str,
        action: &'static str,
        zone: Zone,
        target: &str,
    ) -> Result<()> {
        let clearance = self.clearance(agent)?;
        if zone <= clearance {
            return Ok(());
        }
        self.audit(agent, action, target, zone, "denied")?;
        Err(MemoryError::AccessDenied {
            agent: agent.to_string(),
            action,
            zone,
            clearance,
        })
    }

    /// Appends to the audit log (its own autocommit write, so a refusal is recorded even though
    /// the refused operation wrote nothing).
    pub(crate) fn audit(
        &self,
        agent: &str,
        action: &str,
        target: &str,
        zone: Zone,
        outcome: &str,
    ) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO audit(at, agent, action, target, zone, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![now_ms(), agent, action, target, zone.code(), outcome],
            )
            .map_err(self.sq())?;
        Ok(())
    }

    /// Raises `agent`'s clearance to `zone`. `by` must itself be cleared for `zone`.
    pub fn grant(&self, by: &str, agent: &str, zone: Zone) -> Result<Grant> {
        validate_agent(by)?;
        validate_agent(agent)?;
        self.require(by, "grant", zone, agent)?;
        self.set_clearance(by, "grant", agent, zone, |current| current.max(zone))
    }

    /// Takes `zone` (and every zone above it) away from `agent`: its clearance drops below
    /// `zone`. Revoking `public` is refused (public is everyone's).
    pub fn revoke(&self, by: &str, agent: &str, zone: Zone) -> Result<Grant> {
        validate_agent(by)?;
        validate_agent(agent)?;
        self.require(by, "revoke", zone, agent)?;
        let below = Zone::ALL
            .into_iter()
            .rev()
            .find(|z| *z < zone)
            .ok_or_else(|| {
                MemoryError::Invalid("the public zone cannot be revoked: it is everyone's".into())
            })?;
        self.set_clearance(by, "revoke", agent, zone, |current| current.min(below))
    }

    /// Stores `agent`'s new clearance, computed from its current one inside the write
    /// transaction, and audits `action` on `zone` by `by`.
    fn set_clearance(
        &self,
        by: &str,
        action: &str,
        agent: &str,
        zone: Zone,
        new_clearance: impl Fn(Zone) -> Zone,
    ) -> Result<Grant> {
        let at = now_ms();
        let clearance = self.write(|conn| {
            let clearance = new_clearance(self.clearance(agent)?);
            conn.execute(
                "INSERT INTO grants(agent, clearance, granted_by, at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(agent) DO UPDATE SET clearance = ?2, granted_by = ?3, at = ?4",
                params![agent, clearance.code(), by, at],
            )
            .map_err(self.sq())?;
            Ok(clearance)
        })?;
        self.audit(by, action, agent, zone, "ok")?;
        Ok(Grant {
            agent: agent.to_string(),
            clearance,
            granted_by: by.to_string(),
            at,
        })
    }

    /// Every explicit grant.
    pub fn grants(&self) -> Result<Vec<Grant>> {
        let mut stmt = self
            .conn
            .prepare("SELECT agent, clearance, granted_by, at FROM grants ORDER BY agent")
            .map_err(self.sq())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(self.sq())?;
        let mut out = Vec::new();
        for row in rows {
            let (agent, code, granted_by, at) = row.map_err(self.sq())?;
            out.push(Grant {
                agent,
                clearance: Zone::from_code(code).unwrap_or(Zone::Public),
                granted_by,
                at,
            });
        }
        Ok(out)
    }

    /// The latest `limit` audit entries, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT at, agent, action, target, zone, outcome FROM audit ORDER BY id DESC LIMIT ?1",
            )
            .map_err(self.sq())?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    agent: r.get(1)?,
                    action: r.get(2)?,
                    target: r.get(3)?,
                    zone: Zone::from_code(r.get(4)?).unwrap_or(Zone::Public),
                    outcome: r.get(5)?,
                })
            })
            .map_err(self.sq())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sq())
    }
}
