//! Static HTML pages: `bantin build` over an output folder that holds trunk's
//! app shell writes a real document for the home page, every article, every
//! category and 404, with the view's markup, head tags and data islands.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, fixtures, snapshot};
use bantin_build::build::{run, Options};
use bantin_build::pages::{APP_SHELL, MARKER};
use bantin_build::runtime::{build_id, with_build_meta};
use bantin_contract::{parse, paths, Article, Home, Listing, SiteSettings};

const ARTICLE: &str = "khoi-cong-cau-dong-ha-noi-hai-bo-song-lam";
const SITE: &str = "Cổng Thông tin thử nghiệm";
const BASE: &str = "http://127.0.0.1:8080/";

fn shell() -> String {
    fs::read_to_string(fixtures().join("shell/index.html")).unwrap()
}

fn build(content: &Path, out: &Path) -> Result<bantin_build::build::Report, String> {
    run(&Options {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        now: None,
    })
    .map_err(|e| e.to_string())
}

/// An output folder as trunk leaves it (only the shell), built from `content`.
fn built_with_shell(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), shell()).unwrap();
    build(content, &out).unwrap();
    (dir, out)
}

fn read(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in page"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..to]
}

/// The content of the `<meta>` with `key="name"` (key is `name` or `property`).
fn meta<'a>(page: &'a str, key: &str, name: &str) -> &'a str {
    between(page, &format!("<meta {key}=\"{name}\" content=\""), "\"")
}

/// The data island `id`: its `data-doc` (if any) and its JSON text.
fn island<'a>(page: &'a str, id: &str) -> (Option<&'a str>, &'a str) {
    let tag = between(
        page,
        &format!("<script type=\"application/json\" id=\"{id}\""),
        ">",
    );
    let doc = tag
        .strip_prefix(" data-doc=\"")
        .and_then(|t| t.strip_suffix('"'));
    let json = between(
        page,
        &format!("<script type=\"application/json\" id=\"{id}\"{tag}>"),
        "</script>",
    );
    (doc, json)
}

#[test]
fn article_page_has_its_content_head_tags_and_data() {
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    let page = read(&out, &format!("bai-viet/{ARTICLE}/index.html"));
    let title = "Khởi công cầu Đông Hà nối hai bờ sông Lam";
    let lead = "Sáng 23/1, tỉnh tổ chức lễ khởi công cầu Đông Hà, công trình giao thông trọng điểm nối hai bờ sông Lam với tổng mức đầu tư 1.200 tỷ đồng.";
    let url = format!("{BASE}bai-viet/{ARTICLE}");

    // Head: title, description, canonical, Open Graph, Twitter, feeds.
    assert!(page.contains(MARKER));
    assert_eq!(page.matches("<title>").count(), 1);
    assert_eq!(
        between(&page, "<title>", "</title>"),
        format!("{title} – {SITE}")
    );
    assert_eq!(meta(&page, "name", "description"), lead);
    assert_eq!(page.matches("name=\"description\"").count(), 1);
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert_eq!(meta(&page, "property", "og:type"), "article");
    assert_eq!(meta(&page, "property", "og:title"), title);
    assert_eq!(meta(&page, "property", "og:url"), url);
    assert_eq!(meta(&page, "property", "og:locale"), "vi_VN");
    assert_eq!(meta(&page, "property", "og:site_name"), SITE);
    // The share card: the SVG cover rasterised to 1200 × 630 (JPEG).
    let card = meta(&page, "property", "og:image");
    assert!(card.starts_with(&format!("{BASE}chia-se/")), "{card}");
    let bytes = fs::read(out.join(card.strip_prefix(BASE).unwrap())).unwrap();
    assert_eq!(
        bantin_build::cards::inspect(&bytes),
        Some((image::ImageFormat::Jpeg, 1200, 630))
    );
    assert_eq!(meta(&page, "property", "og:image:type"), "image/jpeg");
    assert_eq!(meta(&page, "property", "og:image:width"), "1200");
    assert_eq!(meta(&page, "property", "og:image:height"), "630");
    assert_eq!(meta(&page, "name", "twitter:image"), card);
    assert_eq!(
        meta(&page, "property", "article:published_time"),
        "2024-01-23T08:30:00+07:00"
    );
    assert_eq!(
        meta(&page, "property", "article:modified_time"),
        "2024-01-24T10:00:00+07:00"
    );
    assert_eq!(meta(&page, "property", "article:section"), "Kinh tế");
    assert_eq!(page.matches("<meta property=\"article:tag\"").count(), 2);
    assert_eq!(meta(&page, "name", "twitter:card"), "summary_large_image");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\""));
    assert!(page.contains("href=\"/chuyen-muc/kinh-te/rss.xml\""));
    // The shell's own head stays (styles, the app's script).
    assert!(page.contains("/main-0123456789abcdef.css"));
    assert!(page.contains("/bantin-app-0123456789abcdef.js"));

    // JSON-LD NewsArticle.
    let ld: serde_json::Value = serde_json::from_str(between(
        &page,
        "<script type=\"application/ld+json\">",
        "</script>",
    ))
    .unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["description"], lead);
    assert_eq!(ld["datePublished"], "2024-01-23T08:30:00+07:00");
    assert_eq!(ld["dateModified"], "2024-01-24T10:00:00+07:00");
    assert_eq!(ld["author"]["name"], "Minh Anh");
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], SITE);
    // Not the SVG cover (Google reads it poorly): the card.
    assert_eq!(ld["image"], serde_json::json!([card]));
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        format!("{BASE}icon-512.png")
    );
    assert_eq!(ld["mainEntityOfPage"]["@id"], url);
    assert_eq!(ld["inLanguage"], "vi");
    assert_eq!(ld["articleSection"], "Kinh tế");
    assert_eq!(ld["keywords"], "Giao thông, Đầu tư công");

    // Body: the shell's notes are gone, the view is inside <main>.
    assert!(!page.contains("<noscript") && !page.contains("bt-boot"));
    let main = between(
        &page,
        "<main id=\"noi-dung\" tabindex=\"-1\" class=\"bt-main\">",
        "</main>",
    );
    assert!(main.contains(&format!("<h1 class=\"bt-article__title\">{title}</h1>")));
    assert!(main.contains(&format!("<p class=\"bt-article__lead\">{lead}</p>")));
    assert!(
        main.contains("<p>Cầu dài <strong>1,2 km</strong>, rộng <em>24 m</em>, gồm bốn làn xe.")
    );
    assert!(main.contains(
        "<a href=\"https://example.vn/cau\" target=\"_blank\" rel=\"noopener noreferrer\">Cổng thông tin</a>"
    ));
    assert!(main.contains(
        "<time datetime=\"2024-01-23T08:30:00+07:00\">Đăng ngày: 23/01/2024 08:30</time>\
         <span class=\"bt-article__updated\">Cập nhật: 24/01/2024 10:00</span>"
    ));
    assert!(main.contains("<span aria-live=\"polite\" class=\"bt-textsize__value\">100%</span>"));
    assert!(main.contains(&format!(
        "href=\"https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F127.0.0.1%3A8080%2Fbai-viet%2F{ARTICLE}\""
    )));
    assert!(main.contains("<h3>Các mốc chính</h3>"));
    assert!(main.contains(
        "<footer class=\"bt-quote__cite\">— Ông Nguyễn Văn A, Chủ tịch UBND tỉnh</footer>"
    ));
    assert!(page.contains("<div id=\"bt-static\"><a href=\"#noi-dung\" class=\"bt-skip\">"));
    // No menu link is current on an article.
    assert!(!between(&page, "<nav id=\"bt-menu\"", "</nav>").contains("aria-current"));

    // The data islands are the documents of data/, byte for byte once unescaped.
    let (doc, json) = island(&page, "bt-data");
    let rel = paths::article(ARTICLE);
    assert_eq!(doc, Some(rel.as_str()));
    let file = read(&out, &format!("data/{rel}"));
    assert_eq!(json.replace("\\u003c", "<"), file);
    let a: Article = parse(json).unwrap();
    assert_eq!(a, parse::<Article>(&file).unwrap());
    let (doc, json) = island(&page, "bt-site");
    assert_eq!(doc, None);
    let site: SiteSettings = parse(json).unwrap();
    assert_eq!(site.name, SITE);
}

