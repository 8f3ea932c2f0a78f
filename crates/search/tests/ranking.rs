//! Folding and ranking on a table of Vietnamese queries, through the real files:
//! the index is built, written to a map of files, and queried the way the app does.

use std::collections::HashMap;

use bantin_search::engine::Engine;
use bantin_search::format::META;
use bantin_search::index::{analyze, Builder, DocInfo};

/// (slug, title, text), oldest first.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "duong-van-an-nhan-giai",
        "Ông Dương Văn An nhận giải thưởng sáng tạo",
        "Ông Dương Văn An, kỹ sư của công ty, được trao giải nhờ sáng kiến tiết kiệm điện.",
    ),
    (
        "nang-cap-duong-lien-xa",
        "Nâng cấp tuyến đường liên xã Khe Mây",
        "Con đường dài 5 km được trải nhựa, người dân đi lại thuận tiện hơn.",
    ),
    (
        "chuyen-doi-so-hanh-chinh",
        "Đẩy mạnh chuyển đổi số trong cải cách hành chính",
        "Các sở, ngành triển khai dịch vụ công trực tuyến toàn trình.",
    ),
    (
        "so-lieu-thong-ke",
        "Công bố số liệu thống kê quý III",
        "Cục Thống kê chuyển giao báo cáo; nhiều chỉ tiêu đổi chiều tăng trưởng.",
    ),
    (
        "duong-ven-bien",
        "Khánh thành tuyến đường ven biển",
        "Tuyến đường mới nối ba huyện ven biển của tỉnh.",
    ),
    (
        "gia-ca-phe",
        "Giá cà phê tăng mạnh",
        "Nông dân phấn khởi vì giá cà phê và hồ tiêu cùng tăng.",
    ),
    (
        "truong-hoc-so",
        "Trường học thông minh ở vùng cao",
        "Nhà trường áp dụng chuyển đổi số trong quản lý học sinh và giảng dạy.",
    ),
    (
        "tuyen-duong-nha-giao",
        "Tuyên dương nhà giáo tiêu biểu",
        "Nhiều thầy cô vượt đường xa đến điểm trường.",
    ),
];

/// A builder holding [`ARTICLES`], oldest first.
fn with_articles() -> Builder {
    let mut b = Builder::new();
    for (i, (slug, title, text)) in ARTICLES.iter().enumerate() {
        let info = DocInfo {
            slug: slug.to_string(),
            date: format!("2024-01-{:02}T08:00:00+07:00", i + 1),
            category: "thoi-su".into(),
            category_name: "Thời sự".into(),
            title: title.to_string(),
            lead: String::new(),
        };
        b.add(info, analyze(title, text));
    }
    b
}

/// The index files `b` writes (each once).
fn files_of(b: Builder) -> HashMap<String, String> {
    let mut files = HashMap::new();
    b.finish(|path, text| {
        assert!(
            files.insert(path.to_string(), text.to_string()).is_none(),
            "{path} written twice"
        );
        Ok::<(), ()>(())
    })
    .unwrap();
    files
}

fn build() -> HashMap<String, String> {
    files_of(with_articles())
}

fn engine(files: &HashMap<String, String>) -> Engine {
    Engine::new(&files[META]).unwrap()
}

/// Runs `q` as the app does and returns the slugs of page 1, best first, and the total.
fn search(files: &HashMap<String, String>, q: &str, prefix: bool) -> (Vec<String>, u32) {
    let mut e = engine(files);
    for _ in 0..6 {
        let need = e.need(q, prefix, 1, 20);
        if need.is_empty() {
            let json = e.results(q, prefix, 1, 20).expect("ready");
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let slugs = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["slug"].as_str().unwrap().to_string())
                .collect();
            return (slugs, v["total"].as_u64().unwrap() as u32);
        }
        for f in need {
            let text = files
                .get(&f)
                .unwrap_or_else(|| panic!("{f} is not in the index"));
            e.add(&f, text).unwrap();
        }
    }
    panic!("{q}: the engine kept asking for files");
}

