//! The demo: an example database built from the files under `examples/` (bundled into
//! the program, so `jinzhu demo` works from any folder), exercising every capability.

use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::org;
use crate::personnel;
use crate::sheet::{Encoding, Input};
use crate::store::{Ctx, Store};

pub const UNITS_CSV: &str = include_str!("../examples/units.csv");
pub const PERSONNEL_CSV: &str = include_str!("../examples/personnel.csv");
/// The date the demo's story is told on, unless `--today` says otherwise.
pub const DEMO_DATE: (i32, u32, u32) = (2026, 12, 31);
const MARKER: &str = "demo";

pub fn demo_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(DEMO_DATE.0, DEMO_DATE.1, DEMO_DATE.2).unwrap_or_default()
}

/// Builds the demo database at `path`, replacing an earlier demo there. A file that is
/// not a demo database is refused, so that the demo never overwrites real records.
pub fn build(path: &Path, ctx: &Ctx) -> Result<Store> {
    if path.exists() {
        if !is_demo(path) {
            return Err(Error::Other(Msg::new("error.demo-not-demo").arg("path", path.display())));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
    let (store, ()) = Store::init(path, ctx, |tx| {
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, 'true')", [MARKER])?;
        org::add_center(tx, "QJ", "黔江区政务服务中心", "district")?;
        org::add_center(tx, "ZY", "正阳街道便民服务中心", "township")?;
        org::import_units(tx, Input::Csv { name: "examples/units.csv", text: UNITS_CSV }, Encoding::Utf8, None)?;
        let staff_csv = Input::Csv { name: "examples/personnel.csv", text: PERSONNEL_CSV };
        personnel::import(tx, staff_csv, Encoding::Utf8, None, false, &mut |_| {})?;
        // Art 17: the power company's few items move to the comprehensive window.
        org::set_comprehensive_window(tx, "GD", "黔江府函〔2026〕18号", date(2026, 3, 2))?;
        // Art 10: case volume of a few units over the first quarter.
        for (unit, cases) in [("SCJG", [1620, 1410, 1873]), ("RLSB", [2210, 1980, 2304]), ("GHZY", [402, 388, 455])] {
            for (m, c) in cases.iter().enumerate() {
                org::set_volume(tx, unit, &format!("2026-{:02}", m + 1), &c.to_string())?;
            }
        }
        // Art 19: a unit called its stationed staff back for a meeting.
        org::add_incident(tx, "GA", "19", date(2026, 4, 8), "抽调进驻人员回局参加季度工作会议，窗口半天无人值守")?;
        // The register changes: a promotion, and a person who left the unit.
        let first = personnel::all(tx, Some("YB"), false)?;
        if let Some(p) = first.iter().find(|p| p.position.key() == "staff") {
            let mut change: personnel::Fields = Default::default();
            change[3] = Some("deputy".into());
            personnel::edit(tx, &p.id.to_string(), &change)?;
        }
        if let Some(p) = personnel::all(tx, Some("JTW"), false)?.last() {
            personnel::archive(tx, &p.id.to_string(), date(2026, 6, 30), "调离本单位")?;
        }
        Ok(())
    })?;
    Ok(store)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn is_demo(path: &Path) -> bool {
    Store::open_existing(path)
        .and_then(|s| {
            s.read(|c| {
                Ok(c.query_row("SELECT count(*) FROM meta WHERE key = ?1", [MARKER], |r| r.get::<_, i64>(0))? > 0)
            })
        })
        .unwrap_or(false)
}
