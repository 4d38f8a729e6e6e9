//! `assign import`: a file of stationings, each row proposed, approved and started by
//! the same functions as one typed in, or nobody.

use chrono::NaiveDate;

use super::approval::{
    Asked, Places, Proposal, checked_approval, checked_proposal, insert_approvals, insert_exceptions,
};
use super::record::{Approval, Assignment, Exception, JOINED, load};
use super::term::{checked_start, first_term, insert_first_term};
use crate::base::enums::{AssignmentStatus, Body};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, Result};
use crate::storage::batch::{Batch, fingerprint_of};
use crate::storage::checkpoint::{Touches, Write, with_touches_replayed};
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

/// What `import` writes, with its triggers off (`with_touches_replayed`).
const IMPORT_WRITES: [(&str, Write); 6] = [
    ("assignment", Write::Insert),
    ("approval", Write::Insert),
    ("stationing_exception", Write::Insert),
    ("stationing_exception", Write::Update),
    ("term", Write::Insert),
    ("import_fingerprint", Write::Insert),
];

/// The one other trigger those writes meet: a stationing is never inserted ended, and
/// `Proposal::insert` names no end.
const UPHELD: [&str; 1] = ["assignment_inserted_unended"];

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
    let mut summary = tx.batching("assignment", |tx| {
        with_touches_replayed(tx, &IMPORT_WRITES, &UPHELD, |tx, touches| {
            let summary = import_rows(tx, input, encoding, sheet_name, &mut batch, touches)?;
            batch.owe(touches);
            Ok(summary)
        })
    })?;
    let (file, sha256) = source;
    summary.inserted = batch.created();
    batch.finish(tx, &file, &sha256?, summary.rows as i64)?;
    Ok(summary)
}

/// Each row through the rules of proposal, approvals and start, applied by the same
/// functions as those commands, on the stationing as each step would leave it; a sound
/// row is then written once, as it ends up (active, approved, with its first term), and,
/// while every row so far is sound, joins the batch.
fn import_rows(
    tx: &mut Tx,
    input: crate::io::sheet::Input,
    encoding: crate::io::sheet::Encoding,
    sheet_name: Option<&str>,
    batch: &mut Batch,
    touches: &mut Touches,
) -> Result<crate::io::sheet::ImportSummary> {
    let mut places = Places::default();
    crate::io::sheet::import_rows(input, encoding, sheet_name, IMPORT_COLUMNS, |row| {
        let Some(start) = parse::date(row.get(1)).map_err(|r| row.fail(1, r)).ok() else { return Ok(()) };
        let approved_on = match row.get(7) {
            "" => Some(start.min(tx.ctx.today)),
            d => parse::date(d).map_err(|r| row.fail(7, r)).ok(),
        };
        let Some(approved_on) = approved_on else { return Ok(()) };
        let text = |i: usize| Some(row.get(i)).filter(|t| !t.is_empty());
        let asked = Asked {
            person: row.get(0),
            start,
            center: text(2),
            window: text(3),
            exception: text(8),
            proposed_on: Some(approved_on),
        };
        let proposal = match checked_proposal(tx, &mut places, &asked) {
            Ok(p) => p,
            Err(e) => {
                row.fail(0, row_reason(e)?);
                return Ok(());
            }
        };
        let mut a = proposal.draft();
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
            match checked_approval(tx, &a, body.key(), &doc, approved_on, None) {
                Ok(approval) => approve_draft(&mut a, approval),
                Err(e) => row.fail(column, row_reason(e)?),
            }
        }
        if !row.is_ok() {
            return Ok(());
        }
        match checked_start(tx, &a, &proposal.person, Some(start), false, false, None) {
            Ok((on, exceptions)) => {
                start_draft(&mut a, on, &exceptions);
                write_started(tx, &proposal, &mut a, on, &exceptions, touches)?;
                if row.clean_so_far {
                    batch.add(tx, a.id, &fingerprint_of(&a, JOINED, Some(a.unit_id)))?;
                }
            }
            Err(e) => row.fail(1, row_reason(e)?),
        }
        Ok(())
    })
}

/// The draft as `approve` leaves it: the approval among the others (in `load`'s order),
/// and approved once the last one is in.
fn approve_draft(a: &mut Assignment, approval: Approval) {
    a.needs.retain(|b| *b != approval.body);
    a.approvals.push(approval);
    a.approvals.sort_by(|x, y| (x.date, x.body.key()).cmp(&(y.date, y.body.key())));
    if a.needs.is_empty() {
        a.status = AssignmentStatus::Approved;
    }
}

/// The draft as `start` leaves it: active from `on`, in its first term.
fn start_draft(a: &mut Assignment, on: NaiveDate, exceptions: &[Exception]) {
    a.status = AssignmentStatus::Active;
    a.started_on = Some(on);
    a.terms = vec![first_term(on)];
    a.term_end = Some(a.terms[0].end);
    a.exceptions.extend_from_slice(exceptions);
    a.exceptions.sort_by(|x, y| x.rule.cmp(&y.rule));
}

/// Writes a draft started on `on` in one go — the stationing with the exceptions of its
/// proposal and of its start, its approvals and first term — and gives it its id; the
/// rows of each table it wrote are owed to `touches`.
fn write_started(
    tx: &Tx,
    proposal: &Proposal,
    a: &mut Assignment,
    on: NaiveDate,
    started: &[Exception],
    touches: &mut Touches,
) -> Result<()> {
    let id = proposal.insert(tx, a.status, Some(on))?;
    a.id = id;
    insert_approvals(tx, id, &a.approvals)?;
    insert_exceptions(tx, id, started)?;
    insert_first_term(tx, id, on)?;
    if !a.approvals.is_empty() {
        touches.id("approval", "assignment", id);
    }
    if !a.exceptions.is_empty() {
        touches.id("stationing_exception", "assignment", id);
    }
    touches.id("term", "assignment", id);
    debug_assert_eq!(Some(&*a), load(tx, id).ok().as_ref(), "an imported stationing is written as drafted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_writes_with_its_triggers_off_on_this_schema() {
        let schema = crate::storage::store::pristine().unwrap();
        assert!(crate::storage::checkpoint::replayable(&schema, &IMPORT_WRITES, &UPHELD).unwrap());
        assert!(!crate::storage::checkpoint::replayable(&schema, &IMPORT_WRITES, &[]).unwrap());
    }
}
