//! `cargo run -p layers -- app/src`: fails when a file of the app crate imports from a layer
//! above its own (shared/HOUSE_STYLE.md, "Layers"). From the bottom:
//! `domain → dto, error → i18n, paths → ssr → components → features → routes → lib.rs`.
//! Test support (`testing`) and the demo (`demo`) sit above the server code they drive; a
//! `#[cfg(test)]` module anywhere may use them (it is not in the production binary).
//!
//! It reads the source as text: every `crate::name` path (also inside grouped `use
//! crate::{…}` and `$crate::` in macros), outside comments and strings, is an import of
//! that top-level module.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The layers, bottom first. A file may import its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &["domain"],
    &["dto", "error"],
    &["i18n", "paths"],
    &["ssr"],
    &["testing", "demo"],
    &["components"],
    &["features"],
    &["routes"],
    &["lib"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a file under `src` belongs to (`lib` for lib.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The code of a file without comments and string contents (so a URL or a doc line that
/// mentions `crate::features` is not an import).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        '\n' => out.push('\n'),
                        _ => {}
                    }
                }
                out.push('"');
            }
            // A char literal such as '"' or '{' (a lifetime has no closing quote soon after).
            '\'' => {
                let ahead: String = chars.clone().take(3).collect();
                let mut it = ahead.chars();
                match (it.next(), it.next(), it.next()) {
                    (Some('\\'), Some(_), Some('\'')) => {
                        chars.nth(2);
                    }
                    (Some(_), Some('\''), _) => {
                        chars.nth(1);
                    }
                    _ => out.push('\''),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Layers a `#[cfg(test)]` module may import whatever its own.
const TEST_SUPPORT: &[&str] = &["testing", "demo"];

/// The lines (1-based, inclusive) of each `#[cfg(test)] mod … { … }` in the code.
fn test_modules(code: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    let mut n = 0;
    while n < lines.len() {
        if lines[n].trim() == "#[cfg(test)]"
            && let Some(next) = lines.get(n + 1)
            && next.trim_start().starts_with("mod ")
            && next.trim_end().ends_with('{')
        {
            let mut depth = 0i32;
            let mut end = n + 1;
            for (k, line) in lines.iter().enumerate().skip(n + 1) {
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                end = k;
                if depth <= 0 {
                    break;
                }
            }
            found.push((n + 1, end + 1));
            n = end;
        }
        n += 1;
    }
    found
}

/// Every top-level module a file's code names through `crate::`, with its line number.
fn imports(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().last();
            let after = &rest[at + "crate::".len()..];
            rest = after;
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = after.strip_prefix('{') {
                // `crate::{a::b, c}`: the names at the group's first level (it may span lines).
                let start = code.lines().take(n).map(|l| l.len() + 1).sum::<usize>()
                    + (line.len() - group.len());
                for name in group_heads(&code[start..]) {
                    found.push((n + 1, name));
                }
                continue;
            }
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((n + 1, name));
            }
        }
    }
    found
}

/// The first name of each path inside a `{…}` group, up to its closing brace.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut at_head, mut word) = (0usize, true, String::new());
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_head = true,
            c if c.is_alphanumeric() || c == '_' => {
                if at_head {
                    word.push(c);
                }
            }
            _ => {
                if at_head && !word.is_empty() {
                    heads.push(std::mem::take(&mut word));
                    at_head = false;
                }
            }
        }
    }
    if at_head && !word.is_empty() {
        heads.push(word);
    }
    heads
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every import that runs up a layer, as a message naming the file, line and import.
fn violations(src: &Path) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let Some(own) = layer_of(&module) else {
            found.push(format!(
                "{}: module `{module}` has no layer; add it to LAYERS in tools/layers",
                file.display()
            ));
            continue;
        };
        let code = code_only(&std::fs::read_to_string(&file)?);
        let tests = test_modules(&code);
        for (line, name) in imports(&code) {
            let in_test = tests.iter().any(|(a, b)| (*a..=*b).contains(&line));
            if in_test && TEST_SUPPORT.contains(&name.as_str()) {
                continue;
            }
            if let Some(theirs) = layer_of(&name)
                && theirs > own
            {
                found.push(format!(
                    "{}:{line}: `{module}` imports `crate::{name}`, a layer above it \
                     (layers run down only: {})",
                    file.display(),
                    LAYERS
                        .iter()
                        .rev()
                        .map(|l| l.join("/"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ));
            }
        }
    }
    Ok(found)
}

fn main() -> ExitCode {
    let src = std::env::args().nth(1).unwrap_or_else(|| "app/src".into());
    match violations(Path::new(&src)) {
        Ok(v) if v.is_empty() => {
            println!("layers: every import in {src} runs down");
            ExitCode::SUCCESS
        }
        Ok(v) => {
            for m in &v {
                eprintln!("{m}");
            }
            eprintln!("layers: {} import(s) run up a layer", v.len());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("layers: cannot read {src}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_grouped_and_inline_paths_are_imports() {
        let code = "use crate::domain::lang::Lang;\nuse crate::{features::a, ssr::{b, c}};\n\
                    fn f() { crate::components::x(); $crate::ssr::y(); }";
        let names: Vec<_> = imports(code).into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            ["domain", "features", "ssr", "components", "ssr"].map(String::from)
        );
    }

    #[test]
    fn comments_and_strings_are_not_imports() {
        let code = code_only(
            "// use crate::features::x;\n/* crate::routes */ let s = \"crate::features\";\n\
             let c = '\"'; use crate::dto::y;",
        );
        let names: Vec<_> = imports(&code).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["dto".to_string()]);
    }

    #[test]
    fn a_server_module_importing_a_feature_is_reported_with_file_and_line() {
        let dir = std::env::temp_dir().join(format!("layers-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("ssr")).expect("temp dir");
        std::fs::write(
            dir.join("ssr/db.rs"),
            "//! x\nuse crate::domain::a;\nuse crate::features::hearings::dto::B;\n",
        )
        .expect("write");
        std::fs::write(dir.join("features.rs"), "use crate::ssr::db;\n").expect("write");
        std::fs::write(
            dir.join("ssr.rs"),
            "use crate::dto::x;\n#[cfg(test)]\nmod tests {\n    use crate::testing::y;\n    \
             fn f() { crate::demo::z(); }\n}\nfn g() { crate::demo::z(); }\n",
        )
        .expect("write");
        let found = violations(&dir).expect("read");
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("ssr/db.rs:3: `ssr` imports `crate::features`"));
        assert!(
            found[1].contains("ssr.rs:7: `ssr` imports `crate::demo`"),
            "{found:?}"
        );
    }
}
