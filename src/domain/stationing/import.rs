//! `assign import`: a file of stationings, each row proposed, approved and started by
//! the same functions as one typed in, or nobody.

use chrono::NaiveDate;

use super::approval::{approve, propose};
use super::record::{Assignment, JOINED, load};
use super::term::start;
use crate::base::enums::Body;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, Result};
use crate::storage::audit::json;
use crate::storage::batch::{Batch, fingerprint};
use crate::storage::store::Tx;

/// The columns of `assign import`: an existing roster moved into jinzhu.
pub const IMPORT_COLUMNS: &[crate::io::sheet::ColumnSpec] = &[
    crate::io::sheet::ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    crate::io::sheet::ColumnSpec { key: "start", required: true, aliases: &["进驻日期", "started_on"] },
    crate::io::sheet::ColumnSpec { key: "center", required: false, aliases: &["中心代码"] },
    crate::io::sheet::ColumnSpec { key: "window", required: false, aliases: &["窗口号"] },
    crate::io::sheet::ColumnSpec { key: "center_doc", required: false, aliases: &["中心审核文号"] },
    crate::io::sheet::ColumnSpec { key: "org_dept_doc", required: false, aliases: &["组织人事部门文号"] },
    crate::io::sheet::ColumnSpec { key: "gsmo_doc", required: false, aliases: &["政务服务管理办公室文号"] },
    crate::io::sheet::ColumnSpec { key: "approved_on", required: false, aliases: &["审核日期"] },
    crate::io::sheet::ColumnSpec { key: "exception", required: false, aliases: &["例外理由"] },
];

/// What a row-level error says in an import report: a refusal with its rule and article,
/// or the reason of a bad value.
fn row_reason(e: Error) -> std::result::Result<Msg, Error> {
    match e {
        Error::Refused { mut refusals, .. } if !refusals.is_empty() => {
            let (rule, detail) = refusals.remove(0);
            Ok(Msg::new("error.refused")
                .arg("rule", rule.id())
                .arg("article", crate::base::i18n::article(rule.article()))
                .nested("detail", detail))
        }
        Error::Invalid { reason, .. } => Ok(reason),
        other => Err(other),
    }
}

/// `assign import`: stations every row's person (proposal with Art 6/7, the approvals the
/// review needs with the given documents, the start), or nobody; every bad row reported.
/// Each row goes through the same functions as one typed in; the stationings it creates
/// are audited by the batch (one audit row, each fingerprinted as it ends up).
pub fn import(
    tx: &mut Tx,
    input: crate::io::sheet::Input,
    encoding: crate::io::sheet::Encoding,
    sheet_name: Option<&str>,
) -> Result<crate::io::sheet::ImportSummary> {
    let mut inserted = 0;
    let source = (input.name(), input.sha256());
    let last_before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM assignment", [], |r| r.get(0))?;
    let mut summary = tx.batching("assignment", |tx| import_rows(tx, input, encoding, sheet_name, &mut inserted))?;
    let (file, sha256) = source;
    let sha256 = sha256?;
    fingerprint_created(tx, last_before)?.finish(tx, &file, &sha256, summary.rows as i64)?;
    summary.inserted = inserted;
    Ok(summary)
}

/// The batch of the stationings an import created (ids after `last_before`), each
/// fingerprinted as the import left it: proposed, approved and started.
fn fingerprint_created(tx: &Tx, last_before: i64) -> Result<Batch> {
    let mut batch = Batch::start(tx, "assignment")?;
    let created: Vec<(i64, i64)> = tx
        .prepare("SELECT id, unit_id FROM assignment WHERE id > ?1 ORDER BY id")?
        .query_map([last_before], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, unit_id) in created {
        let record = json(&load(tx, id)?);
        batch.add(tx, id, &fingerprint(&record, JOINED, Some(unit_id)))?;
    }
    Ok(batch)
}

fn import_rows(
    tx: &mut Tx,
    input: crate::io::sheet::Input,
    encoding: crate::io::sheet::Encoding,
    sheet_name: Option<&str>,
    inserted: &mut usize,
) -> Result<crate::io::sheet::ImportSummary> {
    crate::io::sheet::import_rows(input, encoding, sheet_name, IMPORT_COLUMNS, |row| {
        let Some(start) = parse::date(row.get(1)).map_err(|r| row.fail(1, r)).ok() else { return Ok(()) };
        let approved_on = match row.get(7) {
            "" => Some(start.min(tx.ctx.today)),
            d => parse::date(d).map_err(|r| row.fail(7, r)).ok(),
        };
        let Some(approved_on) = approved_on else { return Ok(()) };
        let (id_number, center, window, exception) =
            (row.get(0).to_string(), row.get(2).to_string(), row.get(3).to_string(), row.get(8).to_string());
        let proposed = propose(
            tx,
            &id_number,
            start,
            (!center.is_empty()).then_some(center.as_str()),
            (!window.is_empty()).then_some(window.as_str()),
            (!exception.is_empty()).then_some(exception.as_str()),
            Some(approved_on),
        );
        let a = match proposed {
            Ok(a) => a,
            Err(e) => {
                row.fail(0, row_reason(e)?);
                return Ok(());
            }
        };
        for body in a.needs.clone() {
            let column = match body {
                Body::Center => 4,
                Body::OrgDept => 5,
                Body::Gsmo => 6,
            };
            let doc = row.get(column).to_string();
            if doc.is_empty() {
                row.fail(column, Msg::new("reason.required"));
                continue;
            }
            if let Err(e) = approve(tx, a.id, body.key(), &doc, approved_on, None) {
                row.fail(column, row_reason(e)?);
            }
        }
        if row.is_ok() {
            match start_assignment(tx, a.id, start) {
                Ok(_) => *inserted += 1,
                Err(e) => row.fail(1, row_reason(e)?),
            }
        }
        Ok(())
    })
}

fn start_assignment(tx: &mut Tx, id: i64, on: NaiveDate) -> Result<Assignment> {
    start(tx, id, Some(on), false, false, None)
}
