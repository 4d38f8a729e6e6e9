//! `jinzhu demo`: the example database and the key reports.

use anyhow::Result;
use clap::Args;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::{org, personnel, report, stationing};
use jinzhu::storage::audit;
use jinzhu::{Ctx, demo};

use super::App;

#[derive(Args)]
pub struct DemoArgs {
    /// Print every report the demo made, not only what it built and where to look.
    #[arg(long)]
    full: bool,
}

/// Where the demo goes unless `--db` names another file.
pub const DEFAULT_DEMO_DB: &str = "jinzhu-demo.db";

pub fn run(app: &App, args: DemoArgs) -> Result<()> {
    let path = app.demo_db.clone();
    // The story is built on its own date; --today only moves the date the reports are for.
    let ctx = Ctx { today: demo::demo_date(), operator: "demo".into(), ..app.ctx.clone() };
    let today = if app.today_given { app.ctx.today } else { demo::demo_date() };
    let mut store = demo::build(&path, &ctx)?;
    app.out.note(Msg::new("done.demo").arg("path", path.display()).arg("today", today));
    let (notice, letters) = demo::documents(&mut store, &ctx)?;
    let folder = path.with_file_name(format!(
        "{}-letters-{}",
        path.file_stem().and_then(|s| s.to_str()).unwrap_or("jinzhu-demo"),
        demo::DEMO_YEAR
    ));
    let head = app.out_with_head(&store)?.head;
    super::appraise::write_letters(app, &letters, demo::DEMO_YEAR, &folder, head)?;
    super::appraise::write_publicity(app, &notice, demo::DEMO_YEAR, &folder)?;
    let key = store.key()?;
    if !args.full {
        app.out.table(&store.read(|c| demo::summary(c, &path.display().to_string()))?)?;
        return say_chain(app, &store, key.as_ref());
    }
    let tables = store.read(|c| {
        let mut tables = vec![
            org::list_units(c)?,
            personnel::check_all(c, today)?,
            org::incidents(c, None, None)?,
            stationing::list(c, None, None)?,
            report::roster(c, today, None)?,
            report::terms(c, today, 90)?,
            stationing::requests(c, None)?,
            stationing::chief_table(c, None)?,
            report::eligibility(c, today)?,
        ];
        tables.push(jinzhu::domain::leave::list(c, None, None, None)?);
        for month in [11, 12] {
            let first = chrono::NaiveDate::from_ymd_opt(demo::DEMO_YEAR, month, 1).unwrap_or_default();
            tables.push(jinzhu::domain::appraisal::month_table(c, first, app.lang())?);
        }
        let november = chrono::NaiveDate::from_ymd_opt(demo::DEMO_YEAR, 11, 1).unwrap_or_default();
        tables.push(jinzhu::domain::appraisal::windows_table(c, november, app.lang())?);
        tables.extend(jinzhu::domain::appraisal::reviews_report(c, november, None, today)?);
        tables.push(jinzhu::domain::appraisal::departments_table(c, demo::DEMO_YEAR, app.lang())?);
        let december = chrono::NaiveDate::from_ymd_opt(demo::DEMO_YEAR, 12, 1).unwrap_or_default();
        let q = jinzhu::domain::attendance::MonthQuery { first: december, person: None, unit: None, all: false };
        tables.push(jinzhu::domain::attendance::month_table(c, &q, today)?);
        tables.extend(jinzhu::domain::attendance::attendance_report(c, december, None, today)?);
        tables.push(jinzhu::domain::history::corrections(c, None)?);
        let district = jinzhu::domain::appraisal::year_center(c, Some(demo::DEMO_CENTER))?;
        let rows = jinzhu::domain::appraisal::stored_year(c, demo::DEMO_YEAR, district.id)?;
        let state = jinzhu::domain::appraisal::year_state(c, demo::DEMO_YEAR, district.id)?;
        tables.push(jinzhu::domain::appraisal::year_table(demo::DEMO_YEAR, &rows, Vec::new(), state.as_ref()));
        tables.extend(jinzhu::domain::leave::report(
            c,
            jinzhu::domain::leave::year_range(2026).0,
            jinzhu::domain::leave::year_range(2026).1,
            today,
        )?);
        Ok(tables)
    })?;
    app.out.tables(&tables)?;
    let (y, m, d) = demo::DEMO_COMPLIANCE_DATE;
    let report_day =
        if app.today_given { app.ctx.today } else { chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today) };
    let (from, to) = report::half_range(&format!("{}H2", demo::DEMO_YEAR))?;
    let mut oversight = store.read(|c| report::compliance(c, from, to, report_day, key.as_ref()))?;
    oversight.push(
        store.read(|c| report::staffing(c, chrono::NaiveDate::from_ymd_opt(demo::DEMO_YEAR, 3, 1).unwrap_or(today)))?,
    );
    println!();
    app.out.tables(&oversight)?;
    say_chain(app, &store, key.as_ref())
}

/// The audit chain's state, with its head to anchor by.
fn say_chain(app: &App, store: &jinzhu::Store, key: Option<&jinzhu::storage::key::AuditKey>) -> Result<()> {
    if let audit::ChainStatus::Intact { rows, head, .. } = store.read(|c| audit::verify_chain(c, key))? {
        app.out.say(Msg::new("check.db.audit-ok").arg("rows", rows).arg("head", head));
    }
    Ok(())
}
