//! The WordPress plugin (`integrations/wordpress/bantin/`), packed by every build
//! into `nhung/bantin-wordpress.zip`: a partner site installs it from the portal's
//! embed page (Plugins → Add New → Upload Plugin), and it comes set to that portal.
//!
//! The plugin's files are built into the binary, so the zip always matches the
//! version of the tool that built the site. Its `defaults.php` is written here: it
//! returns the portal's address (the site's `base_url`), which the plugin uses until
//! its settings page says otherwise.

use std::io::{self, Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Where the zip is written, under the output folder.
pub const ZIP: &str = "nhung/bantin-wordpress.zip";
/// The plugin's folder name inside the zip (WordPress installs it under this name).
pub const FOLDER: &str = "bantin";
/// The file the build writes with the portal's address.
pub const DEFAULTS: &str = "defaults.php";

macro_rules! plugin_files {
    ($($name:literal),* $(,)?) => {
        /// The plugin's files, but `defaults.php`, by path inside its folder.
        pub const FILES: &[(&str, &[u8])] = &[$(
            ($name, include_bytes!(concat!("../../../integrations/wordpress/bantin/", $name))),
        )*];
    };
}

plugin_files!(
    "bantin.php",
    "uninstall.php",
    "readme.txt",
    "languages/bantin.pot",
    "languages/bantin-vi.po",
    "languages/bantin-vi.mo",
);

/// `defaults.php` for the portal at `portal` (an absolute URL ending in `/`).
pub fn defaults(portal: &str) -> String {
    let quoted = portal.replace('\\', "\\\\").replace('\'', "\\'");
    format!(
        "<?php\n// Written by `bantin build`: the address of the portal this copy was downloaded from.\n\
         defined('ABSPATH') || exit;\nreturn '{quoted}';\n"
    )
}

/// The plugin as a zip, set to the portal at `portal`. The bytes depend on the
/// inputs only (fixed timestamps), so an unchanged build rewrites nothing.
pub fn zip(portal: &str) -> io::Result<Vec<u8>> {
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let folder = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o755);
    let defaults = defaults(portal);
    let files = FILES
        .iter()
        .copied()
        .chain([(DEFAULTS, defaults.as_bytes())]);
    out.add_directory(FOLDER, folder)
        .map_err(io::Error::other)?;
    let mut dirs: Vec<&str> = Vec::new();
    for (name, bytes) in files {
        if let Some((dir, _)) = name.rsplit_once('/') {
            if !dirs.contains(&dir) {
                dirs.push(dir);
                out.add_directory(format!("{FOLDER}/{dir}"), folder)
                    .map_err(io::Error::other)?;
            }
        }
        out.start_file(format!("{FOLDER}/{name}"), options)
            .map_err(io::Error::other)?;
        out.write_all(bytes)?;
    }
    Ok(out.finish().map_err(io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::io::Read;
    use std::path::Path;

    fn plugin_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../integrations/wordpress/bantin")
    }

    fn walk(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_str().unwrap());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name);
            }
        }
    }

    #[test]
    fn every_file_of_the_plugin_is_packed() {
        let mut on_disk = BTreeSet::new();
        walk(&plugin_dir(), "", &mut on_disk);
        let packed: BTreeSet<String> = FILES
            .iter()
            .map(|(n, _)| n.to_string())
            .chain([DEFAULTS.to_string()])
            .collect();
        assert_eq!(on_disk, packed, "add new plugin files to FILES");
    }

    #[test]
    fn the_plugin_has_the_version_of_the_tool() {
        let main = String::from_utf8(FILES[0].1.to_vec()).unwrap();
        let version = main.lines().find_map(|l| {
            let (key, value) = l.trim_start_matches([' ', '*']).split_once(':')?;
            (key == "Version").then(|| value.trim())
        });
        assert_eq!(
            version,
            Some(env!("CARGO_PKG_VERSION")),
            "bantin.php's `Version:` header must be the tool's version"
        );
    }

    #[test]
    fn the_zip_holds_the_plugin_set_to_the_portal() {
        let bytes = zip("https://cong.example.vn/tin-tuc/").unwrap();
        assert_eq!(bytes, zip("https://cong.example.vn/tin-tuc/").unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
        names.sort();
        assert!(
            names.contains(&"bantin/bantin.php".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"bantin/languages/bantin-vi.mo".to_string()));
        let mut text = String::new();
        archive
            .by_name("bantin/defaults.php")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert!(
            text.contains("return 'https://cong.example.vn/tin-tuc/';"),
            "{text}"
        );
        let mut main = Vec::new();
        archive
            .by_name("bantin/bantin.php")
            .unwrap()
            .read_to_end(&mut main)
            .unwrap();
        assert_eq!(main, FILES[0].1);
    }

    #[test]
    fn a_quote_in_the_address_cannot_end_the_php_string() {
        let text = defaults("https://x.vn/a'b\\/");
        assert!(text.contains(r"return 'https://x.vn/a\'b\\/';"), "{text}");
    }
}
