//! `jinzhu letters prefix|list`: the register of the center's document numbers (Art 23).

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::{org, register};

use super::App;

#[derive(Subcommand)]
pub enum LettersCmd {
    /// Set the prefix of the center's document numbers (黔江政务函 gives 黔江政务函〔2027〕3号).
    #[command(after_help = "Example:\n  jinzhu letters prefix 黔江政务函")]
    Prefix {
        /// The prefix, without the year and number.
        prefix: String,
        /// The center (its code) [default: the first center].
        #[arg(long)]
        center: Option<String>,
    },
    /// The numbers given to letters, in order.
    #[command(after_help = "Example:\n  jinzhu letters list --year 2027")]
    List {
        /// Only the numbers of this year.
        #[arg(long)]
        year: Option<i32>,
    },
}

pub fn run(app: &App, cmd: LettersCmd) -> Result<()> {
    match cmd {
        LettersCmd::Prefix { prefix, center } => {
            let center = app.write(|tx| {
                let center = org::resolve_center(tx, center.as_deref())?;
                register::set_prefix(tx, &center, &prefix)?;
                Ok(center)
            })?;
            let example = register::document_number(prefix.trim(), chrono::Datelike::year(&app.ctx.today), 1);
            app.out.say(Msg::new("done.prefix").arg("center", &center.name).arg("example", example));
            Ok(())
        }
        LettersCmd::List { year } => app.out.table(&app.open()?.read(|c| register::list(c, year))?),
    }
}
