//! `--help` in the language asked for. The program and its command groups are described
//! by the overview's texts (`overview.*` in `jinzhu::base::i18n`, in both languages). Every
//! other command and flag has its English text in its doc comment (clap reads them) and
//! its Chinese text in the table below, by command path and flag id. Tests keep the
//! table and the command tree in step: every command and every described flag has its
//! text, and no entry names something that does not exist.

use clap::Command;
use jinzhu::base::i18n::{self, Lang};

/// A flag id under this path means: the same text under every command that has it.
const ANY: &str = "*";

/// (command path, flag id or "" for the command itself, Chinese text). The command
/// groups' own texts are the overview's (`overview.group.*` in `jinzhu::base::i18n`).
const ZH: &[(&str, &str, &str)] = &[
    ("", "db", "数据库文件 [默认：jinzhu.db；`demo` 为 jinzhu-demo.db]"),
    ("", "format", "结果的输出格式"),
    ("", "output", "把结果写入文件 FILE（按扩展名：.csv、.json 或 .xlsx）"),
    ("", "lang", "标签和提示的语言 [默认：LANG 以 zh 开头时为 zh，否则为 en]"),
    ("", "today", "核对各项规定所依据的日期（YYYY-MM-DD）[默认：今天]"),
    ("", "operator", "操作人，记入审计日志 [默认：登录名]"),
    ("", "dry_run", "照常执行并显示结果，但不写入任何数据"),
    ("", "show_id", "显示完整身份证号（默认遮盖）"),
    ("", "bom", "CSV 输出以字节顺序标记开头，便于 Excel 打开"),
    (ANY, "center", "只含此中心（代码）的记录 [默认：各中心依次列出]"),
    ("appraise year", "center", "考核年度所属的中心（代码）；有多个中心时必须指定，各中心分别计算优秀名额"),
    ("appraise letters", "center", "发函的中心（代码）；有多个中心时必须指定"),
    (ANY, "encoding", "CSV 文件的文字编码：utf-8 或 gb18030"),
    (ANY, "sheet", ".xlsx 文件的工作表 [默认：第一个]"),
    (ANY, "bulk", "导入期间独占数据库，经 SQLite 回滚日志写入，大文件更快 [默认：16 MiB 起自动启用]"),
    (
        "db check",
        "",
        "完整性、外键、数据库结构、审计链（用审计密钥）、每条记录与其审计记录、每个已关闭月份和年度与其摘要；全部无误时退出码为 0。检查无误即记录检查点，下次只核对其后写入的内容（--full：全部）",
    ),
    ("db check", "full", "全部读取：整个文件、整条审计链、每条记录。不加此项时，有检查点则只核对其后写入的内容"),
    ("db check", "anchor", "把审计链头（序号、哈希、时间）追加到文件 FILE（与数据库分开保存）"),
    ("db check", "anchors", "核对文件 FILE（由 --anchor 写入）中的每个锚点仍在审计链中"),
    ("db check", "against", "核对备份 BACKUP 的整条审计链仍是本库审计链的前段"),
    ("db backup", "", "复制数据库，写入进行中也能得到一致的副本"),
    ("demo", "full", "输出示例生成的全部报表，而不只是内容概要和查看方法"),
    ("appraise month", "count_unverified", "与 --close 同用：未核实的差评按有效计入（第十六条差评核实规则）"),
    ("appraise review", "", "好差评评价：中心对差评的核实结论（第十六条）"),
    ("appraise review verify", "", "核实差评（1–2级）：--valid 扣分，--invalid（误评、恶意差评）不计入任何分数和比率"),
    ("appraise review verify", "case", "该评价的办件编号"),
    ("appraise review verify", "valid", "差评属实：按考核细则的差评项目扣分"),
    ("appraise review verify", "invalid", "误评或恶意差评：不计入任何分数和比率"),
    ("appraise review verify", "reason", "核实结论"),
    ("appraise review rectify", "", "登记经核实有效差评的整改情况：整改内容及评价人意见"),
    ("appraise review rectify", "case", "该评价的办件编号"),
    ("appraise review rectify", "note", "整改内容"),
    ("appraise review rectify", "date", "整改日期 [默认：今天]"),
    ("appraise review rectify", "verdict", "评价人意见：满意、基本满意或不满意"),
    ("attendance schedule", "", "中心的作息时间：导入某一版本，或列出各版本"),
    ("attendance schedule import", "", "导入作息时间的一个版本（JSON，格式见 examples/schedule.json）"),
    ("attendance schedule import", "file", "作息时间 JSON 文件（格式见 examples/schedule.json）"),
    ("attendance schedule import", "center", "文件未指明中心时所属的中心（代码）[默认：第一个中心]"),
    ("attendance schedule list", "", "各版本作息时间：季节、星期例外、宽限与旷工标准"),
    ("attendance pin", "", "把考勤机的考勤号或钉钉工号对应到人员；--import 读入对照表，--list 列出对照表"),
    ("attendance pin", "import", "考勤号对照表文件：列为 id_number、pin（身份证号、工号/考勤号）"),
    ("attendance pin", "person", "身份证号或内部编号"),
    ("attendance pin", "pin", "考勤机记录的考勤号或工号"),
    ("attendance pin", "replace", "把该考勤号从原对应人员改为此人"),
    ("attendance pin", "list", "列出全部考勤号及其人员"),
    ("attendance import", "", "导入打卡记录：通用表格（身份证号、工号或姓名，及打卡时间）、钉钉原始记录或中控 ATTLOG"),
    ("attendance import", "file", "文件（.csv、.xlsx 或 ATTLOG 的 .dat/.txt）"),
    ("attendance import", "skip_unknown", "无对应人员的考勤号和姓名只列出、不拒绝整个文件"),
    ("attendance month", "", "由打卡记录计算某月考勤：迟到、早退、缺卡、旷工；--close 生成考核记录"),
    ("attendance month", "month", "月份（YYYY-MM）"),
    ("attendance month", "person", "只看此人（身份证号或内部编号）"),
    ("attendance month", "unit", "只看此单位（代码或名称）"),
    ("attendance month", "all", "列出每个工作日，不只是有异常的日子"),
    ("attendance month", "close", "把当月考勤结果生成考核记录，并冻结当月打卡记录"),
    ("attendance amend", "", "登记补签（须写明理由）：补签视同打卡"),
    ("attendance amend", "person", "身份证号或内部编号"),
    ("attendance amend", "date", "日期（YYYY-MM-DD）"),
    ("attendance amend", "time", "补签的打卡时间（HH:MM 或 HH:MM:SS）"),
    ("attendance amend", "reason", "缺卡原因及确认人"),
    (
        "report windows",
        "",
        "某月窗口（单位）排名：按考核细则，由进驻人员平均得分、好差评满意率和窗口考核项目计分（第二十一条）",
    ),
    (
        "report departments",
        "",
        "各进驻单位纳入部门年度综合目标考核的计分：人员和窗口月均得分、评先，按考核细则（第二十一条）",
    ),
    ("report departments", "year", "年度（YYYY）"),
    ("report departments", "center", "只看该中心的记录（中心代码）［默认：逐个中心］"),
    ("appraise window", "", "窗口（单位）考核记录：按窗口登记的考核细则项目（第二十一条）"),
    ("appraise window record", "", "登记窗口考核项目（窗口秩序、台账资料等），计入窗口得分"),
    ("appraise window record", "unit", "单位代码或名称"),
    ("appraise window record", "rule", "考核细则中的窗口考核项目代码"),
    ("appraise window record", "date", "发生日期（YYYY-MM-DD）"),
    ("appraise window record", "times", "次数［默认：1］"),
    ("appraise window record", "note", "情况说明"),
    ("appraise window void", "", "作废未结账月份的窗口考核记录：不再计分，记录保留并标明作废"),
    ("appraise window void", "event", "窗口考核记录编号（`appraise window events` 可查）"),
    ("appraise window void", "reason", "作废原因"),
    ("appraise window events", "", "某月的窗口考核记录及编号"),
    ("appraise window events", "month", "月份（YYYY-MM）"),
    ("report windows", "month", "月份（YYYY-MM）"),
    ("report reviews", "", "某月好差评：按人员和单位列好评率及各状态差评数，再列每条差评的核实情况（第十六条）"),
    ("report reviews", "month", "月份（YYYY-MM）"),
    ("report reviews", "unit", "只看此单位（代码或名称）"),
    ("report attendance", "", "某月由打卡记录计算的考勤：按人员列次数和分钟，按单位合计（第十九、二十一条）"),
    ("report attendance", "month", "月份（YYYY-MM）"),
    ("report attendance", "unit", "只看此单位（代码或名称）"),
    ("letters prefix", "", "设置中心发文字号的机关代字（如“黔江政务函”，得“黔江政务函〔2027〕3号”）"),
    ("letters prefix", "prefix", "机关代字，不含年份和序号"),
    ("letters prefix", "center", "中心代码 [默认：第一个中心]"),
    ("letters list", "", "已编发文字号的函件，按顺序列出"),
    ("letters list", "year", "只列该年的发文字号"),
    ("appraise year", "out", "与 --publish 同用：公示（.docx）及其名单（.xlsx）写入的文件夹"),
    ("man", "", "把每个命令的 man 手册页写入文件夹 DIR（jinzhu.1、jinzhu-leave-request.1……）"),
    ("man", "dir", "手册页写入的文件夹（不存在则创建）"),
    ("init", "center_code", "第一个中心的代码"),
    ("init", "center_name", "第一个中心的名称"),
    ("db backup", "file", "副本写到哪里"),
    ("center add", "code", "中心代码（字母和数字）"),
    ("center add", "name", "中心全称"),
    ("unit add", "code", "单位代码（字母、数字、-）"),
    ("unit add", "name", "单位全称"),
    ("unit import", "file", "单位文件（.csv 或 .xlsx：代码、名称、性质、服务事项数）"),
    ("unit show", "code", "单位代码或名称"),
    ("unit window", "date", "批准日期（YYYY-MM-DD）"),
    ("unit volume", "code", "单位代码或名称"),
    ("unit volume", "month", "月份（YYYY-MM）"),
    ("unit volume", "cases", "当月窗口办件量"),
    ("unit incident", "code", "单位代码或名称"),
    ("unit incident", "article", "违反的条款（如 19）"),
    ("unit incident", "date", "发生日期（YYYY-MM-DD）"),
    ("unit incident", "note", "情况说明"),
    ("personnel add", "name", "姓名"),
    ("personnel add", "party_member", "中共党员（第十五条）"),
    ("personnel add", "union_member", "工会会员（第十五条）"),
    ("personnel add", "phone", "联系电话"),
    ("personnel edit", "name", "新的姓名"),
    ("personnel edit", "unit", "新的所在单位（代码或名称）；进驻期间不可改"),
    ("personnel edit", "position", "新的职务：科长、主持工作的副科长、副科长或工作人员"),
    ("personnel edit", "filed", "是否在组织人事部门备案：是或否"),
    ("personnel edit", "establishment", "编制：在编在岗或非在编"),
    ("personnel edit", "category", "身份类别：公务员/参公、事业单位或编外"),
    ("personnel edit", "joined_unit", "进入单位时间（YYYY-MM-DD）"),
    ("personnel edit", "work_start", "参加工作时间（YYYY-MM-DD）"),
    ("personnel edit", "service_section", "是否政务服务科成员：是或否"),
    ("personnel edit", "party_member", "是否中共党员：是或否"),
    ("personnel edit", "union_member", "是否工会会员：是或否"),
    ("personnel edit", "phone", "新的联系电话"),
    ("personnel import", "file", "人员名册（.csv 或 .xlsx；表头见 `jinzhu personnel template`）"),
    ("personnel archive", "person", "身份证号码或内部编号"),
    ("personnel archive", "date", "离开日期（YYYY-MM-DD）"),
    ("personnel archive", "reason", "原因（退休、调动等）"),
    ("assign propose", "start", "拟进驻首日（YYYY-MM-DD）"),
    ("assign propose", "window", "所在窗口"),
    ("assign approve", "id", "进驻记录编号"),
    ("assign approve", "doc", "审批文号"),
    ("assign approve", "date", "审批日期（YYYY-MM-DD）[默认：今天]"),
    ("assign reject", "id", "进驻记录编号"),
    ("assign reject", "by", "不同意的机关：center、org-dept 或 gsmo"),
    ("assign reject", "reason", "理由"),
    ("assign revoke-approval", "id", "进驻记录编号"),
    ("assign correct", "id", "进驻记录编号"),
    ("assign start", "id", "进驻记录编号"),
    ("assign renew", "id", "进驻记录编号"),
    ("assign renew", "doc", "批准续任的文号"),
    ("assign end", "id", "进驻记录编号"),
    ("assign end", "reason", "结束原因"),
    ("assign chief", "unit", "单位代码或名称"),
    ("assign chief", "person", "进驻人员的身份证号码或内部编号"),
    ("assign chief", "date", "起始日期（YYYY-MM-DD）[默认：今天]"),
    ("assign import", "file", "进驻记录文件（.csv 或 .xlsx）"),
    ("assign list", "status", "只列此状态：proposed、approved、active、ended、rejected"),
    ("assign list", "unit", "只列此单位（代码或名称）"),
    ("reassign request", "reason", "单位申请更换的理由"),
    ("reassign reply", "request", "申请编号"),
    ("reassign reply", "doc", "中心复函文号"),
    ("reassign reply", "approve", "中心同意"),
    ("reassign reply", "reject", "中心不同意"),
    ("reassign reply", "reason", "不同意的理由（与 --reject 同用）"),
    ("reassign list", "status", "只列此状态：pending、approved、rejected"),
    ("leave request", "person", "身份证号码或内部编号"),
    ("leave request", "from", "请假首日（YYYY-MM-DD）"),
    ("leave request", "to", "请假末日（YYYY-MM-DD）"),
    ("leave request", "reason", "请假事由"),
    ("leave edit", "id", "请假记录编号"),
    ("leave approve", "id", "请假记录编号"),
    ("leave approve", "reason", "审批意见"),
    ("leave reject", "id", "请假记录编号"),
    ("leave reject", "reason", "不批准的理由"),
    ("leave cancel", "id", "请假记录编号"),
    ("leave cancel", "reason", "撤回原因"),
    ("leave revoke", "id", "请假记录编号"),
    ("leave return", "id", "请假记录编号"),
    ("leave list", "person", "只列此人（身份证号码或内部编号）"),
    ("leave list", "status", "只列此状态：pending、approved、rejected、cancelled、returned、revoked"),
    ("leave list", "year", "只列涉及该年的请假"),
    ("leave balance", "person", "身份证号码或内部编号"),
    ("leave holidays import", "file", "法定节假日文件（.csv 或 .xlsx：日期、类型 holiday/workday、名称）"),
    ("leave holidays list", "year", "只列该年"),
    ("leave types", "set", "类型=working 或 类型=calendar：该类假期按工作日还是自然日计算"),
    ("appraise rules import", "file", "考核细则 JSON 文件（格式见 examples/rulebook.json）"),
    ("appraise rules list", "date", "该日有效的考核细则 [默认：今天]"),
    ("appraise record", "person", "身份证号码或内部编号"),
    ("appraise record", "date", "发生日期（YYYY-MM-DD）"),
    ("appraise record", "times", "次数 [默认：1]"),
    ("appraise record", "note", "情况说明"),
    ("appraise void", "event", "事项编号（见 `appraise events`）"),
    ("appraise correct", "event", "事项编号（见 `appraise events`）"),
    ("appraise import", "file", "考核事项文件（.csv 或 .xlsx：身份证号码、项目、日期、次数、说明）"),
    ("appraise reviews", "file", "好差评文件（.csv 或 .xlsx：办件编号、身份证号码、日期、等次）"),
    ("appraise month", "month", "月份（YYYY-MM）"),
    ("appraise month", "close", "冻结当月考核结果（月末之后；第二十一条）"),
    ("appraise year", "year", "年度（YYYY）"),
    ("appraise letters", "year", "已关闭的年度（YYYY）"),
    ("appraise letters", "out", "函件写入的文件夹"),
    ("report roster", "unit", "只列此单位（代码或名称）"),
    ("report terms", "within", "多少天内届满 [默认：60]"),
    ("report eligibility", "as_of", "判断日期（YYYY-MM-DD）[默认：今天]"),
    ("report staffing", "month", "月份（YYYY-MM）"),
    ("report leave", "month", "某一月份（YYYY-MM）"),
    ("report leave", "year", "全年（YYYY）"),
    ("report appraisal", "month", "某月通报（YYYY-MM）"),
    ("report appraisal", "year", "年度等次（YYYY）"),
    ("report funds", "year", "年度（YYYY）"),
    ("unit window", "code", "单位代码或名称"),
    ("assign show", "id", "进驻记录编号"),
    ("reassign show", "request", "申请编号"),
    ("completions", "shell", "shell 类型：bash、zsh、fish、elvish 或 powershell"),
    ("personnel show", "person", "身份证号码或内部编号"),
    ("personnel check", "person", "身份证号码或内部编号 [默认：所有人员]"),
    ("db backup", "force", "文件 FILE 已存在时覆盖"),
    ("db migrate", "", "在一个事务中把旧版本建立的数据库升级到当前结构"),
    ("db compact", "", "重写数据库文件（VACUUM）：旧文件改用新库的 16 KiB 页，空闲空间归还磁盘；需独占数据库"),
    ("center add", "", "新增分中心或乡镇（街道）公共服务中心"),
    ("center add", "level", "district、sub 或 township（区级中心、分中心、乡镇街道公共服务中心）"),
    ("center list", "", "列出各中心"),
    ("unit add", "", "新增进驻单位"),
    ("unit edit", "", "更正单位的代码、名称、类型或服务事项数；其各项记录随之"),
    ("unit edit", "unit", "单位现在的代码或名称"),
    ("unit edit", "code", "新代码（简短，不含空格）"),
    ("unit edit", "name", "新名称"),
    ("unit edit", "kind", "新类型：organ、institution 或 other"),
    ("unit edit", "service_items", "新的服务事项数"),
    ("unit edit", "reason", "更正理由（记入审计日志）"),
    ("unit add", "kind", "organ（行政机关）、institution（事业单位）或 other（其他组织）"),
    ("unit add", "service_items", "单位进驻中心的服务事项数"),
    ("unit import", "", "从 CSV 或 .xlsx 文件导入单位（列：code、name、kind、service_items）"),
    ("unit list", "", "列出各单位及其进驻人员"),
    ("unit show", "", "单个单位：基本情况、各月办件量、事件记录"),
    ("unit window", "", "将单位改为综合窗口（第十七条：须经区政府批准）"),
    ("unit window", "approval", "区政府批准文号"),
    ("unit volume", "", "登记单位某月的办件量（第十条）"),
    ("unit incident", "", "登记单位事件，如给进驻人员安排与窗口无关的工作（第十九条）"),
    ("personnel add", "", "登记人员"),
    ("personnel add", "id_number", "18 位居民身份证号（出生日期和性别由其读出）"),
    ("personnel add", "unit", "单位代码或名称"),
    (
        "personnel add",
        "position",
        "chief（科长）、presiding-deputy（主持工作的副科长）、deputy（副科长）或 staff（工作人员）",
    ),
    ("personnel add", "establishment", "in（在编在岗）或 out（非在编）"),
    ("personnel add", "category", "civil-servant（公务员/参公）、public-institution（事业单位）或 other（编外）"),
    ("personnel add", "joined_unit", "进入本单位的日期"),
    ("personnel add", "work_start", "参加工作时间"),
    ("personnel add", "filed", "职务已在组织人事部门备案（第六条、第十二条）"),
    ("personnel add", "service_section", "属于单位的政务服务科（第十条）"),
    ("personnel edit", "", "修改人员信息（身份证号不可改）"),
    ("personnel edit", "person", "身份证号或内部编号"),
    ("personnel show", "", "单个人员的档案"),
    ("personnel list", "", "人员名册"),
    ("personnel list", "unit", "只列此单位（代码或名称）"),
    ("personnel list", "all", "包括已归档人员"),
    ("personnel import", "", "从 CSV（UTF-8 或 GB18030）或 .xlsx 导入人员；全部导入或全部不导入"),
    ("personnel import", "update", "更新已登记的人员，而不是拒绝"),
    ("personnel check", "", "某日起进驻会违反第六、七条的哪些规定（不指定 PERSON 时核对所有人）"),
    ("personnel check", "start", "进驻开始日期 [默认：今天]"),
    ("personnel archive", "", "将已离开单位的人员归档（保留，绝不删除）"),
    ("personnel template", "", "打印导入表头（按 --lang）"),
    ("assign propose", "", "提出进驻：按开始日期核对第六、七条"),
    ("assign propose", "person", "人员的身份证号或内部编号"),
    ("assign propose", "center", "中心代码 [默认：第一个中心]"),
    ("assign propose", "exception", "第六、七条原则性条件不符仍予进驻的理由；将被记录"),
    ("assign approve", "", "登记一方的审核意见（第八条：中心、组织人事部门；第九条：政管办、中心）"),
    ("assign approve", "by", "center（区行政服务中心）、org-dept（组织人事部门）或 gsmo（区政务服务管理办公室）"),
    ("assign approve", "remark", "如：审核已涵盖第四、五条（身体、品行、业务熟悉程度）"),
    ("assign propose", "date", "单位提出推荐的日期 [默认：今天]；审批不得早于此日"),
    ("assign reject", "", "审核方之一不同意该进驻提议"),
    ("assign revoke-approval", "", "开始进驻前撤回误给的审批；审批连同理由保留"),
    ("assign revoke-approval", "by", "撤回其审批的审核方：center、org-dept 或 gsmo"),
    ("assign revoke-approval", "reason", "撤回理由（随审批保留并记入审计日志）"),
    ("assign correct", "", "开始进驻前更正录错的窗口或中心"),
    ("assign correct", "center", "正确的中心代码"),
    ("assign correct", "window", "正确的窗口"),
    ("assign correct", "reason", "更正理由（记入审计日志）"),
    ("assign start", "", "开始已批准的进驻；三年期自此起算"),
    ("assign start", "date", "[默认：拟定的开始日期]"),
    ("assign start", "transfer_union", "将工会关系转入中心工会（第八条）"),
    ("assign start", "transfer_party", "将党组织关系转入中心支部（第八条；仅党员）"),
    ("assign start", "exception", "实际开始日不符原则性条件且无例外覆盖时的理由"),
    ("assign renew", "", "在本期届满时或之后续期三年（第十一条）"),
    ("assign renew", "exception", "新任期首日不符合第六、七条“原则上”规定而仍续任的理由；予以保存"),
    ("assign end", "", "结束进驻；DATE 为最后一个进驻日"),
    ("assign end", "date", "最后一个进驻日"),
    ("assign end", "letter", "任期届满前结束：单位来函文号（与 --reply 同用）"),
    ("assign end", "reply", "任期届满前结束：中心函复文号（与 --letter 同用）"),
    (
        "assign end",
        "cause",
        "任期届满前结束且无需来函的原因：retirement（退休）、death（死亡）、dismissal（辞退或纪律处分）或 archived（单位调离归档）",
    ),
    ("assign chief", "", "指定单位首席代表（第十二条）及其授权（第十三条）"),
    ("assign chief", "doc", "授权文件文号"),
    ("assign chief", "powers", "逗号分隔：approve、review、seal、coordinate（或其中文名称）"),
    ("assign import", "", "导入现有进驻名册：逐行提出、按所附文号审核并开始"),
    ("assign list", "", "列出进驻记录"),
    ("assign show", "", "单条进驻：审核、例外、任期、首席代表授权、历史"),
    ("assign chiefs", "", "列出历任和现任首席代表"),
    ("reassign request", "", "登记单位要求更换进驻人员的正式函件"),
    ("reassign request", "assignment", "要更换的进驻记录"),
    ("reassign request", "replacement", "新人员的身份证号或编号"),
    ("reassign request", "letter", "单位来函文号"),
    ("reassign request", "date", "接替人员开始进驻的日期"),
    ("reassign request", "exception", "接替人员不符第六、七条原则性条件时的理由"),
    ("reassign reply", "", "中心正式函复：同意或不同意"),
    ("reassign reply", "date", "函复日期 [默认：今天]；同意的接替不早于此日开始"),
    ("reassign list", "", "列出更换申请"),
    ("reassign show", "", "单个申请及其经过"),
    ("leave request", "", "为进驻人员申请请假（由中心审批，第十九条）"),
    (
        "leave request",
        "kind",
        "annual、personal、sick、marriage、maternity、paternity、bereavement、family-visit、other、official（公假：进驻单位要求）、out（临时外出）（或 年休假、事假……）",
    ),
    ("leave request", "half", "am 或 pm：半天（起止为同一天）"),
    ("leave edit", "", "修改待批的请假（日期、半天、类型、事由）；重新核对各项规定"),
    ("leave edit", "kind", "新的请假类型"),
    ("leave edit", "from", "新的起始日"),
    ("leave edit", "to", "新的截止日"),
    ("leave edit", "half", "am 或 pm；\"\" 表示整天"),
    ("leave edit", "reason", "新的事由"),
    ("leave revoke", "", "撤销已批准的请假（无论是否已开始）：其天数不再计算，年休假余额恢复"),
    ("leave revoke", "reason", "撤销理由（随请假保存并记入审计日志）"),
    ("leave return", "date", "回到岗位的第一天：在请假期间内，或为其后第一个工作日"),
    ("leave return", "correct", "更正已登记的销假日期（须附 --reason）"),
    ("leave return", "reason", "已登记的销假日期有误的理由"),
    ("leave approve", "", "批准待批的请假"),
    ("leave reject", "", "不批准待批的请假，并说明理由"),
    ("leave cancel", "", "撤回待批的请假，或尚未开始的已批请假"),
    ("leave return", "", "销假：DATE 为返岗第一天"),
    ("leave list", "", "列出请假记录"),
    ("leave balance", "", "年休假：应休、已休、待批、剩余（无年休假时说明原因）"),
    ("leave balance", "year", "[默认：--today 所在年份]"),
    ("leave holidays", "", "节假日日历：导入某年（列 date、kind、name）或列出"),
    ("leave holidays import", "", "导入节假日和调休上班日；文件中的年份整体替换该年"),
    ("leave holidays list", "", "列出日历"),
    ("leave types", "", "各类假期如何计天；--set 类型=working|calendar 修改其一"),
    ("appraise rules", "", "考核细则：导入一个版本，或列出现行版本"),
    ("appraise rules import", "", "导入考核细则版本（JSON，见 examples/rulebook.json）"),
    ("appraise rules list", "", "某日现行的考核细则 [默认：今天]"),
    ("appraise record", "", "为进驻人员登记一项考核记录"),
    ("appraise record", "rule", "考核细则项目代码（见 `jinzhu appraise rules list`）"),
    ("appraise record", "force", "考勤类事项发生在非工作日或请假日时仍予登记（须附 --note）"),
    ("appraise events", "", "列出考核记录：编号、来源、是否仍计分"),
    ("appraise events", "person", "只列此人的（身份证号或登记编号）"),
    ("appraise events", "month", "只列此月的（YYYY-MM）"),
    ("appraise events", "rule", "只列此考核项目的"),
    ("appraise void", "", "作废未结账月份的一条考核记录：不再计分，记录保留并标明作废"),
    ("appraise void", "reason", "作废理由（随记录保存并记入审计日志）"),
    ("appraise correct", "", "在当前未结账月份更正已结账月份的一条考核记录；已冻结的月份不变"),
    ("appraise correct", "reason", "更正理由（随更正保存并记入审计日志）"),
    ("appraise correct", "times", "该记录应有的次数 [默认：0，即不应计分]"),
    ("appraise import", "", "导入考核记录（列 id_number、rule、date、times、note）；全部导入或全部不导入"),
    ("appraise reviews", "", "导入好差评（case_no、id_number、date、等级 1–5）；1–2 扣分"),
    ("appraise month", "", "某月得分；--close 将其冻结（第二十一条）"),
    ("appraise year", "", "按优秀比例评定年度等次（第二十二条）：查看建议名单，--publish 公示，再 --close"),
    ("appraise year", "quota", "类别=人数：组织人事部门分配的优秀名额（不超过四分之一）"),
    ("appraise year", "publish", "登记名单的公示；该年度尚有未结账月份时拒绝"),
    ("appraise year", "date", "公示日期 [默认：今天]"),
    ("appraise year", "republish", "重新公示并替换名单：5 个工作日重新起算（须附 --reason）"),
    ("appraise year", "reason", "重新公示的理由"),
    ("appraise year", "close", "公示满 5 个工作日后确定等次"),
    ("appraise year", "ratio", "类别=比例：某身份类别的优秀比例（默认 0.20，最高 0.25）"),
    ("appraise letters", "", "按单位各写一份函，附其进驻人员的年度等次（第二十三条）"),
    ("report roster", "", "某日在岗的进驻人员，按单位和窗口，标出首席代表"),
    ("report roster", "as_of", "[默认：今天]"),
    ("report terms", "", "即将届满的任期，及届满后未续期或未更换的任期（第十一条）"),
    ("report eligibility", "", "某日会违反第六、七条的进驻人员，及是否有例外覆盖"),
    ("report compliance", "", "报送督查室的半年执行情况报告（第二十四条）"),
    ("report compliance", "half", "YYYYH1（1–6 月）或 YYYYH2（7–12 月）"),
    ("report staffing", "", "某月各单位人员配备与办件量对照（第十条）"),
    ("report leave", "", "按月拆分的请假天数，按人、类型和单位；逾期未销假"),
    ("report appraisal", "", "月度通报或年度结果（第二十一、二十二条）"),
    ("report funds", "", "按人数划转的考核和绩效经费（第二十二条）"),
    ("report funds", "standard", "类别=金额：某身份类别的年度标准（元）"),
    ("report audit", "corrections", "只列更正：更正对象、操作人、时间和理由"),
    ("report audit", "", "审计日志：每项变更、变更人及所用命令"),
    ("report audit", "since", "只列此日及以后的变更"),
    ("report audit", "entity", "只列此类记录的变更（person、unit、center、incident、unit_volume、database）"),
    ("report audit", "id", "只列此编号的记录（与 --entity 同用）：其变更，以及创建它的导入"),
];

