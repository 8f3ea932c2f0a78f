//! `bantin import wordpress`: the fixture export (`tests/fixtures/wxr/tan-hoa.xml`,
//! a fictional commune's site) imported, built, and its report read.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, fixtures};
use bantin_build::build::{run as build, Options};
use bantin_build::import::{run, ImportError, ImportOptions, ImportReport, REPORT_FILE};
use bantin_contract::{parse, paths, Article, Block, Inline, SiteSettings};

fn wxr() -> PathBuf {
    fixtures().join("wxr")
}

fn import(out: &Path, force: bool) -> Result<ImportReport, ImportError> {
    run(&ImportOptions {
        wxr: wxr().join("tan-hoa.xml"),
        uploads: Some(wxr().join("uploads")),
        out: out.to_path_buf(),
        force,
    })
}

/// The fixture imported into `<tmp>/content` and built into `<tmp>/dist`.
fn imported_and_built() -> (tempfile::TempDir, ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let report = import(&content, false).unwrap();
    build(&Options {
        content: content.clone(),
        out: dir.path().join("dist"),
        base_url: None,
        now: Some(bantin_build::article::parse_date("2024-04-01 08:00").unwrap()),
    })
    .unwrap_or_else(|e| panic!("the imported folder does not build: {e}"));
    (dir, report)
}

fn article(dir: &Path, slug: &str) -> Article {
    let text = fs::read_to_string(dir.join("dist/data").join(paths::article(slug))).unwrap();
    parse(&text).unwrap()
}

fn text(runs: &[Inline]) -> String {
    runs.iter().map(Inline::text).collect()
}

