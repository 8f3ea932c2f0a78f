//! The query engine: which files a query needs, then the ranking.
//!
//! The app drives it: `need` names the files still missing (dictionaries first,
//! then posting lists, then the document chunks of the shown page), the app
//! fetches and `add`s them, and once `need` is empty `results` answers.
//!
//! Every query word must match (folded). The score of a matching article:
//!
//! ```text
//! 100000 if the query names the document's number (a registry document's)
//! + 10000 × words found exactly as typed (only words typed with marks)
//! + 1000 × adjacent query word pairs found as a phrase
//! +  100 × such phrases in the title
//! +   20 × words in the title exactly as typed
//! +   10 × query words in the title
//! ```
//!
//! and ties go to the newer article (the site's pages, then the registry's
//! documents, after the articles in the index, count as the newest). A query
//! names a document's number when a run of two of its words or more, the first
//! starting with a digit, is the number's words ([`crate::format::number_key`]:
//! "05-NQ/TU", "05/nq/tu" and "05 nq tu" all name "05nqtu#"); while typing, a
//! run that ends with the word being typed (even a single letter) names every
//! number it starts. Matching uses each word's complete list
//! (every article with it; for a word being typed, every article with a word it
//! starts), so the count is exact. A query fetches at most [`BUDGET`] bytes of
//! posting lists: first the words' lists, then what ranks (the typed forms, the
//! phrases, the titles of the words a prefix stands for), cheapest first. Only
//! when the words' lists alone do not fit is a word matched through the fetched
//! phrases it is in, or left out when the reader's phrase is in no article; the
//! answer then names it as `incomplete`, never silently.

use std::collections::{HashMap, HashSet};

use crate::format::{
    dict_file, dict_key, doc_file, file_key, form_key, own_file, pair_key, parse_u32, prefix_key,
    read_header, read_list, shard_file, FormatError, NUMBER_MARK, PREFIX_MARK,
};
use crate::index::{DocInfo, DocKind};
use crate::json;
use crate::marks::{mark, Matcher};
use crate::text::{Query, Word};

/// Bytes (compressed, as estimated by the index) of posting lists one query may
/// fetch: with the dictionaries and the shown page's document chunks, a query
/// stays under 150 KB.
pub const BUDGET: usize = 110 * 1024;
/// What a shard is assumed to cost when planning (about a third of its text).
const SHARD_COST: usize = crate::index::SHARD_TARGET / 3;
/// A word being typed stands for at most this many words (the most frequent)…
pub const MAX_EXPANSIONS: usize = 24;
/// … as long as their lists stay under this many bytes (estimated, compressed).
pub const PREFIX_BUDGET: usize = 40 * 1024;
/// A run of words being typed stands for at most this many document numbers.
pub const MAX_NUMBERS: usize = 8;
/// The score of a document whose number the query names: above any other.
const NUMBER_SCORE: u32 = 100_000;

#[derive(Debug, Clone)]
struct DictEntry {
    df: u32,
    /// The size of its own file, if it has one.
    own: Option<usize>,
    /// Its forms as written (lowercase): `None` for the only one (its list is the
    /// word's), else where the form's own list is (the size of its file, if any).
    forms: Vec<(String, Option<Option<usize>>)>,
    /// Next words whose pair with this one has its own file, with its size.
    pairs: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Default)]
struct Postings {
    title: Vec<u32>,
    all: Vec<u32>,
}

/// A query word and the posting lists that stand for it.
#[derive(Debug, Clone)]
struct Chosen {
    word: Word,
    /// The lists whose union is every article with the word.
    keys: Vec<String>,
    /// Their files and what they cost.
    files: Vec<String>,
    cost: usize,
    /// A word being typed: the words it starts whose titles rank (the most frequent).
    expansions: Vec<String>,
    /// The list of the form as typed, for a word typed with marks and written
    /// in several forms (`None`: the word's own list, or no such form).
    form: Option<String>,
    /// The typed form is a form of the word (its articles rank first).
    form_known: bool,
    /// Its lists are fetched (else it is matched through the phrases it is in, if any).
    fetched: bool,
}

