//! `rlm bench lsp`: the language server as an editor meets it, on a generated workspace of
//! `--files` Python modules (default 10,000) that call each other: time from `initialize` to
//! the first useful hover (a fresh workspace, so indexing included), hover and definition
//! latency p50/p99 over stdio, and the server's memory. The baseline, run in this same process,
//! is the engine answering the same hover look-ups directly on the same index: the ratio is
//! what the protocol, the server's state and the process boundary cost.

use super::stats::{ms, percentile};
use anyhow::{Context, Result, bail};
use rlm_engine::index::{WorkspaceIndex, default_index_dir};
use rlm_engine::navigate::{LookupLimits, describe};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Python modules in the generated workspace
    #[arg(long, default_value_t = 10_000)]
    pub files: usize,
    /// Hover and definition requests timed, each
    #[arg(long, default_value_t = 500)]
    pub requests: usize,
}

/// Module `i` defines `func_i` (documented) and calls the functions of the two modules before it.
fn module(i: usize) -> String {
    let a = i.saturating_sub(1);
    let b = i.saturating_sub(2);
    format!(
        "from pkg{a} import func_{a}\nfrom pkg{b} import func_{b}\n\n\ndef func_{i}(value):\n    \"\"\"Combines module {i}'s inputs.\"\"\"\n    first = func_{a}(value)\n    return func_{b}(first) + {i}\n\n\nclass Holder{i}:\n    def get(self):\n        return func_{i}(self)\n"
    )
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &Path) -> Result<Server> {
        let exe = std::env::current_exe().context("finding the rlm binary")?;
        let mut child = Command::new(exe)
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting rlm lsp")?;
        let stdin = child.stdin.take().context("no stdin")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(value) = serde_json::from_slice::<Value>(&body)
                    && tx.send(value).is_err()
                {
                    return;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            incoming,
            next_id: 0,
        })
    }

    fn send(&mut self, message: &Value) -> Result<()> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.stdin.flush()?;
        Ok(())
    }

    /// Sends a request and waits for its result, answering server requests on the way.
    fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        loop {
            let message = self
                .incoming
                .recv_timeout(Duration::from_secs(600))
                .context("the server stopped answering")?;
            if message.get("method").is_some() {
                if let Some(server_id) = message.get("id") {
                    self.send(&json!({"jsonrpc": "2.0", "id": server_id, "result": null}))?;
                }
                continue;
            }
            if message["id"] == json!(id) {
                if let Some(error) = message.get("error") {
                    bail!("{method} failed: {error}");
                }
                return Ok(message["result"].clone());
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<()> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Resident and peak memory of the server process, from /proc (Linux).
    fn memory_kib(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find(|l| l.starts_with(name))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn summary(name: &str, mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    println!(
        "{name:<28} p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests)",
        ms(p50),
        ms(p99),
        times.len()
    );
    (p50, p99)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let files = args.files.max(3);
    let scratch = tempfile::tempdir().context("creating the benchmark workspace")?;
    let root = scratch.path().canonicalize()?;
    let generated = Instant::now();
    for i in 0..files {
        std::fs::write(root.join(format!("pkg{i}.py")), module(i))?;
    }
    println!(
        "workspace: {files} Python modules generated in {:.1}s",
        generated.elapsed().as_secs_f64()
    );
    let uri = |i: usize| format!("file://{}/pkg{i}.py", root.display());

    let mut server = Server::start(&root)?;
    let started = Instant::now();
    server.call(
        "initialize",
        json!({"processId": std::process::id(), "workspaceFolders": [{"uri": format!("file://{}", root.display()), "name": "bench"}],
               "capabilities": {}}),
    )?;
    server.notify("initialized", json!({}))?;
    let last = files - 1;
    // `func_{last}` on line 5 of the last module, hovered until the index answers.
    let hover_at = |i: usize| json!({"textDocument": {"uri": uri(i)}, "position": {"line": 4, "character": 6}});
    loop {
        let hover = server.call("textDocument/hover", hover_at(last))?;
        if !hover.is_null() {
            break;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            bail!("no hover answer after 30 minutes of indexing");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let first_hover = started.elapsed();
    println!(
        "initialize → first hover:    {:.2} s (fresh workspace: indexing {files} files included)",
        first_hover.as_secs_f64()
    );

    // Deterministic spread of modules across the workspace.
    let pick = |k: usize| (k * 7919 + 13) % files;
    let mut hovers = Vec::with_capacity(args.requests);
    let mut definitions = Vec::with_capacity(args.requests);
    for k in 0..args.requests {
        let i = pick(k);
        let t = Instant::now();
        let hover = server.call("textDocument/hover", hover_at(i))?;
        hovers.push(t.elapsed());
        if hover.is_null() {
            bail!("no hover for func_{i}");
        }
        // `func_{a}` in `first = func_{a}(value)`, line 7.
        let at = json!({"textDocument": {"uri": uri(i)}, "position": {"line": 6, "character": 13}});
        let t = Instant::now();
        let definition = server.call("textDocument/definition", at)?;
        definitions.push(t.elapsed());
        if definition.is_null() {
            bail!("no definition from pkg{i}");
        }
    }
    println!();
    let (hover_p50, hover_p99) = summary("hover over stdio", hovers);
    summary("definition over stdio", definitions);

    // Baseline: the same look-ups answered by the engine in this process.
    let index = WorkspaceIndex::open(&default_index_dir(&root))?;
    let mut direct = Vec::with_capacity(args.requests);
    for k in 0..args.requests {
        let i = pick(k);
        let t = Instant::now();
        let description = describe(
            &index,
            &format!("func_{i}"),
            Some(&format!("pkg{i}.py")),
            LookupLimits::default(),
        )?;
        direct.push(t.elapsed());
        if description.definitions.is_empty() {
            bail!("the engine found no definition of func_{i}");
        }
    }
    let (direct_p50, direct_p99) = summary("baseline: engine in-process", direct);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    println!(
        "hover / engine baseline:     {:.2}x at p50, {:.2}x at p99   (goal: hover p99 < 20 ms: {})",
        ratio(hover_p50, direct_p50),
        ratio(hover_p99, direct_p99),
        if ms(hover_p99) < 20.0 {
            "met"
        } else {
            "NOT met"
        }
    );
    match server.memory_kib() {
        Some((rss, peak)) => println!(
            "server memory:               {:.1} MiB resident, {:.1} MiB peak",
            rss as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        None => println!("server memory:               unknown (no /proc on this system)"),
    }
    let _ = server.call("shutdown", Value::Null);
    let _ = server.notify("exit", Value::Null);
    Ok(ExitCode::SUCCESS)
}
