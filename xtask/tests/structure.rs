//! The shape of the code, checked on the parsed source: no function longer than
//! [`MAX_FN_LINES`], and no cycle between the core crate's top-level modules.
//!
//! Each check names what it found (file, line, length; the modules of a cycle and the references
//! that make each of its edges), so a failure says what to split or which import to move.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// The most lines a function may take, from its `fn` line to its closing brace, both included.
const MAX_FN_LINES: usize = 120;

/// The folders (from the workspace root) held to [`MAX_FN_LINES`].
const CHECKED_DIRS: &[&str] = &["core/src", "cli/src"];

/// The crate whose top-level modules must not depend on each other in a cycle.
const LAYERED_CRATE: &str = "core/src";

/// How many of the references behind an edge of a cycle are listed.
const SHOWN_REFERENCES: usize = 5;

#[test]
fn no_function_is_longer_than_the_limit() {
    let root = xtask::workspace_root();
    let mut long = Vec::new();
    for dir in CHECKED_DIRS {
        long.extend(long_functions(&source_files(&root, dir)));
    }
    assert!(
        long.is_empty(),
        "{} functions are longer than {MAX_FN_LINES} lines (split each into named steps):\n{}",
        long.len(),
        long.join("\n")
    );
}

#[test]
fn the_core_modules_depend_on_each_other_without_a_cycle() {
    let files = source_files(&xtask::workspace_root(), LAYERED_CRATE);
    let graph = ModuleGraph::build(&files);
    let cycles = graph.cycles();
    assert!(
        cycles.is_empty(),
        "the top-level modules of {LAYERED_CRATE} depend on each other in a cycle:\n{}",
        cycles.join("\n")
    );
}

/// The length check fails on what it is meant to catch: every kind of function, one line over.
#[test]
fn the_length_check_catches_each_kind_of_function() {
    // `fn` line, body, closing line: one over the limit, and (`fits`) exactly at it.
    let body = "    let _ = 0;\n".repeat(MAX_FN_LINES - 1);
    let source = format!(
        "fn free() {{\n{body}}}\n\
         fn fits() {{\n{short}}}\n\
         impl S {{ fn method(&self) {{\n{body}}} }}\n\
         trait T {{ fn default_method(&self) {{\n{body}}} fn required(&self); }}\n\
         fn outer() {{ fn nested() {{\n{body}}} }}\n",
        short = "    let _ = 0;\n".repeat(MAX_FN_LINES - 2),
    );
    let long = long_functions(&[SourceFile::new("x/src/lib.rs", &source)]);
    let names: Vec<&str> = long
        .iter()
        .map(|l| l.split('`').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["free", "method", "default_method", "outer", "nested"],
        "{long:#?}"
    );
    assert!(long[0].starts_with("x/src/lib.rs:1: "), "{long:#?}");
    assert!(long[0].contains(&format!("{} lines", MAX_FN_LINES + 1)));
}

/// The cycle check fails on what it is meant to catch: a `use crate::` one way and a `super::`
/// path (in code, and in a macro's tokens) the other way, through an inline module.
#[test]
fn the_cycle_check_catches_a_cycle() {
    let files = [
        SourceFile::new("c/src/lib.rs", "pub mod a; pub mod b; pub mod c;"),
        SourceFile::new("c/src/a.rs", "use crate::b::{self, Thing};"),
        SourceFile::new(
            "c/src/b/mod.rs",
            "mod inner { fn f() { let _ = super::super::c::g(); } }",
        ),
        SourceFile::new("c/src/c.rs", "fn g() { println!(\"{}\", super::a::NAME); }"),
        SourceFile::new("c/src/d.rs", "use super::a::Ok; use self::x::Y;"),
    ];
    let cycles = ModuleGraph::build(&files).cycles();
    assert_eq!(cycles.len(), 1, "{cycles:#?}");
    assert!(cycles[0].starts_with("a -> b -> c -> a\n"), "{}", cycles[0]);
    assert!(cycles[0].contains("c/src/b/mod.rs:1"), "{}", cycles[0]);
    let [lib, a, b, _c, d] = files;
    assert!(ModuleGraph::build(&[lib, a, b, d]).cycles().is_empty());
}

/// One parsed Rust file: its path from the workspace root and its syntax tree.
struct SourceFile {
    path: String,
    ast: syn::File,
}

impl SourceFile {
    fn new(path: &str, text: &str) -> SourceFile {
        let ast = syn::parse_file(text).unwrap_or_else(|e| {
            let at = e.span().start();
            panic!("{path}:{}:{}: cannot parse: {e}", at.line, at.column + 1)
        });
        SourceFile {
            path: path.to_owned(),
            ast,
        }
    }
}

