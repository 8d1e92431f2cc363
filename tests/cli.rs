//! The command line's conventions: `--quiet` and `--message-format
//! json`, for scripts, editors and CI.

mod common;

use common::*;

#[test]
fn quiet_prints_only_errors() {
    let out = temp_dir("quiet");
    let o = deckpress(&[
        "build",
        "-q",
        "--only",
        "cards",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
    assert!(out.join("cards.pdf").is_file());
    // A deck with warnings: none printed; with errors: the errors only.
    let fifteen = fixture("shapes/fifteen.yaml");
    let o = deckpress(&["check", "--quiet", fifteen.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "warnings are left out");
    let bad = fixture("many-mistakes.yaml");
    let o = deckpress(&["check", "-q", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("error:").count(), 7, "{err}");
    assert!(!err.contains("warning:"), "{err}");
    // What a command is for still prints.
    let o = deckpress(&["completions", "bash", "-q"]);
    assert!(stdout(&o).contains("deckpress"));
}

#[test]
fn json_messages_give_every_problem_and_file_one_object_a_line() {
    let bad = fixture("many-mistakes.yaml");
    let o = deckpress(&["check", "--message-format", "json", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "", "everything goes to standard output");
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    for l in &lines {
        assert!(l.starts_with("{\"type\":\"") && l.ends_with('}'), "{l}");
    }
    let diagnostics: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("{\"type\":\"diagnostic\""))
        .collect();
    assert_eq!(diagnostics.len(), 8, "{text}");
    let first = diagnostics[0];
    assert!(first.contains("\"severity\":\"error\""), "{first}");
    assert!(first.contains("\"line\":4,\"column\":9"), "{first}");
    assert!(first.contains("many-mistakes.yaml"), "{first}");
    assert!(first.contains("\"help\":\""), "{first}");
    assert_eq!(
        lines.last().unwrap(),
        &"{\"type\":\"result\",\"success\":false,\"exit_code\":1}"
    );
    // A build: each file written, with its summary.
    let out = temp_dir("json-build");
    let o = deckpress(&[
        "build",
        "--message-format",
        "json",
        "--only",
        "cards,poster",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let files: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"file\""))
        .collect();
    assert_eq!(files.len(), 2, "{text}");
    assert!(
        files[0].contains("cards.pdf\",\"replaced\":false,\"summary\":\"74 pages"),
        "{}",
        files[0]
    );
    // Quotes and line breaks in messages are escaped.
    assert!(!text.contains("\n\""));
}

#[test]
fn a_terminal_gets_a_progress_bar_and_a_pipe_does_not() {
    // 30 characteristics of 15 behaviours: 480 cards, a few tenths of a
    // second to design, over which the bar is drawn several times.
    let dir = temp_dir("progress");
    let mut yaml = String::from("title: Many behaviours\ncharacteristics:\n");
    for c in 1..=30 {
        yaml.push_str(&format!(
            "  - id: c{c}\n    name: Characteristic {c}\n    colour: \"#{:02x}3f73\"\n    behaviours:\n",
            c * 8
        ));
        for b in 1..=15 {
            yaml.push_str(&format!(
                "      - title: behaviour {c}.{b}\n        text: The **text** of behaviour {b} of characteristic {c}, long enough to be set on two lines or three.\n"
            ));
        }
    }
    std::fs::write(dir.join("deck.yaml"), yaml).unwrap();
    let deck = dir.join("deck.yaml");
    let out = dir.join("out");
    let command = format!(
        "DECKPRESS_PROGRESS_AFTER_MS=0 '{}' build '{}' --only cards,sheets -o '{}'",
        env!("CARGO_BIN_EXE_deckpress"),
        deck.display(),
        out.display()
    );
    // `script` runs it on a pseudo-terminal, as a facilitator's terminal.
    let o = std::process::Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .output()
        .expect("script (util-linux) runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(shown.contains("designing the cards ["), "{shown}");
    assert!(shown.contains("/480"), "{shown}");
    assert!(shown.contains("wrote"), "{shown}");
    // Without a terminal (a pipe, as here): no bar.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_deckpress"))
        .args([
            "build",
            deck.to_str().unwrap(),
            "--only",
            "cards",
            "-o",
            out.to_str().unwrap(),
        ])
        .env("DECKPRESS_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!stderr(&o).contains("designing"), "{}", stderr(&o));
}
