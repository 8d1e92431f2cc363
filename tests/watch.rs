//! `deckpress watch`, run as a user would: it builds, builds again when
//! the deck or an icon is saved, keeps the last good files when a save is
//! broken, and ends cleanly on Ctrl-C. Every wait is bounded.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// Waits (at most a minute) for a line of `lines` that contains `what`.
fn wait_for(lines: &mpsc::Receiver<String>, what: &str, seen: &mut Vec<String>) {
    let until = Instant::now() + Duration::from_secs(60);
    while Instant::now() < until {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(200)) {
            let hit = line.contains(what);
            seen.push(line);
            if hit {
                return;
            }
        }
    }
    panic!(
        "no line with {what:?} within a minute:\n{}",
        seen.join("\n")
    );
}

#[test]
fn watch_of_a_deck_that_is_not_there_ends_at_once() {
    for deck in ["/nonexistent/deck.yaml", "no-such-deck.yaml"] {
        let o = deckpress(&["watch", deck]);
        assert_eq!(o.status.code(), Some(2), "{deck}: {}", stderr(&o));
        assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    }
}

#[test]
fn watch_rebuilds_on_save_keeps_the_last_good_files_and_ends_on_ctrl_c() {
    let dir = temp_dir("watch");
    std::fs::copy(root().join("deck.yaml"), dir.join("deck.yaml")).unwrap();
    std::fs::create_dir(dir.join("assets")).unwrap();
    for e in std::fs::read_dir(root().join("assets")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join("assets").join(e.file_name())).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_deckpress"))
        .args(["watch", "--only", "cards"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    for pipe in [
        Box::new(out) as Box<dyn std::io::Read + Send>,
        Box::new(err),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut seen = Vec::new();
    wait_for(
        &lines,
        "watching the deck and the 5 files it names",
        &mut seen,
    );
    let cards = dir.join("out/cards.pdf");
    assert!(squash(&all_text(&load(&cards))).contains("buildingtrustacrossboundaries"));

    // A save: built again with the new words.
    let deck = std::fs::read_to_string(dir.join("deck.yaml")).unwrap();
    let renamed = deck.replace(
        "name: Building trust across boundaries",
        "name: Building trust across borders",
    );
    assert_ne!(deck, renamed);
    std::fs::write(dir.join("deck.yaml"), &renamed).unwrap();
    wait_for(&lines, "deck.yaml changed: building again", &mut seen);
    wait_for(&lines, "replaced", &mut seen);
    wait_for(&lines, "watching", &mut seen);
    let good = std::fs::read(&cards).unwrap();
    assert!(squash(&all_text(&load(&cards))).contains("buildingtrustacrossborders"));

    // A broken save: the problem is shown, the files are left as they were.
    std::fs::write(dir.join("deck.yaml"), format!("{renamed}\n  bad: [\n")).unwrap();
    wait_for(&lines, "this is not valid YAML", &mut seen);
    wait_for(&lines, "watching", &mut seen);
    assert_eq!(std::fs::read(&cards).unwrap(), good);

    // An icon saved (after the deck is mended): built again.
    std::fs::write(dir.join("deck.yaml"), &renamed).unwrap();
    wait_for(&lines, "replaced", &mut seen);
    wait_for(&lines, "watching", &mut seen);
    let icon = dir.join("assets/trust.svg");
    let svg = std::fs::read(&icon).unwrap();
    std::fs::write(&icon, svg).unwrap();
    wait_for(&lines, "trust.svg changed: building again", &mut seen);
    wait_for(&lines, "watching", &mut seen);

    // Ctrl-C ends it, with success, within a few seconds.
    // (The shell's own kill: no other package needed.)
    let kill = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(kill.success());
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < until, "watch did not end on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    wait_for(&lines, "stopped watching", &mut seen);
    // No temporary file left behind.
    let left: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
