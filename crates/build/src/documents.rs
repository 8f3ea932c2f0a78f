//! The documents registry ("Văn bản"): `content/documents/<slug>.md`, one
//! legal or directive document each (a resolution, decision, plan, official
//! letter …). Same file format as an article: TOML front matter between `+++`
//! lines, then an optional Markdown body (a short account of the content).
//! The file name is the slug (`/van-ban/<slug>`); the document number
//! ("số ký hiệu") is unique in the registry, and articles link to a document by
//! it (`[Nghị quyết 05](van-ban:05-NQ/TU)`, see [`crate::markdown`]).
//!
//! The build writes `data/van-ban/<slug>.json` for each (`OfficialDocument`)
//! and `data/van-ban/index.json` (`DocumentIndex`), every entry newest first
//! with the types, issuers and fields the listing filters by.

use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use bantin_contract::text::{is_slug, slugify};
use bantin_contract::{DocumentIndex, DocumentRow, OfficialDocument, Term, CONTRACT_VERSION};

use crate::article::{parse_date, read_body, read_files, split};
use crate::diag::Diagnostic;
use crate::images::ImageStore;
use crate::markdown::collapse_spaces;
use crate::tomlx::{Ctx, Fields};

/// The content folder's folder of documents.
pub const FOLDER: &str = "documents";

/// The keys a document's front matter may have.
pub const KEYS: &[&str] = &[
    "number",
    "type",
    "issuer",
    "signer",
    "signer_title",
    "issued",
    "effective",
    "summary",
    "fields",
    "files",
];

/// A document as read from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDocument {
    /// The file, as shown in messages.
    pub path: String,
    /// The line of its `number`.
    pub number_line: usize,
    /// The document.
    pub doc: OfficialDocument,
    /// Warnings about the file (the build goes on).
    pub warnings: Vec<Diagnostic>,
}

/// A number as compared for uniqueness and looked up from links: spaces
/// collapsed, case ignored (`05-nq/tu` is `05-NQ/TU`).
pub fn number_key(number: &str) -> String {
    collapse_spaces(number).to_uppercase()
}

/// A term (name and the slug the listing filters by) of a name.
fn term(name: &str) -> Term {
    let name = collapse_spaces(name);
    Term {
        slug: slugify(&name),
        name,
    }
}

/// A day `YYYY-MM-DD` of `key`, or an error on its line (`required`: also when missing).
fn day(ctx: &Ctx, f: &Fields, key: &str, required: bool) -> Option<String> {
    let Some(d) = f.date_text(key) else {
        if required {
            f.missing(key);
        }
        return None;
    };
    let value = d.value.trim();
    let ok = value.len() == 10
        && value.as_bytes()[4] == b'-'
        && value.as_bytes()[7] == b'-'
        && parse_date(&format!("{value} 00:00")).is_some();
    if !ok {
        ctx.error_line(
            d.line,
            format!("ngày không hợp lệ: “{}” (dùng dạng 2025-03-10)", d.value),
        );
        return None;
    }
    Some(value.to_string())
}

