//! Writing output files so that nothing half-written is ever left: every
//! file goes to a temporary file in the same folder first, and only when
//! all of them are complete are they renamed into place.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A finished output file, in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputFile {
    /// The file name inside the output folder, e.g. `cards.pdf`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// One line for the report: what is in it.
    pub summary: String,
}

/// Writes all files into `dir` (created if needed). Either every file is
/// replaced, or (on an error) none is and the temporary files are removed.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for f in files {
            let target = dir.join(&f.name);
            let temp = dir.join(format!(".{}.{}.tmp", f.name, std::process::id()));
            temps.push((temp.clone(), target));
            let mut out = fs::File::create(&temp)?;
            out.write_all(&f.bytes)?;
            out.sync_all()?;
        }
        // Renaming over a folder would fail half-way: refuse before any
        // file is replaced.
        for (_, target) in &temps {
            if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{} is a folder, not a file", target.display()),
                ));
            }
        }
        for (temp, target) in &temps {
            fs::rename(temp, target)?;
        }
        Ok(temps.iter().map(|(_, t)| t.clone()).collect())
    })();
    if result.is_err() {
        for (temp, _) in &temps {
            let _ = fs::remove_file(temp);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> OutputFile {
        OutputFile {
            name: name.into(),
            bytes: bytes.to_vec(),
            summary: String::new(),
        }
    }

    #[test]
    fn writes_and_replaces_files_leaving_no_temporaries() {
        let dir = std::env::temp_dir().join(format!("deckpress-out-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write_all(&dir, &[file("a.pdf", b"one")]).unwrap();
        write_all(&dir, &[file("a.pdf", b"two"), file("b.pdf", b"x")]).unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"two");
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_previous_files() {
        let dir = std::env::temp_dir().join(format!("deckpress-fail-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write_all(&dir, &[file("a.pdf", b"old")]).unwrap();
        // A name that cannot be created (a folder of that name exists).
        fs::create_dir_all(dir.join("b.pdf")).unwrap();
        assert!(write_all(&dir, &[file("a.pdf", b"new"), file("b.pdf", b"x")]).is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old");
        let temps = fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(temps, 0);
        fs::remove_dir_all(&dir).unwrap();
    }
}
