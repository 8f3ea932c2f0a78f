//! `bantin generate`: the synthetic archive builds cleanly, with consistent listings.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use crate::common::snapshot;
use bantin_build::build::{run, Options};
use bantin_build::generate;
use bantin_contract::{parse, paths, Article, Listing, SiteSettings};

#[test]
fn two_hundred_generated_articles_build_with_consistent_pagination() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let r = generate::run(&generate::Options {
        count: 200,
        out: content.clone(),
        seed: 42,
    })
    .unwrap();
    assert_eq!(r.articles, 200);

    let out = dir.path().join("dist");
    let report = run(&Options {
        content: content.clone(),
        out: out.clone(),
        base_url: None,
        now: None,
    })
    .unwrap();
    assert_eq!(report.articles, 200);
    assert_eq!(report.categories, 7);
    assert!(report.tags > 10 && report.tags <= 40, "{}", report.tags);

    let data = out.join("data");
    let read = |rel: &str| fs::read_to_string(data.join(rel)).unwrap();
    let site: SiteSettings = parse(&read(paths::SITE)).unwrap();

    // Latest news: 200 articles in 20 pages of 10, newest first across pages.
    let mut slugs = Vec::new();
    let mut last_date = String::from("9999");
    for page in 1..=20 {
        let l: Listing = parse(&read(&paths::latest(page))).unwrap();
        assert_eq!(
            (l.page, l.page_count, l.total, l.per_page),
            (page, 20, 200, 10)
        );
        assert_eq!(l.items.len(), 10);
        for s in &l.items {
            assert!(s.published <= last_date, "newest first");
            last_date = s.published.clone();
            slugs.push(s.slug.clone());
        }
    }
    assert!(!data.join(paths::latest(21)).exists());
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 200);

    // Every article once, in its category's listing; tag totals match the articles' tags.
    let mut per_category: BTreeMap<String, u32> = BTreeMap::new();
    let mut per_tag: BTreeMap<String, u32> = BTreeMap::new();
    for slug in &slugs {
        let a: Article = parse(&read(&paths::article(slug))).unwrap();
        assert!(a.cover.is_none());
        assert!(a.lead.is_some());
        *per_category.entry(a.category.unwrap().slug).or_default() += 1;
        for t in a.tags {
            *per_tag.entry(t.slug).or_default() += 1;
        }
    }
    let mut sum = 0;
    for c in &site.categories {
        let want = per_category.get(&c.slug).copied().unwrap_or(0);
        let first: Listing = parse(&read(&paths::category(&c.slug, 1))).unwrap();
        assert_eq!(first.total, want, "{}", c.slug);
        assert_eq!(first.page_count, want.div_ceil(10).max(1), "{}", c.slug);
        let last: Listing = parse(&read(&paths::category(&c.slug, first.page_count))).unwrap();
        assert_eq!(
            (first.page_count - 1) * 10 + last.items.len() as u32,
            want,
            "{}",
            c.slug
        );
        assert!(!data
            .join(paths::category(&c.slug, first.page_count + 1))
            .exists());
        sum += want;
    }
    assert_eq!(sum, 200);
    assert_eq!(per_tag.len(), report.tags);
    for (tag, n) in &per_tag {
        let l: Listing = parse(&read(&paths::tag(tag, 1))).unwrap();
        assert_eq!((l.total, l.page_count), (*n, n.div_ceil(10)), "{tag}");
    }

    // Feeds are there too.
    for f in [
        "rss.xml",
        "sitemap.xml",
        "sitemap-bai-viet-1.xml",
        "robots.txt",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let shard = fs::read_to_string(out.join("sitemap-bai-viet-1.xml")).unwrap();
    assert_eq!(shard.matches("<url>").count(), 200);
}

#[test]
fn same_seed_same_folder_and_regeneration_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let gen = |out: &std::path::Path, count, seed| {
        generate::run(&generate::Options {
            count,
            out: out.to_path_buf(),
            seed,
        })
        .unwrap()
    };
    gen(&a, 30, 5);
    gen(&b, 30, 5);
    assert_eq!(snapshot(&a), snapshot(&b));
    // A generated folder may be regenerated in place; old articles do not linger.
    gen(&b, 10, 6);
    let files = snapshot(&b);
    assert_eq!(files.keys().filter(|k| k.ends_with(".md")).count(), 10);
    assert_ne!(snapshot(&a), files);
}

#[test]
fn command_line() {
    let bin = env!("CARGO_BIN_EXE_bantin");
    let help = Command::new(bin).arg("help").output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("bantin generate --count N --out THƯ_MỤC [--seed S]"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    let ok = Command::new(bin)
        .args(["generate", "--count", "12", "--seed=9", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.starts_with("Đã tạo 12 bài viết (seed 9) trong "),
        "{stdout}"
    );

    let missing = Command::new(bin)
        .args(["generate", "--count", "3"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let bad = Command::new(bin)
        .args(["generate", "--count", "nhiều", "--out", "x"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("số bài không hợp lệ: nhiều"));
}
