//! `jinzhu center add|list` (Art 25).

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::org;

use super::App;

#[derive(Subcommand)]
pub enum CenterCmd {
    /// Add a sub-center or a township/street public service center.
    #[command(after_help = "Example:\n  jinzhu center add ZX --name 正阳街道便民服务中心 --level township")]
    Add {
        /// The center's code (letters and digits).
        code: String,
        #[arg(long)]
        /// The center's full name.
        name: String,
        /// district, sub or township (区级中心, 分中心, 乡镇街道公共服务中心).
        #[arg(long, default_value = "sub")]
        level: String,
    },
    /// List the centers.
    #[command(after_help = "Example:\n  jinzhu center list")]
    List,
}

pub fn run(app: &App, cmd: CenterCmd) -> Result<()> {
    match cmd {
        CenterCmd::Add { code, name, level } => {
            let center = app.write(|tx| org::add_center(tx, &code, &name, &level))?;
            let msg = Msg::new("done.created").label("entity", "entity.center").arg("id", &center.code);
            app.out.created(&center.code, &jinzhu::storage::audit::json(&center), msg)
        }
        CenterCmd::List => app.out.table(&app.open()?.read(org::list_centers)?),
    }
}
