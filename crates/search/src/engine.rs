//! The query engine: which files a query needs, then the ranking.
//!
//! The app drives it: `need` names the files still missing (dictionaries first,
//! then posting lists, then the document chunks of the shown page), the app
//! fetches and `add`s them, and once `need` is empty `results` answers.
//!
//! Every query word must match (folded). The score of a matching article:
//!
//! ```text
//! 10000 × words found exactly as typed (only words typed with marks)
//! + 1000 × adjacent query word pairs found as a phrase
//! +  100 × such phrases in the title
//! +   20 × words in the title exactly as typed
//! +   10 × query words in the title
//! ```
//!
//! and ties go to the newer article. A query fetches at most [`BUDGET`] bytes of
//! posting lists, cheapest first (pairs are usually much cheaper than their
//! words). A word whose list does not fit is matched through the fetched
//! phrases it is in (the answer is then `partial`: scattered matches are left
//! out), or, when the reader's phrase is in no article, left out of the match
//! and reported as ignored.

use std::collections::{HashMap, HashSet};

use crate::format::{
    dict_file, dict_key, doc_file, file_key, own_file, pair_key, parse_u32, read_ids, shard_file,
    split_header, FormatError,
};
use crate::index::DocInfo;
use crate::json;
use crate::marks::{mark, Matcher};
use crate::text::{Query, Word};

/// Bytes (compressed, as estimated by the index) of posting lists one query may
/// fetch: with the dictionaries and the shown page's document chunks, a query
/// stays under 150 KB.
pub const BUDGET: usize = 100 * 1024;
/// What a shard is assumed to cost when planning (about a third of its text).
const SHARD_COST: usize = crate::index::SHARD_TARGET / 3;
/// A word being typed stands for at most this many words (the most frequent)…
pub const MAX_EXPANSIONS: usize = 24;
/// … as long as their lists stay under this many bytes (estimated, compressed).
pub const PREFIX_BUDGET: usize = 40 * 1024;

#[derive(Debug, Clone)]
struct DictEntry {
    df: u32,
    /// The size of its own file, if it has one.
    own: Option<usize>,
    /// Next words whose pair with this one has its own file, with its size.
    pairs: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Default)]
struct Postings {
    title: Vec<u32>,
    all: Vec<u32>,
    /// (as written, ids) where `None` means every id of `all` (the only form).
    variants: Vec<(String, Option<Vec<u32>>)>,
    /// (as written, ids of titles with it), for words of several forms.
    title_variants: Vec<(String, Vec<u32>)>,
}

impl Postings {
    /// Adds every document with the key to `bits` (for a word of several forms,
    /// which has no `b` line, the union of its forms).
    fn all_into(&self, bits: &mut Bits) {
        if self.all.is_empty() {
            for (_, ids) in &self.variants {
                bits.set_all(ids.as_deref().unwrap_or(&[]));
            }
        } else {
            bits.set_all(&self.all);
        }
    }
}

/// A query word and the posting lists that stand for it.
#[derive(Debug, Clone)]
struct Chosen {
    word: Word,
    keys: Vec<String>,
    /// A word being typed (its keys are the words it starts).
    expanded: bool,
    /// Its lists are fetched (else it is matched through the phrases it is in, if any).
    fetched: bool,
}

/// What a query searches for, once the dictionaries are in.
#[derive(Debug, Clone, Default)]
struct Selection {
    words: Vec<Chosen>,
    /// The adjacent pairs looked up as phrases: (index of their first word, key).
    pairs: Vec<(usize, String)>,
    /// Words beyond the query's cap.
    dropped: Vec<String>,
    /// A word is in no article: nothing can match.
    none: bool,
    /// Quoted phrases: the index of their first word (the pair must be in the article).
    required: Vec<usize>,
}

enum Plan {
    Need(Vec<String>),
    Ready(Selection),
}

/// A ranked answer: (score, id), best first.
#[derive(Debug, Clone, Default)]
struct Ranked {
    /// Words left out of the match (too common, or beyond the cap).
    ignored: Vec<String>,
    /// Some word was matched only through a phrase: scattered matches are missing.
    partial: bool,
    hits: Vec<(u32, u32)>,
}

