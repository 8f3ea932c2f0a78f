//! Reading JSON in the search UI: the engine's answer, and the documents the
//! snippets are cut from. Written over any JSON value ([`Json`]): the module
//! reads the browser's `JSON.parse` values (no JSON crate in the bundle), and
//! the native tests `serde_json`'s, so what the module reads is tested here.

use bantin_contract::text::is_slug;

use super::markup::{Hit, Results};
use crate::index::DocKind;

/// A parsed JSON value, as the UI reads it.
pub trait Json: Sized {
    /// The field `key` of an object (`None` when absent, null or not an object).
    fn field(&self, key: &str) -> Option<Self>;
    /// The value as a string, if it is one.
    fn text(&self) -> Option<String>;
    /// The value as a number, if it is one.
    fn number(&self) -> Option<f64>;
    /// The value as a boolean, if it is one.
    fn flag(&self) -> Option<bool>;
    /// The elements of an array (none when it is not one).
    fn items(&self) -> Vec<Self>;
}

/// The string field `key` of `v` ("" when absent or not a string).
fn text_of(v: &impl Json, key: &str) -> String {
    v.field(key).and_then(|t| t.text()).unwrap_or_default()
}

/// The strings of the array field `key` of `v` (other values are skipped).
fn strings_of(v: &impl Json, key: &str) -> Vec<String> {
    v.field(key)
        .map(|a| a.items().iter().filter_map(Json::text).collect())
        .unwrap_or_default()
}

/// The elements of the array field `key` of `v`.
fn items_of<J: Json>(v: &J, key: &str) -> Vec<J> {
    v.field(key).map(|a| a.items()).unwrap_or_default()
}

/// The engine's answer ([`crate::engine::Engine::results`]) for one page.
/// Hits whose slug is not a slug, or of a kind this module does not know, are
/// left out (the UI could not link them); a hit without `kind` is an article.
pub fn results(v: &impl Json) -> Results {
    let number = |key| v.field(key).and_then(|n| n.number()).unwrap_or(0.0) as u32;
    Results {
        total: number("total"),
        page: number("page"),
        pages: number("pages"),
        terms: strings_of(v, "terms"),
        ignored: strings_of(v, "ignored"),
        incomplete: strings_of(v, "incomplete"),
        truncated: v.field("truncated").and_then(|t| t.flag()).unwrap_or(false),
        hits: items_of(v, "hits").iter().filter_map(hit).collect(),
    }
}

fn hit(h: &impl Json) -> Option<Hit> {
    let kind = match h.field("kind").and_then(|k| k.text()) {
        None => DocKind::Article,
        Some(name) => DocKind::from_name(&name)?,
    };
    let slug = text_of(h, "slug");
    if !is_slug(&slug) {
        return None;
    }
    Some(Hit {
        kind,
        slug,
        title: text_of(h, "title"),
        date: text_of(h, "date"),
        category: text_of(h, "category"),
        category_name: text_of(h, "category_name"),
        title_marks: strings_of(h, "title_marks"),
        lead: text_of(h, "lead"),
    })
}

