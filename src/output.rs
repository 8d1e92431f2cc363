//! Writing output files so that a reader never finds a half-written file
//! or a mix of new and old ones: every file of a build goes to a temporary
//! file in the output folder first; only when all are complete do they
//! replace the earlier files, each earlier file kept aside until all are in
//! place, and put back if any replacement fails. A journal in the folder
//! records a replacement in progress, so that one cut short (the machine
//! stopped, the process killed) is undone by the next build. Ctrl-C and
//! termination remove the temporary files, never interrupting a
//! replacement.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A finished output file, in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputFile {
    /// The file name inside the output folder, e.g. `cards.pdf`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// One line for the report: what is in it.
    pub summary: String,
}

/// A file written: where, and whether it replaced an earlier one.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    pub replaced: bool,
}

/// The temporary files on disk right now, for the signal handler to
/// remove; held while files are being replaced, so that a signal waits
/// for the replacement to finish.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Whether `deckpress watch` is running: Ctrl-C then ends it with
/// success.
pub static WATCHING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// On Ctrl-C (SIGINT), termination (SIGTERM) or a closed terminal
/// (SIGHUP): remove the temporary files and exit, leaving the earlier
/// output as it was (or, if a replacement was under way, the new one
/// complete). Call once, at start.
pub fn remove_temporaries_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
                for p in pending.iter() {
                    let _ = fs::remove_file(p);
                }
                if sig == SIGINT && WATCHING.load(std::sync::atomic::Ordering::SeqCst) {
                    // Ctrl-C is how `deckpress watch` is ended.
                    eprintln!("\nstopped watching; the last good files are in place");
                    std::process::exit(0);
                }
                std::process::exit(128 + sig);
            }
        });
    }
}

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// The names this process gives its files in the output folder.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

fn backup_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.bak")
}

fn journal_name(pid: u32) -> String {
    format!(".deckpress.{pid}.journal")
}

/// Whether a process of this id is running (on systems where that can be
/// known; elsewhere, assumed not, so that stale files are cleaned up).
fn alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

/// The process id in one of our file names: `.cards.pdf.123.tmp`.
fn pid_of(name: &str, suffix: &str) -> Option<u32> {
    let stem = name.strip_suffix(suffix)?;
    stem.rsplit('.').next()?.parse().ok()
}

/// Undoes what a build cut short left in `dir`: a replacement in progress
/// (its journal) is rolled back by putting the earlier files back, and the
/// temporary files of builds no longer running are removed.
pub fn recover(dir: &Path) -> std::io::Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        let Some(pid) = name
            .strip_prefix(".deckpress.")
            .and_then(|n| pid_of(&format!(".{n}"), ".journal"))
        else {
            continue;
        };
        if alive(pid) {
            continue;
        }
        let journal = dir.join(name);
        let listed = fs::read_to_string(&journal).unwrap_or_default();
        for file in listed.lines().filter(|l| !l.is_empty() && !l.contains('/')) {
            let backup = dir.join(backup_name(file, pid));
            if backup.exists() {
                fs::rename(&backup, dir.join(file))?;
            } else if listed.contains(&format!("new {file}")) {
                // It did not exist before: the new one goes.
                let _ = fs::remove_file(dir.join(file));
            }
        }
        fs::remove_file(&journal)?;
    }
    for name in &names {
        let stale = [".tmp", ".bak"].iter().any(|suffix| {
            name.starts_with('.') && pid_of(name, suffix).is_some_and(|pid| !alive(pid))
        });
        if stale {
            let _ = fs::remove_file(dir.join(name));
        }
    }
    Ok(())
}

/// Removes the files in `dir` that `ours` recognises (names an output
/// gives) but `files` does not hold: what an earlier build wrote that this
/// one did not, so that the folder holds one build's set. Says what
/// happened to each.
pub fn remove_others(
    dir: &Path,
    files: &[OutputFile],
    ours: impl Fn(&str) -> bool,
) -> Vec<(PathBuf, std::io::Result<()>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            ours(&name) && !files.iter().any(|f| f.name == name)
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
        .into_iter()
        .map(|p| {
            let r = fs::remove_file(&p);
            (p, r)
        })
        .collect()
}

/// Writes all files into `dir` (created if needed). Either every file is
/// replaced, or (on an error) none is: the earlier files are as they were
/// and no temporary file is left.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> std::io::Result<Vec<Written>> {
    write_failing_at(dir, files, None)
}

/// As `write_all`, failing on purpose at the `fail_at`-th replacement (for
/// tests of the rollback).
fn write_failing_at(
    dir: &Path,
    files: &[OutputFile],
    fail_at: Option<usize>,
) -> std::io::Result<Vec<Written>> {
    create_dir(dir)?;
    recover(dir)?;
    let pid = std::process::id();
    // Replacing a folder would fail half-way: refuse before anything.
    for f in files {
        let target = dir.join(&f.name);
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} is a folder, not a file", target.display()),
            ));
        }
    }
    let temps: Vec<PathBuf> = files
        .iter()
        .map(|f| dir.join(temp_name(&f.name, pid)))
        .collect();
    let written = (|| {
        for (f, temp) in files.iter().zip(&temps) {
            pending().push(temp.clone());
            let mut out = fs::File::create(temp)?;
            out.write_all(&f.bytes)?;
            out.sync_all()?;
        }
        replace(dir, files, pid, fail_at)
    })();
    let mut pending = pending();
    for temp in &temps {
        let _ = fs::remove_file(temp);
        pending.retain(|p| p != temp);
    }
    written
}

