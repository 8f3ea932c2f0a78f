//! Incremental rebuilds: over an output folder with a manifest, `bantin build`
//! writes only the files whose bytes changed and removes the ones no longer
//! produced, and the result is byte for byte what a fresh build makes.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::{copy_dir, fixtures, snapshot, snapshot_all};
use bantin_build::build::{run, BuildError, Options, Report};
use bantin_build::cache::CACHE;
use bantin_build::generate;
use bantin_build::output::MANIFEST;

fn shell() -> String {
    fs::read_to_string(fixtures().join("shell/index.html")).unwrap()
}

fn build(content: &Path, out: &Path) -> Result<Report, BuildError> {
    run(&Options {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        // A clock after every date of these tests (one adds an article dated 2030).
        now: bantin_build::article::parse_date("2031-01-01T00:00:00+07:00"),
    })
}

/// A generated archive of 70 articles (several listing pages, shared tags) plus
/// the fixture's images, and an output folder holding trunk's shell and app files.
struct Site {
    dir: tempfile::TempDir,
    content: PathBuf,
    out: PathBuf,
    /// Fresh builds made so far (each in its own folder).
    fresh: usize,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        generate::run(&generate::Options {
            count: 70,
            out: content.clone(),
            seed: 7,
        })
        .unwrap();
        copy_dir(&fixtures().join("valid/anh"), &content.join("anh"));
        Site::in_dir(dir, content)
    }

    /// The repository's sample site (pages, a registry of documents, a section
    /// in English).
    fn sample() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            &content,
        );
        Site::in_dir(dir, content)
    }

    /// The site whose content folder `content` is in `dir`, with an output
    /// folder holding trunk's shell and app files.
    fn in_dir(dir: tempfile::TempDir, content: PathBuf) -> Site {
        let out = dir.path().join("dist");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), shell()).unwrap();
        fs::write(out.join("bantin-app-1234abcd.js"), "app").unwrap();
        let site = Site {
            dir,
            content,
            out,
            fresh: 0,
        };
        // Files written just now are never taken from the parse cache (see
        // `cache::RACY_SECS`): make them an hour old so that rebuilds use it.
        for p in site.articles() {
            age(&p);
        }
        site
    }

    /// Every article file, sorted.
    fn articles(&self) -> Vec<PathBuf> {
        let mut v = Vec::new();
        let mut stack = vec![self.content.join("articles")];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    v.push(p);
                }
            }
        }
        v.sort();
        v
    }

    /// Adds an article, newest of all (it leads every listing it is in): a copy
    /// of `from` with the slug `slug` and a date in 2030.
    fn add_newest(&self, from: &Path, slug: &str) {
        let text = fs::read_to_string(from).unwrap();
        let slug_line = text.lines().find(|l| l.starts_with("slug = ")).unwrap();
        let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap();
        let added = text
            .replace(slug_line, &format!("slug = \"{slug}\""))
            .replace(date_line, "date = \"2030-01-01T08:00:00+07:00\"");
        fs::write(self.content.join(format!("articles/{slug}.md")), added).unwrap();
    }

    /// Rebuilds the live output, builds the same content into a fresh folder
    /// (holding the same shell), checks both are identical; returns the rebuild's report.
    fn rebuild_matches_fresh(&mut self, what: &str) -> Report {
        let report = build(&self.content, &self.out).unwrap();
        assert!(report.incremental, "{what}: the manifest should be used");
        self.fresh += 1;
        let fresh = self.dir.path().join(format!("fresh-{}", self.fresh));
        fs::create_dir_all(&fresh).unwrap();
        fs::write(
            fresh.join("index.html"),
            fs::read(self.out.join("app.html")).unwrap(),
        )
        .unwrap();
        fs::write(fresh.join("bantin-app-1234abcd.js"), "app").unwrap();
        let fresh_report = build(&self.content, &fresh).unwrap();
        assert!(!fresh_report.incremental);
        assert_eq!(fresh_report.files, report.files, "{what}");
        assert_eq!(fresh_report.written, fresh_report.files);
        let (live, want) = (snapshot(&self.out), snapshot(&fresh));
        let differ: Vec<&String> = live
            .keys()
            .chain(want.keys())
            .filter(|k| live.get(*k) != want.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{what}: differs from a fresh build: {differ:?}"
        );
        // The manifest names exactly the files the build produced.
        let manifest = fs::read_to_string(self.out.join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().count() - 1, report.files, "{what}");
        report
    }
}

