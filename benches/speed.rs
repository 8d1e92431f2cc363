//! How fast deckpress is, and how much memory it needs, on the framework
//! deck and on generated decks of 10, 100 and 1000 unique copies of it.
//!
//! `cargo bench --bench speed` builds the release binary and, for each
//! size, writes a deck of that many copies of `deck.yaml` in which every
//! id, name, title and text is different (so nothing is set once and
//! reused), then runs the binary on it several times as a user would and
//! prints the median wall time, the CPU time (user + system), the peak
//! resident memory of the whole process, and the phases `--timings`
//! reports for the median run.
//!
//! Options (after `--`): `--sizes 1,10,100,1000` (copies), `--runs 5`,
//! `--quick` (1x and 100x once, as `.ci/run` does), `--write N PATH`
//! (write the deck of N copies to PATH and stop, to profile it).
//!
//! Timings vary from run to run on a shared machine: compare medians of
//! several runs, alternating the builds compared.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_deckpress");

/// One run: wall time, CPU time, peak memory and what `--timings` said.
struct Run {
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
    timings: Vec<String>,
}

fn main() {
    let mut sizes = vec![1usize, 10, 100, 1000];
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                sizes = args
                    .next()
                    .expect("--sizes needs a list, e.g. 1,100")
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes: whole numbers"))
                    .collect()
            }
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--runs needs a number")
            }
            "--write" => {
                // Writes the deck of N copies to PATH and stops: to
                // profile one case.
                let n: usize = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--write N PATH");
                let to = PathBuf::from(args.next().expect("--write N PATH"));
                let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
                let source = std::fs::read_to_string(root.join("deck.yaml")).unwrap();
                let cards = copies(&source, n, &root, &to);
                println!("wrote {} ({cards} cards)", to.display());
                return;
            }
            "--quick" => {
                sizes = vec![1, 100];
                runs = 1;
            }
            // cargo bench passes --bench; other harness flags are ignored.
            _ => {}
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("deck.yaml")).expect("deck.yaml is readable");
    let work = std::env::temp_dir().join(format!("deckpress-speed-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    println!(
        "deckpress speed: {} ({} threads available); median of {runs} run(s) each",
        BINARY,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>10}",
        "job", "wall", "cpu", "peak", "per card"
    );
    for &n in &sizes {
        let deck = work.join(format!("deck-{n}x.yaml"));
        let cards = copies(&source, n, &root, &deck);
        let out = work.join(format!("out-{n}x"));
        let d = deck.to_str().unwrap();
        let o = out.to_str().unwrap();
        let mut jobs: Vec<(String, Vec<&str>)> = Vec::new();
        if n == 1 {
            jobs.push(("build (every output)".into(), vec!["build", d, "-o", o]));
            jobs.push(("check".into(), vec!["check", d]));
            jobs.push(("poster".into(), vec!["poster", d, "-o", o]));
        }
        jobs.push((
            "build --only cards,sheets".into(),
            vec!["build", d, "-o", o, "--only", "cards,sheets"],
        ));
        for (name, args) in jobs {
            let mut done: Vec<Run> = (0..runs.max(1)).map(|_| run(&args)).collect();
            done.sort_by_key(|r| r.wall);
            let median = &done[done.len() / 2];
            let cpu = {
                let mut c: Vec<Duration> = done.iter().map(|r| r.cpu).collect();
                c.sort();
                c[c.len() / 2]
            };
            let peak = done.iter().map(|r| r.peak_kib).max().unwrap_or(0);
            let label = format!("{n}x ({cards} cards) {name}");
            println!(
                "{label:<44} {:>9} {:>9} {:>6} MiB {:>7.2} ms",
                shown(median.wall),
                shown(cpu),
                peak.div_ceil(1024),
                median.wall.as_secs_f64() * 1000.0 / cards as f64
            );
            if done.len() > 1 {
                println!(
                    "{:<44} min {} max {}",
                    "",
                    shown(done[0].wall),
                    shown(done[done.len() - 1].wall)
                );
            }
            for t in &median.timings {
                println!("{:<44} {t}", "");
            }
        }
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(&deck);
    }
    let _ = std::fs::remove_dir_all(&work);
}

fn shown(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}

/// Runs the binary once with `--timings` and measures the whole process.
// The child is reaped by wait4, which also gives its own resource use
// (std's wait cannot).
#[allow(clippy::zombie_processes)]
fn run(args: &[&str]) -> Run {
    let started = Instant::now();
    let child = Command::new(BINARY)
        .args(args)
        .arg("--timings")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("deckpress starts");
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.expect("stderr is piped");
    // Read standard error on another thread, so that a full pipe cannot
    // stall the child while this one waits for it.
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).ok();
        s
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; status and usage are
    // valid for writes.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(got, pid, "wait4 failed");
    let text = reader.join().unwrap_or_default();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "deckpress {} failed:\n{text}",
        args.join(" ")
    );
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
        timings: text
            .lines()
            .filter_map(|l| l.strip_prefix("timings: "))
            .map(str::to_string)
            .collect(),
    }
}

/// Writes `n` copies of the deck's characteristics to `to`, every id,
/// name, title and text changed by its copy number, icons found from the
/// repository. Returns the number of cards (behaviours and summaries).
fn copies(source: &str, n: usize, root: &Path, to: &Path) -> usize {
    let lines: Vec<&str> = source
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let start = lines
        .iter()
        .position(|l| *l == "characteristics:")
        .expect("deck.yaml has characteristics");
    let mut out = String::new();
    for l in &lines[..=start] {
        out.push_str(l);
        out.push('\n');
    }
    let assets = root.join("assets");
    let mut cards = 0;
    for copy in 1..=n {
        let mut folded = false;
        for l in &lines[start + 1..] {
            let indent = &l[..l.len() - l.trim_start().len()];
            let body = l.trim_start();
            if folded && !body.is_empty() {
                // The first line of a folded text: the copy comes first.
                out.push_str(&format!("{indent}Copy {copy}:\n"));
                folded = false;
            }
            let line = if let Some(v) = body.strip_prefix("- id: ") {
                cards += 1;
                format!("{indent}- id: {v}-{copy}")
            } else if let Some(v) = body.strip_prefix("name: ") {
                format!("{indent}name: {v} {copy}")
            } else if let Some(v) = body.strip_prefix("- title: ") {
                cards += 1;
                format!("{indent}- title: {v} {copy}")
            } else if let Some(v) = body.strip_prefix("icon: assets/") {
                format!("{indent}icon: {}", assets.join(v).display())
            } else {
                folded = body.ends_with(">-");
                l.to_string()
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    std::fs::write(to, out).expect("the generated deck is written");
    cards
}
