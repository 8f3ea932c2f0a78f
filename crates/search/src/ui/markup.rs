//! The search UI's markup, as strings (pure, so it is tested natively): the
//! header's suggestions and the search page, with its pagination.

use bantin_contract::paths::routes;

use crate::index::DocKind;
use crate::strings::{self, Lang, Text};

/// Results per page on the search page.
pub const PER_PAGE: u32 = 10;
/// Suggestions under the header's search box.
pub const SUGGESTIONS: u32 = 6;
/// Longer queries are cut here (in characters) before they reach the engine;
/// the engine itself keeps only the first words (its `truncated` flag).
pub const MAX_QUERY_CHARS: usize = 200;
/// The id of the suggestions' listbox; options are `bt-goi-y-<n>`.
pub const LIST_ID: &str = "bt-goi-y";
/// The id of the retry button after a failure.
pub const RETRY_ID: &str = "bt-thu-lai";

/// One document found: an article, a page of the site or a registry document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hit {
    pub kind: DocKind,
    pub slug: String,
    pub title: String,
    /// RFC 3339 ("" for a page or a document).
    pub date: String,
    /// The category's slug ("" when none, and for a page or a document).
    pub category: String,
    /// The category's name ("" when none, and for a page or a document).
    pub category_name: String,
    /// The title in segments; odd indexes are the words that matched.
    pub title_marks: Vec<String>,
    /// The start of its lead, as the index keeps it: the snippet shown until
    /// its document has loaded.
    pub lead: String,
}

impl Hit {
    /// Where the hit is shown, under the site's base path (`bai-viet/…`,
    /// `trang/…`, `van-ban/…`).
    pub fn route(&self) -> String {
        self.kind.route(&self.slug)
    }

    /// What the hit is, in `t`'s language, shown where an article's date
    /// would be; `None` for an article.
    pub fn kind_label(&self, t: &'static Text) -> Option<&'static str> {
        match self.kind {
            DocKind::Article => None,
            DocKind::Page => Some(t.search_page_kind),
            DocKind::Document => Some(t.search_document_kind),
        }
    }

    /// Its JSON document under the data root (what its snippet is cut from).
    pub fn data_path(&self) -> String {
        self.kind.data_path(&self.slug)
    }
}

/// The engine's answer for one page of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    /// The words searched for; empty when the query had no letters or digits.
    pub terms: Vec<String>,
    /// Words left out: beyond the engine's word cap, or too costly to fetch.
    pub ignored: Vec<String>,
    /// Words whose lists were too big to fetch whole: the count is not exact.
    pub incomplete: Vec<String>,
    /// The query had more words than the engine takes (or than the UI passes on).
    pub truncated: bool,
    pub hits: Vec<Hit>,
}

/// A category of the site (the ways on after no result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// What the search page shows.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// No query yet: the page asks for one.
    Prompt,
    /// Results, with each hit's snippet (`None` when there is none to show).
    Found(Results, Vec<Option<Vec<String>>>),
    /// The engine or its index could not be loaded: the reader's message.
    Failed(&'static str),
}

/// The query as given to the engine: trimmed, at most [`MAX_QUERY_CHARS`]
/// characters, ending with a whole word.
pub fn clamp_query(q: &str) -> &str {
    bantin_contract::text::cut_at_word(q, MAX_QUERY_CHARS)
}

use bantin_contract::paging::{page_window, PageItem};
pub use bantin_contract::url::encode_component;

/// The search page's URL under `base` for a query and page (page 1 has no `trang`).
pub fn search_url(base: &str, query: &str, page: u32) -> String {
    let mut url = format!("{base}tim-kiem?q={}", encode_component(query.trim()));
    if page > 1 {
        url.push_str(&format!("&trang={page}"));
    }
    url
}

/// Writes `s` as HTML text or attribute value.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Writes segments whose odd indexes are matched words, those in `<mark>`.
pub fn push_marked(out: &mut String, segments: &[String]) {
    for (i, s) in segments.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<mark>");
            push_escaped(out, s);
            out.push_str("</mark>");
        } else {
            push_escaped(out, s);
        }
    }
}

