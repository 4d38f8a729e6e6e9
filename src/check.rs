//! `db check`'s comparison of the registers with their audit trail: each record's
//! current state must be what its last audit row says it became. It sits above the
//! capabilities (it asks each for its audited form), so that the audit chain in
//! `storage` knows nothing of persons or assignments.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::{org, personnel, stationing};
use crate::error::Result;

/// A record whose current state is not what its last audit row says it became: changed
/// behind jinzhu's back (with the sqlite3 shell, say), or missing its audit row.
#[derive(Debug, Clone, PartialEq)]
pub struct Unaudited {
    pub entity: &'static str,
    pub entity_id: String,
}

/// How a record is loaded as the JSON its audit rows hold.
pub type Loader = fn(&Connection, &str) -> Result<serde_json::Value>;

/// A register `db check` compares with its audit trail: entity, the SQL listing the ids
/// it is audited under, its loader, and fields joined in from other records (a person's
/// name in an assignment), which that record's own audit rows follow instead.
pub type Audited = (&'static str, &'static str, Loader, &'static [&'static str]);

pub const AUDITED_RECORDS: &[Audited] = &[
    ("center", "SELECT CAST(id AS TEXT) FROM center ORDER BY id", org::center_audited_json, &[]),
    ("unit", "SELECT code FROM unit ORDER BY code", org::unit_audited_json, &[]),
    ("person", "SELECT CAST(id AS TEXT) FROM person ORDER BY id", personnel::audited_json, &["unit"]),
    (
        "assignment",
        "SELECT CAST(id AS TEXT) FROM assignment ORDER BY id",
        stationing::audited_json,
        &["person", "id_number", "unit", "center"],
    ),
];

/// Compares every register record with the `after` of its last audit row.
pub fn unaudited_changes(conn: &Connection, kinds: &[Audited]) -> Result<Vec<Unaudited>> {
    let mut found = Vec::new();
    let own = |mut v: serde_json::Value, joined: &[&str]| {
        if let Some(map) = v.as_object_mut() {
            for key in joined {
                map.remove(*key);
            }
        }
        v
    };
    for (entity, list_sql, load, joined) in kinds {
        let mut last = conn
            .prepare_cached("SELECT after FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC LIMIT 1")?;
        let ids: Vec<String> = conn.prepare(list_sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let recorded: Option<Option<String>> = last.query_row(params![entity, id], |r| r.get(0)).optional()?;
            let recorded: Option<serde_json::Value> =
                recorded.flatten().and_then(|text| serde_json::from_str(&text).ok()).map(|v| own(v, joined));
            if recorded != Some(own(load(conn, &id)?, joined)) {
                found.push(Unaudited { entity, entity_id: id });
            }
        }
    }
    Ok(found)
}