#[test]
fn home_category_and_not_found_pages() {
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    assert_eq!(
        read(&out, APP_SHELL),
        with_build_meta(&shell()),
        "the shell is kept as is, with its build id"
    );

    let home = read(&out, "index.html");
    assert!(home.contains(MARKER));
    assert_eq!(between(&home, "<title>", "</title>"), SITE);
    assert_eq!(meta(&home, "name", "description"), "Tin tức – Sự kiện");
    assert_eq!(meta(&home, "property", "og:type"), "website");
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{BASE}\">")));
    assert!(
        home.contains("<a href=\"/\" aria-current=\"page\" class=\"bt-menu__link\">Trang chủ</a>")
    );
    assert!(home.contains(&format!("<h1 class=\"bt-sr\">{SITE}</h1>")));
    // Home names its document rather than carrying it (the largest listing,
    // past a first round trip); the document is written beside the others.
    assert!(!home.contains("id=\"bt-data\""));
    assert!(home.contains(&format!(
        "<div id=\"bt-static\" data-doc=\"{}\">",
        paths::HOME
    )));
    let h: Home = parse(&read(&out, &format!("data/{}", paths::HOME))).unwrap();
    assert_eq!(h.lead.unwrap().slug, ARTICLE);

    let cat = read(&out, "chuyen-muc/thoi-su/index.html");
    assert_eq!(
        between(&cat, "<title>", "</title>"),
        format!("Thời sự – {SITE}")
    );
    assert_eq!(meta(&cat, "name", "description"), "Tin chỉ đạo, điều hành.");
    assert!(cat.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}chuyen-muc/thoi-su\">"
    )));
    assert!(cat.contains(
        "<a href=\"/chuyen-muc/thoi-su\" aria-current=\"page\" class=\"bt-menu__link\">Thời sự</a>"
    ));
    assert!(cat.contains("<a href=\"/\" class=\"bt-menu__link\">Trang chủ</a>"));
    assert!(cat.contains("<header class=\"bt-listing__head\"><h1>Thời sự</h1><p class=\"bt-listing__summary\">Trang 1/1 · 3 bài viết</p></header>"));
    assert!(cat.contains("href=\"/chuyen-muc/thoi-su/rss.xml\""));
    let (doc, json) = island(&cat, "bt-data");
    assert_eq!(doc, Some(paths::category("thoi-su", 1).as_str()));
    let l: Listing = parse(json).unwrap();
    assert_eq!(l.items.len(), 3);
    // A category without articles still has its page.
    let empty = read(&out, "chuyen-muc/giao-duc/index.html");
    assert!(empty.contains("<p class=\"bt-empty\">Chưa có bài viết nào.</p>"));
    // Its description falls back to the site's tagline.
    assert_eq!(meta(&empty, "name", "description"), "Tin tức – Sự kiện");

    let nf = read(&out, "404.html");
    assert_eq!(
        between(&nf, "<title>", "</title>"),
        format!("Không tìm thấy trang – {SITE}")
    );
    assert!(nf.contains("<h1>Không tìm thấy trang</h1>"));
    assert!(nf.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!nf.contains("id=\"bt-data\"") && !nf.contains("rel=\"canonical\""));
    parse::<SiteSettings>(island(&nf, "bt-site").1).unwrap();

    // The search page: the search module's own first markup, a note for readers
    // without JavaScript, not indexed.
    let search = read(&out, "tim-kiem/index.html");
    assert_eq!(
        between(&search, "<title>", "</title>"),
        format!("Tìm kiếm – {SITE}")
    );
    assert!(search.contains(&bantin_search::ui::markup::page_html(
        bantin_contract::strings::Lang::Vi,
        "",
        1,
        &bantin_search::ui::markup::Outcome::Prompt,
        &[],
        "/"
    )));
    assert!(search.contains("<noscript><p class=\"bt-found__note\">Tìm kiếm cần JavaScript."));
    // Indexable as the one search page (queries name it as canonical); the
    // app starts at once there to write the results in.
    assert!(!search.contains("noindex"));
    assert!(search.contains(&format!("<link rel=\"canonical\" href=\"{BASE}tim-kiem\">")));
    assert!(search.contains("<div id=\"bt-static\" data-bt-now=\"\">"));
    assert!(search
        .contains("<form role=\"search\" action=\"/tim-kiem\" method=\"get\" class=\"bt-search\""));

    // Every article has its page; nothing but the pages is in the page folders.
    let files = snapshot(&out);
    let articles = files.keys().filter(|k| k.starts_with("bai-viet/")).count();
    assert_eq!(articles, 5);
    assert!(files
        .keys()
        .filter(|k| k.starts_with("bai-viet/"))
        .all(|k| k.ends_with("/index.html")));
}

