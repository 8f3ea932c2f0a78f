//! Related articles: for each article, up to N others that share its category,
//! tags and words, best first.
//!
//! The score of a candidate `b` for article `a`:
//!
//! ```text
//! score = 3 × [same category] + 2 × |shared tags| + 4 × Jaccard(words(a), words(b))
//! ```
//!
//! where `words` is the set of folded words (see [`words`]) of the title and lead,
//! without words of one character, numbers and a small list of Vietnamese stopwords.
//! Ties go to the newer article, then to the smaller index (the caller passes
//! articles newest first, ties by slug, so index order is that order).
//!
//! To scale to tens of thousands of articles the work per article is bounded:
//! candidates come from inverted indexes (words, tags, category) instead of a
//! comparison with every other article:
//! - a word found in more than [`WORD_DF_CAP`] articles is too common to tell
//!   anything and is ignored like a stopword (in the score too, so the score is exact);
//! - for each tag, only the [`TAG_WINDOW`] articles nearest in time on each side are
//!   candidates (exact when no tag has more than twice that many articles);
//! - of the articles that share only the category (score exactly 3) only the newest
//!   can win, so only `limit + 1` of them are looked at.

use std::collections::HashMap;

use bantin_search::state::{put_str, put_u32, Reader};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use bantin_contract::text::fold;

use rayon::prelude::*;

/// A word in more articles than this is ignored (treated as a stopword).
pub const WORD_DF_CAP: usize = 500;
/// For each tag, how many articles on each side (in time) are candidates.
pub const TAG_WINDOW: usize = 100;

/// Common Vietnamese words, folded, that say nothing about a topic.
const STOPWORDS: &[&str] = &[
    "ay", "ba", "bi", "boi", "cac", "chi", "cho", "co", "con", "cua", "cung", "da", "dang", "de",
    "den", "do", "duoc", "hai", "hay", "hoac", "hon", "khi", "khong", "la", "lai", "ma", "moi",
    "mot", "nam", "nay", "neu", "ngay", "nguoi", "nhat", "nhieu", "nhu", "nhung", "qua", "ra",
    "rat", "sau", "se", "tai", "thang", "theo", "thi", "tren", "trong", "truoc", "tu", "tung",
    "va", "vao", "ve", "vi", "viec", "voi",
];

/// What the score looks at for one article.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The category's slug.
    pub category: &'a str,
    /// The tags' slugs.
    pub tags: &'a [String],
    /// Title and lead, for word similarity.
    pub text: &'a str,
}

/// The folded words of `text` that count for similarity, sorted and without duplicates.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| STOPWORDS.binary_search(w).is_err())
        .map(str::to_string)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// An article reduced to numbers: category id, sorted tag ids, sorted word ids.
struct Doc {
    category: u32,
    tags: Vec<u32>,
    words: Vec<u32>,
}

fn intern<'a>(ids: &mut HashMap<&'a str, u32, Xxh3DefaultBuilder>, s: &'a str) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(s).or_insert(next)
}

/// Size of the intersection of two sorted, duplicate-free lists.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// What scoring needs of every candidate, in flat arrays.
struct Compact {
    category: Vec<u32>,
    words: Vec<u32>,
    tag_start: Vec<u32>,
    tag_ids: Vec<u32>,
}

impl Compact {
    fn new(docs: &[Doc]) -> Self {
        let mut c = Compact {
            category: docs.iter().map(|d| d.category).collect(),
            words: docs.iter().map(|d| d.words.len() as u32).collect(),
            tag_start: Vec::with_capacity(docs.len() + 1),
            tag_ids: Vec::new(),
        };
        c.tag_start.push(0);
        for d in docs {
            c.tag_ids.extend_from_slice(&d.tags);
            c.tag_start.push(c.tag_ids.len() as u32);
        }
        c
    }

    fn tags(&self, i: usize) -> &[u32] {
        &self.tag_ids[self.tag_start[i] as usize..self.tag_start[i + 1] as usize]
    }
}

/// Per-thread scratch space: word hit counts per article, and which were touched.
struct Scratch {
    hits: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Makes `b` a candidate for `a` (hits are stored +1 so 0 means "not a candidate").
    fn touch(&mut self, a: u32, b: u32) {
        if b != a && self.hits[b as usize] == 0 {
            self.hits[b as usize] = 1;
            self.touched.push(b);
        }
    }
}

