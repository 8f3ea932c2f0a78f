//! An article file: front matter and Markdown body, down to blocks or
//! diagnostics; an accepted article is rendered to every document it appears
//! in, and each reads back equal through the contract reader.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use bantin_build::article::parse_article;
use bantin_build::images::ImageStore;
use bantin_build::render::{Job, Model};
use bantin_build::site::parse_site;
use bantin_contract::{parse, Article, Block, Home, Inline, Listing, SiteSettings};
use bantin_fuzz::{assert_lines, must_refuse, text};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "content/articles/bai.md";

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The sample site's settings (its categories are the known ones).
fn site() -> &'static SiteSettings {
    static SITE: OnceLock<SiteSettings> = OnceLock::new();
    SITE.get_or_init(|| {
        let text = std::fs::read_to_string(content().join("site.toml")).expect("site.toml");
        parse_site("site.toml", &text)
            .expect("the sample site.toml")
            .0
    })
}

/// The sample content's images (only `/anh/…` sources are looked up). A new
/// store per input: its cache would otherwise grow with every path tried.
fn images() -> ImageStore {
    ImageStore::new(content().join("anh"), "content/anh".into())
}

fn assert_safe_links(blocks: &[Block]) {
    let runs = |runs: &[Inline]| {
        for r in runs {
            if let Inline::Link { href, .. } = r {
                assert!(!must_refuse(href), "unsafe link kept: {href:?}");
            }
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Quote { content, .. } => runs(content),
            Block::List { items, .. } => items.iter().for_each(|i| runs(i)),
            Block::Figure(f) => assert!(!must_refuse(&f.image.src), "unsafe image kept"),
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let parsed = match parse_article(PATH, text, &site().categories, &images()) {
        Err(diags) => {
            assert!(!diags.is_empty(), "refused without a diagnostic");
            assert_lines(PATH, text, &diags);
            return;
        }
        Ok(p) => p,
    };
    assert_lines(PATH, text, &parsed.warnings);
    assert!((1..=bantin_fuzz::line_count(text)).contains(&parsed.slug_line));
    assert_safe_links(&parsed.body);
    if let Some(u) = parsed.source.as_ref().and_then(|s| s.url.as_ref()) {
        assert!(!must_refuse(u), "unsafe source URL kept: {u:?}");
    }

    // Round trip: every document the article appears in, as the build writes
    // it, reads back equal through the contract reader.
    let model = Model::new(site().clone(), vec![parsed]);
    for job in model.jobs() {
        let (path, json) = model.render(job).expect("rendered");
        match job {
            Job::Site => assert_eq!(parse::<SiteSettings>(&json).expect(&path), *site()),
            Job::Home => assert_eq!(parse::<Home>(&json).expect(&path), model.home()),
            Job::Article(i) => assert_eq!(parse::<Article>(&json).expect(&path), model.article(i)),
            _ => assert_eq!(
                parse::<Listing>(&json).expect(&path),
                model.listing_of(job).expect("a listing")
            ),
        }
    }
});