/// `page` without the contents of its script elements (JSON is inert there).
fn without_scripts(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(i) = rest.find("<script") {
        let open_end = i + rest[i..].find('>').unwrap() + 1;
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end + rest[open_end..].find("</script>").unwrap()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let title = "Tin <script>alert(1)</script> & \"trích\"";
    let lead = "Tóm tắt </script><!-- <b>đậm</b>";
    fs::write(
        content.join("articles/thoi-su/doc-hai.md"),
        format!(
            "+++\ntitle = '{title}'\nslug = \"doc-hai\"\ndate = \"2024-01-25T08:00:00+07:00\"\ncategory = \"thoi-su\"\nauthor = \"</script>\"\ntags = [\"<i>thẻ</i>\"]\nlead = '{lead}'\n+++\n\nĐoạn `<img src=x onerror=alert(1)>` văn.\n"
        ),
    )
    .unwrap();
    let (_out_dir, out) = built_with_shell(&content);
    for rel in [
        "bai-viet/doc-hai/index.html",
        "index.html",
        "chuyen-muc/thoi-su/index.html",
    ] {
        let full = read(&out, rel);
        let page = without_scripts(&full);
        // Only the page's own script elements open and close.
        assert_eq!(
            page.matches("<script").count(),
            full.matches("</script>").count(),
            "{rel}"
        );
        assert!(!page.contains("<script>alert"), "{rel}");
        assert!(
            !page.contains("<b>đậm") && !page.contains("<i>thẻ"),
            "{rel}"
        );
        assert!(!page.contains("<img src=x"), "{rel}");
        assert!(!page.contains("<!-- <b>"), "{rel}");
    }
    let page = read(&out, "bai-viet/doc-hai/index.html");
    let escaped = "Tin &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"trích\"";
    assert!(page.contains(&format!("<h1 class=\"bt-article__title\">{escaped}</h1>")));
    assert!(page.contains(&format!("<title>{escaped} – {SITE}</title>")));
    assert_eq!(
        meta(&page, "property", "og:title"),
        "Tin &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;trích&quot;"
    );
    let ld_text = between(&page, "<script type=\"application/ld+json\">", "</script>");
    assert!(ld_text.contains("alert(1)<\\/script>"), "{ld_text}");
    let ld: serde_json::Value = serde_json::from_str(ld_text).unwrap();
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["description"], lead);
    assert_eq!(ld["author"]["name"], "</script>");
    let a: Article = parse(island(&page, "bt-data").1).unwrap();
    assert_eq!(a.title, title);
    assert_eq!(a.lead.as_deref(), Some(lead));
    assert_eq!(a.author.as_deref(), Some("</script>"));
}

#[test]
fn rebuilds_reuse_the_app_shell() {
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    let first = snapshot(&out);
    // index.html is now the home page; the shell is read from app.html.
    assert!(read(&out, "index.html").contains(MARKER));
    build(&fixtures().join("valid"), &out).unwrap();
    assert_eq!(read(&out, APP_SHELL), with_build_meta(&shell()));
    let home = read(&out, "index.html");
    assert_eq!(home.matches(MARKER).count(), 1);
    assert_eq!(home.matches("<div id=\"bt-static\"").count(), 1);
    assert_eq!(snapshot(&out), first, "a rebuild writes the same bytes");

    // A new app build (trunk writes a new index.html) becomes the shell.
    let newer = shell().replace("0123456789abcdef", "fedcba9876543210");
    fs::write(out.join("index.html"), &newer).unwrap();
    build(&fixtures().join("valid"), &out).unwrap();
    assert_eq!(read(&out, APP_SHELL), with_build_meta(&newer));
    let page = read(&out, &format!("bai-viet/{ARTICLE}/index.html"));
    assert!(page.contains("/main-fedcba9876543210.css"));
    assert!(!page.contains("0123456789abcdef"));
}

/// The build id each page and the kept shell carry.
fn page_build(page: &str) -> &str {
    between(page, "<meta name=\"bantin-build\" content=\"", "\"")
}

#[test]
fn config_json_and_build_id() {
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    let id = build_id(&shell());
    let config: bantin_contract::RuntimeConfig =
        bantin_contract::parse(&read(&out, "config.json")).unwrap();
    assert_eq!(config.build.as_deref(), Some(id.as_str()));
    assert_eq!(config.site_name.as_deref(), Some(SITE));
    assert_eq!(config.data_url, "data/");
    let site: bantin_contract::SiteSettings =
        bantin_contract::parse(&read(&out, "data/site.json")).unwrap();
    assert_eq!(config.links.as_ref(), Some(&site.links));
    for rel in [
        APP_SHELL,
        "index.html",
        "404.html",
        "chuyen-muc/thoi-su/index.html",
        &format!("bai-viet/{ARTICLE}/index.html"),
    ] {
        let page = read(&out, rel);
        assert_eq!(page_build(&page), id, "{rel}");
        assert_eq!(page.matches("name=\"bantin-build\"").count(), 1, "{rel}");
    }

    // A content rebuild keeps the id; a new app build changes it everywhere.
    build(&fixtures().join("valid"), &out).unwrap();
    assert_eq!(page_build(&read(&out, "index.html")), id);
    let newer = shell().replace("0123456789abcdef", "fedcba9876543210");
    fs::write(out.join("index.html"), &newer).unwrap();
    build(&fixtures().join("valid"), &out).unwrap();
    let new_id = build_id(&newer);
    assert_ne!(new_id, id);
    assert!(read(&out, "config.json").contains(&new_id));
    assert_eq!(page_build(&read(&out, "index.html")), new_id);
    assert_eq!(page_build(&read(&out, APP_SHELL)), new_id);
}

