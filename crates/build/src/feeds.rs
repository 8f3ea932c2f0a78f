//! Feeds and discovery files, written at the output's top level next to `data/`:
//!
//! - `rss.xml` and `chuyen-muc/<slug>/rss.xml`: RSS 2.0, the latest articles;
//! - `sitemap.xml`: a sitemap index of `sitemap-trang.xml` (home, latest news,
//!   category and tag pages), `sitemap-tin-moi.xml` (a Google News sitemap of the
//!   last two days) and `sitemap-bai-viet-<n>.xml` (every article, in shards);
//! - `robots.txt`: allows everything and names the sitemap index.
//!
//! Everything is made from the [`Model`] alone, so the same content always gives
//! the same bytes: no clock is read ("now" is the newest article's date).

use std::fmt::Write as _;
use std::io;

use bantin_contract::date::{VnDateTime, VN_OFFSET_SECS};
use bantin_contract::paths::routes;
use bantin_contract::SiteSettings;

use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::render::Model;
use crate::summary::{lead_text, rfc3339};
use rayon::prelude::*;

/// Items in each RSS feed, newest first.
pub const FEED_ITEMS: usize = 50;
/// URLs in each article sitemap shard (the protocol allows 50,000; smaller shards
/// keep files small and let older shards stay unchanged as articles are added).
pub const SHARD_URLS: usize = 10_000;
/// How far back from the newest article the news sitemap reaches.
pub const NEWS_WINDOW_SECS: i64 = 2 * 86_400;
/// Google News reads at most this many URLs from a news sitemap.
pub const NEWS_MAX: usize = 1_000;

/// The site's RSS feed.
pub const RSS: &str = "rss.xml";
/// The sitemap index.
pub const SITEMAP: &str = "sitemap.xml";
/// The sitemap of the home, latest news, category and tag pages.
pub const SITEMAP_PAGES: &str = "sitemap-trang.xml";
/// The Google News sitemap.
pub const SITEMAP_NEWS: &str = "sitemap-tin-moi.xml";
/// The robots file.
pub const ROBOTS: &str = "robots.txt";

const SHARD_PREFIX: &str = "sitemap-bai-viet-";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// Article sitemap shard `n` (1-based; shard 1 holds the oldest articles).
pub fn article_sitemap(n: usize) -> String {
    format!("{SHARD_PREFIX}{n}.xml")
}

/// A category's RSS feed, relative to the output root.
pub fn category_feed(slug: &str) -> String {
    format!("{}/{RSS}", routes::category(slug, 1))
}

/// True for the top-level names these files use, so a later build may remove
/// the ones it no longer writes (sitemap shards of a site that shrank).
pub fn is_owned(name: &str) -> bool {
    [RSS, SITEMAP, SITEMAP_PAGES, SITEMAP_NEWS, ROBOTS].contains(&name)
        || name
            .strip_prefix(SHARD_PREFIX)
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The site's absolute base URL from `site.toml`, ending in `/`.
///
/// Feeds and sitemaps need absolute URLs, so a missing or relative `base_url`
/// is an error (the message is Vietnamese, for [`check_base_url`]).
pub fn base_url(site: &SiteSettings) -> Result<String, String> {
    let Some(raw) = site.base_url.as_deref().map(str::trim) else {
        return Err(
            "thiếu khóa `base_url` trong site.toml: RSS, sitemap và robots.txt cần địa chỉ \
                    gốc tuyệt đối của trang, ví dụ base_url = \"https://tintuc.example.vn/\""
                .to_string(),
        );
    };
    let lower = raw.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
    if !host_ok || raw.contains(['?', '#']) || raw.contains(char::is_whitespace) {
        return Err(format!(
            "base_url trong site.toml phải là địa chỉ tuyệt đối bắt đầu bằng http:// hoặc https:// \
             (không có ? hay #), ví dụ “https://tintuc.example.vn/”; đang là “{raw}”"
        ));
    }
    Ok(if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    })
}

