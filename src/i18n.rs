//! Every user-visible text in English and Chinese, in one table.
//!
//! Keys are stable English identifiers. Enum values use `<enum>.<key>`, column headers
//! `col.<key>`, rules `rule.<ID>`, messages a dotted name. Templates take `{name}`
//! placeholders filled by [`Msg`].

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The language of labels and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh` when the locale (`LANG`) starts with `zh`, English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// (key, English, Chinese)
const TEXTS: &[(&str, &str, &str)] = &[
    // ---- enum values ----
    ("center-level.district", "district center", "区级中心"),
    ("center-level.sub", "sub-center", "分中心"),
    ("center-level.township", "township/street center", "乡镇街道公共服务中心"),
    ("unit-kind.organ", "administrative organ", "行政机关"),
    ("unit-kind.institution", "public institution", "事业单位"),
    ("unit-kind.other", "other body", "其他组织"),
    ("unit-mode.window", "own window", "部门窗口"),
    ("unit-mode.comprehensive", "comprehensive window", "无差别综合窗口"),
    ("position.chief", "section chief", "科长"),
    ("position.presiding-deputy", "presiding deputy chief", "主持工作的副科长"),
    ("position.deputy", "deputy chief", "副科长"),
    ("position.staff", "staff", "工作人员"),
    ("establishment.in", "in establishment", "在编在岗"),
    ("establishment.out", "out of establishment", "非在编"),
    ("category.civil-servant", "civil servant", "公务员/参公"),
    ("category.public-institution", "public institution staff", "事业单位"),
    ("category.other", "other (non-establishment)", "编外"),
    ("sex.male", "male", "男"),
    ("sex.female", "female", "女"),
    ("body.center", "service center", "区行政服务中心"),
    ("body.org-dept", "organisation/personnel department", "组织人事部门"),
    ("body.gsmo", "government-service management office", "区政务服务管理办公室"),
    ("review.standard", "center + org/personnel department (Art 8)", "中心会同组织人事部门审核（第八条）"),
    ("review.collective", "GSMO + center, collectively (Art 9)", "政务服务管理办公室会同中心集体审定（第九条）"),
    ("review.reply", "center's formal reply to the unit's letter (Art 11)", "中心正式函复（第十一条）"),
    ("assignment-status.proposed", "proposed", "拟进驻"),
    ("assignment-status.approved", "approved", "已审核"),
    ("assignment-status.active", "active", "在驻"),
    ("assignment-status.ended", "ended", "已结束"),
    ("assignment-status.rejected", "rejected", "未通过"),
    ("request-status.pending", "pending", "待函复"),
    ("request-status.approved", "approved", "已同意"),
    ("request-status.rejected", "rejected", "不同意"),
    ("power.approve", "approve", "审批决定权"),
    ("power.review", "review", "审核上报权"),
    ("power.seal", "seal", "印章使用权"),
    ("power.coordinate", "coordinate", "组织协调权"),
    ("leave-type.annual", "annual leave", "年休假"),
    ("leave-type.personal", "personal leave", "事假"),
    ("leave-type.sick", "sick leave", "病假"),
    ("leave-type.marriage", "marriage leave", "婚假"),
    ("leave-type.maternity", "maternity leave", "产假"),
    ("leave-type.paternity", "paternity leave", "陪产假"),
    ("leave-type.bereavement", "bereavement leave", "丧假"),
    ("leave-type.family-visit", "family-visit leave", "探亲假"),
    ("leave-type.other", "other leave", "其他假"),
    ("counting.working", "working days", "工作日"),
    ("counting.calendar", "calendar days", "自然日"),
    ("leave-status.pending", "pending", "待审批"),
    ("leave-status.approved", "approved", "已批准"),
    ("leave-status.rejected", "rejected", "未批准"),
    ("leave-status.cancelled", "cancelled", "已撤销"),
    ("leave-status.returned", "returned", "已销假"),
    ("half.am", "morning", "上午"),
    ("half.pm", "afternoon", "下午"),
    ("day-kind.holiday", "holiday", "节假日"),
    ("day-kind.workday", "make-up working day", "调休上班日"),
    (
        "leave.forfeit.personal",
        "{days} days of personal leave this year (20 or more: no annual leave, 带薪年休假条例 art 4)",
        "本年事假{days}天（累计20天以上不享受年休假，《职工带薪年休假条例》第四条）",
    ),
    (
        "leave.forfeit.sick",
        "{days} calendar days of sick leave this year ({months} months or more with {years} years worked: no annual leave, 带薪年休假条例 art 4)",
        "本年病假{days}天（工作{years}年，累计{months}个月以上不享受年休假，《职工带薪年休假条例》第四条）",
    ),
    ("grade.excellent", "excellent", "优秀"),
    ("grade.good", "good", "良好"),
    ("grade.pass", "pass", "合格"),
    ("grade.fail", "fail", "不合格"),
    ("grade.competent", "competent", "称职"),
    ("grade.basically-competent", "basically competent", "基本称职"),
    ("grade.incompetent", "incompetent", "不称职"),
    ("grade.qualified", "qualified", "合格"),
    ("grade.basically-qualified", "basically qualified", "基本合格"),
    ("grade.unqualified", "unqualified", "不合格"),
    ("event-source.manual", "manual", "手工登记"),
    ("event-source.import", "import", "导入"),
    ("event-source.review", "review", "好差评"),
    ("standing.participant", "appraised by the center", "中心考核"),
    ("standing.not-graded", "appraised, not graded", "参加考核不定等次"),
    ("standing.unit", "appraised by the unit", "由派出单位考核"),
    ("check.pass", "pass", "符合"),
    ("check.fail", "FAIL", "不符合"),
    ("check.exempt", "exempt", "豁免"),
    ("bool.yes", "yes", "是"),
    ("bool.no", "no", "否"),
    ("status.active", "current", "在册"),
    ("status.archived", "archived", "已归档"),
    // ---- rules (src/rules.rs) ----
    (
        "rule.ART6-AGE",
        "at most 45 on the start date, unless a filed section chief or presiding deputy chief",
        "进驻时年龄原则上不超过45周岁（经组织人事部门备案的政务服务科科长或主持工作的副科长除外）",
    ),
    (
        "rule.ART7-ESTAB",
        "in establishment and in post; others only on merit, with the Art 9 review",
        "原则上为在编在岗工作人员；非在编在岗人员择优选进",
    ),
    ("rule.ART7-TENURE", "at the unit for at least 2 years on the start date", "在所在单位工作2年以上"),
    (
        "rule.ART8-REVIEW",
        "active only after the center and the org/personnel department approved",
        "经区行政服务中心会同组织人事部门审核合格后方可进驻",
    ),
    (
        "rule.ART9-COLLECTIVE",
        "out-of-establishment staff of an organ: the GSMO and the center decide collectively",
        "行政机关非在编工作人员由区政务服务管理办公室会同区行政服务中心集体审定",
    ),
    (
        "rule.ART8-TRANSFER",
        "union and party relations may move to the center",
        "工会会籍、党组织关系可转至区行政服务中心",
    ),
    (
        "rule.ART10-SECTION",
        "every member of the service section should be stationed; staffing matches the case volume",
        "政务服务科人员原则上全部进驻，配备与业务量相当的工作人员",
    ),
    ("rule.ART11-TERM", "a term is three years; one assignment per person at a time", "进驻人员一定三年"),
    (
        "rule.ART11-LETTER",
        "a replacement needs the unit's official letter and the center's formal reply",
        "调整进驻人员须出具正式函件，经中心审核同意并正式函复",
    ),
    (
        "rule.ART12-CHIEF",
        "one chief representative per unit: a filed chief or presiding deputy, actively stationed",
        "首席代表由经备案的政务服务科科长或主持工作的副科长担任",
    ),
    (
        "rule.ART13-POWERS",
        "powers: approve, review, seal, coordinate",
        "审批决定权、审核上报权、印章使用权、组织协调权",
    ),
    (
        "rule.ART17-WINDOW",
        "the comprehensive window only with the district government's approval",
        "报区政府同意后可授权中心无差别综合窗口",
    ),
    ("rule.ART19-LEAVE", "leave is requested from and approved by the center", "请销假由区行政服务中心审批"),
    (
        "rule.ART19-TASKS",
        "units must not give stationed staff unrelated tasks, meetings or activities",
        "进驻单位不得安排进驻人员从事与政务服务工作无关的任务、会议及活动",
    ),
    ("rule.ART20-DRESS", "uniform or the center's dress code", "着制式服装或按中心要求统一着装"),
    ("rule.ART21-MONTHLY", "monthly appraisal by the rule book; a closed month is frozen", "按考核细则每月考核通报"),
    ("rule.ART22-QUOTA", "annual excellent quota per identity category", "年度考核优秀名额按身份分配"),
    ("rule.ART22-FUNDS", "appraisal funds transferred by headcount", "考核经费按人数和标准划转"),
    ("rule.ART23-LETTER", "annual results sent to each unit by letter", "年度考核结果函告进驻单位"),
    ("rule.ART24-HALFYEAR", "half-yearly implementation report", "每半年通报一次执行情况"),
    (
        "rule.ART25-CENTERS",
        "sub-centers and township centers follow the same rules",
        "分中心和乡镇街道公共服务中心参照执行",
    ),
    // ---- rule check figures ----
    ("check.age.pass", "aged {age} on {date}, not over 45", "{date}时{age}周岁，未超过45周岁"),
    (
        "check.age.exempt",
        "aged {age} on {date}; exempt as a filed {position}",
        "{date}时{age}周岁；经备案的{position}，不受年龄限制",
    ),
    (
        "check.age.fail",
        "aged {age} on {date}, over 45; only a filed section chief or presiding deputy chief is exempt",
        "{date}时{age}周岁，超过45周岁；仅经组织人事部门备案的科长或主持工作的副科长除外",
    ),
    ("check.failure", "[{rule}] {article}: {detail}", "[{rule}] {article}：{detail}"),
    ("check.estab.pass", "in establishment and in post", "在编在岗"),
    (
        "check.estab.fail",
        "out of establishment: stationed only on merit (择优) with an exception reason, and an organ's staff need the Art 9 review",
        "非在编在岗：须择优选进并说明例外理由；行政机关人员须按第九条集体审定",
    ),
    (
        "check.tenure.pass",
        "at the unit since {joined}: {years} years {days} days on {date}",
        "{joined}进入单位，至{date}已满{years}年零{days}天",
    ),
    (
        "check.tenure.fail",
        "at the unit since {joined}: {years} years {days} days on {date}, under 2 years",
        "{joined}进入单位，至{date}仅{years}年零{days}天，不满2年",
    ),
    // ---- errors ----
    ("error.refused", "refused [{rule}] {article}: {detail}", "拒绝 [{rule}] {article}：{detail}"),
    (
        "error.refused.hint",
        "give --exception \"reason\" to propose it as an exception to this soft rule",
        "如确需进驻，请用 --exception \"理由\" 作为例外提出",
    ),
    ("error.invalid", "bad input: {field} \"{value}\": {reason}", "输入有误：{field}“{value}”：{reason}"),
    (
        "error.bad-rows",
        "{count} bad row(s) in {file}; nothing was written. Correct them and import again:",
        "{file} 中有 {count} 行有误，未写入任何数据。请改正后重新导入：",
    ),
    (
        "error.bad-row",
        "row {row}, column {column}, value \"{value}\": {reason}",
        "第{row}行，{column}列，值“{value}”：{reason}",
    ),
    ("error.bad-file", "{file}: {reason}", "{file}：{reason}"),
    ("error.no-database", "no database at {path}; run `jinzhu init`", "{path} 处没有数据库；请先运行 `jinzhu init`"),
    (
        "error.too-new",
        "the database at {path} was made by a newer jinzhu (schema {found}; this version knows up to {supported}); it was left untouched — upgrade jinzhu",
        "{path} 的数据库由更新版本的 jinzhu 创建（结构版本 {found}，本版本最高支持 {supported}），未作任何改动；请升级 jinzhu",
    ),
    (
        "error.too-old",
        "the database at {path} has schema {found}, this version needs {supported}; run `jinzhu db backup FILE` then `jinzhu db migrate`",
        "{path} 的数据库结构版本为 {found}，本版本需要 {supported}；请先 `jinzhu db backup 文件` 再运行 `jinzhu db migrate`",
    ),
    (
        "error.not-jinzhu",
        "{path} is not a jinzhu database (wrong application id); check --db",
        "{path} 不是 jinzhu 数据库；请检查 --db",
    ),
    (
        "error.busy",
        "the database at {path} is busy (another jinzhu is writing); try again in a moment",
        "{path} 的数据库正忙（另一进程正在写入）；请稍后重试",
    ),
    (
        "error.compact.busy",
        "another process has {path} open; `db compact` needs it alone: close the other jinzhu and try again",
        "另一进程正在使用 {path}；`db compact` 需要独占数据库：请关闭其他 jinzhu 后重试",
    ),
    (
        "error.corrupt",
        "the database at {path} is damaged or not a database: {detail}; restore it from a backup",
        "{path} 的数据库已损坏或不是数据库：{detail}；请从备份恢复",
    ),
    (
        "error.readonly",
        "cannot write the database at {path}: {detail}; check the file's and the folder's permissions",
        "无法写入 {path} 的数据库：{detail}；请检查文件和目录权限",
    ),
    ("error.database", "database error at {path}: {detail}", "{path} 数据库错误：{detail}"),
    (
        "error.no-migration",
        "no migration leads from schema {from} to this version; restore a backup made by jinzhu",
        "没有从结构版本 {from} 升级到本版本的迁移；请恢复 jinzhu 生成的备份",
    ),
    ("error.exists", "{path} already exists; nothing was changed", "{path} 已存在；未作任何改动"),
    (
        "error.exists.force",
        "{path} already exists; give --force to overwrite it",
        "{path} 已存在；如需覆盖请加 --force",
    ),
    (
        "error.demo-not-demo",
        "{path} exists and is not a demo database; the demo replaces only its own files — give another --db",
        "{path} 已存在且不是示例数据库；示例只会替换自己生成的文件，请另指定 --db",
    ),
    ("error.io", "{path}: {detail}", "{path}：{detail}"),
    ("error.other", "{detail}", "{detail}"),
    // ---- refusals (the rule and article are added by error.refused) ----
    (
        "refuse.archived",
        "{name} was archived on {date} and is no longer in post at the unit",
        "{name}已于{date}归档，不再在单位在岗",
    ),
    (
        "refuse.open-assignment",
        "{name} already holds assignment {id} ({status}); one person holds one assignment at a time",
        "{name}已有进驻安排 {id}（{status}）；每人同一时间只能有一项进驻安排",
    ),
    (
        "refuse.overlap",
        "{name} was stationed until {last}; a new stationing cannot start on {date}",
        "{name}进驻至{last}；新的进驻不能从{date}开始",
    ),
    (
        "refuse.approve.by-reply",
        "assignment {id} replaces a stationed person and is approved by the center's reply: use `jinzhu reassign reply`",
        "进驻安排 {id} 为人员调整，由中心正式函复审定：请用 `jinzhu reassign reply`",
    ),
    (
        "refuse.approve.status",
        "assignment {id} is {status}; only a proposed assignment is approved",
        "进驻安排 {id} 状态为{status}；只有拟进驻的安排可以审核",
    ),
    (
        "refuse.approve.not-required",
        "the {body} does not decide this stationing; it needs: {required}",
        "{body}不审定此项进驻；需要：{required}",
    ),
    ("refuse.approve.twice", "the {body} approved it already ({doc}, {date})", "{body}已审核同意（{doc}，{date}）"),
    (
        "refuse.reject.status",
        "assignment {id} is {status}; only a proposed or approved assignment can be rejected",
        "进驻安排 {id} 状态为{status}；只有拟进驻或已审核的安排可以否决",
    ),
    (
        "refuse.start.missing",
        "assignment {id} is not approved yet; missing: {missing}",
        "进驻安排 {id} 尚未审核完毕；尚缺：{missing}",
    ),
    (
        "refuse.start.status",
        "assignment {id} is {status}; only an approved assignment starts",
        "进驻安排 {id} 状态为{status}；只有已审核的安排可以进驻",
    ),
    (
        "refuse.start.before-approval",
        "a start on {date} would come before the approval of {approved}",
        "{date}进驻早于{approved}的审核",
    ),
    (
        "refuse.transfer.party",
        "{name} is not a party member: there is no party relation to transfer",
        "{name}不是中共党员，无党组织关系可转",
    ),
    (
        "refuse.transfer.union",
        "{name} is not a union member: there is no membership to transfer",
        "{name}不是工会会员，无会籍可转",
    ),
    (
        "refuse.pending-request",
        "assignment {id} has a pending replacement request {request}; reply to it first (`jinzhu reassign reply`)",
        "进驻安排 {id} 有待函复的调整申请 {request}；请先函复（`jinzhu reassign reply`）",
    ),
    (
        "refuse.renew.status",
        "assignment {id} is {status}; only an active assignment is renewed",
        "进驻安排 {id} 状态为{status}；只有在驻的安排可以续期",
    ),
    (
        "refuse.renew.early",
        "assignment {id}'s term runs until {end}; it can be renewed from that day (today is {today})",
        "进驻安排 {id} 的任期至{end}；自该日起方可续期（今天是{today}）",
    ),
    (
        "refuse.end.status",
        "assignment {id} is {status}; only an active assignment ends (withdraw a proposal with `assign reject`)",
        "进驻安排 {id} 状态为{status}；只有在驻的安排可以结束（拟进驻的请用 `assign reject`）",
    ),
    (
        "refuse.chief.not-stationed",
        "{name} is not actively stationed for unit {unit} on {date}",
        "{name}于{date}不在为单位 {unit} 进驻",
    ),
    (
        "refuse.chief.order",
        "unit {unit}'s chief representative was named from {since}; a new one must start after that, not on {date}",
        "单位 {unit} 的首席代表自{since}起任；新首席代表须在此之后，不能为{date}",
    ),
    (
        "refuse.reassign.not-active",
        "assignment {id} is {status}; only an active stationing is replaced",
        "进驻安排 {id} 状态为{status}；只有在驻人员可以调整",
    ),
    (
        "refuse.reassign.other-unit",
        "{name} belongs to unit {unit}, not {own}: a unit replaces its own staff",
        "{name}属于单位 {unit}，不是 {own}：单位只能调整本单位人员",
    ),
    ("refuse.reply.twice", "request {id} was answered already ({status})", "调整申请 {id} 已函复（{status}）"),
    (
        "refuse.reply.late",
        "the replacement was to start on {effective}, before this reply of {date}: nobody is stationed before the reply; ask the unit for a new date",
        "新进驻人员拟于{effective}进驻，早于本次函复（{date}）：未经函复不得进驻，请单位另定日期",
    ),
    ("done.replaced", "replaced under letter {letter} (request {request})", "依据函件{letter}调整（申请 {request}）"),
    (
        "refuse.leave.order",
        "the leave would end ({to}) before it starts ({from})",
        "请假结束日期（{to}）早于开始日期（{from}）",
    ),
    ("refuse.leave.half", "a half day is one day; {from} to {to} is more", "半天假只能是一天；{from}至{to}超过一天"),
    (
        "refuse.leave.overlap",
        "it overlaps leave {id} ({from} to {to}, {status})",
        "与请假 {id}（{from}至{to}，{status}）重叠",
    ),
    (
        "refuse.leave.not-stationed",
        "{name} is not stationed at the center on every day from {from} to {to}; leave is for stationed staff, the unit grants the rest",
        "{name}在{from}至{to}期间并非每天都在中心进驻；中心只审批进驻人员的请假",
    ),
    (
        "refuse.leave.annual",
        "annual leave {year}: entitlement {entitlement}, taken {taken}, pending {pending}, remaining {remaining}; this request needs {wanted}",
        "{year}年年休假：应休{entitlement}天，已休{taken}天，待批{pending}天，剩余{remaining}天；本次需要{wanted}天",
    ),
    ("refuse.leave.annual-forfeit", "no annual leave is due in {year}: {why}", "{year}年不享受年休假：{why}"),
    (
        "refuse.leave.not-pending",
        "leave {id} is {status}; only a pending leave is approved or rejected",
        "请假 {id} 状态为{status}；只有待审批的请假可以批准或不批准",
    ),
    (
        "refuse.leave.cancel",
        "leave {id} is {status}; only a pending leave, or an approved one not yet started, can be cancelled",
        "请假 {id} 状态为{status}；只有待审批或已批准但尚未开始的请假可以撤销",
    ),
    (
        "refuse.leave.return",
        "leave {id} is {status}; only an approved leave is returned from",
        "请假 {id} 状态为{status}；只有已批准的请假可以销假",
    ),
    (
        "refuse.event.not-stationed",
        "{name} was not stationed at the center on {date}; only stationed staff are appraised by the center",
        "{name}于{date}不在中心进驻；中心只考核进驻人员",
    ),
    (
        "refuse.month.closed",
        "month {month} is closed and frozen; record the correction in an open month (e.g. {today}) with a note",
        "{month}已结账冻结；请在未结账的月份（如{today}）登记更正并注明",
    ),
    (
        "refuse.month.early",
        "month {month} runs until {last}; close it from that day on",
        "{month}至{last}结束；自该日起方可结账",
    ),
    ("refuse.month.twice", "month {month} is closed already", "{month}已结账"),
    (
        "refuse.ratio",
        "an excellent ratio of {ratio} for {category} is above the national cap of 0.25",
        "{category}优秀比例{ratio}超过国家规定的25%上限",
    ),
    (
        "refuse.rulebook.used",
        "the rule book in force from {effective} scored the closed month {month}; import a new version with a later date instead",
        "自{effective}起施行的考核细则已用于已结账的{month}；请以新的施行日期导入新版本",
    ),
    ("refuse.year.closed", "the appraisal of {year} was closed on {date}", "{year}年度考核已于{date}结束"),
    (
        "refuse.year.not-proposed",
        "the grades of {year} have not been proposed and published yet: run `jinzhu appraise year {year}` first",
        "{year}年度考核结果尚未提出并公示：请先运行 `jinzhu appraise year {year}`",
    ),
    ("refuse.year.open-months", "months not closed yet: {months}", "尚未结账的月份：{months}"),
    (
        "refuse.year.stale",
        "a month of {year} was closed after the list published on {published}; propose and publish again",
        "{published}公示后又有{year}年的月份结账；请重新提出并公示",
    ),
    (
        "refuse.year.publication",
        "the list was published on {published}: {days} working days ago, {needed} are needed before the year closes",
        "名单于{published}公示，已过{days}个工作日，须满{needed}个工作日方可确定",
    ),
    (
        "refuse.letters.open",
        "the appraisal of {year} is not closed: letters go out only with final results",
        "{year}年度考核尚未确定，结果确定后方可函告",
    ),
    ("done.event", "event {id}: {item} on {date}", "考核记录 {id}：{date} {item}"),
    ("done.letters", "{count} letters written to {dir}", "已在 {dir} 生成 {count} 份函件"),
    (
        "done.month.closed",
        "month {month} closed: {persons} persons' results frozen",
        "{month}已结账：{persons}人的结果已冻结",
    ),
    (
        "done.rulebook",
        "rule book \"{name}\" in force from {effective}: {items} items",
        "考核细则“{name}”自{effective}起施行：{items}项",
    ),
    ("done.year.closed", "the appraisal of {year} is closed", "{year}年度考核已确定"),
    (
        "note.annual.barred-item",
        "not eligible for excellent: an event whose item bars it",
        "有不得评优的扣分事项，不参评优秀",
    ),
    (
        "note.annual.barred-lowest",
        "not eligible for excellent: a month graded lowest",
        "有月度考核为最低等次，不参评优秀",
    ),
    (
        "note.annual.long-leave",
        "not graded: sick and personal leave over half the year",
        "病事假累计超过半年，参加考核不定等次",
    ),
    ("note.annual.no-closed-month", "no closed month to score", "无已结账月份，无法计分"),
    (
        "note.annual.no-grade-item",
        "not graded: a sanction or other no-grade item",
        "受处分等不定等次事项，参加考核不定等次",
    ),
    (
        "note.annual.tie",
        "tie at the quota boundary, broken by fewer deduction events, then earlier stationing",
        "名额边界同分，按扣分次数少、进驻早者优先",
    ),
    ("note.funds.standard", "standard for {category}: {amount} yuan a year", "{category}标准：每人每年{amount}元"),
    ("note.funds.total", "total: {total} yuan", "合计：{total}元"),
    ("note.month.closed", "closed on {date}; scored by {rulebook}", "已于{date}结账；依据《{rulebook}》"),
    (
        "note.month.open",
        "provisional: the month is not closed; scored by {rulebook}",
        "未结账，结果为暂定；依据《{rulebook}》",
    ),
    (
        "note.rulebook",
        "base {base}; participation from {months} months stationed; bad review item {bad}; monthly bands: {bands}",
        "基础分{base}；进驻满{months}个月参加年度考核；差评扣分项目{bad}；月度等次：{bands}",
    ),
    ("note.year.closed", "published on {published}, closed on {date}", "{published}公示，{date}确定"),
    ("note.year.open-months", "months not closed yet (not counted): {months}", "尚未结账的月份（未计入）：{months}"),
    (
        "note.year.published",
        "proposed and published (公示) on {published}; close after 5 working days",
        "已于{published}提出并公示；满5个工作日后方可确定",
    ),
    (
        "note.year.quota",
        "{category}: {participants} appraised, ratio {ratio}, excellent quota {quota}, given {chosen}",
        "{category}：参加考核{participants}人，比例{ratio}，优秀名额{quota}，评定{chosen}人",
    ),
    ("reason.ratio.form", "write CATEGORY=RATIO, e.g. civil-servant=0.2", "请写成 类别=比例，如 civil-servant=0.2"),
    (
        "reason.standard.form",
        "write CATEGORY=YUAN, e.g. civil-servant=12000",
        "请写成 类别=金额，如 civil-servant=12000",
    ),
    ("reason.review.duplicate-in-file", "the same case number is already on row {row}", "与第{row}行办件编号重复"),
    ("reason.review.exists", "this case's review was imported already", "该办件的评价已导入"),
    (
        "reason.review.grade",
        "is not a grade from 1 (非常不满意) to 5 (非常满意)",
        "不是1（非常不满意）至5（非常满意）的评价等级",
    ),
    ("reason.rulebook.json", "is not a valid rule book: {detail}", "不是有效的考核细则：{detail}"),
    (
        "reason.rulebook.bad-review",
        "the bad-review item {code} is not among the items",
        "差评扣分项目{code}不在项目列表中",
    ),
    (
        "reason.rulebook.bands",
        "{what}: bands must go from best to worst with falling minimums, the last without a minimum",
        "{what}：等次应从高到低、分数线递减，最后一档不设分数线",
    ),
    ("reason.rulebook.base", "the base score or participation months are not valid", "基础分或参加年度考核的月数无效"),
    ("reason.rulebook.category", "{category} is not an identity category", "{category}不是人员身份类别"),
    ("reason.rulebook.category-missing", "annual bands for {category} are missing", "缺少{category}的年度等次"),
    ("reason.rulebook.effective", "effective is not a date", "施行日期无效"),
    (
        "reason.rulebook.item",
        "item {code}: a cap must be positive and an article 1–27",
        "项目{code}：上限须为正数，条款须为1–27",
    ),
    ("reason.rulebook.item-code", "item code \"{code}\" is empty or appears twice", "项目代码“{code}”为空或重复"),
    ("reason.rulebook.no-item", "the rule book {name} has no item {code}", "考核细则《{name}》中没有项目{code}"),
    (
        "reason.rulebook.none",
        "no rule book is in force on {date}; import one with `jinzhu appraise rules import`",
        "{date}没有施行中的考核细则；请用 `jinzhu appraise rules import` 导入",
    ),
    ("title.annual", "Annual appraisal {year}", "{year}年度考核"),
    ("title.bulletin", "Appraisal bulletin of stationed staff, {year}-{month}", "{year}年{month}月进驻人员考核通报"),
    ("title.funds", "Appraisal and performance-pay funds {year} (Art 22)", "{year}年度考核经费划转（第二十二条）"),
    ("title.letter", "{unit}: annual appraisal {year}", "{unit}{year}年度考核结果"),
    ("title.rulebook", "Rule book {name} (in force from {effective})", "《{name}》（{effective}起施行）"),
    ("reason.half", "is not a half year; write YYYYH1 or YYYYH2", "不是半年度；请写成 YYYYH1 或 YYYYH2"),
    (
        "title.compliance",
        "Implementation report {from} to {to} (Art 24): summary",
        "执行情况通报 {from}至{to}（第二十四条）：汇总",
    ),
    ("group.exceptions", "{article}: stationed under an exception to a soft rule", "{article}：原则性条件例外进驻"),
    (
        "group.failing",
        "{article}: stationed staff failing Art 6/7 on {date}",
        "{article}：{date}不符合第六、七条的在驻人员",
    ),
    (
        "group.approvals",
        "第八、九、十一条: approvals missing, out of order or undecided",
        "第八、九、十一条：审核缺失、顺序不当或未决",
    ),
    ("group.mid-term", "{article}: mid-term replacements", "{article}：中途调整"),
    ("group.no-chief", "{article}: units without a chief representative", "{article}：无首席代表的单位"),
    ("group.section", "{article}: service-section members not stationed", "{article}：政务服务科未进驻人员"),
    ("group.window", "{article}: units on the comprehensive window", "{article}：授权无差别综合窗口的单位"),
    ("group.incidents", "{article}: unit incidents", "{article}：单位违规事项"),
    ("group.overdue", "{article}: leaves overdue", "{article}：逾期未销假"),
    ("group.open-months", "{article}: months not closed", "{article}：未结账月份"),
    ("group.audit", "{article}: audit chain", "{article}：审计链"),
    ("list.items", "{items}", "{items}"),
    ("approval.entry", "{body} {doc}", "{body} {doc}"),
    ("problem.missing", "started without the approval of {bodies}", "未经{bodies}审核即进驻"),
    (
        "problem.after-start",
        "the {body} approved on {date}, after the start on {start}",
        "{body}于{date}审核，晚于{start}进驻",
    ),
    ("problem.undecided", "proposed to start on {start}, still awaiting {bodies}", "拟于{start}进驻，尚待{bodies}审核"),
    ("title.staffing", "Staffing against case volume, {month} (Art 10)", "{month}各单位人员配备与办件量（第十条）"),
    ("flag.no-staff", "cases but nobody stationed", "有办件但无进驻人员"),
    ("flag.understaffed", "over twice the median per person: understaffed", "人均办件超过中位数两倍：人员不足"),
    ("flag.overstaffed", "under half the median per person: overstaffed", "人均办件不足中位数一半：人员偏多"),
    ("note.staffing.median", "median cases per stationed person: {median}", "人均办件量中位数：{median}"),
    // ---- input validation reasons ----
    ("reason.required", "is required", "不能为空"),
    (
        "reason.archive.stationed",
        "person {id} holds assignment {assignment}; end or reject it first",
        "人员 {id} 有进驻安排 {assignment}；请先结束或否决",
    ),
    (
        "reason.leave.no-days",
        "the leave counts no {counting} (weekends and holidays only)",
        "该请假不含{counting}（均为周末或节假日）",
    ),
    ("reason.leave.return-early", "{date} is before the leave began on {from}", "{date}早于请假开始日期{from}"),
    (
        "reason.leave.setting",
        "write TYPE=working or TYPE=calendar, e.g. sick=calendar",
        "请写成 类型=working 或 类型=calendar，如 sick=calendar",
    ),
    ("reason.calendar.duplicate", "the date appears twice in the file", "该日期在文件中出现两次"),
    ("reason.record.unknown", "there is no {what} {id}", "没有编号为 {id} 的记录（{what}）"),
    ("reason.end.before-start", "{date} is before the stationing started on {start}", "{date}早于进驻开始日期{start}"),
    (
        "reason.powers.empty",
        "name at least one power: approve, review, seal, coordinate",
        "至少授予一项权限：审批决定权、审核上报权、印章使用权、组织协调权",
    ),
    (
        "refuse.chief.position",
        "a chief representative must be a filed section chief or presiding deputy chief; this person is {position}, filed: {filed}",
        "首席代表应为经备案的政务服务科科长或主持工作的副科长；此人为{position}，备案：{filed}",
    ),
    ("reason.control", "contains a control character (such as a NUL byte)", "含有控制字符（如空字符）"),
    ("reason.too-long", "is longer than {max} characters", "超过{max}个字符"),
    ("reason.phone", "is not a phone number (digits, +, -, spaces)", "不是有效的电话号码"),
    ("reason.already-archived", "person {id} was archived on {date} already", "人员 {id} 已于{date}归档"),
    ("reason.date", "is not a date; write YYYY-MM-DD", "不是有效日期，请写成 YYYY-MM-DD"),
    ("reason.month", "is not a month; write YYYY-MM", "不是有效月份，请写成 YYYY-MM"),
    ("reason.number", "is not a whole number of at least {min}", "不是不小于{min}的整数"),
    ("reason.bool", "is not yes/no (是/否, true/false, 1/0)", "不是“是/否”（yes/no、1/0）"),
    ("reason.choice", "is not one of: {choices}", "不是以下之一：{choices}"),
    ("reason.article", "is not an article of the regulation (1–27)", "不是本办法的条款（1–27）"),
    ("reason.id.length", "must have 18 characters, found {len}", "应为18位，实为{len}位"),
    ("reason.id.chars", "must be 17 digits followed by a digit or X", "应为17位数字加1位数字或X"),
    ("reason.id.region", "region code {code} is not a Chinese province code", "地区码{code}不是有效的省级代码"),
    ("reason.id.birth", "birth date {date} in it is not a real date", "其中的出生日期{date}不存在"),
    ("reason.id.birth-future", "birth date {date} in it is after today", "其中的出生日期{date}晚于今天"),
    ("reason.id.check", "check digit should be {expected}, found {found}", "校验码应为{expected}，实为{found}"),
    (
        "reason.unit.unknown",
        "no unit with code or name \"{unit}\"; add it with `jinzhu unit add`",
        "没有代码或名称为“{unit}”的单位；请先用 `jinzhu unit add` 添加",
    ),
    (
        "reason.center.unknown",
        "no center with code \"{center}\"; see `jinzhu center list`",
        "没有代码为“{center}”的中心；见 `jinzhu center list`",
    ),
    (
        "reason.person.unknown",
        "no person with ID number or id \"{person}\"; see `jinzhu personnel list`",
        "没有身份证号或编号为“{person}”的人员；见 `jinzhu personnel list`",
    ),
    (
        "reason.person.exists",
        "already registered as person {id}; use --update to change it",
        "已登记为人员 {id}；如需修改请加 --update",
    ),
    (
        "reason.person.exists-add",
        "already registered as person {id}; use `jinzhu personnel edit`",
        "已登记为人员 {id}；请用 `jinzhu personnel edit` 修改",
    ),
    ("reason.duplicate-in-file", "the same ID number is already on row {row}", "与第{row}行身份证号重复"),
    ("reason.unit.exists", "a unit with this code or name exists already", "已有相同代码或名称的单位"),
    ("reason.center.exists", "a center with this code exists already", "已有相同代码的中心"),
    (
        "reason.work-after-join",
        "work start {work_start} is after joining the unit on {joined}",
        "参加工作时间{work_start}晚于进入单位时间{joined}",
    ),
    ("reason.after-today", "{date} is after today ({today})", "{date}晚于今天（{today}）"),
    ("reason.before-birth", "{date} is before the birth date {birth}", "{date}早于出生日期{birth}"),
    (
        "reason.nothing-to-edit",
        "nothing to change: give at least one field to edit",
        "没有要修改的内容：请至少给出一个字段",
    ),
    (
        "reason.column.missing",
        "required column missing (accepted headers: {names})",
        "缺少必需的列（可用列名：{names}）",
    ),
    (
        "reason.column.duplicate",
        "the same column appears twice (columns {first} and {second})",
        "同一列出现两次（第{first}列和第{second}列）",
    ),
    (
        "reason.row.width",
        "the row has {found} cells, the header {expected}",
        "该行有{found}个单元格，表头有{expected}个",
    ),
    ("reason.file.empty", "the file is empty", "文件为空"),
    ("reason.file.no-rows", "the file has a header but no data rows", "文件只有表头，没有数据"),
    (
        "reason.file.encoding",
        "is not valid UTF-8 (line {line}); a file saved by Excel or WPS in Chinese is usually GB18030: add --encoding gb18030",
        "不是有效的 UTF-8（第{line}行）；Excel/WPS 保存的中文文件通常为 GB18030，请加 --encoding gb18030",
    ),
    ("reason.file.csv", "cannot be read as CSV: {detail}", "无法按 CSV 读取：{detail}"),
    ("reason.file.xlsx", "cannot be read as a spreadsheet: {detail}", "无法按电子表格读取：{detail}"),
    (
        "reason.file.sheet",
        "has no sheet named \"{sheet}\"; its sheets: {names}",
        "没有名为“{sheet}”的工作表；现有：{names}",
    ),
    ("reason.encoding", "unknown encoding; use utf-8 or gb18030", "未知编码；请用 utf-8 或 gb18030"),
    (
        "reason.output.type",
        "unknown output type; use .csv, .json or .xlsx",
        "未知的输出类型；请用 .csv、.json 或 .xlsx",
    ),
    // ---- outcomes ----
    (
        "done.init",
        "created {path} (schema {version}) with center {code} {name}",
        "已创建 {path}（结构版本 {version}），中心 {code} {name}",
    ),
    ("done.dry-run", "dry run: nothing was written", "试运行：未写入任何数据"),
    ("done.created", "created {entity} {id}", "已创建{entity} {id}"),
    ("done.updated", "updated {entity} {id}", "已更新{entity} {id}"),
    ("done.assignment", "assignment {id}: {status}", "进驻安排 {id}：{status}"),
    (
        "done.assignment.needs",
        "assignment {id} proposed; it needs the approval of: {needs}",
        "进驻安排 {id} 已提出；尚需审核：{needs}",
    ),
    ("done.assignment.started", "assignment {id}: {status}, term ends {end}", "进驻安排 {id}：{status}，任期至{end}"),
    ("done.chief", "{name} is chief representative of {unit} from {date}", "{name}自{date}起任{unit}首席代表"),
    (
        "done.request",
        "request {id} recorded; the replacement starts on {date} only after the center's reply",
        "调整申请 {id} 已登记；须经中心正式函复后方可于{date}进驻",
    ),
    (
        "done.request.mid-term",
        "request {id} recorded (MID-TERM replacement, Art 11); the replacement starts on {date} only after the center's reply",
        "调整申请 {id} 已登记（中途调整，第十一条）；须经中心正式函复后方可于{date}进驻",
    ),
    ("done.reply", "request {id}: {status}", "调整申请 {id}：{status}"),
    ("done.leave", "leave {id}: {status}, {days} {counting}", "请假 {id}：{status}，{days}个{counting}"),
    ("done.archived", "archived person {id} on {date}", "人员 {id} 已于{date}归档"),
    (
        "done.window",
        "unit {code} switched to the comprehensive window under {doc}",
        "单位 {code} 已依据 {doc} 改为无差别综合窗口",
    ),
    ("done.volume", "unit {code}: {cases} cases in {month}", "单位 {code}：{month} 办件量 {cases}"),
    (
        "done.import",
        "{file}: {inserted} inserted, {updated} updated, {rows} rows",
        "{file}：新增 {inserted}，更新 {updated}，共 {rows} 行",
    ),
    (
        "done.import.dry",
        "{file}: would insert {inserted} and update {updated} of {rows} rows; nothing was written",
        "{file}：将新增 {inserted}、更新 {updated}（共 {rows} 行）；试运行未写入",
    ),
    ("done.import.ignored", "column \"{column}\" was not recognised and was ignored", "未识别的列“{column}”已忽略"),
    ("done.backup", "backed up {path} to {to} ({pages} pages)", "已将 {path} 备份到 {to}（{pages} 页）"),
    ("done.migrate", "migrated {path} from schema {from} to {to}", "已将 {path} 从结构版本 {from} 升级到 {to}"),
    (
        "done.compact",
        "compacted {path}: pages of {from} -> {to} bytes, {before} -> {after} MiB",
        "已整理 {path}：页大小 {from} -> {to} 字节，{before} -> {after} MiB",
    ),
    (
        "done.compact.dry",
        "{path} would be rewritten with pages of {to} bytes (now {from}, {before} MiB)",
        "{path} 将以 {to} 字节的页重写（现为 {from}，{before} MiB）",
    ),
    ("done.migrate.none", "{path} is up to date (schema {version})", "{path} 已是最新（结构版本 {version}）"),
    ("done.demo", "demo database written to {path} (demo date {today})", "示例数据库已写入 {path}（示例日期 {today}）"),
    ("entity.center", "center", "中心"),
    ("entity.unit", "unit", "单位"),
    ("entity.person", "person", "人员"),
    ("entity.incident", "incident", "事件"),
    ("progress.rows", "{rows} rows read", "已读取 {rows} 行"),
    (
        "overview.tagline",
        "administration of staff stationed at the government service center",
        "政务服务中心进驻人员管理",
    ),
    (
        "overview.about",
        "Administration of the staff stationed at a government service center (黔江区政务服务中心进驻人员管理办法, 2020)",
        "政务服务中心进驻人员管理（依据《黔江区政务服务中心进驻人员管理办法》，2020）",
    ),
    ("overview.group.init", "create the database and its first center", "创建数据库及第一个中心"),
    ("overview.group.demo", "build the example database and print the key reports", "生成示例数据库并输出主要报表"),
    ("overview.group.db", "check, back up, migrate or compact the database", "检查、备份、升级或整理数据库"),
    (
        "overview.group.center",
        "centers: district, sub-centers, township centers (Art 25)",
        "中心：区中心、分中心、乡镇街道中心（第二十五条）",
    ),
    (
        "overview.group.unit",
        "stationing units, window mode, case volume, incidents (Art 10, 17, 19)",
        "进驻单位、窗口模式、办件量、违规事项（第十、十七、十九条）",
    ),
    ("overview.group.personnel", "the personnel register and the Art 6/7 check", "人员名册及第六、七条资格审查"),
    (
        "overview.group.assign",
        "stationing: proposals, approvals, terms, chief representatives (Art 6–13)",
        "进驻：提出、审核、任期、首席代表（第六至十三条）",
    ),
    (
        "overview.group.reassign",
        "replacing a stationed person by letter and reply (Art 11)",
        "以函件调整进驻人员（第十一条）",
    ),
    (
        "overview.group.leave",
        "leave approved by the center; the holiday calendar (Art 19)",
        "中心审批请销假；节假日（第十九条）",
    ),
    (
        "overview.group.appraise",
        "monthly and annual appraisal, letters to units (Art 20–23)",
        "月度、年度考核及函告（第二十至二十三条）",
    ),
    (
        "overview.group.report",
        "reports: roster, terms, leave, appraisal, funds, compliance, audit",
        "报表：名册、任期、请假、考核、经费、执行情况、审计",
    ),
    ("overview.group.completions", "print a shell completion script", "输出命令补全脚本"),
    ("overview.db", "database: {path} (schema {version})", "数据库：{path}（结构版本 {version}）"),
    ("overview.db-problem", "database: {problem}", "数据库：{problem}"),
    (
        "overview.help",
        "`jinzhu demo` builds an example; `jinzhu COMMAND --help` explains a command.",
        "`jinzhu demo` 生成示例；`jinzhu 命令 --help` 查看命令说明。",
    ),
    // ---- db check ----
    ("check.db.integrity", "integrity check", "完整性检查"),
    ("check.db.foreign-keys", "foreign keys", "外键检查"),
    ("check.db.audit", "audit chain", "审计链"),
    ("check.db.ok", "ok", "正常"),
    ("check.db.records", "records against the audit trail", "记录与审计一致性"),
    (
        "check.db.unaudited",
        "{entity} {id} differs from what its last audit row recorded ({count} records in all): changed without jinzhu",
        "{entity} {id} 与其最后一条审计记录不符（共{count}条）：未经 jinzhu 修改",
    ),
    ("check.db.audit-ok", "ok: {rows} rows, head {head}", "正常：{rows} 行，链头 {head}"),
    ("check.db.audit-broken", "broken at audit row {seq}: {why}", "在审计第 {seq} 行断裂：{why}"),
    ("check.db.hash", "its hash does not match its content (the row was edited)", "哈希与内容不符（该行被改动过）"),
    (
        "check.db.link",
        "it does not link to the row before it (a row was deleted, inserted or reordered)",
        "未与前一行相连（有行被删除、插入或调换）",
    ),
    (
        "check.db.head",
        "the chain ends at row {found} but the head recorded row {expected} (rows were cut off the end)",
        "审计链止于第 {found} 行，而记录的链头为第 {expected} 行（末尾有行被删除）",
    ),
    ("check.db.failed", "the database check found problems", "数据库检查发现问题"),
    (
        "check.db.fk-row",
        "{table} row {rowid} points to a missing {parent}",
        "{table} 第 {rowid} 行引用的 {parent} 不存在",
    ),
    // ---- table titles ----
    ("title.persons", "Persons", "人员名册"),
    ("title.centers", "Centers", "中心"),
    ("title.person", "Person {id}: {name}", "人员 {id}：{name}"),
    (
        "title.check-person",
        "{name}: stationing check (Art 6, 7) for a start on {date}",
        "{name}：进驻资格审查（第六、七条），进驻日期 {date}",
    ),
    (
        "title.check-all",
        "Stationing check (Art 6, 7) of the register for a start on {date}",
        "名册人员进驻资格审查（第六、七条），进驻日期 {date}",
    ),
    ("title.unit", "Unit {code} {name}", "单位 {code} {name}"),
    ("title.units", "Units", "进驻单位"),
    ("title.volumes", "Monthly case volume", "月办件量"),
    ("title.incidents", "Incidents", "单位事件"),
    ("title.audit", "Audit log", "审计日志"),
    ("title.db-check", "Database check", "数据库检查"),
    ("title.roster", "Roster of stationed staff on {date}", "{date}进驻人员名册"),
    (
        "title.terms",
        "Terms ending within {days} days of {date}, or ended without renewal",
        "{date}起{days}天内届满或已届满未续期的任期",
    ),
    ("title.eligibility", "Stationed staff failing Art 6/7 on {date}", "{date}不符合第六、七条条件的在驻人员"),
    ("mark.chief", "chief rep.", "首席代表"),
    ("note.roster.count", "{count} stationed", "在驻 {count} 人"),
    (
        "note.roster.no-chief",
        "no chief representative that day (Art 12): {units}",
        "当日无首席代表的单位（第十二条）：{units}",
    ),
    ("state.expired", "expired {days} days ago, not renewed or replaced", "已届满{days}天，未续期或调整"),
    ("state.ending", "ends in {days} days", "{days}天后届满"),
    ("state.covered", "covered: {reason}", "已例外：{reason}"),
    ("state.not-covered", "not covered", "无例外"),
    ("title.leaves", "Leaves", "请假记录"),
    ("title.balance", "Annual leave of {name} in {year}", "{name} {year}年年休假"),
    ("title.leave-types", "Leave types and how their days are counted", "假别及计算方式"),
    ("title.leave-report", "Leave days by month, {from} to {to}", "请假天数按月统计（{from}至{to}）"),
    ("title.leave-report-unit", "Leave days by unit, {from} to {to}", "各单位请假天数（{from}至{to}）"),
    ("title.leave-overdue", "Overdue: approved leaves ended without a return by {date}", "逾期未销假（截至{date}）"),
    ("title.calendar", "Holidays and make-up working days", "节假日及调休上班日"),
    ("mark.overdue", "OVERDUE", "逾期未销假"),
    ("weekday.mon", "Mon", "周一"),
    ("weekday.tue", "Tue", "周二"),
    ("weekday.wed", "Wed", "周三"),
    ("weekday.thu", "Thu", "周四"),
    ("weekday.fri", "Fri", "周五"),
    ("weekday.sat", "Sat", "周六"),
    ("weekday.sun", "Sun", "周日"),
    ("title.assignments", "Assignments", "进驻安排"),
    ("title.assignment", "Assignment {id}: {name}", "进驻安排 {id}：{name}"),
    ("title.approvals", "Approvals", "审核记录"),
    ("title.exceptions", "Exceptions to soft rules", "原则性条件例外"),
    ("title.terms-of", "Terms", "任期"),
    ("title.chiefs", "Chief representatives", "首席代表"),
    ("title.requests", "Replacement requests (Art 11)", "人员调整申请（第十一条）"),
    ("title.request", "Replacement request {id}", "人员调整申请 {id}"),
    ("title.stationing-history", "Stationing history", "进驻经历"),
    ("title.history", "History", "变更记录"),
    // ---- column headers ----
    ("col.id", "id", "编号"),
    ("col.id_number", "id_number", "身份证号"),
    ("col.name", "name", "姓名"),
    ("col.unit", "unit", "单位"),
    ("col.unit_name", "unit name", "单位名称"),
    ("col.position", "position", "职务"),
    ("col.filed", "filed", "备案"),
    ("col.establishment", "establishment", "编制"),
    ("col.category", "category", "身份类别"),
    ("col.joined_unit", "joined_unit", "进入单位时间"),
    ("col.work_start", "work_start", "参加工作时间"),
    ("col.service_section", "service_section", "政务服务科"),
    ("col.party_member", "party_member", "中共党员"),
    ("col.union_member", "union_member", "工会会员"),
    ("col.phone", "phone", "电话"),
    ("col.birth_date", "birth date", "出生日期"),
    ("col.sex", "sex", "性别"),
    ("col.age", "age", "年龄"),
    ("col.status", "status", "状态"),
    ("col.archived_on", "archived on", "归档日期"),
    ("col.archive_reason", "archive reason", "归档原因"),
    ("col.code", "code", "代码"),
    ("col.level", "level", "级别"),
    ("col.kind", "kind", "性质"),
    ("col.service_items", "service items", "事项数"),
    ("col.mode", "mode", "窗口模式"),
    ("col.mode_doc", "approval doc", "批准文号"),
    ("col.mode_date", "approved on", "批准日期"),
    ("col.staff", "persons", "人数"),
    ("col.month", "month", "月份"),
    ("col.cases", "cases", "办件量"),
    ("col.article", "article", "条款"),
    ("col.date", "date", "日期"),
    ("col.note", "note", "说明"),
    ("col.rule", "rule", "规则"),
    ("col.result", "result", "结果"),
    ("col.detail", "detail", "说明"),
    ("col.art6_age", "Art 6 age", "第六条 年龄"),
    ("col.art7_estab", "Art 7 establishment", "第七条 编制"),
    ("col.art7_tenure", "Art 7 tenure", "第七条 工龄"),
    ("col.seq", "seq", "序号"),
    ("col.at", "time", "时间"),
    ("col.operator", "operator", "操作人"),
    ("col.command", "command", "命令"),
    ("col.entity", "entity", "对象"),
    ("col.entity_id", "entity id", "对象编号"),
    ("col.action", "action", "操作"),
    ("col.before", "before", "修改前"),
    ("col.after", "after", "修改后"),
    ("col.check", "check", "检查项"),
    ("col.field", "field", "项目"),
    ("col.value", "value", "内容"),
    ("col.needs", "needs approval of", "尚缺审核"),
    ("col.exceptions", "exceptions", "例外"),
    ("col.review", "review", "审核方式"),
    ("col.proposed_start", "proposed start", "拟进驻日期"),
    ("col.started_on", "started", "进驻日期"),
    ("col.term_start", "term start", "任期开始"),
    ("col.term_end", "term end", "任期届满"),
    ("col.ended_on", "last day", "结束日期"),
    ("col.center", "center", "中心"),
    ("col.window", "window", "窗口"),
    ("col.end_reason", "end reason", "结束原因"),
    ("col.reject_reason", "reason refused", "否决理由"),
    ("col.transfer_union", "union moved", "工会会籍转入"),
    ("col.transfer_party", "party relation moved", "党组织关系转入"),
    ("col.body", "body", "审核单位"),
    ("col.doc", "document", "文号"),
    ("col.remark", "remark", "备注"),
    ("col.reason", "reason", "理由"),
    ("col.powers", "powers", "授权事项"),
    ("col.from_date", "from", "起"),
    ("col.to_date", "to", "止"),
    ("col.assignment", "assignment", "进驻安排"),
    ("col.replaced", "replaced", "被调整人员"),
    ("col.replacement", "replacement", "新进驻人员"),
    ("col.new_assignment", "new assignment", "新进驻安排"),
    ("col.letter", "unit's letter", "单位函件"),
    ("col.effective", "effective", "生效日期"),
    ("col.mid_term", "mid-term", "中途调整"),
    ("col.reply_doc", "center's reply", "中心函复"),
    ("col.reply_date", "replied on", "函复日期"),
    ("col.chief", "chief rep.", "首席代表"),
    ("col.days_left", "days left", "剩余天数"),
    ("col.state", "state", "情况"),
    ("col.pending_request", "pending request", "待函复申请"),
    ("col.covered", "exception", "例外"),
    ("col.rank", "rank", "名次"),
    ("col.days_stationed", "days stationed", "在岗天数"),
    ("col.days_leave", "days on leave", "请假天数"),
    ("col.items", "items", "考核事项"),
    ("col.deductions", "deductions", "扣分"),
    ("col.bonuses", "bonuses", "加分"),
    ("col.score", "score", "得分"),
    ("col.grade", "grade", "等次"),
    ("col.good_rate", "good reviews %", "好评率%"),
    ("col.months", "months stationed", "进驻月数"),
    ("col.standing", "appraised by", "考核方式"),
    ("col.item", "item", "项目"),
    ("col.item_en", "item (English)", "项目（英文）"),
    ("col.points", "points", "分值"),
    ("col.cap", "monthly cap", "月上限"),
    ("col.blocks_excellent", "bars excellent", "不得评优"),
    ("col.no_grade", "no grade", "不定等次"),
    ("col.persons", "persons", "人数"),
    ("col.person_months", "person-months", "人月数"),
    ("col.amount", "amount (yuan)", "金额（元）"),
    ("col.case_no", "case", "办件编号"),
    ("col.group", "group", "类别"),
    ("col.start", "start", "进驻日期"),
    ("col.center_doc", "center's document", "中心审核文号"),
    ("col.org_dept_doc", "org/personnel document", "组织人事部门文号"),
    ("col.gsmo_doc", "GSMO document", "政务服务管理办公室文号"),
    ("col.approved_on", "approved on", "审核日期"),
    ("col.exception", "exception reason", "例外理由"),
    ("col.count", "count", "数量"),
    ("col.approvals", "approvals", "审核"),
    ("col.problem", "problem", "问题"),
    ("col.cases_per_staff", "cases per person", "人均办件量"),
    ("col.flag", "flag", "提示"),
    ("col.times", "times", "次数"),
    ("col.type", "type", "假别"),
    ("col.half", "half day", "半天"),
    ("col.days", "days", "天数"),
    ("col.days_taken", "days taken", "实休天数"),
    ("col.returned_on", "returned", "销假日期"),
    ("col.years_worked", "years worked on 1 January", "截至1月1日工龄"),
    ("col.entitlement", "entitlement", "应休天数"),
    ("col.taken", "taken", "已休"),
    ("col.pending", "pending", "待批"),
    ("col.remaining", "remaining", "剩余"),
    ("col.personal_days", "personal leave days", "事假天数"),
    ("col.sick_calendar_days", "sick leave (calendar days)", "病假（自然日）"),
    ("col.no_annual_leave", "no annual leave because", "不享受年休假原因"),
    ("col.counting", "counted in", "计算方式"),
    ("col.total", "total", "合计"),
    ("col.overdue", "overdue", "逾期"),
    ("col.weekday", "weekday", "星期"),
    ("col.m01", "Jan", "1月"),
    ("col.m02", "Feb", "2月"),
    ("col.m03", "Mar", "3月"),
    ("col.m04", "Apr", "4月"),
    ("col.m05", "May", "5月"),
    ("col.m06", "Jun", "6月"),
    ("col.m07", "Jul", "7月"),
    ("col.m08", "Aug", "8月"),
    ("col.m09", "Sep", "9月"),
    ("col.m10", "Oct", "10月"),
    ("col.m11", "Nov", "11月"),
    ("col.m12", "Dec", "12月"),
];

fn index() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static INDEX: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| TEXTS.iter().map(|&(k, en, zh)| (k, (en, zh))).collect())
}

/// The text for `key` in `lang`; the key itself when the table lacks it (a test guards
/// that every key the code uses is present).
pub fn text(lang: Lang, key: &str) -> &str {
    match index().get(key) {
        Some((en, zh)) => match lang {
            Lang::En => en,
            Lang::Zh => zh,
        },
        None => key,
    }
}

/// Whether the table holds `key` (for tests and for parsing localized enum values).
pub fn has(key: &str) -> bool {
    index().contains_key(key)
}

/// Both texts of `key`, for accepting input in either language.
pub fn both(key: &str) -> Option<(&'static str, &'static str)> {
    index().get(key).copied()
}

/// An argument of a message: plain text, or another table key rendered in the same language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Plain(String),
    Key(&'static str),
    Nested(Box<Msg>),
    /// Several table keys, shown as a list in the language.
    Keys(Vec<&'static str>),
}

/// A message to be rendered later in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// Adds a plain argument.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Msg {
        self.args.push((name, Arg::Plain(value.to_string())));
        self
    }

    /// Adds an argument that is itself a message, rendered in the same language.
    pub fn nested(mut self, name: &'static str, msg: Msg) -> Msg {
        self.args.push((name, Arg::Nested(Box::new(msg))));
        self
    }

    /// Adds an argument that is a list of table keys (enum labels, say).
    pub fn labels(mut self, name: &'static str, keys: Vec<&'static str>) -> Msg {
        self.args.push((name, Arg::Keys(keys)));
        self
    }

    /// Adds an argument that is itself a table key (an enum label, say).
    pub fn label(mut self, name: &'static str, key: &'static str) -> Msg {
        self.args.push((name, Arg::Key(key)));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut out = text(lang, self.key).to_string();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Plain(s) => s.clone(),
                Arg::Key(k) => text(lang, k).to_string(),
                Arg::Nested(m) => m.render(lang),
                Arg::Keys(keys) => keys.iter().map(|k| text(lang, k)).collect::<Vec<_>>().join(list_separator(lang)),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Between items of a list in running text.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// The article as the regulation cites it: 第六条.
pub fn article(n: u8) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, (n % 10) as usize);
    let tens = match tens {
        0 => String::new(),
        1 => "十".to_string(),
        t => format!("{}十", DIGITS[t as usize]),
    };
    format!("第{tens}{}条", DIGITS[ones])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_present() {
        let mut seen = std::collections::HashSet::new();
        for (k, en, zh) in TEXTS {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!en.is_empty() && !zh.is_empty(), "{k} lacks a text");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
            v.sort();
            v
        };
        for (k, en, zh) in TEXTS {
            assert_eq!(names(en), names(zh), "placeholders differ for {k}");
        }
    }

    /// Every `Msg::new("…")`, `Cell::Label("…")` and `.label(_, "…")` key in the sources
    /// is in the table, so that no user sees a bare key.
    #[test]
    fn every_key_the_code_uses_has_texts() {
        let sources = [
            include_str!("appraisal.rs"),
            include_str!("assignment.rs"),
            include_str!("audit.rs"),
            include_str!("calendar.rs"),
            include_str!("demo.rs"),
            include_str!("error.rs"),
            include_str!("idnum.rs"),
            include_str!("leave.rs"),
            include_str!("org.rs"),
            include_str!("parse.rs"),
            include_str!("personnel.rs"),
            include_str!("report.rs"),
            include_str!("rules.rs"),
            include_str!("sheet.rs"),
            include_str!("store.rs"),
            include_str!("table.rs"),
            include_str!("cli/mod.rs"),
            include_str!("cli/appraise.rs"),
            include_str!("cli/assign.rs"),
            include_str!("cli/center.rs"),
            include_str!("cli/db.rs"),
            include_str!("cli/demo.rs"),
            include_str!("cli/leave.rs"),
            include_str!("cli/output.rs"),
            include_str!("cli/personnel.rs"),
            include_str!("cli/reassign.rs"),
            include_str!("cli/report.rs"),
            include_str!("cli/unit.rs"),
        ];
        let mut missing = Vec::new();
        for src in sources {
            // Every string literal shaped like a key: lower-case words joined by dots.
            for literal in src.split('"').skip(1).step_by(2) {
                let segments: Vec<&str> = literal.split('.').collect();
                let shaped = segments.len() >= 2
                    && segments.iter().all(|w| {
                        !w.is_empty()
                            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    })
                    && segments[0].starts_with(|c: char| c.is_ascii_lowercase());
                let file_name =
                    matches!(segments.last(), Some(&("db" | "csv" | "xlsx" | "json" | "txt" | "sql" | "rs")));
                if shaped && !file_name && !has(literal) {
                    missing.push(literal.to_string());
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "keys without texts: {missing:?}");
    }

    #[test]
    fn articles_in_chinese_numerals() {
        assert_eq!(article(6), "第六条");
        assert_eq!(article(10), "第十条");
        assert_eq!(article(11), "第十一条");
        assert_eq!(article(20), "第二十条");
        assert_eq!(article(25), "第二十五条");
    }

    #[test]
    fn message_renders_arguments_and_labels() {
        let m =
            Msg::new("check.age.exempt").arg("age", 50).arg("date", "2026-03-01").label("position", "position.chief");
        assert_eq!(m.render(Lang::En), "aged 50 on 2026-03-01; exempt as a filed section chief");
        assert_eq!(m.render(Lang::Zh), "2026-03-01时50周岁；经备案的科长，不受年龄限制");
    }

    #[test]
    fn locale_picks_chinese() {
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