#[test]
fn a_failed_build_keeps_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let (_out_dir, out) = built_with_shell(&content);
    let before = snapshot(&out);
    fs::copy(
        fixtures().join("invalid/missing-title.md"),
        content.join("articles/hong.md"),
    )
    .unwrap();
    assert!(build(&content, &out).is_err());
    assert_eq!(snapshot(&out), before);
}

#[test]
fn no_shell_means_no_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    build(&fixtures().join("valid"), &out).unwrap();
    for rel in [
        "index.html",
        "app.html",
        "404.html",
        "tim-kiem/index.html",
        "bai-viet",
        "chuyen-muc/thoi-su/index.html",
    ] {
        assert!(!out.join(rel).exists(), "{rel}");
    }
    assert!(out.join("data").join(paths::HOME).is_file());
    // config.json is still written, without a build id (no app shell to name).
    assert!(!read(&out, "config.json").contains("\"build\""));
}

#[test]
fn the_server_serves_pages_and_falls_back_to_the_shell() {
    use bantin_build::serve::{resolve, Resolved};
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    let page = out.join(format!("bai-viet/{ARTICLE}/index.html"));
    assert_eq!(
        resolve(&out, &format!("/bai-viet/{ARTICLE}")),
        Resolved::File(page.clone())
    );
    assert_eq!(
        resolve(&out, &format!("/bai-viet/{ARTICLE}/")),
        Resolved::File(page)
    );
    // Old and duplicate listing URLs redirect to the page's one URL.
    assert_eq!(
        resolve(&out, "/chuyen-muc/thoi-su?trang=2"),
        Resolved::Redirect("/chuyen-muc/thoi-su/trang/2".into())
    );
    assert_eq!(
        resolve(&out, "/chuyen-muc/thoi-su?x=1&trang=1"),
        Resolved::Redirect("/chuyen-muc/thoi-su".into())
    );
    assert_eq!(
        resolve(&out, "/moi-nhat/trang/1/"),
        Resolved::Redirect("/moi-nhat".into())
    );
    assert_eq!(
        resolve(&out, "/chuyen-muc/thoi-su?trang=abc"),
        Resolved::File(out.join("chuyen-muc/thoi-su/index.html"))
    );
    assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
    // A tag's first page is prerendered too.
    assert_eq!(
        resolve(&out, "/the/giao-thong"),
        Resolved::File(out.join("the/giao-thong/index.html"))
    );
    let tag = read(&out, "the/giao-thong/index.html");
    assert!(tag.contains("<h1>Từ khóa: "), "{tag}");
    assert!(tag.contains(&format!("href=\"/bai-viet/{ARTICLE}\"")));
    // Every listing page is a file: a listing URL without one is not found
    // (a page past the end, an unknown tag), with the app's 404 view.
    assert_eq!(
        resolve(&out, "/moi-nhat"),
        Resolved::File(out.join("moi-nhat/index.html"))
    );
    for missing in [
        "/the/khong-co-the-nay",
        "/moi-nhat/trang/99",
        "/chuyen-muc/thoi-su/trang/0",
    ] {
        assert_eq!(
            resolve(&out, missing),
            Resolved::NotFound(Some(out.join("404.html"))),
            "{missing}"
        );
    }
    // Other routes without a page get the bare app shell, not the home page.
    assert_eq!(
        resolve(&out, "/bai-viet/khong-co-bai-nay"),
        Resolved::Fallback(out.join(APP_SHELL))
    );
    // The build's own dot files (manifest, parse cache) and a host's are never served.
    assert!(out.join(".bantin-manifest").is_file());
    for hidden in [
        "/.bantin-manifest",
        "/.htaccess",
        "/data/.x",
        "/%2Ebantin-manifest",
    ] {
        assert_eq!(
            resolve(&out, hidden),
            Resolved::NotFound(Some(out.join("404.html"))),
            "{hidden}"
        );
    }
}

