//! Running the `innspill` binary as a child process, capturing everything it prints.

use std::io::Read;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_innspill");

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct Server {
    pub base: String,
    child: Child,
    output: Arc<Mutex<String>>,
}

fn capture(mut r: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
}

impl Server {
    /// Starts `innspill` on a free port with `env`, and waits until it answers.
    pub async fn start(env: &[(&str, &str)]) -> Server {
        Self::start_at(free_port(), env).await
    }

    /// Starts `innspill` on `port` with `env`, and waits until it answers.
    pub async fn start_at(port: u16, env: &[(&str, &str)]) -> Server {
        let scratch =
            std::env::temp_dir().join(format!("innspill-proc-{}", uuid::Uuid::new_v4().simple()));
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("INNSPILL_ENV", "development")
            .env("INNSPILL_DEMO_SEED", "false")
            .env("RUST_LOG", "info")
            // Files and mail of this server go to a directory of its own, never the checkout.
            .env("INNSPILL_FILE_DIR", scratch.join("files"))
            .env("INNSPILL_MAIL_DIR", scratch.join("mail"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start innspill");
        let output = Arc::new(Mutex::new(String::new()));
        capture(child.stdout.take().unwrap(), output.clone());
        capture(child.stderr.take().unwrap(), output.clone());
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            if let Ok(r) = reqwest::get(format!("{base}/healthz")).await
                && r.status().is_success()
            {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("innspill exited with {status}: {}", output.lock().unwrap());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "innspill did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Server {
            base,
            child,
            output,
        }
    }

    /// The process id (for a `kill -9`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn terminate(mut self) -> (bool, String) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let started = Instant::now();
        let status = loop {
            if let Ok(Some(s)) = self.child.try_wait() {
                break Some(s);
            }
            if started.elapsed() > Duration::from_secs(15) {
                let _ = self.child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        std::thread::sleep(Duration::from_millis(100));
        (status.is_some_and(|s| s.success()), self.output())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs `innspill <args>` to completion.
pub fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("INNSPILL_ENV", "development")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        // An empty value leaves the variable unset.
        if v.is_empty() {
            cmd.env_remove(k);
        } else {
            cmd.env(k, v);
        }
    }
    let mut child = cmd.spawn().expect("run innspill");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("wait")
}
