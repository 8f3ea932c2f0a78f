//! The security policy the build writes into the host configs: the hashes of
//! the inline scripts of the pages it wrote, the origins the content and
//! `site.toml` need, kept right through incremental builds.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{copy_dir, fixtures};
use bantin_build::build::{run, Options, Report};
use bantin_build::security::{hash_source, Policy, Route, POLICY_FILE};

fn build(content: &Path, out: &Path) -> Report {
    run(&Options {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        now: None,
    })
    .unwrap()
}

/// A trunk shell whose inline script says `script`.
fn shell(script: &str) -> String {
    fs::read_to_string(fixtures().join("shell/index.html"))
        .unwrap()
        .replace(
            "      // The page script's prose may hold any quote: it's kept as it is, '/x' too.\n",
            script,
        )
}

/// The site pages' Content-Security-Policy in nginx.conf.
fn nginx_csp(out: &Path) -> String {
    let conf = fs::read_to_string(out.join("nginx.conf")).unwrap();
    let at = conf.find("location / {").unwrap();
    let line = conf[at..]
        .lines()
        .find(|l| l.contains("add_header Content-Security-Policy"))
        .unwrap();
    line.split('"').nth(1).unwrap().replace("\\\"", "\"")
}

fn directive(csp: &str, name: &str) -> String {
    csp.split("; ")
        .find(|d| d.starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
        .to_string()
}

/// Makes every article file an hour old, so that rebuilds take it from the parse cache.
fn age_articles(dir: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            age_articles(&p);
        } else {
            fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
    }
}

#[test]
fn the_policy_follows_the_pages_and_the_content_through_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let article = content.join("articles/thoi-su/thoi-tiet.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        format!("{text}\n![Bản đồ mây](https://anh.khi-tuong.vn/may.png)\n"),
    )
    .unwrap();
    let site = content.join("site.toml");
    let settings = fs::read_to_string(&site).unwrap().replacen(
        "base_url = ",
        "data_url = \"https://du-lieu.tinh.vn/bantin/\"\nbase_url = ",
        1,
    );
    fs::write(
        &site,
        format!("{settings}\n[security]\nframe_src = [\"https://ban-do.vn\"]\n"),
    )
    .unwrap();
    age_articles(&content.join("articles"));
    let out = dir.path().join("dist");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), shell("var first = 1;\n")).unwrap();

    build(&content, &out);
    let csp = nginx_csp(&out);
    // The inline script as the pages carry it, hashed; the policy kept for `bantin serve` says the same.
    let page =
        fs::read_to_string(out.join("bai-viet/du-bao-thoi-tiet-cuoi-tuan-troi-ret/index.html"))
            .unwrap_or_else(|_| fs::read_to_string(out.join("index.html")).unwrap());
    let script = page
        .split("<script>")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    assert_eq!(script, "\nvar first = 1;\n    ");
    let first = hash_source(script);
    let scripts = directive(&csp, "script-src");
    assert!(scripts.starts_with("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    assert!(scripts.contains(&first), "{scripts}");
    // The shell's one script and the embed page's and embed frame's own.
    assert_eq!(scripts.matches("'sha256-").count(), 3, "{scripts}");
    let kept = Policy::read(&out).unwrap();
    assert_eq!(kept.csp(Route::Site), csp);
    assert!(out.join(POLICY_FILE).is_file());
    assert_eq!(
        directive(&csp, "img-src"),
        "img-src 'self' https://anh.khi-tuong.vn"
    );
    assert_eq!(directive(&csp, "frame-src"), "frame-src https://ban-do.vn");
    assert_eq!(
        directive(&csp, "connect-src"),
        "connect-src 'self' https://anh.khi-tuong.vn https://du-lieu.tinh.vn"
    );
    let config = fs::read_to_string(out.join("config.json")).unwrap();
    assert!(
        config.contains("\"data_url\": \"https://du-lieu.tinh.vn/bantin/\""),
        "{config}"
    );
    // The sample address is http: nothing to upgrade.
    assert!(!csp.contains("upgrade-insecure-requests"));

    // A new app build (a new inline script), content unchanged: the articles
    // come from the parse cache, their origins from the kept policy.
    fs::write(out.join("index.html"), shell("var second = 2;\n")).unwrap();
    let report = build(&content, &out);
    assert!(report.incremental);
    let csp = nginx_csp(&out);
    let second = hash_source("\nvar second = 2;\n    ");
    let scripts = directive(&csp, "script-src");
    assert!(scripts.contains(&second), "{scripts}");
    assert!(!scripts.contains(&first), "the old script's hash is gone");
    assert_eq!(scripts.matches("'sha256-").count(), 3, "{scripts}");
    assert_eq!(
        directive(&csp, "img-src"),
        "img-src 'self' https://anh.khi-tuong.vn"
    );

    // The image removed from the article: its origin leaves the policy.
    fs::write(&article, &text).unwrap();
    build(&content, &out);
    let csp = nginx_csp(&out);
    assert_eq!(directive(&csp, "img-src"), "img-src 'self'");
    assert_eq!(
        directive(&csp, "connect-src"),
        "connect-src 'self' https://du-lieu.tinh.vn"
    );

    // An https address upgrades insecure requests.
    let report = run(&Options {
        content: content.clone(),
        out: out.clone(),
        base_url: Some("https://tinh.gov.vn/tin-tuc/".into()),
        now: None,
    })
    .unwrap();
    assert!(report.incremental);
    let conf = fs::read_to_string(out.join("nginx.conf")).unwrap();
    assert!(conf.contains("; upgrade-insecure-requests\" always;"));
    assert!(conf.contains(
        "# add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;"
    ));
    assert!(fs::read_to_string(out.join(".htaccess"))
        .unwrap()
        .contains("# Header always set Strict-Transport-Security"));
}

#[test]
fn security_settings_must_be_origins() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let site = content.join("site.toml");
    let settings = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{settings}\n[security]\nimg_src = [\"https://anh.vn/thu-muc/\", \"*\"]\n"),
    )
    .unwrap();
    let err = run(&Options {
        content,
        out: dir.path().join("dist"),
        base_url: None,
        now: None,
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("img_src: “https://anh.vn/thu-muc/” không phải một origin"),
        "{err}"
    );
    assert!(err.contains("img_src: “*” không phải một origin"), "{err}");
}
