//! The layout that ARCHITECTURE.md describes, checked on the sources: each module of the
//! library uses only modules of its own or a lower layer, no module imports one that
//! imports it back (directly or around a circle), and no file grows past 700 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const MAX_LINES: usize = 700;
/// Data, not code: may be longer.
const LONG_FILES_ALLOWED: &[&str] = &["base/texts.rs"];

/// Lowest first. A module may use its own layer's modules and any lower layer's; the
/// top-level folders of one layer do not use each other.
const LAYERS: &[&[&str]] = &[&["base"], &["rules"], &["error"], &["io", "storage"], &["domain"], &["check", "demo"]];

type Module = Vec<String>;

struct Source {
    module: Module,
    /// The code before the unit tests, comments removed.
    code: String,
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(SRC).unwrap().to_string_lossy().replace('\\', "/")
}

fn module_of(relative: &str) -> Module {
    let mut parts: Vec<String> = relative.trim_end_matches(".rs").split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn without_comments_and_tests(text: &str) -> String {
    let code = text.split("\n#[cfg(test)]").next().unwrap_or("");
    code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The library's modules: everything under src/ except the binary (main.rs, cli/).
fn library() -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    files
        .into_iter()
        .map(|f| (relative(&f), f))
        .filter(|(rel, _)| rel != "main.rs" && !rel.starts_with("cli/"))
        .map(|(rel, f)| Source {
            module: module_of(&rel),
            code: without_comments_and_tests(&std::fs::read_to_string(f).unwrap()),
        })
        .collect()
}

/// One use-tree at `i`: segments joined by `::`, ending in a name or a `{…}` group;
/// every complete path goes to `out`. Returns where the tree ends.
fn use_tree(chars: &[char], mut i: usize, mut path: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    loop {
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            path.push(word);
            i += 2;
            if chars.get(i) == Some(&'{') {
                i += 1;
                while i < chars.len() {
                    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                        i += 1;
                    }
                    if chars.get(i) == Some(&'}') {
                        return i + 1;
                    }
                    i = use_tree(chars, i, path.clone(), out);
                    // `X as Y`: the alias is not a path.
                    while i < chars.len() && chars[i] != ',' && chars[i] != '}' {
                        i += 1;
                    }
                    if chars.get(i) == Some(&',') {
                        i += 1;
                    }
                }
                return i;
            }
            continue;
        }
        if !word.is_empty() {
            path.push(word);
        }
        out.push(path);
        return i;
    }
}

/// Every path after `crate::` or `super::` in the code, with `{a, b::c}` groups expanded.
fn paths(code: &str) -> Vec<(bool, Vec<String>)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    for (marker, is_crate) in [("crate::", true), ("super::", false)] {
        let marker: Vec<char> = marker.chars().collect();
        for at in 0..chars.len() {
            let preceded = at > 0 && (chars[at - 1].is_alphanumeric() || chars[at - 1] == '_' || chars[at - 1] == ':');
            if preceded || !chars[at..].starts_with(&marker) {
                continue;
            }
            let head = if is_crate { vec![] } else { vec!["super".to_string()] };
            let mut out = Vec::new();
            use_tree(&chars, at + marker.len(), head, &mut out);
            found.extend(out.into_iter().map(|p| (is_crate, p)));
        }
    }
    found
}

struct Library {
    modules: BTreeSet<Module>,
    /// (module, name) → the module a `pub use` takes it from.
    reexports: BTreeMap<(Module, String), Module>,
}

impl Library {
    fn absolute(&self, from: &Module, is_crate: bool, path: &[String]) -> Vec<String> {
        let mut base: Vec<String> = if is_crate { vec![] } else { from.clone() };
        let mut rest = path;
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        base
    }

    /// The module a path lands in, following modules and then re-exports.
    fn resolve(&self, path: &[String]) -> Module {
        let mut at: Module = vec![];
        let mut i = 0;
        while i < path.len() {
            let mut child = at.clone();
            child.push(path[i].clone());
            if self.modules.contains(&child) {
                at = child;
                i += 1;
            } else if let Some(target) = self.reexports.get(&(at.clone(), path[i].clone())) {
                at = target.clone();
                i += 1;
            } else {
                break;
            }
        }
        at
    }
}