/// (query, typing?, expected slugs best first)
const TABLE: &[(&str, bool, &[&str])] = &[
    // Without marks: every "duong", in every title, so the newest first.
    (
        "duong",
        false,
        &[
            "tuyen-duong-nha-giao",
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
            "duong-van-an-nhan-giai",
        ],
    ),
    // "đường" keeps its marks: roads in the title, then in the body, then "dương".
    (
        "đường",
        false,
        &[
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
            "tuyen-duong-nha-giao",
            "duong-van-an-nhan-giai",
        ],
    ),
    (
        "Dương",
        false,
        &[
            "tuyen-duong-nha-giao",
            "duong-van-an-nhan-giai",
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
        ],
    ),
    (
        "DƯƠNG",
        false,
        &[
            "tuyen-duong-nha-giao",
            "duong-van-an-nhan-giai",
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
        ],
    ),
    // "đ" folds to "d" both ways.
    ("dương văn an", false, &["duong-van-an-nhan-giai"]),
    // The phrase in the title, then in the body, then the scattered words.
    (
        "chuyen doi so",
        false,
        &[
            "chuyen-doi-so-hanh-chinh",
            "truong-hoc-so",
            "so-lieu-thong-ke",
        ],
    ),
    (
        "Chuyển Đổi Số",
        false,
        &[
            "chuyen-doi-so-hanh-chinh",
            "truong-hoc-so",
            "so-lieu-thong-ke",
        ],
    ),
    // A word being typed.
    (
        "chuyen doi s",
        true,
        &[
            "chuyen-doi-so-hanh-chinh",
            "truong-hoc-so",
            "so-lieu-thong-ke",
        ],
    ),
    ("ca ph", true, &["gia-ca-phe"]),
    // A word being typed with marks: the exact form first ("trường", then "trưởng").
    ("trường thô", true, &["truong-hoc-so", "so-lieu-thong-ke"]),
    // Quotes keep only the phrase.
    (
        "\"chuyển đổi số\"",
        false,
        &["chuyen-doi-so-hanh-chinh", "truong-hoc-so"],
    ),
    (
        "“chuyen doi” so",
        false,
        &["chuyen-doi-so-hanh-chinh", "truong-hoc-so"],
    ),
    // Every word must match.
    ("cà phê vùng cao", false, &[]),
    ("xyzzy", false, &[]),
    ("?!… --", false, &[]),
];

fn check_table(files: &HashMap<String, String>) {
    for (q, prefix, want) in TABLE {
        let (got, total) = search(files, q, *prefix);
        assert_eq!(&got, want, "query {q:?}");
        assert_eq!(total as usize, want.len(), "query {q:?}");
    }
}

#[test]
fn the_query_table() {
    check_table(&build());
}

#[test]
fn title_above_body_and_newer_on_ties() {
    let files = build();
    // "tuyến" is in two titles and one body; "tuyên" folds the same and comes
    // last, after the exact "tuyến" in a body.
    let (got, _) = search(&files, "tuyến", false);
    assert_eq!(
        got,
        [
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
            "chuyen-doi-so-hanh-chinh",
            "tuyen-duong-nha-giao"
        ]
    );
    let (got, _) = search(&files, "giá", false);
    assert_eq!(got, ["gia-ca-phe"]);
}

#[test]
fn answers_carry_what_the_page_shows() {
    let files = build();
    let mut e = engine(&files);
    let q = "cà phê";
    while let Some(f) = e.need(q, false, 1, 10).first().cloned() {
        e.add(&f, &files[&f]).unwrap();
    }
    let v: serde_json::Value = serde_json::from_str(&e.results(q, false, 1, 10).unwrap()).unwrap();
    assert_eq!(v["terms"], serde_json::json!(["cà", "phê"]));
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "Giá cà phê tăng mạnh");
    assert_eq!(hit["date"], "2024-01-06T08:00:00+07:00");
    assert_eq!(hit["category_name"], "Thời sự");
    assert_eq!(
        hit["title_marks"],
        serde_json::json!(["Giá ", "cà phê", " tăng mạnh"])
    );
}