/// The text the snippets are cut from, from a hit's document (an `Article`, an
/// `InfoPage` or an `OfficialDocument`, see [`DocKind::data_path`]): the lead
/// (an article's) or the summary (a document's), then the body's text block
/// by block, as `bantin_contract::plain_text` gives it to the index
/// (headings, paragraphs, lists, quotes, captions, tables).
pub fn doc_text(doc: &impl Json) -> String {
    fn push(out: &mut String, s: &str) {
        out.push_str(s);
        out.push('\n');
    }
    /// A run of inlines (`[{type, text}]`) on a line of its own.
    fn runs(out: &mut String, runs: &impl Json) {
        for run in runs.items() {
            out.push_str(&text_of(&run, "text"));
        }
        out.push('\n');
    }
    let mut out = String::new();
    for key in ["lead", "summary"] {
        if let Some(lead) = doc.field(key).and_then(|l| l.text()) {
            push(&mut out, &lead);
        }
    }
    for block in items_of(doc, "body") {
        for key in ["text", "title", "caption"] {
            if let Some(t) = block.field(key).and_then(|t| t.text()) {
                push(&mut out, &t);
            }
        }
        if let Some(content) = block.field("content") {
            runs(&mut out, &content);
        }
        for item in items_of(&block, "items") {
            runs(&mut out, &item);
        }
        // A table: its header row and rows, cells separated by spaces.
        let head = block.field("head").into_iter();
        for row in head.chain(items_of(&block, "rows")) {
            let cells: Vec<String> = row
                .items()
                .iter()
                .map(|cell| cell.items().iter().map(|r| text_of(r, "text")).collect())
                .collect();
            if !cells.is_empty() {
                push(&mut out, &cells.join(" "));
            }
        }
        for photo in items_of(&block, "photos") {
            if let Some(c) = photo.field("caption").and_then(|c| c.text()) {
                push(&mut out, &c);
            }
        }
        if let Some(cite) = block.field("cite").and_then(|c| c.text()) {
            push(&mut out, &cite);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use bantin_contract::{
        Article, Attachment, Block, InfoPage, Inline, OfficialDocument, Table, Term,
    };

    use super::*;
    use crate::engine::Engine;
    use crate::format::META;
    use crate::index::{analyze, Builder, DocInfo};
    use crate::strings::Lang;
    use crate::ui::markup::{options_html, page_html, Outcome};

    impl Json for serde_json::Value {
        fn field(&self, key: &str) -> Option<Self> {
            serde_json::Value::get(self, key)
                .filter(|v| !v.is_null())
                .cloned()
        }
        fn text(&self) -> Option<String> {
            self.as_str().map(str::to_string)
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn flag(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Vec<Self> {
            self.as_array().cloned().unwrap_or_default()
        }
    }

    fn runs(s: &str) -> Vec<Inline> {
        vec![Inline::Text { text: s.into() }]
    }

    /// The page "Liên hệ" as the build tool writes it.
    pub(crate) fn contact_page() -> InfoPage {
        InfoPage {
            version: 1,
            slug: "lien-he".into(),
            title: "Liên hệ".into(),
            description: Some("Địa chỉ, điện thoại và giờ làm việc.".into()),
            updated: Some("2026-11-30T00:00:00+07:00".into()),
            body: vec![
                Block::Paragraph {
                    content: runs("Người dân có thể liên hệ trực tiếp với các địa chỉ dưới đây."),
                },
                Block::Heading {
                    level: 2,
                    text: "Giờ làm việc".into(),
                },
                Block::Table(Table {
                    caption: Some("Giờ tiếp công dân".into()),
                    align: Vec::new(),
                    head: vec![runs("Nơi tiếp nhận"), runs("Buổi sáng")],
                    rows: vec![vec![runs("Văn phòng UBND tỉnh"), runs("7h30 – 11h30")]],
                }),
                Block::List {
                    ordered: false,
                    items: vec![runs("Điện thoại: 0200 3 852 001")],
                },
            ],
            attachments: Vec::new(),
            translations: Vec::new(),
        }
    }

    /// The registry's document "Nghị quyết 05-NQ/TU" as the build tool writes it.
    pub(crate) fn resolution() -> OfficialDocument {
        let term = |slug: &str, name: &str| Term {
            slug: slug.into(),
            name: name.into(),
        };
        OfficialDocument {
            version: 1,
            slug: "2025-05-nq-tu".into(),
            number: "05-NQ/TU".into(),
            kind: term("nghi-quyet", "Nghị quyết"),
            issuer: term("tinh-uy", "Tỉnh ủy Hòa Lâm"),
            signer: "Đinh Quang Vinh".into(),
            signer_title: Some("Bí thư".into()),
            issued: "2025-03-10".into(),
            effective: None,
            summary: "Về phát triển du lịch trở thành ngành kinh tế mũi nhọn".into(),
            fields: vec![term("du-lich", "Du lịch")],
            body: vec![Block::Paragraph {
                content: runs("Mục tiêu đến năm 2030: đón 6 triệu lượt khách."),
            }],
            files: vec![Attachment {
                href: "/tep/van-ban/2025-05-nq-tu.pdf".into(),
                title: "Toàn văn Nghị quyết 05-NQ/TU".into(),
                format: "PDF".into(),
                size: 1000,
            }],
        }
    }

    /// Two articles, the page "Liên hệ" and the document 05-NQ/TU, written and
    /// queried as the app does.
    fn answer(q: &str, prefix: bool) -> serde_json::Value {
        let mut b = Builder::new();
        for (i, (slug, title, text)) in [
            (
                "hop-bao",
                "Họp báo thường kỳ",
                "Văn phòng UBND tỉnh họp báo.",
            ),
            (
                "lien-he-cong-tac",
                "Liên hệ cộng tác viên",
                "Tòa soạn liên hệ với cộng tác viên.",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let info = DocInfo {
                slug: slug.into(),
                date: format!("2024-01-0{}T08:00:00+07:00", i + 1),
                category: "thoi-su".into(),
                category_name: "Thời sự".into(),
                title: title.into(),
                lead: text.into(),
            };
            b.add(info, analyze(title, text));
        }
        let page = contact_page();
        let text = bantin_contract::plain_text(&page.body);
        let info = DocInfo {
            slug: page.slug.clone(),
            date: "bỏ qua".into(),
            category: "bỏ qua".into(),
            category_name: "bỏ qua".into(),
            title: page.title.clone(),
            lead: page.description.clone().unwrap_or_default(),
        };
        b.add_page(info, analyze(&page.title, &text));
        let doc = resolution();
        let title = format!("{} {}", doc.kind.name, doc.number);
        let info = DocInfo {
            slug: doc.slug.clone(),
            date: String::new(),
            category: String::new(),
            category_name: String::new(),
            title: title.clone(),
            lead: doc.summary.clone(),
        };
        let text = format!("{}\n{}", doc.summary, doc.issuer.name);
        b.add_document(info, analyze(&title, &text), &doc.number);
        let mut files = std::collections::HashMap::new();
        b.finish(|path, text| {
            files.insert(path.to_string(), text.to_string());
            Ok::<(), ()>(())
        })
        .unwrap();
        let mut e = Engine::new(&files[META]).unwrap();
        loop {
            let need = e.need(q, prefix, 1, 10);
            if need.is_empty() {
                break;
            }
            for f in need {
                e.add(&f, &files[&f]).unwrap();
            }
        }
        serde_json::from_str(&e.results(q, prefix, 1, 10).unwrap()).unwrap()
    }

    #[test]
    fn a_page_hit_reads_back_and_links_to_its_route() {
        let json = answer("giờ làm việc", false);
        assert_eq!(json["hits"][0]["kind"], "page");
        let r = results(&json);
        assert_eq!(r.total, 1);
        assert_eq!(r.terms, ["giờ", "làm", "việc"]);
        let hit = &r.hits[0];
        assert_eq!(hit.kind, DocKind::Page);
        assert_eq!(hit.slug, "lien-he");
        assert_eq!(hit.title, "Liên hệ");
        // A page has neither date nor category.
        assert_eq!((hit.date.as_str(), hit.category.as_str()), ("", ""));
        assert_eq!(hit.category_name, "");
        // The lead the index keeps, the snippet until the page's JSON arrives.
        let description = contact_page().description.unwrap_or_default();
        assert!(!description.is_empty());
        assert_eq!(hit.lead, description.chars().take(160).collect::<String>());
        assert_eq!(hit.route(), "trang/lien-he");
        assert_eq!(hit.data_path(), "trang/lien-he.json");

        let html = page_html(
            Lang::Vi,
            "giờ làm việc",
            1,
            &Outcome::Found(r.clone(), vec![None]),
            &[],
            "/b/",
        );
        assert!(html.contains(
            "<a class=\"bt-card__link\" href=\"/b/trang/lien-he\">Liên hệ</a></h2><p class=\"bt-found__meta\"><span class=\"bt-found__kind\">Trang thông tin</span></p>"
        ));
        assert!(!html.contains("<time"));
        assert!(!html.contains(" · "));
        assert!(!html.contains("bai-viet"));
        let options = options_html(Lang::Vi, &r.hits);
        assert!(options
            .contains("<span class=\"bt-search__date bt-search__kind\">Trang thông tin</span>"));
    }

    #[test]
    fn a_document_hit_reads_back_and_links_to_its_route() {
        for q in ["05-NQ/TU", "05 nq tu", "du lịch"] {
            let json = answer(q, false);
            assert_eq!(json["hits"][0]["kind"], "document", "{q}");
            let r = results(&json);
            assert_eq!(r.total, 1, "{q}");
            let hit = &r.hits[0];
            assert_eq!(hit.kind, DocKind::Document);
            assert_eq!(hit.slug, "2025-05-nq-tu");
            assert_eq!(hit.title, "Nghị quyết 05-NQ/TU");
            assert_eq!((hit.date.as_str(), hit.category.as_str()), ("", ""));
            assert_eq!(hit.route(), "van-ban/2025-05-nq-tu");
            assert_eq!(hit.data_path(), "van-ban/2025-05-nq-tu.json");
        }
        let r = results(&answer("05-NQ/TU", false));
        let html = page_html(
            Lang::Vi,
            "05-NQ/TU",
            1,
            &Outcome::Found(r.clone(), vec![None]),
            &[],
            "/b/",
        );
        assert!(html.contains(
            "<a class=\"bt-card__link\" href=\"/b/van-ban/2025-05-nq-tu\">Nghị quyết <mark>05</mark>-<mark>NQ</mark>/<mark>TU</mark></a></h2><p class=\"bt-found__meta\"><span class=\"bt-found__kind\">Văn bản</span></p>"
        ), "{html}");
        assert!(!html.contains("<time"));
        assert!(!html.contains(" · "));
        assert!(options_html(Lang::Vi, &r.hits)
            .contains("<span class=\"bt-search__date bt-search__kind\">Văn bản</span>"));
        // Typing the number suggests it.
        let r = results(&answer("05-NQ/T", true));
        assert_eq!(r.hits[0].kind, DocKind::Document);
    }

    #[test]
    fn a_title_word_finds_the_page_beside_the_articles() {
        let r = results(&answer("Liên hệ", false));
        assert_eq!(r.total, 2);
        let found: Vec<(DocKind, &str)> =
            r.hits.iter().map(|h| (h.kind, h.slug.as_str())).collect();
        // Both have the phrase in the title; the page comes after the articles
        // in the index, so it wins the tie as the newest article would.
        assert_eq!(
            found,
            [
                (DocKind::Page, "lien-he"),
                (DocKind::Article, "lien-he-cong-tac")
            ]
        );
        assert_eq!(r.hits[0].title_marks, ["", "Liên hệ", ""]);
        assert_eq!(r.hits[1].route(), "bai-viet/lien-he-cong-tac");
        assert_eq!(r.hits[1].date, "2024-01-02T08:00:00+07:00");
        // Typing: the suggestions find it too.
        let r = results(&answer("liên h", true));
        assert!(r.hits.iter().any(|h| h.kind == DocKind::Page));
    }

    #[test]
    fn hits_of_unknown_kinds_or_bad_slugs_are_left_out() {
        let json = serde_json::json!({
            "total": 4, "page": 1, "pages": 1, "terms": ["a"], "truncated": true,
            "hits": [
                {"slug": "bai-mot", "title": "Một"},
                {"kind": "page", "slug": "../x", "title": "Hai"},
                {"kind": "video", "slug": "ba", "title": "Ba"},
                {"kind": "article", "slug": "bon", "title": "Bốn", "title_marks": ["Bốn", 5]},
                7
            ]
        });
        let r = results(&json);
        assert_eq!((r.total, r.pages, r.truncated), (4, 1, true));
        let slugs: Vec<&str> = r.hits.iter().map(|h| h.slug.as_str()).collect();
        assert_eq!(slugs, ["bai-mot", "bon"]);
        assert!(r.hits.iter().all(|h| h.kind == DocKind::Article));
        assert_eq!(r.hits[1].title_marks, ["Bốn"]);
        assert_eq!(results(&serde_json::json!({})), Results::default());
    }

    #[test]
    fn snippets_read_a_document_from_its_summary() {
        let doc = serde_json::to_value(resolution()).unwrap();
        assert_eq!(
            doc_text(&doc),
            "Về phát triển du lịch trở thành ngành kinh tế mũi nhọn\nMục tiêu đến năm 2030: đón 6 triệu lượt khách.\n"
        );
        let m = crate::marks::Matcher::new(&crate::text::Query::parse("du lịch", false));
        assert_eq!(
            crate::marks::snippet(&m, &doc_text(&doc), 160)[..3],
            [
                "Về phát triển ",
                "du lịch",
                " trở thành ngành kinh tế mũi nhọn\nMục tiêu đến năm 2030: đón 6 triệu lượt khách."
            ]
        );
    }

    #[test]
    fn snippets_read_a_page_or_an_article() {
        let page = serde_json::to_value(contact_page()).unwrap();
        let text = doc_text(&page);
        assert_eq!(
            text,
            "Người dân có thể liên hệ trực tiếp với các địa chỉ dưới đây.\nGiờ làm việc\nGiờ tiếp công dân\nNơi tiếp nhận Buổi sáng\nVăn phòng UBND tỉnh 7h30 – 11h30\nĐiện thoại: 0200 3 852 001\n"
        );
        // What the index read of the page, block by block.
        assert_eq!(text, bantin_contract::plain_text(&contact_page().body));

        let article: Article = serde_json::from_value(serde_json::json!({
            "slug": "hop-bao", "title": "Họp báo", "published": "2024-01-01T08:00:00+07:00",
            "lead": "Sáng nay, tỉnh họp báo.",
            "body": [
                {"type": "paragraph", "content": [{"type": "text", "text": "Nội dung "}, {"type": "strong", "text": "chính"}]},
                {"type": "quote", "content": [{"type": "text", "text": "Lời"}], "cite": "Ông A"}
            ]
        }))
        .unwrap();
        let article = serde_json::to_value(article).unwrap();
        assert_eq!(
            doc_text(&article),
            "Sáng nay, tỉnh họp báo.\nNội dung chính\nLời\nÔng A\n"
        );
    }
}