/// The interned articles and the inverted indexes scoring reads.
struct Prepared<'a> {
    docs: Vec<Doc>,
    by_cat: Vec<Vec<u32>>,
    by_tag: Vec<Vec<u32>>,
    by_word: Vec<Vec<u32>>,
    compact: Compact,
    cat_ids: HashMap<&'a str, u32, Xxh3DefaultBuilder>,
    tag_ids: HashMap<&'a str, u32, Xxh3DefaultBuilder>,
    /// The words ignored as too common, sorted.
    common: Vec<&'a str>,
}

/// Every article's words as numbers: `table` (the words) and, per article,
/// the numbers of its words, sorted.
struct WordIds<'a> {
    table: Vec<&'a str>,
    docs: Vec<Vec<u32>>,
}

/// The words of `items` as numbers: an article whose input fingerprint in
/// `hashes` is the one `saved` has at its index keeps its saved numbers (in
/// `saved`'s table), the others' words are found in `fresh` (from [`words`])
/// and numbered, new ones after the table's.
fn word_ids<'a>(
    hashes: &[u128],
    saved: Option<&Saved<'a>>,
    fresh: &'a [(usize, Vec<String>)],
) -> WordIds<'a> {
    let mut table: Vec<&'a str> = saved.map(|s| s.words.clone()).unwrap_or_default();
    let mut docs: Vec<Vec<u32>> = match saved {
        Some(s) => hashes
            .iter()
            .enumerate()
            .map(|(i, h)| match s.inputs.get(i) {
                Some(old) if old == h => s.doc_words[i].clone(),
                _ => Vec::new(),
            })
            .collect(),
        None => vec![Vec::new(); hashes.len()],
    };
    let mut ids: HashMap<&'a str, u32, Xxh3DefaultBuilder> =
        HashMap::with_capacity_and_hasher(table.len(), Xxh3DefaultBuilder::new());
    for (i, w) in table.iter().enumerate() {
        ids.insert(w, i as u32);
    }
    for (i, ws) in fresh {
        let mut list: Vec<u32> = ws
            .iter()
            .map(|w| {
                let next = table.len() as u32;
                *ids.entry(w.as_str()).or_insert_with(|| {
                    table.push(w.as_str());
                    next
                })
            })
            .collect();
        list.sort_unstable();
        docs[*i] = list;
    }
    WordIds { table, docs }
}

/// Interns `items` (their words numbered in `words`) and builds the inverted
/// indexes (postings in index order).
fn prepare<'a>(items: &'a [Input<'a>], words: &WordIds<'a>) -> Prepared<'a> {
    let n = items.len();
    let mut cat_ids = HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let mut tag_ids = HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let mut docs: Vec<Doc> = Vec::with_capacity(n);
    for (it, ws) in items.iter().zip(&words.docs) {
        let category = intern(&mut cat_ids, it.category);
        let mut tags: Vec<u32> = it.tags.iter().map(|t| intern(&mut tag_ids, t)).collect();
        tags.sort_unstable();
        tags.dedup();
        docs.push(Doc {
            category,
            tags,
            words: ws.clone(),
        });
    }
    let mut by_cat: Vec<Vec<u32>> = vec![Vec::new(); cat_ids.len()];
    let mut by_tag: Vec<Vec<u32>> = vec![Vec::new(); tag_ids.len()];
    let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); words.table.len()];
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        by_cat[d.category as usize].push(i);
        for &t in &d.tags {
            by_tag[t as usize].push(i);
        }
        for &w in &d.words {
            by_word[w as usize].push(i);
        }
    }
    // Too common words are dropped from every document, so scores stay exact.
    let common: Vec<bool> = by_word.iter().map(|p| p.len() > WORD_DF_CAP).collect();
    let mut common_words: Vec<&str> = (0..words.table.len())
        .filter(|&w| common[w])
        .map(|w| words.table[w])
        .collect();
    common_words.sort_unstable();
    if !common_words.is_empty() {
        for d in &mut docs {
            d.words.retain(|&w| !common[w as usize]);
        }
    }
    let compact = Compact::new(&docs);
    Prepared {
        docs,
        by_cat,
        by_tag,
        by_word,
        compact,
        cat_ids,
        tag_ids,
        common: common_words,
    }
}

/// The score of `b` for `a`, as [`best_of`] computes it (same operations, so
/// the same bits).
fn score(p: &Prepared<'_>, a: u32, b: u32) -> f64 {
    let (da, bu) = (&p.docs[a as usize], b as usize);
    let shared_words = shared(&da.words, &p.docs[bu].words);
    let union = da.words.len() + p.compact.words[bu] as usize - shared_words;
    let jaccard = if union == 0 {
        0.0
    } else {
        shared_words as f64 / union as f64
    };
    let cat = 3.0 * f64::from(u8::from(p.compact.category[bu] == da.category));
    let tags = shared(&da.tags, p.compact.tags(bu)) as f64;
    cat + 2.0 * tags + 4.0 * jaccard
}

