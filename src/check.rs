//! `db check`'s comparison of the registers with their audit trail: each record's
//! current state must be what its last audit row says it became, every record the trail
//! says exists must exist, and every frozen month and year must still hash to the digest
//! its close recorded. It sits above the capabilities (it asks each for its audited form),
//! so that the audit chain in `storage` knows nothing of persons or assignments.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::base::i18n::Msg;
use crate::domain::{appraisal, attendance, calendar, leave, org, personnel, register, stationing};
use crate::error::Result;
use crate::storage::store::Tx;

/// How a record and its audit trail disagree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Finding {
    /// Its state is not what its last audit row says it became.
    Changed,
    /// It has no audit row at all (inserted behind jinzhu's back).
    Unrecorded,
    /// Its audit trail says it exists, and it does not (deleted behind jinzhu's back).
    Missing,
}

impl Finding {
    pub fn label_key(self) -> &'static str {
        match self {
            Finding::Changed => "check.finding.changed",
            Finding::Unrecorded => "check.finding.unrecorded",
            Finding::Missing => "check.finding.missing",
        }
    }
}

/// A record that does not agree with its audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Unaudited {
    pub entity: &'static str,
    pub entity_id: String,
    pub finding: Finding,
}

/// How a record is loaded as the JSON its audit rows hold.
pub type Loader = fn(&Connection, &str) -> Result<Value>;

/// A register `db check` compares with its audit trail.
pub struct Audited {
    pub entity: &'static str,
    /// The ids it is audited under, as text.
    pub ids: &'static str,
    pub load: Loader,
    /// Fields that are not the record's own (a person's name in an assignment, days
    /// counted by the calendar): their own records' audit rows follow them instead.
    pub joined: &'static [&'static str],
    /// Rows the schema itself creates (the leave types), audited only once changed.
    pub seeded: bool,
}

const fn kind(entity: &'static str, ids: &'static str, load: Loader, joined: &'static [&'static str]) -> Audited {
    Audited { entity, ids, load, joined, seeded: false }
}

