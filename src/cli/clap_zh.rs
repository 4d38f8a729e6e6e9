//! clap's own words in Chinese: the help page's headings and notes (用法, 参数, 选项, 命令,
//! 默认, 可选值, 环境变量, 显示帮助) and its error lines, so that `--lang zh` shows no
//! English a clerk has to read. The descriptions themselves come from `help.rs`.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// One command's help page in Chinese (its subcommands are done by the caller).
pub fn command(command: Command, is_root: bool) -> Command {
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if is_root {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本"));
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        command = command.mut_arg(&id, arg);
    }
    command
}

/// An argument's heading and notes in Chinese: what clap would append in English is
/// hidden and written into the description instead.
fn arg(a: Arg) -> Arg {
    let heading = if a.is_positional() { "参数" } else { "选项" };
    let mut notes = Vec::new();
    let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("[默认：{}]", defaults.join("、")));
    }
    let values: Vec<String> =
        a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        notes.push(format!("[可选值：{}]", values.join("、")));
    }
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        notes.push(format!("[环境变量：{}]", env.to_string_lossy()));
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let help = if notes.is_empty() { help } else { format!("{help} {}", notes.join(" ")) };
    let a = a.help_heading(heading).hide_env(true).help(help);
    if a.get_action().takes_values() { a.hide_default_value(true).hide_possible_values(true) } else { a }
}

/// A command-line error in Chinese, with the usage clap shows under it.
pub fn error(e: &clap::Error) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let line = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数“{}”", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("无法识别的命令“{}”", context(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => format!(
            "“{}”不是参数 {} 的有效值；可选值：{}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => {
            format!("参数 {} 不能与 {} 同时使用", context(ContextKind::InvalidArg), context(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals => format!("参数 {} 需要用 = 给出值", context(ContextKind::InvalidArg)),
        ErrorKind::ValueValidation => {
            format!("参数 {} 的值“{}”无效", context(ContextKind::InvalidArg), context(ContextKind::InvalidValue))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {} 的值个数不对", context(ContextKind::InvalidArg))
        }
        _ => return e.to_string(),
    };
    let suggestion = match e.get(ContextKind::SuggestedSubcommand).or_else(|| e.get(ContextKind::SuggestedArg)) {
        Some(ContextValue::String(s)) => format!("\n\n  提示：有相近的“{s}”"),
        Some(ContextValue::Strings(v)) if !v.is_empty() => format!("\n\n  提示：有相近的“{}”", v.join("”、“")),
        _ => String::new(),
    };
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            format!("\n\n{}", u.to_string().replacen("Usage: ", "用法：", 1))
        }
        _ => String::new(),
    };
    format!("错误：{line}{suggestion}{usage}\n\n更多信息请加 --help 查看。")
}