#[test]
fn pages_split_the_results() {
    let files = build();
    let mut e = engine(&files);
    let q = "tuyến";
    loop {
        let need = e.need(q, false, 2, 2);
        if need.is_empty() {
            break;
        }
        for f in need {
            e.add(&f, &files[&f]).unwrap();
        }
    }
    let v: serde_json::Value = serde_json::from_str(&e.results(q, false, 2, 2).unwrap()).unwrap();
    assert_eq!(v["total"], 4);
    assert_eq!(v["pages"], 2);
    assert_eq!(v["page"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_and_stale_files_are_refused() {
    let files = build();
    let mut e = engine(&files);
    let need = e.need("đường", false, 1, 10);
    let f = &need[0];
    assert!(e.add(f, "<!doctype html><title>404</title>").is_err());
    assert!(e
        .add(f, "bantin-tim 4 0000000000000000\nxx 1 s\n")
        .unwrap_err()
        .to_string()
        .starts_with("stale"));
    let gen_line = files[META].lines().next().unwrap();
    assert!(e
        .add("tim/s/0.txt", &format!("{gen_line}\n=duong\nb 3,0\n"))
        .is_err());
    assert!(e
        .add("tim/d/0.txt", &format!("{gen_line}\nonly\ttwo\n"))
        .is_err());
    assert!(Engine::new("bantin-tim 2 x\ndocs 3\n").is_err());
    // The good file still loads after the bad ones.
    e.add(f, &files[f]).unwrap();
}

#[test]
fn common_words_give_way_to_the_budget() {
    let files = build();
    let mut e = engine(&files);
    e.set_budget(1);
    let q = "tuyến đường";
    loop {
        let need = e.need(q, false, 1, 10);
        if need.is_empty() {
            break;
        }
        for f in need {
            e.add(&f, &files[&f]).unwrap();
        }
    }
    let v: serde_json::Value = serde_json::from_str(&e.results(q, false, 1, 10).unwrap()).unwrap();
    // One word is searched (the cheapest); the other is reported as ignored, and
    // the answer says its count is not exact, naming the word.
    assert_eq!(v["ignored"].as_array().unwrap().len(), 1);
    assert_eq!(v["incomplete"], v["ignored"]);
    assert_eq!(v["partial"], true);
    assert!(v["total"].as_u64().unwrap() >= 2);
}

/// Runs `q` to the end, fetching what the engine asks for; returns the answer
/// and the bytes of posting lists fetched.
fn answer(
    e: &mut Engine,
    files: &HashMap<String, String>,
    q: &str,
    prefix: bool,
) -> (serde_json::Value, usize) {
    let mut bytes = 0;
    loop {
        let need = e.need(q, prefix, 1, 10);
        if need.is_empty() {
            break;
        }
        for f in need {
            if f.starts_with("tim/t/") || f.starts_with("tim/s/") {
                bytes += files[&f].len();
            }
            e.add(&f, &files[&f]).unwrap();
        }
    }
    let v = serde_json::from_str(&e.results(q, prefix, 1, 10).unwrap()).unwrap();
    (v, bytes)
}

/// An archive where a few words are in most articles, scattered (never side by
/// side), so that only complete lists can count the articles with all of them.
fn common_words_archive(n: u32) -> (Vec<Vec<&'static str>>, HashMap<String, String>) {
    const COMMON: [&str; 4] = ["an", "toàn", "giao", "thông"];
    const FILLER: [&str; 6] = ["ngày", "tỉnh", "huyện", "được", "người", "xã"];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut docs = Vec::new();
    let mut b = Builder::new();
    for i in 0..n {
        let mut words = Vec::new();
        for (j, w) in COMMON.iter().enumerate() {
            // Each common word in about 70% of the articles, between fillers.
            if next() % 10 < 7 {
                words.push(FILLER[(i as usize + j) % FILLER.len()]);
                words.push(w);
            }
        }
        words.push(if next() % 2 == 0 { "giữ" } else { "giấy" });
        let text = words.join(" ");
        b.add(
            DocInfo {
                slug: format!("bai-{i}"),
                date: "2024-01-01T08:00:00+07:00".into(),
                category: String::new(),
                category_name: String::new(),
                title: format!("Bài {i}"),
                lead: String::new(),
            },
            analyze(&format!("Bài {i}"), &text),
        );
        docs.push(words);
    }
    let mut files = HashMap::new();
    b.finish(|path, text| {
        files.insert(path.to_string(), text.to_string());
        Ok::<(), ()>(())
    })
    .unwrap();
    (docs, files)
}

#[test]
fn counts_are_exact_for_words_in_most_articles() {
    let (docs, files) = common_words_archive(3000);
    let count = |want: &[&str]| {
        docs.iter()
            .filter(|d| want.iter().all(|w| d.contains(w)))
            .count() as u64
    };
    let scattered = count(&["an", "toàn", "giao", "thông"]);
    assert!(scattered > 500 && scattered < 3000, "{scattered}");
    for (q, words) in [
        ("an toàn giao thông", vec!["an", "toàn", "giao", "thông"]),
        ("an toan", vec!["an", "toàn"]),
        ("giao thông", vec!["giao", "thông"]),
    ] {
        let mut e = engine(&files);
        let (v, bytes) = answer(&mut e, &files, q, false);
        assert_eq!(v["total"].as_u64().unwrap(), count(&words), "{q}");
        assert_eq!(v["incomplete"].as_array().unwrap().len(), 0, "{q}");
        assert_eq!(v["partial"], false);
        assert!(bytes > 0);
    }
    // A list of a word in most articles takes less than a bit per article (six
    // to a character), not a number per article.
    for word in ["an", "toan", "giao", "thong"] {
        let line = files
            .values()
            .find_map(|text| {
                let at = text.find(&format!("\n={word}\nb "))?;
                text[at + word.len() + 4..].lines().next()
            })
            .unwrap();
        assert!(line.len() < 3000 / 6, "{word}: {} characters", line.len());
    }
    // A word being typed matches every word it starts ("gi": giữ, giấy, giao).
    let mut e = engine(&files);
    let (v, _) = answer(&mut e, &files, "an gi", true);
    let typed = docs
        .iter()
        .filter(|d| d.contains(&"an") && d.iter().any(|w| w.starts_with("gi")))
        .count() as u64;
    assert_eq!(v["total"].as_u64().unwrap(), typed);
}

#[test]
fn a_budget_too_small_for_the_words_says_which_is_incomplete() {
    let (docs, files) = common_words_archive(3000);
    let mut e = engine(&files);
    e.set_budget(600);
    let (v, _) = answer(&mut e, &files, "an toàn giao thông", false);
    let incomplete = v["incomplete"].as_array().unwrap();
    assert!(!incomplete.is_empty());
    assert_eq!(v["partial"], true);
    // The words that did fit are still matched whole; those that did not are
    // named, never dropped silently.
    let all = docs
        .iter()
        .filter(|d| {
            ["an", "toàn", "giao", "thông"]
                .iter()
                .all(|w| d.contains(w))
        })
        .count() as u64;
    assert_ne!(v["total"].as_u64().unwrap(), all);
    for w in incomplete {
        assert!(["an", "toàn", "giao", "thông"].contains(&w.as_str().unwrap()));
    }
}

/// The index of [`ARTICLES`] and two pages of the site, added after them.
fn build_with_pages() -> HashMap<String, String> {
    let mut b = with_articles();
    for (slug, title, text) in [
        (
            "duong-day-nong",
            "Đường dây nóng",
            "Gọi đường dây nóng 0200 3 852 000 trong giờ làm việc.",
        ),
        (
            "lien-he",
            "Liên hệ",
            "Giờ làm việc\nSáng 7h30 – 11h30, chiều 13h30 – 17h00.",
        ),
    ] {
        let info = DocInfo {
            slug: slug.to_string(),
            date: String::new(),
            category: String::new(),
            category_name: String::new(),
            title: title.to_string(),
            lead: String::new(),
        };
        b.add_page(info, analyze(title, text));
    }
    files_of(b)
}

/// Runs `q` and gives the engine's answer and the ranking (score, id).
fn run(
    files: &HashMap<String, String>,
    q: &str,
    prefix: bool,
) -> (serde_json::Value, Vec<(u32, u32)>) {
    let mut e = engine(files);
    let (v, _) = answer(&mut e, files, q, prefix);
    (v, e.ranked_ids(q, prefix).unwrap())
}

fn hits(v: &serde_json::Value) -> Vec<(String, String)> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_string(),
                h["slug"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn pages_are_found_by_their_title_and_body() {
    let files = build_with_pages();
    assert_eq!(engine(&files).docs(), ARTICLES.len() as u32 + 2);
    let page = |slug: &str| ("page".to_string(), slug.to_string());
    // Words of the body, with or without marks, and of the title.
    for q in ["giờ làm việc", "gio lam viec"] {
        let (v, _) = run(&files, q, false);
        assert_eq!(hits(&v), [page("lien-he"), page("duong-day-nong")], "{q}");
    }
    for q in ["Liên hệ", "lien he"] {
        let (v, _) = run(&files, q, false);
        assert_eq!(hits(&v), [page("lien-he")], "{q}");
        let hit = &v["hits"][0];
        assert_eq!(hit["title"], "Liên hệ");
        assert_eq!(hit["title_marks"], serde_json::json!(["", "Liên hệ", ""]));
        // Nothing of a date or a category.
        for key in ["date", "category", "category_name"] {
            assert_eq!(hit[key], "", "{q}: {key}");
        }
    }
    // While typing, the suggestions put it first.
    let (v, _) = run(&files, "liên h", true);
    assert_eq!(hits(&v)[0], page("lien-he"));
    // The articles' answers are unchanged, pages aside.
    let (v, _) = run(&files, "cà phê", false);
    assert_eq!(
        hits(&v),
        [("article".to_string(), "gia-ca-phe".to_string())]
    );
    assert_eq!(v["hits"][0]["date"], "2024-01-06T08:00:00+07:00");
}

#[test]
fn a_page_whose_title_matches_ranks_as_such_an_article() {
    let files = build_with_pages();
    let (v, ranked) = run(&files, "đường", false);
    // "đường" in the title: the page and two articles score the same, and the
    // page, after the articles in the index, wins the tie as the newest would.
    let got = hits(&v);
    let slugs: Vec<&str> = got.iter().map(|h| h.1.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "duong-day-nong",
            "duong-ven-bien",
            "nang-cap-duong-lien-xa",
            "tuyen-duong-nha-giao",
            "duong-van-an-nhan-giai"
        ]
    );
    assert_eq!(got[0].0, "page");
    assert_eq!(ranked[0].1, ARTICLES.len() as u32);
    assert_eq!(ranked[0].0, ranked[1].0);
    assert_eq!(ranked[0].0, ranked[2].0);
    assert!(ranked[2].0 > ranked[3].0);
}

/// `files` as format `version` wrote them: the same lines under a
/// `bantin-tim <version>` header.
fn as_format(files: &HashMap<String, String>, version: u32) -> HashMap<String, String> {
    files
        .iter()
        .map(|(name, text)| {
            let old = text.replacen("bantin-tim 4 ", &format!("bantin-tim {version} "), 1);
            assert_ne!(&old, text, "{name}");
            (name.clone(), old)
        })
        .collect()
}

fn as_format_2(files: &HashMap<String, String>) -> HashMap<String, String> {
    as_format(files, 2)
}

#[test]
fn an_index_of_format_2_is_still_read() {
    // An index without pages, as format 2 wrote it, answers the same, and
    // every hit is an article.
    let old = as_format_2(&build());
    check_table(&old);
    let (v, _) = run(&old, "đường", false);
    assert!(hits(&v).iter().all(|(kind, _)| kind == "article"));
    // A format 2 line has six fields: a kind field is refused there.
    let mut e = engine(&old);
    let need = e.need("đường", false, 1, 10);
    let gen_line = old[META].lines().next().unwrap();
    let line = "lien-he\t\t\t\tLiên hệ\t\tpage";
    assert!(e
        .add("tim/d/0.txt", &format!("{gen_line}\n{line}\n"))
        .is_err());
    // A file of format 4 beside a format 2 meta.txt (or the reverse) is of
    // another build.
    let new = build();
    let f = &need[0];
    assert!(e
        .add(f, &new[f])
        .unwrap_err()
        .to_string()
        .starts_with("stale"));
    let mut e = engine(&new);
    assert!(e
        .add(f, &old[f])
        .unwrap_err()
        .to_string()
        .starts_with("stale"));
    // Format 4 reads a page's line, and refuses a kind it does not know.
    let gen_line = new[META].lines().next().unwrap();
    e.add("tim/d/0.txt", &format!("{gen_line}\n{line}\n"))
        .unwrap();
    let bad = line.replace("page", "video");
    assert!(e
        .add("tim/d/0.txt", &format!("{gen_line}\n{bad}\n"))
        .is_err());
    assert!(Engine::new("bantin-tim 5 x\ndocs 1\nchunk 8\nshards 1\nkeys\n").is_err());
}

/// Articles citing document numbers, added after [`ARTICLES`]: (slug, title, text).
const CITING: &[(&str, &str, &str)] = &[
    (
        "trien-khai-nghi-quyet-05",
        "Triển khai Nghị quyết 05-NQ/TU về du lịch",
        "Tỉnh ủy quán triệt Nghị quyết 05-NQ/TU đến từng chi bộ.",
    ),
    (
        "ky-hop-hdnd",
        "HĐND tỉnh thông qua Nghị quyết 24/2025/NQ-HĐND",
        "Kỳ họp thông qua Nghị quyết 24/2025/NQ-HĐND về hỗ trợ giáo viên, Nghị quyết 05/NQ-HĐND và Công văn 1478/SYT-NVY.",
    ),
    (
        "05-cau-treo",
        "Khánh thành 05 cầu treo dân sinh",
        "Năm 2025, tỉnh đầu tư 05 cầu treo; NQ là viết tắt của nghị quyết, TU của Tỉnh ủy.",
    ),
];

/// Documents of the registry, oldest first: (slug, type, number, summary).
/// Each number's neighbours share some of its words; the newer ones would win
/// a tie.
const DOCUMENTS: &[(&str, &str, &str, &str)] = &[
    (
        "2024-1478-syt-nvy",
        "Công văn",
        "1478/SYT-NVY",
        "Về việc tăng cường phòng chống sốt xuất huyết",
    ),
    (
        "2025-05-nq-tu",
        "Nghị quyết",
        "05-NQ/TU",
        "Về phát triển du lịch trở thành ngành kinh tế mũi nhọn",
    ),
    (
        "2025-24-2025-nq-hdnd",
        "Nghị quyết",
        "24/2025/NQ-HĐND",
        "Quy định mức hỗ trợ giáo viên tăng cường công tác ở xã đặc biệt khó khăn",
    ),
    (
        "2025-5-qd-ubnd",
        "Quyết định",
        "5/QĐ-UBND",
        "Về việc công bố thủ tục hành chính mới",
    ),
    (
        "2025-05-nq-hdnd",
        "Nghị quyết",
        "05/NQ-HĐND",
        "Về đầu tư công trung hạn; thực hiện cùng Nghị quyết 05-NQ/TU của Tỉnh ủy",
    ),
    (
        "2025-168-kh-tu",
        "Kế hoạch",
        "168-KH/TU",
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 10/3/2025 về phát triển du lịch",
    ),
    (
        "2025-1479-syt-nvy",
        "Công văn",
        "1479/SYT-NVY",
        "Trả lời Công văn 1478/SYT-NVY về sốt xuất huyết",
    ),
];

/// The index of [`ARTICLES`], [`CITING`], two pages and [`DOCUMENTS`].
fn build_with_documents() -> HashMap<String, String> {
    let mut b = with_articles();
    for (i, (slug, title, text)) in CITING.iter().enumerate() {
        let info = DocInfo {
            slug: slug.to_string(),
            date: format!("2025-02-{:02}T08:00:00+07:00", i + 1),
            category: "thoi-su".into(),
            category_name: "Thời sự".into(),
            title: title.to_string(),
            lead: String::new(),
        };
        b.add(info, analyze(title, text));
    }
    for (slug, title) in [("gioi-thieu", "Giới thiệu"), ("lien-he", "Liên hệ")] {
        let info = DocInfo {
            slug: slug.to_string(),
            date: String::new(),
            category: String::new(),
            category_name: String::new(),
            title: title.to_string(),
            lead: String::new(),
        };
        b.add_page(info, analyze(title, "Tỉnh ủy, HĐND và UBND tỉnh."));
    }
    for (slug, kind, number, summary) in DOCUMENTS {
        let title = format!("{kind} {number}");
        let info = DocInfo {
            slug: slug.to_string(),
            date: "bỏ qua".into(),
            category: "bỏ qua".into(),
            category_name: "bỏ qua".into(),
            title: title.clone(),
            lead: summary.to_string(),
        };
        let text = format!("{summary}\nTỉnh ủy Hòa Lâm\nNguyễn Văn A");
        b.add_document(info, analyze(&title, &text), number);
    }
    files_of(b)
}

/// Ids of the documents of [`build_with_documents`] start here.
fn first_document() -> u32 {
    (ARTICLES.len() + CITING.len() + 2) as u32
}

#[test]
fn a_document_number_finds_its_document_first() {
    let files = build_with_documents();
    let doc = |slug: &str| ("document".to_string(), slug.to_string());
    for (q, slug) in [
        ("05-NQ/TU", "2025-05-nq-tu"),
        ("05-nq/tu", "2025-05-nq-tu"),
        ("05 NQ TU", "2025-05-nq-tu"),
        ("05/NQ/TU", "2025-05-nq-tu"),
        ("Nghị quyết 05-NQ/TU", "2025-05-nq-tu"),
        ("nghi quyet so 05-NQ/TU", ""),
        ("24/2025/NQ-HĐND", "2025-24-2025-nq-hdnd"),
        ("24/2025/nq-hdnd", "2025-24-2025-nq-hdnd"),
        ("24/2025/NQ-HDND", "2025-24-2025-nq-hdnd"),
        ("1478/SYT-NVY", "2024-1478-syt-nvy"),
        ("1478/syt-nvy", "2024-1478-syt-nvy"),
        ("5/QĐ-UBND", "2025-5-qd-ubnd"),
        ("5/qd-ubnd", "2025-5-qd-ubnd"),
        ("05/NQ-HĐND", "2025-05-nq-hdnd"),
        ("05/nq-hdnd", "2025-05-nq-hdnd"),
    ] {
        let (v, ranked) = run(&files, q, false);
        let got = hits(&v);
        if slug.is_empty() {
            // "số" is in the summary of 168-KH/TU only: every word must match.
            assert_eq!(got, [doc("2025-168-kh-tu")], "{q}");
            continue;
        }
        assert_eq!(got[0], doc(slug), "{q}: {got:?}");
        // Its number puts it above everything else, whatever else matches.
        assert!(ranked[0].0 >= 100_000, "{q}: {ranked:?}");
        assert!(ranked[1..].iter().all(|r| r.0 < 100_000), "{q}: {ranked:?}");
        // The hit: the type and number as the title, marked; no date or category.
        let hit = &v["hits"][0];
        assert_eq!(hit["kind"], "document");
        for key in ["date", "category", "category_name"] {
            assert_eq!(hit[key], "", "{q}: {key}");
        }
    }
    // What cites the number is found too, after the document.
    let (v, _) = run(&files, "05-NQ/TU", false);
    let got = hits(&v);
    for cited in [
        (
            "article".to_string(),
            "trien-khai-nghi-quyet-05".to_string(),
        ),
        doc("2025-168-kh-tu"),
        doc("2025-05-nq-hdnd"),
    ] {
        assert!(got[1..].contains(&cited), "{cited:?} in {got:?}");
    }
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "Nghị quyết 05-NQ/TU");
    assert_eq!(
        hit["lead"],
        "Về phát triển du lịch trở thành ngành kinh tế mũi nhọn"
    );
    assert_eq!(
        hit["title_marks"],
        serde_json::json!(["Nghị quyết ", "05", "-", "NQ", "/", "TU", ""])
    );
    // A neighbour's number is not this one's: 1479 is not 1478.
    let (v, _) = run(&files, "1479/SYT-NVY", false);
    assert_eq!(hits(&v), [doc("2025-1479-syt-nvy")]);
}

#[test]
fn typing_a_number_suggests_its_document() {
    let files = build_with_documents();
    for (q, slug) in [
        ("05-NQ/TU", "2025-05-nq-tu"),
        ("05-nq/tu", "2025-05-nq-tu"),
        // One letter is left out of the match, not of the number.
        ("05-NQ/T", "2025-05-nq-tu"),
        ("05/NQ-H", "2025-05-nq-hdnd"),
        ("24/2025/NQ-HĐ", "2025-24-2025-nq-hdnd"),
        ("24/2025/nq-hd", "2025-24-2025-nq-hdnd"),
        ("1478/SY", "2024-1478-syt-nvy"),
        ("5/QĐ-UB", "2025-5-qd-ubnd"),
        ("05/NQ-HĐ", "2025-05-nq-hdnd"),
    ] {
        let (v, ranked) = run(&files, q, true);
        assert_eq!(
            hits(&v)[0],
            ("document".to_string(), slug.to_string()),
            "{q}: {:?}",
            hits(&v)
        );
        assert!(ranked[0].0 >= 100_000, "{q}: {ranked:?}");
    }
    // A run being typed names every number it starts.
    let (_, ranked) = run(&files, "147", true);
    assert!(ranked.iter().all(|r| r.0 < 100_000));
    let (v, ranked) = run(&files, "1478/syt", true);
    let top: Vec<u32> = ranked
        .iter()
        .filter(|r| r.0 >= 100_000)
        .map(|r| r.1)
        .collect();
    assert_eq!(top, [first_document()], "{v}");
}

#[test]
fn documents_leave_the_other_answers_as_they_were() {
    // None of the table's words is in a document, a citing article or a page.
    check_table(&build_with_documents());
    let files = build_with_documents();
    assert_eq!(
        engine(&files).docs(),
        first_document() + DOCUMENTS.len() as u32
    );
    // A word of a document's text finds it beside the articles and pages,
    // newest (the documents) first on a tie.
    let (v, ranked) = run(&files, "Tỉnh ủy", false);
    assert_eq!(hits(&v)[0], ("document".into(), "2025-1479-syt-nvy".into()));
    let ids: Vec<u32> = ranked.iter().map(|r| r.1).collect();
    let (article, page) = (ARTICLES.len() as u32, first_document() - 1);
    assert!(ids.contains(&article) && ids.contains(&page), "{ids:?}");
    assert!(ranked.iter().all(|r| r.0 < 100_000));
    // A number of one word has no key of its own: "05" is an ordinary word.
    let (_, ranked) = run(&files, "05", false);
    assert!(ranked.len() >= 4 && ranked.iter().all(|r| r.0 < 100_000));
}

#[test]
fn an_index_of_format_3_is_still_read() {
    // An index with pages but no documents, as format 3 wrote it, answers the
    // same.
    let old = as_format(&build_with_pages(), 3);
    let (v, _) = run(&old, "giờ làm việc", false);
    assert_eq!(hits(&v)[0], ("page".into(), "lien-he".into()));
    let (v, _) = run(&old, "cà phê", false);
    assert_eq!(hits(&v), [("article".into(), "gia-ca-phe".into())]);
    // Format 3 has no documents: their kind is refused there, read in format 4.
    let line = "2025-05-nq-tu\t\t\t\tNghị quyết 05-NQ/TU\tVề du lịch\tdocument";
    let mut e = engine(&old);
    let gen_line = old[META].lines().next().unwrap();
    assert!(e
        .add("tim/d/0.txt", &format!("{gen_line}\n{line}\n"))
        .is_err());
    let new = build_with_pages();
    let mut e = engine(&new);
    let gen_line = new[META].lines().next().unwrap();
    e.add("tim/d/0.txt", &format!("{gen_line}\n{line}\n"))
        .unwrap();
}
