//! The comparison itself: a record against the last audit row about it, or, for a
//! record a batch-audited import created, against the fingerprint the batch recorded.
//! `Scope::Full` compares every record; `Scope::Since` only those written since a
//! checkpoint (named by audit rows after it, or by the `touched` triggers).

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, params};
use serde_json::Value;

use super::{Audited, Finding, Unaudited};
use crate::base::i18n::Msg;
use crate::domain::attendance;
use crate::error::{Error, Result};
use crate::storage::audit::SetDigest;
use crate::storage::batch::{self, BatchRecord, Fingerprint, FingerprintCache, RawRecord, fingerprint};

/// Which records a check compares.
pub enum Scope<'a> {
    /// Every record.
    Full,
    /// The records written since a checkpoint: (entity, id), as
    /// `storage::checkpoint::written_since` gives them.
    Since(&'a [(String, String)]),
}

/// What a comparison found, and how many records it compared.
pub struct Comparison {
    pub found: Vec<Unaudited>,
    pub compared: i64,
}

/// Compares the records of `kinds` in `scope` with their audit trail, both ways: a record
/// that is not what the trail says, one it does not know, one it says exists and does not.
pub fn unaudited_changes(conn: &Connection, kinds: &[Audited], scope: &Scope) -> Result<Comparison> {
    let mut judge = Judge::new(conn)?;
    let mut found = Vec::new();
    match scope {
        Scope::Full => {
            for kind in kinds {
                crate::base::progress::report(Msg::new("progress.records").arg("kind", kind.entity));
                found.extend(judge.every_record(kind)?);
            }
            if kinds.iter().any(|k| k.entity == "punch_import") {
                found.extend(punches_changed(conn, None)?);
            }
        }
        Scope::Since(written) => {
            let mut by_kind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (entity, id) in written.iter() {
                by_kind.entry(entity.as_str()).or_default().push(id.as_str());
            }
            for kind in kinds {
                let Some(ids) = by_kind.get(kind.entity) else { continue };
                crate::base::progress::report(Msg::new("progress.records").arg("kind", kind.entity));
                found.extend(judge.these_records(kind, ids)?);
                if kind.entity == "punch_import" {
                    let imports: HashSet<i64> = ids.iter().filter_map(|id| id.parse().ok()).collect();
                    found.extend(punches_changed(conn, Some(&imports))?);
                }
            }
        }
    }
    crate::base::progress::done();
    Ok(Comparison { found, compared: judge.compared })
}

/// What a comparison needs of the whole database, read once.
struct Judge<'a> {
    conn: &'a Connection,
    units: UnitCodes,
    pristine: Connection,
    batches: HashMap<String, Vec<BatchRecord>>,
    fingerprints: FingerprintCache,
    /// Records compared so far.
    compared: i64,
}

