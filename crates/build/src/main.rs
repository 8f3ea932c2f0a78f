//! The `bantin` command line: `bantin build`, `bantin serve`, `bantin generate`
//! and `bantin import wordpress`.

use std::path::PathBuf;
use std::process::ExitCode;

use bantin_build::build::{self, BuildError, Options};
use bantin_build::generate;
use bantin_build::serve::{Config, Server};

const USAGE: &str = "\
Cách dùng:
  bantin build [--content THƯ_MỤC] [--out THƯ_MỤC] [--base-url ĐỊA_CHỈ] [--now THỜI_ĐIỂM]
      Dựng dữ liệu JSON từ thư mục nội dung (mặc định: content) vào
      THƯ_MỤC/data và chép ảnh vào THƯ_MỤC/anh (mặc định: dist); ghi cả
      rss.xml, sitemap.xml, robots.txt, các trang HTML và cấu hình máy chủ
      (.htaccess, _headers, _redirects, nginx.conf). ĐỊA_CHỈ (mặc định:
      base_url trong site.toml) là địa chỉ gốc của trang, ví dụ
      https://tinh.gov.vn/tin-tuc/; đường dẫn của nó (/tin-tuc/) là gốc của
      mọi liên kết, tài nguyên, RSS và sitemap. Bài `draft = true` không
      được đăng; bài có ngày sau THỜI_ĐIỂM (mặc định: bây giờ, ví dụ
      2026-12-05T08:00:00+07:00) chờ đến lần dựng sau giờ đó.
  bantin serve [THƯ_MỤC] [--port 8080] [--host 127.0.0.1] [--quiet]
      Phục vụ THƯ_MỤC (mặc định: dist) qua HTTP để thử trên máy.
  bantin generate --count N --out THƯ_MỤC [--seed S]
      Tạo một thư mục nội dung tổng hợp gồm N bài viết tiếng Việt (không có
      ảnh) để thử dựng ở quy mô lớn; cùng S cho cùng kết quả (mặc định: 1).
  bantin import wordpress TỆP_XUẤT.xml [--uploads THƯ_MỤC] --out THƯ_MỤC [--force]
      Chuyển tệp xuất WordPress (Công cụ → Xuất) thành một thư mục nội dung
      mới: site.toml, articles/, pages/, ảnh vào anh/ và tệp vào tep/ (chép
      từ --uploads, bản sao của wp-content/uploads). Báo cáo những gì không
      chuyển được, kèm vị trí, vào THƯ_MỤC/nhap-wordpress.txt. Không ghi đè
      thư mục đã có nội dung, trừ khi có --force (thay toàn bộ).
  bantin split-app TỆP.wasm --out THƯ_MỤC
      Tách WebAssembly của ứng dụng (dựng với --features split) thành phần
      tải đầu tiên và các phần tải sau (make site-app dùng lệnh này).
  bantin help
      Hiện hướng dẫn này.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => cmd_build(&args[1..]),
        Some("serve") => cmd_serve(&args[1..]),
        Some("generate") => cmd_generate(&args[1..]),
        Some("split-app") => cmd_split_app(&args[1..]),
        Some("import") => cmd_import(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("lệnh không rõ: {other}")),
        None => usage_error("thiếu lệnh"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("bantin: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The value after a `--flag`, also accepting `--flag=value`.
fn flag_value(args: &[String], i: &mut usize, name: &str) -> Result<Option<String>, String> {
    let a = &args[*i];
    if let Some(v) = a.strip_prefix(&format!("{name}=")) {
        return Ok(Some(v.to_string()));
    }
    if a == name {
        *i += 1;
        return args
            .get(*i)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("thiếu giá trị sau {name}"));
    }
    Ok(None)
}

/// Reads every argument with `take`, which reads one (and the value after a
/// flag, through [`flag_value`]) at position `i` and says whether it knew it;
/// an argument it does not know is an error.
fn parse_args(
    args: &[String],
    mut take: impl FnMut(&mut usize) -> Result<bool, String>,
) -> Result<(), String> {
    let mut i = 0;
    while i < args.len() {
        if !take(&mut i)? {
            return Err(format!("tham số không rõ: {}", args[i]));
        }
        i += 1;
    }
    Ok(())
}

/// Lists what the build did not publish: drafts, and scheduled articles with
/// the time of the next one (Vietnam time).
fn print_held(held: &build::Held) {
    const SHOWN: usize = 10;
    let list = |files: &mut dyn Iterator<Item = &String>| {
        let mut v: Vec<&str> = files.map(String::as_str).collect();
        let more = v.len().saturating_sub(SHOWN);
        v.truncate(SHOWN);
        let mut text = v.join(", ");
        if more > 0 {
            text.push_str(&format!(" và {more} bài khác"));
        }
        text
    };
    if !held.drafts.is_empty() {
        println!(
            "Bản nháp (không xuất bản): {}: {}",
            held.drafts.len(),
            list(&mut held.drafts.iter())
        );
    }
    if let Some((next, file)) = held.scheduled.first() {
        let at = bantin_contract::date::VnDateTime::from_unix(*next);
        println!(
            "Hẹn giờ: {} bài chưa đến giờ đăng; bài kế tiếp lúc {} {} (giờ Việt Nam): {file}. Dựng lại từ lúc đó để đăng: {}",
            held.scheduled.len(),
            at.time(),
            at.date(),
            list(&mut held.scheduled.iter().map(|(_, f)| f))
        );
    }
}

fn cmd_build(args: &[String]) -> ExitCode {
    let mut opts = Options {
        content: PathBuf::from("content"),
        out: PathBuf::from("dist"),
        base_url: None,
        now: None,
    };
    let parsed = parse_args(args, |i| {
        if let Some(v) = flag_value(args, i, "--content")? {
            opts.content = v.into();
        } else if let Some(v) = flag_value(args, i, "--out")? {
            opts.out = v.into();
        } else if let Some(v) = flag_value(args, i, "--base-url")? {
            opts.base_url = Some(v);
        } else if let Some(v) = flag_value(args, i, "--now")? {
            let at = bantin_build::article::parse_date(&v).ok_or_else(|| {
                format!("--now: “{v}” không phải thời điểm hợp lệ (dùng dạng 2026-12-05T08:00:00+07:00)")
            })?;
            opts.now = Some(at);
        } else {
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return usage_error(&e);
    }
    match build::run(&opts) {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!("{w}");
            }
            println!(
                "Đã dựng {} bài viết, {} chuyên mục, {} thẻ; ảnh: {}, mã hóa {}; ảnh chia sẻ: {}, vẽ mới {}; {} tệp trong {} ({}: ghi {} tệp, xóa {} tệp) sau {} ms.",
                r.articles,
                r.categories,
                r.tags,
                r.images,
                r.images_encoded,
                r.cards,
                r.cards_drawn,
                r.files,
                opts.out.display(),
                if r.incremental { "dựng tăng dần" } else { "dựng toàn bộ" },
                r.written,
                r.removed,
                r.elapsed_ms
            );
            print_held(&r.held);
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(errors)) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "Dựng thất bại: {} lỗi; dữ liệu cũ trong {} được giữ nguyên.",
                errors.len(),
                opts.out.display()
            );
            ExitCode::FAILURE
        }
        Err(e @ BuildError::Io(_)) => {
            eprintln!("{e}");
            eprintln!(
                "Dựng thất bại; dữ liệu cũ trong {} được giữ nguyên.",
                opts.out.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn cmd_serve(args: &[String]) -> ExitCode {
    let mut cfg = Config {
        root: PathBuf::from("dist"),
        host: "127.0.0.1".to_string(),
        port: 8080,
        quiet: false,
    };
    let mut root_set = false;
    let parsed = parse_args(args, |i| {
        if let Some(v) = flag_value(args, i, "--port")? {
            cfg.port = v.parse().map_err(|_| format!("cổng không hợp lệ: {v}"))?;
        } else if let Some(v) = flag_value(args, i, "--host")? {
            cfg.host = v;
        } else if args[*i] == "--quiet" || args[*i] == "-q" {
            cfg.quiet = true;
        } else if !args[*i].starts_with('-') && !root_set {
            cfg.root = args[*i].clone().into();
            root_set = true;
        } else {
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return usage_error(&e);
    }
    if !cfg.root.is_dir() {
        eprintln!("bantin: không tìm thấy thư mục {}", cfg.root.display());
        return ExitCode::FAILURE;
    }
    let server = match Server::bind(&cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bantin: không mở được {}:{}: {e}", cfg.host, cfg.port);
            return ExitCode::FAILURE;
        }
    };
    let addr = match server.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bantin: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Đang phục vụ {} tại http://{addr}", cfg.root.display());
    println!("Nhấn Ctrl+C để dừng.");
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bantin: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cmd_generate(args: &[String]) -> ExitCode {
    let mut count: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = generate::DEFAULT_SEED;
    let parsed = parse_args(args, |i| {
        if let Some(v) = flag_value(args, i, "--count")? {
            count = Some(v.parse().map_err(|_| format!("số bài không hợp lệ: {v}"))?);
        } else if let Some(v) = flag_value(args, i, "--out")? {
            out = Some(v.into());
        } else if let Some(v) = flag_value(args, i, "--seed")? {
            seed = v.parse().map_err(|_| format!("seed không hợp lệ: {v}"))?;
        } else {
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return usage_error(&e);
    }
    let (Some(count), Some(out)) = (count, out) else {
        return usage_error("bantin generate cần --count và --out");
    };
    let opts = generate::Options { count, out, seed };
    match generate::run(&opts) {
        Ok(r) => {
            println!(
                "Đã tạo {} bài viết (seed {}) trong {} sau {} ms.",
                r.articles,
                opts.seed,
                opts.out.display(),
                r.elapsed_ms
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bantin: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cmd_import(args: &[String]) -> ExitCode {
    use bantin_build::import::{self, ImportOptions};
    if args.first().map(String::as_str) != Some("wordpress") {
        return usage_error(
            "bantin import cần nguồn: bantin import wordpress TỆP_XUẤT.xml --out THƯ_MỤC",
        );
    }
    let args = &args[1..];
    let (mut wxr, mut uploads, mut out, mut force) = (None, None, None, false);
    let parsed = parse_args(args, |i| {
        if let Some(v) = flag_value(args, i, "--uploads")? {
            uploads = Some(PathBuf::from(v));
        } else if let Some(v) = flag_value(args, i, "--out")? {
            out = Some(PathBuf::from(v));
        } else if args[*i] == "--force" {
            force = true;
        } else if !args[*i].starts_with('-') && wxr.is_none() {
            wxr = Some(PathBuf::from(&args[*i]));
        } else {
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return usage_error(&e);
    }
    let (Some(wxr), Some(out)) = (wxr, out) else {
        return usage_error("bantin import wordpress cần TỆP_XUẤT.xml và --out");
    };
    let opts = ImportOptions {
        wxr,
        uploads,
        out,
        force,
    };
    match import::run(&opts) {
        Ok(r) => {
            for e in r.entries.iter().filter(|e| e.lost) {
                println!("Không chuyển được: {e}");
            }
            println!("{}", import::summary_line(&r));
            println!("Báo cáo đầy đủ: {}", r.report_file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bantin: {e}");
            eprintln!(
                "Nhập thất bại; không có gì được ghi vào {}.",
                opts.out.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn cmd_split_app(args: &[String]) -> ExitCode {
    let mut input: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let parsed = parse_args(args, |i| {
        if let Some(v) = flag_value(args, i, "--out")? {
            out = Some(v.into());
        } else if !args[*i].starts_with('-') && input.is_none() {
            input = Some(args[*i].clone().into());
        } else {
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return usage_error(&e);
    }
    let (Some(input), Some(out)) = (input, out) else {
        return usage_error("bantin split-app cần TỆP.wasm và --out");
    };
    match bantin_build::split::split_app(&input, &out) {
        Ok(split) => {
            for f in std::iter::once(&split.main)
                .chain(&split.modules)
                .chain(std::iter::once(&split.loader))
            {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bantin: {e}");
            ExitCode::FAILURE
        }
    }
}