/// [`base_url`] as a diagnostic on the `base_url` line of `site.toml` (`path`, `text`).
pub fn check_base_url(site: &SiteSettings, path: &str, text: &str) -> Result<String, Diagnostic> {
    base_url(site).map_err(|msg| {
        let line = text
            .lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix("base_url")
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map_or(1, |i| i + 1);
        Diagnostic::new(path, line, msg)
    })
}

/// Escapes text for XML content and attribute values, dropping the control
/// characters XML 1.0 does not allow.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 822 date-time in Vietnam time, as RSS wants: `Tue, 23 Jan 2024 08:30:00 +0700`.
pub fn rfc822(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = VnDateTime::from_unix(secs);
    // 1970-01-01 was a Thursday.
    let weekday = (secs + VN_OFFSET_SECS).div_euclid(86_400).rem_euclid(7) as usize;
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0700",
        DAYS[weekday],
        d.day,
        MONTHS[d.month as usize - 1],
        d.year,
        d.hour,
        d.minute,
        d.second
    )
}

/// One file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// `rss.xml`.
    SiteFeed,
    /// A category's feed (index in `site.categories`).
    CategoryFeed(usize),
    /// `sitemap.xml`.
    Index,
    /// `sitemap-trang.xml`.
    Pages,
    /// `sitemap-tin-moi.xml`.
    News,
    /// An article shard, 1-based.
    Shard(usize),
    /// `robots.txt`.
    Robots,
}

/// The feeds of a site, with absolute URLs under `base` (which ends in `/`).
pub struct Feeds<'a> {
    model: &'a Model,
    base: &'a str,
    /// The whole site's address, where content paths (`/anh/…`) start.
    root: &'a str,
}

impl<'a> Feeds<'a> {
    /// Feeds of `model`; `base` comes from [`base_url`].
    pub fn new(model: &'a Model, base: &'a str) -> Self {
        Feeds {
            model,
            base,
            root: base,
        }
    }