#[test]
fn a_site_under_a_sub_path_links_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    fs::create_dir_all(&out).unwrap();
    // Trunk's shell at "/"; the base path comes from --base-url alone.
    fs::write(out.join("index.html"), shell()).unwrap();
    fs::write(out.join("main-0123456789abcdef.css"), "body{}").unwrap();
    run(&Options {
        content: fixtures().join("valid"),
        out: out.clone(),
        base_url: Some("https://tinh.example.vn/tin-tuc".to_string()),
        now: None,
    })
    .unwrap();
    let app = read(&out, APP_SHELL);
    assert!(app.contains("<base href=\"/tin-tuc/\" />"), "{app}");
    assert!(app.contains("href=\"/tin-tuc/main-0123456789abcdef.css\""));
    assert!(app.contains("data-js=\"/tin-tuc/bantin-app-0123456789abcdef.js\""));
    assert!(app.contains("data-wasm=\"/tin-tuc/bantin-app-0123456789abcdef_bg.wasm\""));
    assert!(app.contains("quote: it's kept as it is, '/x' too."));
    for rel in ["404.html", "index.html", "chuyen-muc/kinh-te/index.html"] {
        let page = read(&out, rel);
        assert!(page.contains("<base href=\"/tin-tuc/\" />"), "{rel}");
        assert!(
            page.contains("href=\"/tin-tuc/main-0123456789abcdef.css\""),
            "{rel}"
        );
        assert!(!page.contains("'/bantin-app"), "{rel}");
    }
    // The search page names the search module and the index's meta.txt early
    // in its head, before the page script (which asks for them when the
    // address has a query), under the base path; it preloads nothing itself.
    let search = read(&out, "tim-kiem/index.html");
    let named = "<meta name=\"bantin-index\" content=\"/tin-tuc/data/tim/meta.txt\" data-js=\"/tin-tuc/tim/bantin_search.js\" data-wasm=\"/tin-tuc/tim/bantin_search_bg.wasm\">";
    let at = search.find(named).expect(named);
    assert!(
        at < search.find("<script").unwrap(),
        "before the page script"
    );
    assert!(!search.contains("rel=\"modulepreload\"") && !search.contains("as=\"fetch\""));
    assert!(read(&out, "rss.xml").contains("<link>https://tinh.example.vn/tin-tuc/bai-viet/"));
    assert!(
        read(&out, "robots.txt").contains("Sitemap: https://tinh.example.vn/tin-tuc/sitemap.xml")
    );
    assert!(read(&out, ".htaccess").contains("ErrorDocument 404 /tin-tuc/404.html"));
    assert!(read(&out, "_headers").contains("\n/tin-tuc/main-0123456789abcdef.css\n  Cache-Control: public, max-age=31536000, immutable\n"));
    let site: SiteSettings = parse(&read(&out, "data/site.json")).unwrap();
    assert_eq!(
        site.base_url.as_deref(),
        Some("https://tinh.example.vn/tin-tuc")
    );

    // A rebuild at another base path moves the kept shell again: one setting, no second trunk build.
    run(&Options {
        content: fixtures().join("valid"),
        out: out.clone(),
        base_url: None,
        now: None,
    })
    .unwrap();
    let home = read(&out, "index.html");
    assert!(home.contains("<base href=\"/\" />"));
    assert!(home.contains("href=\"/main-0123456789abcdef.css\""));
    assert!(!home.contains("/tin-tuc/"));
    run(&Options {
        content: fixtures().join("valid"),
        out: out.clone(),
        base_url: Some("https://tinh.example.vn/tin-tuc/".to_string()),
        now: None,
    })
    .unwrap();
    let page = read(&out, &format!("bai-viet/{ARTICLE}/index.html"));
    let body = between(
        &page,
        "<div id=\"bt-static\">",
        "<script type=\"application/json\"",
    );
    assert!(body.contains("<a href=\"/tin-tuc/\" title=\"Trang chủ\" class=\"bt-header__brand\">"));
    assert!(body.contains("href=\"/tin-tuc/chuyen-muc/kinh-te\""));
    assert!(body.contains("<img src=\"/tin-tuc/anh/cau.svg\""));
    assert!(body.contains("href=\"/tin-tuc/the/giao-thong\""));
    // Every site link is under the base path.
    for part in body.split("href=\"/").skip(1) {
        assert!(
            part.starts_with("tin-tuc/"),
            "{}",
            &part[..40.min(part.len())]
        );
    }
    assert!(page.contains("href=\"/tin-tuc/rss.xml\""));

    // The pages and config.json name the same build under a sub-path too, and a
    // content-only rebuild (the kept, moved shell) keeps that id: no reload loops.
    let config: bantin_contract::RuntimeConfig =
        bantin_contract::parse(&read(&out, "config.json")).unwrap();
    let id = config.build.expect("a build id");
    assert_eq!(page_build(&page), id);
    run(&Options {
        content: fixtures().join("valid"),
        out: out.clone(),
        base_url: Some("https://tinh.example.vn/tin-tuc/".to_string()),
        now: None,
    })
    .unwrap();
    assert_eq!(page_build(&read(&out, "index.html")), id);
    assert!(read(&out, "config.json").contains(&id));
}

