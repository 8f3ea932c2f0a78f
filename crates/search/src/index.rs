//! The index writer, run natively by the build tool (see the crate docs for the files).
//!
//! Articles are analysed on their own (in parallel by the caller) with [`analyze`],
//! then added to a [`Builder`] in id order (oldest first), then the site's pages
//! ([`Builder::add_page`], in a stable order: the build tool's file order), then
//! the registry's documents ([`Builder::add_document`], oldest first);
//! [`Builder::finish`] hands out the files one by one so the whole index is
//! never in memory as text.

use std::collections::HashMap;
use std::fmt::Write as _;

use bantin_contract::paths::{self, routes};
use bantin_contract::text::fold_char;

use crate::format::{
    dict_file, dict_key, doc_file, file_key, form_key, hash, header, number_key, own_file,
    pair_key, parse_u32, prefix_key, push_u32, shard_path, write_list, FxMap, MAX_PREFIX_CHARS,
    META, PREFIX_MARK,
};
use crate::text::{word_spans, words, MAX_WORD_CHARS};

/// A posting list larger than this (bytes of text) gets a file of its own.
pub const OWN_FILE_MIN: usize = 1024;
/// The size shards aim at (bytes of text).
pub const SHARD_TARGET: usize = 4 * 1024;
/// Documents per `d/` chunk (a shown result costs the reader its chunk).
pub const DOC_CHUNK: u32 = 8;
/// The lead kept in a document line, in characters.
pub const LEAD_CHARS: usize = 160;

/// What a document of the index is. Its route and its JSON document follow
/// from its kind and slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocKind {
    /// An article of the news stream (`bai-viet/<slug>`).
    #[default]
    Article,
    /// A page of the site (`trang/<slug>`): no date, no category.
    Page,
    /// A document of the registry (`van-ban/<slug>`, format 4): no date, no
    /// category; its title is its type and number ("Nghị quyết 05-NQ/TU").
    Document,
}

impl DocKind {
    /// Its name in the engine's answers (`"kind"`) and, for a page or a
    /// document, in its document line (an article's line has no kind field).
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Page => "page",
            DocKind::Document => "document",
        }
    }

    /// Reads a name written by [`DocKind::name`].
    pub fn from_name(name: &str) -> Option<DocKind> {
        match name {
            "article" => Some(DocKind::Article),
            "page" => Some(DocKind::Page),
            "document" => Some(DocKind::Document),
            _ => None,
        }
    }

    /// The first index format that has documents of this kind.
    pub fn since(self) -> u32 {
        match self {
            DocKind::Article => 2,
            DocKind::Page => 3,
            DocKind::Document => 4,
        }
    }

    /// The route of the document `slug` of this kind, under the site's base path.
    pub fn route(self, slug: &str) -> String {
        match self {
            DocKind::Article => routes::article(slug),
            DocKind::Page => routes::page(slug),
            DocKind::Document => routes::document(slug),
        }
    }

    /// Its JSON document under the data root (`Article`, `InfoPage` or
    /// `OfficialDocument`).
    pub fn data_path(self, slug: &str) -> String {
        match self {
            DocKind::Article => paths::article(slug),
            DocKind::Page => paths::page(slug),
            DocKind::Document => paths::document(slug),
        }
    }
}

/// What the index shows of an article (or, with [`Builder::add_page`], of a page).
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
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Analyzed {
    /// Distinct folded words.
    folded: Vec<String>,
    /// Per folded word: found in the title.
    in_title: Vec<bool>,
    /// Distinct (folded word, as written in lowercase), with "found in the title";
    /// `None` when written as the folded word itself.
    variants: Vec<(u32, Option<String>, bool)>,
    /// Distinct adjacent pairs of folded words, with "found in the title".
    pairs: Vec<(u32, u32, bool)>,
}