/// Sets the modification time of `path` to an hour ago.
fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn related_lists_are_patched_from_their_state_and_computed_whole_without_it() {
    let mut site = Site::new();
    build(&site.content, &site.out).unwrap();
    let state = site.out.join(bantin_build::related::STATE);
    assert!(state.is_file(), "a build leaves the related lists' state");
    let articles = site.articles();
    // New tags, category and words: other articles' related lists change.
    let text = fs::read_to_string(&articles[30]).unwrap();
    let tags = text.lines().find(|l| l.starts_with("tags = ")).unwrap();
    let category = text.lines().find(|l| l.starts_with("category = ")).unwrap();
    let other = if category.contains("giao-duc") {
        "y-te"
    } else {
        "giao-duc"
    };
    replace_in(&articles[30], tags, "tags = [\"Cầu đường\", \"Khởi công\"]");
    replace_in(&articles[30], category, &format!("category = \"{other}\""));
    replace_in(
        &articles[30],
        "title = \"",
        "title = \"Khởi công cầu đường ",
    );
    site.rebuild_matches_fresh("tags, category and title changed");
    // A damaged state: every list is computed, the same output.
    replace_in(&articles[31], "title = \"", "title = \"Cầu đường ");
    let mut bytes = fs::read(&state).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&state, bytes).unwrap();
    site.rebuild_matches_fresh("damaged related state");
    // None at all: the same, and the build leaves one again.
    fs::remove_file(&state).unwrap();
    replace_in(
        &articles[30],
        "title = \"Khởi công cầu đường ",
        "title = \"",
    );
    site.rebuild_matches_fresh("no related state");
    assert!(state.is_file());
}

