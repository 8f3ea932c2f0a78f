//! The `bantin` command line: `bantin build`, `bantin serve`, `bantin dev`,
//! `bantin generate`, `bantin import wordpress` and `bantin split-app`, parsed
//! by clap with Vietnamese help and error messages.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use bantin_build::build::{self, BuildError, Options};
use bantin_build::generate;
use bantin_build::serve::{Config, Server};

/// The help page's layout: clap's own headings are English, ours are not.
const ROOT_TEMPLATE: &str = "\
{about-with-newline}
Cách dùng:{after-help}";
const COMMAND_TEMPLATE: &str = "\
{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "bantin",
    about = "bantin: dựng và phục vụ cổng tin tức tĩnh từ thư mục nội dung.",
    help_template = ROOT_TEMPLATE,
    override_usage = "bantin LỆNH [THAM_SỐ...]",
    subcommand_value_name = "LỆNH",
    disable_help_flag = true,
    disable_help_subcommand = true,
    disable_version_flag = true,
    arg_required_else_help = false
)]
struct Cli {
    /// Hiện hướng dẫn này.
    #[arg(
        short = 'h',
        long = "help",
        action = ArgAction::Help,
        global = true,
        help = "Hiện hướng dẫn này.",
        help_heading = "Tùy chọn"
    )]
    help: Option<bool>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Dựng trang từ thư mục nội dung.
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin build [--content THƯ_MỤC] [--out THƯ_MỤC] [--base-url ĐỊA_CHỈ] [--now THỜI_ĐIỂM]",
        next_help_heading = "Tùy chọn",
        long_about = "Dựng dữ liệu JSON từ thư mục nội dung vào THƯ_MỤC/data và chép ảnh vào \
            THƯ_MỤC/anh; ghi cả rss.xml, sitemap.xml, robots.txt, các trang HTML và cấu hình \
            máy chủ (.htaccess, _headers, _redirects, nginx.conf). Dựng tăng dần trên thư mục \
            ra đã có. Bài `draft = true` không được đăng; bài có ngày sau THỜI_ĐIỂM chờ đến \
            lần dựng sau giờ đó."
    )]
    Build(BuildArgs),
    /// Phục vụ một thư mục đã dựng qua HTTP để thử trên máy.
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin serve [THƯ_MỤC] [--port 8080] [--host 127.0.0.1] [--quiet]",
        next_help_heading = "Tùy chọn"
    )]
    Serve(ServeArgs),
    /// Xem trước khi soạn: dựng, phục vụ, dựng lại khi nội dung đổi và tải lại các thẻ đang mở.
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin dev [--content THƯ_MỤC] [--out THƯ_MỤC] [--host 127.0.0.1] [--port 8080]",
        next_help_heading = "Tùy chọn",
        long_about = "Dựng THƯ_MỤC nội dung vào thư mục ra (đã có ứng dụng do trunk dựng), phục vụ \
            nó như bantin serve và theo dõi thư mục nội dung: mỗi lần lưu, trang được dựng lại \
            (tăng dần) và mọi thẻ đang mở tự tải lại. Lỗi nội dung (tệp:dòng: lỗi) được in ra đây \
            và hiện trên các thẻ đang mở, trong khi bản dựng tốt gần nhất vẫn được phục vụ."
    )]
    Dev(DevArgs),
    /// Tạo thư mục nội dung tổng hợp để thử dựng ở quy mô lớn.
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin generate --count N --out THƯ_MỤC [--seed S]",
        next_help_heading = "Tùy chọn",
        long_about = "Tạo một thư mục nội dung tổng hợp gồm N bài viết tiếng Việt (không có ảnh) \
            để thử dựng ở quy mô lớn; cùng S cho cùng kết quả."
    )]
    Generate(GenerateArgs),
    /// Chuyển tệp xuất WordPress thành một thư mục nội dung mới.
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin import wordpress TỆP_XUẤT.xml [--uploads THƯ_MỤC] --out THƯ_MỤC [--force]",
        next_help_heading = "Tùy chọn",
        long_about = "Chuyển tệp xuất WordPress (Công cụ → Xuất) thành một thư mục nội dung mới: \
            site.toml, articles/, pages/, ảnh vào anh/ và tệp vào tep/ (chép từ --uploads, bản sao \
            của wp-content/uploads). Báo cáo những gì không chuyển được, kèm vị trí, vào \
            THƯ_MỤC/nhap-wordpress.txt. Không ghi đè thư mục đã có nội dung, trừ khi có --force \
            (thay toàn bộ)."
    )]
    Import(ImportArgs),
    /// Tách WebAssembly của ứng dụng thành phần tải đầu và các phần tải sau.
    #[command(
        name = "split-app",
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin split-app TỆP.wasm --out THƯ_MỤC",
        next_help_heading = "Tùy chọn",
        long_about = "Tách WebAssembly của ứng dụng (dựng với --features split) thành phần tải \
            đầu tiên và các phần tải sau (make site-app dùng lệnh này)."
    )]
    SplitApp(SplitArgs),
    /// Hiện hướng dẫn (của cả chương trình hoặc của một lệnh).
    #[command(
        help_template = COMMAND_TEMPLATE,
        override_usage = "bantin help [LỆNH]",
        next_help_heading = "Tham số"
    )]
    Help {
        /// Lệnh cần xem hướng dẫn.
        #[arg(value_name = "LỆNH")]
        command: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    #[command(flatten)]
    dirs: Dirs,
    /// Địa chỉ gốc của trang, ví dụ https://tinh.gov.vn/tin-tuc/ (mặc định: base_url trong
    /// site.toml); đường dẫn của nó là gốc của mọi liên kết, tài nguyên, RSS và sitemap.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    base_url: Option<String>,
    /// Giờ dựng, ví dụ 2026-12-05T08:00:00+07:00 (mặc định: bây giờ).
    #[arg(long, value_name = "THỜI_ĐIỂM", value_parser = parse_now)]
    now: Option<i64>,
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Thư mục cần phục vụ (mặc định: dist).
    #[arg(
        value_name = "THƯ_MỤC",
        default_value = "dist",
        hide_default_value = true,
        help_heading = "Tham số"
    )]
    root: PathBuf,
    #[command(flatten)]
    listen: Listen,
    /// Không ghi nhật ký từng yêu cầu.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct DevArgs {
    #[command(flatten)]
    dirs: Dirs,
    #[command(flatten)]
    listen: Listen,
}

