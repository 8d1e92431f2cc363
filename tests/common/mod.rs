//! Shared helpers for the integration tests: run the real `deckpress`
//! binary, and read its PDFs with an independent reader (lopdf).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object, ObjectId};

/// The repository's root (where `deck.yaml` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture deck under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A fresh, empty folder for one test's output, inside the build's own
/// temporary folder (`target/tmp`), so that test runs leave nothing in the
/// system's. Folders of runs more than an hour old are removed.
pub fn temp_dir(name: &str) -> PathBuf {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    SWEPT.call_once(|| {
        let hour = std::time::Duration::from_secs(3600);
        for e in std::fs::read_dir(&base).into_iter().flatten().flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > hour);
            if old
                && e.file_name()
                    .to_string_lossy()
                    .starts_with("deckpress-test-")
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    });
    let dir = base.join(format!("deckpress-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `deckpress` with `args` in the repository root.
pub fn deckpress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckpress"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("deckpress runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `deckpress build DECK -o OUT EXTRA...` and gives what it did.
pub fn build_into(deck: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    deckpress(&args)
}

/// Builds a deck into a fresh folder; panics with the messages if it fails.
pub fn build(deck: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = temp_dir(name);
    let mut args = vec!["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = deckpress(&args);
    assert!(
        o.status.success(),
        "build failed: {}\n{}",
        stdout(&o),
        stderr(&o)
    );
    out
}

pub fn load(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Document::load_mem(&bytes).expect("lopdf reads the PDF")
}

/// A page box in mm: (left, bottom, right, top) from the bottom left.
pub type BoxMm = [f64; 4];

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A box of a page, read from the page object itself (not inherited), in
/// mm.
pub fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<BoxMm> {
    let dict = doc.get_dictionary(page).unwrap();
    let arr = dict.get(key).ok()?;
    let arr = doc.dereference(arr).unwrap().1.as_array().unwrap();
    let v: Vec<f64> = arr.iter().map(|o| number(o) * 25.4 / 72.0).collect();
    Some([v[0], v[1], v[2], v[3]])
}

/// The size of a box in mm.
pub fn box_size(b: BoxMm) -> (f64, f64) {
    (b[2] - b[0], b[3] - b[1])
}

pub fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() <= eps
}

/// The pages' ids, in order.
pub fn pages(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().values().copied().collect()
}

/// The text of one page (1-based), as lopdf extracts it.
pub fn page_text(doc: &Document, page: u32) -> String {
    doc.extract_text(&[page]).unwrap_or_default()
}

/// All text of the document.
pub fn all_text(doc: &Document) -> String {
    let n: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&n).unwrap_or_default()
}

/// Lower-case letters and digits only, to compare text regardless of line
/// breaks, spacing and punctuation.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every font used on every page has an embedded font program (through
/// the descendant font of a Type0 font). Returns the fonts' base names.
pub fn embedded_fonts(doc: &Document) -> Vec<String> {
    let mut names = Vec::new();
    for page in pages(doc) {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            let name = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap())
                .into_owned();
            let descriptor = match font.get(b"DescendantFonts") {
                Ok(d) => {
                    let arr = doc.dereference(d).unwrap().1.as_array().unwrap();
                    let desc = doc.dereference(&arr[0]).unwrap().1.as_dict().unwrap();
                    doc.dereference(desc.get(b"FontDescriptor").unwrap())
                        .unwrap()
                        .1
                        .as_dict()
                        .unwrap()
                        .clone()
                }
                Err(_) => doc
                    .dereference(font.get(b"FontDescriptor").unwrap())
                    .unwrap()
                    .1
                    .as_dict()
                    .unwrap()
                    .clone(),
            };
            assert!(
                descriptor.has(b"FontFile2")
                    || descriptor.has(b"FontFile3")
                    || descriptor.has(b"FontFile"),
                "font {name} is not embedded"
            );
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// The titles and texts of the behaviours in a deck file, read with a
/// plain YAML reader of this test (not deckpress's), markup removed.
pub fn behaviours(deck: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(deck).unwrap();
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim_start();
        if let Some(title) = l.strip_prefix("- title: ") {
            let mut body = String::new();
            let next = lines[i + 1].trim_start();
            let first = next
                .strip_prefix("text:")
                .expect("text follows title")
                .trim();
            let indent = lines[i + 1].len() - next.len();
            if first == ">-" || first == ">" {
                i += 2;
                while i < lines.len() && (lines[i].len() - lines[i].trim_start().len()) > indent {
                    body.push_str(lines[i].trim());
                    body.push(' ');
                    i += 1;
                }
            } else {
                body = first.trim_matches('"').to_string();
                i += 2;
            }
            out.push((
                title.trim().to_string(),
                body.replace("**", "").trim().to_string(),
            ));
        } else {
            i += 1;
        }
    }
    out
}

/// The characteristics' names in a deck file, read with a plain line
/// reader of this test (not deckpress's).
pub fn names(deck: &Path) -> Vec<String> {
    std::fs::read_to_string(deck)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("    name: "))
        .map(|n| n.trim().trim_matches('"').to_string())
        .collect()
}

/// The page's MediaBox size in mm.
pub fn page_size(doc: &Document, page: ObjectId) -> (f64, f64) {
    box_size(page_box(doc, page, b"MediaBox").expect("MediaBox"))
}

/// The structure elements of a tagged PDF in reading order: each one's
/// type and, for figures, its alternative text.
pub fn structure(doc: &lopdf::Document) -> Vec<(String, Option<String>)> {
    fn walk(doc: &lopdf::Document, obj: &lopdf::Object, out: &mut Vec<(String, Option<String>)>) {
        let obj = match obj {
            lopdf::Object::Reference(r) => match doc.get_object(*r) {
                Ok(o) => o,
                Err(_) => return,
            },
            o => o,
        };
        match obj {
            lopdf::Object::Array(items) => {
                for i in items {
                    walk(doc, i, out);
                }
            }
            lopdf::Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
                    let alt = d
                        .get(b"Alt")
                        .ok()
                        .and_then(|a| a.as_str().ok())
                        .map(|a| String::from_utf8_lossy(a).into_owned());
                    out.push((String::from_utf8_lossy(s).into_owned(), alt));
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            _ => {}
        }
    }
    let catalog = doc.catalog().expect("a catalog");
    let root = catalog.get(b"StructTreeRoot").expect("a structure tree");
    let mut out = Vec::new();
    walk(doc, root, &mut out);
    out
}

/// Whether a PDF claims PDF/UA-1 (its XMP metadata's `pdfuaid:part`) and
/// asks viewers to show its title in the window (`DisplayDocTitle`).
pub fn pdf_ua(doc: &lopdf::Document) -> (bool, bool) {
    let catalog = doc.catalog().expect("a catalog");
    let part = catalog
        .get(b"Metadata")
        .and_then(|m| doc.dereference(m))
        .ok()
        .and_then(|(_, m)| m.as_stream().ok().cloned())
        .map(|s| {
            let bytes = s.decompressed_content().unwrap_or(s.content);
            String::from_utf8_lossy(&bytes).contains("<pdfuaid:part>1</pdfuaid:part>")
        })
        .unwrap_or(false);
    let title = catalog
        .get(b"ViewerPreferences")
        .and_then(|v| doc.dereference(v))
        .ok()
        .and_then(|(_, v)| v.as_dict().ok().cloned())
        .and_then(|v| {
            v.get(b"DisplayDocTitle")
                .ok()
                .and_then(|b| b.as_bool().ok())
        })
        .unwrap_or(false);
    (part, title)
}
