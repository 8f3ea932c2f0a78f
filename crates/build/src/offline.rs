//! Offline reading and installability: the service worker (`<base>sw.js`),
//! the web app manifest (`<base>manifest.webmanifest`) and its icons, all
//! written next to the pages by [`write`].
//!
//! The worker's code is `crates/build/src/sw.js` (a real JavaScript file);
//! the build fills in the build id, the base path and the list of files to
//! precache: the app shell, the app's hashed script, WebAssembly and
//! stylesheet named by the shell, wasm-bindgen's snippets, the home page,
//! the offline page (`ngoai-tuyen/`), the saved-articles page (`da-luu/`), the
//! manifest and its icons. When the operator turns offline reading off
//! (`[offline] enabled = false` in `site.toml`), `sw.js` is
//! `crates/build/src/sw-off.js`, which clears the site's caches and
//! unregisters itself, and every page carries `<meta name="bantin-offline"
//! content="off">` so the page script registers nothing.
//!
//! The icons are `public/favicon.svg` rasterised natively (resvg): 192 and 512
//! pixels, and a 512-pixel maskable one (the mark at 80 % on the brand colour,
//! inside the safe zone).

use std::io;
use std::path::Path;

use bantin_contract::SiteSettings;

use crate::cards::Logo;
use crate::output::Writer;
use crate::serve::has_trunk_hash;

/// The service worker, at the base path (its folder is its scope).
pub const SW: &str = "sw.js";
/// The web app manifest.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The offline page's route (`ngoai-tuyen/index.html`).
pub const OFFLINE_ROUTE: &str = "ngoai-tuyen";
/// The saved-articles page's route (`da-luu/index.html`).
pub const SAVED_ROUTE: &str = "da-luu";
/// The meta tag that tells the page script offline reading is off.
pub const OFF_META: &str = "<meta name=\"bantin-offline\" content=\"off\" />";
/// The page background (style/main.css's `--bt-bg`; the site's own colour is
/// [`crate::brand::DEFAULT_PRIMARY`] or its `[brand]`).
pub const BACKGROUND_COLOR: &str = "#ffffff";
/// The icons: file, size in pixels, maskable.
pub const ICONS: [(&str, u32, bool); 3] = [
    ("icon-192.png", 192, false),
    ("icon-512.png", 512, false),
    ("icon-maskable-512.png", 512, true),
];

const SW_SOURCE: &str = include_str!("sw.js");
/// The service worker that clears the site's caches and unregisters itself.
pub const SW_OFF_SOURCE: &str = include_str!("sw-off.js");
pub(crate) const FAVICON: &str = include_str!("../../../public/favicon.svg");

/// The operator's offline settings (`[offline]` in `site.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Service worker and "Lưu bài" on (default) or off.
    pub enabled: bool,
    /// The manifest's `short_name` (default: see [`short_name`]).
    pub short_name: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            short_name: None,
        }
    }
}

/// True for the names [`write`] produces at the top of the output.
pub fn is_owned(name: &str) -> bool {
    name == SW || name == MANIFEST || ICONS.iter().any(|i| i.0 == name)
}

/// The shell with the "offline off" meta tag after `<head>` when `enabled` is false.
pub fn mark_shell(shell: &str, enabled: bool) -> String {
    if enabled || shell.contains(OFF_META) {
        return shell.to_string();
    }
    let lower = shell.to_ascii_lowercase();
    match lower
        .find("<head")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
    {
        Some(at) => format!("{}\n    {OFF_META}{}", &shell[..at], &shell[at..]),
        None => shell.to_string(),
    }
}

/// The files the worker precaches, relative to the base path `base`: the
/// shell, the pages it needs offline, the app files the (rebased) `shell`
/// names, `snippets` (paths of wasm-bindgen's snippet files), the manifest and icons.
pub fn precache_list(shell: &str, base: &str, snippets: &[String]) -> Vec<String> {
    let mut files: Vec<String> = vec![
        "app.html".into(),
        String::new(),
        format!("{OFFLINE_ROUTE}/"),
        format!("{SAVED_ROUTE}/"),
        MANIFEST.into(),
        "favicon.svg".into(),
    ];
    files.extend(ICONS.iter().map(|i| i.0.to_string()));
    let mut named = Vec::new();
    let mut rest = shell;
    while let Some(q) = rest.find(['"', '\'']) {
        let quote = &rest[q..=q];
        let Some(len) = rest[q + 1..].find(quote) else {
            break;
        };
        let value = &rest[q + 1..q + 1 + len];
        rest = &rest[q + 2 + len..];
        let Some(own) = value.strip_prefix(base) else {
            continue;
        };
        let name = own.rsplit('/').next().unwrap_or("");
        if !own.contains(['/', '?', '#', ' ']) && has_trunk_hash(name) {
            named.push(own.to_string());
        }
    }
    named.sort();
    named.dedup();
    files.extend(named);
    files.extend(snippets.iter().cloned());
    files
}