/// Every audited register. A field named `unit` holds a unit's code and is compared by
/// the unit it names, so that a unit's new code (`unit edit`) is not taken for a change.
pub const AUDITED_RECORDS: &[Audited] = &[
    kind("center", "SELECT CAST(id AS TEXT) FROM center ORDER BY id", org::center_audited_json, &[]),
    kind("unit", "SELECT code FROM unit ORDER BY code", org::unit_audited_json, &[]),
    kind("person", "SELECT CAST(id AS TEXT) FROM person ORDER BY id", personnel::audited_json, &[]),
    kind(
        "assignment",
        "SELECT CAST(id AS TEXT) FROM assignment ORDER BY id",
        stationing::audited_json,
        &["person", "id_number", "center"],
    ),
    kind("chief", "SELECT CAST(id AS TEXT) FROM chief ORDER BY id", stationing::chief_json, &["person", "unit_name"]),
    kind(
        "reassignment",
        "SELECT CAST(id AS TEXT) FROM reassignment ORDER BY id",
        stationing::request_json,
        &["replaced", "replacement"],
    ),
    kind(
        "unit_volume",
        "SELECT u.code || '/' || v.month FROM unit_volume v JOIN unit u ON u.id = v.unit_id ORDER BY 1",
        org::volume_json,
        &[],
    ),
    kind("incident", "SELECT CAST(id AS TEXT) FROM unit_incident ORDER BY id", org::incident_json, &[]),
    kind("calendar", "SELECT DISTINCT substr(date, 1, 4) FROM calendar_day ORDER BY 1", calendar::audited_json, &[]),
    Audited {
        entity: "leave_type",
        ids: "SELECT type FROM leave_type ORDER BY type",
        load: leave::leave_type_json,
        joined: &[],
        seeded: true,
    },
    kind(
        "leave",
        "SELECT CAST(id AS TEXT) FROM leave ORDER BY id",
        leave::audited_json,
        &["person", "id_number", "counting", "days", "days_taken"],
    ),
    kind("rulebook", "SELECT effective FROM rulebook ORDER BY effective", appraisal::audited::rulebook_json, &[]),
    kind("review", "SELECT CAST(id AS TEXT) FROM review ORDER BY id", appraisal::audited::review_json, &[]),
    kind(
        "rectification",
        "SELECT CAST(review_id AS TEXT) FROM rectification ORDER BY review_id",
        appraisal::rectification_json,
        &[],
    ),
    kind(
        "appraisal_event",
        "SELECT CAST(id AS TEXT) FROM appraisal_event ORDER BY id",
        appraisal::audited::event_json,
        &["name", "unit", "correction"],
    ),
    kind(
        "event_correction",
        "SELECT CAST(id AS TEXT) FROM event_correction ORDER BY id",
        appraisal::audited::event_correction_json,
        &[],
    ),
    kind("month", "SELECT month FROM month_close ORDER BY month", appraisal::audited::month_json, &[]),
    kind("window_event", "SELECT CAST(id AS TEXT) FROM window_event ORDER BY id", appraisal::window_event_json, &[]),
    kind("letter", "SELECT CAST(id AS TEXT) FROM letter ORDER BY id", register::audited_json, &[]),
    kind(
        "letter_prefix",
        "SELECT CAST(center_id AS TEXT) FROM letter_prefix ORDER BY center_id",
        register::prefix_json,
        &[],
    ),
    kind(
        "year",
        "SELECT year || '/' || center_id FROM year_appraisal ORDER BY year, center_id",
        appraisal::audited::year_json,
        &[],
    ),
    kind("work_schedule", "SELECT CAST(id AS TEXT) FROM work_schedule ORDER BY id", attendance::schedule_json, &[]),
    kind("attendance_pin", "SELECT pin FROM attendance_pin ORDER BY pin", attendance::pin_json, &[]),
    kind("punch_import", "SELECT CAST(id AS TEXT) FROM punch_import ORDER BY id", attendance::punch_import_json, &[]),
    kind("punch_amend", "SELECT CAST(id AS TEXT) FROM punch_amend ORDER BY id", attendance::amend_json, &[]),
    kind(
        "attendance_close",
        "SELECT month FROM attendance_close ORDER BY month",
        attendance::attendance_close_json,
        &[],
    ),
];

/// Compares every record of `kinds` with the `after` of its last audit row, and every
/// record the trail says exists with the registers.
pub fn unaudited_changes(conn: &Connection, kinds: &[Audited]) -> Result<Vec<Unaudited>> {
    let units = UnitCodes::load(conn)?;
    let pristine = crate::storage::store::pristine()?;
    let mut found = Vec::new();
    for kind in kinds {
        crate::base::progress::report(Msg::new("progress.records").arg("kind", kind.entity));
        // Record by record, so that memory holds the ids only, not every record's history.
        let ids: Vec<String> = conn.prepare(kind.ids)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            let current = (kind.load)(conn, id)?;
            let finding = match last_state(conn, kind.entity, id)? {
                Some(Some(after)) if units.agree(&after, &current, kind.joined) => continue,
                Some(_) => Finding::Changed,
                None if kind.seeded => match (kind.load)(&pristine, id) {
                    Ok(seed) if seed == current => continue,
                    Ok(_) => Finding::Changed,
                    Err(_) => Finding::Unrecorded,
                },
                None => Finding::Unrecorded,
            };
            found.push(Unaudited { entity: kind.entity, entity_id: id.clone(), finding });
        }
        let present: HashSet<&str> = ids.iter().map(String::as_str).collect();
        found.extend(
            still_existing(conn, kind.entity)?
                .into_iter()
                .filter(|id| !present.contains(id.as_str()))
                .map(|id| Unaudited { entity: kind.entity, entity_id: id, finding: Finding::Missing }),
        );
    }
    if kinds.iter().any(|k| k.entity == "punch_import") {
        found.extend(punches_changed(conn)?);
    }
    crate::base::progress::done();
    Ok(found)
}

