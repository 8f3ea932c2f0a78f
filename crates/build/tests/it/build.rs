//! Integration tests of `bantin build`: fixtures in, contract documents out.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{copy_dir, fixtures, snapshot};
use bantin_build::build::{run, BuildError, Options};
use bantin_build::related::{pair_score, Input};
use bantin_contract::{
    parse, paths, Article, Block, Home, Inline, Listing, ListingKind, SiteSettings,
};

fn build(content: &Path, out: &Path) -> Result<bantin_build::build::Report, BuildError> {
    run(&Options {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        now: None,
    })
}

fn read<T: bantin_contract::Document>(out: &Path, rel: &str) -> T {
    let path = out.join("data").join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Builds the valid fixture into a fresh temporary folder.
fn built_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    build(&fixtures().join("valid"), &out).unwrap();
    (dir, out)
}

#[test]
fn builds_the_valid_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let report = build(&fixtures().join("valid"), &out).unwrap();
    assert_eq!(report.articles, 5);
    assert_eq!(report.categories, 3);
    // giao-thong, dau-tu-cong, hop-bao
    assert_eq!(report.tags, 3);

    let site: SiteSettings = read(&out, paths::SITE);
    assert_eq!(site.name, "Cổng Thông tin thử nghiệm");
    let cats: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(cats, ["thoi-su", "kinh-te", "giao-duc"]);
    assert_eq!(site.links.len(), 1);
    assert_eq!(site.footer.notes, ["Dữ liệu dùng cho kiểm thử."]);

    // Every file written is a document of the contract, counted in the report.
    let files = snapshot(&out);
    assert_eq!(files.len(), report.files);
    assert!(files.contains_key("anh/cau.svg"));
    assert!(files.contains_key("anh/ban-do.png"));
    // The search index answers a query over the fixture.
    let mut engine = bantin_search::engine::Engine::new(
        std::str::from_utf8(&files["data/tim/meta.txt"]).unwrap(),
    )
    .unwrap();
    assert_eq!(engine.docs(), 5);
    loop {
        let need = engine.need("cầu", false, 1, 10);
        if need.is_empty() {
            break;
        }
        for f in need {
            let text = std::str::from_utf8(&files[&format!("data/{f}")]).unwrap();
            engine.add(&f, text).unwrap();
        }
    }
    assert!(!engine.ranked_ids("cầu", false).unwrap().is_empty());
    for (rel, bytes) in &files {
        let Some(doc) = rel.strip_prefix("data/") else {
            continue;
        };
        let text = std::str::from_utf8(bytes).unwrap();
        if doc.starts_with("tim/") {
            // The search index: text files of its own format (crates/search).
            assert!(
                bantin_search::format::split_header(text).is_ok(),
                "{rel} is not a search index file"
            );
            continue;
        }
        assert!(!text.contains('\n'), "{rel} is compact");
        let ok = if doc == paths::SITE {
            parse::<SiteSettings>(text).is_ok()
        } else if doc == paths::HOME {
            parse::<Home>(text).is_ok()
        } else if doc.starts_with("bai-viet/") {
            parse::<Article>(text).is_ok()
        } else {
            parse::<Listing>(text).is_ok()
        };
        assert!(ok, "{rel} does not parse");
    }
}

#[test]
fn article_document() {
    let (_dir, out) = built_fixture();
    let a: Article = read(
        &out,
        &paths::article("khoi-cong-cau-dong-ha-noi-hai-bo-song-lam"),
    );
    assert_eq!(a.title, "Khởi công cầu Đông Hà nối hai bờ sông Lam");
    assert_eq!(a.published, "2024-01-23T08:30:00+07:00");
    assert_eq!(a.updated.as_deref(), Some("2024-01-24T10:00:00+07:00"));
    assert_eq!(a.category.as_ref().unwrap().name, "Kinh tế");
    let tags: Vec<(&str, &str)> = a
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(
        tags,
        [("giao-thong", "Giao thông"), ("dau-tu-cong", "Đầu tư công")]
    );
    assert_eq!(a.author.as_deref(), Some("Minh Anh"));
    assert_eq!(a.source.as_ref().unwrap().name, "Báo Thử Nghiệm");
    let cover = a.cover.as_ref().unwrap();
    assert_eq!(
        (cover.image.width, cover.image.height),
        (Some(1200), Some(675))
    );
    assert_eq!(cover.credit.as_deref(), Some("Ảnh: Ban Quản lý dự án"));

    let Block::Paragraph { content } = &a.body[0] else {
        panic!("{:?}", a.body[0])
    };
    assert_eq!(
        content,
        &vec![
            Inline::Text {
                text: "Cầu dài ".into()
            },
            Inline::Strong {
                text: "1,2 km".into()
            },
            Inline::Text {
                text: ", rộng ".into()
            },
            Inline::Emphasis {
                text: "24 m".into()
            },
            Inline::Text {
                text: ", gồm bốn làn xe. Xem thêm tại ".into()
            },
            Inline::Link {
                text: "Cổng thông tin".into(),
                href: "https://example.vn/cau".into()
            },
            Inline::Text { text: ".".into() },
        ]
    );
    assert_eq!(
        a.body[1],
        Block::Heading {
            level: 2,
            text: "Tiến độ thi công".into()
        }
    );
    let Block::Figure(f) = &a.body[2] else {
        panic!("{:?}", a.body[2])
    };
    // The viewBox gives the size when width/height are absent.
    assert_eq!((f.image.width, f.image.height), (Some(800), Some(450)));
    assert_eq!(
        f.caption.as_deref(),
        Some("Công nhân làm việc trên công trường")
    );
    assert_eq!(f.credit.as_deref(), Some("Ảnh: Minh Anh"));
    let Block::Quote { cite, .. } = &a.body[3] else {
        panic!("{:?}", a.body[3])
    };
    assert_eq!(
        cite.as_deref(),
        Some("Ông Nguyễn Văn A, Chủ tịch UBND tỉnh")
    );
    assert_eq!(
        a.body[4],
        Block::Heading {
            level: 3,
            text: "Các mốc chính".into()
        }
    );
    assert!(matches!(&a.body[5], Block::List { ordered: false, items } if items.len() == 2));
    assert!(matches!(&a.body[6], Block::List { ordered: true, items } if items.len() == 2));
    let Block::Figure(png) = &a.body[7] else {
        panic!("{:?}", a.body[7])
    };
    assert_eq!((png.image.width, png.image.height), (Some(64), Some(48)));
    assert_eq!(png.caption, None);
    assert_eq!(a.body.len(), 8);

    // Dates without an offset are Vietnam time; UTC dates are shown in Vietnam time.
    let g: Article = read(&out, &paths::article("gia-lua-tang"));
    assert_eq!(g.published, "2024-01-20T07:00:00+07:00");
    assert!(g.tags.is_empty() && g.cover.is_none() && g.lead.is_none());
    let t: Article = read(&out, &paths::article("du-bao-thoi-tiet-cuoi-tuan-troi-ret"));
    assert_eq!(t.published, "2024-01-19T13:00:00+07:00");
}