fn build() -> (Library, Vec<Source>) {
    let sources = library();
    let modules: BTreeSet<Module> = sources.iter().map(|s| s.module.clone()).collect();
    let mut library = Library { modules, reexports: BTreeMap::new() };
    // Re-exports point into child modules, so two passes settle a chain of two.
    for _ in 0..2 {
        for s in &sources {
            for line in s.code.lines().filter(|l| l.trim_start().starts_with("pub use ")) {
                let spec = line.trim_start().trim_start_matches("pub use ").trim_end_matches(';');
                // `pub use a::b::X` is relative to the module that says it.
                for (_, p) in paths(&format!("super::{spec};")) {
                    // After the `super` added above: `crate::…` is absolute, `super::…`
                    // climbs from the module, anything else is below it.
                    let mut full = match p.get(1).map(String::as_str) {
                        Some("crate") => library.absolute(&s.module, true, &p[2..]),
                        _ => library.absolute(&s.module, false, &p[1..]),
                    };
                    let Some(name) = full.pop() else { continue };
                    let target = library.resolve(&full);
                    let mut as_module = target.clone();
                    as_module.push(name.clone());
                    let target = if library.modules.contains(&as_module) { as_module } else { target };
                    library.reexports.insert((s.module.clone(), name), target);
                }
            }
        }
    }
    (library, sources)
}

/// Module → the modules it uses. A folder's module uses what it re-exports, so a use of
/// the folder is a use of its files; a file's use of its own folder is not counted.
fn edges() -> BTreeMap<Module, BTreeSet<Module>> {
    let (library, sources) = build();
    let mut graph = BTreeMap::new();
    for s in sources.iter().filter(|s| !s.module.is_empty()) {
        let mut used: BTreeSet<Module> = paths(&s.code)
            .into_iter()
            .map(|(is_crate, p)| library.resolve(&library.absolute(&s.module, is_crate, &p)))
            .filter(|m| m != &s.module && !m.is_empty() && !s.module.starts_with(m))
            .collect();
        used.extend(library.reexports.iter().filter(|((m, _), _)| m == &s.module).map(|(_, to)| to.clone()));
        graph.insert(s.module.clone(), used);
    }
    graph
}

fn layer_of(m: &Module) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&m[0].as_str()))
}

fn name(m: &Module) -> String {
    m.join("::")
}

#[test]
fn the_path_scanner_expands_groups() {
    let code = "use crate::domain::{org as o, personnel::{self, Person}};\nlet x = super::period::is_closed(c);";
    let found: Vec<String> = paths(code).into_iter().map(|(_, p)| p.join("::")).collect();
    assert_eq!(
        found,
        ["domain::org", "domain::personnel::self", "domain::personnel::Person", "super::period::is_closed"]
    );
}

#[test]
fn every_module_uses_only_its_own_or_lower_layers() {
    let mut wrong = Vec::new();
    for (from, used) in edges() {
        let Some(own) = layer_of(&from) else {
            wrong.push(format!("{} is in no layer: add it to LAYERS and ARCHITECTURE.md", name(&from)));
            continue;
        };
        for to in used {
            let layer = layer_of(&to).unwrap_or(usize::MAX);
            if layer > own || (layer == own && from[0] != to[0]) {
                wrong.push(format!("{} uses {}", name(&from), name(&to)));
            }
        }
    }
    assert!(wrong.is_empty(), "uses against the layering:\n{}", wrong.join("\n"));
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = edges();
    // Depth-first search for a back edge; the path to it is the circle.
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        state.insert(m.clone(), 1);
        path.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == next).unwrap();
                    let mut circle = path[start..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if state.get(m).copied().unwrap_or(0) == 0 {
            let circle = visit(m, &graph, &mut state, &mut Vec::new());
            assert!(
                circle.is_none(),
                "a circle of imports: {}",
                circle.unwrap().iter().map(name).collect::<Vec<_>>().join(" → ")
            );
        }
    }
}

#[test]
fn the_scan_sees_the_known_uses() {
    let graph = edges();
    let uses = |from: &str, to: &str| {
        let from: Module = from.split("::").map(String::from).collect();
        let to: Module = to.split("::").map(String::from).collect();
        graph.get(&from).is_some_and(|u| u.contains(&to))
    };
    assert!(uses("domain::stationing::approval", "domain::personnel"));
    assert!(uses("domain::appraisal::year", "domain::appraisal::rulebook"));
    assert!(uses("storage::store", "storage::audit"));
    assert!(uses("check", "domain::stationing"));
    assert!(uses("domain::stationing", "domain::stationing::record"), "a folder uses what it re-exports");
    assert!(uses("domain::history", "storage::audit"));
    assert!(uses("domain::org", "error"), "crate::Error resolves through lib.rs");
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (relative(f), std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(rel, n)| *n > MAX_LINES && !LONG_FILES_ALLOWED.contains(&rel.as_str()))
        .map(|(rel, n)| format!("{rel}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "split these by concern:\n{}", long.join("\n"));
}

#[test]
fn architecture_md_names_every_folder() {
    let map = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    let folders: BTreeSet<String> =
        files.iter().filter_map(|f| relative(f).rsplit_once('/').map(|(d, _)| d.to_string())).collect();
    for folder in folders {
        if !map.contains(&format!("{folder}/")) {
            missing.push(folder);
        }
    }
    assert!(missing.is_empty(), "ARCHITECTURE.md does not name src/{missing:?}");
}