#[test]
fn imports_posts_pages_and_media_into_a_folder_that_builds() {
    let (dir, report) = imported_and_built();
    let folder = dir.path().join("content");
    // 7 posts (a draft, a scheduled one, one without a title); private and trash are not.
    assert_eq!(
        (
            report.articles,
            report.drafts,
            report.scheduled,
            report.pages
        ),
        (7, 2, 1, 1)
    );
    // ruong-lua, cho-que, le-hoi; the PDF and the MP3 in tep/.
    assert_eq!((report.images, report.files), (3, 2));
    assert!(folder.join("anh/cho-que.png").is_file());
    assert!(folder.join("tep/ke-hoach-nam-2024.pdf").is_file());

    let site: SiteSettings =
        parse(&fs::read_to_string(dir.path().join("dist/data").join(paths::SITE)).unwrap())
            .unwrap();
    assert_eq!(site.name, "Bản tin xã Tân Hòa");
    let cats: Vec<(&str, &str)> = site
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.name.as_str()))
        .collect();
    // In the export's order; "Giáo dục" has no article and is left out (reported).
    assert_eq!(
        cats,
        [
            ("thoi-su", "Thời sự"),
            ("kinh-te", "Kinh tế"),
            ("van-hoa-xa-hoi", "Văn hóa – Xã hội")
        ]
    );

    let a = article(dir.path(), "thu-hoach-lua-dong-xuan");
    assert_eq!(a.title, "Tân Hòa thu hoạch lúa vụ đông xuân được mùa");
    assert_eq!(a.published, "2024-03-16T08:30:00+07:00");
    assert_eq!(a.author.as_deref(), Some("Lê Thu Thủy"));
    assert_eq!(a.category.as_ref().unwrap().slug, "kinh-te");
    assert_eq!(a.tags[0].name, "Nông nghiệp");
    assert_eq!(
        a.lead.as_deref(),
        Some("Vụ đông xuân năm nay, lúa ở Tân Hòa đạt năng suất cao nhất 5 năm.")
    );
    let cover = a.cover.as_ref().unwrap();
    // The build publishes resized copies of photos, named after the file.
    assert!(
        cover.image.src.starts_with("/anh/ruong-lua."),
        "{}",
        cover.image.src
    );
    assert_eq!(cover.image.alt, "Cánh đồng lúa chín vàng dưới nắng sớm");
    assert_eq!(
        cover.caption.as_deref(),
        Some("Lúa chín vàng trên cánh đồng thôn Đông")
    );

    let kinds: Vec<&str> = a
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "p",
            Block::Heading { .. } => "h",
            Block::Figure(_) => "figure",
            Block::Quote { .. } => "quote",
            Block::List { .. } => "list",
            Block::Table(_) => "table",
            Block::Video(_) => "video",
            Block::Gallery(_) => "gallery",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["p", "p", "figure", "h", "p", "list", "quote", "table", "p"]
    );
    let Block::Paragraph { content } = &a.body[0] else {
        unreachable!()
    };
    assert!(content.contains(&Inline::Strong {
        text: "thôn Đông".into()
    }));
    assert!(content.contains(&Inline::Emphasis {
        text: "thôn Đoài".into()
    }));
    // A link to another post of the old site leads to its new address.
    let Block::Paragraph { content } = &a.body[1] else {
        unreachable!()
    };
    assert!(content.contains(&Inline::Link {
        text: "tin lễ hội".into(),
        href: "/bai-viet/le-hoi-dinh-lang".into()
    }));
    // `[caption]` with a resized copy (-300x200) → the original, copied, with its caption.
    let Block::Figure(f) = &a.body[2] else {
        unreachable!()
    };
    assert!(f.image.src.starts_with("/anh/cho-que."), "{}", f.image.src);
    assert_eq!(f.image.alt, "Người dân mua bán rau củ ở chợ quê");
    assert_eq!(
        f.caption.as_deref(),
        Some("Lúa mới được bán ngay tại chợ quê")
    );
    assert_eq!(
        a.body[3],
        Block::Heading {
            level: 2,
            text: "Giá lúa tăng nhẹ".into()
        }
    );
    let Block::List { ordered, items } = &a.body[5] else {
        unreachable!()
    };
    assert!(!ordered);
    assert_eq!(text(&items[0]), "Lúa tẻ thường: 7.800 đồng/kg");
    assert_eq!(
        items[1],
        vec![
            Inline::Text {
                text: "Lúa nếp: ".into()
            },
            Inline::Strong {
                text: "9.200 đồng/kg".into()
            }
        ]
    );
    let Block::Quote { content, cite } = &a.body[6] else {
        unreachable!()
    };
    assert_eq!(text(content), "Năm nay trời thuận, bà con phấn khởi lắm.");
    assert_eq!(cite.as_deref(), Some("Ông Nguyễn Văn Bình, thôn Đông"));
    let Block::Table(t) = &a.body[7] else {
        unreachable!()
    };
    let head: Vec<String> = t.head.iter().map(|c| text(c)).collect();
    assert_eq!(head, ["Thôn", "Diện tích (ha)", "Năng suất (tạ/ha)"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(text(&t.rows[1][0]), "Thôn Đoài");
    // The PDF link is an attachment; the javascript: link keeps only its text.
    let Block::Paragraph { content } = &a.body[8] else {
        unreachable!()
    };
    assert_eq!(
        text(content),
        "Xem kế hoạch sản xuất năm 2024 và đường dẫn lạ."
    );
    assert!(!content
        .iter()
        .any(|i| matches!(i, Inline::Link { href, .. } if href.contains("javascript"))));
    assert_eq!(a.attachments[0].href, "/tep/ke-hoach-nam-2024.pdf");

    // The festival: gallery, YouTube video with its caption, broken HTML read, figure.
    let b = article(dir.path(), "le-hoi-dinh-lang");
    assert_eq!(b.category.as_ref().unwrap().slug, "van-hoa-xa-hoi");
    assert!(b.tags.iter().any(|t| t.name == "Thời sự"));
    let gallery = b
        .body
        .iter()
        .find_map(|x| match x {
            Block::Gallery(g) => Some(g),
            _ => None,
        })
        .unwrap();
    let srcs: Vec<&str> = gallery
        .photos
        .iter()
        .map(|p| p.image.src.split('.').next().unwrap())
        .collect();
    assert_eq!(srcs, ["/anh/ruong-lua", "/anh/cho-que", "/anh/le-hoi"]);
    assert_eq!(
        gallery.photos[1].caption.as_deref(),
        Some("Phiên chợ sáng ở ngã ba Tân Hòa")
    );
    let video = b
        .body
        .iter()
        .find_map(|x| match x {
            Block::Video(v) => Some(v),
            _ => None,
        })
        .unwrap();
    assert_eq!(video.youtube.as_deref(), Some("tH0a-Le-Hoi"));
    assert_eq!(video.title, "Lễ rước kiệu đình làng Tân Hòa");
    assert_eq!(
        video.caption.as_deref(),
        Some("Video: lễ rước kiệu sáng 17/3")
    );
    let all: String = b
        .body
        .iter()
        .filter_map(|x| match x {
            Block::Paragraph { content } => Some(text(content) + "\n"),
            _ => None,
        })
        .collect();
    assert!(
        all.contains("Chương trình hội thi kéo co diễn ra lúc 8 giờ"),
        "{all}"
    );
    assert!(
        all.contains("Hội thi thả diều diễn ra buổi chiều."),
        "{all}"
    );
    assert!(
        !all.contains("Quảng cáo") && !all.contains("contact-form"),
        "{all}"
    );
    let Some(Block::Figure(last)) = b.body.last() else {
        panic!("{:?}", b.body.last())
    };
    assert_eq!(
        last.caption.as_deref(),
        Some("Cổng đình trang hoàng cờ hội")
    );
    assert_eq!(last.image.alt, "Cờ hội tung bay trước cổng đình");

    // Two titles with one slug: the second is made unique.
    let first = article(dir.path(), "thong-bao-lich-tiem-chung");
    let second = article(dir.path(), "thong-bao-lich-tiem-chung-2");
    assert_eq!(first.title, "Thông báo lịch tiêm chủng");
    // The block editor's gallery: its caption is the title, each image's its own.
    let Some(Block::Gallery(g)) = first.body.last() else {
        panic!("{:?}", first.body)
    };
    assert_eq!(g.title.as_deref(), Some("Tân Hòa mùa xuân"));
    assert_eq!(g.photos.len(), 2);
    assert_eq!(g.photos[0].caption.as_deref(), Some("Ruộng lúa thôn Đông"));
    assert_eq!(g.photos[1].image.alt, "Cờ hội trước cổng đình");
    // `[audio mp3=…]`: the file copied into tep/, an audio block.
    let Block::Audio(audio) = &first.body[1] else {
        panic!("{:?}", first.body)
    };
    assert_eq!(audio.sources[0].src, "/tep/ban-tin-sang.mp3");
    assert_eq!(audio.title, "Âm thanh: Thông báo lịch tiêm chủng");
    assert_eq!(second.title, "Thông báo: lịch tiêm chủng!");
    // Its featured image is not in the uploads: the remote address is kept.
    assert_eq!(
        second.cover.unwrap().image.src,
        "https://tanhoa.example.vn/wp-content/uploads/2024/03/diem-tiem.jpg"
    );

    // The draft, the scheduled post and the untitled one are files, not published.
    let draft =
        fs::read_to_string(folder.join("articles/hop-dan-ban-ke-hoach-lam-duong-lien-thon.md"))
            .unwrap();
    assert!(draft.contains("draft = true"), "{draft}");
    assert!(
        draft.contains("date = \"2024-03-18T09:00:00+07:00\""),
        "{draft}"
    );
    let future = fs::read_to_string(folder.join("articles/khai-giang-lop-tieng-anh.md")).unwrap();
    assert!(future.contains("date = \"2030-06-01T08:00:00+07:00\"") && !future.contains("draft"));
    assert!(!dir
        .path()
        .join("dist/bai-viet/khai-giang-lop-tieng-anh")
        .exists());
    let untitled =
        fs::read_to_string(folder.join("articles/bai-viet-khong-co-tieu-de-id-16.md")).unwrap();
    assert!(untitled.contains("draft = true"), "{untitled}");

    // The page, with its table and caption.
    let page = fs::read_to_string(folder.join("pages/gioi-thieu.md")).unwrap();
    assert!(page.contains("title = \"Giới thiệu xã Tân Hòa\""), "{page}");
    assert!(page.contains("| Diện tích | 24,5 km² |"), "{page}");
    assert!(page.contains(": Số liệu năm 2023"), "{page}");
    assert!(dir
        .path()
        .join("dist/data")
        .join(paths::page("gioi-thieu"))
        .is_file());
}

#[test]
fn old_addresses_redirect_to_the_imported_articles() {
    let (dir, _) = imported_and_built();
    let html = fs::read_to_string(
        dir.path()
            .join("dist/2024/03/thu-hoach-lua-dong-xuan/index.html"),
    )
    .unwrap();
    assert!(
        html.contains("url=/bai-viet/thu-hoach-lua-dong-xuan\""),
        "{html}"
    );
    let report = fs::read_to_string(dir.path().join("content").join(REPORT_FILE)).unwrap();
    // `?p=ID` addresses cannot be static pages: listed for the server.
    assert!(
        report.contains("/?p=10 → /bai-viet/thu-hoach-lua-dong-xuan"),
        "{report}"
    );
    assert!(
        report.contains("/gioi-thieu/ → /trang/gioi-thieu"),
        "{report}"
    );
}

#[test]
fn the_report_names_every_piece_not_converted_with_its_place() {
    let (dir, report) = imported_and_built();
    let text = fs::read_to_string(dir.path().join("content").join(REPORT_FILE)).unwrap();
    assert_eq!(text, report.text);
    assert!(
        text.contains(
            "Đã nhập 7 bài viết (2 bản nháp, 1 hẹn giờ), 1 trang, 3 chuyên mục, 3 ảnh, 2 tệp"
        ),
        "{text}"
    );
    let lost: Vec<String> = report
        .entries
        .iter()
        .filter(|e| e.lost)
        .map(|e| e.to_string())
        .collect();
    let has = |item: &str, place: &str, what: &str| {
        assert!(
            lost.iter()
                .any(|l| l.starts_with(item) && l.contains(place) && l.contains(what)),
            "{item} / {place} / {what} not in:\n{}",
            lost.join("\n")
        );
        assert!(text.contains(what));
    };
    let festival = "bài “Lễ hội đình làng Tân Hòa năm 2024” (ID 11)";
    // The WXR lines of each piece (the fixture's own lines).
    has(festival, "dòng 156 của tệp WXR", "maps.example.com");
    has(festival, "dòng 158 của tệp WXR", "<script>");
    has(
        festival,
        "dòng 160 của tệp WXR",
        "[contact-form-7 id=\"5\" title=\"Đăng ký hội thi\"]",
    );
    let harvest = "bài “Tân Hòa thu hoạch lúa vụ đông xuân được mùa” (ID 10)";
    has(harvest, "đoạn 9, dòng 121 của tệp WXR", "javascript:alert");
    has(
        "bài “Thông báo: lịch tiêm chủng!” (ID 15)",
        "dòng",
        "không có tệp 2024/03/diem-tiem.jpg trong thư mục uploads",
    );
    has(
        "bài “Danh sách nội bộ” (ID 17)",
        "dòng",
        "riêng tư (private)",
    );
    has("bài “Bài đã xóa” (ID 18)", "dòng", "thùng rác");
    has("bài không có tiêu đề (ID 16)", "dòng", "không có tiêu đề");
    // A body image missing from the uploads: its block and line.
    let line = fs::read_to_string(wxr().join("tan-hoa.xml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("so-do-xa.jpg"))
        .unwrap()
        + 1;
    has(
        "bài không có tiêu đề (ID 16)",
        &format!("đoạn 2, dòng {line} của tệp WXR"),
        "không có tệp 2024/02/so-do-xa.jpg trong thư mục uploads; giữ địa chỉ gốc",
    );
    has(
        "bài không có tiêu đề (ID 16)",
        &format!("đoạn 3, dòng {} của tệp WXR", line + 2),
        "<video> https://tanhoa.example.vn/wp-content/uploads/2024/02/hop-dan.mp4 không chuyển được (không có tệp 2024/02/hop-dan.mp4 trong thư mục uploads",
    );
    let notes: Vec<String> = report
        .entries
        .iter()
        .filter(|e| !e.lost)
        .map(|e| e.to_string())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains(
            "“thong-bao-lich-tiem-chung” đã có bài khác dùng; đặt là “thong-bao-lich-tiem-chung-2”"
        )),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("nav_menu_item")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("Giáo dục")), "{notes:?}");
    // Broken HTML (an unclosed <strong>, stray </div>) is read without a report.
    assert!(!lost.iter().any(|l| l.contains("div")), "{lost:?}");
}