/// Every `.rs` file under `root/dir`, parsed, in path order.
fn source_files(root: &Path, dir: &str) -> Vec<SourceFile> {
    let mut paths = Vec::new();
    collect_rs(&root.join(dir), &mut paths);
    paths.sort();
    assert!(!paths.is_empty(), "no .rs files under {dir}");
    paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            SourceFile::new(&rel.to_string_lossy(), &text)
        })
        .collect()
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `file:line: fn `name` is N lines` for every function with a body over the limit.
fn long_functions(files: &[SourceFile]) -> Vec<String> {
    let mut out = Vec::new();
    for file in files {
        let mut lengths = FnLengths::default();
        lengths.visit_file(&file.ast);
        for (line, name, lines) in lengths.found {
            if lines > MAX_FN_LINES {
                out.push(format!(
                    "{}:{line}: fn `{name}` is {lines} lines (at most {MAX_FN_LINES})",
                    file.path
                ));
            }
        }
    }
    out
}

/// Every function with a body: free, in an impl, a trait's default, nested in another.
#[derive(Default)]
struct FnLengths {
    /// (line of `fn`, name, lines from `fn` to the closing brace).
    found: Vec<(usize, String, usize)>,
}

impl FnLengths {
    fn record(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let first = sig.fn_token.span.start().line;
        let last = block.brace_token.span.close().end().line;
        self.found
            .push((first, sig.ident.to_string(), last + 1 - first));
    }
}

impl<'ast> Visit<'ast> for FnLengths {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.record(&f.sig, &f.block);
        visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.record(&f.sig, &f.block);
        visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.record(&f.sig, block);
        }
        visit::visit_trait_item_fn(self, f);
    }
}

/// Which top-level module refers to which, with where each reference stands.
struct ModuleGraph {
    /// (from, to) -> `file:line path` of each reference.
    edges: BTreeMap<(String, String), Vec<String>>,
}

impl ModuleGraph {
    /// Module `X` is `src/X.rs` or `src/X/`; `crate::X` and `super::` paths that leave a module
    /// are its edges, in `use` items, in paths in code and in the tokens of macro calls.
    fn build(files: &[SourceFile]) -> ModuleGraph {
        let modules: Vec<(Vec<String>, &SourceFile)> =
            files.iter().map(|f| (module_path(&f.path), f)).collect();
        let top: BTreeSet<String> = modules
            .iter()
            .filter_map(|(m, _)| m.first().cloned())
            .collect();
        let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for (module, file) in &modules {
            let mut refs = References {
                module: module.clone(),
                found: Vec::new(),
            };
            refs.visit_file(&file.ast);
            for (inside, path, line) in refs.found {
                let (Some(from), Some(to)) = (inside.first(), target(&inside, &path, &top)) else {
                    continue;
                };
                if *from != to {
                    edges.entry((from.clone(), to)).or_default().push(format!(
                        "{}:{line} {}",
                        file.path,
                        path.join("::")
                    ));
                }
            }
        }
        ModuleGraph { edges }
    }

    fn successors<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.edges
            .keys()
            .filter(move |(f, _)| f == from)
            .map(|(_, t)| t.as_str())
    }

    /// One cycle per group of modules that reach each other, shortest through the group's first
    /// module, with the references behind each edge.
    fn cycles(&self) -> Vec<String> {
        let mut out = Vec::new();
        for group in self.strongly_connected() {
            let start = group.first().cloned().unwrap_or_default();
            let cycle = self.shortest_cycle(&start, &group);
            let mut text = format!("{}\n", cycle.join(" -> "));
            for pair in cycle.windows(2) {
                let refs = &self.edges[&(pair[0].clone(), pair[1].clone())];
                let _ = writeln!(text, "  {} -> {}:", pair[0], pair[1]);
                for r in refs.iter().take(SHOWN_REFERENCES) {
                    let _ = writeln!(text, "    {r}");
                }
                if let Some(more) = refs.len().checked_sub(SHOWN_REFERENCES).filter(|n| *n > 0) {
                    let _ = writeln!(text, "    and {more} more");
                }
            }
            out.push(text);
        }
        out
    }

    /// The groups of two or more modules that reach each other (Tarjan), each sorted.
    fn strongly_connected(&self) -> Vec<Vec<String>> {
        let mut tarjan = Tarjan {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            groups: Vec::new(),
        };
        let nodes: BTreeSet<&str> = self.edges.keys().map(|(f, _)| f.as_str()).collect();
        for node in nodes {
            if !tarjan.index.contains_key(node) {
                tarjan.visit(node);
            }
        }
        let mut groups: Vec<Vec<String>> = tarjan
            .groups
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        groups.sort();
        groups
    }

    /// `start -> ... -> start` through modules of `group` only, breadth first.
    fn shortest_cycle(&self, start: &str, group: &[String]) -> Vec<String> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for next in self.successors(node) {
                if !group.iter().any(|g| g == next) {
                    continue;
                }
                if next == start {
                    let mut path = vec![start.to_owned()];
                    let mut at = node;
                    while at != start {
                        path.push(at.to_owned());
                        at = came_from[at];
                    }
                    path.push(start.to_owned());
                    path.reverse();
                    return path;
                }
                if !came_from.contains_key(next) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        unreachable!("a strongly connected group has a cycle through each of its modules")
    }
}

