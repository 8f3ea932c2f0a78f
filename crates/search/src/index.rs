//! The index writer, run natively by the build tool (see the crate docs for the files).
//!
//! Articles are analysed on their own (in parallel by the caller) with [`analyze`],
//! then added to a [`Builder`] in id order (oldest first); [`Builder::finish`]
//! hands out the files one by one so the whole index is never in memory as text.

use std::collections::HashMap;
use std::fmt::Write as _;

use bantin_contract::text::fold_char;

use crate::format::{
    dict_file, dict_key, doc_file, file_key, hash, header, own_file, pair_key, push_u32,
    shard_path, FxMap, META,
};
use crate::text::{word_spans, MAX_WORD_CHARS};

/// A posting list larger than this (bytes of text) gets a file of its own.
pub const OWN_FILE_MIN: usize = 2048;
/// The size shards aim at (bytes of text).
pub const SHARD_TARGET: usize = 12 * 1024;
/// Documents per `d/` chunk (a shown result costs the reader its chunk).
pub const DOC_CHUNK: u32 = 8;
/// The lead kept in a document line, in characters.
pub const LEAD_CHARS: usize = 160;

/// What the index shows of an article.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub slug: String,
    /// RFC 3339, as in the article JSON.
    pub date: String,
    pub category: String,
    pub category_name: String,
    pub title: String,
    pub lead: String,
}

/// The words of one article, ready to add to a [`Builder`].
#[derive(Debug, Default)]
pub struct Analyzed {
    /// Distinct folded words.
    folded: Vec<String>,
    /// Per folded word: found in the title.
    in_title: Vec<bool>,
    /// Distinct (folded word, as written in lowercase), with "found in the title".
    variants: Vec<(u32, String, bool)>,
    /// Distinct adjacent pairs of folded words, with "found in the title".
    pairs: Vec<(u32, u32, bool)>,
}

