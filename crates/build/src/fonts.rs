//! The brand's fonts (`[brand]` `heading_font` and `body_font` in `site.toml`).
//!
//! A font is either one of two system stacks (`"system"`, the stylesheet's
//! sans-serif stack, or `"serif"`) or font files of the content folder's
//! `phong-chu/` (TrueType or OpenType; several files for the weights and
//! styles of one family, or one variable font). A file is checked when the
//! site is read: it must be a font, and it must draw every Vietnamese letter
//! ([`VIETNAMESE`]), else the build stops on the key's line, naming the
//! letters it lacks. It is then subset to the Latin and Vietnamese characters
//! ([`KEEP`]: the site's text never needs more, and other scripts fall back to
//! the system's fonts), compressed as WOFF2 and written to `phong-chu/` under
//! a name with the hash of the file (so it may be cached for ever), once per
//! change of the file: an incremental build skips it. The pages declare each
//! file with `@font-face` (its weight and style read from the font itself)
//! and preload the one the first view draws its text with (see [`preloads`]).

use std::io;
use std::path::{Path, PathBuf};

use skera::{subset_font, Plan, SubsetFlags};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};
use skrifa::raw::FontRef;
use skrifa::{attribute::Style, MetadataProvider};
use xxhash_rust::xxh3::xxh3_128;

use crate::output::Writer;

/// The fonts' folder, in the content folder and in the output.
pub const DIR: &str = "phong-chu";
/// The stylesheet's sans-serif stack (`--bt-font` in `style/main.css`).
pub const SANS: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"Helvetica Neue\", Arial, sans-serif";
/// The stylesheet's serif stack (`--bt-serif`).
pub const SERIF: &str = "Georgia, \"Noto Serif\", \"Times New Roman\", serif";
/// How the pages' font preloads begin (a build replaces the previous one's).
pub const PRELOAD_MARK: &str = "<link data-bt-brand rel=\"preload\"";
/// Bumped when the subset or its encoding changes: every font is made again.
const VERSION: &str = "phong-chu 1";

/// Every letter of Vietnamese, in both cases: what a font must draw.
pub const VIETNAMESE: &str =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ\
AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ";

/// The characters kept in a subset (inclusive ranges): Basic Latin and
/// Latin-1, the Vietnamese letters, the combining marks of decomposed
/// Vietnamese, general punctuation (dashes, quotes, ellipsis) and a few signs
/// (đồng, euro, trade mark, minus).
pub const KEEP: &[(u32, u32)] = &[
    (0x20, 0x7e),
    (0xa0, 0xff),
    (0x102, 0x103),
    (0x110, 0x111),
    (0x128, 0x129),
    (0x152, 0x153),
    (0x168, 0x169),
    (0x1a0, 0x1a1),
    (0x1af, 0x1b0),
    (0x2c6, 0x2c6),
    (0x2dc, 0x2dc),
    (0x300, 0x303),
    (0x306, 0x306),
    (0x309, 0x309),
    (0x323, 0x323),
    (0x1ea0, 0x1ef9),
    (0x2000, 0x206f),
    (0x20ab, 0x20ac),
    (0x2122, 0x2122),
    (0x2212, 0x2212),
];

/// Which text a font sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Titles and headings (`--bt-serif`, the family `bt-heading`).
    Heading,
    /// Everything else (`--bt-font`, the family `bt-body`).
    Body,
}

impl Role {
    fn family(self) -> &'static str {
        match self {
            Role::Heading => "bt-heading",
            Role::Body => "bt-body",
        }
    }
}

/// A system stack, by its name in `site.toml`.
pub fn stack(name: &str) -> Option<&'static str> {
    match name {
        "system" => Some(SANS),
        "serif" => Some(SERIF),
        _ => None,
    }
}

/// One font file of the brand, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Face {
    /// The text it sets.
    pub role: Role,
    /// The file in the content folder.
    pub file: PathBuf,
    /// The subset's path in the output (`phong-chu/<name>-<hash>.woff2`).
    pub out: String,
    /// Its weight, or the range of a variable font's `wght` axis.
    pub weight: (u16, u16),
    /// An italic (or oblique) face.
    pub italic: bool,
    /// The hash of the file and of [`VERSION`].
    pub hash: u128,
}

/// The brand's fonts: for each role, a system stack or files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fonts {
    /// The headings' system stack (after their files, if any).
    pub heading: Option<&'static str>,
    /// The text's system stack (after its files, if any).
    pub body: Option<&'static str>,
    /// The font files, both roles'.
    pub faces: Vec<Face>,
}

