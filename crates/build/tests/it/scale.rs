//! A scale check, ignored by default (it writes ~65,000 files):
//! `BANTIN_SCALE=50000 cargo test --release -p bantin-build --test it scale:: -- --ignored --nocapture`

use std::fmt::Write as _;
use std::fs;
use std::time::Instant;

use bantin_build::build::{run, Options};

/// A deterministic pseudo-random generator (xorshift), so the site is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "tỉnh",
    "Hòa",
    "Lâm",
    "khởi",
    "công",
    "cầu",
    "đường",
    "trường",
    "học",
    "bệnh",
    "viện",
    "nông",
    "dân",
    "lúa",
    "mùa",
    "vụ",
    "doanh",
    "nghiệp",
    "đầu",
    "tư",
    "du",
    "lịch",
    "lễ",
    "hội",
    "chuyển",
    "đổi",
    "số",
    "điện",
    "nước",
    "rừng",
    "biển",
    "cảng",
    "chợ",
    "giá",
    "xuất",
    "khẩu",
    "thi",
    "tốt",
    "nghiệp",
    "tuyển",
    "sinh",
    "y",
    "tế",
    "tiêm",
    "chủng",
    "dịch",
    "bão",
    "lũ",
];
const CATEGORIES: &[&str] = &[
    "thoi-su",
    "kinh-te",
    "van-hoa-du-lich",
    "giao-duc",
    "y-te",
    "nong-nghiep",
    "khoa-hoc-cong-nghe",
];

#[test]
#[ignore]
fn builds_a_large_site_quickly() {
    let n: usize = std::env::var("BANTIN_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("BANTIN_SCALE_KEEP").map(std::path::PathBuf::from);
    let dir_path = keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    let content = dir_path.join("content");
    fs::create_dir_all(content.join("articles")).unwrap();
    let mut site = String::from("name = \"Thử tải\"\nbase_url = \"http://127.0.0.1:8080/\"\n");
    for c in CATEGORIES {
        writeln!(site, "[[categories]]\nslug = \"{c}\"\nname = \"{c}\"").unwrap();
    }
    fs::write(content.join("site.toml"), site).unwrap();
    let tags: Vec<String> = (0..2000).map(|i| format!("Thẻ {i}")).collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for i in 0..n {
        // Half the title and lead words come from a large vocabulary of rarer words (place
        // names and the like), so word similarity has real work to do.
        let word = |rng: &mut Rng| -> String {
            if rng.next().is_multiple_of(2) {
                rng.pick(WORDS).to_string()
            } else {
                format!("Phiêng{}", rng.next() % 5000)
            }
        };
        let title: Vec<String> = (0..10).map(|_| word(&mut rng)).collect();
        let lead: Vec<String> = (0..30).map(|_| word(&mut rng)).collect();
        let body: Vec<&str> = (0..400).map(|_| rng.pick(WORDS)).collect();
        // Tag popularity is skewed: a few tags are on many articles.
        let t1 = &tags[(rng.next() % 20) as usize];
        let t2 = &tags[(rng.next() % 2000) as usize];
        let secs = i as u64 * 600;
        let text = format!(
            "+++\ntitle = \"{} {i}\"\ndate = \"2020-01-01T00:00:00Z\"\ncategory = \"{}\"\ntags = [\"{t1}\", \"{t2}\"]\nlead = \"{}\"\n+++\n\n{}\n\n## Mục một\n\n{} **đậm** và [liên kết](https://example.vn/{i}).\n\n- {}\n- {}\n",
            title.join(" "),
            rng.pick(CATEGORIES),
            lead.join(" "),
            body[..200].join(" "),
            body[200..].join(" "),
            title[0],
            title[1],
        )
        // Spread the dates: replace the fixed date by one ten minutes apart per article.
        .replace(
            "2020-01-01T00:00:00Z",
            &bantin_contract::date::VnDateTime::from_unix(1_577_836_800 + secs as i64).to_rfc3339(),
        );
        fs::write(
            content.join("articles").join(format!("bai-{i:06}.md")),
            text,
        )
        .unwrap();
    }
    let started = Instant::now();
    let report = run(&Options {
        content,
        out: dir_path.join("dist"),
        base_url: None,
        now: None,
    })
    .unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!("{n} bài: {report:?}, {secs:.1} s");
    assert_eq!(report.articles, n);
    assert!(secs < 60.0, "took {secs:.1} s");
}