#[test]
fn home_page() {
    let (_dir, out) = built_fixture();
    let home: Home = read(&out, paths::HOME);
    let lead = home.lead.unwrap();
    assert_eq!(lead.slug, "khoi-cong-cau-dong-ha-noi-hai-bo-song-lam");
    assert_eq!(lead.thumb.as_ref().unwrap().src, "/anh/cau.svg");
    let latest: Vec<&str> = home.latest.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(
        latest,
        [
            "hop-bao-cong-bo-ke-hoach-dau-tu-cong-nam-2024",
            "nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha",
            "gia-lua-tang",
            "du-bao-thoi-tiet-cuoi-tuan-troi-ret",
        ]
    );
    // Without a lead in the front matter, the summary leads with the first paragraph.
    assert_eq!(
        home.latest[2].lead.as_deref(),
        Some("Giá lúa tươi tại ruộng tăng 200 đồng mỗi kg so với tuần trước.")
    );
    let sections: Vec<(&str, usize)> = home
        .sections
        .iter()
        .map(|s| (s.category.slug.as_str(), s.items.len()))
        .collect();
    assert_eq!(sections, [("thoi-su", 3), ("kinh-te", 2), ("giao-duc", 0)]);
    assert_eq!(
        home.sections[0].items[0].slug,
        "hop-bao-cong-bo-ke-hoach-dau-tu-cong-nam-2024"
    );
}

#[test]
fn listings_of_categories_and_tags() {
    let (_dir, out) = built_fixture();
    let empty: Listing = read(&out, &paths::category("giao-duc", 1));
    assert_eq!(empty.kind, ListingKind::Category);
    assert_eq!((empty.page, empty.page_count, empty.total), (1, 1, 0));
    assert!(empty.items.is_empty());
    assert_eq!(empty.term.unwrap().name, "Giáo dục");

    let tag: Listing = read(&out, &paths::tag("giao-thong", 1));
    assert_eq!(tag.kind, ListingKind::Tag);
    // The most used spelling names the tag ("Giao thông" once, "giao thông" once: first in order).
    assert_eq!(tag.term.unwrap().name, "Giao thông");
    let slugs: Vec<&str> = tag.items.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "khoi-cong-cau-dong-ha-noi-hai-bo-song-lam",
            "nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha"
        ]
    );
    let latest: Listing = read(&out, &paths::latest(1));
    assert_eq!(latest.kind, ListingKind::Latest);
    assert!(latest.term.is_none());
    assert_eq!(
        (latest.total, latest.per_page, latest.items.len()),
        (5, 10, 5)
    );
    assert!(!out.join("data").join(paths::latest(2)).exists());
}

#[test]
fn related_articles_follow_the_rules() {
    let (_dir, out) = built_fixture();
    let content = fixtures().join("valid");
    let model = bantin_build::build::load(&content).unwrap();
    for (i, a) in model.articles.iter().enumerate() {
        let doc: Article = read(&out, &paths::article(&a.slug));
        let got: Vec<&str> = doc.related.iter().map(|s| s.slug.as_str()).collect();
        assert!(got.len() <= 6);
        assert!(!got.contains(&a.slug.as_str()), "never itself");
        // Best first, by the documented score; ties newer first.
        let input = |j: usize| {
            let b = &model.articles[j];
            (
                b.category.clone(),
                b.tags.iter().map(|t| t.slug.clone()).collect::<Vec<_>>(),
                format!("{} {}", b.title, b.lead.as_deref().unwrap_or("")),
            )
        };
        let (ca, ta, xa) = input(i);
        let me = Input {
            category: &ca,
            tags: &ta,
            text: &xa,
        };
        let mut want: Vec<(f64, usize)> = (0..model.articles.len())
            .filter(|&j| j != i)
            .map(|j| {
                let (cb, tb, xb) = input(j);
                (
                    pair_score(
                        &me,
                        &Input {
                            category: &cb,
                            tags: &tb,
                            text: &xb,
                        },
                    ),
                    j,
                )
            })
            .filter(|&(s, _)| s > 0.0)
            .collect();
        want.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let want: Vec<&str> = want
            .iter()
            .take(6)
            .map(|&(_, j)| model.articles[j].slug.as_str())
            .collect();
        assert_eq!(got, want, "related of {}", a.slug);
    }
    // The bridge story: the other bridge story (shared tag, many shared words) comes first,
    // and the weather report (nothing shared) is not related at all.
    let a: Article = read(
        &out,
        &paths::article("khoi-cong-cau-dong-ha-noi-hai-bo-song-lam"),
    );
    assert_eq!(
        a.related[0].slug,
        "nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha"
    );
    assert!(!a
        .related
        .iter()
        .any(|s| s.slug == "du-bao-thoi-tiet-cuoi-tuan-troi-ret"));
}

fn write_article(dir: &Path, i: usize, category: &str) {
    let text = format!(
        "+++\ntitle = \"Bài số {i}\"\ndate = \"2024-03-{:02} {:02}:00\"\ncategory = \"{category}\"\ntags = [\"Thẻ chung\"]\n+++\n\nNội dung bài {i}.\n",
        1 + i / 24,
        i % 24
    );
    fs::write(dir.join(format!("bai-{i:02}.md")), text).unwrap();
}