struct Tarjan<'g> {
    graph: &'g ModuleGraph,
    index: BTreeMap<&'g str, usize>,
    low: BTreeMap<&'g str, usize>,
    stack: Vec<&'g str>,
    groups: Vec<Vec<String>>,
}

impl<'g> Tarjan<'g> {
    fn visit(&mut self, node: &'g str) {
        let n = self.index.len();
        self.index.insert(node, n);
        self.low.insert(node, n);
        self.stack.push(node);
        for next in self.graph.successors(node) {
            if !self.index.contains_key(next) {
                self.visit(next);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.stack.contains(&next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut group = Vec::new();
            while let Some(member) = self.stack.pop() {
                group.push(member.to_owned());
                if member == node {
                    break;
                }
            }
            self.groups.push(group);
        }
    }
}

/// The module a file is: `src/lib.rs` the root (`[]`), `src/a/b.rs` and `src/a/b/mod.rs` `[a, b]`.
fn module_path(file: &str) -> Vec<String> {
    let parts: Vec<&str> = file.split('/').collect();
    let inside = parts
        .iter()
        .position(|p| *p == "src")
        .map_or(&parts[..], |i| &parts[i + 1..]);
    let mut module: Vec<String> = inside.iter().map(|p| (*p).to_owned()).collect();
    if let Some(last) = module.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "lib" | "main" | "mod") {
            module.push(stem.to_owned());
        }
    }
    module
}

/// The top-level module a path written inside `module` leads to, if it names one.
fn target(module: &[String], path: &[String], top: &BTreeSet<String>) -> Option<String> {
    let first = path.first()?;
    let (base, rest): (Vec<String>, &[String]) = match first.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" | "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            if rest.first().is_some_and(|s| s == "self") {
                rest = &rest[1..];
            }
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        _ => return None,
    };
    match base.first() {
        Some(module) => Some(module.clone()),
        None => rest.first().filter(|m| top.contains(*m)).cloned(),
    }
}

/// Every path starting `crate::`, `self::` or `super::` in a file, with the module it stands in.
struct References {
    /// The module being visited (the file's, plus any inline `mod` it is inside).
    module: Vec<String>,
    /// (module, path segments, line).
    found: Vec<(Vec<String>, Vec<String>, usize)>,
}

impl References {
    fn push(&mut self, path: Vec<String>, span: Span) {
        if matches!(
            path.first().map(String::as_str),
            Some("crate" | "self" | "super")
        ) {
            self.found
                .push((self.module.clone(), path, span.start().line));
        }
    }

    /// `use` trees flattened: `crate::a::{b, c::D}` gives `crate::a::b` and `crate::a::c::D`,
    /// each at the line of its last name.
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.push(with(prefix, &n.ident), n.ident.span()),
            syn::UseTree::Rename(r) => self.push(with(prefix, &r.ident), r.ident.span()),
            syn::UseTree::Glob(g) => self.push(with(prefix, &"*"), g.star_token.span),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    /// Paths in a macro call's tokens: `crate`, `self` or `super` followed by `::` and names.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(id) if i == 0 || !is_punct(&tokens[i - 1], '$') => {
                    let mut path = vec![id.to_string()];
                    let mut j = i + 1;
                    while let (Some(a), Some(b), Some(TokenTree::Ident(next))) =
                        (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2))
                    {
                        if !(is_punct(a, ':') && is_punct(b, ':')) {
                            break;
                        }
                        path.push(next.to_string());
                        j += 3;
                    }
                    if path.len() > 1 {
                        self.push(path, id.span());
                        i = j;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn with(prefix: &[String], last: &dyn std::fmt::Display) -> Vec<String> {
    let mut path = prefix.to_vec();
    path.push(last.to_string());
    path
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == c)
}

impl<'ast> Visit<'ast> for References {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if u.leading_colon.is_none() {
            self.use_tree(&mut Vec::new(), &u.tree);
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.leading_colon.is_none() {
            if let Some(first) = p.segments.first() {
                let path = p.segments.iter().map(|s| s.ident.to_string()).collect();
                self.push(path, first.ident.span());
            }
        }
        visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
        visit::visit_macro(self, m);
    }
}
