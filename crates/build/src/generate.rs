//! `bantin generate`: a synthetic archive of Vietnamese news articles, for trying
//! the build and the app at scale (50,000 articles and more).
//!
//! The folder it writes is an ordinary content folder (`docs/content.md`):
//! `site.toml` from a built-in template with seven categories, and
//! `articles/<year>/<slug>.md` with TOML front matter. Text is made of real
//! Vietnamese words, with realistic lengths; there are no images. Article `i`
//! depends only on the seed and `i`, so the output is the same on every run and
//! on any number of threads, and a larger count only adds articles.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bantin_contract::date::{parse_rfc3339, VnDateTime};
use bantin_contract::text::slugify;

use rayon::prelude::*;

/// The first line of a generated `site.toml`: a folder that starts with it may be regenerated.
pub const MARKER: &str = "# Tạo bởi `bantin generate`";

/// Articles are dated in the three years before this moment.
pub const END: &str = "2026-11-26T00:00:00+07:00";
/// How far back the dates go.
pub const SPAN_SECS: i64 = 3 * 365 * 86_400;
/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// The site settings of a generated folder (after [`MARKER`]).
pub const SITE_TOML: &str = r#"# Dữ liệu tổng hợp để thử tải: các bài viết không có thật.

name = "Cổng Thông tin điện tử tỉnh Hòa Lâm"
tagline = "Tin tức – Sự kiện – Chỉ đạo điều hành"
base_url = "http://127.0.0.1:8080/"

[[categories]]
slug = "thoi-su"
name = "Thời sự"
description = "Tin chỉ đạo, điều hành và các sự kiện nổi bật trong tỉnh."

[[categories]]
slug = "kinh-te"
name = "Kinh tế"
description = "Đầu tư, sản xuất, thương mại và doanh nghiệp."

[[categories]]
slug = "van-hoa-du-lich"
name = "Văn hóa – Du lịch"
description = "Lễ hội, di sản, điểm đến và đời sống văn hóa."

[[categories]]
slug = "giao-duc"
name = "Giáo dục"
description = "Trường lớp, thi cử, khuyến học và đào tạo nghề."

[[categories]]
slug = "y-te"
name = "Y tế"
description = "Khám chữa bệnh, phòng dịch và chăm sóc sức khỏe cộng đồng."

[[categories]]
slug = "nong-nghiep"
name = "Nông nghiệp – Nông thôn"
description = "Mùa vụ, chăn nuôi, thủy lợi và xây dựng nông thôn mới."

[[categories]]
slug = "khoa-hoc-cong-nghe"
name = "Khoa học – Công nghệ"
description = "Chuyển đổi số, đổi mới sáng tạo và ứng dụng khoa học."

[[links]]
name = "Cổng Thông tin điện tử Chính phủ"
url = "https://chinhphu.vn/"

[[links]]
name = "Cổng Dịch vụ công quốc gia"
url = "https://dichvucong.gov.vn/"

[footer]
owner = "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Hòa Lâm (tỉnh giả định, dữ liệu tổng hợp)"
address = "Số 1 đường Trung Tâm, phường Lâm Viên, tỉnh Hòa Lâm"
phone = "0200 3 123 456"
email = "banbientap@hoalam.example.vn"
notes = ["Dữ liệu tổng hợp do `bantin generate` tạo, chỉ dùng để thử nghiệm."]
"#;

