//! Hostile input and faults: text YAML would silently drop, characters that
//! print as nothing, special files, limits, a replacement that fails half
//! way, signals, and closed or full output streams. Each is refused with a
//! located message, or survived, never with text lost, a hang, a panic or a
//! mixed set of files.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// A bad fixture: exit 1, the message at `line:col` with `needles`,
/// nothing written, an earlier output untouched.
fn refused(name: &str, line: usize, col: usize, needles: &[&str]) -> String {
    let deck = fixture(name);
    let out = temp_dir(&name.replace(['/', '.'], "-"));
    std::fs::write(out.join("cards.pdf"), b"earlier").unwrap();
    let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert_eq!(std::fs::read(out.join("cards.pdf")).unwrap(), b"earlier");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "{name}: files written"
    );
    let head = format!("{}:{line}:{col}: ", deck.display());
    assert!(err.contains(&head), "{name}: not at {line}:{col}:\n{err}");
    assert!(
        err.contains(&format!("\n{line} | ")),
        "{name}: line not shown:\n{err}"
    );
    for n in needles {
        assert!(err.contains(n), "{name}: `{n}` missing:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_comment_that_would_cut_a_text_short_is_an_error() {
    refused(
        "bad/comment-in-text.yaml",
        17,
        44,
        &[
            "YAML reads ` #`",
            "\"#always, every time.\" would not be printed",
            "text: \"Doing **first things** first #always, every time.\"",
        ],
    );
    // A comment after a value that is not printed stays fine.
    let dir = temp_dir("comment-ok");
    let deck = std::fs::read_to_string(fixture("small.yaml")).unwrap();
    let deck = deck
        .replacen("size: poker", "size: poker  # 63 x 88", 1)
        .replace("../../assets/", &format!("{}/assets/", root().display()));
    assert!(deck.contains("# 63 x 88"));
    std::fs::write(dir.join("deck.yaml"), &deck).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn control_characters_are_errors_and_invisible_ones_warnings() {
    refused(
        "bad/control-character.yaml",
        17,
        45,
        &["control character U+0007 (bell)", "remove it"],
    );
    let o = deckpress(&[
        "check",
        fixture("bad/invisible-character.yaml").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("warning:") && err.contains("U+200B"), "{err}");
}

#[test]
fn yaml_limits_and_traps_are_explained_in_plain_words() {
    refused(
        "bad/multiple-documents.yaml",
        26,
        1,
        &["more than one YAML document", "remove the `---` line"],
    );
    refused(
        "bad/deep-nesting.yaml",
        26,
        39,
        &["more than 32 levels deep"],
    );
    refused(
        "bad/special-number.yaml",
        2,
        8,
        &["`.nan` is read by YAML as a special number", "\".nan\""],
    );
    // Old Mac line ends: the line is still shown.
    refused(
        "bad/cr-line-ends.yaml",
        22,
        13,
        &["`#1f80` is not a colour"],
    );
    // A text repeated by aliases beyond any need.
    let dir = temp_dir("aliases");
    let mut deck = String::from(
        "title: A deck\ncharacteristics:\n  - id: one\n    name: One\n    colour: \"#123f73\"\n    behaviours:\n      - title: a\n        text: &t \"The **a** one.\"\n",
    );
    for i in 0..1200 {
        deck.push_str(&format!("      - title: t{i}\n        text: *t\n"));
    }
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("YAML aliases"), "{}", stderr(&o));
    // A million tiny values (3 MB) is refused, not held in memory.
    let mut deck = String::from("title: A deck\npillars: [");
    deck.push_str(&"1,".repeat(1_100_000));
    deck.push_str("1]\n");
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("too large"), "{}", stderr(&o));
}

#[test]
fn a_text_longer_than_any_card_is_refused_before_layout() {
    let dir = temp_dir("long-text");
    let text = "word ".repeat(1500);
    let deck = format!(
        "title: A deck\ncharacteristics:\n  - id: one\n    name: One\n    colour: \"#123f73\"\n    behaviours:\n      - title: a\n        text: \"{text} **a**\"\n"
    );
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("deck.yaml:8:15:"), "{err}");
    assert!(err.contains("7505 characters long"), "{err}");
}

#[test]
fn special_files_are_refused_at_once() {
    // An icon that is a device.
    refused(
        "bad/icon-device.yaml",
        11,
        11,
        &["/dev/zero is a device, not a file"],
    );
    // The deck itself a device or a folder: a usage error, at once.
    for (path, what) in [("/dev/zero", "is a device"), ("tests", "is a folder")] {
        let o = deckpress(&["check", path]);
        assert_eq!(o.status.code(), Some(2), "{path}");
        assert!(stderr(&o).contains(what), "{}", stderr(&o));
    }
    // An icon that is a pipe nobody writes to: refused, not waited on.
    let dir = temp_dir("fifo");
    let fifo = dir.join("icon.png");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let deck = std::fs::read_to_string(fixture("small.yaml"))
            .unwrap()
            .replace("../../assets/trust.svg", fifo.to_str().unwrap());
        std::fs::write(dir.join("deck.yaml"), deck).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_deckpress"))
            .args(["check", dir.join("deck.yaml").to_str().unwrap()])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(std::time::Instant::now() < deadline, "hangs on a pipe");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(1), "{err}");
        assert!(err.contains("is a pipe, not a file"), "{err}");
    }
}

/// A PNG whose header claims `w` × `h` pixels (enough for its size to be
/// read; it would not decode).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |body: &[u8]| {
        out.extend(((body.len() - 4) as u32).to_be_bytes());
        out.extend(body);
        out.extend(crc(body).to_be_bytes());
    };
    chunk(&ihdr);
    // A first row of image data (zlib, stored), then the end.
    chunk(b"IDAT\x78\x01\x01\x01\x00\xfe\xff\x00\x00\x01\x00\x01");
    chunk(b"IEND");
    out
}