impl Analyzed {
    /// The article as one line of text (no tab or newline) for a build cache, read
    /// back by [`Analyzed::decode`]: the folded words separated by spaces (`^`
    /// after one in the title), then ` |` and the forms as written, `<word
    /// index>.<form>` (only `<word index>` when the form is the folded word), then
    /// ` |` and the pairs, `<index>.<index>`; a form or pair also in the title ends
    /// with `^`. Words are made of letters, digits and marks, so none of these
    /// characters can be in one.
    pub fn encode(&self, out: &mut String) {
        for (i, (w, t)) in self.folded.iter().zip(&self.in_title).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
            if *t {
                out.push('^');
            }
        }
        out.push_str(" |");
        for (i, lower, t) in &self.variants {
            out.push(' ');
            push_u32(out, *i);
            if let Some(lower) = lower {
                out.push('.');
                out.push_str(lower);
            }
            if *t {
                out.push('^');
            }
        }
        out.push_str(" |");
        for (x, y, t) in &self.pairs {
            out.push(' ');
            push_u32(out, *x);
            out.push('.');
            push_u32(out, *y);
            if *t {
                out.push('^');
            }
        }
    }

    /// Reads what [`Analyzed::encode`] wrote; `None` when it is not well formed.
    pub fn decode(line: &str) -> Option<Analyzed> {
        AnalyzedRef::decode(line).map(|a| a.to_owned())
    }

    /// The analysis borrowed, as [`Builder::add_ref`] takes it.
    pub fn as_ref(&self) -> AnalyzedRef<'_> {
        AnalyzedRef {
            folded: self.folded.iter().map(String::as_str).collect(),
            in_title: self.in_title.clone(),
            variants: self
                .variants
                .iter()
                .map(|(i, lower, t)| (*i, lower.as_deref(), *t))
                .collect(),
            pairs: self.pairs.clone(),
        }
    }
}

/// An [`Analyzed`] whose words are borrowed: from a cache line
/// ([`AnalyzedRef::decode`]) or from an [`Analyzed`] ([`Analyzed::as_ref`]).
/// A rebuild adds tens of thousands of cached analyses; reading them this way
/// allocates no string per word, only for the words new to the index.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AnalyzedRef<'a> {
    folded: Vec<&'a str>,
    in_title: Vec<bool>,
    variants: Vec<(u32, Option<&'a str>, bool)>,
    pairs: Vec<(u32, u32, bool)>,
}

