//! The import graph of `core/src`, one node per file: an edge A -> B when A
//! names something of B's (a `use`, a path like `crate::x::y`, `super::`, a
//! child module or a name a `use` brought in). A cycle means two files that
//! cannot be read, changed or tested apart, so there must be none; and the
//! op log (`sync/`) must name no capability, so it stays a log.
//!
//! The reading is lexical, not rustc's: comments, strings and character
//! literals are dropped, then paths are resolved against the file tree. That
//! is enough for this crate, which has no `#[path]` or macro-made modules.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

/// Every `.rs` file under `src`, by the module path it defines.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut module: Module = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_owned)
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            out.insert(module, rel);
        }
    }
    out
}

/// The source with comments, strings and character literals blanked out
/// (lifetimes kept), so that braces and paths inside them do not count.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1).copied() == Some('/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1).copied() == Some('*') => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1).copied() == Some('*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1).copied() == Some('/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push(' ');
            }
            'r' if (c.get(i + 1).copied() == Some('"') || c.get(i + 1).copied() == Some('#'))
                && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    out.push(c[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                loop {
                    if j >= c.len() {
                        break;
                    }
                    if c[j] == '"' && (1..=hashes).all(|h| c.get(j + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            '\'' if c.get(i + 1).copied() == Some('\\') => {
                // The escaped character itself may be a quote.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            '\'' if c.get(i + 2).copied() == Some('\'') => {
                i += 3;
                out.push_str("' '");
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Path,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

fn tokens(code: &str) -> Vec<Token> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(c[start..i].iter().collect()));
            continue;
        }
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        out.push(match ch {
            ':' if c.get(i + 1) == Some(&':') => {
                i += 1;
                Token::Path
            }
            '{' => Token::Open,
            '}' => Token::Close,
            ',' => Token::Comma,
            ';' => Token::Semi,
            '*' => Token::Star,
            _ => Token::Other,
        });
        i += 1;
    }
    out
}

/// A path as written, and the inline modules (`mod tests { … }`) it sits in.
struct Written {
    segments: Vec<String>,
    inline: Vec<String>,
}

/// Expands a `use` tree starting at `toks[*at]` into full paths; aliases
/// (the name each import binds) go to `bound`.
fn use_tree(
    toks: &[Token],
    at: &mut usize,
    prefix: &[String],
    out: &mut Vec<Vec<String>>,
    bound: &mut BTreeMap<String, Vec<String>>,
) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*at) {
            Some(Token::Ident(s)) if s == "as" => {
                *at += 1;
                if let Some(Token::Ident(alias)) = toks.get(*at) {
                    bound.insert(alias.clone(), path.clone());
                    *at += 1;
                }
                out.push(path);
                return;
            }
            Some(Token::Ident(s)) if s == "self" && !path.is_empty() => {
                *at += 1;
                if let Some(last) = path.last() {
                    bound.insert(last.clone(), path.clone());
                }
                out.push(path);
                return;
            }
            Some(Token::Ident(s)) => {
                path.push(s.clone());
                *at += 1;
            }
            Some(Token::Path) => *at += 1,
            Some(Token::Star) => {
                *at += 1;
                out.push(path);
                return;
            }
            Some(Token::Open) => {
                *at += 1;
                loop {
                    match toks.get(*at) {
                        Some(Token::Close) => {
                            *at += 1;
                            return;
                        }
                        Some(Token::Comma) => *at += 1,
                        None => return,
                        _ => use_tree(toks, at, &path, out, bound),
                    }
                }
            }
            _ => {
                if let Some(last) = path.last() {
                    bound.insert(last.clone(), path.clone());
                }
                out.push(path);
                return;
            }
        }
    }
}

