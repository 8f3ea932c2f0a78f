//! Writing the output safely: everything goes to a temporary folder inside the
//! output folder first, then `data/`, `anh/` and whatever else was staged (feeds,
//! sitemaps) are swapped in with renames, so a failed or interrupted build never
//! leaves a half-written data folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Prefix of the build's temporary folders inside the output folder.
pub const TMP_PREFIX: &str = ".bantin-";

/// The folders of the output that a build replaces.
pub const FOLDERS: [&str; 2] = ["data", "anh"];

/// A temporary output folder; removed on drop unless it was swapped in.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Creates `out` if needed, removes leftovers of interrupted builds, and makes
    /// a fresh staging folder with empty `data/` and `anh/`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        fs::create_dir_all(out)?;
        for entry in fs::read_dir(out)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(TMP_PREFIX) && entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            }
        }
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = out.join(format!("{TMP_PREFIX}moi-{}-{stamp}", std::process::id()));
        for f in FOLDERS {
            fs::create_dir_all(dir.join(f))?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    /// The staging `data/` folder.
    pub fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// The staging `anh/` folder.
    pub fn anh(&self) -> PathBuf {
        self.dir.join("anh")
    }

    /// The staging folder itself: each file or folder written at its top level
    /// replaces the output's entry of the same name on [`Staging::commit`].
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// Replaces `out/data`, `out/anh` and every other staged top-level entry with the staged one.
    pub fn commit(self) -> io::Result<()> {
        self.commit_replacing(|_| false)
    }

    /// Like [`Staging::commit`], and also removes the output's top-level entries
    /// that this build did not stage but `stale` claims as the build's own
    /// (e.g. sitemap shards a smaller site no longer needs).
    pub fn commit_replacing(self, stale: impl Fn(&str) -> bool) -> io::Result<()> {
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replacen("moi-", "cu-", 1))
                .unwrap_or_else(|| format!("{TMP_PREFIX}cu")),
        );
        fs::create_dir_all(&old)?;
        let mut staged: Vec<std::ffi::OsString> = fs::read_dir(&self.dir)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        staged.sort();
        for f in &staged {
            let live = self.out.join(f);
            let moved = live.symlink_metadata().is_ok();
            if moved {
                fs::rename(&live, old.join(f))?;
            }
            if let Err(e) = fs::rename(self.dir.join(f), &live) {
                if moved {
                    // Put the previous entry back before giving up.
                    let _ = fs::rename(old.join(f), &live);
                }
                return Err(e);
            }
        }
        for entry in fs::read_dir(&self.out)? {
            let name = entry?.file_name();
            let text = name.to_string_lossy();
            if !text.starts_with(TMP_PREFIX) && !staged.contains(&name) && stale(&text) {
                fs::rename(self.out.join(&name), old.join(&name))?;
            }
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Copies the folder `from` into `to` (which exists), recursively; returns the number of files.
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<usize> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut n = 0;
    for e in entries {
        let target = to.join(e.file_name());
        let meta = fs::metadata(e.path())?;
        if meta.is_dir() {
            fs::create_dir_all(&target)?;
            n += copy_tree(&e.path(), &target)?;
        } else if meta.is_file() {
            fs::copy(e.path(), &target)?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(out.join("data")).unwrap();
        fs::write(out.join("data/old.json"), "1").unwrap();
        fs::write(out.join("index.html"), "x").unwrap();
        fs::create_dir_all(out.join(".bantin-moi-1-2")).unwrap();

        let s = Staging::new(&out).unwrap();
        fs::write(s.data().join("new.json"), "2").unwrap();
        s.commit().unwrap();
        assert!(out.join("data/new.json").exists());
        assert!(!out.join("data/old.json").exists());
        assert!(out.join("anh").is_dir());
        assert!(
            out.join("index.html").exists(),
            "other files are left alone"
        );
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(TMP_PREFIX)),
            "{names:?}"
        );

        // Other staged entries are swapped in too; claimed leftovers are removed.
        fs::write(out.join("sitemap-9.xml"), "old").unwrap();
        fs::write(out.join("sitemap-1.xml"), "old").unwrap();
        let s = Staging::new(&out).unwrap();
        fs::write(s.data().join("new.json"), "2").unwrap();
        fs::write(s.root().join("sitemap-1.xml"), "new").unwrap();
        fs::create_dir_all(s.root().join("chuyen-muc/a")).unwrap();
        fs::write(s.root().join("chuyen-muc/a/rss.xml"), "r").unwrap();
        s.commit_replacing(|n| n.starts_with("sitemap-")).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("sitemap-1.xml")).unwrap(),
            "new"
        );
        assert!(!out.join("sitemap-9.xml").exists());
        assert!(out.join("chuyen-muc/a/rss.xml").exists());
        assert!(out.join("index.html").exists());
        assert!(out.join("data").is_dir());

        // Dropping without commit leaves the live folders as they were.
        let s = Staging::new(&out).unwrap();
        fs::write(s.data().join("half.json"), "3").unwrap();
        drop(s);
        assert!(out.join("data/new.json").exists());
        assert!(!out.join("data/half.json").exists());
    }
}