/// Puts `b` with score `sc` into `best` (best first, ties to the smaller
/// index), keeping at most `limit`.
fn place(best: &mut Vec<(f64, u32)>, sc: f64, b: u32, limit: usize) {
    let pos = best
        .iter()
        .position(|&(bs, bi)| sc > bs || (sc == bs && b < bi))
        .unwrap_or(best.len());
    if pos < limit {
        best.insert(pos, (sc, b));
        best.truncate(limit);
    }
}

/// The related list of `a`, best first.
fn best_of(p: &Prepared<'_>, a: u32, limit: usize, s: &mut Scratch) -> Vec<u32> {
    let doc = &p.docs[a as usize];
    // Hits are stored +1 (0 means "not a candidate"): the first shared word
    // makes `b` a candidate with one hit.
    for &w in &doc.words {
        for &b in &p.by_word[w as usize] {
            let h = &mut s.hits[b as usize];
            if *h == 0 {
                s.touched.push(b);
                *h = 1;
            }
            *h += 1;
        }
    }
    // `a` itself was counted (it has its own words): it is no candidate.
    if s.hits[a as usize] != 0 {
        s.hits[a as usize] = 0;
        s.touched.retain(|&b| b != a);
    }
    for &t in &doc.tags {
        let posting = &p.by_tag[t as usize];
        for &b in near(posting, a, TAG_WINDOW) {
            s.touch(a, b);
        }
    }
    for &b in p.by_cat[doc.category as usize].iter().take(limit + 1) {
        s.touch(a, b);
    }
    // Score every candidate, keep the best `limit`. Candidates are read from
    // compact arrays (cache friendly); the tag overlap, the costliest part, is
    // only computed when the candidate could still enter the list.
    let compact = &p.compact;
    let a_tags = &doc.tags;
    let a_words = doc.words.len();
    let max_tag_bonus = 2.0 * a_tags.len() as f64;
    let mut best: Vec<(f64, u32)> = Vec::with_capacity(limit + 1);
    for &b in &s.touched {
        let bu = b as usize;
        let shared_words = (s.hits[bu] - 1) as usize;
        let union = a_words + compact.words[bu] as usize - shared_words;
        let jaccard = if union == 0 {
            0.0
        } else {
            shared_words as f64 / union as f64
        };
        let cat = 3.0 * f64::from(u8::from(compact.category[bu] == doc.category));
        if best.len() == limit {
            let worst = best[limit - 1].0;
            if cat + max_tag_bonus + 4.0 * jaccard < worst - 1e-9 {
                continue;
            }
        }
        let tags = shared(a_tags, compact.tags(bu)) as f64;
        let sc = cat + 2.0 * tags + 4.0 * jaccard;
        place(&mut best, sc, b, limit);
    }
    for &b in &s.touched {
        s.hits[b as usize] = 0;
    }
    s.touched.clear();
    best.into_iter().map(|(_, b)| b).collect()
}

/// [`best_of`] for each of `which`, on all cores.
fn best_of_all(p: &Prepared<'_>, which: &[u32], limit: usize) -> Vec<Vec<u32>> {
    let n = p.docs.len();
    // Each rayon job gets its own scratch (the hit counts of `n` articles):
    // jobs of at least 64 articles keep those allocations few.
    which
        .par_iter()
        .with_min_len(64)
        .map_init(
            || Scratch {
                hits: vec![0; n],
                touched: Vec::new(),
            },
            |s, &a| best_of(p, a, limit, s),
        )
        .collect()
}

/// For each article (given newest first), the indexes of up to `limit` related
/// articles, best first. Deterministic; never includes the article itself.
pub fn related(items: &[Input<'_>], limit: usize) -> Vec<Vec<u32>> {
    let n = items.len();
    if limit == 0 || n < 2 {
        return vec![Vec::new(); n];
    }
    let fresh: Vec<(usize, Vec<String>)> = items
        .par_iter()
        .enumerate()
        .map(|(i, it)| (i, words(it.text)))
        .collect();
    let ids = word_ids(&vec![0; n], None, &fresh);
    let p = prepare(items, &ids);
    let all: Vec<u32> = (0..n as u32).collect();
    best_of_all(&p, &all, limit)
}

/// The state file of the related lists in the output folder (main site only).
pub const STATE: &str = ".bantin-related-state";

/// The state's first word and format version.
const STATE_HEADER: &str = "bantin-related-state 1";

/// With more changed articles than this, the lists are computed whole.
const PATCH_MAX: usize = 64;

/// A fingerprint of what the score reads of one article.
fn input_hash(it: &Input<'_>) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(it.category.as_bytes());
    h.update(&[0]);
    for t in it.tags {
        h.update(t.as_bytes());
        h.update(&[1]);
    }
    h.update(&[0]);
    h.update(it.text.as_bytes());
    h.digest128()
}

/// What a previous computation left: its articles' inputs, words and lists.
struct Saved<'a> {
    limit: usize,
    inputs: Vec<u128>,
    /// Each article's category and tags (as given).
    category: Vec<&'a str>,
    tags: Vec<Vec<&'a str>>,
    /// The words ignored as too common, sorted.
    common: Vec<&'a str>,
    /// Every word of an article, and each article's words as numbers into it, sorted.
    words: Vec<&'a str>,
    doc_words: Vec<Vec<u32>>,
    lists: Vec<Vec<u32>>,
}