/// Reads one document file; `path` names it in messages, `file` is where it
/// is (its name is the slug).
pub fn parse_document(
    path: &str,
    file: &Path,
    text: &str,
    images: &ImageStore,
) -> Result<ParsedDocument, Vec<Diagnostic>> {
    let parts = split(text).map_err(|(line, msg)| vec![Diagnostic::new(path, line, msg)])?;
    let ctx = Ctx::new(path, text, parts.toml_start);
    let Some(toml) = ctx.parse(parts.toml) else {
        return Err(ctx.into_errors());
    };
    let f = Fields::new(&ctx, toml.get_ref(), &(0..0), KEYS, "").with_line(1);
    let slug = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_slug(&slug) {
        ctx.error_line(
            1,
            format!(
                "tên tệp văn bản không hợp lệ: “{slug}.md” (tên tệp là địa chỉ của văn bản: chỉ gồm chữ thường a-z, số và dấu gạch nối, ví dụ “{}.md”)",
                slugify(&slug)
            ),
        );
    }
    let text_of = |key: &str| f.req_str(key).map(|s| (collapse_spaces(&s.value), s.line));
    let number = text_of("number");
    let kind = text_of("type");
    let issuer = text_of("issuer");
    let signer = text_of("signer");
    let summary = text_of("summary");
    let signer_title = f
        .str("signer_title")
        .map(|s| collapse_spaces(&s.value))
        .filter(|s| !s.is_empty());
    let issued = day(&ctx, &f, "issued", true);
    let effective = day(&ctx, &f, "effective", false);
    let mut fields: Vec<Term> = Vec::new();
    for name in f.str_list("fields").map(|l| l.value).unwrap_or_default() {
        let t = term(&name.value);
        if t.slug.is_empty() {
            ctx.error_line(name.line, "lĩnh vực trống");
        } else if !fields.iter().any(|x| x.slug == t.slug) {
            fields.push(t);
        }
    }
    if !f.has("files") {
        ctx.error_line(
            1,
            "văn bản chưa có tệp: thêm files = [{ src = \"/tep/van-ban/….pdf\", title = \"Toàn văn\" }]",
        );
    } else if f.tables("files", &["src", "title"]).is_empty() {
        ctx.error_line(
            1,
            "danh sách tệp văn bản (files) trống: cần ít nhất một tệp PDF, DOC hoặc DOCX",
        );
    }
    let files = read_files(&ctx, &f, images, "files", true);
    let mut linked = Vec::new();
    let body = read_body(&ctx, &parts, images, &mut linked);
    if let (Some(i), Some(e)) = (&issued, &effective) {
        if e < i {
            ctx.warn_line(
                1,
                format!("ngày hiệu lực {e} trước ngày ban hành {i}: hãy kiểm tra lại"),
            );
        }
    }
    if ctx.has_errors() {
        return Err(ctx.into_errors());
    }
    let warnings = ctx.take_warnings();
    let (number, number_line) = number.expect("checked");
    Ok(ParsedDocument {
        path: path.to_string(),
        number_line,
        doc: OfficialDocument {
            version: CONTRACT_VERSION,
            slug,
            number,
            kind: term(&kind.expect("checked").0),
            issuer: term(&issuer.expect("checked").0),
            signer: signer.expect("checked").0,
            signer_title,
            issued: issued.expect("checked"),
            effective,
            summary: summary.expect("checked").0,
            fields,
            body,
            files,
        },
        warnings,
    })
}

/// The registry: every document, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    /// The documents, newest first (ties by number).
    pub documents: Vec<OfficialDocument>,
    /// Warnings about their files.
    pub warnings: Vec<Diagnostic>,
}

