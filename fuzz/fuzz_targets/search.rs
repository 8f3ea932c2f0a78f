//! The search engine: the query parser, the index readers and the ranking.
//!
//! Input, as text: the first line is the query; each following line, up to a
//! line `@@`, is an article (`title<TAB>text`), indexed with the real index
//! writer. After `@@`, index files are damaged before the engine reads them:
//! a line `@@ <name>` replaces (or adds) the file `<name>` with the lines
//! that follow, up to the next `@@` line; a line `@@@ <n> <at> <len> <text>`
//! replaces `len` bytes at byte `at` of the `n`-th file (by name) with `text`
//! (`\n` in it is a newline). The first byte of the query line picks typing
//! mode (a prefix search) when odd.
//!
//! Asserted: no panic; on an undamaged index, the engine's requests end, and
//! the answer is valid JSON whose hits are given articles, each once; on a
//! damaged one, every answer is still valid JSON and names only documents
//! found in the `d/` files it was given.
#![no_main]

use std::collections::{BTreeMap, HashSet};

use bantin_contract::text::cut_at_word;
use bantin_fuzz::text;
use bantin_search::engine::Engine;
use bantin_search::format::{read_list, split_header, META};
use bantin_search::index::{analyze, Analyzed, Builder, DocInfo};
use bantin_search::marks::{mark, snippet, Matcher};
use bantin_search::text::Query;
use libfuzzer_sys::fuzz_target;

const MAX_DOCS: usize = 64;

fn build(docs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut b = Builder::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        let info = DocInfo {
            slug: format!("bai-{i}"),
            date: format!("2024-01-{:02}T08:00:00+07:00", i % 28 + 1),
            category: "thoi-su".into(),
            category_name: "Thời sự".into(),
            title: title.to_string(),
            lead: cut_at_word(body, 160).to_string(),
        };
        let a = analyze(title, body);
        // The build cache's line form reads back the same.
        let mut line = String::new();
        a.encode(&mut line);
        assert_eq!(Analyzed::decode(&line).as_ref(), Some(&a), "{line}");
        b.add(info, a);
    }
    let mut files = BTreeMap::new();
    b.finish(|path, text| {
        assert!(files.insert(path.to_string(), text.to_string()).is_none());
        Ok::<(), ()>(())
    })
    .unwrap();
    files
}

/// Applies the damage lines to `files`; returns whether anything changed.
fn damage(files: &mut BTreeMap<String, String>, lines: &[&str]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(edit) = line.strip_prefix("@@@ ") {
            let mut p = edit.splitn(4, ' ');
            let num = |s: Option<&str>| s.and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
            let (n, at, len) = (num(p.next()), num(p.next()), num(p.next()));
            let with = p.next().unwrap_or("").replace("\\n", "\n");
            let Some(name) = files.keys().nth(n % files.len().max(1)).cloned() else {
                continue;
            };
            let f = files.get_mut(&name).expect("listed");
            let mut a = at.min(f.len());
            while !f.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (a + len).min(f.len());
            while !f.is_char_boundary(b) {
                b += 1;
            }
            f.replace_range(a..b, &with);
            changed = true;
        } else if let Some(name) = line.strip_prefix("@@ ") {
            let mut body = String::new();
            while i < lines.len() && !lines[i].starts_with("@@") {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            files.insert(name.to_string(), body);
            changed = true;
        }
    }
    changed
}

/// The slugs of the documents in the `d/` files of `files`.
fn given_slugs(files: &BTreeMap<String, String>) -> HashSet<String> {
    let mut slugs = HashSet::new();
    for (name, text) in files {
        if name.starts_with("tim/d/") {
            let rest = split_header(text).map(|(_, r)| r).unwrap_or(text);
            for line in rest.lines() {
                slugs.insert(line.split('\t').next().unwrap_or("").to_string());
            }
        }
    }
    slugs
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = text(data) else { return };
    let lines: Vec<&str> = input.split('\n').collect();
    let query = lines[0];
    let prefix = query.as_bytes().first().is_some_and(|b| b & 1 == 1);
    let split = lines
        .iter()
        .position(|l| l.starts_with("@@"))
        .unwrap_or(lines.len());
    let docs: Vec<(&str, &str)> = lines[1..split.max(1)]
        .iter()
        .take(MAX_DOCS)
        .map(|l| l.split_once('\t').unwrap_or((l, "")))
        .collect();

    // The query parser and the highlighting, on their own.
    let q = Query::parse(query, prefix);
    let m = Matcher::new(&q);
    for (title, body) in &docs {
        let _ = mark(&m, title);
        let _ = snippet(&m, body, 200);
    }

    let mut files = build(&docs);
    let damaged = damage(&mut files, &lines[split.min(lines.len())..]);
    for text in files.values() {
        // The list reader on every line that may hold a list, whatever the damage.
        for l in text.lines() {
            if let Some(list) = l.strip_prefix("b ").or_else(|| l.strip_prefix("t ")) {
                if let Some(ids) = read_list(list, docs.len() as u32) {
                    assert!(ids.iter().all(|&id| (id as usize) < docs.len().max(1)));
                }
            }
        }
    }
    let Some(meta) = files.get(META) else { return };
    let Ok(mut engine) = Engine::new(meta) else {
        assert!(damaged, "the writer's meta.txt was refused");
        return;
    };
    let given = given_slugs(&files);
    for (page, per_page) in [(1, 20), (2, 5)] {
        let mut answer = None;
        for _ in 0..8 {
            let need = engine.need(query, prefix, page, per_page);
            if need.is_empty() {
                answer = engine.results(query, prefix, page, per_page);
                break;
            }
            let mut added = false;
            for f in need {
                match files.get(&f) {
                    Some(text) => match engine.add(&f, text) {
                        Ok(()) => added = true,
                        Err(e) => assert!(damaged, "{f}: {e}"),
                    },
                    None => assert!(damaged, "{f} is not in the index"),
                }
            }
            if !added {
                break;
            }
        }
        let Some(json) = answer else {
            assert!(damaged, "the engine kept asking for files");
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&json).expect("results are JSON");
        let hits = v["hits"].as_array().expect("hits");
        let total = v["total"].as_u64().expect("total");
        let mut seen = HashSet::new();
        for h in hits {
            let slug = h["slug"].as_str().expect("slug").to_string();
            assert!(given.contains(&slug), "{slug} was not given");
            if !damaged {
                assert!(seen.insert(slug.clone()), "{slug} twice");
                assert!(
                    total as usize <= docs.len(),
                    "{total} hits of {} articles",
                    docs.len()
                );
            }
        }
    }
});
