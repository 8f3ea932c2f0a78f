//! Feeds and sitemaps written by `bantin build`: well-formed XML, newest first,
//! the news sitemap's window, escaping, and the previous output kept on failure.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, fixtures, snapshot};
use bantin_build::build::{run, BuildError, Options};
use bantin_contract::date::parse_rfc3339;
use bantin_contract::{parse, paths, Listing};
use roxmltree::{Document, Node};

const BASE: &str = "http://127.0.0.1:8080/";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// A title that must be escaped in XML.
const TRICKY: &str = "Giá \"lúa\" & gạo <tăng> 5% – 'kỷ lục'";

/// The valid fixture plus a newest article with [`TRICKY`] as its title, built into `dist`.
fn built() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    fs::write(
        content.join("articles/thoi-su/ky-tu.md"),
        "+++\ntitle = '''Giá \"lúa\" & gạo <tăng> 5% – 'kỷ lục''''\nslug = \"ky-tu\"\n\
         date = \"2024-01-24T09:00:00+07:00\"\ncategory = \"thoi-su\"\n\
         lead = \"Mở đầu có <b>thẻ</b> & dấu.\"\n+++\n\nThân bài.\n",
    )
    .unwrap();
    let out = dir.path().join("dist");
    run(&Options {
        content: content.clone(),
        out: out.clone(),
        base_url: None,
        now: None,
    })
    .unwrap();
    (dir, content, out)
}