/// The engine and everything it has loaded.
#[derive(Debug)]
pub struct Engine {
    gen: String,
    docs: u32,
    chunk: u32,
    shards: u32,
    /// What fetching one shard is assumed to cost (estimated, compressed).
    shard_cost: usize,
    loaded: HashSet<String>,
    /// The dictionary keys that have a file (as in file names).
    keys: HashSet<String>,
    dict: HashMap<String, Vec<(String, DictEntry)>>,
    lists: HashMap<String, Postings>,
    /// Documents of the `d/` chunks loaded so far, by chunk.
    doc_chunks: HashMap<u32, Vec<DocInfo>>,
    cache: Option<(String, bool, Ranked)>,
    budget: usize,
}

fn bad(m: impl Into<String>) -> FormatError {
    FormatError::Malformed(m.into())
}

impl Engine {
    /// An engine for the index whose `meta.txt` is `meta`.
    pub fn new(meta: &str) -> Result<Engine, FormatError> {
        let (gen, rest) = split_header(meta)?;
        let (mut docs, mut chunk, mut shards, mut keys) = (None, None, None, None);
        let mut shard_cost = SHARD_COST;
        for line in rest.lines() {
            let Some((k, v)) = line.split_once(' ') else {
                continue;
            };
            if k == "keys" {
                keys = Some(v.split(' ').map(str::to_string).collect::<HashSet<_>>());
                continue;
            }
            let v = parse_u32(v.trim());
            match k {
                "docs" => docs = v,
                "chunk" => chunk = v.filter(|&c| c > 0),
                "shards" => shards = v.filter(|&s| s > 0),
                "shardcost" => shard_cost = v.map_or(SHARD_COST, |c| c as usize),
                _ => {}
            }
        }
        match (docs, chunk, shards, keys) {
            (Some(docs), Some(chunk), Some(shards), Some(keys)) => Ok(Engine {
                gen: gen.to_string(),
                docs,
                chunk,
                shards,
                shard_cost,
                loaded: HashSet::new(),
                keys,
                dict: HashMap::new(),
                lists: HashMap::new(),
                doc_chunks: HashMap::new(),
                cache: None,
                budget: BUDGET,
            }),
            _ => Err(bad("meta.txt lacks docs, chunk, shards or keys")),
        }
    }

    /// Sets the bytes of posting lists one query may fetch (default [`BUDGET`]).
    pub fn set_budget(&mut self, bytes: usize) {
        self.budget = bytes;
        self.cache = None;
    }