/// Splits an article's title and text (lead and body as plain text) into the
/// words and pairs the index records.
pub fn analyze(title: &str, text: &str) -> Analyzed {
    let mut a = Analyzed::default();
    let mut ids: FxMap<String, u32> = FxMap::default();
    // Per folded word: its forms as written, with "in the title".
    let mut forms: Vec<Vec<(String, bool)>> = Vec::new();
    let mut pairs: FxMap<(u32, u32), bool> = FxMap::default();
    let (mut lower, mut folded) = (String::new(), String::new());
    for (field, in_title) in [(title, true), (text, false)] {
        let mut prev: Option<u32> = None;
        for (s, e) in word_spans(field) {
            let word = &field[s..e];
            lower.clear();
            folded.clear();
            let mut chars = 0;
            for c in word.chars() {
                chars += 1;
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            folded.extend(lower.chars().filter_map(fold_char));
            if chars > MAX_WORD_CHARS || folded.is_empty() {
                prev = None;
                continue;
            }
            let id = match ids.get(folded.as_str()) {
                Some(&id) => id,
                None => {
                    let id = a.in_title.len() as u32;
                    ids.insert(folded.clone(), id);
                    a.in_title.push(false);
                    forms.push(Vec::new());
                    id
                }
            };
            a.in_title[id as usize] |= in_title;
            let f = &mut forms[id as usize];
            match f.iter_mut().find(|(v, _)| *v == lower) {
                Some((_, t)) => *t |= in_title,
                None => f.push((lower.clone(), in_title)),
            }
            if let Some(p) = prev {
                if p != id {
                    *pairs.entry((p, id)).or_insert(false) |= in_title;
                }
            }
            prev = Some(id);
        }
    }
    // The map's keys become the word list (one allocation per distinct word).
    a.folded = vec![String::new(); a.in_title.len()];
    for (word, id) in ids {
        a.folded[id as usize] = word;
    }
    for (id, f) in forms.into_iter().enumerate() {
        for (v, t) in f {
            a.variants.push((id as u32, v, t));
        }
    }
    // The order of pairs does not matter: lists are built per key.
    a.pairs = pairs.into_iter().map(|((x, y), t)| (x, y, t)).collect();
    a
}

/// Ascending ids as varint gaps (about a byte each), built in id order.
#[derive(Debug, Default, Clone)]
struct IdList {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl IdList {
    fn push(&mut self, id: u32) {
        if self.len > 0 && id == self.last {
            return;
        }
        let mut gap = if self.len == 0 { id } else { id - self.last };
        loop {
            let b = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.bytes.push(b);
                break;
            }
            self.bytes.push(b | 0x80);
        }
        self.last = id;
        self.len += 1;
    }

    /// Writes the list as [`write_ids`] does: the varints already are the first id
    /// and the gaps.
    fn write_to(&self, out: &mut String) {
        let (mut cur, mut shift, mut first) = (0u32, 0, true);
        for &b in &self.bytes {
            cur |= u32::from(b & 0x7f) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            push_u32(out, cur);
            cur = 0;
            shift = 0;
        }
    }

    #[cfg(test)]
    fn ids(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        let (mut cur, mut shift, mut prev) = (0u32, 0, 0u32);
        for &b in &self.bytes {
            cur |= u32::from(b & 0x7f) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            let id = if out.is_empty() { cur } else { prev + cur };
            out.push(id);
            prev = id;
            cur = 0;
            shift = 0;
        }
        out
    }
}

#[derive(Debug, Default)]
struct WordAcc {
    all: IdList,
    title: IdList,
    /// As written: (in the article, in the title).
    variants: Vec<(String, IdList, IdList)>,
}

#[derive(Debug, Default)]
struct PairAcc {
    all: IdList,
    title: IdList,
}

/// Collects the analysed articles, oldest first.
#[derive(Debug, Default)]
pub struct Builder {
    word_ids: FxMap<String, u32>,
    words: Vec<(String, WordAcc)>,
    pair_ids: FxMap<(u32, u32), u32>,
    pairs: Vec<((u32, u32), PairAcc)>,
    docs: Vec<DocInfo>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds the next article (ids are given in the order of the calls).
    pub fn add(&mut self, info: DocInfo, a: Analyzed) {
        let doc = self.docs.len() as u32;
        self.docs.push(info);
        let global: Vec<u32> = a
            .folded
            .into_iter()
            .map(|f| match self.word_ids.get(&f) {
                Some(&g) => g,
                None => {
                    let g = self.words.len() as u32;
                    self.word_ids.insert(f.clone(), g);
                    self.words.push((f, WordAcc::default()));
                    g
                }
            })
            .collect();
        for (local, &g) in global.iter().enumerate() {
            let acc = &mut self.words[g as usize].1;
            acc.all.push(doc);
            if a.in_title[local] {
                acc.title.push(doc);
            }
        }
        for (local, lower, in_title) in a.variants {
            let acc = &mut self.words[global[local as usize] as usize].1;
            let i = match acc.variants.iter().position(|(v, _, _)| *v == lower) {
                Some(i) => i,
                None => {
                    acc.variants
                        .push((lower, IdList::default(), IdList::default()));
                    acc.variants.len() - 1
                }
            };
            let (_, all, title) = &mut acc.variants[i];
            all.push(doc);
            if in_title {
                title.push(doc);
            }
        }
        for (x, y, in_title) in a.pairs {
            let key = (global[x as usize], global[y as usize]);
            let next = self.pairs.len() as u32;
            let p = *self.pair_ids.entry(key).or_insert(next);
            if p == next {
                self.pairs.push((key, PairAcc::default()));
            }
            let acc = &mut self.pairs[p as usize].1;
            acc.all.push(doc);
            if in_title {
                acc.title.push(doc);
            }
        }
    }

    /// How many articles were added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Writes the index: `emit(path under the data root, text)` for every file.
    pub fn finish<E>(self, mut emit: impl FnMut(&str, &str) -> Result<(), E>) -> Result<(), E> {
        let mut g = 0xcbf2_9ce4_8422_2325u64 ^ self.docs.len() as u64;
        for d in &self.docs {
            g = g.rotate_left(5) ^ hash(&d.slug);
        }
        let gen = format!("{g:016x}");
        let head = header(&gen);
        let n = self.docs.len() as u32;

        // Posting lists as text: own files now, small ones kept for the shards.
        let mut small: Vec<(String, String)> = Vec::new();
        // Per word: (df, own file size); per word: its pairs with own files.
        let mut own_size: HashMap<u32, usize> = HashMap::new();
        let mut own_pairs: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
        let mut block = String::new();
        for (i, (word, acc)) in self.words.iter().enumerate() {
            block.clear();
            let _ = writeln!(block, "={word}");
            list_line(&mut block, "t", &acc.title);
            let single = acc.variants.len() == 1;
            let mut cost = estimate(acc.title.len, n);
            if single {
                // With several forms, "b" is their union: the engine rebuilds it.
                list_line(&mut block, "b", &acc.all);
                cost += estimate(acc.all.len, n);
            }
            let mut variants: Vec<&(String, IdList, IdList)> = acc.variants.iter().collect();
            variants.sort_by(|a, b| b.1.len.cmp(&a.1.len).then(a.0.cmp(&b.0)));
            for (lower, list, title) in variants {
                if single {
                    let _ = writeln!(block, "v {lower} *");
                } else {
                    list_line(&mut block, &format!("v {lower}"), list);
                    cost += estimate(list.len, n);
                    if title.len > 0 {
                        list_line(&mut block, &format!("w {lower}"), title);
                        cost += estimate(title.len, n);
                    }
                }
            }
            if block.len() > OWN_FILE_MIN {
                own_size.insert(i as u32, cost);
                emit(&own_file(word), &format!("{head}{block}"))?;
            } else {
                small.push((word.clone(), block.clone()));
            }
        }
        for ((x, y), acc) in &self.pairs {
            let key = pair_key(&self.words[*x as usize].0, &self.words[*y as usize].0);
            block.clear();
            let _ = writeln!(block, "={key}");
            list_line(&mut block, "t", &acc.title);
            list_line(&mut block, "b", &acc.all);
            if block.len() > OWN_FILE_MIN {
                let cost = estimate(acc.title.len, n) + estimate(acc.all.len, n);
                own_pairs.entry(*x).or_default().push((*y, cost));
                emit(&own_file(&key), &format!("{head}{block}"))?;
            } else {
                small.push((key, block.clone()));
            }
        }

        let total: usize = small.iter().map(|(_, b)| b.len()).sum();
        let shards = total.div_ceil(SHARD_TARGET).max(1) as u32;
        let mut shard_text: Vec<String> = vec![head.clone(); shards as usize];
        small.sort();
        for (key, block) in &small {
            let n = (hash(key) % u64::from(shards)) as usize;
            shard_text[n].push_str(block);
        }
        drop(small);
        for (n, text) in shard_text.iter().enumerate() {
            emit(&shard_path(n as u64), text)?;
        }

        // Dictionaries, by the first two characters of the folded word.
        let mut order: Vec<u32> = (0..self.words.len() as u32).collect();
        order.sort_by(|a, b| self.words[*a as usize].0.cmp(&self.words[*b as usize].0));
        let mut dicts: Vec<(String, String)> = Vec::new();
        for i in order {
            let (word, acc) = &self.words[i as usize];
            let key = dict_key(word);
            if dicts.last().is_none_or(|(k, _)| k != key) {
                dicts.push((key.to_string(), head.clone()));
            }
            let text = &mut dicts.last_mut().expect("just pushed").1;
            let _ = write!(text, "{word} {}", acc.all.len);
            match own_size.get(&i) {
                Some(size) => {
                    let _ = write!(text, " f{size}");
                }
                None => text.push_str(" s"),
            }
            if let Some(pairs) = own_pairs.get_mut(&i) {
                pairs.sort_by(|a, b| self.words[a.0 as usize].0.cmp(&self.words[b.0 as usize].0));
                for (y, size) in pairs.iter() {
                    let _ = write!(text, " {}={size}", self.words[*y as usize].0);
                }
            }
            text.push('\n');
        }
        for (key, text) in &dicts {
            emit(&dict_file(key), text)?;
        }

        // Documents.
        for (k, chunk) in self.docs.chunks(DOC_CHUNK as usize).enumerate() {
            let mut text = head.clone();
            for d in chunk {
                let lead: String = d.lead.chars().take(LEAD_CHARS).collect();
                for (j, field) in [
                    &d.slug,
                    &d.date,
                    &d.category,
                    &d.category_name,
                    &d.title,
                    &lead,
                ]
                .into_iter()
                .enumerate()
                {
                    if j > 0 {
                        text.push('\t');
                    }
                    text.extend(field.chars().map(|c| if c.is_control() { ' ' } else { c }));
                }
                text.push('\n');
            }
            emit(&doc_file(k as u32), &text)?;
        }

        let keys: Vec<String> = dicts.iter().map(|(k, _)| file_key(k)).collect();
        // What fetching a shard costs, compressed (text compresses about 3:1).
        let shard_cost = total / shards as usize / 3 + 64;
        let meta = format!(
            "{head}docs {n}\nchunk {DOC_CHUNK}\nshards {shards}\nshardcost {shard_cost}\nkeys {}\n",
            keys.join(" ")
        );
        emit(META, &meta)
    }
}

/// About how many bytes `len` ids out of `n` take once compressed: the entropy of
/// choosing them (n·H(len/n) bits), plus 60% for what brotli misses on our text
/// (measured on 100,000 generated articles: brotli at quality 5 is 1.2–1.4 times
/// the entropy).
/// The dictionary carries this estimate so the engine can keep within its budget.
pub fn estimate(len: u32, n: u32) -> usize {
    if len == 0 || n == 0 || len >= n {
        return 8;
    }
    let p = f64::from(len) / f64::from(n);
    let bits = f64::from(n) * -(p * p.log2() + (1.0 - p) * (1.0 - p).log2());
    (bits / 8.0 * 1.6) as usize + 8
}

fn list_line(out: &mut String, name: &str, list: &IdList) {
    out.push_str(name);
    out.push(' ');
    list.write_to(out);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_round_trip() {
        let mut l = IdList::default();
        for id in [0, 1, 1, 5, 300, 70_000, 70_001] {
            l.push(id);
        }
        assert_eq!(l.ids(), [0, 1, 5, 300, 70_000, 70_001]);
        assert_eq!(l.len, 6);
        let mut text = String::new();
        l.write_to(&mut text);
        let mut want = String::new();
        crate::format::write_ids(&l.ids(), &mut want);
        assert_eq!(text, want);
    }

    #[test]
    fn analyze_finds_words_variants_and_pairs() {
        let a = analyze("Đường mới", "Con đường mới. Dương mới");
        let words: Vec<&str> = a.folded.iter().map(String::as_str).collect();
        assert_eq!(words, ["duong", "moi", "con"]);
        assert_eq!(a.in_title, [true, true, false]);
        let mut v: Vec<(u32, &str, bool)> = a
            .variants
            .iter()
            .map(|(i, s, t)| (*i, s.as_str(), *t))
            .collect();
        v.sort();
        let v: Vec<(&str, bool)> = v.into_iter().map(|(_, s, t)| (s, t)).collect();
        assert_eq!(
            v,
            [
                ("dương", false),
                ("đường", true),
                ("mới", true),
                ("con", false)
            ]
        );
        // duong-moi (title and text), con-duong, moi-duong (across the full stop).
        assert!(a.pairs.contains(&(0, 1, true)));
        assert!(a.pairs.contains(&(2, 0, false)));
    }
}