#[test]
fn pagination_of_25_articles() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(content.join("articles")).unwrap();
    fs::copy(
        fixtures().join("valid/site.toml"),
        content.join("site.toml"),
    )
    .unwrap();
    for i in 0..25 {
        write_article(&content.join("articles"), i, "kinh-te");
    }
    let out = dir.path().join("dist");
    build(&content, &out).unwrap();

    let mut seen = Vec::new();
    for (page, count) in [(1u32, 10usize), (2, 10), (3, 5)] {
        for rel in [
            paths::latest(page),
            paths::category("kinh-te", page),
            paths::tag("the-chung", page),
        ] {
            let l: Listing = read(&out, &rel);
            assert_eq!(
                (l.page, l.page_count, l.total, l.per_page),
                (page, 3, 25, 10),
                "{rel}"
            );
            assert_eq!(l.items.len(), count, "{rel}");
            if rel.starts_with("moi-nhat") {
                seen.extend(l.items.iter().map(|s| s.slug.clone()));
            }
        }
    }
    assert!(!out.join("data").join(paths::latest(4)).exists());
    // Newest first across pages, each article once.
    let want: Vec<String> = (0..25).rev().map(|i| format!("bai-so-{i}")).collect();
    assert_eq!(seen, want);
    // Empty categories still have their first page.
    let l: Listing = read(&out, &paths::category("thoi-su", 1));
    assert_eq!((l.page_count, l.total, l.items.len()), (1, 0, 0));
    let home: Home = read(&out, paths::HOME);
    assert_eq!(home.lead.unwrap().slug, "bai-so-24");
    assert_eq!(home.latest.len(), 10);
    assert_eq!(home.latest[0].slug, "bai-so-23");
    assert_eq!(home.sections[1].items.len(), 4);
    let a: Article = read(&out, &paths::article("bai-so-0"));
    assert_eq!(a.related.len(), 6);
}

#[test]
fn builds_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(&fixtures().join("valid"), &a).unwrap();
    build(&fixtures().join("valid"), &b).unwrap();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(!sa.is_empty());
    assert_eq!(sa, sb);
    // Rebuilding over a previous output gives the same bytes too.
    build(&fixtures().join("valid"), &a).unwrap();
    assert_eq!(snapshot(&a), sb);
}

/// (fixture file, line, part of the message)
const INVALID: &[(&str, usize, &str)] = &[
    ("bad-toml.md", 4, "TOML không hợp lệ"),
    ("missing-title.md", 1, "thiếu khóa bắt buộc `title`"),
    ("missing-date.md", 1, "thiếu khóa bắt buộc `date`"),
    ("missing-category.md", 1, "thiếu khóa bắt buộc `category`"),
    (
        "unknown-category.md",
        4,
        "chuyên mục không tồn tại: “the-thao” (các chuyên mục trong site.toml: thoi-su, kinh-te, giao-duc)",
    ),
    ("unknown-key.md", 5, "khóa không được hỗ trợ: `tag`"),
    ("broken-date.md", 3, "ngày không hợp lệ: “23/01/2024”"),
    ("bad-slug.md", 3, "slug không hợp lệ: “Slug Sai”"),
    ("no-front-matter.md", 1, "thiếu phần đầu"),
    ("heading-1.md", 9, "tiêu đề cấp 1"),
    ("heading-4.md", 7, "chỉ hỗ trợ tiêu đề cấp 2 (##) và cấp 3 (###)"),
    ("raw-html.md", 9, "HTML thô"),
    ("code-block.md", 7, "khối mã"),
    ("table.md", 7, "bảng"),
    ("nested-list.md", 8, "danh sách lồng nhau"),
    ("unsafe-link.md", 7, "liên kết không an toàn: javascript:alert(1)"),
    ("image-no-alt.md", 9, "ảnh thiếu mô tả (alt)"),
    ("missing-image.md", 7, "không tìm thấy ảnh /anh/khong-co.svg"),
    ("cover-missing-image.md", 5, "không tìm thấy ảnh /anh/khong-co.png"),
    (
        "cover-protocol-relative.md",
        5,
        "địa chỉ ảnh không được bắt đầu bằng //: //cdn.example.vn/anh/bia.png (dùng ảnh của trang, /anh/…, hoặc địa chỉ https://…)",
    ),
    (
        "image-protocol-relative.md",
        7,
        "địa chỉ ảnh không được bắt đầu bằng //: //cdn.example.vn/anh/cau.png",
    ),
];

/// The valid fixture plus `bad` files, built over a previous good output.
fn build_broken(bad: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let out = dir.path().join("dist");
    build(&content, &out).unwrap();
    let before = snapshot(&out);
    for name in bad {
        fs::copy(
            fixtures().join("invalid").join(name),
            content.join("articles").join(name),
        )
        .unwrap();
    }
    let Err(BuildError::Content(diags)) = build(&content, &out) else {
        panic!("{bad:?} should fail");
    };
    assert_eq!(
        snapshot(&out),
        before,
        "{bad:?}: previous output must be intact"
    );
    let lines = diags.iter().map(|d| d.to_string()).collect();
    (dir, lines)
}

#[test]
fn invalid_cases_report_file_and_line() {
    for (name, line, needle) in INVALID {
        let (dir, errors) = build_broken(&[name]);
        let path = dir.path().join("content/articles").join(name);
        let prefix = format!("{}:{line}: ", path.display());
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&prefix) && e.contains(needle)),
            "{name}: want {prefix}…{needle}…, got {errors:#?}"
        );
    }
}

#[test]
fn duplicate_slug_names_both_files() {
    let (dir, errors) = build_broken(&["duplicate-slug.md"]);
    let a = dir.path().join("content/articles/duplicate-slug.md");
    let b = dir.path().join("content/articles/kinh-te/gia-lua.md");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert!(e.contains("slug bị trùng: “gia-lua-tang”"), "{e}");
    assert!(e.contains(&format!("{}:3", a.display())), "{e}");
    assert!(e.contains(&format!("{}:3", b.display())), "{e}");
}

#[test]
fn all_errors_are_collected_and_sorted() {
    let (_dir, errors) = build_broken(&["missing-date.md", "heading-4.md", "unsafe-link.md"]);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let mut sorted = errors.clone();
    sorted.sort();
    assert_eq!(errors, sorted);
}

#[test]
fn bad_site_toml_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(content.join("site.toml"), site.replace("tagline", "tagln")).unwrap();
    let Err(BuildError::Content(d)) = build(&content, &dir.path().join("dist")) else {
        panic!("should fail");
    };
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, 3);
    assert!(d[0].message.contains("`tagln`"), "{d:?}");
    assert!(!dir.path().join("dist/data").exists());
}

