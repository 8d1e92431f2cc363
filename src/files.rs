//! The limits on what a deck may hold, in one place, each with its reason;
//! and reading the files a deck names (the deck itself, icons, fonts),
//! bounded: only regular files are read, never more than a cap, so that a
//! device (`/dev/zero`), a pipe, a folder or a huge file cannot hang
//! deckpress or exhaust the machine.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// The largest deck file: the framework is 16 KB for 37 cards; 32
/// megabytes is over 50,000 cards.
pub const MAX_DECK_BYTES: u64 = 32 * 1024 * 1024;

/// The largest picture file: a print-quality icon is well under a
/// megabyte.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// The largest SVG file: icons are a few kilobytes.
pub const MAX_SVG_BYTES: u64 = 5 * 1024 * 1024;

/// The largest font file: the largest CJK fonts are about 20 MB; anything
/// far beyond is not a font worth embedding.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// A print shop's ICC profile (`print: profile:`): real CMYK profiles are
/// up to a few megabytes.
pub const MAX_PROFILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most shapes an SVG icon may have: icon sets have tens; a file with
/// more is a drawing or a trace, too heavy to repeat on every card.
pub const MAX_SHAPES: usize = 20_000;

/// The most characters one text of the deck may have: an A6 card holds
/// about 2,500 at its smallest type, so a longer text fits no card, and
/// laying it out is slow for nothing.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The most YAML aliases (`*name`) a deck may use: repeating a list of
/// pillars takes a few; thousands only multiply the work.
pub const MAX_ALIASES: usize = 1_000;

/// How deeply lists and mappings may nest: a deck needs five levels.
pub const MAX_DEPTH: usize = 32;

/// The most YAML values (mappings, lists, keys and texts) a deck may
/// hold: a characteristic takes about 20 and a behaviour 5, so a million
/// is over 100,000 cards; the limit bounds the memory a file of tiny
/// values (`[1,1,1,…]`) could take.
pub const MAX_NODES: usize = 1_000_000;

/// The most pixels a picture may have (width × height), checked before
/// it is decoded: 25 megapixels is a 5000 × 5000 image, ten times what an
/// icon printed at 300 ppi needs; decoded, it takes 100 MB.
pub const MAX_PIXELS: u64 = 25_000_000;

/// Why a file could not be read.
#[derive(Debug)]
pub enum FileProblem {
    NotFound,
    /// It exists but is not a regular file: what it is ("a folder", "a
    /// device", "a pipe").
    NotAFile(&'static str),
    /// It is larger than the cap: its size in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl FileProblem {
    /// The problem in words, for a file shown as `shown`.
    pub fn describe(&self, shown: &str, cap: u64) -> String {
        match self {
            FileProblem::NotFound => format!("{shown} does not exist"),
            FileProblem::NotAFile(what) => {
                format!("{shown} is {what}, not a file")
            }
            FileProblem::TooLarge(size) => format!(
                "{shown} is {}, more than the {} deckpress reads",
                human(*size),
                human(cap)
            ),
            FileProblem::Io(e) => format!("{shown} cannot be read: {e}"),
        }
    }
}

/// A size in words: "12 MB", "340 KB".
pub fn human(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.0} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a file that is not a regular one is, in words.
fn kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Opens a file without waiting on it: a pipe or a terminal opened for
/// reading would otherwise block until something writes to it.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a regular file of at most `cap` bytes. The type and size are
/// checked before reading, and again on the opened file (the path may
/// have changed between), and reading stops at the cap whatever the file
/// claims.
pub fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, FileProblem> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(FileProblem::NotFound),
        Err(e) => return Err(FileProblem::Io(e)),
    };
    if let Some(what) = kind(&meta) {
        return Err(FileProblem::NotAFile(what));
    }
    if meta.len() > cap {
        return Err(FileProblem::TooLarge(meta.len()));
    }
    let file = open(path).map_err(FileProblem::Io)?;
    let opened = file.metadata().map_err(FileProblem::Io)?;
    if let Some(what) = kind(&opened) {
        return Err(FileProblem::NotAFile(what));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(cap) as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(FileProblem::Io)?;
    if bytes.len() as u64 > cap {
        return Err(FileProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_cap_are_read() {
        let dir = std::env::temp_dir().join(format!("deckpress-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(&f, b"hello").unwrap();
        assert_eq!(read_bounded(&f, 10).unwrap(), b"hello");
        assert!(matches!(read_bounded(&f, 3), Err(FileProblem::TooLarge(5))));
        assert!(matches!(
            read_bounded(&dir, 10),
            Err(FileProblem::NotAFile("a folder"))
        ));
        assert!(matches!(
            read_bounded(&dir.join("nope"), 10),
            Err(FileProblem::NotFound)
        ));
        #[cfg(unix)]
        {
            assert!(matches!(
                read_bounded(Path::new("/dev/zero"), 10),
                Err(FileProblem::NotAFile("a device"))
            ));
            let link = dir.join("zero");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            assert!(matches!(
                read_bounded(&link, 10),
                Err(FileProblem::NotAFile("a device"))
            ));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