#[test]
fn a_bad_base_url_flag_is_refused_and_loses_nothing() {
    let (_dir, out) = built_with_shell(&fixtures().join("valid"));
    let before = snapshot(&out);
    for bad in [
        "/tin-tuc/",
        "tinh.gov.vn/tin-tuc",
        "https://a.vn/x?y=1",
        "ftp://a.vn/",
    ] {
        let err = run(&Options {
            content: fixtures().join("valid"),
            out: out.clone(),
            base_url: Some(bad.to_string()),
            now: None,
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("--base-url:1: --base-url phải là địa chỉ tuyệt đối"),
            "{err}"
        );
        assert!(err.contains(bad), "{err}");
    }
    assert_eq!(snapshot(&out), before, "the previous site is kept");
}

#[test]
fn every_listing_page_is_a_page_at_its_own_url() {
    // The sample site: 74 articles, so the latest news has 8 pages.
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (_dir, out) = built_with_shell(&content);
    let site: SiteSettings = parse(&read(&out, "data/site.json")).unwrap();
    let base = site.base_url.clone().unwrap();
    let latest: Listing = parse(&read(&out, "data/moi-nhat/1.json")).unwrap();
    let last = latest.page_count;
    assert!(last >= 3, "{last}");

    let page = read(&out, "moi-nhat/trang/2/index.html");
    assert_eq!(
        between(&page, "<title>", "</title>"),
        format!("Tin mới nhất – Trang 2 – {}", site.name)
    );
    for (rel, route) in [
        ("canonical", "moi-nhat/trang/2"),
        ("prev", "moi-nhat"),
        ("next", "moi-nhat/trang/3"),
    ] {
        assert!(
            page.contains(&format!("<link rel=\"{rel}\" href=\"{base}{route}\">")),
            "{rel}"
        );
    }
    // The pagination links are the pages' own URLs; page 1 is the bare listing.
    assert!(page.contains("rel=\"prev\" href=\"/moi-nhat\""));
    assert!(page.contains("rel=\"next\" href=\"/moi-nhat/trang/3\""));
    assert!(!page.contains("?trang="));
    let (doc, json) = island(&page, "bt-data");
    assert_eq!(doc, Some(paths::latest(2).as_str()));
    let l: Listing = parse(json).unwrap();
    assert_eq!(l.page, 2);
    let first = &l.items[0];
    assert!(page.contains(&format!("href=\"/bai-viet/{}\"", first.slug)));

    // Page 1 lives only at the bare URL; no page past the end.
    let bare = read(&out, "moi-nhat/index.html");
    assert!(bare.contains(&format!("<link rel=\"canonical\" href=\"{base}moi-nhat\">")));
    assert!(!bare.contains("rel=\"prev\" href"));
    assert!(!out.join("moi-nhat/trang/1").exists());
    assert!(out
        .join(format!("moi-nhat/trang/{last}/index.html"))
        .is_file());
    assert!(!out.join(format!("moi-nhat/trang/{}", last + 1)).exists());
    let last_page = read(&out, &format!("moi-nhat/trang/{last}/index.html"));
    assert!(!last_page.contains("rel=\"next\""));

    // Categories and tags too, each page with its own heading's title.
    for c in &site.categories {
        let l: Listing = parse(&read(
            &out,
            &format!("data/{}", paths::category(&c.slug, 1)),
        ))
        .unwrap();
        for p in 2..=l.page_count {
            let page = read(&out, &format!("chuyen-muc/{}/trang/{p}/index.html", c.slug));
            assert!(page.contains(&format!("<title>{} – Trang {p} – ", c.name)));
        }
    }

    // An unchanged rebuild renders and writes no listing page again.
    let report = build(&content, &out).unwrap();
    assert_eq!(report.written, 0, "{report:?}");
}

#[test]
fn a_site_in_english_has_english_pages() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(content.join("site.toml"), format!("lang = \"en\"\n{site}")).unwrap();
    let (_out_dir, out) = built_with_shell(&content);

    let settings = read(&out, "data/site.json");
    assert!(settings.contains("\"lang\":\"en\""), "{settings}");
    for page in [
        "index.html".to_string(),
        format!("bai-viet/{ARTICLE}/index.html"),
        "404.html".to_string(),
        APP_SHELL.to_string(),
    ] {
        let html = read(&out, &page);
        assert!(html.contains("<html lang=\"en\">"), "{page}: lang");
        assert!(!html.contains("lang=\"vi\""), "{page}: no Vietnamese lang");
    }
    let home = read(&out, "index.html");
    assert!(home.contains(">Skip to main content<"), "the app's strings");
    assert!(home.contains(">Home</a>"));
    assert!(
        !home.contains("Trang chủ"),
        "no Vietnamese UI string on the home page"
    );
    let article = read(&out, &format!("bai-viet/{ARTICLE}/index.html"));
    assert!(article.contains("Posted: "), "dates in English");
    assert!(article.contains("\"inLanguage\":\"en\""));
    assert!(read(&out, "404.html").contains("Page not found"));
    assert!(read(&out, APP_SHELL).contains(">Loading…<"));

    // The search page: the search module's markup in English, its note too.
    let search = read(&out, "tim-kiem/index.html");
    assert!(search.contains(&bantin_search::ui::markup::page_html(
        bantin_contract::strings::Lang::En,
        "",
        1,
        &bantin_search::ui::markup::Outcome::Prompt,
        &[],
        "/"
    )));
    assert!(search.contains("<label class=\"bt-sr\" for=\"bt-q-trang\">Search terms</label>"));
    assert!(search.contains(
        "<p class=\"bt-found__note\">Enter words to search the articles, with or without Vietnamese tone marks.</p>"
    ));
    assert!(search.contains("<noscript><p class=\"bt-found__note\">Search needs JavaScript."));
    assert!(search.contains("data-js=\"/tim/bantin_search.js\""));
    // (The header's box is the app's: not checked here.)
    for vi in [
        "Từ khóa",
        "Nhập từ khóa",
        "Tìm kiếm cần JavaScript",
        "<h1>Tìm kiếm</h1>",
        "type=\"submit\">Tìm kiếm</button>",
    ] {
        assert!(
            !search.contains(vi),
            "no Vietnamese in the search module's markup: {vi}"
        );
    }

    // Another language is refused on its line.
    fs::write(content.join("site.toml"), format!("lang = \"fr\"\n{site}")).unwrap();
    let e = build(&content, &out).unwrap_err();
    assert!(
        e.contains("site.toml:1: ngôn ngữ không được hỗ trợ: “fr”"),
        "{e}"
    );
}