impl Registry {
    /// Reads every document of `files` (the `.md` files of the documents
    /// folder); two documents of one number or one file name are errors.
    pub fn read(files: &[PathBuf], images: &ImageStore) -> Result<Registry, Vec<Diagnostic>> {
        let parsed = files
            .par_iter()
            .map(|file| {
                let path = file.display().to_string();
                match std::fs::read_to_string(file) {
                    Ok(text) => parse_document(&path, file, &text, images),
                    Err(e) => Err(vec![Diagnostic::new(
                        &path,
                        1,
                        format!("không đọc được tệp: {e}"),
                    )]),
                }
            })
            .collect::<Vec<_>>();
        let mut errors = Vec::new();
        let mut numbers: HashMap<String, (String, usize)> = HashMap::new();
        let mut slugs: HashMap<String, String> = HashMap::new();
        let mut registry = Registry::default();
        for p in parsed {
            match p {
                Ok(p) => {
                    if let Some((first, line)) = numbers.get(&number_key(&p.doc.number)) {
                        errors.push(Diagnostic::new(
                            &p.path,
                            p.number_line,
                            format!(
                                "số ký hiệu “{}” bị trùng: đã dùng ở {first}:{line}",
                                p.doc.number
                            ),
                        ));
                        continue;
                    }
                    if let Some(first) = slugs.get(&p.doc.slug) {
                        errors.push(Diagnostic::new(
                            &p.path,
                            1,
                            format!(
                                "hai văn bản cùng tên tệp “{}.md”: {first} và tệp này",
                                p.doc.slug
                            ),
                        ));
                        continue;
                    }
                    numbers.insert(number_key(&p.doc.number), (p.path.clone(), p.number_line));
                    slugs.insert(p.doc.slug.clone(), p.path.clone());
                    registry.warnings.extend(p.warnings);
                    registry.documents.push(p.doc);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            errors.sort();
            errors.dedup();
            return Err(errors);
        }
        registry.documents.sort_by(|a, b| {
            b.issued
                .cmp(&a.issued)
                .then_with(|| a.number.cmp(&b.number))
        });
        Ok(registry)
    }

    /// Document slugs by [`number_key`], for links from articles.
    pub fn numbers(&self) -> HashMap<String, String> {
        self.documents
            .iter()
            .map(|d| (number_key(&d.number), d.slug.clone()))
            .collect()
    }

    /// The types in use, in the order of their first document by name.
    pub fn types(&self) -> Vec<Term> {
        facet(self.documents.iter().map(|d| &d.kind))
    }

    /// The listing document: every entry, newest first, and the facets.
    pub fn index(&self) -> DocumentIndex {
        let types = self.types();
        let issuers = facet(self.documents.iter().map(|d| &d.issuer));
        let fields = facet(self.documents.iter().flat_map(|d| d.fields.iter()));
        let at = |list: &[Term], t: &Term| {
            list.iter().position(|x| x.slug == t.slug).unwrap_or(0) as u32
        };
        DocumentIndex {
            version: CONTRACT_VERSION,
            items: self
                .documents
                .iter()
                .map(|d| DocumentRow {
                    slug: d.slug.clone(),
                    number: d.number.clone(),
                    summary: d.summary.clone(),
                    issued: d.issued.clone(),
                    kind: at(&types, &d.kind),
                    issuer: at(&issuers, &d.issuer),
                    fields: d.fields.iter().map(|f| at(&fields, f)).collect(),
                })
                .collect(),
            types,
            issuers,
            fields,
        }
    }
}

/// The distinct terms of `terms` (by slug; the first spelling wins), sorted
/// by name the Vietnamese way (by the name's slug, then the name).
fn facet<'a>(terms: impl Iterator<Item = &'a Term>) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for t in terms {
        if !out.iter().any(|x| x.slug == t.slug) {
            out.push(t.clone());
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> ImageStore {
        ImageStore::new(dir.join("anh"), "anh".into())
            .with_files(crate::files::FileStore::new(dir.join("tep"), "tep".into()))
    }

    fn setup() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tep/van-ban")).unwrap();
        std::fs::write(dir.path().join("tep/van-ban/a.pdf"), b"%PDF-1.4 x").unwrap();
        std::fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
        dir
    }

    const GOOD: &str = "+++\nnumber = \"05-NQ/TU\"\ntype = \"Nghị quyết\"\nissuer = \"Tỉnh ủy\"\nsigner = \"Đinh Văn A\"\nissued = \"2025-03-10\"\nsummary = \"Về du lịch\"\nfields = [\"Du lịch\", \"Kinh tế\"]\nfiles = [{ src = \"/tep/van-ban/a.pdf\", title = \"Toàn văn\" }]\n+++\n\nNội dung.\n";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(FOLDER).join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn reads_a_document_and_its_file_size() {
        let dir = setup();
        let file = write(dir.path(), "2025-05-nq-tu.md", GOOD);
        let r = Registry::read(&[file], &store(dir.path())).unwrap();
        let d = &r.documents[0];
        assert_eq!(d.slug, "2025-05-nq-tu");
        assert_eq!(d.kind.slug, "nghi-quyet");
        assert_eq!(d.fields[1].slug, "kinh-te");
        assert_eq!(d.files[0].size, 10);
        assert_eq!(d.files[0].format, "PDF");
        let index = r.index();
        assert_eq!(index.items[0].fields, vec![0, 1]);
        assert_eq!(index.items[0].year(), 2025);
        assert_eq!(
            r.numbers().get("05-NQ/TU").map(String::as_str),
            Some("2025-05-nq-tu")
        );
    }

    #[test]
    fn bad_documents_are_errors_on_their_line() {
        let dir = setup();
        let a = write(dir.path(), "a.md", GOOD);
        let b = write(dir.path(), "b.md", &GOOD.replace("05-NQ/TU", "05-nq/tu "));
        let e = Registry::read(&[a, b.clone()], &store(dir.path())).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("bị trùng"), "{e:?}");
        assert!(e[0].message.contains("a.md:2"), "{e:?}");

        let no_file = write(
            dir.path(),
            "c.md",
            &GOOD.replace(
                "files = [{ src = \"/tep/van-ban/a.pdf\", title = \"Toàn văn\" }]\n",
                "",
            ),
        );
        let e = Registry::read(&[no_file], &store(dir.path())).unwrap_err();
        assert!(e[0].message.contains("chưa có tệp"), "{e:?}");

        let missing = write(dir.path(), "d.md", &GOOD.replace("a.pdf", "khong-co.pdf"));
        let e = Registry::read(&[missing], &store(dir.path())).unwrap_err();
        assert_eq!(e[0].line, 9, "{e:?}");

        let no_date = write(
            dir.path(),
            "e.md",
            &GOOD.replace("issued = \"2025-03-10\"\n", ""),
        );
        let e = Registry::read(&[no_date], &store(dir.path())).unwrap_err();
        assert!(e[0].message.contains("issued"), "{e:?}");

        let bad_date = write(
            dir.path(),
            "f.md",
            &GOOD.replace("2025-03-10", "10/03/2025"),
        );
        let e = Registry::read(&[bad_date], &store(dir.path())).unwrap_err();
        assert_eq!(e[0].line, 6, "{e:?}");
        assert!(e[0].message.contains("ngày không hợp lệ"), "{e:?}");
    }
}
