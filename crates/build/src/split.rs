//! Splitting the app's WebAssembly into the module a page starts with and
//! the modules it loads later (`bantin split-app`, run by `make site-app`
//! through `scripts/split-app.mjs`).
//!
//! The app marks its split points with `wasm_split` (Leptos re-exports it):
//! `src/lib.rs` puts the views, their frame and the router behind one, so a
//! prerendered page's first view downloads only the code that waits for the
//! reader (issue 14). The app must be built with `--features split` and linked
//! with `--emit-relocs`; this reads that binary (before wasm-bindgen) and writes
//! the main module, one module per split point and the JavaScript that loads
//! them, with the names below, for the script to run wasm-bindgen and
//! wasm-opt on and to give content-hashed names.

use std::path::{Path, PathBuf};

/// The main module's file name in the output folder (wasm-bindgen's input).
pub const MAIN_WASM: &str = "bantin-app_split.wasm";
/// The name by which the loader imports the main module's JavaScript glue.
pub const MAIN_JS: &str = "./bantin-app.js";
/// The loader's file name (the main module imports it by `./` and this name).
pub const LOADER_JS: &str = "bantin-split.js";

/// What [`split_app`] wrote.
#[derive(Debug)]
pub struct Split {
    /// The main module (wasm-bindgen's input).
    pub main: PathBuf,
    /// The JavaScript that loads the other modules.
    pub loader: PathBuf,
    /// One module per split point (`split_<name>.wasm`).
    pub modules: Vec<PathBuf>,
}

/// Splits `input` (the app's binary as rustc linked it) into `out`.
pub fn split_app(input: &Path, out: &Path) -> Result<Split, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let main = out.join(MAIN_WASM);
    let link = format!("./{LOADER_JS}");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out;
    opts.main_out_path = &main;
    opts.main_module = MAIN_JS;
    opts.link_name = &link;
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("{}: không tách được: {e}", input.display()))?;
    if split.split_modules.is_empty() {
        return Err(format!(
            "{}: không có điểm tách nào (ứng dụng phải được dựng với --features split và -Clink-args=--emit-relocs)",
            input.display()
        ));
    }
    Ok(Split {
        main,
        loader: out.join(LOADER_JS),
        modules: split.split_modules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_binary_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let e = split_app(&dir.path().join("khong-co.wasm"), dir.path()).unwrap_err();
        assert!(e.contains("khong-co.wasm"), "{e}");
    }

    #[test]
    fn a_binary_without_split_points_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        // The smallest valid module: no code, no split points, no relocations.
        let input = dir.path().join("app.wasm");
        std::fs::write(&input, b"\0asm\x01\0\0\0").unwrap();
        let e = split_app(&input, &dir.path().join("out")).unwrap_err();
        assert!(e.starts_with(&input.display().to_string()), "{e}");
    }
}
