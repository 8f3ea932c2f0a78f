//! Helpers shared by the integration tests (the `common` module of the `it` test binary).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The folder of the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by relative path, with its bytes; the build's
/// manifest, parse cache (which record modification times) and search cache are left out.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot_all(dir);
    all.remove(bantin_build::output::MANIFEST);
    all.remove(bantin_build::cache::CACHE);
    all.remove(bantin_build::search::CACHE);
    all.remove(bantin_build::security::POLICY_FILE);
    // The search index's state, one per section (`.bantin-search-state-en`).
    all.retain(|path, _| !path.starts_with(bantin_build::search::STATE));
    all.remove(bantin_build::related::STATE);
    all
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot_all(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}