/// The content folder and the output folder (`build` and `dev`).
#[derive(clap::Args, Debug)]
struct Dirs {
    /// Thư mục nội dung, có site.toml (mặc định: content).
    #[arg(
        long,
        value_name = "THƯ_MỤC",
        default_value = "content",
        hide_default_value = true
    )]
    content: PathBuf,
    /// Thư mục ra (mặc định: dist).
    #[arg(
        long,
        value_name = "THƯ_MỤC",
        default_value = "dist",
        hide_default_value = true
    )]
    out: PathBuf,
}

/// Where a server listens (`serve` and `dev`).
#[derive(clap::Args, Debug)]
struct Listen {
    /// Địa chỉ lắng nghe (mặc định: 127.0.0.1).
    #[arg(
        long,
        value_name = "ĐỊA_CHỈ",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    host: String,
    /// Cổng (mặc định: 8080; 0: một cổng còn trống).
    #[arg(long, value_name = "CỔNG", default_value_t = 8080, hide_default_value = true, value_parser = parse_port)]
    port: u16,
}

#[derive(clap::Args, Debug)]
struct GenerateArgs {
    /// Số bài viết.
    #[arg(long, value_name = "N", value_parser = parse_count)]
    count: usize,
    /// Thư mục nội dung được tạo.
    #[arg(long, value_name = "THƯ_MỤC")]
    out: PathBuf,
    /// Hạt giống ngẫu nhiên: cùng S cho cùng kết quả (mặc định: 1).
    #[arg(long, value_name = "S", default_value_t = generate::DEFAULT_SEED, hide_default_value = true, value_parser = parse_seed)]
    seed: u64,
}