/// What a query searches for, once the dictionaries are in.
#[derive(Debug, Clone, Default)]
struct Selection {
    words: Vec<Chosen>,
    /// The adjacent pairs looked up as phrases: (index of their first word, key).
    pairs: Vec<(usize, String)>,
    /// Lists fetched for ranking only: forms and a prefix's words.
    extra: HashSet<String>,
    /// Words beyond the query's cap.
    dropped: Vec<String>,
    /// A word is in no article: nothing can match.
    none: bool,
    /// Quoted phrases: the index of their first word (the pair must be in the article).
    required: Vec<usize>,
    /// The document numbers the query names, by key, whose lists are fetched.
    numbers: Vec<String>,
}

/// A list fetched only to rank, if the budget allows.
enum Extra {
    /// A typed form's or a prefix's word's list, by key.
    List(String),
    /// The phrase of words `i` and `i + 1`, by key.
    Pair(usize, String),
}

enum Plan {
    Need(Vec<String>),
    Ready(Selection),
}

/// A ranked answer: (score, id), best first.
#[derive(Debug, Clone, Default)]
struct Ranked {
    /// Words left out of the match (beyond the cap, or too costly with no phrase).
    ignored: Vec<String>,
    /// Words whose lists did not fit the budget: the count is not exact.
    incomplete: Vec<String>,
    hits: Vec<(u32, u32)>,
}

/// The engine and everything it has loaded.
#[derive(Debug)]
pub struct Engine {
    /// The index's format version (that of `meta.txt`; its files must match).
    version: u32,
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
    /// Prefixes with a list of their own: (articles, size of its own file if any).
    prefixes: HashMap<String, (u32, Option<usize>)>,
    lists: HashMap<String, Postings>,
    /// Documents of the `d/` chunks loaded so far, by chunk.
    doc_chunks: HashMap<u32, Vec<(DocKind, DocInfo)>>,
    cache: Option<(String, bool, Ranked)>,
    budget: usize,
}

fn bad(m: impl Into<String>) -> FormatError {
    FormatError::Malformed(m.into())
}