/// Reads and checks the font file `src` (`/phong-chu/…`) of the content
/// folder `content` for `role`; the error is the message for its line.
pub fn read_face(content: &Path, src: &str, role: Role) -> Result<Face, String> {
    let rel = src.trim_start_matches('/');
    let file = content.join(rel);
    let bytes = std::fs::read(&file).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => format!("không tìm thấy tệp phông chữ {src}"),
        _ => format!("không đọc được {src}: {e}"),
    })?;
    let font = FontRef::new(&bytes).map_err(|_| {
        format!("{src} không phải một tệp phông chữ TrueType hoặc OpenType (.ttf, .otf)")
    })?;
    let charmap = font.charmap();
    let mut missing: Vec<char> = VIETNAMESE
        .chars()
        .filter(|&c| charmap.map(c).is_none_or(|g| g == GlyphId::NOTDEF))
        .collect();
    if !missing.is_empty() {
        let count = missing.len();
        missing.truncate(12);
        let list: Vec<String> = missing.iter().map(char::to_string).collect();
        return Err(format!(
            "phông chữ {src} thiếu {count} chữ cái tiếng Việt: {}{}",
            list.join(" "),
            if count > 12 { " …" } else { "" }
        ));
    }
    let attrs = font.attributes();
    let wght = font
        .axes()
        .iter()
        .find(|a| a.tag() == Tag::new(b"wght"))
        .map(|a| (a.min_value(), a.max_value()));
    let clamp = |w: f32| w.round().clamp(1.0, 1000.0) as u16;
    let weight = match wght {
        Some((lo, hi)) => (clamp(lo), clamp(hi)),
        None => (clamp(attrs.weight.value()), clamp(attrs.weight.value())),
    };
    let hash = xxh3_128(&[VERSION.as_bytes(), &bytes[..]].concat());
    let stem: String = Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok(Face {
        role,
        file,
        out: format!(
            "{DIR}/{}-{:016x}.woff2",
            stem.trim_matches('-'),
            hash as u64
        ),
        weight,
        italic: !matches!(attrs.style, Style::Normal),
        hash,
    })
}

