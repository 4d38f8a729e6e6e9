//! `assign import`: a file of stationings, each row proposed, approved and started by
//! the same functions as one typed in, or nobody.

use super::approval::{approve_loaded, propose};
use super::record::JOINED;
use super::term::start_loaded;
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
    let source = (input.name(), input.sha256());
    let mut batch = Batch::start(tx, "assignment")?;
    let mut summary = tx.batching("assignment", |tx| import_rows(tx, input, encoding, sheet_name, &mut batch))?;
    let (file, sha256) = source;
    summary.inserted = batch.created();
    batch.finish(tx, &file, &sha256?, summary.rows as i64)?;
    Ok(summary)
}

/// Each row through proposal, approvals and start, every step from the stationing as the
/// step before left it (no reading it again); while every row so far is sound, the
/// stationing joins the batch as it ends up: proposed, approved and started.
fn import_rows(
    tx: &mut Tx,
    input: crate::io::sheet::Input,
    encoding: crate::io::sheet::Encoding,
    sheet_name: Option<&str>,
    batch: &mut Batch,
) -> Result<crate::io::sheet::ImportSummary> {
    crate::io::sheet::import_rows(input, encoding, sheet_name, IMPORT_COLUMNS, |row| {
        let Some(start) = parse::date(row.get(1)).map_err(|r| row.fail(1, r)).ok() else { return Ok(()) };
        let approved_on = match row.get(7) {
            "" => Some(start.min(tx.ctx.today)),
            d => parse::date(d).map_err(|r| row.fail(7, r)).ok(),
        };
        let Some(approved_on) = approved_on else { return Ok(()) };
        let text = |i: usize| Some(row.get(i)).filter(|t| !t.is_empty());
        let proposed = propose(tx, row.get(0), start, text(2), text(3), text(8), Some(approved_on));
        let mut a = match proposed {
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
            match approve_loaded(tx, a.clone(), body.key(), &doc, approved_on, None) {
                Ok(approved) => a = approved,
                Err(e) => row.fail(column, row_reason(e)?),
            }
        }
        if !row.is_ok() {
            return Ok(());
        }
        match start_loaded(tx, a, Some(start), false, false, None) {
            Ok(started) if row.clean_so_far => {
                let record = json(&started);
                batch.add(tx, started.id, &fingerprint(&record, JOINED, Some(started.unit_id)))?;
            }
            Ok(_) => {}
            Err(e) => row.fail(1, row_reason(e)?),
        }
        Ok(())
    })
}