/// Category slugs of [`SITE_TOML`] with their relative weights (current affairs most often).
const CATEGORIES: [(&str, u64); 7] = [
    ("thoi-su", 4),
    ("kinh-te", 3),
    ("van-hoa-du-lich", 2),
    ("giao-duc", 2),
    ("y-te", 2),
    ("nong-nghiep", 2),
    ("khoa-hoc-cong-nghe", 1),
];

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "người dân", "cán bộ", "chính quyền", "tỉnh", "huyện", "xã", "phường", "thôn", "bản",
    "trường học", "học sinh", "giáo viên", "sinh viên", "bệnh viện", "bác sĩ", "bệnh nhân",
    "trạm y tế", "doanh nghiệp", "hợp tác xã", "nông dân", "ngư dân", "công nhân", "kỹ sư",
    "cây lúa", "cà phê", "hồ tiêu", "cao su", "chè", "cây ăn quả", "vườn", "ruộng", "rừng", "sông",
    "suối", "hồ chứa", "đê", "kênh mương", "con đường", "cây cầu", "bến xe", "cảng", "chợ",
    "siêu thị", "khu công nghiệp", "nhà máy", "dự án", "công trình", "nguồn vốn", "ngân sách",
    "kế hoạch", "chương trình", "chính sách", "nghị quyết", "quyết định", "văn bản", "hồ sơ",
    "thủ tục", "dịch vụ công", "cổng thông tin", "hệ thống", "phần mềm", "dữ liệu", "mạng lưới",
    "điện", "nước sạch", "môi trường", "rác thải", "không khí", "thời tiết", "mưa lớn", "lũ quét",
    "sạt lở", "bão", "hạn hán", "mùa màng", "vụ mùa", "sản lượng", "năng suất", "giá cả",
    "thị trường", "hàng hóa", "nông sản", "sản phẩm", "thương hiệu", "du khách", "lễ hội",
    "di tích", "di sản", "bảo tàng", "làng nghề", "nghệ nhân", "văn hóa", "phong trào",
    "thanh niên", "phụ nữ", "người cao tuổi", "trẻ em", "gia đình", "hộ nghèo", "nhà ở",
    "việc làm", "thu nhập", "đời sống", "sức khỏe", "dịch bệnh", "vắc xin", "thuốc",
    "an toàn giao thông", "an ninh", "trật tự", "lực lượng", "công an", "bộ đội", "biên phòng",
    "hội nghị", "cuộc họp", "buổi lễ", "hội thảo", "đoàn công tác", "lãnh đạo", "chủ tịch",
    "giám đốc", "sở", "ban ngành", "địa phương", "cơ sở", "khu vực", "vùng cao", "miền núi",
    "đồng bằng", "ven biển", "nông thôn", "đô thị", "quy hoạch", "đất đai", "tài nguyên",
    "khoáng sản", "năng lượng", "điện mặt trời", "tăng trưởng", "kinh tế", "ngân hàng", "tín dụng",
    "khoa học", "công nghệ", "sáng kiến", "giải pháp", "kết quả", "mục tiêu", "chỉ tiêu",
    "nhiệm vụ", "năm học", "kỳ thi", "học bổng", "thư viện", "sân chơi", "nhà văn hóa",
    "cộng đồng", "thanh tra", "chợ phiên",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "tổ chức", "triển khai", "thực hiện", "khởi công", "khánh thành", "hoàn thành", "đầu tư",
    "xây dựng", "nâng cấp", "sửa chữa", "hỗ trợ", "giúp đỡ", "kiểm tra", "giám sát", "đánh giá",
    "tổng kết", "phát động", "tuyên truyền", "hướng dẫn", "đào tạo", "tuyển sinh", "tiếp nhận",
    "giải quyết", "xử lý", "phát hiện", "ngăn chặn", "phòng chống", "khắc phục", "bảo vệ",
    "gìn giữ", "phát huy", "phát triển", "mở rộng", "tăng cường", "đẩy mạnh", "nâng cao",
    "cải thiện", "đổi mới", "chuyển đổi", "ứng dụng", "kết nối", "thu hút", "tiêu thụ",
    "xuất khẩu", "sản xuất", "chế biến", "thu hoạch", "gieo trồng", "chăm sóc", "tiêm", "khám",
    "điều trị", "trao", "tặng", "khen thưởng", "ghi nhận", "biểu dương", "thăm", "làm việc với",
    "chỉ đạo", "yêu cầu", "đề nghị", "đề xuất", "thống nhất", "phê duyệt", "ban hành", "công bố",
    "cho biết", "khẳng định", "nhấn mạnh", "chia sẻ", "đón", "tham gia", "đạt", "vượt", "giảm",
    "tăng", "duy trì", "bố trí", "huy động",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "mới", "hiện đại", "bền vững", "hiệu quả", "thiết thực", "kịp thời", "nhanh chóng", "an toàn",
    "sạch", "xanh", "ổn định", "đồng bộ", "quan trọng", "trọng điểm", "cấp bách", "lâu dài",
    "chất lượng", "đáng kể", "tích cực", "rõ rệt", "khó khăn", "thuận lợi", "phấn khởi", "sôi nổi",
    "đông đảo", "tiêu biểu", "xuất sắc", "nổi bật", "đặc sắc", "truyền thống", "minh bạch",
    "công khai", "chặt chẽ", "toàn diện", "cụ thể", "thường xuyên", "đầy đủ", "lớn", "nhỏ", "cao",
    "thấp", "đầu tiên", "liên tục", "chủ động", "linh hoạt", "sáng tạo", "tốt", "mạnh mẽ",
];