/// The valid fixture with an English section in `en/`: its settings (with
/// `extra` appended), a page and an article translating `translates`.
fn with_english(extra: &str, translates: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    fs::create_dir_all(content.join("en/articles")).unwrap();
    fs::create_dir_all(content.join("en/pages")).unwrap();
    fs::write(
        content.join("en/site.toml"),
        format!(
            "{top}name = \"Test Portal\"\nlang = \"en\"\n[[categories]]\nslug = \"kinh-te\"\nname = \"Economy\"\n\
             [[menu]]\nname = \"About\"\nitems = [{{ page = \"about\" }}, {{ name = \"Vietnamese news\", url = \"/moi-nhat\" }}]\n{tables}",
            top = if extra.starts_with('[') { "" } else { extra },
            tables = if extra.starts_with('[') { extra } else { "" },
        ),
    )
    .unwrap();
    fs::create_dir_all(content.join("pages")).unwrap();
    fs::write(
        content.join("pages/gioi-thieu.md"),
        "+++\ntitle = \"Giới thiệu\"\n+++\nCổng thử nghiệm.\n",
    )
    .unwrap();
    fs::write(
        content.join("en/pages/about.md"),
        "+++\ntitle = \"About us\"\ntranslation_of = \"gioi-thieu\"\n+++\nA test portal.\n\n![A bridge](/anh/cau-thu.svg)\n",
    )
    .unwrap();
    fs::write(
        content.join("en/articles/bridge.md"),
        format!(
            "+++\ntitle = \"Work starts on the Đông Hà bridge\"\ndate = \"2026-01-05 08:00\"\ncategory = \"kinh-te\"\n\
             translation_of = \"{translates}\"\n+++\nThe bridge joins both banks. See [the Vietnamese news](/moi-nhat).\n"
        ),
    )
    .unwrap();
    fs::write(
        content.join("anh/cau-thu.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\" viewBox=\"0 0 40 20\"/>",
    )
    .unwrap();
    (dir, content)
}

#[test]
fn an_english_section_is_a_site_of_its_own_under_en() {
    let (_dir, content) = with_english("", ARTICLE);
    let (_out_dir, out) = built_with_shell(&content);
    let en = "bai-viet/work-starts-on-the-dong-ha-bridge";

    // Its own shell: English, based at /en/, with the root's app files.
    let shell = read(&out, "en/app.html");
    assert!(shell.contains("<html lang=\"en\">"), "{shell}");
    assert!(shell.contains("<base href=\"/en/\" />"));
    assert!(shell.contains("<meta name=\"bantin-root\" content=\"/\" />"));
    let main_build = between(
        &read(&out, APP_SHELL),
        "name=\"bantin-build\" content=\"",
        "\"",
    )
    .to_string();
    assert!(shell.contains(&format!("name=\"bantin-build\" content=\"{main_build}\"")));

    // Its own data, pages, feeds and sitemaps.
    let settings: SiteSettings = parse(&read(&out, "en/data/site.json")).unwrap();
    assert_eq!(settings.lang.as_deref(), Some("en"));
    assert_eq!(
        settings.base_url.as_deref(),
        Some("http://127.0.0.1:8080/en/")
    );
    assert_eq!(settings.menu[0].items[0].url, "/en/trang/about");
    assert_eq!(settings.menu[0].items[1].url, "/moi-nhat");
    let langs: Vec<(&str, &str)> = settings
        .languages
        .iter()
        .map(|l| (l.lang.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(langs, [("vi", "/"), ("en", "/en/")]);
    let article: Article = parse(&read(
        &out,
        &format!(
            "en/data/{}",
            paths::article("work-starts-on-the-dong-ha-bridge")
        ),
    ))
    .unwrap();
    assert_eq!(article.translations[0].url, format!("/bai-viet/{ARTICLE}"));
    let page = read(&out, &format!("en/{en}/index.html"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        !page.contains("oembed"),
        "no card for a section's article: {page}"
    );
    assert!(page.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"{BASE}bai-viet/{ARTICLE}\">"
    )));
    assert!(page.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}en/{en}\">"
    )));
    // The switcher leads to the translation; content paths start at the root.
    assert!(
        page.contains(&format!(
            "href=\"/bai-viet/{ARTICLE}\" lang=\"vi\" rel=\"external\""
        )),
        "{page}"
    );
    assert!(
        page.contains("href=\"/moi-nhat\" rel=\"external\""),
        "{page}"
    );
    let about = read(&out, "en/trang/about/index.html");
    assert!(about.contains("src=\"/anh/cau-thu.svg\""), "{about}");
    // A page names the page it translates too.
    assert!(about.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"{BASE}trang/gioi-thieu\">"
    )));
    assert!(about.contains("href=\"/trang/gioi-thieu\" lang=\"vi\" rel=\"external\""));
    let gioi_thieu = read(&out, "trang/gioi-thieu/index.html");
    assert!(gioi_thieu.contains("href=\"/en/trang/about\" lang=\"en\" rel=\"external\""));
    assert!(read(&out, "en/404.html").contains("<html lang=\"en\">"));
    assert!(read(&out, "en/rss.xml").contains("<language>en</language>"));
    assert!(read(&out, "en/sitemap.xml").contains(&format!("{BASE}en/sitemap-")));
    assert!(read(&out, "robots.txt").contains(&format!("Sitemap: {BASE}en/sitemap.xml")));
    assert!(!out.join("en/robots.txt").exists());
    // The section's search page reads the section's index with the whole site's module.
    let search = read(&out, "en/tim-kiem/index.html");
    assert!(search.contains(
        "<meta name=\"bantin-index\" content=\"/en/data/tim/meta.txt\" data-js=\"/tim/bantin_search.js\" data-wasm=\"/tim/bantin_search_bg.wasm\">"
    ));
    assert!(
        out.join("en/data/tim-kiem").is_dir()
            || out.join("en/data").read_dir().unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("tim"))
    );

    // The Vietnamese article names its translation, and its switcher leads there.
    let vi: Article = parse(&read(&out, &format!("data/{}", paths::article(ARTICLE)))).unwrap();
    assert_eq!(vi.translations[0].url, format!("/en/{en}"));
    let vi_page = read(&out, &format!("bai-viet/{ARTICLE}/index.html"));
    assert!(vi_page.contains(&format!("href=\"/en/{en}\" lang=\"en\" rel=\"external\"")));
    // Other Vietnamese pages lead to the English home.
    assert!(read(&out, "moi-nhat/index.html").contains("href=\"/en/\" lang=\"en\""));

    // Hosts send each section's unknown paths its own 404 page.
    let redirects = read(&out, "_redirects");
    let en_404 = redirects
        .find("/en/*  /en/404.html  404")
        .expect("the section's 404 rule");
    assert!(
        en_404 < redirects.find("\n/*  /404.html  404").unwrap(),
        "{redirects}"
    );
    assert!(
        read(&out, "nginx.conf").contains("location /en/ {\n        error_page 404 /en/404.html;")
    );
    assert!(read(&out, ".htaccess").contains("ErrorDocument 404 /en/404.html"));
    assert!(read(&out, "_headers").contains("\n/en/data/*\n"));
    // `bantin serve` does as the hosts do.
    use bantin_build::serve::{resolve, Resolved};
    assert_eq!(
        resolve(&out, "/en/khong-co"),
        Resolved::Fallback(out.join("en/app.html"))
    );
    assert_eq!(
        resolve(&out, "/en/moi-nhat/trang/9"),
        Resolved::NotFound(Some(out.join("en/404.html")))
    );
    assert_eq!(
        resolve(&out, "/en/moi-nhat/trang/1"),
        Resolved::Redirect("/en/moi-nhat".into())
    );
    assert_eq!(
        resolve(&out, "/en/anh/khong-co.svg"),
        Resolved::NotFound(Some(out.join("en/404.html")))
    );
    // The root's service worker leaves the section to its own.
    assert!(read(&out, "sw.js").contains("const SECTIONS = [\"en/\"];"));
    let en_sw = read(&out, "en/sw.js");
    assert!(
        en_sw.contains(&format!("const BUILD = \"{main_build}\";")),
        "the section's worker serves pages of the one build"
    );
    assert!(en_sw.contains("const BASE = \"/en/\";") && en_sw.contains("const ROOT = \"/\";"));
}