#[test]
fn rebuilds_equal_fresh_builds_after_every_kind_of_change() {
    let mut site = Site::new();
    let first = build(&site.content, &site.out).unwrap();
    assert!(!first.incremental, "no manifest yet: a full build");
    assert_eq!(first.written, first.files);
    assert!(site.out.join(MANIFEST).is_file());

    // Nothing changed: nothing is written.
    let same = site.rebuild_matches_fresh("no change");
    assert_eq!((same.written, same.removed), (0, 0));
    assert_eq!(same.files, first.files);

    // Edit one article's title: its page and document change, and so do the
    // listings, feeds and related lists that show it; most files do not.
    let articles = site.articles();
    replace_in(&articles[10], "title = \"", "title = \"Đã sửa: ");
    let edit = site.rebuild_matches_fresh("edit");
    assert!(edit.written >= 2, "{edit:?}");
    assert!(edit.written < edit.files / 2, "{edit:?}");
    // The one file gone is the share card drawn with the old title.
    assert_eq!(edit.removed, 1, "{edit:?}");

    // Add an article, newest of all (it leads every listing it is in).
    site.add_newest(&articles[3], "bai-moi-them");
    let add = site.rebuild_matches_fresh("add");
    assert!(site.out.join("bai-viet/bai-moi-them/index.html").is_file());
    assert!(add.files > edit.files);

    // Delete an article: its document and page go, with their folder.
    let gone = &articles[20];
    let slug = slug_of(gone);
    fs::remove_file(gone).unwrap();
    let delete = site.rebuild_matches_fresh("delete");
    assert!(delete.removed >= 2, "{delete:?}");
    assert!(!site.out.join("bai-viet").join(&slug).exists());
    assert!(!site.out.join(format!("data/bai-viet/{slug}.json")).exists());

    // Rename an article: a new file name and slug.
    let old = &articles[30];
    let old_slug = slug_of(old);
    let renamed = old.with_file_name("ten-moi-cua-bai.md");
    fs::rename(old, &renamed).unwrap();
    replace_in(
        &renamed,
        &format!("slug = \"{old_slug}\""),
        "slug = \"ten-moi-cua-bai\"",
    );
    site.rebuild_matches_fresh("rename");
    assert!(!site.out.join("bai-viet").join(&old_slug).exists());
    assert!(site
        .out
        .join("bai-viet/ten-moi-cua-bai/index.html")
        .is_file());

    // Remove an image; change the site's settings (every page shows the name).
    fs::remove_file(site.content.join("anh/cau.svg")).unwrap();
    replace_in(
        &site.content.join("site.toml"),
        "name = \"",
        "name = \"Mới: ",
    );
    let settings = site.rebuild_matches_fresh("image and settings");
    assert!(!site.out.join("anh/cau.svg").exists());
    assert!(settings.written > site.articles().len(), "{settings:?}");

    // Trunk writes a new shell (new hashed file names): every page follows it.
    let new_shell = shell().replace(
        "</head>",
        "<meta name=\"x-ban-moi\" content=\"1\" />\n</head>",
    );
    assert_ne!(new_shell, shell());
    fs::write(site.out.join("index.html"), &new_shell).unwrap();
    site.rebuild_matches_fresh("new shell");
    let page = fs::read_to_string(site.out.join("bai-viet/ten-moi-cua-bai/index.html")).unwrap();
    assert!(page.contains("x-ban-moi"));

    // Files the build never produced are still there.
    assert_eq!(
        fs::read_to_string(site.out.join("bantin-app-1234abcd.js")).unwrap(),
        "app"
    );
}

/// The search index's state file of the site's root in `out`.
fn search_state(out: &Path) -> PathBuf {
    out.join(bantin_build::search::STATE)
}

#[test]
fn the_search_index_is_patched_when_few_articles_changed_and_built_whole_otherwise() {
    let mut site = Site::new();
    let first = build(&site.content, &site.out).unwrap();
    assert!(!first.search_patched);
    assert!(search_state(&site.out).is_file());
    let articles = site.articles();

    // Nothing changed, then one article's title and a new lead paragraph (as
    // the benchmark edits it): patched, and what a whole build writes.
    let same = site.rebuild_matches_fresh("no change");
    assert!(same.search_patched);
    let original = fs::read_to_string(&articles[35]).unwrap();
    replace_in(&articles[35], "title = \"", "title = \"Cập nhật: ");
    replace_in(
        &articles[35],
        "+++\n\n",
        "+++\n\nĐoạn mở đầu mới về kho lạnh ở Khe Mây.\n\n",
    );
    let edit = site.rebuild_matches_fresh("one article edited");
    assert!(edit.search_patched);
    // Reverted: its old words come back.
    fs::write(&articles[35], &original).unwrap();
    assert!(site.rebuild_matches_fresh("edit reverted").search_patched);
    // Two articles at once, one of them the oldest (id 0).
    replace_in(&articles[0], "title = \"", "title = \"Tin sớm nhất: ");
    replace_in(&articles[50], "title = \"", "title = \"Sửa lại: ");
    assert!(site.rebuild_matches_fresh("two edited").search_patched);

    // A new newest article, then one removed: one document more, or less,
    // is patched too; two at once are built whole.
    site.add_newest(&articles[3], "bai-moi-nhat");
    assert!(site.rebuild_matches_fresh("added").search_patched);
    fs::remove_file(&articles[20]).unwrap();
    assert!(site.rebuild_matches_fresh("removed").search_patched);
    fs::remove_file(&articles[21]).unwrap();
    fs::remove_file(&articles[60]).unwrap();
    assert!(!site.rebuild_matches_fresh("two removed").search_patched);

    // A state that is cut, damaged, of another format or missing is not
    // used: the index is built whole, and still right.
    let state = fs::read(search_state(&site.out)).unwrap();
    let damages: [(&str, Vec<u8>); 3] = [
        ("cut", state[..state.len() - 7].to_vec()),
        ("a byte changed", {
            let mut s = state.clone();
            let i = s.len() - 100;
            s[i] ^= 1;
            s
        }),
        ("another format", {
            let text = String::from_utf8_lossy(&state[..30]).replace("state 1", "state 9");
            let mut s = text.into_bytes();
            s.extend_from_slice(&state[30..]);
            s
        }),
    ];
    for (i, (what, bytes)) in damages.into_iter().enumerate() {
        fs::write(search_state(&site.out), bytes).unwrap();
        replace_in(&articles[40 + i], "title = \"", "title = \"Lần nữa: ");
        assert!(!site.rebuild_matches_fresh(what).search_patched, "{what}");
    }
    fs::remove_file(search_state(&site.out)).unwrap();
    replace_in(&articles[44], "title = \"", "title = \"Mất trạng thái: ");
    assert!(!site.rebuild_matches_fresh("no state").search_patched);
    assert!(
        site.rebuild_matches_fresh("state written again")
            .search_patched
    );
}