#[derive(clap::Args, Debug)]
struct ImportArgs {
    /// Nguồn: wordpress.
    #[arg(value_name = "NGUỒN", value_parser = parse_source, help_heading = "Tham số", display_order = 0)]
    source: String,
    /// Tệp xuất WordPress (WXR).
    #[arg(value_name = "TỆP_XUẤT.xml", help_heading = "Tham số")]
    export: PathBuf,
    /// Bản sao thư mục wp-content/uploads của trang cũ (ảnh và tệp đính kèm).
    #[arg(long, value_name = "THƯ_MỤC")]
    uploads: Option<PathBuf>,
    /// Thư mục nội dung được tạo.
    #[arg(long, value_name = "THƯ_MỤC")]
    out: PathBuf,
    /// Thay toàn bộ thư mục ra đã có nội dung.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args, Debug)]
struct SplitArgs {
    /// WebAssembly của ứng dụng.
    #[arg(value_name = "TỆP.wasm", help_heading = "Tham số")]
    input: PathBuf,
    /// Thư mục ghi các phần đã tách.
    #[arg(long, value_name = "THƯ_MỤC")]
    out: PathBuf,
}

fn parse_now(v: &str) -> Result<i64, String> {
    bantin_build::article::parse_date(v).ok_or_else(|| {
        format!("--now: “{v}” không phải thời điểm hợp lệ (dùng dạng 2026-12-05T08:00:00+07:00)")
    })
}

fn parse_source(v: &str) -> Result<String, String> {
    match v {
        "wordpress" => Ok(v.to_string()),
        _ => Err(format!(
            "nguồn không rõ: {v} (bantin import nhận tệp xuất của wordpress)"
        )),
    }
}

fn parse_port(v: &str) -> Result<u16, String> {
    v.parse().map_err(|_| format!("cổng không hợp lệ: {v}"))
}

fn parse_count(v: &str) -> Result<usize, String> {
    v.parse().map_err(|_| format!("số bài không hợp lệ: {v}"))
}

fn parse_seed(v: &str) -> Result<u64, String> {
    v.parse().map_err(|_| format!("seed không hợp lệ: {v}"))
}

fn main() -> ExitCode {
    let matches = match cli_command().try_get_matches() {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::DisplayHelp => {
            // `-h`/`--help`, after the command it asks about, if any.
            print_help(&e.render().to_string());
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&vietnamese(&e)),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(&vietnamese(&e)),
    };
    match cli.command {
        Some(Command::Build(a)) => cmd_build(a),
        Some(Command::Serve(a)) => cmd_serve(a),
        Some(Command::Dev(a)) => cmd_dev(a),
        Some(Command::Generate(a)) => cmd_generate(a),
        Some(Command::Import(a)) => cmd_import(a),
        Some(Command::SplitApp(a)) => cmd_split_app(a),
        Some(Command::Help { command }) => cmd_help(command.as_deref()),
        None => usage_error("thiếu lệnh"),
    }
}

/// The command line, its help listing every command's usage and what it does.
fn cli_command() -> clap::Command {
    let cmd = Cli::command();
    let mut listing = String::new();
    for sub in cmd.get_subcommands() {
        let usage = sub.clone().render_usage().to_string();
        // clap's usage starts with its English heading; ours has its own.
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        listing.push_str(&format!("  {usage}\n      {about}.\n"));
    }
    listing.push_str(
        "\nXem hướng dẫn đầy đủ của một lệnh: bantin help LỆNH (hoặc bantin LỆNH --help).",
    );
    cmd.after_help(listing)
}

/// The help of the whole program.
fn root_help() -> String {
    cli_command().render_help().to_string()
}

fn cmd_help(command: Option<&str>) -> ExitCode {
    let Some(name) = command else {
        print_help(&root_help());
        return ExitCode::SUCCESS;
    };
    let mut root = cli_command();
    // Gives the subcommands the global `--help` flag before one is shown alone.
    root.build();
    match root.find_subcommand_mut(name) {
        Some(sub) => {
            print_help(&sub.render_long_help().to_string());
            ExitCode::SUCCESS
        }
        None => usage_error(&format!("lệnh không rõ: {name}")),
    }
}

/// Prints a help text; a closed pipe (`bantin help | head`) is not an error.
fn print_help(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{text}");
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("bantin: {msg}\n\n{}", root_help());
    ExitCode::from(2)
}

/// A clap error in Vietnamese, in the words the hand-written parser used.
fn vietnamese(e: &clap::Error) -> String {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("lệnh không rõ: {}", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => {
            format!("tham số không rõ: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => {
            // Our parsers' messages say what is wrong; clap's own name the flag.
            match std::error::Error::source(e) {
                Some(why) => why.to_string(),
                None => format!(
                    "giá trị không hợp lệ cho {}: {}",
                    context(ContextKind::InvalidArg),
                    context(ContextKind::InvalidValue)
                ),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "thiếu tham số bắt buộc: {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("thiếu giá trị sau {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => {
            format!(
                "tham số lặp lại hoặc mâu thuẫn: {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::TooManyValues => format!("thừa giá trị: {}", context(ContextKind::InvalidValue)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh".to_string()
        }
        _ => format!("tham số không hợp lệ ({:?})", e.kind()),
    }
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

fn cmd_build(a: BuildArgs) -> ExitCode {
    let opts = Options {
        content: a.dirs.content,
        out: a.dirs.out,
        base_url: a.base_url,
        now: a.now,
    };
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

fn cmd_serve(a: ServeArgs) -> ExitCode {
    let cfg = Config {
        root: a.root,
        host: a.listen.host,
        port: a.listen.port,
        quiet: a.quiet,
    };
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

fn cmd_dev(a: DevArgs) -> ExitCode {
    let opts = bantin_build::dev::Options {
        content: a.dirs.content,
        out: a.dirs.out,
        host: a.listen.host,
        port: a.listen.port,
    };
    match bantin_build::dev::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bantin: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cmd_generate(a: GenerateArgs) -> ExitCode {
    let (count, out, seed) = (a.count, a.out, a.seed);
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

fn cmd_import(a: ImportArgs) -> ExitCode {
    use bantin_build::import::{self, ImportOptions};
    let opts = ImportOptions {
        wxr: a.export,
        uploads: a.uploads,
        out: a.out,
        force: a.force,
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

fn cmd_split_app(a: SplitArgs) -> ExitCode {
    let (input, out) = (a.input, a.out);
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