    /// Every file, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::SiteFeed];
        jobs.extend((0..self.model.site.categories.len()).map(Job::CategoryFeed));
        jobs.extend([Job::Index, Job::Pages, Job::News]);
        jobs.extend((1..=self.shard_count()).map(Job::Shard));
        jobs.push(Job::Robots);
        jobs
    }

    /// The path (relative to the output root) and text of one file.
    pub fn render(&self, job: Job) -> (String, String) {
        match job {
            Job::SiteFeed => (RSS.to_string(), self.site_feed()),
            Job::CategoryFeed(c) => (
                category_feed(&self.model.site.categories[c].slug),
                self.category_feed(c),
            ),
            Job::Index => (SITEMAP.to_string(), self.sitemap_index()),
            Job::Pages => (SITEMAP_PAGES.to_string(), self.sitemap_pages()),
            Job::News => (SITEMAP_NEWS.to_string(), self.sitemap_news()),
            Job::Shard(n) => (article_sitemap(n), self.sitemap_shard(n)),
            Job::Robots => (ROBOTS.to_string(), self.robots()),
        }
    }

    /// Every file, as (path, text).
    pub fn files(&self) -> Vec<(String, String)> {
        self.jobs().into_iter().map(|j| self.render(j)).collect()
    }

    /// The site's language tag (`vi`, `en`).
    fn lang(&self) -> &'static str {
        bantin_contract::strings::Lang::from_tag(
            self.model.site.lang.as_deref().unwrap_or_default(),
        )
        .tag()
    }

    fn url(&self, route: &str) -> String {
        format!("{}{route}", self.base)
    }

    fn article_url(&self, i: usize) -> String {
        self.url(&routes::article(&self.model.articles[i].slug))
    }

    /// When article `i` last changed: its update time, else its publication time.
    fn lastmod(&self, i: usize) -> i64 {
        let a = &self.model.articles[i];
        a.updated.unwrap_or(a.published)
    }

    fn newest_change(&self, items: impl Iterator<Item = usize>) -> Option<i64> {
        items.map(|i| self.lastmod(i)).max()
    }

    /// An image URL made absolute: `/anh/x.jpg` under the base URL.
    fn image_url(&self, src: &str) -> Option<String> {
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            Some(src.to_string())
        } else if src.starts_with("//") || src.contains(':') {
            None
        } else {
            // Content paths start at the whole site's root (a section's base is under it).
            Some(format!("{}{}", self.root, src.trim_start_matches('/')))
        }
    }

    /// `rss.xml`: the latest articles of the whole site.
    pub fn site_feed(&self) -> String {
        let site = &self.model.site;
        let n = self.model.articles.len().min(FEED_ITEMS);
        self.rss(
            &site.name,
            self.base,
            site.tagline.as_deref().unwrap_or(&site.name),
            &self.url(RSS),
            &(0..n).collect::<Vec<_>>(),
        )
    }

    /// `chuyen-muc/<slug>/rss.xml`: the latest articles of category `c`.
    pub fn category_feed(&self, c: usize) -> String {
        let site = &self.model.site;
        let cat = &site.categories[c];
        let items = &self.model.by_category[c];
        let items: Vec<usize> = items.iter().take(FEED_ITEMS).map(|&i| i as usize).collect();
        let fallback = match self.lang() {
            "en" => format!("{} news – {}", cat.name, site.name),
            _ => format!("Tin {} – {}", cat.name, site.name),
        };
        self.rss(
            &format!("{} – {}", cat.name, site.name),
            &self.url(&routes::category(&cat.slug, 1)),
            cat.description.as_deref().unwrap_or(&fallback),
            &self.url(&category_feed(&cat.slug)),
            &items,
        )
    }

    fn rss(&self, title: &str, link: &str, description: &str, me: &str, items: &[usize]) -> String {
        let mut x = String::with_capacity(1024 + items.len() * 1024);
        x.push_str(XML_HEAD);
        x.push_str(
            "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
             xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n",
        );
        let _ = writeln!(x, "  <title>{}</title>", escape(title));
        let _ = writeln!(x, "  <link>{}</link>", escape(link));
        let _ = writeln!(x, "  <description>{}</description>", escape(description));
        let _ = writeln!(x, "  <language>{}</language>", self.lang());
        x.push_str("  <generator>bantin</generator>\n");
        // The feed changed when its newest item did; an empty feed takes the site's newest change.
        let built = self
            .newest_change(items.iter().copied())
            .or_else(|| self.newest_change(0..self.model.articles.len()));
        if let Some(t) = built {
            let _ = writeln!(x, "  <lastBuildDate>{}</lastBuildDate>", rfc822(t));
        }
        let _ = writeln!(
            x,
            "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
            escape(me)
        );
        for &i in items {
            self.rss_item(&mut x, i);
        }
        x.push_str("</channel>\n</rss>\n");
        x
    }

    fn rss_item(&self, x: &mut String, i: usize) {
        let a = &self.model.articles[i];
        let url = escape(&self.article_url(i));
        x.push_str("  <item>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&a.title));
        let _ = writeln!(x, "    <link>{url}</link>");
        let _ = writeln!(x, "    <guid isPermaLink=\"true\">{url}</guid>");
        let _ = writeln!(x, "    <pubDate>{}</pubDate>", rfc822(a.published));
        if let Some(lead) = lead_text(a) {
            let _ = writeln!(x, "    <description>{}</description>", escape(&lead));
        }
        if let Some(cat) = &self.model.summaries[i].category {
            let _ = writeln!(x, "    <category>{}</category>", escape(&cat.name));
        }
        if let Some(cover) = &a.cover {
            if let Some(src) = self.image_url(&cover.image.src) {
                let _ = write!(
                    x,
                    "    <media:content url=\"{}\" medium=\"image\"",
                    escape(&src)
                );
                if let (Some(w), Some(h)) = (cover.image.width, cover.image.height) {
                    let _ = write!(x, " width=\"{w}\" height=\"{h}\"");
                }
                x.push_str("/>\n");
            }
        }
        x.push_str("  </item>\n");
    }

    /// Article shards: the articles from oldest to newest, cut every [`SHARD_URLS`],
    /// so adding articles only changes the last shard.
    pub fn shard_count(&self) -> usize {
        self.model.articles.len().div_ceil(SHARD_URLS)
    }

    /// Indexes (into the model, newest first) of the articles in shard `n` (1-based).
    fn shard_items(&self, n: usize) -> std::ops::Range<usize> {
        let total = self.model.articles.len();
        // Positions from the oldest; the model lists newest first.
        let start = (n - 1) * SHARD_URLS;
        let end = (n * SHARD_URLS).min(total);
        total - end..total - start
    }

    /// `sitemap.xml`: the index of the other sitemaps, newest shard first.
    pub fn sitemap_index(&self) -> String {
        let all = self.newest_change(0..self.model.articles.len());
        let mut entries: Vec<(String, Option<i64>)> = vec![
            (SITEMAP_PAGES.to_string(), all),
            (SITEMAP_NEWS.to_string(), all),
        ];
        for n in (1..=self.shard_count()).rev() {
            entries.push((article_sitemap(n), self.newest_change(self.shard_items(n))));
        }
        let mut x = String::from(XML_HEAD);
        let _ = writeln!(x, "<sitemapindex xmlns=\"{SITEMAP_NS}\">");
        for (file, lastmod) in entries {
            let _ = write!(x, "  <sitemap><loc>{}</loc>", escape(&self.url(&file)));
            if let Some(t) = lastmod {
                let _ = write!(x, "<lastmod>{}</lastmod>", rfc3339(t));
            }
            x.push_str("</sitemap>\n");
        }
        x.push_str("</sitemapindex>\n");
        x
    }

    fn url_entry(&self, x: &mut String, loc: &str, lastmod: Option<i64>) {
        let _ = write!(x, "  <url><loc>{}</loc>", escape(loc));
        if let Some(t) = lastmod {
            let _ = write!(x, "<lastmod>{}</lastmod>", rfc3339(t));
        }
        x.push_str("</url>\n");
    }

    /// `sitemap-bai-viet-<n>.xml`: the articles of shard `n`, newest first.
    pub fn sitemap_shard(&self, n: usize) -> String {
        let items = self.shard_items(n);
        let mut x = String::with_capacity(256 + items.len() * 128);
        x.push_str(XML_HEAD);
        let _ = writeln!(x, "<urlset xmlns=\"{SITEMAP_NS}\">");
        for i in items {
            self.url_entry(&mut x, &self.article_url(i), Some(self.lastmod(i)));
        }
        x.push_str("</urlset>\n");
        x
    }

    /// `sitemap-trang.xml`: the home page, the latest news, the first page of
    /// each category and tag listing (the bare listing URLs; later pages, whose
    /// content shifts with each new article, are reached through their links),
    /// the site's pages, the site map, and the documents registry (its listing
    /// and every document, dated by the day it was issued).
    pub fn sitemap_pages(&self) -> String {
        let m = self.model;
        let all = self.newest_change(0..m.articles.len());
        let mut x = String::from(XML_HEAD);
        let _ = writeln!(x, "<urlset xmlns=\"{SITEMAP_NS}\">");
        self.url_entry(&mut x, self.base, all);
        self.url_entry(&mut x, &self.url(&routes::latest(1)), all);
        for (c, items) in m.site.categories.iter().zip(&m.by_category) {
            let lastmod = self.newest_change(items.iter().map(|&i| i as usize));
            self.url_entry(&mut x, &self.url(&routes::category(&c.slug, 1)), lastmod);
        }
        for t in &m.tags {
            let lastmod = self.newest_change(t.items.iter().map(|&i| i as usize));
            self.url_entry(&mut x, &self.url(&routes::tag(&t.term.slug, 1)), lastmod);
        }
        for p in &m.pages {
            let lastmod = p
                .updated
                .as_deref()
                .and_then(bantin_contract::date::parse_rfc3339);
            self.url_entry(&mut x, &self.url(&routes::page(&p.slug)), lastmod);
        }
        self.url_entry(&mut x, &self.url(routes::SITE_MAP), None);
        if let Some(newest) = m.registry.documents.first() {
            let day =
                |d: &str| bantin_contract::date::parse_rfc3339(&format!("{d}T00:00:00+07:00"));
            self.url_entry(&mut x, &self.url(routes::REGISTRY), day(&newest.issued));
            for d in &m.registry.documents {
                self.url_entry(
                    &mut x,
                    &self.url(&routes::document(&d.slug)),
                    day(&d.issued),
                );
            }
        }
        x.push_str("</urlset>\n");
        x
    }

    /// The articles of the news sitemap: published within [`NEWS_WINDOW_SECS`]
    /// of the newest one, newest first, at most [`NEWS_MAX`].
    pub fn news_items(&self) -> std::ops::Range<usize> {
        let a = &self.model.articles;
        let Some(now) = a.first().map(|a| a.published) else {
            return 0..0;
        };
        let n = a
            .iter()
            .take(NEWS_MAX)
            .take_while(|a| a.published >= now - NEWS_WINDOW_SECS)
            .count();
        0..n
    }

    /// `sitemap-tin-moi.xml`: a Google News sitemap of the latest articles.
    pub fn sitemap_news(&self) -> String {
        let name = escape(&self.model.site.name);
        let lang = self.lang();
        let mut x = String::from(XML_HEAD);
        let _ = writeln!(
            x,
            "<urlset xmlns=\"{SITEMAP_NS}\" xmlns:news=\"{NEWS_NS}\">"
        );
        for i in self.news_items() {
            let a = &self.model.articles[i];
            let _ = write!(
                x,
                "  <url>\n    <loc>{}</loc>\n    <news:news>\n      <news:publication>\
                 <news:name>{name}</news:name><news:language>{lang}</news:language>\
                 </news:publication>\n      <news:publication_date>{}</news:publication_date>\n      \
                 <news:title>{}</news:title>\n    </news:news>\n  </url>\n",
                escape(&self.article_url(i)),
                rfc3339(a.published),
                escape(&a.title)
            );
        }
        x.push_str("</urlset>\n");
        x
    }

    /// `robots.txt`: everything may be crawled; the sitemap index is named.
    pub fn robots(&self) -> String {
        let mut x = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.url(SITEMAP)
        );
        // The sections of other languages have sitemaps of their own.
        for l in self.model.site.languages.iter().filter(|l| l.url != "/") {
            x.push_str(&format!(
                "Sitemap: {}\n",
                self.url(&format!("{}{SITEMAP}", l.url.trim_start_matches('/')))
            ));
        }
        x
    }
}