#[test]
fn command_line_exit_codes_and_messages() {
    let bin = env!("CARGO_BIN_EXE_bantin");
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let out = dir.path().join("dist");

    let ok = Command::new(bin)
        .args(["build", "--content"])
        .arg(&content)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.starts_with("Đã dựng 5 bài viết, 3 chuyên mục, 3 thẻ; ")
            && stdout.contains("(dựng toàn bộ: ghi "),
        "{stdout}"
    );

    fs::copy(
        fixtures().join("invalid/broken-date.md"),
        content.join("articles/broken-date.md"),
    )
    .unwrap();
    let bad = Command::new(bin)
        .arg("build")
        .arg(format!("--content={}", content.display()))
        .arg(format!("--out={}", out.display()))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    let want = format!(
        "{}:3: ngày không hợp lệ",
        content.join("articles/broken-date.md").display()
    );
    assert!(stderr.starts_with(&want), "{stderr}");

    let usage = Command::new(bin).arg("bogus").output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

/// The valid fixture with `site.toml` edited by `site` and one more article, `articles/them.md`.
fn fixture_with(
    site: impl Fn(String) -> String,
    article: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let toml = fs::read_to_string(content.join("site.toml")).unwrap();
    let edited = site(toml.clone());
    assert_ne!(edited, toml, "the edit must apply");
    fs::write(content.join("site.toml"), edited).unwrap();
    fs::write(content.join("articles/them.md"), article).unwrap();
    (dir, content)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn bidi_controls_are_removed_with_warnings_on_their_lines() {
    let (dir, content) = fixture_with(
        |s| s.replace("name = \"Cổng Thông tin thử", "name = \"Cổng Thông tin\u{202E} thử"),
        "+++\ntitle = \"Giá lúa\u{202E} tăng mạnh\"\ndate = \"2024-02-01 08:00\"\ncategory = \"kinh-te\"\ntags = [\"Nông\u{2066} nghiệp\"]\n+++\n\nGiá lúa tăng\u{202E} 300 đồng mỗi kg.\n\n- Lúa \u{2067}khô\n",
    );
    let out = dir.path().join("dist");
    let report = build(&content, &out).unwrap();
    let article = content.join("articles/them.md").display().to_string();
    let site = content.join("site.toml").display().to_string();
    let warning = |path: &str, line: usize, code: &str| {
        format!(
            "{path}:{line}: cảnh báo: đã bỏ ký tự điều khiển hướng chữ {code} (ký tự này làm đảo ngược thứ tự chữ phía sau nó)"
        )
    };
    let got: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        got,
        [
            warning(&article, 2, "U+202E"),
            warning(&article, 5, "U+2066"),
            warning(&article, 8, "U+202E"),
            warning(&article, 10, "U+2067"),
            warning(&site, 2, "U+202E"),
        ]
    );

    // The text is kept, without the characters, and no output file has one.
    let s: SiteSettings = read(&out, paths::SITE);
    assert_eq!(s.name, "Cổng Thông tin thử nghiệm");
    let a: Article = read(&out, &paths::article("gia-lua-tang-manh"));
    assert_eq!(a.title, "Giá lúa tăng mạnh");
    assert_eq!(a.tags[0].name, "Nông nghiệp");
    assert_eq!(
        a.body[0],
        Block::Paragraph {
            content: vec![Inline::Text {
                text: "Giá lúa tăng 300 đồng mỗi kg.".into()
            }]
        }
    );
    for (rel, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(is_bidi), "{rel} has a bidirectional control");
        assert!(!text.to_ascii_lowercase().contains("\\u202e"), "{rel}");
    }

    // A rebuild that takes the article from the parse cache warns the same: the
    // cache keeps the warnings (files changed within `cache::RACY_SECS` of the
    // build are read again, so the article is made an hour old first).
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(content.join("articles/them.md"))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    build(&content, &out).unwrap();
    let cache = fs::read_to_string(out.join(bantin_build::cache::CACHE)).unwrap();
    assert!(
        cache
            .lines()
            .any(|l| l.contains("them.md") && l.contains("U+2067")),
        "{cache}"
    );
    let again = build(&content, &out).unwrap();
    assert_eq!(again.warnings, report.warnings);

    // The command line prints them and succeeds.
    let run = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--content"])
        .arg(&content)
        .arg("--out")
        .arg(dir.path().join("dist2"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    for w in &got {
        assert!(lines.contains(&w.as_str()), "{w} not in {stderr}");
    }
}

#[test]
fn protocol_relative_links_become_https() {
    let (dir, content) = fixture_with(
        |s| s.replace("url = \"https://dichvucong.gov.vn/\"", "url = \"//dichvucong.gov.vn/\""),
        "+++\ntitle = \"Liên kết không rõ giao thức\"\ndate = \"2024-02-01 08:00\"\ncategory = \"kinh-te\"\nsource = { name = \"Báo A\", url = \"//bao-a.example.vn/tin/1\" }\n+++\n\nXem [bài gốc](//bao-a.example.vn/tin/1?trang=2) và [trang này](/bai-viet/x).\n",
    );
    let out = dir.path().join("dist");
    let report = build(&content, &out).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let s: SiteSettings = read(&out, paths::SITE);
    assert_eq!(s.links[0].url, "https://dichvucong.gov.vn/");
    let a: Article = read(&out, &paths::article("lien-ket-khong-ro-giao-thuc"));
    assert_eq!(
        a.source.unwrap().url.as_deref(),
        Some("https://bao-a.example.vn/tin/1")
    );
    let hrefs: Vec<&str> = match &a.body[0] {
        Block::Paragraph { content } => content
            .iter()
            .filter_map(|i| match i {
                Inline::Link { href, .. } => Some(href.as_str()),
                _ => None,
            })
            .collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        hrefs,
        ["https://bao-a.example.vn/tin/1?trang=2", "/bai-viet/x"]
    );
    // No document keeps a protocol-relative address.
    for (rel, bytes) in snapshot(&out.join("data")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("\"//"), "{rel}: {text}");
    }
}

/// Writes a small JPEG (`w` × `h`) with an EXIF block carrying a GPS tag.
fn camera_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut plain, 90,
        ))
        .unwrap();
    // APP1 "Exif": IFD0 with a GPS IFD pointer; the GPS IFD has GPSLatitudeRef "N".
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x8825u16.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(2u32.to_le_bytes());
    tiff.extend(b"N\0\0\0");
    tiff.extend(0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]);
    out
}

fn media_article(body: &str, front: &str) -> String {
    format!("+++\ntitle = \"Ảnh\"\ndate = \"2024-01-23 08:30\"\ncategory = \"thoi-su\"\n{front}+++\n\n{body}")
}