#[test]
fn pages_and_registry_documents_patch_the_search_index_too() {
    let mut site = Site::sample();
    build(&site.content, &site.out).unwrap();
    // The English section keeps its own state.
    assert!(site
        .out
        .join(format!("{}-en", bantin_build::search::STATE))
        .is_file());
    replace_in(
        &site.content.join("pages/gioi-thieu.md"),
        "title = \"",
        "title = \"Trang: ",
    );
    assert!(site.rebuild_matches_fresh("page edited").search_patched);
    let document = site.content.join("documents/2025-05-nq-tu.md");
    let text = fs::read_to_string(&document).unwrap();
    fs::write(
        &document,
        format!("{text}\nĐoạn bổ sung về kho lạnh Khe Mây.\n"),
    )
    .unwrap();
    assert!(site.rebuild_matches_fresh("document edited").search_patched);
}

fn slug_of(article: &Path) -> String {
    let text = fs::read_to_string(article).unwrap();
    let line = text.lines().find(|l| l.starts_with("slug = ")).unwrap();
    line.trim_start_matches("slug = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn a_failed_rebuild_leaves_the_output_and_manifest_untouched() {
    let site = Site::new();
    build(&site.content, &site.out).unwrap();
    replace_in(&site.articles()[5], "title = \"", "title = \"Sửa: ");
    build(&site.content, &site.out).unwrap();
    let before = snapshot_all(&site.out);
    assert!(before.contains_key(MANIFEST));

    // One valid edit and one broken article: nothing is written.
    replace_in(&site.articles()[6], "title = \"", "title = \"Sửa nữa: ");
    fs::copy(
        fixtures().join("invalid/broken-date.md"),
        site.content.join("articles/broken-date.md"),
    )
    .unwrap();
    let Err(BuildError::Content(errors)) = build(&site.content, &site.out) else {
        panic!("the broken article should fail the build");
    };
    assert!(errors[0].to_string().contains("ngày không hợp lệ"));
    assert_eq!(snapshot_all(&site.out), before);
}

#[test]
fn files_changed_by_hand_are_rewritten_and_files_not_produced_are_kept() {
    let site = Site::new();
    build(&site.content, &site.out).unwrap();
    let fresh = snapshot(&site.out);

    // A generated file edited by hand (same size), one deleted, and the
    // operator's own files next to generated ones.
    let article = site.articles()[0].clone();
    let page = site
        .out
        .join("bai-viet")
        .join(slug_of(&article))
        .join("index.html");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("<title>", "<TITLE>", 1)).unwrap();
    fs::remove_file(site.out.join("rss.xml")).unwrap();
    fs::write(site.out.join("data/ghi-chu.txt"), "của người vận hành").unwrap();
    fs::write(site.out.join("bai-viet/ghi-chu.txt"), "cũng vậy").unwrap();

    let r = build(&site.content, &site.out).unwrap();
    assert!(r.incremental);
    assert_eq!((r.written, r.removed), (2, 0));
    let mut now = snapshot(&site.out);
    assert_eq!(
        now.remove("data/ghi-chu.txt").unwrap(),
        "của người vận hành".as_bytes()
    );
    assert_eq!(
        now.remove("bai-viet/ghi-chu.txt").unwrap(),
        "cũng vậy".as_bytes()
    );
    assert_eq!(now, fresh);

    // Deleting an article removes its files but never the operator's.
    fs::remove_file(&article).unwrap();
    let r = build(&site.content, &site.out).unwrap();
    assert!(r.removed >= 2);
    assert!(site.out.join("data/ghi-chu.txt").is_file());
    assert!(site.out.join("bai-viet/ghi-chu.txt").is_file());
    assert!(!page.exists());
}