impl<'a> Judge<'a> {
    fn new(conn: &'a Connection) -> Result<Judge<'a>> {
        let mut batches: HashMap<String, Vec<BatchRecord>> = HashMap::new();
        for batch in batch::all(conn)? {
            batches.entry(batch.entity.clone()).or_default().push(batch);
        }
        Ok(Judge {
            conn,
            units: UnitCodes::load(conn)?,
            pristine: crate::storage::store::pristine()?,
            batches,
            fingerprints: FingerprintCache::default(),
            compared: 0,
        })
    }

    /// Every record of `kind`, then every record the trail or a batch says exists that
    /// is not there, then (for the batches) every batch's fingerprints.
    fn every_record(&mut self, kind: &Audited) -> Result<Vec<Unaudited>> {
        // The ids in the audit index's order (text), merged with one ordered pass over the
        // kind's audit rows: memory holds the ids and one record's rows at a time.
        let mut ids = ids_of(self.conn, kind)?;
        ids.sort_unstable();
        let mut stmt = self
            .conn
            .prepare("SELECT entity_id, before, after FROM audit WHERE entity = ?1 ORDER BY entity_id, seq")?;
        let mut trails = Trails { rows: stmt.query([kind.entity])?, ahead: None };
        let mut found = Vec::new();
        let mut next = trails.next()?;
        for id in &ids {
            while let Some((gone, trail)) = next.take_if(|(other, _)| other.as_str() < id.as_str()) {
                if trail.says_exists() {
                    found.push(unaudited(kind, &gone, Finding::Missing));
                }
                next = trails.next()?;
            }
            let trail = match next.take_if(|(other, _)| other == id) {
                Some((_, trail)) => {
                    next = trails.next()?;
                    Some(trail)
                }
                None => None,
            };
            let current = (kind.load)(self.conn, id)?;
            found.extend(self.finding(kind, id, Some(&current), trail)?.map(|f| unaudited(kind, id, f)));
        }
        while let Some((gone, trail)) = next {
            if trail.says_exists() {
                found.push(unaudited(kind, &gone, Finding::Missing));
            }
            next = trails.next()?;
        }
        let present: HashSet<&str> = ids.iter().map(String::as_str).collect();
        for batch in self.batches.get(kind.entity).cloned().unwrap_or_default() {
            for id in (batch.first_id..=batch.last_id).map(|n| n.to_string()) {
                if !present.contains(id.as_str()) && Trail::of(self.conn, kind.entity, &id)?.is_none() {
                    found.push(unaudited(kind, &id, Finding::Missing));
                }
            }
        }
        if kind.entity == batch::ENTITY {
            found.extend(self.broken_batches(self.batches.values().flatten().map(|b| b.id).collect())?);
        }
        Ok(found)
    }

    /// The records `ids` of `kind` (written since a checkpoint), present or not: one its
    /// loader does not find (no row, or "there is no …") is not there.
    fn these_records(&mut self, kind: &Audited, ids: &[&str]) -> Result<Vec<Unaudited>> {
        let mut found = Vec::new();
        for id in ids {
            let current = match (kind.load)(self.conn, id) {
                Ok(record) => Some(record),
                Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows) | Error::Invalid { .. }) => None,
                Err(other) => return Err(other),
            };
            let trail = Trail::of(self.conn, kind.entity, id)?;
            found.extend(self.finding(kind, id, current.as_ref(), trail)?.map(|f| unaudited(kind, id, f)));
        }
        if kind.entity == batch::ENTITY {
            found.extend(self.broken_batches(ids.iter().filter_map(|id| id.parse().ok()).collect())?);
        }
        Ok(found)
    }

    /// The batches among `ids` whose stored fingerprints are not the ones they recorded.
    fn broken_batches(&self, ids: HashSet<i64>) -> Result<Vec<Unaudited>> {
        let mut found = Vec::new();
        for batch in self.batches.values().flatten().filter(|b| ids.contains(&b.id)) {
            if !batch::fingerprints_hold(self.conn, batch)? {
                found.push(Unaudited {
                    entity: batch::ENTITY,
                    entity_id: batch.id.to_string(),
                    finding: Finding::Changed,
                });
            }
        }
        Ok(found)
    }

    /// How record `id` of `kind` (`current`: its state now, `None` when it is not there)
    /// disagrees with its trail, if it does.
    fn finding(
        &mut self,
        kind: &Audited,
        id: &str,
        current: Option<&Value>,
        trail: Option<Trail>,
    ) -> Result<Option<Finding>> {
        self.compared += 1;
        let batch = self.batch_of(kind.entity, id);
        let (said, first_before) = match trail {
            Some(t) => (Some(t.said(current, |after, now| self.units.agree(after, now, kind.joined))), t.first_before),
            None => (None, None),
        };
        Ok(match (current, said) {
            (Some(_), Some(Said::Is { agrees: false })) => Some(Finding::Changed),
            // Created by a batch and changed since: the first change's `before` is the
            // record as the batch created it.
            (Some(_), Some(Said::Is { agrees: true })) => match batch {
                Some(batch) => match first_before {
                    Some(created) if self.batch_holds_text(kind, &batch, &created)? => None,
                    _ => Some(Finding::NotAsImported),
                },
                None => None,
            },
            (Some(_), Some(Said::Gone)) => Some(Finding::Changed),
            (Some(now), None) => match batch {
                Some(batch) => (!self.batch_holds(kind, &batch, now)?).then_some(Finding::NotAsImported),
                None if kind.seeded => match (kind.load)(&self.pristine, id) {
                    Ok(seed) if &seed == now => None,
                    Ok(_) => Some(Finding::Changed),
                    Err(_) => Some(Finding::Unrecorded),
                },
                None => Some(Finding::Unrecorded),
            },
            (None, Some(Said::Is { .. })) => Some(Finding::Missing),
            (None, Some(Said::Gone)) => None,
            (None, None) => batch.map(|_| Finding::Missing),
        })
    }

    fn batch_of(&self, entity: &str, id: &str) -> Option<BatchRecord> {
        let n: i64 = id.parse().ok()?;
        self.batches.get(entity)?.iter().find(|b| b.covers(n)).cloned()
    }

    /// Whether `state` is the record the batch fingerprinted under its id.
    fn batch_holds(&mut self, kind: &Audited, batch: &BatchRecord, state: &Value) -> Result<bool> {
        let (id, unit) = (state.get("id").and_then(Value::as_i64), state.get("unit").and_then(Value::as_str));
        self.fingerprinted(batch, id, unit, |unit| fingerprint(state, kind.joined, unit))
    }

    /// `batch_holds` of a record as an audit row's text: read as written first, which
    /// needs no `Value`; parsed only when that does not match.
    fn batch_holds_text(&mut self, kind: &Audited, batch: &BatchRecord, text: &str) -> Result<bool> {
        if let Some(raw) = RawRecord::parse(text)
            && self.fingerprinted(batch, raw.int("id"), raw.str("unit"), |unit| raw.fingerprint(kind.joined, unit))?
        {
            return Ok(true);
        }
        match serde_json::from_str::<Value>(text) {
            Ok(state) => self.batch_holds(kind, batch, &state),
            Err(_) => Ok(false),
        }
    }

    /// Whether `batch` fingerprinted record `id` as `print` does. Its unit is named by
    /// the code it had then: any unit that ever had that code will do.
    fn fingerprinted(
        &mut self,
        batch: &BatchRecord,
        id: Option<i64>,
        unit: Option<&str>,
        print: impl Fn(Option<i64>) -> Fingerprint,
    ) -> Result<bool> {
        let Some(id) = id.filter(|n| batch.covers(*n)) else { return Ok(false) };
        let Some(stored) = self.fingerprints.get(self.conn, batch, id)? else { return Ok(false) };
        Ok(match unit {
            Some(code) => self.units.ids_named(code).any(|unit| print(Some(unit)) == stored),
            None => print(None) == stored,
        })
    }
}