/// Words that join a noun phrase to the next one.
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "và", "với", "cho", "của", "tại", "trên", "trong", "theo", "để", "nhằm", "từ", "đến", "về",
    "bằng", "qua", "cùng",
];

/// Words before a verb.
#[rustfmt::skip]
const AUX: &[&str] = &[
    "đã", "đang", "sẽ", "cũng", "vẫn", "tiếp tục", "sớm", "kịp thời",
];

/// Words before a noun.
const QUANT: &[&str] = &["các", "những", "nhiều", "toàn bộ", "một số"];

/// Sentence openers.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "Theo đó", "Bên cạnh đó", "Ngoài ra", "Đồng thời", "Trong năm nay", "Thời gian qua",
    "Sáng nay", "Chiều qua", "Tuần tới", "Những năm gần đây", "Cũng theo kế hoạch",
];

/// Places of the fictional province.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Hòa Lâm", "Lâm Viên", "Khe Mây", "Đông Hà", "sông Lam", "Bến Lở", "Phú Cường", "Tân Lập",
    "Thạch Bàn", "Suối Ngang", "Đồi Thông", "Nà Hang", "Cửa Lò Mới", "Bình Minh", "Yên Thế",
];

/// One-syllable words, to end a run at an exact word count.
#[rustfmt::skip]
const SHORT: &[&str] = &[
    "mới", "lớn", "tốt", "xanh", "sạch", "cao", "nhanh", "xã", "bản", "chợ", "đê", "rừng", "chè",
    "điện", "sông", "vườn",
];

#[rustfmt::skip]
const TAGS: [&str; 40] = [
    "Chuyển đổi số", "Nông thôn mới", "Đầu tư công", "Giao thông", "Du lịch", "Lễ hội", "Di sản",
    "Học sinh giỏi", "Tuyển sinh", "Khuyến học", "Y tế cơ sở", "Tiêm chủng", "An toàn thực phẩm",
    "Phòng chống thiên tai", "Mưa lũ", "Biến đổi khí hậu", "Môi trường", "Nước sạch",
    "Cải cách hành chính", "Dịch vụ công trực tuyến", "Doanh nghiệp", "Xuất khẩu", "Khởi nghiệp",
    "OCOP", "Cà phê", "Lúa gạo", "Chăn nuôi", "Thủy sản", "Lâm nghiệp", "Giảm nghèo", "Việc làm",
    "Bảo hiểm xã hội", "An ninh trật tự", "An toàn giao thông", "Văn hóa dân tộc", "Thể thao",
    "Thanh niên", "Phụ nữ", "Khoa học", "Quy hoạch",
];

#[rustfmt::skip]
const AUTHORS: &[&str] = &[
    "Minh Anh", "Thu Hà", "Quốc Tuấn", "Lan Hương", "Văn Dũng", "Hồng Nhung", "Thanh Tùng",
    "Bảo Ngọc", "Đức Thịnh", "Khánh Linh", "Hoàng Nam", "Mai Phương",
];

#[rustfmt::skip]
const SOURCES: &[&str] = &[
    "Báo Hòa Lâm", "Đài Phát thanh và Truyền hình Hòa Lâm", "Sở Thông tin và Truyền thông",
];

/// SplitMix64: small, fast, and good enough for made-up text.
struct Rng(u64);