/// Produces every feed file of `model` through `writer`; returns how many.
/// `root` is the whole site's address for a section of another language:
/// its content's images are there, and the main site's `robots.txt` names
/// the section's sitemap (a section writes none).
pub fn write(model: &Model, base: &str, writer: &Writer, root: Option<&str>) -> io::Result<usize> {
    let feeds = Feeds {
        model,
        base,
        root: root.unwrap_or(base),
    };
    let mut jobs = feeds.jobs();
    if root.is_some() {
        jobs.retain(|j| !matches!(j, Job::Robots));
    }
    let results = jobs
        .par_iter()
        .map(|&job| {
            let (path, text) = feeds.render(job);
            writer.write(&path, text.as_bytes())
        })
        .collect::<Vec<_>>();
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    Ok(jobs.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Parsed;
    use bantin_contract::{Category, Footer, Term, CONTRACT_VERSION};

    fn site(base: Option<&str>) -> SiteSettings {
        SiteSettings {
            version: CONTRACT_VERSION,
            name: "Cổng & “Tin”".to_string(),
            tagline: Some("Tin tức – Sự kiện".to_string()),
            base_url: base.map(str::to_string),
            categories: vec![
                Category {
                    slug: "thoi-su".into(),
                    name: "Thời sự".into(),
                    description: Some("Tin <nóng>".into()),
                },
                Category {
                    slug: "kinh-te".into(),
                    name: "Kinh tế".into(),
                    description: None,
                },
            ],
            links: vec![],
            footer: Footer::default(),
            menu: Vec::new(),
            footer_links: Vec::new(),
            pages: Vec::new(),
            registry: Vec::new(),
            lang: None,
            languages: Vec::new(),
        }
    }

    /// Article `i` published `hours` hours after 2026-11-25 00:00 Vietnam time.
    fn article(i: usize, hours: i64, category: &str) -> Parsed {
        Parsed {
            path: format!("{i}.md"),
            slug: format!("bai-{i}"),
            slug_line: 1,
            title: format!("Bài {i}"),
            published: 1_795_539_600 + hours * 3600,
            updated: None,
            category: category.to_string(),
            tags: vec![Term {
                slug: "the-a".into(),
                name: "Thẻ A".into(),
            }],
            author: None,
            lead: Some(format!("Mở đầu {i}")),
            source: None,
            cover: None,
            body: vec![],
            attachments: vec![],
            warnings: vec![],
            translation_of: None,
            draft: false,
            aliases: vec![],
        }
    }

    fn model(articles: Vec<Parsed>) -> Model {
        Model::new(site(Some("https://tin.example.vn/")), articles)
    }

    #[test]
    fn base_url_is_required_and_absolute() {
        let err = base_url(&site(None)).unwrap_err();
        assert!(
            err.contains("site.toml") && err.contains("base_url"),
            "{err}"
        );
        assert_eq!(
            base_url(&site(Some("https://a.vn"))).unwrap(),
            "https://a.vn/"
        );
        assert_eq!(
            base_url(&site(Some(" http://127.0.0.1:8080/ "))).unwrap(),
            "http://127.0.0.1:8080/"
        );
        for bad in [
            "/tin/",
            "a.vn",
            "https://",
            "ftp://a.vn/",
            "https://a.vn/?x=1",
        ] {
            assert!(base_url(&site(Some(bad))).is_err(), "{bad}");
        }
        let text = "name = \"x\"\n\nbase_url = \"/\"\n";
        let d = check_base_url(&site(Some("/")), "content/site.toml", text).unwrap_err();
        assert_eq!(d.line, 3);
        assert!(d.to_string().starts_with("content/site.toml:3: "), "{d}");
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(
            escape("A & B <c> \"d\" 'e'\u{1}\t"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;\t"
        );
    }

    #[test]
    fn rfc822_dates_in_vietnam_time() {
        // 2024-01-23T08:30:00+07:00 was a Tuesday.
        let t = bantin_contract::date::parse_rfc3339("2024-01-23T08:30:00+07:00").unwrap();
        assert_eq!(rfc822(t), "Tue, 23 Jan 2024 08:30:00 +0700");
        // 23:30 UTC on a Sunday is already Monday in Vietnam.
        let t = bantin_contract::date::parse_rfc3339("2026-11-22T23:30:00Z").unwrap();
        assert_eq!(rfc822(t), "Mon, 23 Nov 2026 06:30:00 +0700");
        assert_eq!(rfc822(0), "Thu, 01 Jan 1970 07:00:00 +0700");
    }

    #[test]
    fn owned_names() {
        for n in [
            "rss.xml",
            "sitemap.xml",
            "sitemap-bai-viet-12.xml",
            "robots.txt",
        ] {
            assert!(is_owned(n), "{n}");
        }
        for n in [
            "data",
            "index.html",
            "sitemap-bai-viet-.xml",
            "sitemap-bai-viet-x.xml",
        ] {
            assert!(!is_owned(n), "{n}");
        }
    }

    #[test]
    fn feeds_are_newest_first_and_capped() {
        let arts = (0..60)
            .map(|i| article(i, i as i64, if i % 2 == 0 { "thoi-su" } else { "kinh-te" }))
            .collect();
        let m = model(arts);
        let f = Feeds::new(&m, "https://tin.example.vn/");
        let rss = f.site_feed();
        assert_eq!(rss.matches("<item>").count(), FEED_ITEMS);
        let first = rss.find("<title>Bài 59</title>").unwrap();
        let second = rss.find("<title>Bài 58</title>").unwrap();
        assert!(first < second);
        assert!(!rss.contains("<title>Bài 9</title>"));
        assert!(rss
            .contains("<guid isPermaLink=\"true\">https://tin.example.vn/bai-viet/bai-59</guid>"));
        assert!(rss.contains("<title>Cổng &amp; “Tin”</title>"));
        assert!(rss.contains(&format!(
            "<lastBuildDate>{}</lastBuildDate>",
            rfc822(m.articles[0].published)
        )));
        let cat = f.category_feed(0);
        assert_eq!(cat.matches("<item>").count(), 30);
        assert!(cat.contains("<title>Thời sự – Cổng &amp; “Tin”</title>"));
        assert!(cat.contains("<description>Tin &lt;nóng&gt;</description>"));
        assert!(cat.contains("<link>https://tin.example.vn/chuyen-muc/thoi-su</link>"));
        assert!(cat.contains(
            "<atom:link href=\"https://tin.example.vn/chuyen-muc/thoi-su/rss.xml\" rel=\"self\""
        ));
        assert!(!cat.contains("Bài 59<"));
    }

    #[test]
    fn news_window_is_two_days_before_the_newest() {
        // Newest at hour 100; the window reaches back to hour 52 inclusive.
        let arts = [100, 99, 60, 52, 51, 10]
            .iter()
            .enumerate()
            .map(|(i, &h)| article(i, h, "thoi-su"))
            .collect();
        let m = model(arts);
        let f = Feeds::new(&m, "https://tin.example.vn/");
        assert_eq!(f.news_items(), 0..4);
        let news = f.sitemap_news();
        assert_eq!(news.matches("<news:news>").count(), 4);
        assert!(news.contains("<news:name>Cổng &amp; “Tin”</news:name>"));
        assert!(news.contains("<news:language>vi</news:language>"));
        let empty = model(vec![]);
        assert_eq!(Feeds::new(&empty, "https://a.vn/").news_items(), 0..0);
    }

    #[test]
    fn shards_cut_from_the_oldest() {
        let n = SHARD_URLS + 3;
        let arts = (0..n).map(|i| article(i, i as i64, "kinh-te")).collect();
        let m = model(arts);
        let f = Feeds::new(&m, "https://tin.example.vn/");
        assert_eq!(f.shard_count(), 2);
        // Shard 2 holds the 3 newest articles, newest first; shard 1 the oldest 10,000.
        assert_eq!(f.shard_items(2), 0..3);
        assert_eq!(f.shard_items(1), 3..n);
        let s2 = f.sitemap_shard(2);
        assert_eq!(s2.matches("<url>").count(), 3);
        assert!(s2.find("bai-10002<").unwrap() < s2.find("bai-10000<").unwrap());
        let index = f.sitemap_index();
        assert!(
            index.find("sitemap-bai-viet-2.xml").unwrap()
                < index.find("sitemap-bai-viet-1.xml").unwrap()
        );
        assert_eq!(index.matches("<sitemap>").count(), 4);
        assert_eq!(
            f.robots(),
            "User-agent: *\nAllow: /\n\nSitemap: https://tin.example.vn/sitemap.xml\n"
        );
        let jobs = f.jobs();
        assert_eq!(jobs.len(), 1 + 2 + 3 + 2 + 1);
    }

    #[test]
    fn pages_sitemap_lists_home_categories_and_tags() {
        let mut a = article(1, 5, "thoi-su");
        a.updated = Some(a.published + 3600);
        let m = model(vec![a, article(2, 1, "thoi-su")]);
        let f = Feeds::new(&m, "https://tin.example.vn/");
        let x = f.sitemap_pages();
        for loc in [
            "https://tin.example.vn/",
            "https://tin.example.vn/moi-nhat",
            "https://tin.example.vn/chuyen-muc/thoi-su",
            "https://tin.example.vn/chuyen-muc/kinh-te",
            "https://tin.example.vn/the/the-a",
        ] {
            assert!(x.contains(&format!("<loc>{loc}</loc>")), "{loc}");
        }
        // lastmod counts the update; an empty category has none.
        let updated = rfc3339(m.articles[0].updated.unwrap());
        assert!(x.contains(&format!(
            "<loc>https://tin.example.vn/chuyen-muc/thoi-su</loc><lastmod>{updated}</lastmod>"
        )));
        assert!(x.contains("<loc>https://tin.example.vn/chuyen-muc/kinh-te</loc></url>"));
    }
}