/// The articles of a `posting` (sorted) within `half` places of where `a` is
/// or would be: a tag's window around `a` with [`TAG_WINDOW`].
fn near(posting: &[u32], a: u32, half: usize) -> &[u32] {
    let at = posting.binary_search(&a).unwrap_or_else(|e| e);
    &posting[at.saturating_sub(half)..(at + half + 1).min(posting.len())]
}

/// The state of `lists` computed for `items` (input fingerprints `hashes`,
/// common words `common`), for the
/// next build: a header line (format, this executable's fingerprint, a hash of
/// the rest), then the strings, each article's input fingerprint, category,
/// tags and list.
fn save(
    items: &[Input<'_>],
    hashes: &[u128],
    limit: usize,
    p: &Prepared<'_>,
    words: &WordIds<'_>,
    lists: &[Vec<u32>],
) -> Vec<u8> {
    let common = &p.common;
    // A state this executable could not be told by would never be read.
    if crate::output::tool_fingerprint() == 0 {
        return Vec::new();
    }
    let mut names: HashMap<&str, u32, Xxh3DefaultBuilder> =
        HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let mut order: Vec<&str> = Vec::new();
    let mut body = Vec::with_capacity(items.len() * 64);
    put_u32(&mut body, limit as u32);
    put_u32(&mut body, items.len() as u32);
    put_u32(&mut body, common.len() as u32);
    for w in common {
        put_str(&mut body, w);
    }
    // The words still in an article, numbered again in the same order.
    let mut number = vec![u32::MAX; words.table.len()];
    let mut live = 0;
    put_u32(
        &mut body,
        p.by_word.iter().filter(|list| !list.is_empty()).count() as u32,
    );
    for (w, list) in p.by_word.iter().enumerate() {
        if !list.is_empty() {
            number[w] = live;
            live += 1;
            put_str(&mut body, words.table[w]);
        }
    }
    let mut docs = Vec::with_capacity(items.len() * 96);
    for (((it, list), hash), ws) in items.iter().zip(lists).zip(hashes).zip(&words.docs) {
        docs.extend_from_slice(&hash.to_le_bytes());
        for s in std::iter::once(it.category).chain(it.tags.iter().map(String::as_str)) {
            let next = order.len() as u32;
            names.entry(s).or_insert_with(|| {
                order.push(s);
                next
            });
        }
        put_u32(&mut docs, names[it.category]);
        put_u32(&mut docs, it.tags.len() as u32);
        for t in it.tags {
            put_u32(&mut docs, names[t.as_str()]);
        }
        put_u32(&mut docs, list.len() as u32);
        for &b in list {
            put_u32(&mut docs, b);
        }
        put_u32(&mut docs, ws.len() as u32);
        for &w in ws {
            put_u32(&mut docs, number[w as usize]);
        }
    }
    put_u32(&mut body, order.len() as u32);
    for s in &order {
        put_str(&mut body, s);
    }
    body.extend_from_slice(&docs);
    crate::output::seal_state(STATE_HEADER, "", &[&body])
}

/// The state [`save`] wrote; `None` when it is of another format or
/// executable, damaged, or not well formed.
fn load(bytes: &[u8]) -> Option<Saved<'_>> {
    let (None, body) = crate::output::open_state(STATE_HEADER, bytes)? else {
        return None;
    };
    let mut r = Reader::new(body);
    let limit = r.u32()? as usize;
    let n = r.u32()? as usize;
    let common_len = r.u32()? as usize;
    let mut common = Vec::with_capacity(common_len.min(body.len()));
    for _ in 0..common_len {
        common.push(r.str()?);
    }
    let words_len = r.u32()? as usize;
    let mut words = Vec::with_capacity(words_len.min(body.len()));
    for _ in 0..words_len {
        words.push(r.str()?);
    }
    let names_len = r.u32()? as usize;
    let mut names = Vec::with_capacity(names_len.min(body.len()));
    for _ in 0..names_len {
        names.push(r.str()?);
    }
    let cap = n.min(body.len() / 16);
    let mut saved = Saved {
        limit,
        inputs: Vec::with_capacity(cap),
        category: Vec::with_capacity(cap),
        tags: Vec::with_capacity(cap),
        common,
        words,
        doc_words: Vec::with_capacity(cap),
        lists: Vec::with_capacity(cap),
    };
    let name = |i: u32| names.get(i as usize).copied();
    for _ in 0..n {
        saved
            .inputs
            .push(u128::from_le_bytes(r.take(16)?.try_into().ok()?));
        saved.category.push(name(r.u32()?)?);
        let tags = r.u32()? as usize;
        let mut list = Vec::with_capacity(tags.min(64));
        for _ in 0..tags {
            list.push(name(r.u32()?)?);
        }
        saved.tags.push(list);
        let len = r.u32()? as usize;
        if len > limit {
            return None;
        }
        let mut list = Vec::with_capacity(len);
        for _ in 0..len {
            let b = r.u32()?;
            if b as usize >= n {
                return None;
            }
            list.push(b);
        }
        saved.lists.push(list);
        let len = r.u32()? as usize;
        let mut list = Vec::with_capacity(len.min(r.remaining() / 4));
        for _ in 0..len {
            let w = r.u32()?;
            if w as usize >= saved.words.len() || list.last().is_some_and(|&l| l >= w) {
                return None;
            }
            list.push(w);
        }
        saved.doc_words.push(list);
    }
    r.is_empty().then_some(saved)
}

