//! Centers (Art 25) and units: window mode (Art 17), case volume (Art 10), incidents (Art 19).

mod common;

use common::*;

#[test]
fn centers_of_every_level() {
    let env = Env::new();
    let out = env.ok(&["center", "add", "ZY", "--name", "正阳街道便民服务中心", "--level", "乡镇街道公共服务中心"]);
    assert_eq!(out.trim(), "ZY");
    let list = env.ok(&["center", "list"]);
    assert!(list.contains("township/street center") && list.contains("district center"), "{list}");
    let err = env.refused(4, &["center", "add", "ZY", "--name", "again"]);
    assert!(err.contains("exists already"), "{err}");
    let err = env.refused(4, &["center", "add", "XX", "--name", "x", "--level", "province"]);
    assert!(err.contains("not one of"), "{err}");
}

#[test]
fn units_with_window_volume_and_incidents() {
    let env = Env::new();
    env.ok(&["unit", "window", "BDC", "--approval", "黔江府函〔2026〕18号", "--date", "2026-03-02"]);
    env.ok(&["unit", "volume", "SCJG", "--month", "2026-03", "--cases", "1840"]);
    let id = env.ok(&["unit", "incident", "SCJG", "--article", "19", "--date", "2026-04-08", "--note", "抽调开会"]);
    assert_eq!(id.trim(), "1");
    let show = env.ok(&["unit", "show", "SCJG"]);
    assert!(show.contains("2026-03") && show.contains("1840") && show.contains("第十九条"), "{show}");
    let list = env.ok(&["unit", "list"]);
    assert!(list.contains("comprehensive window") && list.contains("黔江府函〔2026〕18号"), "{list}");
}

#[test]
fn unit_refusals_write_nothing() {
    let env = Env::new();
    let err = env.refused(4, &["unit", "add", "SCJG", "--name", "其他"]);
    assert!(err.contains("exists already"), "{err}");
    env.refused(4, &["unit", "add", "X", "--name", "X", "--kind", "company"]);
    env.refused(4, &["unit", "window", "NOPE", "--approval", "doc"]);
    env.refused(4, &["unit", "window", "SCJG", "--approval", " "]);
    env.refused(4, &["unit", "volume", "SCJG", "--month", "2026-13", "--cases", "5"]);
    env.refused(4, &["unit", "volume", "SCJG", "--month", "2026-03", "--cases=-5"]);
    let err = env.refused(4, &["unit", "incident", "SCJG", "--article", "30", "--date", "2026-04-08", "--note", "x"]);
    assert!(err.contains("1–27"), "{err}");
    let err = env.refused(4, &["unit", "incident", "SCJG", "--article", "19", "--date", "2027-01-01", "--note", "x"]);
    assert!(err.contains("after today"), "{err}");
}

#[test]
fn unit_import_is_all_or_nothing() {
    let env = Env::new();
    let file = env.write(
        "units.csv",
        "代码,名称,性质,事项数\nGA,区公安局,行政机关,98\nSCJG,重复,行政机关,1\nMZ,区民政局,公司,x\n",
    );
    let err = env.refused(4, &["unit", "import", file.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("row 4"), "{err}");
    let file = env.write("ok.csv", "code,name,kind,service_items\nGA,区公安局,organ,98\nMZ,区民政局,行政机关,39\n");
    let out = env.ok(&["unit", "import", file.to_str().unwrap()]);
    assert!(out.contains("2 inserted"), "{out}");
}