impl Rng {
    /// The generator of article `i` under `seed`.
    fn for_article(seed: u64, i: u64) -> Rng {
        let mut r = Rng(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn words(s: &str) -> usize {
    s.split(' ').count()
}

/// Upper-cases the first letter (Vietnamese letters included).
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A run of exactly `n` words that reads like a clause of news prose: noun
/// phrases, verb phrases and linking words in a loose subject–verb–object order.
fn clause(rng: &mut Rng, n: usize) -> String {
    let mut out = String::with_capacity(n * 8);
    let mut have = 0;
    let mut phase = 0usize;
    let mut phrase: Vec<&str> = Vec::with_capacity(3);
    while have < n {
        phrase.clear();
        match phase % 4 {
            1 => {
                if rng.chance(35) {
                    phrase.push(rng.pick(AUX));
                }
                phrase.push(rng.pick(VERBS));
            }
            // A linking word, unless the clause would end on it.
            3 if n - have > 2 => phrase.push(rng.pick(LINKS)),
            _ => {
                if rng.chance(25) {
                    phrase.push(rng.pick(QUANT));
                }
                phrase.push(rng.pick(NOUNS));
                if rng.chance(30) {
                    phrase.push(rng.pick(ADJECTIVES));
                } else if rng.chance(15) {
                    phrase.push(rng.pick(PLACES));
                }
            }
        }
        for &w in &phrase {
            let left = n - have;
            if left == 0 {
                break;
            }
            // Keep to the exact count: a phrase too long for what is left becomes a short word.
            let w = if words(w) > left { rng.pick(SHORT) } else { w };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
            have += words(w);
        }
        phase += 1;
    }
    out
}

/// Sentences totalling exactly `n` words, each 8–20 words long, some with an opener and a comma.
fn prose(rng: &mut Rng, n: usize) -> String {
    let mut out = String::with_capacity(n * 8);
    let mut left = n;
    while left > 0 {
        let mut len = rng.range(8, 20).min(left);
        if left - len < 6 {
            len = left;
        }
        left -= len;
        let mut sentence = String::new();
        let mut rest = len;
        if len >= 10 && rng.chance(25) {
            let o = rng.pick(OPENERS);
            sentence.push_str(o);
            sentence.push_str(", ");
            rest -= words(o);
        }
        if rest >= 12 && rng.chance(40) {
            let first = rng.range(5, rest - 6);
            sentence.push_str(&clause(rng, first));
            sentence.push_str(", ");
            sentence.push_str(&clause(rng, rest - first));
        } else {
            sentence.push_str(&clause(rng, rest));
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&capitalize(&sentence));
        out.push('.');
    }
    out
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One generated article: where it goes and its file text.
pub struct Generated {
    /// Path under `articles/`.
    pub path: String,
    /// The Markdown file with its front matter.
    pub text: String,
}

/// Article `i` under `seed`, published in the [`SPAN_SECS`] before `end` (Unix seconds).
pub fn article(seed: u64, i: usize, end: i64) -> Generated {
    let mut rng = Rng::for_article(seed, i as u64);
    let n = rng.range(8, 16);
    let title = capitalize(&clause(&mut rng, n));
    let slug_words: Vec<&str> = title.split(' ').take(8).collect();
    let slug = format!("{}-{}", slugify(&slug_words.join(" ")), i + 1);
    // Whole minutes, so the dates read like an editor's.
    let published = end - 60 - (rng.below(SPAN_SECS as u64 / 60) as i64) * 60;
    let date = VnDateTime::from_unix(published);
    let total: u64 = CATEGORIES.iter().map(|c| c.1).sum();
    let mut roll = rng.below(total);
    let category = CATEGORIES
        .iter()
        .find(|(_, w)| {
            let hit = roll < *w;
            roll = roll.saturating_sub(*w);
            hit
        })
        .map_or("thoi-su", |c| c.0);
    // Tag popularity is skewed: the first tags of the list are on many more articles.
    let mut tags: Vec<&str> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let t = TAGS[(rng.below(40) * rng.below(41) / 40) as usize];
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let n = rng.range(25, 45);
    let lead = prose(&mut rng, n);

    let mut x = String::with_capacity(4096);
    x.push_str("+++\n");
    let _ = writeln!(x, "title = {}", toml_str(&title));
    let _ = writeln!(x, "slug = {}", toml_str(&slug));
    let _ = writeln!(x, "date = \"{}\"", date.to_rfc3339());
    if rng.chance(15) {
        // Whole minutes too, from ten minutes to two days later, never past the end.
        let updated = (published + 60 * (10 + rng.below(2 * 24 * 60) as i64)).min(end - 60);
        let _ = writeln!(
            x,
            "updated = \"{}\"",
            VnDateTime::from_unix(updated).to_rfc3339()
        );
    }
    let _ = writeln!(x, "category = \"{category}\"");
    let tag_list: Vec<String> = tags.iter().map(|t| toml_str(t)).collect();
    let _ = writeln!(x, "tags = [{}]", tag_list.join(", "));
    let _ = writeln!(x, "author = {}", toml_str(rng.pick(AUTHORS)));
    let _ = writeln!(x, "lead = {}", toml_str(&lead));
    if rng.chance(20) {
        let _ = writeln!(x, "source = {{ name = {} }}", toml_str(rng.pick(SOURCES)));
    }
    x.push_str("+++\n");

    let paragraphs = rng.range(4, 10);
    let headings = rng.range(2, 3);
    // Headings go before distinct paragraphs, never before the first.
    let mut at: Vec<usize> = Vec::new();
    while at.len() < headings {
        let p = rng.range(1, paragraphs - 1);
        if !at.contains(&p) {
            at.push(p);
        }
    }
    for p in 0..paragraphs {
        if at.contains(&p) {
            let n = rng.range(3, 7);
            let h = capitalize(&clause(&mut rng, n));
            let _ = write!(x, "\n## {h}\n");
        }
        let n = rng.range(40, 90);
        let _ = write!(x, "\n{}\n", prose(&mut rng, n));
    }
    Generated {
        path: format!("{}/{slug}.md", date.year),
        text: x,
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many articles.
    pub count: usize,
    /// The content folder to write (created; a folder made by an earlier run is replaced).
    pub out: PathBuf,
    /// The seed: the same seed gives the same articles.
    pub seed: u64,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Articles written.
    pub articles: usize,
    /// Wall time in milliseconds.
    pub elapsed_ms: u128,
}

/// Refuses to write into a folder that has other content than an earlier run's.
fn prepare(out: &Path) -> Result<(), String> {
    let shown = out.display();
    if out.exists() {
        if !out.is_dir() {
            return Err(format!("{shown} không phải là thư mục"));
        }
        let mut entries = fs::read_dir(out).map_err(|e| format!("không đọc được {shown}: {e}"))?;
        if entries.next().is_some() {
            let site = fs::read_to_string(out.join("site.toml")).unwrap_or_default();
            if !site.starts_with(MARKER) {
                return Err(format!(
                    "{shown} đã có nội dung không do `bantin generate` tạo; hãy chọn một thư mục trống \
                     (lệnh này không ghi đè nội dung thật)"
                ));
            }
            let articles = out.join("articles");
            if articles.exists() {
                fs::remove_dir_all(&articles)
                    .map_err(|e| format!("không xóa được {}: {e}", articles.display()))?;
            }
        }
    }
    fs::create_dir_all(out.join("articles")).map_err(|e| format!("không tạo được {shown}: {e}"))
}

/// Writes a content folder of `opts.count` articles; errors are Vietnamese messages.
pub fn run(opts: &Options) -> Result<Report, String> {
    let started = Instant::now();
    prepare(&opts.out)?;
    let end = parse_rfc3339(END).expect("END is a valid date");
    let articles = opts.out.join("articles");
    let site = format!(
        "{MARKER} (seed {}, {} bài).\n{SITE_TOML}",
        opts.seed, opts.count
    );
    fs::write(opts.out.join("site.toml"), site)
        .map_err(|e| format!("không ghi được site.toml: {e}"))?;
    let first = VnDateTime::from_unix(end - SPAN_SECS - 60).year;
    let last = VnDateTime::from_unix(end).year;
    for y in first..=last {
        fs::create_dir_all(articles.join(y.to_string()))
            .map_err(|e| format!("không tạo được thư mục bài viết: {e}"))?;
    }
    let indexes: Vec<usize> = (0..opts.count).collect();
    let results = indexes
        .par_iter()
        .map(|&i| {
            let a = article(opts.seed, i, end);
            let path = articles.join(&a.path);
            fs::write(&path, a.text).map_err(|e| (path, e))
        })
        .collect::<Vec<_>>();
    if let Some(Err((path, e))) = results.into_iter().find(Result::is_err) {
        return Err(io_error(&path, e));
    }
    Ok(Report {
        articles: opts.count,
        elapsed_ms: started.elapsed().as_millis(),
    })
}

fn io_error(path: &Path, e: io::Error) -> String {
    format!("không ghi được {}: {e}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::split;

    fn end() -> i64 {
        parse_rfc3339(END).unwrap()
    }

    #[test]
    fn lengths_are_realistic() {
        for i in 0..300 {
            let a = article(7, i, end());
            let s = split(&a.text).unwrap();
            let fm: toml::Table = toml::from_str(s.toml).unwrap();
            let text = |k: &str| fm[k].as_str().unwrap().to_string();
            let title = text("title");
            assert!((8..=16).contains(&words(&title)), "{title}");
            assert!(title.chars().next().unwrap().is_uppercase());
            let lead = text("lead");
            assert!((25..=45).contains(&words(&lead)), "{lead}");
            assert!(lead.ends_with('.'));
            let tags = fm["tags"].as_array().unwrap();
            assert!((1..=4).contains(&tags.len()));
            let slug = text("slug");
            assert!(bantin_contract::text::is_slug(&slug), "{slug}");
            assert!(slug.ends_with(&format!("-{}", i + 1)));
            let t = parse_rfc3339(&text("date")).unwrap();
            assert!(t < end() && t >= end() - SPAN_SECS - 60, "{}", text("date"));
            assert!(a
                .path
                .starts_with(&format!("{}/", VnDateTime::from_unix(t).year)));
            assert_eq!(t % 60, 0, "whole minutes");
            if let Some(u) = fm.get("updated").and_then(|u| u.as_str()) {
                let u = parse_rfc3339(u).unwrap();
                assert!(u >= t && u < end() && u % 60 == 0, "{u}");
            }

            let blocks: Vec<&str> = s.body.split("\n\n").map(str::trim).collect();
            let headings = blocks.iter().filter(|b| b.starts_with("## ")).count();
            assert!((2..=3).contains(&headings), "{}", s.body);
            let paragraphs: Vec<&&str> = blocks
                .iter()
                .filter(|b| !b.is_empty() && !b.starts_with("## "))
                .collect();
            assert!((4..=10).contains(&paragraphs.len()));
            for p in paragraphs {
                assert!((40..=90).contains(&words(p)), "{p}");
            }
            assert!(
                !blocks[0].starts_with("## "),
                "the body opens with a paragraph"
            );
        }
    }

    #[test]
    fn deterministic_by_seed_and_index() {
        let a = article(3, 10, end());
        let b = article(3, 10, end());
        assert_eq!((a.path, a.text.clone()), (b.path, b.text));
        assert_ne!(article(4, 10, end()).text, a.text);
        assert_ne!(article(3, 11, end()).text, a.text);
    }

    #[test]
    fn vocabulary_is_vietnamese_and_sized() {
        let all: Vec<&str> = [NOUNS, VERBS, ADJECTIVES, LINKS, AUX, QUANT, PLACES].concat();
        assert!(all.len() >= 300, "{}", all.len());
        assert!(all.iter().any(|w| w.contains('ư')) && all.iter().any(|w| w.contains('đ')));
        assert!(SHORT.iter().all(|w| words(w) == 1));
        assert_eq!(TAGS.len(), 40);
        for t in TAGS {
            assert!(!slugify(t).is_empty());
        }
        // The template parses as a site.
        let (site, warnings) = crate::site::parse_site("site.toml", SITE_TOML).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(site.categories.len(), 7);
        for (slug, _) in CATEGORIES {
            assert!(site.categories.iter().any(|c| c.slug == slug));
        }
    }

    #[test]
    fn refuses_a_real_content_folder() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "name = \"Cổng thật\"\n").unwrap();
        let err = run(&Options {
            count: 1,
            out: dir.path().to_path_buf(),
            seed: 1,
        })
        .unwrap_err();
        assert!(err.contains("bantin generate"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("site.toml")).unwrap(),
            "name = \"Cổng thật\"\n"
        );
    }
}
