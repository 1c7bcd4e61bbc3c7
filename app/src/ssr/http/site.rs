//! The site's own files under `/pkg` (stylesheet, script, wasm), named with their content hashes
//! when the build hashed them. cargo-leptos writes the hashes to `hash.txt` beside the server
//! binary (`LEPTOS_HASH_FILE_NAME` names another file, relative to the binary's folder or
//! absolute); without that file (a test binary) the names are plain.

use std::sync::OnceLock;

/// The site's output name: its files are `innspill[.<hash>].{css,js,wasm}`.
pub const OUTPUT_NAME: &str = "innspill";

/// The file names (without directory) of the site's stylesheet, script and wasm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFiles {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// Whether the names carry content hashes (and may be cached for ever).
    pub hashed: bool,
}

impl SiteFiles {
    /// The names for the output `name`, from the text of `hash.txt` (`css: <hash>` lines) when
    /// there is one.
    pub fn new(name: &str, hashes: Option<&str>) -> Self {
        let Some(hashes) = hashes else {
            // cargo-leptos names the wasm after the site; wasm-bindgen alone adds `_bg`.
            let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
                Some(_) => format!("{name}.wasm"),
                None => format!("{name}_bg.wasm"),
            };
            return Self {
                css: format!("{name}.css"),
                js: format!("{name}.js"),
                wasm,
                hashed: false,
            };
        };
        let file = |kind: &str| {
            let hash = hashes.lines().find_map(|l| {
                let (file, hash) = l.split_once(':')?;
                (file.trim() == kind).then(|| hash.trim())
            });
            match hash {
                Some(h) => format!("{name}.{h}.{kind}"),
                None => format!("{name}.{kind}"),
            }
        };
        Self {
            css: file("css"),
            js: file("js"),
            wasm: file("wasm"),
            hashed: true,
        }
    }

    /// This process's files: read once from `hash.txt` beside the executable.
    pub fn current() -> &'static SiteFiles {
        static FILES: OnceLock<SiteFiles> = OnceLock::new();
        FILES.get_or_init(|| {
            let name = std::env::var("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|_| "hash.txt".into());
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| std::fs::read_to_string(exe.parent()?.join(&name)).ok());
            SiteFiles::new(OUTPUT_NAME, hashes.as_deref())
        })
    }

    /// `Cache-Control` for these files: for ever when their names change with their content.
    pub fn cache_control(&self) -> &'static str {
        if self.hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_hash_txt_and_plain_names_without_it() {
        let f = SiteFiles::new("innspill", Some("js: AbC\nwasm: dEf\ncss: 123-_\n"));
        assert_eq!(f.css, "innspill.123-_.css");
        assert_eq!(f.js, "innspill.AbC.js");
        assert_eq!(f.wasm, "innspill.dEf.wasm");
        assert_eq!(f.cache_control(), "public, max-age=31536000, immutable");
        let plain = SiteFiles::new("innspill", None);
        assert_eq!(plain.css, "innspill.css");
        assert_eq!(plain.js, "innspill.js");
        assert_eq!(plain.cache_control(), "no-cache");
    }
}