#[test]
fn photos_are_resized_without_metadata_and_files_are_sized() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    fs::write(content.join("anh/may-anh.jpg"), camera_jpeg(2000, 1000)).unwrap();
    fs::create_dir_all(content.join("tep")).unwrap();
    fs::write(content.join("tep/nq.pdf"), vec![b'%'; 3000]).unwrap();
    fs::write(
        content.join("articles/anh.md"),
        media_article(
            "![Cánh đồng](/anh/may-anh.jpg \"Chú thích | Ảnh: A\")\n\nXem [bảng](/tep/nq.pdf).\n",
            "cover = { src = \"/anh/may-anh.jpg\", alt = \"Bìa\" }\nattachments = [{ src = \"/tep/nq.pdf\", title = \"Nghị quyết\" }]\n",
        ),
    )
    .unwrap();
    let out = dir.path().join("dist");
    // The photo cache is the user's (a content hash keys it): the first build may
    // find the photo there already; the second must.
    let first = build(&content, &out).unwrap();
    assert!(first.images >= 2, "{first:?}");
    let again = build(&content, &out).unwrap();
    assert_eq!(again.images_encoded, 0, "a rebuild encodes nothing");
    let a: bantin_contract::Article =
        bantin_contract::parse(&fs::read_to_string(out.join("data/bai-viet/anh.json")).unwrap())
            .unwrap();
    let cover = a.cover.unwrap().image;
    let r = cover.resized.clone().unwrap();
    assert_eq!(r.widths, vec![360, 720, 1200, 1600]);
    assert_eq!((cover.width, cover.height), (Some(1200), Some(600)));
    assert!(cover.src.ends_with("-1200.jpg"));
    for w in &r.widths {
        for ext in ["webp", "jpg"] {
            let f = out.join(r.url(*w, ext).trim_start_matches('/'));
            let bytes = fs::read(&f).unwrap_or_else(|_| panic!("{} missing", f.display()));
            assert!(
                !bytes.windows(4).any(|x| x == b"Exif"),
                "{} keeps EXIF",
                f.display()
            );
        }
    }
    // The original name holds the widest copy, without metadata; nothing wider exists.
    let original = fs::read(out.join("anh/may-anh.jpg")).unwrap();
    assert!(!original.windows(4).any(|x| x == b"Exif"));
    assert_eq!(image::load_from_memory(&original).unwrap().width(), 1600);
    assert_eq!(a.attachments.len(), 1, "the body's link is the same file");
    assert_eq!(
        (a.attachments[0].size, a.attachments[0].format.as_str()),
        (3000, "PDF")
    );
    assert_eq!(fs::read(out.join("tep/nq.pdf")).unwrap().len(), 3000);
}

#[test]
fn bad_media_is_an_error_on_its_line_and_keeps_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let out = dir.path().join("dist");
    build(&content, &out).unwrap();
    let before = snapshot(&out);
    let anh = content.join("anh");
    let mut broken = camera_jpeg(64, 64);
    broken.truncate(300);
    fs::write(anh.join("hong.jpg"), broken).unwrap();
    fs::write(anh.join("gia.png"), b"GIF89a\x01\0\x01\0\0\0\0;").unwrap();
    // A PNG whose header claims 100,000 × 100,000 pixels.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    fs::write(anh.join("bom.png"), bomb).unwrap();
    fs::write(anh.join("anh.tiff"), b"II*\0").unwrap();
    fs::create_dir_all(content.join("tep")).unwrap();
    let big = fs::File::create(content.join("tep/lon.pdf")).unwrap();
    big.set_len(51 * 1024 * 1024).unwrap();
    fs::write(content.join("tep/chay.exe"), b"MZ").unwrap();
    let cases = [
        ("hong.md", "![Hỏng](/anh/hong.jpg)\n", "", 7, "ảnh hỏng"),
        ("gia.md", "![Giả](/anh/gia.png)\n", "", 7, "GIF"),
        ("bom.md", "![Bom](/anh/bom.png)\n", "", 7, "quá lớn"),
        (
            "tiff.md",
            "![Tiff](/anh/anh.tiff)\n",
            "",
            7,
            "không được hỗ trợ",
        ),
        (
            "lon.md",
            "Xem.\n",
            "attachments = [{ src = \"/tep/lon.pdf\", title = \"Lớn\" }]\n",
            5,
            "tệp quá lớn",
        ),
        (
            "exe.md",
            "Tải [tệp](/tep/chay.exe).\n",
            "",
            7,
            "loại tệp không được hỗ trợ",
        ),
        (
            "thieu.md",
            "Tải [tệp](/tep/thieu.pdf).\n",
            "",
            7,
            "không tìm thấy tệp /tep/thieu.pdf",
        ),
        (
            "video.md",
            "```video\ntitle = \"V\"\nyoutube = \"x\"\n```\n",
            "",
            9,
            "YouTube",
        ),
    ];
    for (name, body, front, line, needle) in cases {
        let path = content.join("articles").join(name);
        fs::write(&path, media_article(body, front)).unwrap();
        let Err(BuildError::Content(diags)) = build(&content, &out) else {
            panic!("{name} should fail");
        };
        let prefix = format!("{}:{line}: ", path.display());
        assert!(
            diags
                .iter()
                .any(|d| d.to_string().starts_with(&prefix) && d.message.contains(needle)),
            "{name}: want {prefix}…{needle}…, got {diags:#?}"
        );
        assert_eq!(
            snapshot(&out),
            before,
            "{name}: the previous output is intact"
        );
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn pages_and_menus_are_built_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    fs::create_dir_all(content.join("pages")).unwrap();
    fs::write(
        content.join("pages/lien-he.md"),
        "+++\ntitle = \"Liên hệ\"\ndescription = \"Địa chỉ và giờ làm việc\"\nupdated = \"2026-11-30\"\n+++\n## Giờ làm việc\n\n| Ngày | Sáng |\n|---|---|\n| Thứ Hai | 7h30 |\n",
    )
    .unwrap();
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let menu = "\n[[menu]]\nname = \"Giới thiệu\"\nitems = [{ page = \"lien-he\" }, { name = \"Tin mới\", url = \"/moi-nhat\" }]\n\n[[footer_links]]\ntitle = \"Về cổng\"\nitems = [{ page = \"lien-he\" }]\n";
    fs::write(content.join("site.toml"), format!("{site}{menu}")).unwrap();
    let out = dir.path().join("dist");
    build(&content, &out).unwrap();

    let settings: bantin_contract::SiteSettings = read(&out, "site.json");
    assert_eq!(settings.menu[0].items[0].name, "Liên hệ");
    assert_eq!(settings.menu[0].items[0].url, "/trang/lien-he");
    assert_eq!(settings.footer_links[0].items[0].url, "/trang/lien-he");
    assert_eq!(settings.pages[0].slug, "lien-he");
    let page: bantin_contract::InfoPage = read(&out, "trang/lien-he.json");
    assert_eq!(page.title, "Liên hệ");
    assert_eq!(page.updated.as_deref(), Some("2026-11-30T00:00:00+07:00"));
    assert!(matches!(page.body[1], bantin_contract::Block::Table(_)));
    let sitemap = fs::read_to_string(out.join("sitemap-trang.xml")).unwrap();
    assert!(
        sitemap.contains("trang/lien-he</loc><lastmod>2026-11-30T00:00:00+07:00</lastmod>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("so-do</loc>"), "{sitemap}");

    // Each of these is refused on its line, and the output stays as it was.
    let before = crate::common::snapshot_all(&out);
    let menu_line = site.lines().count() + 4;
    for (what, edit, want) in [
        (
            "a menu entry to a page that does not exist",
            (
                "site.toml",
                format!(
                    "{site}{}",
                    menu.replace("page = \"lien-he\" }, {", "page = \"gioi-thieu\" }, {")
                ),
            ),
            format!("site.toml:{menu_line}: trang không tồn tại: “gioi-thieu”"),
        ),
        (
            "a page with a key of articles",
            (
                "pages/lien-he.md",
                "+++\ntitle = \"Liên hệ\"\ncategory = \"thoi-su\"\n+++\nx\n".to_string(),
            ),
            "pages/lien-he.md:3: khóa không được hỗ trợ: `category`".to_string(),
        ),
    ] {
        assert_refused(&content, &out, &before, what, edit.0, &edit.1, &want);
    }
}

/// Writes `text` into the content's file `file`, checks that the build fails
/// naming `want` and leaves `out` as `before`, then puts the file back.
fn assert_refused(
    content: &Path,
    out: &Path,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
    file: &str,
    text: &str,
    want: &str,
) {
    let path = content.join(file);
    let kept = fs::read_to_string(&path).unwrap();
    fs::write(&path, text).unwrap();
    let Err(BuildError::Content(d)) = build(content, out) else {
        panic!("{what}: the build should fail");
    };
    let messages: Vec<String> = d.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|t| t.contains(want)),
        "{what}: {messages:?} should name {want}"
    );
    let after = crate::common::snapshot_all(out);
    // The search cache is content-addressed (a line per article's hash), kept
    // as soon as it is made: a later failure leaves it valid.
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|k| *k != ".bantin-search-cache" && after.get(*k) != before.get(*k))
        .collect();
    assert!(
        changed.is_empty(),
        "{what}: the previous output is untouched ({changed:?} changed)"
    );
    fs::write(&path, kept).unwrap();
}