#[test]
fn a_missing_or_damaged_manifest_makes_a_full_build() {
    let site = Site::new();
    build(&site.content, &site.out).unwrap();
    let fresh = snapshot(&site.out);
    for damage in [
        "",
        "bantin-manifest 99\n",
        "bantin-manifest 1\nkhông phải dòng hợp lệ\n",
    ] {
        fs::write(site.out.join(MANIFEST), damage).unwrap();
        let r = build(&site.content, &site.out).unwrap();
        assert!(!r.incremental, "{damage:?}");
        assert_eq!(r.written, r.files);
        assert_eq!(snapshot(&site.out), fresh);
    }
    fs::remove_file(site.out.join(MANIFEST)).unwrap();
    let r = build(&site.content, &site.out).unwrap();
    assert!(!r.incremental);
    assert_eq!(snapshot(&site.out), fresh);
    // The next build is incremental again.
    assert!(build(&site.content, &site.out).unwrap().incremental);
}

/// The `title` of the article in `file` as its cache entry records it.
fn cached_title_line(cache: &str, file: &Path) -> String {
    let name = format!("{}\"", file.display());
    cache
        .lines()
        .find(|l| l.contains(&name))
        .unwrap_or_else(|| panic!("no cache entry for {}", file.display()))
        .to_string()
}

/// The cache entry `line` with another content hash (an entry of other bytes).
fn with_other_hash(line: &str) -> String {
    let at = line.find("\"hash\":\"").expect("an entry has a hash") + 8;
    format!("{}{}{}", &line[..at], "0".repeat(32), &line[at + 32..])
}