#[test]
fn bad_input_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("content");
    let bad = |file: &Path| {
        run(&ImportOptions {
            wxr: file.to_path_buf(),
            uploads: None,
            out: out.clone(),
            force: false,
        })
        .unwrap_err()
        .to_string()
    };
    let cut = bad(&wxr().join("malformed.xml"));
    let lines = fs::read_to_string(wxr().join("malformed.xml"))
        .unwrap()
        .trim_end()
        .lines()
        .count();
    assert!(
        cut.contains(&format!("tệp kết thúc giữa chừng ở dòng {lines}")),
        "{cut}"
    );
    assert!(cut.contains("bị cắt cụt"), "{cut}");
    let html = dir.path().join("trang.xml");
    fs::write(
        &html,
        "<html><body><p>Không phải tệp xuất</p></body></html>",
    )
    .unwrap();
    assert!(bad(&html).contains("không phải tệp xuất WordPress (WXR)"));
    let rss = dir.path().join("rss.xml");
    fs::write(
        &rss,
        "<rss version=\"2.0\"><channel><title>Tin</title></channel></rss>",
    )
    .unwrap();
    assert!(bad(&rss).contains("không có phần tử wp:"));
    assert!(bad(&dir.path().join("khong-co.xml")).contains("không đọc được tệp xuất WordPress"));
    // Nothing was written, not even a staging folder.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    assert!(!out.exists());

    // A folder with content is not replaced without --force.
    copy_dir(&fixtures().join("valid"), &out);
    let before = crate::common::snapshot_all(&out);
    let e = import(&out, false).unwrap_err().to_string();
    assert!(e.contains("đã có nội dung") && e.contains("--force"), "{e}");
    assert_eq!(crate::common::snapshot_all(&out), before);
    // Never a folder holding the inputs, even with --force.
    let inside = out.join("xuat");
    copy_dir(&wxr(), &inside);
    let e = run(&ImportOptions {
        wxr: inside.join("tan-hoa.xml"),
        uploads: Some(inside.join("uploads")),
        out: out.clone(),
        force: true,
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("chọn một thư mục nội dung khác"), "{e}");
    fs::remove_dir_all(&inside).unwrap();
    // With --force it is, as a whole.
    import(&out, true).unwrap();
    assert!(out.join("articles/le-hoi-dinh-lang.md").is_file());
    assert!(!out.join("articles/thoi-su").exists());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_command_line_imports_and_prints_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("noi-dung");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["import", "wordpress"])
        .arg(wxr().join("tan-hoa.xml"))
        .arg("--uploads")
        .arg(wxr().join("uploads"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("Đã nhập 7 bài viết"), "{stdout}");
    assert!(
        stdout.contains("Không chuyển được: bài “Lễ hội đình làng Tân Hòa năm 2024” (ID 11)"),
        "{stdout}"
    );
    assert!(stdout.contains("nhap-wordpress.txt"), "{stdout}");
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .arg("help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("bantin import wordpress"));
}

#[test]
fn the_same_export_gives_the_same_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    import(&a, false).unwrap();
    import(&b, false).unwrap();
    let (a, b) = (
        crate::common::snapshot_all(&a),
        crate::common::snapshot_all(&b),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "two imports of one export differ");
}

#[test]
fn without_uploads_media_keep_their_old_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let missing = run(&ImportOptions {
        wxr: wxr().join("tan-hoa.xml"),
        uploads: Some(dir.path().join("khong-co")),
        out: content.clone(),
        force: false,
    })
    .unwrap_err()
    .to_string();
    assert!(
        missing.starts_with("--uploads: không có thư mục"),
        "{missing}"
    );
    let report = run(&ImportOptions {
        wxr: wxr().join("tan-hoa.xml"),
        uploads: None,
        out: content.clone(),
        force: false,
    })
    .unwrap();
    assert_eq!((report.images, report.files), (0, 0));
    assert!(
        report.text.contains("không có --uploads"),
        "{}",
        report.text
    );
    let text = fs::read_to_string(content.join("articles/thu-hoach-lua-dong-xuan.md")).unwrap();
    assert!(
        text.contains("cover = { src = \"https://tanhoa.example.vn/wp-content/uploads/2024/03/ruong-lua.png\""),
        "{text}"
    );
    assert!(!content.join("anh").exists());
    build(&Options {
        content,
        out: dir.path().join("dist"),
        base_url: None,
        now: None,
    })
    .unwrap();
}