/// A hit's title with its matched words marked (the plain title if the engine gave no marks).
fn push_title(out: &mut String, hit: &Hit) {
    if hit.title_marks.is_empty() {
        push_escaped(out, &hit.title);
    } else {
        push_marked(out, &hit.title_marks);
    }
}

/// `<tag class="class">s</tag>`
fn text(out: &mut String, tag: &str, class: &str, s: &str) {
    out.push_str(&format!("<{tag} class=\"{class}\">"));
    push_escaped(out, s);
    out.push_str(&format!("</{tag}>"));
}

/// The options of the header's suggestions list, in `lang`.
pub fn options_html(lang: Lang, hits: &[Hit]) -> String {
    let t = strings::text(lang);
    let mut out = String::new();
    for (i, hit) in hits.iter().enumerate() {
        out.push_str(&format!(
            "<li id=\"{LIST_ID}-{i}\" class=\"bt-search__option\" role=\"option\" aria-selected=\"false\"><span class=\"bt-search__title\">"
        ));
        push_title(&mut out, hit);
        // Under the title: an article's date, or what a page or a document is.
        if let Some(label) = hit.kind_label(t) {
            out.push_str("</span><span class=\"bt-search__date bt-search__kind\">");
            push_escaped(&mut out, label);
        } else {
            out.push_str("</span><span class=\"bt-search__date\">");
            push_escaped(&mut out, &t.date(&hit.date).unwrap_or_default());
        }
        out.push_str("</span></li>");
    }
    out
}

