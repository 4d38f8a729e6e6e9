//! `db check`'s comparison of the registers with their audit trail: each record's
//! current state must be what its last audit row says it became, every record the trail
//! says exists must exist, and every frozen month and year must still hash to the digest
//! its close recorded. It sits above the capabilities (it asks each for its audited form),
//! so that the audit chain in `storage` knows nothing of persons or assignments.

mod compare;

use rusqlite::Connection;
use serde_json::Value;

pub use compare::{Comparison, Scope, unaudited_changes};

use crate::domain::{appraisal, attendance, calendar, leave, org, personnel, register, stationing};
use crate::error::Result;
use crate::storage::store::Tx;
use crate::storage::{batch, checkpoint};

/// How a record and its audit trail disagree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Finding {
    /// Its state is not what its last audit row says it became.
    Changed,
    /// It has no audit row at all (inserted behind jinzhu's back).
    Unrecorded,
    /// Its audit trail says it exists, and it does not (deleted behind jinzhu's back).
    Missing,
    /// It is not the record the import that created it fingerprinted (a batch-audited
    /// record changed behind jinzhu's back).
    NotAsImported,
}

impl Finding {
    pub fn label_key(self) -> &'static str {
        match self {
            Finding::Changed => "check.finding.changed",
            Finding::Unrecorded => "check.finding.unrecorded",
            Finding::Missing => "check.finding.missing",
            Finding::NotAsImported => "check.finding.not-as-imported",
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
    // Before the records an import created: a batch that does not hold is named first.
    kind(batch::ENTITY, "SELECT CAST(id AS TEXT) FROM import_batch ORDER BY id", batch::batch_json, &[]),
    kind("person", "SELECT CAST(id AS TEXT) FROM person ORDER BY id", personnel::audited_json, &[]),
    kind(
        "assignment",
        "SELECT CAST(id AS TEXT) FROM assignment ORDER BY id",
        stationing::audited_json,
        stationing::JOINED,
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
    kind(checkpoint::ENTITY, "SELECT CAST(id AS TEXT) FROM check_point ORDER BY id", checkpoint::checkpoint_json, &[]),
];

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