fn xml(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

fn field<'a>(n: Node<'a, '_>, name: &str) -> &'a str {
    child(n, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", n.tag_name().name()))
}

/// `Tue, 23 Jan 2024 08:30:00 +0700` to Unix seconds.
fn rfc822(s: &str) -> i64 {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let p: Vec<&str> = s.split(' ').collect();
    assert_eq!(p.len(), 6, "{s}");
    assert_eq!(p[5], "+0700", "{s}");
    let month = MONTHS.iter().position(|m| *m == p[2]).unwrap() + 1;
    let t = parse_rfc3339(&format!("{}-{month:02}-{}T{}+07:00", p[3], p[1], p[4])).unwrap();
    // The weekday must match the date.
    let day = bantin_build::feeds::rfc822(t);
    assert_eq!(day, s);
    t
}

/// Every file the build wrote outside `data/`, `anh/`, the embed files (`nhung/`,
/// `oembed/`) and the web editor (`quan-tri/`).
fn feed_files(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|k| {
            k != "config.json"
                && !["data/", "anh/", "nhung/", "oembed/", "quan-tri/"]
                    .iter()
                    .any(|p| k.starts_with(p))
        })
        .collect()
}

#[test]
fn every_feed_and_sitemap_is_well_formed() {
    let (_dir, _content, out) = built();
    let files = feed_files(&out);
    assert_eq!(
        files,
        [
            ".htaccess",
            "_headers",
            "_redirects",
            "chuyen-muc/giao-duc/rss.xml",
            "chuyen-muc/kinh-te/rss.xml",
            "chuyen-muc/thoi-su/rss.xml",
            "nginx.conf",
            "robots.txt",
            "rss.xml",
            "sitemap-bai-viet-1.xml",
            "sitemap-tin-moi.xml",
            "sitemap-trang.xml",
            "sitemap.xml",
        ]
    );
    for f in files.iter().filter(|f| f.ends_with(".xml")) {
        let text = xml(&out.join(f));
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        Document::parse(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    assert_eq!(
        xml(&out.join("robots.txt")),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn site_feed_is_newest_first_and_escaped() {
    let (_dir, _content, out) = built();
    let text = xml(&out.join("rss.xml"));
    let doc = Document::parse(&text).unwrap();
    let rss = doc.root_element();
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, "channel").unwrap();
    assert_eq!(field(channel, "title"), "Cổng Thông tin thử nghiệm");
    assert_eq!(field(channel, "link"), BASE);
    assert_eq!(field(channel, "description"), "Tin tức – Sự kiện");
    assert_eq!(field(channel, "language"), "vi");
    let atom = channel
        .children()
        .find(|c| c.has_tag_name((ATOM_NS, "link")))
        .unwrap();
    assert_eq!(atom.attribute("rel"), Some("self"));
    assert_eq!(atom.attribute("href"), Some(&*format!("{BASE}rss.xml")));

    let items: Vec<Node> = channel
        .children()
        .filter(|c| c.has_tag_name("item"))
        .collect();
    let latest: Listing = parse(&xml(&out.join("data").join(paths::latest(1)))).unwrap();
    let want: Vec<String> = latest
        .items
        .iter()
        .map(|s| format!("{BASE}bai-viet/{}", s.slug))
        .collect();
    let links: Vec<&str> = items.iter().map(|i| field(*i, "link")).collect();
    assert_eq!(links, want);
    let dates: Vec<i64> = items.iter().map(|i| rfc822(field(*i, "pubDate"))).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // lastBuildDate is the newest change of an item: here the update of
    // khoi-cong-cau (24/1 10:00), later than the newest publication (24/1 09:00).
    assert_eq!(
        rfc822(field(channel, "lastBuildDate")),
        parse_rfc3339("2024-01-24T10:00:00+07:00").unwrap()
    );
    assert!(dates[0] < parse_rfc3339("2024-01-24T10:00:00+07:00").unwrap());

    let first = items[0];
    assert_eq!(field(first, "title"), TRICKY);
    assert_eq!(field(first, "description"), "Mở đầu có <b>thẻ</b> & dấu.");
    assert_eq!(field(first, "category"), "Thời sự");
    let guid = child(first, "guid").unwrap();
    assert_eq!(guid.attribute("isPermaLink"), Some("true"));
    assert_eq!(guid.text(), Some(&*format!("{BASE}bai-viet/ky-tu")));
    assert!(
        text.contains("&amp; gạo &lt;tăng&gt;"),
        "raw text is escaped"
    );

    // The article with a cover carries it as media:content with its size.
    let item = items
        .iter()
        .find(|i| field(**i, "link").ends_with("/khoi-cong-cau-dong-ha-noi-hai-bo-song-lam"))
        .unwrap();
    let media = item
        .children()
        .find(|c| c.tag_name().name() == "content")
        .unwrap();
    assert_eq!(media.attribute("url"), Some(&*format!("{BASE}anh/cau.svg")));
    assert_eq!(media.attribute("medium"), Some("image"));
}

#[test]
fn category_feeds() {
    let (_dir, _content, out) = built();
    let text = xml(&out.join("chuyen-muc/thoi-su/rss.xml"));
    let doc = Document::parse(&text).unwrap();
    let channel = child(doc.root_element(), "channel").unwrap();
    assert_eq!(
        field(channel, "title"),
        "Thời sự – Cổng Thông tin thử nghiệm"
    );
    assert_eq!(field(channel, "link"), format!("{BASE}chuyen-muc/thoi-su"));
    assert_eq!(field(channel, "description"), "Tin chỉ đạo, điều hành.");
    let items: Vec<Node> = channel
        .children()
        .filter(|c| c.has_tag_name("item"))
        .collect();
    let listing: Listing =
        parse(&xml(&out.join("data").join(paths::category("thoi-su", 1)))).unwrap();
    assert_eq!(items.len(), listing.total as usize);
    assert!(items.iter().all(|i| field(*i, "category") == "Thời sự"));
    let dates: Vec<i64> = items.iter().map(|i| rfc822(field(*i, "pubDate"))).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // An empty category still has a valid feed, dated by the site's newest change.
    let text = xml(&out.join("chuyen-muc/giao-duc/rss.xml"));
    let doc = Document::parse(&text).unwrap();
    let channel = child(doc.root_element(), "channel").unwrap();
    assert_eq!(
        channel
            .children()
            .filter(|c| c.has_tag_name("item"))
            .count(),
        0
    );
    assert!(child(channel, "lastBuildDate").is_some());
}

fn locs(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .map(|n| n.text().unwrap().to_string())
        .collect()
}

#[test]
fn sitemaps() {
    let (_dir, _content, out) = built();
    let index_text = xml(&out.join("sitemap.xml"));
    let index = Document::parse(&index_text).unwrap();
    assert!(index
        .root_element()
        .has_tag_name((SITEMAP_NS, "sitemapindex")));
    let shards = locs(&index);
    assert_eq!(
        shards,
        [
            format!("{BASE}sitemap-trang.xml"),
            format!("{BASE}sitemap-tin-moi.xml"),
            format!("{BASE}sitemap-bai-viet-1.xml"),
        ]
    );
    for s in &shards {
        assert!(out.join(s.strip_prefix(BASE).unwrap()).is_file(), "{s}");
    }

    let text = xml(&out.join("sitemap-bai-viet-1.xml"));
    let doc = Document::parse(&text).unwrap();
    let urls: Vec<Node> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((SITEMAP_NS, "url")))
        .collect();
    assert_eq!(urls.len(), 6);
    let lastmod = |slug: &str| {
        let loc = format!("{BASE}bai-viet/{slug}");
        let u = urls.iter().find(|u| field(**u, "loc") == loc).unwrap();
        field(*u, "lastmod").to_string()
    };
    // lastmod is the update time when there is one, else the publication time.
    assert_eq!(
        lastmod("khoi-cong-cau-dong-ha-noi-hai-bo-song-lam"),
        "2024-01-24T10:00:00+07:00"
    );
    assert_eq!(lastmod("gia-lua-tang"), "2024-01-20T07:00:00+07:00");

    let text = xml(&out.join("sitemap-trang.xml"));
    let pages = locs(&Document::parse(&text).unwrap());
    for p in [
        String::new(),
        "moi-nhat".into(),
        "chuyen-muc/thoi-su".into(),
        "chuyen-muc/kinh-te".into(),
        "chuyen-muc/giao-duc".into(),
        "the/giao-thong".into(),
    ] {
        assert!(pages.contains(&format!("{BASE}{p}")), "{p}: {pages:?}");
    }
}

#[test]
fn news_sitemap_window() {
    let (_dir, _content, out) = built();
    let text = xml(&out.join("sitemap-tin-moi.xml"));
    let doc = Document::parse(&text).unwrap();
    let news: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NEWS_NS, "news")))
        .collect();
    // The newest article is 2024-01-24 09:00; two days back reaches 2024-01-22 09:00:
    // ky-tu (24th), khoi-cong-cau (23rd 08:30) and hop-bao (22nd 15:00), not cau-moi (21st).
    let titles: Vec<&str> = news
        .iter()
        .map(|n| {
            n.children()
                .find(|c| c.has_tag_name((NEWS_NS, "title")))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(
        titles,
        [
            TRICKY,
            "Khởi công cầu Đông Hà nối hai bờ sông Lam",
            "Họp báo công bố kế hoạch đầu tư công năm 2024",
        ]
    );
    let n = news[0];
    let publication = n
        .children()
        .find(|c| c.has_tag_name((NEWS_NS, "publication")))
        .unwrap();
    let pub_text = |name: &str| {
        publication
            .children()
            .find(|c| c.has_tag_name((NEWS_NS, name)))
            .and_then(|c| c.text())
    };
    assert_eq!(pub_text("name"), Some("Cổng Thông tin thử nghiệm"));
    assert_eq!(pub_text("language"), Some("vi"));
    let date = n
        .children()
        .find(|c| c.has_tag_name((NEWS_NS, "publication_date")))
        .unwrap();
    assert_eq!(date.text(), Some("2024-01-24T09:00:00+07:00"));
}

#[test]
fn missing_base_url_fails_and_keeps_the_previous_output() {
    let (dir, content, out) = built();
    fs::write(out.join("index.html"), "app").unwrap();
    // A leftover shard of a bigger site is removed by the next build.
    fs::write(out.join("sitemap-bai-viet-7.xml"), "old").unwrap();
    run(&Options {
        content: content.clone(),
        out: out.clone(),
        base_url: None,
        now: None,
    })
    .unwrap();
    assert!(!out.join("sitemap-bai-viet-7.xml").exists());
    assert!(out.join("index.html").exists());
    let before = snapshot(&out);

    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let without: String = site
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(content.join("site.toml"), without).unwrap();
    let Err(BuildError::Content(d)) = run(&Options {
        content: content.clone(),
        out: out.clone(),
        base_url: None,
        now: None,
    }) else {
        panic!("a site without base_url must not build");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    let shown = d[0].to_string();
    assert!(
        shown.starts_with(&format!("{}:1: ", content.join("site.toml").display())),
        "{shown}"
    );
    assert!(
        shown.contains("base_url") && shown.contains("site.toml"),
        "{shown}"
    );
    assert_eq!(snapshot(&out), before, "the previous output is untouched");
    drop(dir);
}