impl<'a> AnalyzedRef<'a> {
    /// Reads what [`Analyzed::encode`] wrote; `None` when it is not well formed.
    pub fn decode(line: &'a str) -> Option<AnalyzedRef<'a>> {
        let mut parts = line.split(" |");
        let (words, forms, pairs) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let titled = |s: &'a str| match s.strip_suffix('^') {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        let mut a = AnalyzedRef::default();
        for w in words.split(' ').filter(|w| !w.is_empty()) {
            let (w, t) = titled(w);
            if w.is_empty() || !w.chars().all(crate::text::is_word_char) {
                return None;
            }
            a.folded.push(w);
            a.in_title.push(t);
        }
        let n = a.folded.len() as u32;
        let index = |s: &str| parse_u32(s).filter(|&i| i < n);
        for f in forms.split(' ').filter(|f| !f.is_empty()) {
            let (f, t) = titled(f);
            let (i, lower) = match f.split_once('.') {
                Some((i, lower)) if lower != a.folded[index(i)? as usize] => {
                    (index(i)?, Some(lower))
                }
                Some(_) => return None,
                None => (index(f)?, None),
            };
            a.variants.push((i, lower, t));
        }
        for p in pairs.split(' ').filter(|p| !p.is_empty()) {
            let (p, t) = titled(p);
            let (x, y) = p.split_once('.')?;
            a.pairs.push((index(x)?, index(y)?, t));
        }
        Some(a)
    }

    /// The analysis with its words owned.
    pub fn to_owned(&self) -> Analyzed {
        Analyzed {
            folded: self.folded.iter().map(|w| w.to_string()).collect(),
            in_title: self.in_title.clone(),
            variants: self
                .variants
                .iter()
                .map(|(i, lower, t)| (*i, lower.map(str::to_string), *t))
                .collect(),
            pairs: self.pairs.clone(),
        }
    }
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
            let v = (v != a.folded[id]).then_some(v);
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

    /// The ids, ascending.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (mut cur, mut shift, mut prev, mut first) = (0u32, 0, 0u32, true);
        self.bytes.iter().filter_map(move |&b| {
            cur |= u32::from(b & 0x7f) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                return None;
            }
            let id = if first { cur } else { prev + cur };
            first = false;
            prev = id;
            cur = 0;
            shift = 0;
            Some(id)
        })
    }

    fn to_vec(&self) -> Vec<u32> {
        let mut v = Vec::with_capacity(self.len as usize);
        v.extend(self.iter());
        v
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

/// Collects the analysed articles, oldest first, then the pages, then the
/// registry's documents.
#[derive(Debug, Default)]
pub struct Builder {
    word_ids: FxMap<String, u32>,
    words: Vec<(String, WordAcc)>,
    pair_ids: FxMap<(u32, u32), u32>,
    pairs: Vec<((u32, u32), PairAcc)>,
    docs: Vec<(DocKind, DocInfo)>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds the next article (ids are given in the order of the calls).
    pub fn add(&mut self, info: DocInfo, a: Analyzed) {
        self.add_doc(DocKind::Article, info, a.as_ref());
    }

    /// [`Builder::add`] for a borrowed analysis (one read from a build cache).
    pub fn add_ref(&mut self, info: DocInfo, a: AnalyzedRef<'_>) {
        self.add_doc(DocKind::Article, info, a);
    }

    /// Adds a page of the site as the next document: `a` is the analysis of its
    /// title and visible text, and `info` is written without its date and
    /// category (a page has none). Pages come after the articles, so on a tie
    /// of scores a page ranks as the newest article would.
    pub fn add_page(&mut self, mut info: DocInfo, a: Analyzed) {
        info.date.clear();
        info.category.clear();
        info.category_name.clear();
        self.add_doc(DocKind::Page, info, a.as_ref());
    }

    /// Adds a document of the registry as the next document, after the pages:
    /// `a` is the analysis of its title ("Nghị quyết 05-NQ/TU") and text, and
    /// `number` its number, whose key ([`number_key`], "05nqtu#") is recorded
    /// as a word of its title, so that a query naming the number ranks it
    /// first. Like a page's, `info` is written without date or category.
    pub fn add_document(&mut self, mut info: DocInfo, a: Analyzed, number: &str) {
        info.date.clear();
        info.category.clear();
        info.category_name.clear();
        let key = number_key(&words(number));
        let mut a = a.as_ref();
        if let Some(key) = &key {
            a.folded.push(key);
            a.in_title.push(true);
        }
        self.add_doc(DocKind::Document, info, a);
    }

    fn add_doc(&mut self, kind: DocKind, info: DocInfo, a: AnalyzedRef<'_>) {
        let doc = self.docs.len() as u32;
        self.docs.push((kind, info));
        let global: Vec<u32> = a
            .folded
            .iter()
            .map(|&f| match self.word_ids.get(f) {
                Some(&g) => g,
                None => {
                    let g = self.words.len() as u32;
                    self.word_ids.insert(f.to_string(), g);
                    self.words.push((f.to_string(), WordAcc::default()));
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
            let (word, acc) = &mut self.words[global[local as usize] as usize];
            let form = lower.unwrap_or(word);
            let i = match acc.variants.iter().position(|(v, _, _)| v == form) {
                Some(i) => i,
                None => {
                    let form = form.to_string();
                    acc.variants
                        .push((form, IdList::default(), IdList::default()));
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

    /// How many documents (articles, pages and registry documents) were added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Writes the index: `emit(path under the data root, text)` for every file.
    pub fn finish<E>(self, mut emit: impl FnMut(&str, &str) -> Result<(), E>) -> Result<(), E> {
        let mut g = 0xcbf2_9ce4_8422_2325u64 ^ self.docs.len() as u64;
        for (kind, d) in &self.docs {
            // An article's slug alone, as in format 2; a page's or a document's route.
            g = g.rotate_left(5)
                ^ match kind {
                    DocKind::Article => hash(&d.slug),
                    DocKind::Page | DocKind::Document => hash(&kind.route(&d.slug)),
                };
        }
        let gen = format!("{g:016x}");
        let head = header(&gen);
        let n = self.docs.len() as u32;
        let mut lists = Lists {
            n,
            head: &head,
            small: Vec::new(),
            block: String::new(),
        };

        // Words: every article with the word (folded) and every title with it;
        // a word written in several forms also has a list per form.
        let mut word_place: Vec<Place> = Vec::with_capacity(self.words.len());
        let mut form_places: Vec<Vec<(String, Option<Place>)>> =
            Vec::with_capacity(self.words.len());
        for (word, acc) in &self.words {
            let (all, title) = (acc.all.to_vec(), acc.title.to_vec());
            word_place.push(lists.put(word, &all, &title, &mut emit)?);
            let mut variants: Vec<&(String, IdList, IdList)> = acc.variants.iter().collect();
            variants.sort_by(|a, b| b.1.len.cmp(&a.1.len).then(a.0.cmp(&b.0)));
            let mut forms = Vec::with_capacity(variants.len());
            if let [(lower, _, _)] = variants[..] {
                forms.push((lower.clone(), None));
            } else {
                for (lower, list, title) in variants {
                    let place =
                        lists.put(&form_key(lower), &list.to_vec(), &title.to_vec(), &mut emit)?;
                    forms.push((lower.clone(), Some(place)));
                }
            }
            form_places.push(forms);
        }
        // Two-word phrases; the dictionary names those with a file of their own.
        let mut own_pairs: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
        for ((x, y), acc) in &self.pairs {
            let key = pair_key(&self.words[*x as usize].0, &self.words[*y as usize].0);
            if let Place::Own(cost) =
                lists.put(&key, &acc.all.to_vec(), &acc.title.to_vec(), &mut emit)?
            {
                own_pairs.entry(*x).or_default().push((*y, cost));
            }
        }
        // Prefixes: every article with a word that starts with them.
        let mut order: Vec<u32> = (0..self.words.len() as u32).collect();
        order.sort_by(|a, b| self.words[*a as usize].0.cmp(&self.words[*b as usize].0));
        let mut prefixes: Vec<(String, u32, Place)> = Vec::new();
        let mut bits = vec![0u64; (n as usize).div_ceil(64)];
        for chars in 2..=MAX_PREFIX_CHARS {
            let mut i = 0;
            while i < order.len() {
                let word = &self.words[order[i] as usize].0;
                let Some(prefix) = char_prefix(word, chars) else {
                    i += 1;
                    continue;
                };
                let mut j = i + 1;
                while j < order.len() && self.words[order[j] as usize].0.starts_with(prefix) {
                    j += 1;
                }
                if j - i >= 2 {
                    bits.iter_mut().for_each(|w| *w = 0);
                    for &w in &order[i..j] {
                        for id in self.words[w as usize].1.all.iter() {
                            bits[id as usize / 64] |= 1 << (id % 64);
                        }
                    }
                    let ids: Vec<u32> = crate::format::ones(&bits).collect();
                    let place = lists.put(&prefix_key(prefix), &ids, &[], &mut emit)?;
                    prefixes.push((prefix.to_string(), ids.len() as u32, place));
                }
                i = j;
            }
        }
        drop(bits);

        let Lists { mut small, .. } = lists;
        let total: usize = small.iter().map(|b| b.1.len()).sum();
        let total_cost: usize = small.iter().map(|b| b.2).sum();
        let shards = total.div_ceil(SHARD_TARGET).max(1) as u32;
        let mut shard_text: Vec<String> = vec![head.clone(); shards as usize];
        small.sort();
        for (key, block, _) in &small {
            let n = (hash(key) % u64::from(shards)) as usize;
            shard_text[n].push_str(block);
        }
        drop(small);
        for (n, text) in shard_text.iter().enumerate() {
            emit(&shard_path(n as u64), text)?;
        }

        // Dictionaries, by the first two characters of the folded word.
        let mut dicts: Vec<(String, String)> = Vec::new();
        for i in order {
            let (word, acc) = &self.words[i as usize];
            let key = dict_key(word);
            if dicts.last().is_none_or(|(k, _)| k != key) {
                dicts.push((key.to_string(), head.clone()));
            }
            let text = &mut dicts.last_mut().expect("just pushed").1;
            let _ = write!(text, "{word} {} ", acc.all.len);
            word_place[i as usize].write(text);
            for (form, place) in &form_places[i as usize] {
                let _ = write!(text, " ~{form}");
                if let Some(p) = place {
                    text.push(':');
                    p.write(text);
                }
            }
            if let Some(pairs) = own_pairs.get_mut(&i) {
                pairs.sort_by(|a, b| self.words[a.0 as usize].0.cmp(&self.words[b.0 as usize].0));
                for (y, size) in pairs.iter() {
                    let _ = write!(text, " {}={size}", self.words[*y as usize].0);
                }
            }
            text.push('\n');
        }
        let at: HashMap<String, usize> = dicts
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        for (prefix, df, place) in prefixes {
            // A prefix starts words, so its dictionary exists.
            let text = &mut dicts[at[dict_key(&prefix)]].1;
            let _ = write!(text, "{PREFIX_MARK}{prefix} {df} ");
            place.write(text);
            text.push('\n');
        }
        for (key, text) in &dicts {
            emit(&dict_file(key), text)?;
        }

        // Documents.
        for (k, chunk) in self.docs.chunks(DOC_CHUNK as usize).enumerate() {
            let mut text = head.clone();
            for (kind, d) in chunk {
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
                // Formats 3 and 4: a page's or a document's line ends with its
                // kind; an article's has none.
                if *kind != DocKind::Article {
                    text.push('\t');
                    text.push_str(kind.name());
                }
                text.push('\n');
            }
            emit(&doc_file(k as u32), &text)?;
        }

        let keys: Vec<String> = dicts.iter().map(|(k, _)| file_key(k)).collect();
        // What fetching a shard costs, compressed.
        let shard_cost = total_cost / shards as usize + 64;
        let meta = format!(
            "{head}docs {n}\nchunk {DOC_CHUNK}\nshards {shards}\nshardcost {shard_cost}\nkeys {}\n",
            keys.join(" ")
        );
        emit(META, &meta)
    }
}

/// Where a posting list is: a file of its own, of about this many bytes once
/// compressed, or a shard.
#[derive(Debug, Clone, Copy)]
enum Place {
    Own(usize),
    Shard,
}

impl Place {
    /// As the dictionary writes it: `f<bytes>` or `s`.
    fn write(self, out: &mut String) {
        match self {
            Place::Own(size) => {
                out.push('f');
                push_u32(out, size as u32);
            }
            Place::Shard => out.push('s'),
        }
    }
}

/// The posting lists being written: big ones go out at once, small ones wait
/// for their shard.
struct Lists<'a> {
    n: u32,
    head: &'a str,
    /// (key, block, estimated compressed size).
    small: Vec<(String, String, usize)>,
    block: String,
}

impl Lists<'_> {
    /// Writes the list of `key`: `all` (every article with it) and `title`.
    fn put<E>(
        &mut self,
        key: &str,
        all: &[u32],
        title: &[u32],
        emit: &mut impl FnMut(&str, &str) -> Result<(), E>,
    ) -> Result<Place, E> {
        let b = &mut self.block;
        b.clear();
        let _ = writeln!(b, "={key}");
        let mut payload = 0;
        for (name, ids) in [("b", all), ("t", title)] {
            if ids.is_empty() && name == "t" {
                continue;
            }
            b.push_str(name);
            b.push(' ');
            let before = b.len();
            write_list(ids, self.n, b);
            payload += b.len() - before;
            b.push('\n');
        }
        let cost = compressed_size(b.len(), payload);
        if b.len() > OWN_FILE_MIN {
            emit(&own_file(key), &format!("{}{b}", self.head))?;
            Ok(Place::Own(cost))
        } else {
            self.small.push((key.to_string(), b.clone(), cost));
            Ok(Place::Shard)
        }
    }
}

/// About what a block of `len` bytes, `payload` of them list text, costs once a
/// host compresses it: the lists are base64 of near-random bits, which brotli
/// and gzip bring back to 6 bits a character (the rest, keys and counts, is
/// counted as it is).
pub fn compressed_size(len: usize, payload: usize) -> usize {
    len - payload + (payload * 3).div_ceil(4)
}

/// The first `chars` characters of `word`, if it has that many.
fn char_prefix(word: &str, chars: usize) -> Option<&str> {
    match word.char_indices().nth(chars) {
        Some((i, _)) => Some(&word[..i]),
        None if word.chars().count() == chars => Some(word),
        None => None,
    }
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
        assert_eq!(l.to_vec(), [0, 1, 5, 300, 70_000, 70_001]);
        assert_eq!(l.len, 6);
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
            .map(|(i, s, t)| (*i, s.as_deref().unwrap_or(&a.folded[*i as usize]), *t))
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
        // The build cache's line reads back as the same analysis.
        let mut line = String::new();
        a.encode(&mut line);
        assert!(!line.contains(['\t', '\n']));
        assert_eq!(Analyzed::decode(&line).unwrap(), a);
        for bad in [
            "a | 0.a |",
            "",
            "a |",
            "a | 1 |",
            "a | 0.x | 0.1",
            "a b^ | | 0.x",
            "a. | |",
        ] {
            assert!(Analyzed::decode(bad).is_none(), "{bad}");
        }
        assert_eq!(Analyzed::decode(" | | ").unwrap(), Analyzed::default());
    }
}