fn unaudited(kind: &Audited, id: &str, finding: Finding) -> Unaudited {
    Unaudited { entity: kind.entity, entity_id: id.to_string(), finding }
}

fn ids_of(conn: &Connection, kind: &Audited) -> Result<Vec<String>> {
    Ok(conn.prepare(kind.ids)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// The punch imports (all, or those of `only`) whose punches no longer sum to the digest
/// the import recorded: a punch changed, added or deleted behind jinzhu's back. One pass
/// over every punch.
fn punches_changed(conn: &Connection, only: Option<&HashSet<i64>>) -> Result<Vec<Unaudited>> {
    crate::base::progress::report(Msg::new("progress.records").arg("kind", "punch"));
    let wanted = |id: i64| only.is_none_or(|o| o.contains(&id));
    let mut sums: HashMap<i64, SetDigest> = HashMap::new();
    let mut stmt = conn.prepare("SELECT at, person_id, import_id FROM punch")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let import: i64 = r.get(2)?;
        if wanted(import) {
            let at = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let line = attendance::punch_line(at, r.get(1)?);
            sums.entry(import).or_default().add(line.as_bytes());
        }
    }
    let mut stmt = conn.prepare("SELECT id, punches, digest FROM punch_import ORDER BY id")?;
    let imports = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
    let mut found = Vec::new();
    for import in imports {
        let (id, punches, digest) = import?;
        if !wanted(id) {
            continue;
        }
        let sum = sums.remove(&id).unwrap_or_default();
        if sum.rows != punches || sum.hex() != digest {
            found.push(Unaudited { entity: "punch_import", entity_id: id.to_string(), finding: Finding::Changed });
        }
    }
    // Punches of an import that does not exist cannot be: the foreign key refuses them,
    // unless it was switched off to write them.
    found.extend(sums.into_keys().map(|id| Unaudited {
        entity: "punch_import",
        entity_id: id.to_string(),
        finding: Finding::Unrecorded,
    }));
    Ok(found)
}

/// A record's audit rows as a check reads them: the first one's `before` (the record
/// before jinzhu first changed it) and the last one's `after` (what it became), as text.
struct Trail {
    first_before: Option<String>,
    last_after: Option<String>,
}

impl Trail {
    /// The trail of one record, `None` when it has no audit row.
    fn of(conn: &Connection, entity: &str, id: &str) -> Result<Option<Trail>> {
        let sql = "SELECT (SELECT before FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq LIMIT 1),
                          (SELECT after FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC LIMIT 1),
                          EXISTS (SELECT 1 FROM audit WHERE entity = ?1 AND entity_id = ?2)";
        let (first_before, last_after, exists): (Option<String>, Option<String>, bool) =
            conn.prepare_cached(sql)?.query_row(params![entity, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(exists.then_some(Trail { first_before, last_after }))
    }

    /// Whether the trail says the record exists: its last row has an `after`.
    fn says_exists(&self) -> bool {
        self.last_after.is_some()
    }

    /// What the last row says of the record, and whether `current` (if there is one) is
    /// what it says by `agree`. A record written as that row's very text agrees without
    /// being parsed: the common case, a million times in a full check.
    fn said(&self, current: Option<&Value>, agree: impl Fn(&Value, &Value) -> bool) -> Said {
        let Some(text) = self.last_after.as_deref() else { return Said::Gone };
        if current.is_some_and(|now| serde_json::to_string(now).is_ok_and(|now| now == text)) {
            return Said::Is { agrees: true };
        }
        match serde_json::from_str::<Value>(text) {
            Ok(after) => Said::Is { agrees: current.is_some_and(|now| agree(&after, now)) },
            Err(_) => Said::Gone,
        }
    }
}

/// What a record's last audit row says of it.
enum Said {
    /// It exists: `agrees`, whether the record now is what the row says it became.
    Is { agrees: bool },
    /// It is gone (no `after`), or the row's `after` is not JSON.
    Gone,
}

/// One audit row as a trail is folded from it: (entity_id, before, after).
type TrailRow = (String, Option<String>, Option<String>);

/// The trails of one kind's records, in the audit index's order (entity_id, then seq),
/// one record's rows folded at a time.
struct Trails<'s> {
    rows: rusqlite::Rows<'s>,
    /// The first row of the next record, read ahead.
    ahead: Option<TrailRow>,
}

impl Trails<'_> {
    fn next(&mut self) -> Result<Option<(String, Trail)>> {
        let Some((id, first_before, mut last_after)) =
            self.ahead.take().map_or_else(|| self.read(), |r| Ok(Some(r)))?
        else {
            return Ok(None);
        };
        while let Some(row) = self.read()? {
            if row.0 != id {
                self.ahead = Some(row);
                break;
            }
            last_after = row.2;
        }
        Ok(Some((id, Trail { first_before, last_after })))
    }

    fn read(&mut self) -> Result<Option<TrailRow>> {
        Ok(match self.rows.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
            None => None,
        })
    }
}