#[test]
fn the_documents_registry_is_built_linked_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    fs::create_dir_all(content.join("documents")).unwrap();
    fs::create_dir_all(content.join("tep/van-ban")).unwrap();
    fs::write(content.join("tep/van-ban/a.pdf"), b"%PDF-1.4 toan van").unwrap();
    fs::write(content.join("tep/van-ban/b.docx"), b"PK docx").unwrap();
    let doc = |number: &str, kind: &str, issued: &str, file: &str| {
        format!(
            "+++\nnumber = \"{number}\"\ntype = \"{kind}\"\nissuer = \"UBND tỉnh\"\nsigner = \"Lê Văn B\"\nsigner_title = \"Chủ tịch\"\nissued = {issued}\nsummary = \"Về việc thử nghiệm {number}\"\nfields = [\"Y tế\"]\nfiles = [{{ src = \"/tep/van-ban/{file}\", title = \"Toàn văn\" }}]\n+++\nTóm tắt.\n"
        )
    };
    let docs = [
        (
            "2025-05-nq-tu.md",
            doc("05-NQ/TU", "Nghị quyết", "2025-03-10", "a.pdf"),
        ),
        (
            "2026-12-qd-ubnd.md",
            doc("12/QĐ-UBND", "Quyết định", "\"2026-01-05\"", "b.docx"),
        ),
    ];
    for (name, text) in &docs {
        fs::write(content.join("documents").join(name), text).unwrap();
    }
    // An article that links to a document by its number.
    let article_path = {
        let mut stack = vec![content.join("articles")];
        let mut found = Vec::new();
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "md") {
                    found.push(p);
                }
            }
        }
        found.sort();
        found.remove(0)
    };
    let article = fs::read_to_string(&article_path).unwrap();
    fs::write(
        &article_path,
        format!("{article}\nXem [Nghị quyết 05](van-ban:05-nq/tu).\n"),
    )
    .unwrap();
    let out = dir.path().join("dist");
    build(&content, &out).unwrap();

    let index: bantin_contract::DocumentIndex = read(&out, "van-ban/index.json");
    let numbers: Vec<&str> = index.items.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["12/QĐ-UBND", "05-NQ/TU"], "newest first");
    assert_eq!(index.types[index.items[0].kind as usize].name, "Quyết định");
    let d: bantin_contract::OfficialDocument = read(&out, "van-ban/2025-05-nq-tu.json");
    assert_eq!(d.files[0].size, 17);
    assert_eq!(d.files[0].format, "PDF");
    assert_eq!(d.signer_title.as_deref(), Some("Chủ tịch"));
    let settings: bantin_contract::SiteSettings = read(&out, "site.json");
    assert_eq!(settings.registry.len(), 2);
    let linked = fs::read_dir(out.join("data/bai-viet"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .any(|j| j.contains("\"href\":\"/van-ban/2025-05-nq-tu\""));
    assert!(linked, "the article links to the document's page");
    let sitemap = fs::read_to_string(out.join("sitemap-trang.xml")).unwrap();
    assert!(sitemap.contains("van-ban/2025-05-nq-tu</loc>"), "{sitemap}");
    assert!(out.join("tep/van-ban/b.docx").is_file());

    // Each of these is refused on its line, and the output stays as it was.
    let before = crate::common::snapshot_all(&out);
    let article_name = article_path
        .strip_prefix(&content)
        .unwrap()
        .display()
        .to_string();
    let link_line = article.lines().count() + 2;
    for (what, file, text, want) in [
        (
            "a duplicate number",
            "documents/2026-12-qd-ubnd.md".to_string(),
            doc("05-nq/TU", "Quyết định", "2026-01-05", "b.docx"),
            "documents/2026-12-qd-ubnd.md:2: số ký hiệu “05-nq/TU” bị trùng".to_string(),
        ),
        (
            "a document without a file",
            "documents/2026-12-qd-ubnd.md".to_string(),
            doc("12/QĐ-UBND", "Quyết định", "2026-01-05", "b.docx").replace(
                "files = [{ src = \"/tep/van-ban/b.docx\", title = \"Toàn văn\" }]\n",
                "",
            ),
            "documents/2026-12-qd-ubnd.md:1: văn bản chưa có tệp".to_string(),
        ),
        (
            "a document without a date",
            "documents/2026-12-qd-ubnd.md".to_string(),
            doc("12/QĐ-UBND", "Quyết định", "2026-01-05", "b.docx")
                .replace("issued = 2026-01-05\n", ""),
            "documents/2026-12-qd-ubnd.md:1: thiếu khóa bắt buộc `issued`".to_string(),
        ),
        (
            "a file that does not exist",
            "documents/2026-12-qd-ubnd.md".to_string(),
            doc("12/QĐ-UBND", "Quyết định", "2026-01-05", "khong-co.pdf"),
            "documents/2026-12-qd-ubnd.md:10:".to_string(),
        ),
        (
            "an article linking to a number the registry does not have",
            article_name.clone(),
            format!("{article}\nXem [Nghị quyết 99](van-ban:99-NQ/TU).\n"),
            format!("{article_name}:{link_line}: không có văn bản số “99-NQ/TU”"),
        ),
    ] {
        assert_refused(&content, &out, &before, what, &file, &text, &want);
    }
}

#[test]
fn a_brand_below_aa_or_with_a_missing_logo_is_refused_and_keeps_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("dist");
    copy_dir(&fixtures().join("valid"), &content);
    build(&content, &out).unwrap();
    let before = crate::common::snapshot_all(&out);
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let branded = |table: &str| format!("{site}\n{table}");
    let line = site.lines().count() + 3;
    // Pale red links on white: refused on primary's line, with a colour that passes.
    let low = branded("[brand]\nprimary = \"#f08080\"\nheader_text = \"#ffffff\"\n");
    assert_refused(
        &content,
        &out,
        &before,
        "low contrast",
        "site.toml",
        &low,
        &format!("site.toml:{line}: [brand] độ tương phản không đạt WCAG AA: liên kết (primary) trên nền trang: #f08080 trên #ffffff"),
    );
    assert_refused(
        &content,
        &out,
        &before,
        "a suggestion",
        "site.toml",
        &low,
        "màu gần nhất đạt chuẩn: primary = \"#",
    );
    assert_refused(
        &content,
        &out,
        &before,
        "missing logo",
        "site.toml",
        &branded("[brand]\nprimary = \"#0b5394\"\nlogo = \"/anh/khong-co.svg\"\n"),
        &format!(
            "site.toml:{}: [brand] logo: không tìm thấy ảnh /anh/khong-co.svg",
            line + 1
        ),
    );
    // Fonts: a missing file, and a name that is neither a stack nor a font file.
    assert_refused(
        &content,
        &out,
        &before,
        "missing font",
        "site.toml",
        &branded("[brand]\nheading_font = \"/phong-chu/khong-co.ttf\"\n"),
        &format!(
            "site.toml:{line}: [brand] heading_font: không tìm thấy tệp phông chữ /phong-chu/khong-co.ttf"
        ),
    );
    assert_refused(
        &content,
        &out,
        &before,
        "not a font",
        "site.toml",
        &branded("[brand]\nbody_font = \"Arial\"\n"),
        &format!("site.toml:{line}: [brand] body_font: “Arial” phải là \"system\", \"serif\" hoặc tệp phông chữ"),
    );
}