/// Every file under `out/snippets/`, as paths relative to `out`, sorted.
pub fn snippets(out: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![out.join("snippets")];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for e in entries {
            let e = e?;
            let p = e.path();
            if e.file_type()?.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(out) {
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `sw.js` for build `build` at base path `base`.
pub fn sw_js(
    build: &str,
    base: &str,
    root: &str,
    sections: &[String],
    precache: &[String],
    enabled: bool,
) -> String {
    if !enabled {
        return SW_OFF_SOURCE.to_string();
    }
    let list = serde_json::to_string(precache).expect("strings always serialize");
    let sections = serde_json::to_string(sections).expect("strings always serialize");
    let text = |s: &str| serde_json::to_string(s).expect("strings always serialize");
    SW_SOURCE
        .replacen("\"__BUILD__\"", &text(build), 1)
        .replacen("\"__BASE__\"", &text(base), 1)
        .replacen("\"__ROOT__\"", &text(root), 1)
        .replacen("__SECTIONS__", &sections, 1)
        .replacen("__PRECACHE__", &list, 1)
}

/// The manifest's short name: the operator's, else the site's name when it is
/// short, else its last words that fit in 12 characters ("tỉnh Hòa Lâm").
pub fn short_name(site: &SiteSettings, settings: &Settings) -> String {
    if let Some(s) = settings
        .short_name
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        return s.trim().to_string();
    }
    let name = site.name.trim();
    if name.chars().count() <= 12 {
        return name.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    for word in name.split_whitespace().rev() {
        let len: usize =
            out.iter().map(|w| w.chars().count() + 1).sum::<usize>() + word.chars().count();
        if len > 12 && !out.is_empty() {
            break;
        }
        out.insert(0, word);
    }
    out.join(" ")
}

/// `manifest.webmanifest` for a site at base path `base` whose brand colour is `theme`.
pub fn manifest(site: &SiteSettings, settings: &Settings, base: &str, theme: &str) -> String {
    let icons: Vec<serde_json::Value> = ICONS
        .iter()
        .map(|(file, size, maskable)| {
            serde_json::json!({
                "src": file,
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": if *maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    let mut m = serde_json::json!({
        "id": base,
        "name": site.name,
        "short_name": short_name(site, settings),
        "lang": "vi",
        "dir": "ltr",
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "theme_color": theme,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    });
    if let Some(t) = &site.tagline {
        m["description"] = t.clone().into();
    }
    let mut text = serde_json::to_string_pretty(&m).expect("the manifest always serializes");
    text.push('\n');
    text
}

/// The icon of `size` pixels as PNG bytes, of the brand's logo `mark` (else
/// `public/favicon.svg`) fitted and centred; `maskable` puts the mark at 80 %
/// on the brand colour `theme` (the safe zone of a maskable icon), or on
/// white for a logo (drawn for light backgrounds).
pub fn icon(size: u32, maskable: bool, mark: Option<&Logo>, theme: crate::brand::Rgb) -> Vec<u8> {
    use resvg::tiny_skia::{Color, Pixmap, PixmapPaint, Transform};
    let mut pixmap = Pixmap::new(size, size).expect("a non-empty icon size");
    let scale = if maskable { 0.8 } else { 1.0 };
    let box_size = size as f32 * scale;
    if maskable {
        let [r, g, b] = theme.0;
        pixmap.fill(match mark {
            Some(_) => Color::WHITE,
            None => Color::from_rgba8(r, g, b, 255),
        });
    }
    let svg = match mark {
        None => Some(FAVICON),
        Some(Logo::Svg(text)) => Some(text.as_str()),
        Some(Logo::Raster(_)) => None,
    };
    // A logo that cannot be read was refused by the build; the default mark then.
    let drawn = match (svg, mark) {
        (Some(text), _) => resvg::usvg::Tree::from_str(text, &resvg::usvg::Options::default())
            .ok()
            .map(|tree| {
                let s = box_size / tree.size().width().max(tree.size().height());
                let dx = (size as f32 - tree.size().width() * s) / 2.0;
                let dy = (size as f32 - tree.size().height() * s) / 2.0;
                resvg::render(
                    &tree,
                    Transform::from_row(s, 0.0, 0.0, s, dx, dy),
                    &mut pixmap.as_mut(),
                );
            })
            .is_some(),
        (None, Some(Logo::Raster(bytes))) => {
            match crate::cards::raster_pixmap(bytes, box_size as u32) {
                Some(p) => {
                    let dx = (size - p.width()) / 2;
                    let dy = (size - p.height()) / 2;
                    pixmap.draw_pixmap(
                        dx as i32,
                        dy as i32,
                        p.as_ref(),
                        &PixmapPaint::default(),
                        Transform::identity(),
                        None,
                    );
                    true
                }
                None => false,
            }
        }
        _ => false,
    };
    if !drawn {
        return icon(size, maskable, None, theme);
    }
    pixmap.encode_png().expect("a pixmap always encodes")
}

/// What the offline files say of a site: its settings, its `[offline]`
/// table, its brand and the brand's logo (read).
pub struct Identity<'a> {
    /// The site's settings.
    pub site: &'a SiteSettings,
    /// `[offline]`.
    pub settings: &'a Settings,
    /// `[brand]` (the manifest's colour, the maskable icon's ground).
    pub brand: &'a crate::brand::Brand,
    /// The logo the icons are made of; none: `public/favicon.svg`.
    pub mark: Option<&'a Logo>,
}

/// Writes `sw.js`, the manifest and its icons for a site whose served shell
/// is `shell` (rebased to `base`, naming build `build`).
pub fn write(
    writer: &Writer,
    who: &Identity<'_>,
    shell: &str,
    base: &str,
    root: &str,
    build: &str,
) -> io::Result<()> {
    let Identity {
        site,
        settings,
        brand,
        mark,
    } = *who;
    let snippets = snippets(writer.out())?;
    let mut list = precache_list(shell, root, &snippets);
    if root != base {
        // A section's app files are the root's: named from the root.
        for f in &mut list {
            if !f.is_empty() && !f.ends_with('/') && !is_owned(f) && f != "app.html" {
                *f = format!("{root}{f}");
            }
        }
    }
    let sections: Vec<String> = site
        .languages
        .iter()
        .filter(|l| l.url != "/" && root == base)
        .map(|l| l.url.trim_start_matches('/').to_string())
        .collect();
    writer.write(
        SW,
        sw_js(build, base, root, &sections, &list, settings.enabled).as_bytes(),
    )?;
    writer.write(
        MANIFEST,
        manifest(site, settings, base, &brand.primary.hex()).as_bytes(),
    )?;
    for (file, size, maskable) in ICONS {
        writer.write(file, &icon(size, maskable, mark, brand.primary))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> SiteSettings {
        SiteSettings {
            version: 1,
            name: name.into(),
            tagline: Some("Tin tức".into()),
            base_url: None,
            categories: Vec::new(),
            links: Vec::new(),
            footer: Default::default(),
            menu: Vec::new(),
            footer_links: Vec::new(),
            pages: Vec::new(),
            registry: Vec::new(),
            lang: None,
            languages: Vec::new(),
        }
    }

    const SHELL: &str = "<html><head><base href=\"/tin-tuc/\" /><link rel=\"stylesheet\" href=\"/tin-tuc/main-76e1ff69c8036859.css\"/><link rel=\"icon\" href=\"favicon.svg\"><script type=\"module\">import init from '/tin-tuc/bantin-app-723a2ddeee9259f8.js';init({ module_or_path: '/tin-tuc/bantin-app-723a2ddeee9259f8_bg.wasm' });</script><link rel=\"modulepreload\" href=\"/tin-tuc/bantin-app-723a2ddeee9259f8.js\"></head><body></body></html>";

    #[test]
    fn precaches_the_shell_and_the_files_it_names() {
        let list = precache_list(SHELL, "/tin-tuc/", &["snippets/x-1/inline0.js".into()]);
        for want in [
            "app.html",
            "",
            "ngoai-tuyen/",
            "da-luu/",
            "manifest.webmanifest",
            "icon-192.png",
            "icon-512.png",
            "icon-maskable-512.png",
            "main-76e1ff69c8036859.css",
            "bantin-app-723a2ddeee9259f8.js",
            "bantin-app-723a2ddeee9259f8_bg.wasm",
            "snippets/x-1/inline0.js",
        ] {
            assert!(
                list.iter().any(|f| f == want),
                "{want} missing from {list:?}"
            );
        }
        // Named twice, listed once; the base itself is not a file.
        assert_eq!(
            list.iter()
                .filter(|f| f.ends_with(".js") && f.starts_with("bantin-app"))
                .count(),
            1
        );
        assert!(!list.iter().any(|f| f.starts_with('/')));
    }

    #[test]
    fn the_worker_carries_its_build_base_and_list() {
        let list = vec!["app.html".to_string(), "a-0123456789abcdef.js".to_string()];
        let js = sw_js("abc123", "/tin-tuc/", "/tin-tuc/", &[], &list, true);
        assert!(js.contains("const BUILD = \"abc123\";"));
        assert!(js.contains("const BASE = \"/tin-tuc/\";"));
        assert!(js.contains("const PRECACHE = [\"app.html\",\"a-0123456789abcdef.js\"];"));
        assert!(
            !js.contains("__BUILD__") && !js.contains("__BASE__") && !js.contains("__PRECACHE__")
        );
        // Between pages only: the worker activates when a page of its build asks,
        // never on install, and never on a navigation still in flight.
        assert_eq!(js.matches("skipWaiting()").count(), 1);
        assert!(
            js.contains("if (d.t === \"activate\" && d.build === BUILD) e.waitUntil(takeOver());")
        );
        assert!(!js.contains("e.waitUntil(takeOver());\n    return res;"));
        // A base path with a quote cannot break out of the string.
        assert!(
            sw_js("x", "/a\"b/", "/a\"b/", &[], &list, true).contains("const BASE = \"/a\\\"b/\";")
        );
        let off = sw_js("abc123", "/", "/", &[], &list, false);
        assert!(
            off.contains("unregister()") && off.contains("caches.delete") && !off.contains("fetch")
        );
    }

    #[test]
    fn manifest_names_the_site_and_its_base() {
        let m: serde_json::Value = serde_json::from_str(&manifest(
            &site("Cổng Thông tin điện tử tỉnh Hòa Lâm"),
            &Settings::default(),
            "/tin-tuc/",
            &crate::brand::DEFAULT_PRIMARY.hex(),
        ))
        .unwrap();
        assert_eq!(m["name"], "Cổng Thông tin điện tử tỉnh Hòa Lâm");
        assert_eq!(m["short_name"], "tỉnh Hòa Lâm");
        assert_eq!(m["start_url"], "/tin-tuc/");
        assert_eq!(m["scope"], "/tin-tuc/");
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["lang"], "vi");
        assert_eq!(m["theme_color"], "#9f1c1c");
        let icons = m["icons"].as_array().unwrap();
        assert_eq!(icons.len(), 3);
        assert_eq!(icons[0]["sizes"], "192x192");
        assert_eq!(icons[2]["purpose"], "maskable");
        let own = Settings {
            enabled: true,
            short_name: Some("Hòa Lâm".into()),
        };
        assert_eq!(
            short_name(&site("Cổng Thông tin điện tử tỉnh Hòa Lâm"), &own),
            "Hòa Lâm"
        );
        assert_eq!(
            short_name(&site("Bản tin"), &Settings::default()),
            "Bản tin"
        );
    }

    #[test]
    fn colours_match_the_stylesheet_and_shell() {
        let css = include_str!("../../../style/main.css");
        let primary = crate::brand::DEFAULT_PRIMARY.hex();
        assert!(css.contains(&format!("--bt-brand: {primary};")));
        assert!(css.contains(&format!("--bt-bg: {BACKGROUND_COLOR};")));
        let shell = include_str!("../../../index.html");
        assert!(shell.contains(&format!(
            "<meta name=\"theme-color\" content=\"{primary}\" />"
        )));
        assert!(shell.contains("<link rel=\"manifest\" href=\"manifest.webmanifest\" />"));
    }

    /// Width, height and the RGBA of pixel (x, y) of a PNG.
    fn decode(png: &[u8], x: u32, y: u32) -> (u32, u32, [u8; 4]) {
        let p = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
        let c = p.pixel(x, y).unwrap().demultiply();
        (
            p.width(),
            p.height(),
            [c.red(), c.green(), c.blue(), c.alpha()],
        )
    }

    #[test]
    fn icons_have_their_sizes_and_colours() {
        for (_, size, maskable) in ICONS {
            let png = icon(size, maskable, None, crate::brand::DEFAULT_PRIMARY);
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            let (w, h, corner) = decode(&png, 0, 0);
            assert_eq!((w, h), (size, size));
            // A maskable icon is full bleed; the plain one has rounded, transparent corners.
            assert_eq!(
                corner[3],
                if maskable { 255 } else { 0 },
                "corner of {size} {maskable}"
            );
            let (_, _, edge) = decode(&png, size / 2, 2);
            assert_eq!(edge, [0x9f, 0x1c, 0x1c, 255]);
            // The first white bar of the mark.
            let svg_y = 10.5 / 32.0;
            let y = if maskable { 0.1 + 0.8 * svg_y } else { svg_y };
            let (_, _, bar) = decode(&png, size / 2, (y * size as f64) as u32);
            assert_eq!(bar, [255, 255, 255, 255], "{size} {maskable}");
        }
    }

    #[test]
    fn off_marks_the_shell_once() {
        let shell = "<html><head><title>x</title></head></html>";
        assert_eq!(mark_shell(shell, true), shell);
        let off = mark_shell(shell, false);
        assert!(off.starts_with(&format!("<html><head>\n    {OFF_META}<title>")));
        assert_eq!(mark_shell(&off, false), off);
    }
}