/// Every code each unit has had, from the units' audit trail, and each unit's code now.
struct UnitCodes {
    ids_of: HashMap<String, HashSet<i64>>,
    now: HashMap<String, i64>,
}

impl UnitCodes {
    fn load(conn: &Connection) -> Result<UnitCodes> {
        let mut ids_of: HashMap<String, HashSet<i64>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT before, after FROM audit WHERE entity = 'unit'")?;
        let rows = stmt.query_map([], |r| Ok([r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?]))?;
        for texts in rows {
            for text in texts?.into_iter().flatten() {
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                if let (Some(code), Some(id)) = (v["code"].as_str(), v["id"].as_i64()) {
                    ids_of.entry(code.to_string()).or_default().insert(id);
                }
            }
        }
        let now = conn
            .prepare("SELECT code, id FROM unit")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(UnitCodes { ids_of, now })
    }

    /// Every unit that has had `code`, or has it now.
    fn ids_named<'s>(&'s self, code: &str) -> impl Iterator<Item = i64> + 's {
        let mut ids: Vec<i64> = self.ids_of.get(code).into_iter().flatten().copied().collect();
        ids.extend(self.now.get(code).copied().filter(|id| !ids.contains(id)));
        ids.into_iter()
    }

    /// Whether a recorded unit code and a current one name the same unit.
    fn same_unit(&self, recorded: &Value, current: &Value) -> bool {
        if recorded == current {
            return true;
        }
        let (Some(recorded), Some(current)) = (recorded.as_str(), current.as_str()) else { return false };
        let Some(id) = self.now.get(current) else { return false };
        self.ids_of.get(recorded).is_some_and(|ids| ids.contains(id))
    }

    /// Whether the record's own fields are what the audit row says (a field the row
    /// lacks counts as null).
    fn agree(&self, recorded: &Value, current: &Value, joined: &[&str]) -> bool {
        let (Some(recorded), Some(current)) = (recorded.as_object(), current.as_object()) else {
            return recorded == current;
        };
        current.iter().filter(|(k, _)| !joined.contains(&k.as_str())).all(|(k, v)| {
            let r = recorded.get(k).unwrap_or(&Value::Null);
            if k == "unit" { self.same_unit(r, v) } else { r == v }
        })
    }
}