/// The Chinese text for a command (`flag` "") or a flag under `path`.
fn zh(path: &str, flag: &str) -> Option<&'static str> {
    let find = |p: &str| ZH.iter().find(|(q, f, _)| *q == p && *f == flag).map(|(_, _, text)| *text);
    find(path).or_else(|| if flag.is_empty() { None } else { find(ANY) })
}

/// The command tree with its help in `lang`.
pub fn localize(command: Command, lang: Lang) -> Command {
    let command = with_overview_texts(command, lang);
    match lang {
        Lang::En => command,
        Lang::Zh => in_chinese(command, ""),
    }
}

/// The program and its command groups described as the overview describes them.
fn with_overview_texts(mut command: Command, lang: Lang) -> Command {
    command = command.about(i18n::text(lang, "overview.about").to_string());
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let key = format!("overview.group.{name}");
        if i18n::has(&key) {
            let about = i18n::text(lang, &key).to_string();
            command = command.mut_subcommand(&name, |c| c.about(about));
        }
    }
    command
}

fn in_chinese(mut command: Command, path: &str) -> Command {
    if let Some(text) = zh(path, "") {
        command = command.about(text);
    }
    let after = command
        .get_after_help()
        .map(|h| h.to_string().replacen("Examples:", "示例：", 1).replacen("Example:", "示例：", 1));
    if let Some(after) = after {
        command = command.after_help(after);
    }
    let flags: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for flag in flags {
        if let Some(text) = zh(path, &flag) {
            command = command.mut_arg(&flag, |a| a.help(text));
        }
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(&name, |c| in_chinese(c, &sub_path));
    }
    super::clap_zh::command(command, path.is_empty())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command (path, "") and every flag with an English description (path, id).
    fn described(command: &Command, path: &str, out: &mut Vec<(String, String)>) {
        for a in command.get_arguments() {
            if a.get_help().is_some() && !["help", "version"].contains(&a.get_id().as_str()) {
                out.push((path.to_string(), a.get_id().to_string()));
            }
        }
        for sub in command.get_subcommands() {
            let sub_path =
                if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
            out.push((sub_path.clone(), String::new()));
            described(sub, &sub_path, out);
        }
    }

    fn tree() -> Vec<(String, String)> {
        let mut out = Vec::new();
        described(&super::super::Cli::command(), "", &mut out);
        out
    }

    /// Top-level commands take their texts from the overview's table.
    fn from_overview(path: &str, flag: &str) -> bool {
        flag.is_empty() && i18n::has(&format!("overview.group.{path}"))
    }

    #[test]
    fn every_command_and_described_flag_has_its_chinese_text() {
        let missing: Vec<_> =
            tree().into_iter().filter(|(path, flag)| !from_overview(path, flag) && zh(path, flag).is_none()).collect();
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
    }

    /// Every argument and option of every command, described or not.
    fn undescribed(command: &Command, path: &str, out: &mut Vec<String>) {
        for a in command.get_arguments() {
            if a.get_help().is_none() && !["help", "version"].contains(&a.get_id().as_str()) {
                out.push(format!("{path} --{}", a.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            let sub_path =
                if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
            undescribed(sub, &sub_path, out);
        }
    }

    #[test]
    fn every_argument_and_option_is_described() {
        let mut missing = Vec::new();
        undescribed(&super::super::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "{} without a description: {missing:#?}", missing.len());
    }

    #[test]
    fn every_chinese_text_belongs_to_something_that_exists() {
        let tree = tree();
        for (path, flag, _) in ZH {
            let exists = match *path {
                ANY => tree.iter().any(|(_, f)| f == flag),
                p => tree.iter().any(|(q, f)| q == p && f == flag),
            };
            assert!(exists, "stale entry ({path:?}, {flag:?})");
        }
    }

    /// Every help page of the tree, rendered.
    fn pages(command: &mut Command, out: &mut Vec<String>) {
        out.push(command.render_help().to_string());
        for sub in command.get_subcommands_mut() {
            pages(sub, out);
        }
    }

    #[test]
    fn chinese_help_pages_have_no_english_of_clap() {
        let mut command = localize(super::super::Cli::command(), Lang::Zh);
        command.build();
        let mut all = Vec::new();
        pages(&mut command, &mut all);
        assert!(all.len() > 60, "{} pages", all.len());
        for page in &all {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
                "[default:",
                "[possible values",
                "[env:",
                "Example:",
            ] {
                assert!(!page.contains(english), "{english:?} in:\n{page}");
            }
        }
    }

    #[test]
    fn chinese_command_line_errors() {
        let command = localize(super::super::Cli::command(), Lang::Zh);
        let e = command.clone().try_get_matches_from(["jinzhu", "leave", "requst"]).unwrap_err();
        let text = super::super::clap_zh::error(&e);
        assert!(
            text.starts_with("错误：无法识别的命令“requst”") && text.contains("“request”") && text.contains("用法："),
            "{text}"
        );
        let e = command.try_get_matches_from(["jinzhu", "--format", "xml", "db", "check"]).unwrap_err();
        let text = super::super::clap_zh::error(&e);
        assert!(text.contains("“xml”不是参数") && text.contains("json"), "{text}");
    }

    #[test]
    fn chinese_help_replaces_the_english_one() {
        let command = localize(super::super::Cli::command(), Lang::Zh);
        let import = command.find_subcommand("personnel").and_then(|c| c.find_subcommand("import")).unwrap();
        assert!(import.get_about().unwrap().to_string().contains("导入人员"));
        let bulk = import.get_arguments().find(|a| a.get_id() == "bulk").unwrap();
        assert!(bulk.get_help().unwrap().to_string().contains("回滚日志"));
    }
}