/// The widgets' loader (embed.js, which `make site-widgets` writes) takes the
/// site's language and brand on its `var SITE` line at every build; the rest
/// of it is left as it is, and a site without the loader gets none.
#[test]
fn the_widgets_loader_takes_the_sites_language_and_brand() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("dist");
    copy_dir(&fixtures().join("valid"), &content);
    build(&content, &out).unwrap();
    assert!(!out.join("embed.js").exists(), "no loader is made");
    let template =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../widgets/embed.js"))
            .unwrap();
    assert!(template.contains("\n  var SITE = {\"lang\":\"vi\",\"brand\":null};\n"));
    fs::write(out.join("embed.js"), &template).unwrap();
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(
        content.join("site.toml"),
        format!("{site}\n[brand]\nprimary = \"#0b5394\"\nheader_text = \"#fffbe6\"\n"),
    )
    .unwrap();
    build(&content, &out).unwrap();
    let loader = fs::read_to_string(out.join("embed.js")).unwrap();
    let want = "\n  var SITE = {\"brand\":[\"#0b5394\",\"#fffbe6\"],\"lang\":\"vi\"};\n";
    assert!(loader.contains(want), "{loader}");
    assert_eq!(
        loader.replace(want, "\n  var SITE = {\"lang\":\"vi\",\"brand\":null};\n"),
        template,
        "only the SITE line changes"
    );
    // The brand goes: so do its colours.
    fs::write(content.join("site.toml"), &site).unwrap();
    build(&content, &out).unwrap();
    let loader = fs::read_to_string(out.join("embed.js")).unwrap();
    assert!(
        loader.contains("\n  var SITE = {\"brand\":null,\"lang\":\"vi\"};\n"),
        "{loader}"
    );
}

fn build_at(
    content: &Path,
    out: &Path,
    now: &str,
) -> Result<bantin_build::build::Report, BuildError> {
    run(&Options {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        now: Some(bantin_build::article::parse_date(now).unwrap()),
    })
}