#[test]
fn the_parse_cache_is_used_only_when_it_can_be_trusted() {
    let mut site = Site::new();
    build(&site.content, &site.out).unwrap();
    let fresh = snapshot(&site.out);
    let cache_file = site.out.join(CACHE);
    let good = fs::read_to_string(&cache_file).unwrap();
    assert_eq!(good.lines().count() - 1, site.articles().len());

    // A cache entry is taken as it is when its file is unchanged: proven here by
    // a doctored entry showing up in the output (an operator never does this).
    let file = site.articles()[5].clone();
    let slug = slug_of(&file);
    let text = fs::read_to_string(&file).unwrap();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap()
        .to_string();
    let line = cached_title_line(&good, &file);
    assert!(line.contains(&format!("\"title\":\"{title}\"")), "{line}");
    let doctored = good.replace(&line, &line.replace(&title, "Tiêu đề từ bộ nhớ đệm"));
    fs::write(&cache_file, &doctored).unwrap();
    build(&site.content, &site.out).unwrap();
    let page = fs::read_to_string(site.out.join(format!("bai-viet/{slug}/index.html"))).unwrap();
    assert!(
        page.contains("Tiêu đề từ bộ nhớ đệm"),
        "the cache was not used"
    );

    // The same doctored entry is ignored when it was made by another build tool,
    // for other settings or images, or when the cache is damaged anywhere, or
    // when its file was touched since (even with its old time put back).
    let key = doctored
        .lines()
        .next()
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .to_string();
    let foreign = doctored.replacen(&key, &"0".repeat(32), 1);
    let damaged = format!("{doctored}{{không phải JSON\n");
    let older = doctored.replacen("bantin-parse-cache 1", "bantin-parse-cache 0", 1);
    for (what, cache) in [
        ("foreign key", foreign.as_str()),
        ("damaged", damaged.as_str()),
        ("older format", older.as_str()),
        ("empty", ""),
    ] {
        fs::write(&cache_file, cache).unwrap();
        site.rebuild_matches_fresh(what);
        assert_eq!(snapshot(&site.out), fresh, "{what}");
    }
    // (A file that is read again but whose bytes hash to its entry's hash is
    // taken from the cache, as tested below: a stale entry has another hash.)
    let stale_line = with_other_hash(&cached_title_line(&doctored, &file));
    let stale = doctored.replace(&cached_title_line(&doctored, &file), &stale_line);
    fs::write(&cache_file, &stale).unwrap();
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    fs::write(&file, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    site.rebuild_matches_fresh("file rewritten, time put back");
    assert_eq!(snapshot(&site.out), fresh);

    // A file modified moments before the build that cached it is read again (a
    // second change within the same clock tick would not show in its stamp).
    fs::write(&file, &text).unwrap();
    build(&site.content, &site.out).unwrap();
    let recent = fs::read_to_string(&cache_file).unwrap();
    let line = cached_title_line(&recent, &file);
    let old_title = line.replace(&title, "Cũ");
    fs::write(
        &cache_file,
        recent.replace(&line, &with_other_hash(&old_title)),
    )
    .unwrap();
    site.rebuild_matches_fresh("modified just before the cached read");
    // Such an entry is still used, without parsing the file, when the file's
    // bytes are the ones it was made from (its hash): shown by a doctored title.
    fs::write(&file, &text).unwrap();
    build(&site.content, &site.out).unwrap();
    let recent = fs::read_to_string(&cache_file).unwrap();
    let line = cached_title_line(&recent, &file);
    fs::write(&cache_file, recent.replace(&line, &old_title)).unwrap();
    build(&site.content, &site.out).unwrap();
    let page = fs::read_to_string(site.out.join(format!("bai-viet/{slug}/index.html"))).unwrap();
    assert!(page.contains("Cũ"), "the checked entry was not used");
    fs::write(&cache_file, &recent).unwrap();
    site.rebuild_matches_fresh("the same bytes read again");
    age(&file);

    // An image that changes invalidates every entry (pages show image sizes).
    let anh = site.content.join("anh");
    let image = fs::read_dir(&anh).unwrap().next().unwrap().unwrap().path();
    let bytes = fs::read(&image).unwrap();
    fs::write(&image, &bytes).unwrap();
    let cache = fs::read_to_string(&cache_file).unwrap();
    let line = cached_title_line(&cache, &file);
    fs::write(
        &cache_file,
        cache.replace(&line, &line.replace(&title, "Cũ")),
    )
    .unwrap();
    site.rebuild_matches_fresh("image rewritten");
}

#[test]
fn cached_articles_whose_related_lists_change_are_rendered_in_full() {
    let mut site = Site::new();
    build(&site.content, &site.out).unwrap();
    // Every other article stays cached (bodies not kept); a new title moves
    // related lists of others, whose pages must then show their whole bodies.
    let files = site.articles();
    replace_in(&files[3], "title = \"", "title = \"Giá lúa gạo tăng mạnh ");
    let r = site.rebuild_matches_fresh("title edited, others cached");
    assert!(r.written > 1, "{r:?}");
    fs::remove_file(&files[9]).unwrap();
    site.rebuild_matches_fresh("article deleted, others cached");
}