/// The listings' pagination (the app's `Pagination` component, as markup), in
/// `t`'s language.
pub fn pagination_html(out: &mut String, t: &Text, base: &str, query: &str, page: u32, pages: u32) {
    if pages <= 1 {
        return;
    }
    let link = |out: &mut String, p: u32, attrs: &str| {
        out.push_str(&format!("<a {attrs} href=\""));
        push_escaped(out, &search_url(base, query, p));
        out.push_str("\">");
    };
    out.push_str(&format!(
        "<nav class=\"bt-pages\" aria-label=\"{}\">",
        t.pagination_label
    ));
    if page > 1 {
        link(out, page - 1, "class=\"bt-pages__step\" rel=\"prev\"");
        out.push_str(t.prev_page);
        out.push_str("</a>");
    }
    out.push_str("<ul class=\"bt-pages__list\">");
    for item in page_window(page, pages) {
        match item {
            PageItem::Gap => {
                out.push_str("<li class=\"bt-pages__gap\" aria-hidden=\"true\">…</li>")
            }
            PageItem::Page(p) => {
                out.push_str("<li>");
                let current = if p == page {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                link(out, p, &format!("class=\"bt-pages__num\"{current}"));
                out.push_str(&format!(
                    "<span class=\"bt-sr\">{} </span>{p}</a></li>",
                    t.page
                ));
            }
        }
    }
    out.push_str("</ul>");
    if page < pages {
        link(out, page + 1, "class=\"bt-pages__step\" rel=\"next\"");
        out.push_str(t.next_page);
        out.push_str("</a>");
    }
    out.push_str("</nav>");
}

/// The search page's markup (inside `div.bt-listing.bt-found`) in `lang`
/// for `query` (as searched), page `page`; `categories` are the ways on after
/// no result; `base` is the site's base path.
pub fn page_html(
    lang: Lang,
    query: &str,
    page: u32,
    outcome: &Outcome,
    categories: &[Category],
    base: &str,
) -> String {
    let t = strings::text(lang);
    let mut out = String::with_capacity(4096);
    out.push_str("<header class=\"bt-listing__head\"><h1>");
    push_escaped(&mut out, t.search);
    out.push_str(&format!(
        "</h1></header><form class=\"bt-found__form\" action=\"{base}tim-kiem\" method=\"get\"><label class=\"bt-sr\" for=\"bt-q-trang\">"
    ));
    push_escaped(&mut out, t.search_again_label);
    out.push_str(
        "</label><input id=\"bt-q-trang\" class=\"bt-found__input\" type=\"search\" name=\"q\"",
    );
    if !query.is_empty() {
        out.push_str(" value=\"");
        push_escaped(&mut out, query);
        out.push('"');
    }
    out.push_str("><button class=\"bt-button\" type=\"submit\">");
    push_escaped(&mut out, t.search);
    out.push_str("</button></form>");
    let (r, snippets) = match outcome {
        Outcome::Prompt => {
            text(&mut out, "p", "bt-found__note", t.search_prompt);
            return out;
        }
        Outcome::Failed(message) => {
            out.push_str("<section class=\"bt-error bt-found__error\" role=\"alert\">");
            text(&mut out, "h2", "bt-error__title", t.search_failed);
            text(&mut out, "p", "bt-error__text", message);
            out.push_str(&format!(
                "<p class=\"bt-error__actions\"><button type=\"button\" class=\"bt-button\" id=\"{RETRY_ID}\" data-trang=\"{page}\">"
            ));
            push_escaped(&mut out, t.retry);
            out.push_str("</button></p></section>");
            return out;
        }
        Outcome::Found(r, _) if r.terms.is_empty() => {
            text(&mut out, "p", "bt-found__note", t.search_no_words);
            return out;
        }
        Outcome::Found(r, s) => (r, s),
    };
    if r.truncated || !r.ignored.is_empty() || !r.incomplete.is_empty() {
        let mut notice = String::new();
        if !r.incomplete.is_empty() {
            notice.push_str(&t.search_incomplete(&r.incomplete));
        }
        if r.truncated {
            if !notice.is_empty() {
                notice.push(' ');
            }
            notice.push_str(t.search_truncated);
        }
        if !r.ignored.is_empty() {
            if !notice.is_empty() {
                notice.push(' ');
            }
            notice.push_str(&format!("{} {}", t.search_ignored, r.ignored.join(", ")));
        }
        text(&mut out, "p", "bt-found__notice", &notice);
    }
    if r.total == 0 {
        let summary = t.search_nothing(query);
        text(&mut out, "p", "bt-listing__summary", &summary);
        text(&mut out, "p", "bt-found__note", t.search_try_else);
        out.push_str(&format!(
            "<ul class=\"bt-found__ways\"><li><a class=\"bt-button\" href=\"{base}{}\">",
            routes::latest(1)
        ));
        push_escaped(&mut out, t.see_latest);
        out.push_str("</a></li>");
        for c in categories {
            out.push_str("<li><a class=\"bt-button bt-button--ghost\" href=\"");
            push_escaped(&mut out, &format!("{base}{}", routes::category(&c.slug, 1)));
            out.push_str("\">");
            push_escaped(&mut out, &c.name);
            out.push_str("</a></li>");
        }
        out.push_str("</ul>");
        return out;
    }
    text(
        &mut out,
        "p",
        "bt-listing__summary",
        &t.search_count(r.total, query),
    );
    out.push_str(&format!(
        "<ol class=\"bt-found__list\" start=\"{}\">",
        (page.max(1) - 1) * PER_PAGE + 1
    ));
    for (i, hit) in r.hits.iter().enumerate() {
        out.push_str("<li class=\"bt-found__hit\"><h2 class=\"bt-card__title\"><a class=\"bt-card__link\" href=\"");
        push_escaped(&mut out, &format!("{base}{}", hit.route()));
        out.push_str("\">");
        push_title(&mut out, hit);
        out.push_str("</a></h2>");
        // An article's date and category, a page's or a document's kind
        // (they have neither); nothing at all when there is nothing to say.
        let mut meta = String::new();
        if let Some(label) = hit.kind_label(t) {
            text(&mut meta, "span", "bt-found__kind", label);
        } else {
            if let Some(d) = t.date(&hit.date) {
                meta.push_str("<time datetime=\"");
                push_escaped(&mut meta, &hit.date);
                meta.push_str("\">");
                push_escaped(&mut meta, &d);
                meta.push_str("</time>");
            }
            // The site's name of the category, else the one the index has.
            let name = categories
                .iter()
                .find(|c| c.slug == hit.category)
                .map_or(hit.category_name.as_str(), |c| c.name.as_str());
            if !hit.category.is_empty() && !name.is_empty() {
                if !meta.is_empty() {
                    meta.push_str(" · ");
                }
                meta.push_str("<a href=\"");
                push_escaped(
                    &mut meta,
                    &format!("{base}{}", routes::category(&hit.category, 1)),
                );
                meta.push_str("\">");
                push_escaped(&mut meta, name);
                meta.push_str("</a>");
            }
        }
        if !meta.is_empty() {
            out.push_str("<p class=\"bt-found__meta\">");
            out.push_str(&meta);
            out.push_str("</p>");
        }
        if let Some(Some(snippet)) = snippets.get(i) {
            out.push_str("<p class=\"bt-found__snippet\">");
            push_marked(&mut out, snippet);
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    pagination_html(&mut out, t, base, query, page, r.pages);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(slug: &str) -> Hit {
        Hit {
            kind: DocKind::Article,
            slug: slug.into(),
            title: "Chuyển đổi số".into(),
            date: "2024-01-23T08:00:00+07:00".into(),
            category: "kinh-te".into(),
            category_name: "Kinh tế".into(),
            title_marks: vec!["Chuyển đổi ".into(), "số".into()],
            lead: "Tỉnh đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.".into(),
        }
    }

    #[test]
    fn queries_are_trimmed_and_capped() {
        assert_eq!(clamp_query("  chuyển đổi số  "), "chuyển đổi số");
        let long = "đường ".repeat(100);
        let clamped = clamp_query(&long);
        assert!(clamped.chars().count() <= MAX_QUERY_CHARS);
        assert!(clamped.ends_with(" đường"));
        assert_eq!(clamp_query(&"x".repeat(300)).len(), MAX_QUERY_CHARS);
    }

    #[test]
    fn search_urls() {
        assert_eq!(search_url("/", " số ", 1), "/tim-kiem?q=s%E1%BB%91");
        assert_eq!(
            search_url("/b/", "chuyển đổi", 3),
            "/b/tim-kiem?q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i&trang=3"
        );
        assert_eq!(search_url("/", "a&b=c", 1), "/tim-kiem?q=a%26b%3Dc");
    }

    #[test]
    fn text_is_escaped_and_marks_wrapped() {
        let mut out = String::new();
        push_marked(
            &mut out,
            &["<b>\"Tin\" & ".into(), "số".into(), " 'x'".into()],
        );
        assert_eq!(
            out,
            "&lt;b&gt;&quot;Tin&quot; &amp; <mark>số</mark> &#39;x&#39;"
        );
    }

    #[test]
    fn options_name_their_ids() {
        let html = options_html(Lang::Vi, &[hit("a"), hit("b")]);
        assert!(html.starts_with("<li id=\"bt-goi-y-0\" class=\"bt-search__option\" role=\"option\" aria-selected=\"false\"><span class=\"bt-search__title\">Chuyển đổi <mark>số</mark></span><span class=\"bt-search__date\">23/01/2024</span></li>"));
        assert!(html.contains("id=\"bt-goi-y-1\""));
    }

    #[test]
    fn a_page_links_to_its_route_without_date_or_category() {
        // A page: its route, its kind, no date or category (even if given).
        let page = Hit {
            kind: DocKind::Page,
            slug: "lien-he".into(),
            title: "Liên hệ".into(),
            title_marks: vec!["".into(), "Liên hệ".into()],
            ..hit("x")
        };
        assert_eq!(page.route(), "trang/lien-he");
        assert_eq!(page.data_path(), "trang/lien-he.json");
        assert_eq!(hit("a").route(), "bai-viet/a");
        assert_eq!(hit("a").data_path(), "bai-viet/a.json");
        let r = Results {
            total: 2,
            page: 1,
            pages: 1,
            terms: vec!["liên".into(), "hệ".into()],
            hits: vec![page.clone(), hit("a")],
            ..Results::default()
        };
        let snippets = vec![Some(vec!["".to_string(), "Liên hệ".to_string()]), None];
        let html = page_html(
            Lang::Vi,
            "liên hệ",
            1,
            &Outcome::Found(r, snippets),
            &[],
            "/b/",
        );
        assert!(html.contains(
            "<li class=\"bt-found__hit\"><h2 class=\"bt-card__title\"><a class=\"bt-card__link\" href=\"/b/trang/lien-he\"><mark>Liên hệ</mark></a></h2><p class=\"bt-found__meta\"><span class=\"bt-found__kind\">Trang thông tin</span></p><p class=\"bt-found__snippet\"><mark>Liên hệ</mark></p></li>"
        ));
        // The article beside it keeps its link, date and category.
        assert!(html.contains("href=\"/b/bai-viet/a\">"));
        assert!(html.contains(
            "<p class=\"bt-found__meta\"><time datetime=\"2024-01-23T08:00:00+07:00\">23/01/2024</time> · <a href=\"/b/chuyen-muc/kinh-te\">Kinh tế</a></p>"
        ));
        assert_eq!(html.matches("<time").count(), 1);
        // Suggestions: the page's kind where an article's date would be.
        assert_eq!(
            options_html(Lang::Vi, &[page]),
            "<li id=\"bt-goi-y-0\" class=\"bt-search__option\" role=\"option\" aria-selected=\"false\"><span class=\"bt-search__title\"><mark>Liên hệ</mark></span><span class=\"bt-search__date bt-search__kind\">Trang thông tin</span></li>"
        );
    }

    #[test]
    fn an_article_line_has_no_empty_separator() {
        let one = |h: Hit| {
            let r = Results {
                total: 1,
                terms: vec!["số".into()],
                hits: vec![h],
                ..Results::default()
            };
            page_html(Lang::Vi, "số", 1, &Outcome::Found(r, vec![None]), &[], "/")
        };
        // No date: the category alone, without " · " before it.
        let html = one(Hit {
            date: String::new(),
            ..hit("a")
        });
        assert!(html.contains(
            "<p class=\"bt-found__meta\"><a href=\"/chuyen-muc/kinh-te\">Kinh tế</a></p>"
        ));
        // Neither: no meta line at all.
        let html = one(Hit {
            date: String::new(),
            category: String::new(),
            ..hit("a")
        });
        assert!(!html.contains("bt-found__meta"));
        assert!(html.contains("</a></h2></li>"));
    }

    #[test]
    fn the_prompt_is_the_prerendered_markup() {
        assert_eq!(
            page_html(Lang::Vi, "", 1, &Outcome::Prompt, &[], "/b/"),
            "<header class=\"bt-listing__head\"><h1>Tìm kiếm</h1></header><form class=\"bt-found__form\" action=\"/b/tim-kiem\" method=\"get\"><label class=\"bt-sr\" for=\"bt-q-trang\">Từ khóa</label><input id=\"bt-q-trang\" class=\"bt-found__input\" type=\"search\" name=\"q\"><button class=\"bt-button\" type=\"submit\">Tìm kiếm</button></form><p class=\"bt-found__note\">Nhập từ khóa để tìm bài viết, có dấu hoặc không dấu đều được.</p>"
        );
    }

    #[test]
    fn results_pages_and_ways_on() {
        let r = Results {
            total: 25,
            page: 2,
            pages: 3,
            terms: vec!["số".into()],
            ignored: vec!["và".into()],
            hits: vec![hit("a")],
            ..Results::default()
        };
        let snippets = vec![Some(vec!["…về ".to_string(), "số".to_string()])];
        let html = page_html(
            Lang::Vi,
            "số <b>",
            2,
            &Outcome::Found(r.clone(), snippets),
            &[],
            "/",
        );
        assert!(html.contains("value=\"số &lt;b&gt;\""));
        assert!(html.contains("<p class=\"bt-found__notice\">Đã bỏ qua các từ: và</p>"));
        assert!(html.contains("Tìm thấy 25 kết quả cho “số &lt;b&gt;”"));
        assert!(html.contains("<ol class=\"bt-found__list\" start=\"11\">"));
        assert!(html.contains(
            "<time datetime=\"2024-01-23T08:00:00+07:00\">23/01/2024</time> · <a href=\"/chuyen-muc/kinh-te\">Kinh tế</a>"
        ));
        assert!(html.contains("<p class=\"bt-found__snippet\">…về <mark>số</mark></p>"));
        assert!(
            html.contains("rel=\"prev\" href=\"/tim-kiem?q=s%E1%BB%91%20%3Cb%3E\">Trang trước</a>")
        );
        assert!(html.contains("aria-current=\"page\" href=\"/tim-kiem?q=s%E1%BB%91%20%3Cb%3E&amp;trang=2\"><span class=\"bt-sr\">Trang </span>2</a>"));
        assert!(html.contains("rel=\"next\""));

        // A count that is not exact says so, and names the word.
        let partial = Results {
            total: 25,
            terms: vec!["an".into(), "toàn".into()],
            incomplete: vec!["an".into()],
            hits: vec![hit("a")],
            ..Results::default()
        };
        let html = page_html(
            Lang::Vi,
            "an toàn",
            1,
            &Outcome::Found(partial, vec![None]),
            &[],
            "/",
        );
        assert!(html.contains(&format!(
            "<p class=\"bt-found__notice\">{}</p>",
            strings::VI.search_incomplete(&["an".into()])
        )));
        assert!(!html.contains("Đã bỏ qua"));

        let none = Results {
            terms: vec!["x".into()],
            ..Results::default()
        };
        let cats = [Category {
            slug: "thoi-su".into(),
            name: "Thời sự".into(),
        }];
        let html = page_html(Lang::Vi, "x", 1, &Outcome::Found(none, vec![]), &cats, "/");
        assert!(html.contains("Không tìm thấy bài viết nào cho “x”."));
        assert!(html.contains("<a class=\"bt-button\" href=\"/moi-nhat\">Xem tin mới nhất</a>"));
        assert!(html.contains("href=\"/chuyen-muc/thoi-su\">Thời sự</a>"));
        assert!(!html.contains("bt-pages"));

        let blank = Results::default();
        let html = page_html(
            Lang::Vi,
            "?!",
            1,
            &Outcome::Found(blank, vec![]),
            &cats,
            "/",
        );
        assert!(html.contains(strings::VI.search_no_words));
        assert!(!html.contains("Không tìm thấy"));

        let html = page_html(
            Lang::Vi,
            "x",
            1,
            &Outcome::Failed(strings::VI.err_server),
            &cats,
            "/",
        );
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("id=\"bt-thu-lai\" data-trang=\"1\">Thử lại</button>"));
    }

    /// Every reader-facing string of a table.
    fn all_strings(t: &Text) -> Vec<&'static str> {
        vec![
            t.err_malformed,
            t.err_network,
            t.err_server,
            t.err_timeout,
            t.next_page,
            t.page,
            t.pagination_label,
            t.prev_page,
            t.retry,
            t.search,
            t.see_latest,
            t.search_again_label,
            t.search_prompt,
            t.search_no_words,
            t.search_try_else,
            t.search_truncated,
            t.search_ignored,
            t.search_failed,
            t.search_page_kind,
            t.search_document_kind,
            t.search_needs_js,
        ]
    }

    #[test]
    fn the_page_in_english_has_no_vietnamese_words() {
        let en = |query: &str, page: u32, outcome: &Outcome, cats: &[Category]| {
            page_html(Lang::En, query, page, outcome, cats, "/")
        };
        let page = Hit {
            kind: DocKind::Page,
            slug: "lien-he".into(),
            ..hit("x")
        };
        let document = Hit {
            kind: DocKind::Document,
            slug: "05-nq-tu".into(),
            ..hit("y")
        };
        let found = Results {
            total: 25,
            page: 2,
            pages: 3,
            terms: vec!["so".into()],
            ignored: vec!["va".into()],
            incomplete: vec!["an".into()],
            truncated: true,
            hits: vec![hit("a"), page.clone(), document.clone()],
        };
        let cats = [Category {
            slug: "kinh-te".into(),
            name: "Economy".into(),
        }];
        let none = Results {
            terms: vec!["xyz".into()],
            ..Results::default()
        };
        let pages = [
            en("", 1, &Outcome::Prompt, &[]),
            en(
                "so",
                2,
                &Outcome::Found(found, vec![None, None, None]),
                &cats,
            ),
            en("xyz", 1, &Outcome::Found(none, vec![]), &cats),
            en("?!", 1, &Outcome::Found(Results::default(), vec![]), &cats),
            en("x", 1, &Outcome::Failed(strings::EN.err_network), &cats),
        ];
        let html = pages.concat();
        for vi in all_strings(&strings::VI) {
            // "Menu"-like words the two languages share would be no mistake.
            if !all_strings(&strings::EN).contains(&vi) {
                assert!(!html.contains(vi), "Vietnamese “{vi}” in {html}");
            }
        }
        for vi in ["Tìm thấy", "Không tìm thấy", "Kết quả chưa", "/01/2024"] {
            assert!(!html.contains(vi), "Vietnamese “{vi}” in {html}");
        }
        // The English labels, sentences and dates.
        assert!(pages[0].starts_with("<header class=\"bt-listing__head\"><h1>Search</h1></header>"));
        assert!(pages[0].contains("<label class=\"bt-sr\" for=\"bt-q-trang\">Search terms</label>"));
        assert!(pages[0].contains(
            "<p class=\"bt-found__note\">Enter words to search the articles, with or without Vietnamese tone marks.</p>"
        ));
        let results = &pages[1];
        assert!(results.contains("<p class=\"bt-listing__summary\">25 results for “so”</p>"));
        assert!(results.contains("Incomplete results: “an” is in too many articles"));
        assert!(results.contains("Words left out: va"));
        assert!(results.contains(
            "<time datetime=\"2024-01-23T08:00:00+07:00\">23 January 2024</time> · <a href=\"/chuyen-muc/kinh-te\">Economy</a>"
        ));
        assert!(results.contains("<span class=\"bt-found__kind\">Information page</span>"));
        assert!(results.contains("<span class=\"bt-found__kind\">Document</span>"));
        assert!(results.contains("<nav class=\"bt-pages\" aria-label=\"Pagination\">"));
        assert!(results.contains(">Previous page</a>"));
        assert!(results.contains(">Next page</a>"));
        assert!(results.contains("<span class=\"bt-sr\">Page </span>2</a>"));
        assert!(
            pages[2].contains("<p class=\"bt-listing__summary\">No article found for “xyz”.</p>")
        );
        assert!(pages[2].contains(">See the latest news</a>"));
        assert!(pages[2].contains("Or browse the news by section:"));
        assert!(pages[3].contains(strings::EN.search_no_words));
        assert!(pages[4]
            .contains("<h2 class=\"bt-error__title\">The search data could not be loaded</h2>"));
        assert!(pages[4].contains(">Try again</button>"));
        // The suggestions: an article's date, a page's and a document's kind.
        let options = options_html(Lang::En, &[hit("a"), page, document]);
        assert!(options.contains("<span class=\"bt-search__date\">23 January 2024</span>"));
        assert!(options.contains("bt-search__kind\">Information page</span>"));
        assert!(options.contains("bt-search__kind\">Document</span>"));
        assert!(!options.contains("Trang thông tin") && !options.contains("Văn bản"));
    }
}