/// The subset of the font `bytes` (see [`KEEP`]) as WOFF2.
pub fn subset_woff2(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let font = FontRef::new(bytes).map_err(|e| e.to_string())?;
    let mut unicodes = IntSet::<u32>::empty();
    for &(lo, hi) in KEEP {
        unicodes.insert_range(lo..=hi);
    }
    let mut names = IntSet::<NameId>::empty();
    names.insert_range(NameId::from(0)..=NameId::from(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let plan = Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        SubsetFlags::default(),
        &skera::DEFAULT_DROP_TABLES.iter().copied().collect(),
        &scripts,
        &skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect(),
        &names,
        &languages,
    );
    let subset = subset_font(&font, &plan).map_err(|e| format!("{e:?}"))?;
    ttf2woff2::encode(&subset, ttf2woff2::BrotliQuality::from(11)).map_err(|e| e.to_string())
}

/// Writes the subset of every face (skipped when its file has not changed
/// since the previous build); the number of faces.
pub fn write(fonts: &Fonts, writer: &Writer) -> io::Result<usize> {
    let mut done: Vec<&str> = Vec::new();
    for face in &fonts.faces {
        // One file may serve both roles.
        if done.contains(&face.out.as_str()) {
            continue;
        }
        done.push(&face.out);
        writer.write_made(&face.out, face.hash, || {
            let bytes = std::fs::read(&face.file)?;
            subset_woff2(&bytes).map_err(|e| {
                io::Error::other(format!(
                    "không tạo được phông chữ từ {}: {e}",
                    face.file.display()
                ))
            })
        })?;
    }
    Ok(fonts.faces.len())
}

/// The fonts' CSS for a site whose root path is `root`: an `@font-face` per
/// file, and the stylesheet's font properties; with a heading font, every
/// heading takes it. Empty without fonts.
pub fn css(fonts: &Fonts, root: &str) -> String {
    let root = root.trim_end_matches('/');
    let mut css = String::new();
    for f in &fonts.faces {
        let weight = if f.weight.0 == f.weight.1 {
            f.weight.0.to_string()
        } else {
            format!("{} {}", f.weight.0, f.weight.1)
        };
        css.push_str(&format!(
            "@font-face{{font-family:\"{}\";src:url(\"{root}/{}\") format(\"woff2\");font-weight:{weight};font-style:{};font-display:swap}}",
            f.role.family(),
            f.out,
            if f.italic { "italic" } else { "normal" }
        ));
    }
    let value = |role: Role, stack: Option<&str>| -> Option<String> {
        if fonts.faces.iter().any(|f| f.role == role) {
            Some(format!("\"{}\",{}", role.family(), stack.unwrap_or(SANS)))
        } else {
            stack.map(str::to_string)
        }
    };
    let mut props = String::new();
    if let Some(v) = value(Role::Body, fonts.body) {
        props.push_str(&format!("--bt-font:{v};"));
    }
    let heading = value(Role::Heading, fonts.heading);
    if let Some(v) = &heading {
        props.push_str(&format!("--bt-serif:{v};"));
    }
    if !props.is_empty() {
        css.push_str(&format!(":root{{{}}}", props.trim_end_matches(';')));
    }
    if heading.is_some() {
        css.push_str("h1,h2,h3,.bt-card__title{font-family:var(--bt-serif)}");
    }
    css
}

/// The `<link rel="preload">` elements of the files the first view draws its
/// text with: the body's upright regular (the face nearest weight 400) and the
/// heading's upright bold (nearest 700).
pub fn preloads(fonts: &Fonts, root: &str) -> String {
    let root = root.trim_end_matches('/');
    let nearest = |role: Role, want: u16| {
        fonts
            .faces
            .iter()
            .filter(|f| f.role == role && !f.italic)
            .min_by_key(|f| {
                if (f.weight.0..=f.weight.1).contains(&want) {
                    0
                } else {
                    f.weight.0.abs_diff(want).min(f.weight.1.abs_diff(want))
                }
            })
    };
    let mut out = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for face in [nearest(Role::Body, 400), nearest(Role::Heading, 700)]
        .into_iter()
        .flatten()
    {
        if seen.contains(&face.out.as_str()) {
            continue;
        }
        seen.push(&face.out);
        out.push_str(&format!(
            "{PRELOAD_MARK} href=\"{root}/{}\" as=\"font\" type=\"font/woff2\" crossorigin>",
            face.out
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_font() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
    }

    #[test]
    fn a_vietnamese_font_is_read_subset_and_declared() {
        let face = read_face(&sample_font(), "/BeVietnamPro-Bold.ttf", Role::Heading).unwrap();
        assert_eq!(face.weight, (700, 700));
        assert!(!face.italic);
        assert!(
            face.out.starts_with("phong-chu/bevietnampro-bold-"),
            "{}",
            face.out
        );
        assert!(face.out.ends_with(".woff2"));
        let bytes = std::fs::read(&face.file).unwrap();
        let woff2 = subset_woff2(&bytes).unwrap();
        assert_eq!(&woff2[..4], b"wOF2");
        assert!(
            woff2.len() * 3 < bytes.len(),
            "{} of {}",
            woff2.len(),
            bytes.len()
        );
        let fonts = Fonts {
            heading: None,
            body: Some(SERIF),
            faces: vec![face.clone()],
        };
        let css = css(&fonts, "/tin-tuc/");
        assert!(css.starts_with(&format!(
            "@font-face{{font-family:\"bt-heading\";src:url(\"/tin-tuc/{}\") format(\"woff2\");font-weight:700;font-style:normal;font-display:swap}}",
            face.out
        )), "{css}");
        assert!(
            css.contains(&format!(
                ":root{{--bt-font:{SERIF};--bt-serif:\"bt-heading\",{SANS}}}"
            )),
            "{css}"
        );
        assert!(css.ends_with("h1,h2,h3,.bt-card__title{font-family:var(--bt-serif)}"));
        assert_eq!(
            preloads(&fonts, "/"),
            format!("<link data-bt-brand rel=\"preload\" href=\"/{}\" as=\"font\" type=\"font/woff2\" crossorigin>", face.out)
        );
    }

    #[test]
    fn every_vietnamese_letter_is_kept_by_the_subset() {
        let kept = |c: char| KEEP.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)));
        for c in VIETNAMESE.chars() {
            assert!(kept(c), "{c}");
        }
        assert_eq!(VIETNAMESE.chars().count(), 2 * 89);
    }

    #[test]
    fn a_font_without_vietnamese_or_not_a_font_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("phong-chu")).unwrap();
        std::fs::write(dir.path().join("phong-chu/x.ttf"), b"not a font").unwrap();
        let e = read_face(dir.path(), "/phong-chu/x.ttf", Role::Body).unwrap_err();
        assert!(e.contains("không phải một tệp phông chữ"), "{e}");
        let e = read_face(dir.path(), "/phong-chu/y.ttf", Role::Body).unwrap_err();
        assert_eq!(e, "không tìm thấy tệp phông chữ /phong-chu/y.ttf");
        // A Latin-only subset of a real font lacks the Vietnamese letters.
        let bytes = std::fs::read(sample_font().join("BeVietnamPro-Bold.ttf")).unwrap();
        let font = FontRef::new(&bytes).unwrap();
        let mut unicodes = IntSet::<u32>::empty();
        unicodes.insert_range(0x20..=0x7e);
        let plan = Plan::new(
            &IntSet::<GlyphId>::empty(),
            &unicodes,
            &font,
            SubsetFlags::default(),
            &IntSet::empty(),
            &IntSet::empty(),
            &IntSet::empty(),
            &IntSet::empty(),
            &IntSet::empty(),
        );
        let latin = subset_font(&font, &plan).unwrap();
        std::fs::write(dir.path().join("phong-chu/latin.ttf"), latin).unwrap();
        let e = read_face(dir.path(), "/phong-chu/latin.ttf", Role::Body).unwrap_err();
        assert!(
            e.starts_with(
                "phông chữ /phong-chu/latin.ttf thiếu 134 chữ cái tiếng Việt: à á ả ã ạ ă"
            ),
            "{e}"
        );
    }
}