    /// How many articles the index has.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Reads a file the engine asked for (`name` as `need` gave it).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), FormatError> {
        let (gen, rest) = split_header(text)?;
        if gen != self.gen {
            return Err(FormatError::Stale);
        }
        if name.starts_with("tim/tu/") {
            self.add_dict(name, rest)?;
        } else if let Some(k) = name
            .strip_prefix("tim/d/")
            .and_then(|n| n.strip_suffix(".txt"))
        {
            let k = parse_u32(k).ok_or_else(|| bad(format!("{name}: bad chunk name")))?;
            self.add_docs(k, rest)?;
        } else if name.starts_with("tim/t/") || name.starts_with("tim/s/") {
            self.add_lists(rest)?;
        } else {
            return Err(bad(format!("{name}: not a search index file")));
        }
        self.loaded.insert(name.to_string());
        Ok(())
    }

    fn add_dict(&mut self, name: &str, rest: &str) -> Result<(), FormatError> {
        let mut entries = Vec::new();
        for line in rest.lines().filter(|l| !l.is_empty()) {
            let mut parts = line.split(' ');
            let (Some(word), Some(df), Some(place)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad(format!("{name}: bad line {line:?}")));
            };
            let df = parse_u32(df).ok_or_else(|| bad(format!("{name}: bad count")))?;
            let own = match place {
                "s" => None,
                p => Some(
                    p.strip_prefix('f')
                        .and_then(parse_u32)
                        .ok_or_else(|| bad(format!("{name}: bad place {p:?}")))?
                        as usize,
                ),
            };
            let mut pairs = Vec::new();
            for p in parts {
                let (next, size) = p
                    .split_once('=')
                    .and_then(|(n, s)| Some((n, parse_u32(s)?)))
                    .ok_or_else(|| bad(format!("{name}: bad pair {p:?}")))?;
                pairs.push((next.to_string(), size as usize));
            }
            entries.push((word.to_string(), DictEntry { df, own, pairs }));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.dict.insert(name.to_string(), entries);
        Ok(())
    }

    fn add_lists(&mut self, rest: &str) -> Result<(), FormatError> {
        let mut current: Option<(String, Postings)> = None;
        let n = self.docs;
        let ids = |s: &str| read_ids(s, n).ok_or_else(|| bad("bad id list"));
        for line in rest.lines().filter(|l| !l.is_empty()) {
            if let Some(key) = line.strip_prefix('=') {
                if let Some((k, p)) = current.take() {
                    self.lists.insert(k, p);
                }
                current = Some((key.to_string(), Postings::default()));
                continue;
            }
            let Some((_, p)) = current.as_mut() else {
                return Err(bad("a list line before its key"));
            };
            if let Some(s) = line.strip_prefix("t ") {
                p.title = ids(s)?;
            } else if let Some(s) = line.strip_prefix("b ") {
                p.all = ids(s)?;
            } else if let Some(v) = line.strip_prefix("v ") {
                let (variant, s) = v.split_once(' ').ok_or_else(|| bad("bad variant line"))?;
                let list = if s == "*" { None } else { Some(ids(s)?) };
                p.variants.push((variant.to_string(), list));
            } else if let Some(v) = line.strip_prefix("w ") {
                let (variant, s) = v.split_once(' ').ok_or_else(|| bad("bad variant line"))?;
                p.title_variants.push((variant.to_string(), ids(s)?));
            } else if line == "t" || line == "b" {
                // An empty list.
            } else {
                return Err(bad(format!("unknown line {:?}", truncate(line))));
            }
        }
        if let Some((k, p)) = current.take() {
            self.lists.insert(k, p);
        }
        Ok(())
    }

    fn add_docs(&mut self, k: u32, rest: &str) -> Result<(), FormatError> {
        let mut out = Vec::new();
        for line in rest.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 6 {
                return Err(bad(format!("bad document line {:?}", truncate(line))));
            }
            out.push(DocInfo {
                slug: f[0].to_string(),
                date: f[1].to_string(),
                category: f[2].to_string(),
                category_name: f[3].to_string(),
                title: f[4].to_string(),
                lead: f[5].to_string(),
            });
        }
        self.doc_chunks.insert(k, out);
        Ok(())
    }

    fn entry(&self, folded: &str) -> Option<&DictEntry> {
        let d = self.dict.get(&dict_file(dict_key(folded)))?;
        d.binary_search_by(|(w, _)| w.as_str().cmp(folded))
            .ok()
            .map(|i| &d[i].1)
    }

    fn list_file(&self, key: &str, own: bool) -> String {
        if own {
            own_file(key)
        } else {
            shard_file(key, self.shards)
        }
    }

    fn plan(&self, q: &Query) -> Plan {
        let mut sel = Selection {
            dropped: q.dropped.clone(),
            ..Selection::default()
        };
        if q.words.is_empty() {
            return Plan::Ready(sel);
        }
        let dicts: Vec<String> = q
            .words
            .iter()
            .filter(|w| self.keys.contains(&file_key(dict_key(&w.folded))))
            .map(|w| dict_file(dict_key(&w.folded)))
            .filter(|f| !self.loaded.contains(f))
            .collect();
        if !dicts.is_empty() {
            return Plan::Need(dedup(dicts));
        }
        // What each word and each adjacent pair would cost: (cost, is a pair, index, files).
        let mut cands: Vec<(usize, bool, usize, Vec<String>)> = Vec::new();
        for (i, w) in q.words.iter().enumerate() {
            let expanded = q.prefix && i + 1 == q.words.len();
            let mut keys = Vec::new();
            let mut files = Vec::new();
            let mut cost = 0;
            if expanded {
                let none = Vec::new();
                let d = self
                    .dict
                    .get(&dict_file(dict_key(&w.folded)))
                    .unwrap_or(&none);
                let mut found: Vec<&(String, DictEntry)> = d
                    .iter()
                    .filter(|(word, _)| word.starts_with(w.folded.as_str()))
                    .collect();
                found.sort_by(|a, b| b.1.df.cmp(&a.1.df).then(a.0.cmp(&b.0)));
                // The most frequent words it starts, while they are cheap: on a
                // small site all of them (their lists share a few shards).
                for (word, e) in found.into_iter().take(MAX_EXPANSIONS) {
                    let file = self.list_file(word, e.own.is_some());
                    let c = match e.own {
                        Some(c) => c,
                        None if files.contains(&file) => 0,
                        None => self.shard_cost,
                    };
                    if !keys.is_empty() && cost + c > PREFIX_BUDGET {
                        break;
                    }
                    cost += c;
                    keys.push(word.clone());
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            } else if let Some(e) = self.entry(&w.folded) {
                keys.push(w.folded.clone());
                files.push(self.list_file(&w.folded, e.own.is_some()));
                cost = e.own.unwrap_or(self.shard_cost);
            }
            if keys.is_empty() {
                // In no article: nothing matches, nothing to fetch.
                sel.none = true;
            }
            cands.push((cost, false, i, files));
            sel.words.push(Chosen {
                word: w.clone(),
                keys,
                expanded,
                fetched: false,
            });
        }
        if sel.none {
            return Plan::Ready(sel);
        }
        // Adjacent pairs, as phrases: each costs its list. Before a word being
        // typed, the pairs with a list of their own whose second word starts with
        // it ("nông th" → "nông thôn"), the biggest (most frequent) first.
        let mut pairs: Vec<(usize, String, usize, String)> = Vec::new();
        for i in 0..q.words.len().saturating_sub(1) {
            let (a, b) = (&sel.words[i], &sel.words[i + 1]);
            if a.expanded {
                continue;
            }
            let entry = self.entry(&a.word.folded);
            if b.expanded {
                let mut found: Vec<&(String, usize)> = entry
                    .map(|e| {
                        e.pairs
                            .iter()
                            .filter(|(n, _)| n.starts_with(b.word.folded.as_str()))
                            .collect()
                    })
                    .unwrap_or_default();
                found.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
                for (next, cost) in found.into_iter().take(MAX_EXPANSIONS) {
                    let key = pair_key(&a.word.folded, next);
                    pairs.push((i, self.list_file(&key, true), *cost, key));
                }
                continue;
            }
            let key = pair_key(&a.word.folded, &b.word.folded);
            let own = entry
                .and_then(|e| e.pairs.iter().find(|(n, _)| *n == b.word.folded))
                .map(|p| p.1);
            pairs.push((
                i,
                self.list_file(&key, own.is_some()),
                own.unwrap_or(self.shard_cost),
                key,
            ));
        }
        // Quoted phrases are fetched whatever they cost: they decide the match.
        let mut spent = 0;
        let mut files: Vec<String> = Vec::new();
        let mut forced = Vec::new();
        for (n, (i, file, cost, key)) in pairs.iter().enumerate() {
            if q.phrases.contains(i) && !sel.words[*i + 1].expanded {
                spent += cost;
                files.push(file.clone());
                sel.pairs.push((*i, key.clone()));
                sel.required.push(*i);
                forced.push(n);
            }
        }
        for (n, (_, file, cost, _)) in pairs.iter().enumerate() {
            if !forced.contains(&n) {
                // A pair's index is past the words'.
                cands.push((*cost, true, q.words.len() + n, vec![file.clone()]));
            }
        }
        // The cheapest word always; then the cheapest lists while the budget lasts.
        cands.sort_by_key(|c| (c.0, c.1, c.2));
        let first = cands.iter().position(|c| !c.1).expect("a query has a word");
        let first = cands.remove(first);
        spent += first.0;
        files.extend(
            first
                .3
                .into_iter()
                .filter(|f| !files.contains(f))
                .collect::<Vec<_>>(),
        );
        sel.words[first.2].fetched = true;
        for (cost, is_pair, i, f) in cands {
            let new: Vec<String> = f.into_iter().filter(|x| !files.contains(x)).collect();
            let cost = if new.is_empty() { 0 } else { cost };
            if spent + cost > self.budget {
                continue;
            }
            spent += cost;
            files.extend(new);
            if is_pair {
                let (first_word, _, _, key) = &pairs[i - q.words.len()];
                sel.pairs.push((*first_word, key.clone()));
            } else {
                sel.words[i].fetched = true;
            }
        }
        sel.pairs.sort();
        let missing: Vec<String> = files
            .into_iter()
            .filter(|f| !self.loaded.contains(f))
            .collect();
        if missing.is_empty() {
            Plan::Ready(sel)
        } else {
            Plan::Need(dedup(missing))
        }
    }

    fn rank(&self, sel: Selection) -> Ranked {
        let mut ignored = sel.dropped.clone();
        if sel.none || sel.words.is_empty() {
            return Ranked {
                ignored,
                partial: false,
                hits: Vec::new(),
            };
        }
        let n = self.docs as usize;
        let empty = Postings::default();
        let list = |k: &str| self.lists.get(k).unwrap_or(&empty);
        let pairs: Vec<(usize, Bits, Bits)> = sel
            .pairs
            .iter()
            .map(|(i, k)| {
                let (mut a, mut t) = (Bits::new(n), Bits::new(n));
                list(k).all_into(&mut a);
                t.set_all(&list(k).title);
                (*i, a, t)
            })
            .collect();
        // Documents with every word, and every quoted phrase.
        let mut all = Bits::full(n);
        for (_, a, _) in pairs.iter().filter(|p| sel.required.contains(&p.0)) {
            all.and(a);
        }
        let mut partial = false;
        let mut titles = Vec::new();
        let mut exact = Vec::new();
        let mut exact_titles = Vec::new();
        for (i, c) in sel.words.iter().enumerate() {
            if !c.fetched {
                // Too common to fetch: the phrases it is in stand for it, when
                // the reader's phrase is found at all; else it is left out.
                let mut any = Bits::new(n);
                for (_, a, _) in pairs.iter().filter(|p| p.0 == i || p.0 + 1 == i) {
                    any.or(a);
                }
                if any.is_empty() {
                    ignored.push(c.word.lower.clone());
                } else {
                    partial = true;
                    all.and(&any);
                }
                continue;
            }
            let mut any = Bits::new(n);
            let mut title = Bits::new(n);
            for k in &c.keys {
                list(k).all_into(&mut any);
                title.set_all(&list(k).title);
            }
            all.and(&any);
            titles.push(title);
            if c.word.marked() && !c.expanded {
                let p = list(&c.keys[0]);
                let (mut e, mut et) = (Bits::new(n), Bits::new(n));
                match p.variants.iter().find(|(v, _)| *v == c.word.lower) {
                    Some((_, Some(ids))) => {
                        e.set_all(ids);
                        if let Some((_, t)) =
                            p.title_variants.iter().find(|(v, _)| *v == c.word.lower)
                        {
                            et.set_all(t);
                        }
                    }
                    Some((_, None)) => {
                        e.set_all(&p.all);
                        et.set_all(&p.title);
                    }
                    None => {}
                }
                exact.push(e);
                exact_titles.push(et);
            }
        }
        let mut hits: Vec<(u32, u32)> = all
            .ones()
            .map(|id| {
                let d = id as usize;
                let mut s = 0;
                s += 10_000 * exact.iter().filter(|e| e.get(d)).count() as u32;
                for (_, a, t) in &pairs {
                    s += 1_000 * u32::from(a.get(d)) + 100 * u32::from(t.get(d));
                }
                s += 20 * exact_titles.iter().filter(|t| t.get(d)).count() as u32;
                s += 10 * titles.iter().filter(|t| t.get(d)).count() as u32;
                (s, id)
            })
            .collect();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        Ranked {
            ignored,
            partial,
            hits,
        }
    }

    /// The ranking of `q`, or the files it still needs.
    fn ranked(&mut self, q: &str, prefix: bool) -> Result<&Ranked, Vec<String>> {
        let fresh = !matches!(&self.cache, Some((cq, cp, _)) if cq == q && *cp == prefix);
        if fresh {
            let query = Query::parse(q, prefix);
            match self.plan(&query) {
                Plan::Need(files) => return Err(files),
                Plan::Ready(sel) => {
                    let r = self.rank(sel);
                    self.cache = Some((q.to_string(), prefix, r));
                }
            }
        }
        Ok(&self.cache.as_ref().expect("just set").2)
    }

    /// The files still needed to show page `page` (from 1) of `q`'s results.
    pub fn need(&mut self, q: &str, prefix: bool, page: u32, per_page: u32) -> Vec<String> {
        let chunk = self.chunk;
        let ids: Vec<u32> = match self.ranked(q, prefix) {
            Err(files) => return files,
            Ok(r) => page_of(&r.hits, page, per_page)
                .iter()
                .map(|h| h.1)
                .collect(),
        };
        dedup(
            ids.iter()
                .map(|id| id / chunk)
                .filter(|k| !self.doc_chunks.contains_key(k))
                .map(doc_file)
                .collect(),
        )
    }

    /// The answer, as JSON (see `notes` in the crate docs); `None` while files are missing.
    pub fn results(&mut self, q: &str, prefix: bool, page: u32, per_page: u32) -> Option<String> {
        if !self.need(q, prefix, page, per_page).is_empty() {
            return None;
        }
        let query = Query::parse(q, prefix);
        let matcher = Matcher::new(&query);
        let chunk = self.chunk;
        // `need` left this query's ranking in the cache.
        let r = &self.cache.as_ref()?.2;
        let per = per_page.max(1);
        let total = r.hits.len() as u32;
        let pages = total.div_ceil(per).max(1);
        let mut out = String::with_capacity(2048);
        out.push_str(&format!(
            "{{\"total\":{total},\"page\":{},\"pages\":{pages},\"terms\":",
            page.clamp(1, pages)
        ));
        let terms: Vec<&str> = query.words.iter().map(|w| w.lower.as_str()).collect();
        json::strings(&mut out, &terms);
        out.push_str(",\"ignored\":");
        json::strings(&mut out, &r.ignored);
        out.push_str(&format!(
            ",\"partial\":{},\"truncated\":{},\"hits\":[",
            r.partial, query.truncated
        ));
        let ids: Vec<u32> = page_of(&r.hits, page, per).iter().map(|h| h.1).collect();
        for (i, id) in ids.iter().enumerate() {
            let d = &self.doc_chunks[&(id / chunk)];
            let Some(d) = d.get((id % chunk) as usize) else {
                continue;
            };
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"slug\":");
            json::string(&mut out, &d.slug);
            out.push_str(",\"title\":");
            json::string(&mut out, &d.title);
            out.push_str(",\"date\":");
            json::string(&mut out, &d.date);
            out.push_str(",\"category\":");
            json::string(&mut out, &d.category);
            out.push_str(",\"category_name\":");
            json::string(&mut out, &d.category_name);
            out.push_str(",\"lead\":");
            json::string(&mut out, &d.lead);
            out.push_str(",\"title_marks\":");
            json::strings(&mut out, &mark(&matcher, &d.title));
            out.push('}');
        }
        out.push_str("]}");
        Some(out)
    }

    /// The ranked ids of `q` with their scores (for tests and benchmarks).
    pub fn ranked_ids(&mut self, q: &str, prefix: bool) -> Result<Vec<(u32, u32)>, Vec<String>> {
        self.ranked(q, prefix).map(|r| r.hits.clone())
    }
}

fn page_of(hits: &[(u32, u32)], page: u32, per: u32) -> &[(u32, u32)] {
    let per = per.max(1) as usize;
    let pages = hits.len().div_ceil(per).max(1);
    let page = (page.max(1) as usize).min(pages);
    let start = (page - 1) * per;
    &hits[start.min(hits.len())..(start + per).min(hits.len())]
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.retain(|f| seen.insert(f.clone()));
    v
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A set of document ids.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            if let Some(last) = b.0.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        b
    }

    fn set_all(&mut self, ids: &[u32]) {
        for &id in ids {
            if let Some(w) = self.0.get_mut(id as usize / 64) {
                *w |= 1 << (id % 64);
            }
        }
    }

    fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros();
                w &= w - 1;
                Some(i as u32 * 64 + b)
            })
        })
    }
}
