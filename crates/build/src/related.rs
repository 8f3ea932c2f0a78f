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

/// For each article (given newest first), the indexes of up to `limit` related
/// articles, best first. Deterministic; never includes the article itself.
pub fn related(items: &[Input<'_>], limit: usize) -> Vec<Vec<u32>> {
    let n = items.len();
    if limit == 0 || n < 2 {
        return vec![Vec::new(); n];
    }
    // Intern everything and build the inverted indexes (postings in index order).
    let mut cat_ids = HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let mut tag_ids = HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let mut word_ids = HashMap::with_hasher(Xxh3DefaultBuilder::new());
    let word_lists: Vec<Vec<String>> = items.par_iter().map(|it| words(it.text)).collect();
    let mut docs: Vec<Doc> = Vec::with_capacity(n);
    for (it, ws) in items.iter().zip(&word_lists) {
        let category = intern(&mut cat_ids, it.category);
        let mut tags: Vec<u32> = it.tags.iter().map(|t| intern(&mut tag_ids, t)).collect();
        tags.sort_unstable();
        tags.dedup();
        let mut words: Vec<u32> = ws.iter().map(|w| intern(&mut word_ids, w)).collect();
        words.sort_unstable();
        docs.push(Doc {
            category,
            tags,
            words,
        });
    }
    let mut by_cat: Vec<Vec<u32>> = vec![Vec::new(); cat_ids.len()];
    let mut by_tag: Vec<Vec<u32>> = vec![Vec::new(); tag_ids.len()];
    let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); word_ids.len()];
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
    if common.iter().any(|&c| c) {
        for d in &mut docs {
            d.words.retain(|&w| !common[w as usize]);
        }
    }

    let compact = Compact::new(&docs);

    let indexes: Vec<u32> = (0..n as u32).collect();
    // Each rayon job gets its own scratch (the hit counts of `n` articles):
    // jobs of at least 64 articles keep those allocations few.
    indexes
        .par_iter()
        .with_min_len(64)
        .map_init(
            || Scratch {
                hits: vec![0; n],
                touched: Vec::new(),
            },
            |s, &a| {
                let doc = &docs[a as usize];
                // Hits are stored +1 (0 means "not a candidate"): the first shared word
                // makes `b` a candidate with one hit.
                for &w in &doc.words {
                    for &b in &by_word[w as usize] {
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
                    let posting = &by_tag[t as usize];
                    let at = posting.binary_search(&a).unwrap_or_else(|e| e);
                    let lo = at.saturating_sub(TAG_WINDOW);
                    let hi = (at + TAG_WINDOW + 1).min(posting.len());
                    for &b in &posting[lo..hi] {
                        s.touch(a, b);
                    }
                }
                for &b in by_cat[doc.category as usize].iter().take(limit + 1) {
                    s.touch(a, b);
                }
                // Score every candidate, keep the best `limit`. Candidates are read from
                // compact arrays (cache friendly); the tag overlap, the costliest part, is
                // only computed when the candidate could still enter the list.
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
                    let pos = best
                        .iter()
                        .position(|&(bs, bi)| sc > bs || (sc == bs && b < bi))
                        .unwrap_or(best.len());
                    if pos < limit {
                        best.insert(pos, (sc, b));
                        best.truncate(limit);
                    }
                }
                for &b in &s.touched {
                    s.hits[b as usize] = 0;
                }
                s.touched.clear();
                best.into_iter().map(|(_, b)| b).collect()
            },
        )
        .collect()
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

    #[test]
    fn deterministic() {
        let t = tags(&["a"]);
        let items: Vec<Input> = (0..200).map(|_| inp("c", &t, "cầu đường")).collect();
        assert_eq!(related(&items, 6), related(&items, 6));
    }
}