impl Engine {
    /// An engine for the index whose `meta.txt` is `meta`.
    pub fn new(meta: &str) -> Result<Engine, FormatError> {
        let (version, gen, rest) = read_header(meta)?;
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
                version,
                gen: gen.to_string(),
                docs,
                chunk,
                shards,
                shard_cost,
                loaded: HashSet::new(),
                keys,
                dict: HashMap::new(),
                prefixes: HashMap::new(),
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

    /// How many documents (articles, then pages, then registry documents) the index has.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Reads a file the engine asked for (`name` as `need` gave it).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), FormatError> {
        let (version, gen, rest) = read_header(text)?;
        if gen != self.gen || version != self.version {
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
        let place = |p: &str| -> Result<Option<usize>, FormatError> {
            match p {
                "s" => Ok(None),
                p => Ok(Some(
                    p.strip_prefix('f')
                        .and_then(parse_u32)
                        .ok_or_else(|| bad(format!("{name}: bad place “{}”", truncate(p))))?
                        as usize,
                )),
            }
        };
        let mut entries = Vec::new();
        for line in rest.lines().filter(|l| !l.is_empty()) {
            let mut parts = line.split(' ');
            let (Some(word), Some(df), Some(at)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad(format!("{name}: bad line “{}”", truncate(line))));
            };
            let df = parse_u32(df).ok_or_else(|| bad(format!("{name}: bad count")))?;
            let own = place(at)?;
            if let Some(prefix) = word.strip_prefix(PREFIX_MARK) {
                self.prefixes.insert(prefix.to_string(), (df, own));
                continue;
            }
            let (mut forms, mut pairs) = (Vec::new(), Vec::new());
            for p in parts {
                if let Some(form) = p.strip_prefix('~') {
                    match form.split_once(':') {
                        Some((form, at)) => forms.push((form.to_string(), Some(place(at)?))),
                        None => forms.push((form.to_string(), None)),
                    }
                    continue;
                }
                let (next, size) = p
                    .split_once('=')
                    .and_then(|(n, s)| Some((n, parse_u32(s)?)))
                    .ok_or_else(|| bad(format!("{name}: bad pair “{}”", truncate(p))))?;
                pairs.push((next.to_string(), size as usize));
            }
            entries.push((
                word.to_string(),
                DictEntry {
                    df,
                    own,
                    forms,
                    pairs,
                },
            ));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.dict.insert(name.to_string(), entries);
        Ok(())
    }

    fn add_lists(&mut self, rest: &str) -> Result<(), FormatError> {
        let mut current: Option<(String, Postings)> = None;
        let n = self.docs;
        let ids = |s: &str| read_list(s, n).ok_or_else(|| bad("bad id list"));
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
            } else {
                return Err(bad(format!("unknown line “{}”", truncate(line))));
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
            // Six fields (an article), or since format 3 a seventh: the kind
            // (a page; since format 4 also a document).
            let kind = match f.len() {
                6 => Some(DocKind::Article),
                7 => DocKind::from_name(f[6]).filter(|k| self.version >= k.since().max(3)),
                _ => None,
            };
            let Some(kind) = kind else {
                return Err(bad(format!("bad document line “{}”", truncate(line))));
            };
            out.push((
                kind,
                DocInfo {
                    slug: f[0].to_string(),
                    date: f[1].to_string(),
                    category: f[2].to_string(),
                    category_name: f[3].to_string(),
                    title: f[4].to_string(),
                    lead: f[5].to_string(),
                },
            ));
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

    /// The file of a list and what fetching it costs.
    fn file_of(&self, key: &str, own: Option<usize>) -> (String, usize) {
        (
            self.list_file(key, own.is_some()),
            own.unwrap_or(self.shard_cost),
        )
    }

    /// The lists that make up `w` (every article with it), or none when no
    /// article has it; for a word being typed, also the words it starts, most
    /// frequent first.
    fn word_lists(&self, w: &Word, expanded: bool) -> Chosen {
        let mut c = Chosen {
            word: w.clone(),
            keys: Vec::new(),
            files: Vec::new(),
            cost: 0,
            expansions: Vec::new(),
            form: None,
            form_known: false,
            fetched: false,
        };
        let add = |c: &mut Chosen, key: String, (file, cost): (String, usize)| {
            if !c.files.contains(&file) {
                c.files.push(file);
                c.cost += cost;
            }
            c.keys.push(key);
        };
        if !expanded {
            if let Some(e) = self.entry(&w.folded) {
                add(&mut c, w.folded.clone(), self.file_of(&w.folded, e.own));
                if w.marked() {
                    match e.forms.iter().find(|(f, _)| *f == w.lower) {
                        Some((_, None)) => c.form_known = true,
                        Some((_, Some(_))) => {
                            c.form_known = true;
                            c.form = Some(form_key(&w.lower));
                        }
                        None => {}
                    }
                }
            }
            return c;
        }
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
        match (found.len(), self.prefixes.get(&w.folded)) {
            (0, _) => return c,
            (1, _) => add(
                &mut c,
                found[0].0.clone(),
                self.file_of(&found[0].0, found[0].1.own),
            ),
            (_, Some(&(_, own))) => {
                let key = prefix_key(&w.folded);
                let file = self.file_of(&key, own);
                add(&mut c, key, file);
            }
            // A prefix longer than the index keeps lists for: the union of its words.
            _ => {
                for (word, e) in &found {
                    add(&mut c, word.clone(), self.file_of(word, e.own));
                }
            }
        }
        // The most frequent words it starts rank by their titles, while they are
        // cheap: on a small site all of them (their lists share a few shards).
        let (mut cost, mut files) = (0, Vec::new());
        for (word, e) in found.into_iter().take(MAX_EXPANSIONS) {
            let (file, c_word) = self.file_of(word, e.own);
            let c_word = if files.contains(&file) { 0 } else { c_word };
            if !c.expansions.is_empty() && cost + c_word > PREFIX_BUDGET {
                break;
            }
            cost += c_word;
            files.push(file);
            c.expansions.push(word.clone());
        }
        c
    }

    /// The keys of the document numbers `q` names (see [`Engine`]) that the
    /// index has, with the size of their own file, if any.
    fn number_lists(&self, q: &Query) -> Vec<(String, Option<usize>)> {
        let mut out: Vec<(String, Option<usize>)> = Vec::new();
        for (key, typing) in number_runs(q) {
            let stem = &key[..key.len() - NUMBER_MARK.len_utf8()];
            let Some(d) = self.dict.get(&dict_file(dict_key(stem))) else {
                continue;
            };
            // The key itself, or while typing the keys it starts (the
            // dictionary of words starting with a digit or two: a short scan).
            let found = d
                .iter()
                .filter(|(w, _)| match typing {
                    true => w.starts_with(stem) && w.ends_with(NUMBER_MARK),
                    false => *w == key,
                })
                .take(MAX_NUMBERS);
            for (w, e) in found {
                if !out.iter().any(|(k, _)| k == w) {
                    out.push((w.clone(), e.own));
                }
            }
        }
        out
    }

    fn plan(&self, q: &Query) -> Plan {
        let mut sel = Selection {
            dropped: q.dropped.clone(),
            ..Selection::default()
        };
        if q.words.is_empty() {
            return Plan::Ready(sel);
        }
        // The words' dictionaries, and those of the numbers it may name (the
        // same, but for a number whose first word is one character).
        let runs = number_runs(q);
        let dicts: Vec<String> = q
            .words
            .iter()
            .map(|w| dict_key(&w.folded))
            .chain(runs.iter().map(|(key, _)| dict_key(key)))
            .filter(|k| self.keys.contains(&file_key(k)))
            .map(dict_file)
            .filter(|f| !self.loaded.contains(f))
            .collect();
        if !dicts.is_empty() {
            return Plan::Need(dedup(dicts));
        }
        for (i, w) in q.words.iter().enumerate() {
            let c = self.word_lists(w, q.prefix && i + 1 == q.words.len());
            sel.none |= c.keys.is_empty();
            sel.words.push(c);
        }
        if sel.none {
            return Plan::Ready(sel);
        }
        // Adjacent pairs, as phrases: each costs its list. Before a word being
        // typed, the pairs with a list of their own whose second word starts with
        // it ("nông th" → "nông thôn"), the biggest (most frequent) first.
        let mut pairs: Vec<(usize, String, usize, String)> = Vec::new();
        for i in 0..q.words.len().saturating_sub(1) {
            let expanded = q.prefix && i + 2 == q.words.len();
            let (a, b) = (&sel.words[i], &sel.words[i + 1]);
            let entry = self.entry(&a.word.folded);
            if expanded {
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
            let (file, cost) = self.file_of(&key, own);
            pairs.push((i, file, cost, key));
        }
        let numbers = self.number_lists(q);
        let mut spent = 0;
        let mut files: Vec<String> = Vec::new();
        let mut take = |files: &mut Vec<String>, f: &[String], cost: usize, force: bool| {
            let new: Vec<&String> = f.iter().filter(|x| !files.contains(x)).collect();
            let cost = if new.is_empty() { 0 } else { cost };
            if !force && spent + cost > self.budget {
                return false;
            }
            spent += cost;
            files.extend(new.into_iter().cloned());
            true
        };
        // Quoted phrases are fetched whatever they cost: they decide the match.
        let expanded_last = q.prefix.then(|| q.words.len() - 1);
        for (i, file, cost, key) in &pairs {
            if q.phrases.contains(i) && Some(i + 1) != expanded_last {
                take(&mut files, std::slice::from_ref(file), *cost, true);
                sel.pairs.push((*i, key.clone()));
                sel.required.push(*i);
            }
        }
        // Then every word's lists, cheapest first; the cheapest always.
        let mut order: Vec<usize> = (0..sel.words.len()).collect();
        order.sort_by_key(|&i| (sel.words[i].cost, i));
        for (n, &i) in order.iter().enumerate() {
            let w = &mut sel.words[i];
            w.fetched = take(&mut files, &w.files, w.cost, n == 0);
        }
        // Then the numbers the query names (a list of a document or a few).
        for (key, own) in numbers {
            let (file, cost) = self.file_of(&key, own);
            if take(&mut files, std::slice::from_ref(&file), cost, false) {
                sel.numbers.push(key);
            }
        }
        // Then what ranks, cheapest first, while the budget lasts: the typed
        // forms, the phrases, the titles of the words a prefix stands for.
        let mut cands: Vec<(usize, String, Extra)> = Vec::new();
        for w in sel.words.iter().filter(|w| w.fetched) {
            if let Some(key) = &w.form {
                let own = self
                    .entry(&w.word.folded)
                    .and_then(|e| e.forms.iter().find(|(f, _)| *f == w.word.lower))
                    .and_then(|(_, at)| *at)
                    .flatten();
                let (file, cost) = self.file_of(key, own);
                cands.push((cost, file, Extra::List(key.clone())));
            }
            for word in w.expansions.iter().filter(|x| !w.keys.contains(x)) {
                let own = self.entry(word).and_then(|e| e.own);
                let (file, cost) = self.file_of(word, own);
                cands.push((cost, file, Extra::List(word.clone())));
            }
        }
        for (i, file, cost, key) in pairs {
            if !sel.required.contains(&i) || Some(i + 1) == expanded_last {
                cands.push((cost, file, Extra::Pair(i, key)));
            }
        }
        cands.sort_by_key(|c| c.0);
        for (cost, file, extra) in cands {
            if !take(&mut files, std::slice::from_ref(&file), cost, false) {
                continue;
            }
            match extra {
                Extra::Pair(i, key) => sel.pairs.push((i, key)),
                Extra::List(key) => {
                    sel.extra.insert(key);
                }
            }
        }
        sel.pairs.sort();
        sel.pairs.dedup();
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
                ..Ranked::default()
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
                a.set_all(&list(k).all);
                t.set_all(&list(k).title);
                (*i, a, t)
            })
            .collect();
        // Documents whose number the query names.
        let mut numbered = Bits::new(n);
        for k in &sel.numbers {
            numbered.set_all(&list(k).all);
        }
        // Documents with every word, and every quoted phrase.
        let mut all = Bits::full(n);
        for (_, a, _) in pairs.iter().filter(|p| sel.required.contains(&p.0)) {
            all.and(a);
        }
        let mut incomplete = Vec::new();
        let mut titles = Vec::new();
        let mut exact = Vec::new();
        let mut exact_titles = Vec::new();
        for (i, c) in sel.words.iter().enumerate() {
            if !c.fetched {
                // Its lists do not fit the budget: the phrases it is in stand for
                // it, when the reader's phrase is found at all; else it is left out.
                incomplete.push(c.word.lower.clone());
                let mut any = Bits::new(n);
                for (_, a, _) in pairs.iter().filter(|p| p.0 == i || p.0 + 1 == i) {
                    any.or(a);
                }
                if any.is_empty() {
                    ignored.push(c.word.lower.clone());
                } else {
                    all.and(&any);
                }
                continue;
            }
            let mut any = Bits::new(n);
            let mut title = Bits::new(n);
            for k in &c.keys {
                any.set_all(&list(k).all);
                title.set_all(&list(k).title);
            }
            for k in c.expansions.iter().filter(|k| sel.extra.contains(*k)) {
                title.set_all(&list(k).title);
            }
            all.and(&any);
            titles.push(title);
            if c.word.marked() && !c.expansions.is_empty() {
                continue;
            }
            if c.word.marked() {
                let (mut e, mut et) = (Bits::new(n), Bits::new(n));
                match &c.form {
                    Some(k) if sel.extra.contains(k) => {
                        e.set_all(&list(k).all);
                        et.set_all(&list(k).title);
                    }
                    None if c.form_known => {
                        e.set_all(&list(&c.keys[0]).all);
                        et.set_all(&list(&c.keys[0]).title);
                    }
                    _ => {}
                }
                exact.push(e);
                exact_titles.push(et);
            }
        }
        let mut hits: Vec<(u32, u32)> = all
            .ones()
            .map(|id| {
                let d = id as usize;
                let mut s = NUMBER_SCORE * u32::from(numbered.get(d));
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
            incomplete,
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

    /// The answer, as JSON; `None` while files are missing. An object:
    /// `total`, `page`, `pages`, `terms` (the query's words), `ignored`,
    /// `incomplete` (see [`Engine`]), `partial`, `truncated`, and `hits`, one
    /// object per document of the page: `kind` (`"article"`, `"page"` or
    /// `"document"`, see [`DocKind`]), `slug`, `title`, `date`, `category`,
    /// `category_name` (all three empty but for an article), `lead`, and
    /// `title_marks` (the title in segments, odd ones matched).
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
        out.push_str(",\"incomplete\":");
        json::strings(&mut out, &r.incomplete);
        out.push_str(&format!(
            ",\"partial\":{},\"truncated\":{},\"hits\":[",
            !r.incomplete.is_empty(),
            query.truncated
        ));
        let ids: Vec<u32> = page_of(&r.hits, page, per).iter().map(|h| h.1).collect();
        for id in &ids {
            let d = &self.doc_chunks[&(id / chunk)];
            let Some((kind, d)) = d.get((id % chunk) as usize) else {
                continue;
            };
            if !out.ends_with('[') {
                out.push(',');
            }
            out.push_str("{\"kind\":");
            json::string(&mut out, kind.name());
            out.push_str(",\"slug\":");
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

/// The number keys `q` may name: each run of two words or more whose first
/// starts with a digit, joined as [`crate::format::number_key`] joins a
/// number's words, and whether the run ends with the word being typed (it then
/// names every number it starts); the one letter being typed that the query
/// leaves out counts here ("05-NQ/T").
fn number_runs(q: &Query) -> Vec<(String, bool)> {
    let words: Vec<&str> = q
        .words
        .iter()
        .chain(&q.held)
        .map(|w| w.folded.as_str())
        .collect();
    let typing = q.prefix || q.held.is_some();
    let mut out = Vec::new();
    for (i, first) in words.iter().enumerate() {
        if !first.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut key = first.to_string();
        for (j, next) in words.iter().enumerate().skip(i + 1) {
            key.push_str(next);
            let mut run = key.clone();
            run.push(NUMBER_MARK);
            out.push((run, typing && j + 1 == words.len()));
        }
    }
    out
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

/// At most 40 characters of an index file's line, for an error message. Quoted
/// with `Display`: the module's wasm is built with `-Zfmt-debug=none` (see the
/// Makefile), where `{:?}` prints nothing.
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
        crate::format::ones(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::number_key;
    use crate::text::words;

    #[test]
    fn a_query_names_the_number_keys_the_index_writes() {
        // Runs of two words or more from a word starting with a digit.
        let runs = number_runs(&Query::parse("Nghị quyết 24/2025/NQ-HĐND", false));
        let keys: Vec<&str> = runs.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            keys,
            [
                "242025#",
                "242025nq#",
                "242025nqhdnd#",
                "2025nq#",
                "2025nqhdnd#"
            ]
        );
        assert!(runs.iter().all(|r| !r.1));
        assert_eq!(
            number_key(&words("24/2025/NQ-HĐND")).as_deref(),
            Some("242025nqhdnd#")
        );
        // Each number, as the index writes its key, is among its query's runs.
        for number in ["05-NQ/TU", "1478/SYT-NVY", "5/QĐ-UBND", "2110/SGDĐT-GDTrH"] {
            let key = number_key(&words(number)).unwrap();
            let runs = number_runs(&Query::parse(number, false));
            assert!(runs.iter().any(|r| r.0 == key), "{number}");
        }
        // Not a number: no digit first, or one word.
        assert!(number_key(&words("NQ-HĐND")).is_none());
        assert!(number_key(&words("2025")).is_none());
        assert!(number_runs(&Query::parse("nghị quyết 2025", false)).is_empty());
        // While typing: the run that ends with the word being typed, even the
        // one letter the query leaves out.
        assert_eq!(
            number_runs(&Query::parse("05-NQ/T", true)),
            [("05nq#".to_string(), false), ("05nqt#".to_string(), true)]
        );
    }
}