/// How [`related_with_state`] computed its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Computed {
    /// Every article's list.
    Whole,
    /// Only the lists the changed articles can change (this many computed again).
    Patched(usize),
}

/// [`related`], using the state a previous call left (`previous`, the bytes
/// of [`STATE`]) when it applies: the same number of articles and limit, at
/// most [`PATCH_MAX`] changed (by index) and the same too common words. Then
/// only the lists a changed article can change are computed again (see
/// [`patch`]); the result is always what [`related`] gives. Also returns the
/// state for the next call (empty when this executable cannot be fingerprinted).
pub fn related_with_state(
    items: &[Input<'_>],
    limit: usize,
    previous: Option<&[u8]>,
) -> (Vec<Vec<u32>>, Vec<u8>, Computed) {
    let n = items.len();
    if limit == 0 || n < 2 {
        return (vec![Vec::new(); n], Vec::new(), Computed::Whole);
    }
    let hashes: Vec<u128> = items.par_iter().map(input_hash).collect();
    let saved = previous.and_then(load);
    // Only the articles whose inputs changed are split into words again.
    let fresh: Vec<(usize, Vec<String>)> = items
        .par_iter()
        .enumerate()
        .filter(|(i, _)| {
            saved
                .as_ref()
                .is_none_or(|s| s.inputs.get(*i) != Some(&hashes[*i]))
        })
        .map(|(i, it)| (i, words(it.text)))
        .collect();
    let ids = word_ids(&hashes, saved.as_ref(), &fresh);
    let p = prepare(items, &ids);
    let (lists, how) = match saved.and_then(|s| patch(items, &hashes, &p, limit, s)) {
        Some((lists, again)) => (lists, Computed::Patched(again)),
        None => {
            let all: Vec<u32> = (0..n as u32).collect();
            (best_of_all(&p, &all, limit), Computed::Whole)
        }
    };
    let state = save(items, &hashes, limit, &p, &ids, &lists);
    (lists, state, how)
}

/// The lists for `items` from the previous ones in `saved`, or `None` when
/// they cannot be had that way. For an article `a` that did not change, only
/// the changed articles can have another score or be or stop being a
/// candidate; every other candidate keeps its score. So `a`'s list is
/// computed again when a changed article was in its old list, when the tag
/// windows or category heads `a`'s candidates come from moved (a changed
/// article joined or left them); otherwise each changed article that is now
/// a candidate of `a` is placed into `a`'s old list by its score. Returns the
/// lists and how many were computed again.
fn patch(
    items: &[Input<'_>],
    hashes: &[u128],
    p: &Prepared<'_>,
    limit: usize,
    saved: Saved<'_>,
) -> Option<(Vec<Vec<u32>>, usize)> {
    let n = items.len();
    if saved.limit != limit || saved.inputs.len() != n {
        return None;
    }
    let changed: Vec<u32> = (0..n as u32)
        .filter(|&i| hashes[i as usize] != saved.inputs[i as usize])
        .collect();
    if changed.len() > PATCH_MAX
        || saved.common.len() != p.common.len()
        || saved.common.iter().zip(&p.common).any(|(a, b)| a != b)
    {
        return None;
    }
    let mut lists = saved.lists;
    if changed.is_empty() {
        return Some((lists, 0));
    }
    let mut is_changed = vec![false; n];
    for &x in &changed {
        is_changed[x as usize] = true;
    }
    // Lists computed again.
    let mut again = is_changed.clone();
    for (a, list) in lists.iter().enumerate() {
        if list.iter().any(|&b| is_changed[b as usize]) {
            again[a] = true;
        }
    }
    // Several changed articles move each other in the postings: a margin.
    let margin = TAG_WINDOW + changed.len() + 1;
    let mark_near = |again: &mut Vec<bool>, posting: &[u32], x: u32| {
        for &a in near(posting, x, margin) {
            again[a as usize] = true;
        }
    };
    for &x in &changed {
        let xu = x as usize;
        let new_tags: Vec<&str> = items[xu].tags.iter().map(String::as_str).collect();
        let old_tags: Vec<&str> = saved.tags[xu].clone();
        // A tag the article joined or left: the windows around it moved.
        for t in new_tags
            .iter()
            .filter(|t| !old_tags.contains(t))
            .chain(old_tags.iter().filter(|t| !new_tags.contains(t)))
        {
            if let Some(&id) = p.tag_ids.get(t) {
                mark_near(&mut again, &p.by_tag[id as usize], x);
            }
        }
        // A category the article joined or left: when near its head, the
        // head (a candidate of every article of the category) moved.
        let old_cat = saved.category[xu];
        if old_cat != items[xu].category {
            for c in [old_cat, items[xu].category] {
                if let Some(&id) = p.cat_ids.get(c) {
                    let posting = &p.by_cat[id as usize];
                    let at = posting.binary_search(&x).unwrap_or_else(|e| e);
                    if at <= limit + changed.len() {
                        for &a in posting {
                            again[a as usize] = true;
                        }
                    }
                }
            }
        }
    }
    let which: Vec<u32> = (0..n as u32).filter(|&a| again[a as usize]).collect();
    for (&a, list) in which.iter().zip(best_of_all(p, &which, limit)) {
        lists[a as usize] = list;
    }
    // Every other article of which a changed one is a candidate now: that
    // one placed into its list (it was not in it, and no other candidate changed).
    let mut gains: Vec<(u32, u32)> = Vec::new();
    for &x in &changed {
        let doc = &p.docs[x as usize];
        let mut add = |a: u32| {
            if a != x && !again[a as usize] {
                gains.push((a, x));
            }
        };
        for &w in &doc.words {
            for &a in &p.by_word[w as usize] {
                add(a);
            }
        }
        for &t in &doc.tags {
            let posting = &p.by_tag[t as usize];
            for &a in near(posting, x, TAG_WINDOW) {
                add(a);
            }
        }
        let posting = &p.by_cat[doc.category as usize];
        if posting.iter().take(limit + 1).any(|&b| b == x) {
            for &a in posting {
                add(a);
            }
        }
    }
    gains.sort_unstable();
    gains.dedup();
    let mut i = 0;
    while i < gains.len() {
        let a = gains[i].0;
        let mut best: Vec<(f64, u32)> = lists[a as usize]
            .iter()
            .map(|&b| (score(p, a, b), b))
            .collect();
        while i < gains.len() && gains[i].0 == a {
            let x = gains[i].1;
            place(&mut best, score(p, a, x), x, limit);
            i += 1;
        }
        lists[a as usize] = best.into_iter().map(|(_, b)| b).collect();
    }
    Some((lists, which.len()))
}

/// The score of `b` as related to `a`, computed directly (for tests and checks).
pub fn pair_score(a: &Input<'_>, b: &Input<'_>) -> f64 {
    let wa = words(a.text);
    let wb = words(b.text);
    let inter = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    let union = wa.len() + wb.len() - inter;
    let jaccard = if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    };
    let tags = a.tags.iter().filter(|t| b.tags.contains(t)).count();
    3.0 * f64::from(u8::from(a.category == b.category)) + 2.0 * tags as f64 + 4.0 * jaccard
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inp<'a>(category: &'a str, tags: &'a [String], text: &'a str) -> Input<'a> {
        Input {
            category,
            tags,
            text,
        }
    }

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn words_are_folded_and_filtered() {
        assert_eq!(
            words("Hòa Lâm khởi công cầu Đông Hà năm 2024, và 5 cầu khác!"),
            vec!["cau", "cong", "dong", "ha", "hoa", "khac", "khoi", "lam"]
        );
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "stopwords must be sorted"
        );
    }

    #[test]
    fn category_tags_and_words_rank() {
        let t_a = tags(&["giao-thong", "dau-tu"]);
        let t_none = tags(&[]);
        let t_one = tags(&["giao-thong"]);
        let items = vec![
            inp("kinh-te", &t_a, "Khởi công cầu Đông Hà"), // 0: the article
            inp("kinh-te", &t_none, "Giá lúa tăng"),       // 1: same category only: 3
            inp("y-te", &t_a, "Tiêm chủng mở rộng"),       // 2: two tags: 4
            inp("y-te", &t_none, "Khởi công cầu Đông Hà, Tân An"), // 3: words only: 4*5/7≈2.86
            inp("kinh-te", &t_one, "Khởi công cầu Đông Hà"), // 4: 3 + 2 + 4 = 9
            inp("the-thao", &t_none, "Bóng đá"),           // 5: nothing: 0
        ];
        let r = related(&items, 6);
        // 5 shares nothing, so it is not related at all.
        assert_eq!(r[0], vec![4, 2, 1, 3]);
        for (i, list) in r.iter().enumerate() {
            assert!(!list.contains(&(i as u32)), "never itself");
        }
        // The indexed scores are the direct ones.
        assert!((pair_score(&items[0], &items[4]) - 9.0).abs() < 1e-9);
        assert!((pair_score(&items[0], &items[3]) - 4.0 * 5.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn ties_go_to_the_newer_article_and_limit_holds() {
        let none = tags(&[]);
        // All share only the category: equal scores, so index (newest first) decides.
        let items: Vec<Input> = (0..10).map(|_| inp("a", &none, "")).collect();
        let r = related(&items, 3);
        assert_eq!(r[0], vec![1, 2, 3]);
        assert_eq!(r[1], vec![0, 2, 3]);
        assert_eq!(r[9], vec![0, 1, 2]);
    }

    #[test]
    fn articles_sharing_nothing_still_fill_the_list_only_with_scored_candidates() {
        let none = tags(&[]);
        let items = vec![inp("a", &none, "xin chao"), inp("b", &none, "tam biet")];
        // Nothing in common: not a candidate at all.
        assert_eq!(related(&items, 6), vec![Vec::<u32>::new(), vec![]]);
        assert!(related(&items[..1], 6)[0].is_empty());
    }

    #[test]
    fn matches_brute_force_on_a_small_site() {
        let names = [
            "cau", "duong", "lua", "ca", "truong", "benh", "vien", "dien",
        ];
        let cats = ["x", "y", "z"];
        let tag_sets: Vec<Vec<String>> = (0..60)
            .map(|i| tags(&[names[i % 8], names[(i * 3 + 1) % 8]]))
            .collect();
        let texts: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "{} {} {}",
                    names[i % 5],
                    names[(i * 7) % 8],
                    names[(i / 3) % 8]
                )
            })
            .collect();
        let items: Vec<Input> = (0..60)
            .map(|i| inp(cats[i % 3], &tag_sets[i], &texts[i]))
            .collect();
        let got = related(&items, 6);
        for a in 0..items.len() {
            let mut all: Vec<(f64, usize)> = (0..items.len())
                .filter(|&b| b != a)
                .map(|b| (pair_score(&items[a], &items[b]), b))
                .filter(|&(s, b)| s > 0.0 || items[b].category == items[a].category)
                .collect();
            all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let want: Vec<u32> = all.iter().take(6).map(|&(_, b)| b as u32).collect();
            assert_eq!(got[a], want, "article {a}");
        }
    }

    /// An article's inputs, owned.
    #[derive(Clone)]
    struct Owned {
        category: String,
        tags: Vec<String>,
        text: String,
    }

    fn inputs(items: &[Owned]) -> Vec<Input<'_>> {
        items
            .iter()
            .map(|o| inp(&o.category, &o.tags, &o.text))
            .collect()
    }

    /// 1,500 articles: 3 categories, 4 tags (so every tag has more articles
    /// than its window), 40 ordinary words, one in 800 articles (too common)
    /// and "pho" in exactly `WORD_DF_CAP` of them.
    fn archive() -> Vec<Owned> {
        let mut seed = 12345u64;
        let mut next = move |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let vocab: Vec<String> = (0..40)
            .map(|i| format!("tu{}x", (b'a' + i) as char))
            .collect();
        (0..1500)
            .map(|i| {
                let mut text: Vec<String> =
                    (0..5).map(|_| vocab[next(40) as usize].clone()).collect();
                if i % 15 < 8 {
                    text.push("lon".into());
                }
                if i < WORD_DF_CAP {
                    text.push("pho".into());
                }
                let mut tags: Vec<String> = (0..1 + next(2))
                    .map(|_| format!("the-{}", next(4)))
                    .collect();
                tags.dedup();
                Owned {
                    category: format!("muc-{}", next(3)),
                    tags,
                    text: text.join(" "),
                }
            })
            .collect()
    }

    /// Checks the lists `related_with_state` gives from `state` against
    /// [`related`]'s and returns the next state and how they were computed.
    fn step(items: &[Owned], state: &[u8], what: &str) -> (Vec<u8>, Computed) {
        let inputs = inputs(items);
        let (lists, next, how) = related_with_state(&inputs, 6, Some(state));
        let want = related(&inputs, 6);
        for (i, (got, want)) in lists.iter().zip(&want).enumerate() {
            assert_eq!(got, want, "{what}: article {i} ({how:?})");
        }
        assert_eq!(lists.len(), want.len());
        (next, how)
    }

    #[test]
    fn a_patched_computation_gives_the_whole_ones_lists() {
        let first = archive();
        let (_, state, how) = related_with_state(&inputs(&first), 6, Some(&[]));
        assert_eq!(how, Computed::Whole);
        assert!(!state.is_empty());
        let mut items = first.clone();
        let (state, how) = step(&items, &state, "nothing changed");
        assert_eq!(how, Computed::Patched(0));
        let patched = |how: Computed| matches!(how, Computed::Patched(n) if n < 1500);

        // New words for one article in the middle.
        items[750].text = "tuax tubx tucx tudx moi".into();
        let (state, how) = step(&items, &state, "words");
        assert!(patched(how), "{how:?}");
        // A tag joined and a tag left (the windows around it move).
        items[760].tags = vec!["the-0".into(), "the-3".into()];
        items[900].tags = vec![];
        let (state, how) = step(&items, &state, "tags");
        assert!(patched(how), "{how:?}");
        // Categories changed: one at the head of its category, one in the middle.
        items[1].category = if items[1].category == "muc-0" {
            "muc-1"
        } else {
            "muc-0"
        }
        .into();
        items[800].category = if items[800].category == "muc-2" {
            "muc-1"
        } else {
            "muc-2"
        }
        .into();
        let (state, how) = step(&items, &state, "categories");
        assert!(matches!(how, Computed::Patched(_)), "{how:?}");
        // Several neighbours at once, words, tags and category, and the newest.
        for i in [0usize, 300, 301, 302, 1499] {
            items[i].text = format!("{} tuzx tuax", items[i].text);
            items[i].tags.push("the-1".into());
            items[i].category = "muc-1".into();
        }
        let (state, how) = step(&items, &state, "several");
        assert!(matches!(how, Computed::Patched(_)), "{how:?}");
        // Back to the start.
        let (state, how) = step(&first, &state, "reverted");
        assert!(matches!(how, Computed::Patched(_)), "{how:?}");
        items = first.clone();
        // "pho" in one more article: too common now, every score with it
        // changes, so the lists are computed whole.
        items[1200].text.push_str(" pho");
        let (state, how) = step(&items, &state, "a word became too common");
        assert_eq!(how, Computed::Whole);
        // And back.
        let (state, how) = step(&first, &state, "the word is not too common any more");
        assert_eq!(how, Computed::Whole);
        // Many changes: computed whole.
        for it in items.iter_mut().take(100) {
            it.text.push_str(" tuqx");
        }
        let (state, how) = step(&items, &state, "many");
        assert_eq!(how, Computed::Whole);
        // A damaged, a truncated or a missing state: computed whole, the same lists.
        items[10].text.push_str(" tubx");
        let mut damaged = state.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert_eq!(step(&items, &damaged, "damaged").1, Computed::Whole);
        assert_eq!(
            step(&items, &state[..state.len() - 4], "cut").1,
            Computed::Whole
        );
        assert_eq!(step(&items, &[], "missing").1, Computed::Whole);
        // One article more or less: computed whole.
        assert_eq!(step(&items[1..], &state, "fewer").1, Computed::Whole);
        assert!(patched(step(&items, &state, "after all that").1));
    }

    #[test]
    fn deterministic() {
        let t = tags(&["a"]);
        let items: Vec<Input> = (0..200).map(|_| inp("c", &t, "cầu đường")).collect();
        assert_eq!(related(&items, 6), related(&items, 6));
    }
}
