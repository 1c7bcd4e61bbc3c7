//! A first visit and memory, against the `innspill` binary run as its own process (this
//! benchmark's build, the release profile, with the demo seeded on SQLite) serving the site of
//! `make release` (`dist/site`, hashed and precompressed files, and `dist/hash.txt`; or
//! `BENCH_SITE` and `BENCH_HASH_FILE`).
//!
//! - Bytes on the wire for the home page, a hearing and an initiative as a browser asking for
//!   brotli gets them: the HTML, the stylesheet, and the script and wasm when a page has an
//!   island (goal: JS + wasm ≤ 150 KB, CSS ≤ 40 KB).
//! - Resident memory (VmRSS) after start-up and after load on the pages (goal ≤ 40 MiB idle).

use std::fmt::Write as _;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_innspill");

struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    async fn start(site: &str, hash_file: &str) -> Process {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!("innspill-bench-{port}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let child = Command::new(BIN)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("INNSPILL_ENV", "development")
            .env("LEPTOS_SITE_ROOT", site)
            .env("LEPTOS_HASH_FILE_NAME", hash_file)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
            )
            .env("INNSPILL_DEMO_SEED", "true")
            .env("INNSPILL_FILE_DIR", dir.join("files"))
            .env("INNSPILL_MAIL_DIR", dir.join("mail"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let p = Process {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..300 {
            if let Ok(r) = reqwest::get(format!("{}/readyz", p.base)).await
                && r.status() == 200
            {
                return p;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("innspill did not start");
    }

    /// Resident memory in MiB.
    fn rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap();
        kb / 1024.0
    }
}

/// The body's size as sent to a browser asking for brotli (no decoding).
async fn wire(client: &reqwest::Client, url: &str) -> usize {
    let r = client
        .get(url)
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{url}");
    assert!(
        r.headers().contains_key("content-encoding"),
        "{url} compressed"
    );
    r.bytes().await.unwrap().len()
}

/// The body as text (asking for no compression).
async fn text(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// `href="/pkg/…css"`, and the script and wasm of the islands' loader when the page has an
/// island.
fn assets(html: &str) -> (String, Option<(String, String)>) {
    let css = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let island = html.contains("<leptos-island ").then(|| {
        let args = html.split(")(...[\"").nth(1).unwrap();
        let mut parts = args.split('"');
        let js = parts.next().unwrap().to_string();
        let wasm = parts.nth(1).unwrap().to_string();
        (js, wasm)
    });
    (css, island)
}

pub async fn first_visit(out: &mut String) {
    let dist = concat!(env!("CARGO_MANIFEST_DIR"), "/../dist");
    let site = std::env::var("BENCH_SITE").unwrap_or_else(|_| format!("{dist}/site"));
    let hash_file = std::env::var("BENCH_HASH_FILE").unwrap_or_else(|_| format!("{dist}/hash.txt"));
    assert!(
        std::path::Path::new(&hash_file).exists(),
        "no {hash_file}: run `make release` first (`make bench` does)"
    );
    let server = Process::start(&site, &hash_file).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = server.rss_mib();

    let client = reqwest::Client::new();
    let plain = reqwest::Client::new();
    let list = text(
        &plain,
        &format!("{}/org/eksempel-kommune/horinger", server.base),
    )
    .await;
    let first_link = |html: &str, marker: &str| {
        html.split(&format!("href=\"/org/eksempel-kommune/{marker}/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(|id| format!("/org/eksempel-kommune/{marker}/{id}"))
            .unwrap()
    };
    let hearing = first_link(&list, "horinger");
    let list = text(
        &plain,
        &format!(
            "{}/org/eksempel-kommune/innbyggerforslag?status=collecting",
            server.base
        ),
    )
    .await;
    let initiative = first_link(&list, "innbyggerforslag");
    let _ = writeln!(
        out,
        "\n## A first visit\n\nAs a browser asking for brotli gets them from the `innspill` \
         process (release profile) serving `make release`'s site: bytes on the wire.\n\n\
         | page | HTML | CSS | JS + wasm | total |\n|---|---|---|---|---|"
    );
    for (name, path) in [
        ("home `/`", "/".to_string()),
        ("a hearing", hearing.clone()),
        ("an initiative", initiative.clone()),
    ] {
        let url = format!("{}{path}", server.base);
        let html_bytes = wire(&client, &url).await;
        let (css, island) = assets(&text(&plain, &url).await);
        let css_bytes = wire(&client, &format!("{}{css}", server.base)).await;
        let mut script = 0;
        if let Some((js, wasm)) = island {
            script += wire(&client, &format!("{}{js}", server.base)).await;
            script += wire(&client, &format!("{}{wasm}", server.base)).await;
        }
        let _ = writeln!(
            out,
            "| {name} | {:.1} KB | {:.1} KB | {:.1} KB | {:.1} KB |",
            html_bytes as f64 / 1000.0,
            css_bytes as f64 / 1000.0,
            script as f64 / 1000.0,
            (html_bytes + css_bytes + script) as f64 / 1000.0,
        );
    }

    // Load: every page, anonymous (the page cache) and afresh (a query string passes it by).
    for round in 0..400 {
        for path in ["/", hearing.as_str(), initiative.as_str()] {
            let fresh = if round % 4 == 0 { "?frisk" } else { "" };
            let r = client
                .get(format!("{}{path}{fresh}", server.base))
                .header("accept-encoding", "br, gzip")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            r.bytes().await.unwrap();
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let loaded = server.rss_mib();
    let _ = writeln!(
        out,
        "\nResident memory of that process: **{idle:.0} MiB idle** after start-up with the demo \
         seeded (goal ≤ 40 MiB), {loaded:.0} MiB after 1,200 page requests (a quarter rendered \
         afresh)."
    );
    println!("first visit: idle {idle:.0} MiB, after load {loaded:.0} MiB");
}