#[test]
fn a_picture_too_large_to_decode_is_refused_from_its_header() {
    let dir = temp_dir("huge-png");
    std::fs::write(dir.join("huge.png"), png_header(20_000, 20_000)).unwrap();
    let deck = std::fs::read_to_string(fixture("small.yaml"))
        .unwrap()
        .replace("../../assets/trust.svg", "huge.png");
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("20000 × 20000 pixels (400 megapixels)"),
        "{err}"
    );
}

#[test]
fn a_replacement_that_fails_leaves_every_earlier_file() {
    let out = temp_dir("all-or-none");
    let o = deckpress(&[
        "build",
        "-o",
        out.to_str().unwrap(),
        "--only",
        "cards,poster",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cards = std::fs::read(out.join("cards.pdf")).unwrap();
    let poster = std::fs::read(out.join("poster.pdf")).unwrap();
    // sheets.pdf is a non-empty folder: it cannot be replaced.
    std::fs::create_dir_all(out.join("sheets.pdf/inside")).unwrap();
    let o = deckpress(&[
        "build",
        "--card-size",
        "bridge",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nothing was replaced"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(out.join("cards.pdf")).unwrap(), cards);
    assert_eq!(std::fs::read(out.join("poster.pdf")).unwrap(), poster);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["cards.pdf", "poster.pdf", "sheets.pdf"]);
}

#[test]
fn the_report_says_what_was_replaced_and_stale_temporaries_go() {
    let out = temp_dir("replaced");
    let o = deckpress(&["build", "-o", out.to_str().unwrap(), "--only", "poster"]);
    assert!(stdout(&o).contains("  wrote "), "{}", stdout(&o));
    // What a killed build left behind.
    std::fs::write(out.join(".cards.pdf.999999999.tmp"), b"half").unwrap();
    let o = deckpress(&["build", "-o", out.to_str().unwrap(), "--only", "poster"]);
    assert!(stdout(&o).contains("  replaced "), "{}", stdout(&o));
    assert!(!out.join(".cards.pdf.999999999.tmp").exists());
}

#[test]
fn ctrl_c_during_a_build_leaves_the_earlier_output_and_no_temporary_file() {
    let dir = temp_dir("sigint");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("cards.pdf"), b"earlier").unwrap();
    // A deck large enough to take a while.
    let mut deck = String::from("title: A large deck\ncharacteristics:\n");
    for i in 0..120 {
        deck.push_str(&format!(
            "  - id: c{i}\n    name: Characteristic {i}\n    colour: \"#123f73\"\n    behaviours:\n"
        ));
        for j in 0..15 {
            deck.push_str(&format!(
                "      - title: b{j}\n        text: They do **b{j}** well, every day of the working week.\n"
            ));
        }
    }
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_deckpress"))
        .args([
            "build",
            dir.join("deck.yaml").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--only",
            "cards,sheets",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait_with_output().unwrap().status;
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    if status.success() {
        // It finished before the signal: the new files are complete.
        assert!(left.iter().all(|n| !n.starts_with('.')), "{left:?}");
    } else {
        assert_eq!(status.code(), Some(130), "{status:?}");
        assert_eq!(left, vec!["cards.pdf"], "temporary files left");
        assert_eq!(std::fs::read(out.join("cards.pdf")).unwrap(), b"earlier");
    }
}

#[test]
fn closed_and_full_output_streams_never_panic() {
    let out = temp_dir("pipes");
    // `deckpress build | head -c 1`: the report is cut short, the build
    // goes on, no panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_deckpress"))
        .args(["build", "-o", out.to_str().unwrap(), "--only", "poster"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut one = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut one).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(out.join("poster.pdf").exists());
    if Path::new("/dev/full").exists() {
        let full = || {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap()
        };
        let o = Command::new(env!("CARGO_BIN_EXE_deckpress"))
            .args(["build", "-o", out.to_str().unwrap(), "--only", "poster"])
            .current_dir(root())
            .stdout(full())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("cannot write to standard output"),
            "{}",
            stderr(&o)
        );
        let o = Command::new(env!("CARGO_BIN_EXE_deckpress"))
            .args([
                "check",
                fixture("bad/comment-in-text.yaml").to_str().unwrap(),
            ])
            .current_dir(root())
            .stderr(full())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stdout(&o).contains("cannot write to standard error"),
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn calibrate_checks_the_deck_as_check_does() {
    let out = temp_dir("calibrate-bad");
    for bad in [
        "bad/bad-markup.yaml",
        "bad/missing-glyph.yaml",
        "bad/icon-device.yaml",
        "bad/missing-field.yaml",
    ] {
        let o = deckpress(&[
            "calibrate",
            fixture(bad).to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{bad}: {}", stderr(&o));
        assert!(!out.join("calibration.pdf").exists(), "{bad}");
    }
    // And names the flag behind a setting it cannot use.
    let o = deckpress(&["calibrate", "--duplex", "fold", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--duplex fold: there is nothing to calibrate"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn flags_are_named_in_the_messages_they_cause() {
    let o = deckpress(&["check", "--card-size", "2000x10"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--card-size"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("each side must be 40 to 300 mm"),
        "{}",
        stderr(&o)
    );
    let o = deckpress(&["check", "--card-size", "300x300", "--only", "sheets"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--card-size 300x300: a 300 × 300 mm card does not fit"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_output_folder_that_cannot_be_one_is_explained() {
    let dir = temp_dir("out-loop");
    let link = dir.join("out");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    let o = deckpress(&["build", "-o", link.to_str().unwrap(), "--only", "poster"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
}