/// The punch imports whose punches no longer sum to the digest the import recorded: a
/// punch changed, added or deleted behind jinzhu's back. One pass over every punch.
fn punches_changed(conn: &Connection) -> Result<Vec<Unaudited>> {
    crate::base::progress::report(Msg::new("progress.records").arg("kind", "punch"));
    let mut sums: HashMap<i64, crate::storage::audit::SetDigest> = HashMap::new();
    let mut stmt = conn.prepare("SELECT at, person_id, import_id FROM punch")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let at = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let line = attendance::punch_line(at, r.get(1)?);
        sums.entry(r.get(2)?).or_default().add(line.as_bytes());
    }
    let mut stmt = conn.prepare("SELECT id, punches, digest FROM punch_import ORDER BY id")?;
    let imports = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
    let mut found = Vec::new();
    for import in imports {
        let (id, punches, digest) = import?;
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

/// The `after` of a record's last audit row: `None` when it has no audit row; `Some(None)`
/// when the row has no `after`, or one that is not JSON.
fn last_state(conn: &Connection, entity: &str, id: &str) -> Result<Option<Option<Value>>> {
    let text: Option<Option<String>> = conn
        .prepare_cached("SELECT after FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC LIMIT 1")?
        .query_row(params![entity, id], |r| r.get(0))
        .optional()?;
    Ok(text.map(|t| t.and_then(|t| serde_json::from_str(&t).ok())))
}

/// The ids the trail says exist: those whose last audit row has an `after`, in order.
fn still_existing(conn: &Connection, entity: &str) -> Result<Vec<String>> {
    // SQLite takes the bare columns of an aggregate query from the row max() chose.
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id FROM (SELECT entity_id, after, max(seq) FROM audit WHERE entity = ?1 GROUP BY entity_id)
         WHERE after IS NOT NULL ORDER BY entity_id",
    )?;
    let ids = stmt.query_map(params![entity], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
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

/// Schema 12: every month closed before gets its windows frozen and an audit row with its
/// digest, now of its windows too, in the migration's transaction.
pub fn record_window_results(tx: &mut Tx) -> Result<()> {
    let months: Vec<String> = tx
        .prepare("SELECT month FROM month_close ORDER BY month")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for month in months {
        appraisal::freeze_closed_windows(tx, &month)?;
        let after = appraisal::audited::month_json(tx, &month)?;
        tx.audit("month", &month, "migrate", None, Some(&after))?;
    }
    Ok(())
}

/// Schema 11: the bad reviews of before, which deducted on import, stand as verified
/// valid; each gets an audit row saying so, in the migration's transaction.
pub fn record_verified_reviews(tx: &mut Tx) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT CAST(id AS TEXT) FROM review WHERE state = 'valid' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let after = appraisal::audited::review_json(tx, &id)?;
        tx.audit("review", &id, "migrate", None, Some(&after))?;
    }
    Ok(())
}

/// Schema 9: every month and year closed before it gets an audit row with the digest of
/// its results as they are at the migration, which `db check` compares from then on.
pub fn record_frozen_digests(tx: &mut Tx) -> Result<()> {
    let months: Vec<String> = tx
        .prepare("SELECT month FROM month_close ORDER BY month")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for month in months {
        let after = appraisal::audited::month_json(tx, &month)?;
        tx.audit("month", &month, "digest", None, Some(&after))?;
    }
    let years: Vec<String> = tx
        .prepare("SELECT year || '/' || center_id FROM year_appraisal ORDER BY year, center_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for key in years {
        let after = appraisal::audited::year_json(tx, &key)?;
        tx.audit("year", &key, "digest", None, Some(&after))?;
    }
    Ok(())
}