/// What one file names: its paths (from `use` and from code) and the names
/// its `use` items bind.
fn written(code: &str) -> (Vec<Written>, BTreeMap<String, Vec<String>>) {
    let toks = tokens(code);
    let mut paths = Vec::new();
    let mut bound = BTreeMap::new();
    // The inline modules open at each point, with the depth they opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Token::Open => depth += 1,
            Token::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(kw) if kw == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(kw) if kw == "use" => {
                let names: Vec<String> = inline.iter().map(|(n, _)| n.clone()).collect();
                let mut at = i + 1;
                let mut expanded = Vec::new();
                use_tree(&toks, &mut at, &[], &mut expanded, &mut bound);
                for segments in expanded {
                    paths.push(Written {
                        segments,
                        inline: names.clone(),
                    });
                }
                i = at;
                continue;
            }
            Token::Ident(first) if toks.get(i + 1) == Some(&Token::Path) => {
                // Skip the tail of a longer path (`a::b::c` starts at `a`).
                let after_path = i > 0 && toks[i - 1] == Token::Path;
                let mut segments = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Token::Path) {
                    match toks.get(j + 1) {
                        Some(Token::Ident(s)) => segments.push(s.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                if !after_path {
                    paths.push(Written {
                        segments,
                        inline: inline.iter().map(|(n, _)| n.clone()).collect(),
                    });
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (paths, bound)
}

/// The file a path lands in: the longest prefix of its absolute form that
/// is a file module. `None` for paths outside the crate.
fn resolve(
    files: &BTreeMap<Module, String>,
    here: &Module,
    bound: &BTreeMap<String, Vec<String>>,
    path: &Written,
    seen: &mut BTreeSet<Vec<String>>,
) -> Option<String> {
    let segs = &path.segments;
    let first = segs.first()?;
    let mut scope = here.clone();
    scope.extend(path.inline.iter().cloned());
    let absolute: Vec<String> = match first.as_str() {
        "crate" => segs[1..].to_vec(),
        "self" => scope.iter().chain(&segs[1..]).cloned().collect(),
        "super" => {
            let mut base = scope;
            let mut rest = &segs[..];
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.iter().chain(rest).cloned().collect()
        }
        name => {
            let mut child = here.clone();
            child.push(name.to_owned());
            if files.contains_key(&child) {
                here.iter().chain(segs).cloned().collect()
            } else if let Some(target) = bound.get(name) {
                if !seen.insert(target.clone()) {
                    return None;
                }
                let mut via = target.clone();
                via.extend(segs[1..].iter().cloned());
                return resolve(
                    files,
                    here,
                    bound,
                    &Written {
                        segments: via,
                        inline: Vec::new(),
                    },
                    seen,
                );
            } else {
                return None;
            }
        }
    };
    (0..=absolute.len())
        .rev()
        .find_map(|n| files.get(&absolute[..n].to_vec()).cloned())
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = modules(&src);
    let mut edges = BTreeMap::new();
    for (module, file) in &files {
        let code = code_only(&fs::read_to_string(src.join(file)).unwrap());
        let (paths, bound) = written(&code);
        let mut to = BTreeSet::new();
        for p in &paths {
            if let Some(target) = resolve(&files, module, &bound, p, &mut BTreeSet::new())
                && target != *file
            {
                to.insert(target);
            }
        }
        edges.insert(file.clone(), to);
    }
    edges
}

/// One cycle through the graph, if there is one (depth-first search).
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::Open);
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::Open) => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(c) = visit(next, edges, marks, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        if !marks.contains_key(node)
            && let Some(c) = visit(node, edges, &mut marks, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

/// The files that lie on some cycle together (strongly connected
/// components of more than one file), for the failure message.
fn tangles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(n) = todo.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|n| (n, reach(n))).collect();
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for (n, r) in &reached {
        if !r.contains(*n) || out.iter().any(|t| t.contains(*n)) {
            continue;
        }
        out.push(
            r.iter()
                .filter(|m| reached.get(m).is_some_and(|back| back.contains(*n)))
                .cloned()
                .collect(),
        );
    }
    out
}

#[test]
fn no_file_in_core_src_is_part_of_an_import_cycle() {
    let edges = graph();
    if let Some(cycle) = find_cycle(&edges) {
        panic!(
            "an import cycle: {}\nfiles tangled together: {:#?}",
            cycle.join(" -> "),
            tangles(&edges)
        );
    }
}

#[test]
fn the_op_log_names_no_capability() {
    let edges = graph();
    let domain = |f: &str| {
        [
            "rituals/",
            "agreements/",
            "checkins/",
            "journal/",
            "insights/",
            "export/",
        ]
        .iter()
        .any(|d| f.starts_with(d))
            || ["capabilities.rs", "exit.rs", "stopped.rs", "lib.rs"].contains(&f)
    };
    for (file, to) in edges.iter().filter(|(f, _)| f.starts_with("sync/")) {
        let named: Vec<&String> = to.iter().filter(|t| domain(t)).collect();
        assert!(named.is_empty(), "{file} names {named:?}");
    }
}

#[test]
fn the_reading_finds_the_edges_it_should() {
    // Guards the lexical reading itself: if it went blind, the two tests
    // above would pass on anything.
    let edges = graph();
    let has = |from: &str, to: &str| edges.get(from).is_some_and(|t| t.contains(to));
    assert!(has("lib.rs", "sync/mod.rs"));
    assert!(has("sync/mod.rs", "sync/hlc.rs"));
    assert!(has("sync/mod.rs", "capability.rs"));
    assert!(has("capabilities.rs", "rituals/mod.rs"));
    assert!(has("rituals/mod.rs", "sync/mod.rs"));
    assert!(has("store/tests.rs", "store/mod.rs"));

    let code = code_only(
        "let s = \"crate::a\"; // crate::b\nlet c = '{'; fn f<'a>(x: &'a str) { crate::d::e(x) }",
    );
    let (paths, _) = written(&code);
    let found: Vec<String> = paths.iter().map(|p| p.segments.join("::")).collect();
    assert_eq!(found, ["crate::d::e"]);
    assert_eq!(
        find_cycle(&BTreeMap::from([
            ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
            ("b".to_owned(), BTreeSet::from(["a".to_owned()])),
        ])),
        Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()])
    );
}