/// The folder, created if needed, with a clear word for a path that cannot
/// be one.
fn create_dir(dir: &Path) -> std::io::Result<()> {
    match fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) => {
            let dangling = fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
                && fs::metadata(dir).is_err();
            let why = if dangling {
                "it is a symbolic link to nothing (or to itself)".to_string()
            } else if dir.exists() && !dir.is_dir() {
                "it is a file, not a folder".to_string()
            } else {
                e.to_string()
            };
            Err(std::io::Error::new(
                e.kind(),
                format!("the output folder {} cannot be made: {why}", dir.display()),
            ))
        }
    }
}

/// Puts the complete temporary files in place of the earlier ones, all or
/// none. The lock on the pending files is held throughout, so that a
/// signal waits until it is done.
fn replace(
    dir: &Path,
    files: &[OutputFile],
    pid: u32,
    fail_at: Option<usize>,
) -> std::io::Result<Vec<Written>> {
    let _hold = pending();
    let journal = dir.join(journal_name(pid));
    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    let existed: Vec<bool> = targets.iter().map(|t| t.exists()).collect();
    let mut record = String::new();
    for (f, &e) in files.iter().zip(&existed) {
        record.push_str(&f.name);
        record.push('\n');
        if !e {
            record.push_str(&format!("new {}\n", f.name));
        }
    }
    {
        let mut j = fs::File::create(&journal)?;
        j.write_all(record.as_bytes())?;
        j.sync_all()?;
    }
    let mut kept: Vec<usize> = Vec::new();
    let mut placed: Vec<usize> = Vec::new();
    let result = (|| {
        for (i, f) in files.iter().enumerate() {
            if existed[i] {
                fs::rename(&targets[i], dir.join(backup_name(&f.name, pid)))?;
                kept.push(i);
            }
        }
        for (i, f) in files.iter().enumerate() {
            if fail_at == Some(i) {
                return Err(std::io::Error::other("a replacement failed (test)"));
            }
            fs::rename(dir.join(temp_name(&f.name, pid)), &targets[i])?;
            placed.push(i);
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            fs::remove_file(&journal)?;
            for &i in &kept {
                let _ = fs::remove_file(dir.join(backup_name(&files[i].name, pid)));
            }
            Ok(targets
                .into_iter()
                .zip(existed)
                .map(|(path, replaced)| Written { path, replaced })
                .collect())
        }
        Err(e) => {
            // Undo: the new files out, the earlier ones back.
            for &i in &placed {
                let _ = fs::remove_file(&targets[i]);
            }
            for &i in &kept {
                let _ = fs::rename(dir.join(backup_name(&files[i].name, pid)), &targets[i]);
            }
            let _ = fs::remove_file(&journal);
            Err(e)
        }
    }
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

    fn fresh(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("deckpress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces_files_leaving_no_temporaries() {
        let dir = fresh("out");
        let w = write_all(&dir, &[file("a.pdf", b"one")]).unwrap();
        assert!(!w[0].replaced);
        let w = write_all(&dir, &[file("a.pdf", b"two"), file("b.pdf", b"x")]).unwrap();
        assert!(w[0].replaced && !w[1].replaced);
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"two");
        assert_eq!(names(&dir), vec!["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_previous_files() {
        let dir = fresh("fail");
        write_all(&dir, &[file("a.pdf", b"old")]).unwrap();
        // A name that cannot be replaced (a folder of that name exists).
        fs::create_dir_all(dir.join("b.pdf")).unwrap();
        assert!(write_all(&dir, &[file("a.pdf", b"new"), file("b.pdf", b"x")]).is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old");
        assert_eq!(names(&dir), vec!["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_replacement_failing_half_way_puts_every_earlier_file_back() {
        let dir = fresh("halfway");
        write_all(&dir, &[file("a.pdf", b"old a"), file("b.pdf", b"old b")]).unwrap();
        for fail_at in 0..3 {
            let new = [
                file("a.pdf", b"new a"),
                file("b.pdf", b"new b"),
                file("c.pdf", b"c"),
            ];
            assert!(write_failing_at(&dir, &new, Some(fail_at)).is_err());
            assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a", "{fail_at}");
            assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"old b", "{fail_at}");
            assert_eq!(names(&dir), vec!["a.pdf", "b.pdf"], "{fail_at}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_replacement_cut_short_is_undone_by_the_next_build() {
        let dir = fresh("killed");
        write_all(&dir, &[file("a.pdf", b"old a"), file("b.pdf", b"old b")]).unwrap();
        // What a build killed half-way through replacing leaves: its
        // journal, a.pdf already new with its earlier file kept aside, b.pdf
        // still old, c.pdf new, a temporary file.
        let dead = 999_999_999;
        fs::write(
            dir.join(journal_name(dead)),
            "a.pdf\nb.pdf\nc.pdf\nnew c.pdf\n",
        )
        .unwrap();
        fs::rename(dir.join("a.pdf"), dir.join(backup_name("a.pdf", dead))).unwrap();
        fs::write(dir.join("a.pdf"), b"new a").unwrap();
        fs::write(dir.join("c.pdf"), b"new c").unwrap();
        fs::write(dir.join(temp_name("b.pdf", dead)), b"new b").unwrap();
        recover(&dir).unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a");
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"old b");
        assert_eq!(names(&dir), vec!["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_output_folder_that_cannot_be_one_is_explained() {
        let dir = fresh("loop");
        fs::create_dir_all(&dir).unwrap();
        let link = dir.join("out");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&link, &link).unwrap();
            let e = write_all(&link, &[file("a.pdf", b"x")]).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
        }
        let f = dir.join("file");
        fs::write(&f, b"x").unwrap();
        let e = write_all(&f, &[file("a.pdf", b"x")]).unwrap_err();
        assert!(e.to_string().contains("is a file, not a folder"), "{e}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