/// A draft is never published; an article dated after the build's clock is
/// published by the first build at or after its time; the report lists both.
#[test]
fn drafts_stay_out_and_scheduled_articles_wait_for_their_time() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("dist");
    copy_dir(&fixtures().join("valid"), &content);
    let articles = content.join("articles/thoi-su");
    fs::write(
        articles.join("nhap.md"),
        "+++\ntitle = \"Bản nháp thông cáo\"\ndate = \"2024-01-20T08:00:00+07:00\"\ncategory = \"thoi-su\"\ndraft = true\n+++\n\nChưa duyệt.\n",
    )
    .unwrap();
    fs::write(
        articles.join("hen-gio.md"),
        "+++\ntitle = \"Lịch tiếp công dân tháng Hai\"\ndate = \"2024-02-01T07:00:00+07:00\"\ncategory = \"thoi-su\"\ntags = [\"giao thông\"]\n+++\n\nLịch tiếp công dân.\n",
    )
    .unwrap();
    let has = |out: &Path, slug: &str| {
        out.join(format!("data/bai-viet/{slug}.json")).exists()
            || fs::read_to_string(out.join("data/chuyen-muc/thoi-su/1.json"))
                .unwrap()
                .contains(slug)
            || fs::read_to_string(out.join("rss.xml"))
                .unwrap()
                .contains(slug)
            || fs::read_to_string(out.join("sitemap.xml"))
                .unwrap_or_default()
                .contains(slug)
    };
    let before = build_at(&content, &out, "2024-01-31T12:00:00+07:00").unwrap();
    assert_eq!(
        before.held.drafts,
        vec![shown_path(&articles.join("nhap.md"))]
    );
    assert_eq!(before.held.scheduled.len(), 1);
    assert_eq!(
        before.held.scheduled[0].0,
        bantin_build::article::parse_date("2024-02-01T07:00:00+07:00").unwrap()
    );
    assert!(
        !has(&out, "ban-nhap-thong-cao"),
        "the draft is not published"
    );
    assert!(
        !has(&out, "lich-tiep-cong-dan-thang-hai"),
        "not before its time"
    );
    // At its time (an incremental build over the same output).
    let after = build_at(&content, &out, "2024-02-01T07:00:00+07:00").unwrap();
    assert!(after.held.scheduled.is_empty());
    assert!(
        has(&out, "lich-tiep-cong-dan-thang-hai"),
        "published at its time"
    );
    assert!(
        fs::read_to_string(out.join("data/chuyen-muc/thoi-su/1.json"))
            .unwrap()
            .contains("lich-tiep-cong-dan-thang-hai"),
        "in its category"
    );
    assert!(!has(&out, "ban-nhap-thong-cao"), "the draft never is");
    // The same output as a full build at that time.
    let fresh = dir.path().join("fresh");
    build_at(&content, &fresh, "2024-02-01T07:00:00+07:00").unwrap();
    let strip = |mut m: std::collections::BTreeMap<String, Vec<u8>>| {
        m.retain(|k, _| !k.starts_with(".bantin"));
        m
    };
    assert!(
        strip(snapshot(&out)) == strip(snapshot(&fresh)),
        "incremental = full"
    );
}

fn shown_path(p: &Path) -> String {
    p.display().to_string()
}

/// An article's old addresses redirect to it: a static page at each, and a
/// 301 rule in every host config; an alias that takes a path of the site, or
/// another article's alias, is refused on its line.
#[test]
fn aliases_redirect_to_the_article_and_never_take_the_sites_paths() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("dist");
    copy_dir(&fixtures().join("valid"), &content);
    let file = content.join("articles/thoi-su/cau-moi.md");
    let text = fs::read_to_string(&file).unwrap();
    let with = |aliases: &str| text.replacen("+++\n", &format!("+++\naliases = {aliases}\n"), 1);
    fs::write(
        &file,
        with("[\"/2019/05/cau-dong-ha.html\", \"/tin-cu/cau-moi/\", \"/bai-viet/cau-moi-cu\"]"),
    )
    .unwrap();
    build(&content, &out).unwrap();
    let slug = "nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha";
    for page in [
        "2019/05/cau-dong-ha.html",
        "tin-cu/cau-moi/index.html",
        "bai-viet/cau-moi-cu/index.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url=/bai-viet/{slug}\">"
            )),
            "{page}: {html}"
        );
        assert!(html.contains(&format!(
            "<link rel=\"canonical\" href=\"/bai-viet/{slug}\">"
        )));
        assert!(html.contains("noindex"));
    }
    let redirects = fs::read_to_string(out.join("_redirects")).unwrap();
    assert!(
        redirects.contains(&format!(
            "/2019/05/cau-dong-ha.html  /bai-viet/{slug}  301!"
        )),
        "{redirects}"
    );
    assert!(redirects.contains(&format!("/tin-cu/cau-moi/  /bai-viet/{slug}  301!")));
    let htaccess = fs::read_to_string(out.join(".htaccess")).unwrap();
    assert!(
        htaccess.contains(&format!(
            "RewriteRule ^2019/05/cau-dong-ha\\.html/?$ /bai-viet/{slug} [R=301,L]"
        )),
        "{htaccess}"
    );
    let nginx = fs::read_to_string(out.join("nginx.conf")).unwrap();
    assert!(
        nginx.contains(&format!(
            "location = \"/tin-cu/cau-moi\" {{ return 301 /bai-viet/{slug}; }}"
        )),
        "{nginx}"
    );

    let before = crate::common::snapshot_all(&out);
    let line = 2;
    let name = file
        .strip_prefix(&content)
        .unwrap()
        .to_string_lossy()
        .to_string();
    for (what, aliases, want) in [
        (
            "an article's current address",
            "[\"/bai-viet/nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha\"]",
            "là địa chỉ hiện tại của một bài viết",
        ),
        (
            "a listing",
            "[\"/chuyen-muc/thoi-su\"]",
            "nằm trong /chuyen-muc/",
        ),
        (
            "a file of the site",
            "[\"/rss.xml\"]",
            "trùng với một tệp của trang (rss.xml)",
        ),
        ("not a path", "[\"tin-cu/x\"]", "phải bắt đầu bằng “/”"),
        ("a query", "[\"/?p=12\"]", "có “?” hoặc “#”"),
    ] {
        assert_refused(
            &content,
            &out,
            &before,
            what,
            &name,
            &with(aliases),
            &format!(":{line}: "),
        );
        assert_refused(&content, &out, &before, what, &name, &with(aliases), want);
    }
    // Two articles claiming one old address.
    let other = content.join("articles/thoi-su/hop-bao.md");
    let other_text = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        other_text.replacen("+++\n", "+++\naliases = \"/tin-cu/cau-moi\"\n", 1),
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(&content, &out) else {
        panic!("a shared alias should fail");
    };
    assert!(
        d.iter()
            .any(|d| d.to_string().contains("đã là của bài khác")),
        "{d:?}"
    );
}