#[test]
fn a_bad_section_is_refused_on_its_line() {
    for (extra, translates, want) in [
        ("", "khong-co-bai-nay", "en/articles/bridge.md:5: translation_of: không có bài viết có slug “khong-co-bai-nay”"),
        ("base_url = \"https://x.vn/en/\"\n", ARTICLE, "en/site.toml:1: khóa `base_url` chỉ đặt trong site.toml của cổng chính"),
        ("[[menu]]\nname = \"X\"\nurl = \"/trang/khong-co\"\n", ARTICLE, "en/site.toml:11: liên kết trỏ tới nội dung không có: trang không tồn tại: “khong-co”"),
        ("[[menu]]\nname = \"X\"\nurl = \"/en/bai-viet/khong-co\"\n", ARTICLE, "en/site.toml:11: liên kết trỏ tới nội dung không có: bài viết không tồn tại: “khong-co”"),
    ] {
        let (_dir, content) = with_english(extra, translates);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), shell()).unwrap();
        let before = snapshot(&out);
        let e = build(&content, &out).unwrap_err();
        assert!(e.contains(want), "{e}\nshould name {want}");
        assert_eq!(snapshot(&out), before, "{want}: the output is untouched");
    }
    // A page translating no page of the main site.
    let (_dir, content) = with_english("", ARTICLE);
    let about = content.join("en/pages/about.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, text.replace("\"gioi-thieu\"", "\"khong-co\"")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = build(&content, &dir.path().join("dist")).unwrap_err();
    assert!(
        e.contains("en/pages/about.md:3: translation_of: không có trang “khong-co” trong cổng chính (content/pages: gioi-thieu)"),
        "{e}"
    );
    // Two translations of one article into one language.
    let (_dir, content) = with_english("", ARTICLE);
    let text = fs::read_to_string(content.join("en/articles/bridge.md")).unwrap();
    fs::write(
        content.join("en/articles/bridge-again.md"),
        text.replace("Work starts on", "Building starts on"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = build(&content, &dir.path().join("dist")).unwrap_err();
    assert!(
        e.contains(&format!(
            "en/articles/bridge.md:5: bài “{ARTICLE}” đã có bản dịch “en”: "
        )) && e.contains("bridge-again.md:5"),
        "{e}"
    );
    // A section in the main site's language.
    let (_dir, content) = with_english("", ARTICLE);
    let toml = fs::read_to_string(content.join("en/site.toml")).unwrap();
    fs::write(
        content.join("en/site.toml"),
        toml.replace("lang = \"en\"", "lang = \"vi\""),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = build(&content, &dir.path().join("dist")).unwrap_err();
    assert!(
        e.contains("en/site.toml:1: mục “en” cùng ngôn ngữ (“vi”) với cổng chính"),
        "{e}"
    );
    // A main site's article cannot name a translation_of.
    let (_dir, content) = with_english("", ARTICLE);
    let vi = content.join("articles/thoi-su/hop-bao.md");
    let text = fs::read_to_string(&vi).unwrap();
    fs::write(
        &vi,
        text.replacen("+++\n", "+++\ntranslation_of = \"gia-lua-tang\"\n", 1),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = build(&content, &dir.path().join("dist")).unwrap_err();
    assert!(
        e.contains("hop-bao.md:2: translation_of chỉ dùng cho bài viết của mục ngôn ngữ khác"),
        "{e}"
    );
}

#[test]
fn every_page_of_the_sample_site_shares_a_raster_card() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (_dir, out) = built_with_shell(&content);
    // The app shells, the embed tool's pages, the web editor (never indexed) and
    // the old addresses' redirect pages (`aliases`) are not pages readers share.
    let pages: Vec<String> = crate::common::snapshot(&out)
        .into_keys()
        .filter(|p| p.ends_with(".html") && !p.ends_with("app.html") && !p.starts_with("nhung/"))
        .filter(|p| !p.starts_with("quan-tri/"))
        .filter(|p| !read(&out, p).contains("<meta http-equiv=\"refresh\""))
        .collect();
    assert!(pages.len() > 150, "{}", pages.len());
    let mut cards = std::collections::BTreeSet::new();
    for p in &pages {
        let page = read(&out, p);
        let card = meta(&page, "property", "og:image");
        assert_eq!(meta(&page, "name", "twitter:image"), card, "{p}");
        assert_eq!(
            meta(&page, "name", "twitter:card"),
            "summary_large_image",
            "{p}"
        );
        let file = card
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{p}: {card}"));
        let bytes = fs::read(out.join(file)).unwrap_or_else(|e| panic!("{p}: {file}: {e}"));
        let (format, w, h) = bantin_build::cards::inspect(&bytes).unwrap();
        assert!(
            matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png),
            "{p}: {format:?}"
        );
        assert_eq!((w, h), (1200, 630), "{p}");
        assert!(bytes.len() < 300 * 1024, "{p}: {} bytes", bytes.len());
        cards.insert(file.to_string());
    }
    // Pages share a card only when they show the same thing (a listing's pages).
    assert!(cards.len() > pages.len() / 2, "{} cards", cards.len());
    // And the output holds no other card.
    let all = fs::read_dir(out.join("chia-se")).unwrap().count();
    assert_eq!(all, cards.len());
}
