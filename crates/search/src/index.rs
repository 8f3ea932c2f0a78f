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
use crate::state::{put_str, put_u32, Reader};
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
#[derive(Debug, Clone, Default)]
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
    /// Changed since [`IdList::load`] (a list never loaded always is).
    touched: bool,
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
        self.touched = true;
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

    /// The list of the ascending `ids`.
    fn from_ids(ids: &[u32]) -> IdList {
        let mut l = IdList::default();
        ids.iter().for_each(|&id| l.push(id));
        l
    }

    /// Adds `id` wherever it belongs (at the end, as [`IdList::push`], when it
    /// is the largest).
    fn insert(&mut self, id: u32) {
        if self.len == 0 || id > self.last {
            return self.push(id);
        }
        let mut ids = self.to_vec();
        if let Err(at) = ids.binary_search(&id) {
            ids.insert(at, id);
            *self = IdList::from_ids(&ids);
            self.touched = true;
        }
    }

    /// Moves every id from `from` on one up (`up`) or down, as when a
    /// document is inserted at `from` or the one before it removed.
    fn shift(&mut self, from: u32, up: bool) {
        if self.len == 0 || self.last < from {
            return;
        }
        let ids: Vec<u32> = self
            .iter()
            .map(|id| match (id >= from, up) {
                (false, _) => id,
                (true, true) => id + 1,
                (true, false) => id - 1,
            })
            .collect();
        *self = IdList::from_ids(&ids);
        self.touched = true;
    }

    /// Removes the ids of `gone` (ascending) from the list; true when it had any.
    fn remove(&mut self, gone: &[u32]) -> bool {
        let Some(&first) = gone.first() else {
            return false;
        };
        if self.len == 0 || self.last < first {
            return false;
        }
        let last_gone = gone[gone.len() - 1];
        let found = self
            .iter()
            .take_while(|&id| id <= last_gone)
            .any(|id| gone.binary_search(&id).is_ok());
        if !found {
            return false;
        }
        let kept: Vec<u32> = self
            .iter()
            .filter(|id| gone.binary_search(id).is_err())
            .collect();
        *self = IdList::from_ids(&kept);
        // Also when it is empty now (its word may be gone from the index).
        self.touched = true;
        true
    }

    fn save(&self, out: &mut Vec<u8>) {
        put_u32(out, self.len);
        put_u32(out, self.last);
        put_u32(out, self.bytes.len() as u32);
        out.extend_from_slice(&self.bytes);
    }

    /// Reads what [`IdList::save`] wrote, for an index of `docs` documents.
    fn load(r: &mut Reader<'_>, docs: u32) -> Option<IdList> {
        let (len, last, size) = (r.u32()?, r.u32()?, r.u32()? as usize);
        let bytes = r.take(size)?.to_vec();
        // A list is empty exactly when it has no bytes, its ids are those of
        // the index, and its last varint is whole.
        let whole = bytes.last().is_none_or(|&b| b & 0x80 == 0);
        let ok = (len == 0) == bytes.is_empty() && (len == 0 || last < docs) && whole;
        ok.then_some(IdList {
            bytes,
            last,
            len,
            touched: false,
        })
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

/// The files of the index a previous build wrote, by path (see
/// [`Builder::finish_with`]).
pub type Previous<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

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
    pub fn add_page(&mut self, info: DocInfo, a: Analyzed) {
        self.add_doc(DocKind::Page, info, a.as_ref());
    }

    /// Adds a document of the registry as the next document, after the pages:
    /// `a` is the analysis of its title ("Nghị quyết 05-NQ/TU") and text, and
    /// `number` its number, whose key ([`number_key`], "05nqtu#") is recorded
    /// as a word of its title, so that a query naming the number ranks it
    /// first. Like a page's, `info` is written without date or category.
    pub fn add_document(&mut self, info: DocInfo, a: Analyzed, number: &str) {
        let key = number_key(&words(number));
        self.add_doc(DocKind::Document, info, with_key(a.as_ref(), &key));
    }

    fn add_doc(&mut self, kind: DocKind, info: DocInfo, a: AnalyzedRef<'_>) {
        let doc = self.docs.len() as u32;
        self.docs.push((kind, shown(kind, info)));
        self.index(doc, a);
    }

    /// Sets what the index shows of the document `doc` (its words are set by
    /// [`Builder::reindex`]); its kind stays.
    pub fn set_info(&mut self, doc: u32, info: DocInfo) {
        let (kind, old) = &mut self.docs[doc as usize];
        *old = shown(*kind, info);
    }

    /// The documents' kinds and slugs, by id.
    pub fn docs(&self) -> impl Iterator<Item = (DocKind, &str)> + '_ {
        self.docs.iter().map(|(k, d)| (*k, d.slug.as_str()))
    }

    /// Removes the documents `docs` (ids, ascending) from every list: their ids
    /// stay, without words, until [`Builder::reindex`] gives them new ones. A
    /// word, form or phrase left in no document is left out of the index, as
    /// if it had never been added.
    pub fn unindex(&mut self, docs: &[u32]) {
        for_each_mut(&mut self.words, |(_, acc)| {
            if acc.all.remove(docs) {
                acc.title.remove(docs);
                for (_, all, title) in &mut acc.variants {
                    all.remove(docs);
                    title.remove(docs);
                }
                acc.variants.retain(|(_, all, _)| all.len > 0);
            }
        });
        for_each_mut(&mut self.pairs, |(_, acc)| {
            if acc.all.remove(docs) {
                acc.title.remove(docs);
            }
        });
    }

    /// Inserts a document of `kind` at the id `doc`, without words (see
    /// [`Builder::reindex`]): the documents from `doc` on move up by one.
    pub fn insert_doc(&mut self, doc: u32, kind: DocKind, info: DocInfo) {
        self.docs.insert(doc as usize, (kind, shown(kind, info)));
        self.each_list(|l| l.shift(doc, true));
    }

    /// Removes the document `doc` and its words: the later documents move
    /// down by one.
    pub fn remove_doc(&mut self, doc: u32) {
        self.unindex(&[doc]);
        self.docs.remove(doc as usize);
        self.each_list(|l| l.shift(doc + 1, false));
    }

    /// Runs `f` on every list of the builder.
    fn each_list(&mut self, f: impl Fn(&mut IdList) + Sync + Send) {
        for_each_mut(&mut self.words, |(_, acc)| {
            f(&mut acc.all);
            f(&mut acc.title);
            for (_, all, title) in &mut acc.variants {
                f(all);
                f(title);
            }
        });
        for_each_mut(&mut self.pairs, |(_, acc)| {
            f(&mut acc.all);
            f(&mut acc.title);
        });
    }

    /// Gives the article or page `doc`, taken out by [`Builder::unindex`],
    /// the words `a`.
    pub fn reindex(&mut self, doc: u32, a: AnalyzedRef<'_>) {
        self.index(doc, a);
    }

    /// [`Builder::reindex`] for a document of the registry, with its number
    /// (see [`Builder::add_document`]).
    pub fn reindex_document(&mut self, doc: u32, a: AnalyzedRef<'_>, number: &str) {
        let key = number_key(&words(number));
        self.index(doc, with_key(a, &key));
    }

    /// Records the words `a` for the document `doc`.
    fn index(&mut self, doc: u32, a: AnalyzedRef<'_>) {
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
            acc.all.insert(doc);
            if a.in_title[local] {
                acc.title.insert(doc);
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
            all.insert(doc);
            if in_title {
                title.insert(doc);
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
            acc.all.insert(doc);
            if in_title {
                acc.title.insert(doc);
            }
        }
    }

    /// The lists and the documents' kinds and slugs as bytes, for
    /// [`Builder::load`]. What the index shows of each document is not kept:
    /// it is given again with [`Builder::set_info`]. Words, forms and phrases
    /// in no document are left out.
    pub fn save(&self) -> Vec<u8> {
        // About its size (the lists' bytes and counts), so that it grows once.
        let lists: usize = self
            .words
            .iter()
            .map(|(_, a)| a.all.bytes.len() * 3)
            .sum::<usize>()
            + self
                .pairs
                .iter()
                .map(|(_, a)| a.all.bytes.len() + 32)
                .sum::<usize>();
        let mut out = Vec::with_capacity(lists + self.docs.len() * 32);
        put_u32(&mut out, self.docs.len() as u32);
        for (kind, d) in &self.docs {
            out.push(match kind {
                DocKind::Article => 0,
                DocKind::Page => 1,
                DocKind::Document => 2,
            });
            put_str(&mut out, &d.slug);
        }
        // The words' new numbers, without the words in no document.
        let mut number = vec![0u32; self.words.len()];
        let live = self.words.iter().filter(|(_, acc)| acc.all.len > 0);
        put_u32(&mut out, live.count() as u32);
        let mut next = 0;
        for (i, (word, acc)) in self.words.iter().enumerate() {
            if acc.all.len == 0 {
                continue;
            }
            number[i] = next;
            next += 1;
            put_str(&mut out, word);
            acc.all.save(&mut out);
            acc.title.save(&mut out);
            put_u32(&mut out, acc.variants.len() as u32);
            for (form, all, title) in &acc.variants {
                put_str(&mut out, form);
                all.save(&mut out);
                title.save(&mut out);
            }
        }
        let live = self.pairs.iter().filter(|(_, acc)| acc.all.len > 0);
        put_u32(&mut out, live.count() as u32);
        for ((x, y), acc) in self.pairs.iter().filter(|(_, acc)| acc.all.len > 0) {
            put_u32(&mut out, number[*x as usize]);
            put_u32(&mut out, number[*y as usize]);
            acc.all.save(&mut out);
            acc.title.save(&mut out);
        }
        out
    }

    /// Reads what [`Builder::save`] wrote; `None` when it is not well formed.
    /// Every document shows nothing but its slug until [`Builder::set_info`].
    pub fn load(bytes: &[u8]) -> Option<Builder> {
        let mut r = Reader::new(bytes);
        let mut b = Builder::default();
        let docs = r.count(5)?;
        for _ in 0..docs {
            let kind = match r.take(1)?[0] {
                0 => DocKind::Article,
                1 => DocKind::Page,
                2 => DocKind::Document,
                _ => return None,
            };
            let slug = r.str()?.to_string();
            b.docs.push((
                kind,
                DocInfo {
                    slug,
                    ..DocInfo::default()
                },
            ));
        }
        let docs = docs as u32;
        // The smallest word: its length, two empty lists and no forms.
        let words = r.count(4 + 2 * 12 + 4)?;
        for i in 0..words as u32 {
            let word = r.str()?.to_string();
            let all = IdList::load(&mut r, docs)?;
            let title = IdList::load(&mut r, docs)?;
            let mut variants = Vec::with_capacity(r.count(4 + 2 * 12)?);
            for _ in 0..variants.capacity() {
                let form = r.str()?.to_string();
                variants.push((
                    form,
                    IdList::load(&mut r, docs)?,
                    IdList::load(&mut r, docs)?,
                ));
            }
            if all.len == 0 || b.word_ids.insert(word.clone(), i).is_some() {
                return None;
            }
            let acc = WordAcc {
                all,
                title,
                variants,
            };
            b.words.push((word, acc));
        }
        let pairs = r.count(2 * 4 + 2 * 12)?;
        for i in 0..pairs as u32 {
            let key = (r.u32()?, r.u32()?);
            let all = IdList::load(&mut r, docs)?;
            let title = IdList::load(&mut r, docs)?;
            let known = key.0 < words as u32 && key.1 < words as u32;
            if !known || all.len == 0 || b.pair_ids.insert(key, i).is_some() {
                return None;
            }
            b.pairs.push((key, PairAcc { all, title }));
        }
        r.is_empty().then_some(b)
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
    pub fn finish<E>(&self, emit: impl FnMut(&str, &str) -> Result<(), E>) -> Result<(), E> {
        self.finish_with(None, emit)
    }

    /// [`Builder::finish`] for a builder patched after [`Builder::load`]:
    /// `previous(path)` gives the text of a file of the index as the previous
    /// build wrote it (checked to be untouched), if any. A list with a file of
    /// its own that no change since the load touched is taken from there
    /// rather than written again, when that file has this index's header (the
    /// same documents); everything else is made as [`Builder::finish`] makes
    /// it, so the files are the same.
    pub fn finish_with<E>(
        &self,
        previous: Option<&Previous<'_>>,
        mut emit: impl FnMut(&str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
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
        // The previous build's shards (when it had this header), and their
        // blocks by key.
        let old_shards: Vec<String> = match previous.and_then(|p| p(META)) {
            Some(meta) if meta.starts_with(head.as_str()) => {
                let count = meta
                    .lines()
                    .find_map(|l| l.strip_prefix("shards "))
                    .and_then(parse_u32)
                    .unwrap_or(0);
                let all: Vec<u32> = (0..count).collect();
                map_all(&all, |&k| {
                    previous.and_then(|p| p(&shard_path(u64::from(k))))
                })
                .into_iter()
                .flatten()
                .filter(|text| text.starts_with(head.as_str()))
                .collect()
            }
            _ => Vec::new(),
        };
        let mut old_blocks: HashMap<&str, &str> = HashMap::new();
        for text in &old_shards {
            let body = &text[head.len()..];
            let mut at = 0;
            while at < body.len() {
                // A block runs from its `=key` line to the next one.
                let end = body[at..].find("\n=").map_or(body.len(), |i| at + i + 1);
                let block = &body[at..end];
                if let Some(key) = block
                    .strip_prefix('=')
                    .and_then(|b| b.split_once('\n'))
                    .map(|(k, _)| k)
                {
                    old_blocks.insert(key, block);
                }
                at = end;
            }
        }
        // The block of an untouched list as the previous build wrote it: in a
        // shard, or in a file of its own.
        let reused = |clean: bool, key: &str| -> Option<Block> {
            if !clean {
                return None;
            }
            let own;
            let block = match old_blocks.get(key) {
                Some(block) => *block,
                None => {
                    own = previous?(&own_file(key))?;
                    let block = own.strip_prefix(head.as_str())?;
                    if block.len() <= OWN_FILE_MIN {
                        return None;
                    }
                    block
                }
            };
            let rest = block.strip_prefix('=')?.strip_prefix(key)?;
            if !rest.starts_with('\n') || !block.ends_with('\n') {
                return None;
            }
            // The lists' text: each line after the key, without its `b ` or `t `.
            let payload: usize = block
                .lines()
                .skip(1)
                .map(|l| l.len().saturating_sub(2))
                .sum();
            Some(Block {
                key: key.to_string(),
                cost: compressed_size(block.len(), payload),
                text: block.to_string(),
            })
        };
        let mut lists = Lists {
            head: &head,
            small: Vec::new(),
        };

        // Words: every article with the word (folded) and every title with it;
        // a word written in several forms also has a list per form. Lists are
        // rendered a chunk at a time (in parallel natively), then placed.
        let mut word_place: Vec<Place> = vec![Place::Shard; self.words.len()];
        let mut form_places: Vec<Vec<(String, Option<Place>)>> = vec![Vec::new(); self.words.len()];
        // Words in no document any more (see `Builder::unindex`) are not written.
        let live: Vec<u32> = (0..self.words.len() as u32)
            .filter(|&i| self.words[i as usize].1.all.len > 0)
            .collect();
        for chunk in live.chunks(RENDER_CHUNK) {
            let rendered = map_all(chunk, |&i| {
                let (word, acc) = &self.words[i as usize];
                let clean = !acc.all.touched && !acc.title.touched;
                let block = reused(clean, word).unwrap_or_else(|| {
                    render(word.clone(), &acc.all.to_vec(), &acc.title.to_vec(), n)
                });
                let mut variants: Vec<&(String, IdList, IdList)> = acc.variants.iter().collect();
                variants.sort_by(|a, b| b.1.len.cmp(&a.1.len).then(a.0.cmp(&b.0)));
                let forms: Vec<(String, Option<Block>)> = match variants[..] {
                    [(lower, _, _)] => vec![(lower.clone(), None)],
                    _ => variants
                        .into_iter()
                        .map(|(lower, all, title)| {
                            let key = form_key(lower);
                            let clean = !all.touched && !title.touched;
                            let block = reused(clean, &key)
                                .unwrap_or_else(|| render(key, &all.to_vec(), &title.to_vec(), n));
                            (lower.clone(), Some(block))
                        })
                        .collect(),
                };
                (block, forms)
            });
            for (&i, (block, forms)) in chunk.iter().zip(rendered) {
                word_place[i as usize] = lists.put(block, &mut emit)?;
                let mut places = Vec::with_capacity(forms.len());
                for (lower, block) in forms {
                    let place = block.map(|b| lists.put(b, &mut emit)).transpose()?;
                    places.push((lower, place));
                }
                form_places[i as usize] = places;
            }
        }
        // Two-word phrases; the dictionary names those with a file of their own.
        let mut own_pairs: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
        let live: Vec<&((u32, u32), PairAcc)> = self
            .pairs
            .iter()
            .filter(|(_, acc)| acc.all.len > 0)
            .collect();
        for chunk in live.chunks(RENDER_CHUNK) {
            let rendered = map_all(chunk, |((x, y), acc)| {
                let key = pair_key(&self.words[*x as usize].0, &self.words[*y as usize].0);
                let clean = !acc.all.touched && !acc.title.touched;
                reused(clean, &key)
                    .unwrap_or_else(|| render(key, &acc.all.to_vec(), &acc.title.to_vec(), n))
            });
            for (((x, y), _), block) in chunk.iter().zip(rendered) {
                if let Place::Own(cost) = lists.put(block, &mut emit)? {
                    own_pairs.entry(*x).or_default().push((*y, cost));
                }
            }
        }
        // Prefixes: every article with a word that starts with them.
        let mut order: Vec<u32> = (0..self.words.len() as u32)
            .filter(|&i| self.words[i as usize].1.all.len > 0)
            .collect();
        order.sort_by(|a, b| self.words[*a as usize].0.cmp(&self.words[*b as usize].0));
        // Each prefix of two words or more, with the words (a range of `order`).
        let mut groups: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
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
                    groups.push((prefix, i..j));
                }
                i = j;
            }
        }
        // A prefix whose words' lists (of every document) were not touched,
        // none added or gone, has the list and count it had: its count is
        // read from the previous dictionary.
        let mut old_dicts: Vec<String> = Vec::new();
        let mut old_counts: HashMap<&str, u32> = HashMap::new();
        if let Some(previous) = previous {
            let mut dirty: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for (word, acc) in &self.words {
                if acc.all.touched {
                    for chars in 2..=MAX_PREFIX_CHARS {
                        if let Some(p) = char_prefix(word, chars) {
                            dirty.insert(p);
                        }
                    }
                }
            }
            let mut keys: Vec<&str> = groups
                .iter()
                .filter(|(p, _)| !dirty.contains(p))
                .map(|(p, _)| dict_key(p))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                if let Some(text) = previous(&dict_file(key)) {
                    if text.starts_with(head.as_str()) {
                        old_dicts.push(text);
                    }
                }
            }
            for text in &old_dicts {
                for line in text[head.len()..].lines() {
                    let Some(rest) = line.strip_prefix(PREFIX_MARK) else {
                        continue;
                    };
                    let mut fields = rest.split(' ');
                    if let (Some(p), Some(df)) = (fields.next(), fields.next()) {
                        if let (false, Some(df)) = (dirty.contains(p), parse_u32(df)) {
                            old_counts.insert(p, df);
                        }
                    }
                }
            }
        }
        let mut prefixes: Vec<(String, u32, Place)> = Vec::with_capacity(groups.len());
        for chunk in groups.chunks(RENDER_CHUNK) {
            let rendered = map_all(chunk, |(prefix, words)| {
                if let Some(&df) = old_counts.get(prefix) {
                    if let Some(block) = reused(true, &prefix_key(prefix)) {
                        return (df, block);
                    }
                }
                let mut bits = vec![0u64; (n as usize).div_ceil(64)];
                for &w in &order[words.clone()] {
                    for id in self.words[w as usize].1.all.iter() {
                        bits[id as usize / 64] |= 1 << (id % 64);
                    }
                }
                let ids: Vec<u32> = crate::format::ones(&bits).collect();
                (ids.len() as u32, render(prefix_key(prefix), &ids, &[], n))
            });
            for ((prefix, _), (df, block)) in chunk.iter().zip(rendered) {
                let place = lists.put(block, &mut emit)?;
                prefixes.push((prefix.to_string(), df, place));
            }
        }

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

/// `info` as the index shows a document of `kind`: a page or a registry
/// document has no date or category.
fn shown(kind: DocKind, mut info: DocInfo) -> DocInfo {
    if kind != DocKind::Article {
        info.date.clear();
        info.category.clear();
        info.category_name.clear();
    }
    info
}

/// The words `a` of a registry document with its number's `key`, if it has
/// one, as a word of its title.
fn with_key<'a>(mut a: AnalyzedRef<'a>, key: &'a Option<String>) -> AnalyzedRef<'a> {
    if let Some(key) = key {
        a.folded.push(key);
        a.in_title.push(true);
    }
    a
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

/// Lists rendered at a time by [`Builder::finish`] (in parallel natively):
/// enough to keep the threads busy, few enough to bound the text in memory.
const RENDER_CHUNK: usize = 4096;

/// `f` of every item of `items`, in order: on all cores natively, on one in
/// the browser (which never writes an index).
fn map_all<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.iter().map(f).collect()
    }
}

/// Runs `f` on every item of `items`: on all cores natively, on one in the
/// browser.
fn for_each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync + Send) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.par_iter_mut().for_each(f);
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.iter_mut().for_each(f);
    }
}

/// A posting list as text: its key, its block (`=key`, then `b` with every
/// document with it and `t` with the titles, if any) and about what the block
/// costs once compressed.
struct Block {
    key: String,
    text: String,
    cost: usize,
}

/// The block of `key`: `all` (every document with it) and `title`, in an
/// index of `n` documents.
fn render(key: String, all: &[u32], title: &[u32], n: u32) -> Block {
    let mut b = String::with_capacity(key.len() + 16);
    let _ = writeln!(b, "={key}");
    let mut payload = 0;
    for (name, ids) in [("b", all), ("t", title)] {
        if ids.is_empty() && name == "t" {
            continue;
        }
        b.push_str(name);
        b.push(' ');
        let before = b.len();
        write_list(ids, n, &mut b);
        payload += b.len() - before;
        b.push('\n');
    }
    let cost = compressed_size(b.len(), payload);
    Block { key, text: b, cost }
}

/// The posting lists being written: big ones go out at once, small ones wait
/// for their shard.
struct Lists<'a> {
    head: &'a str,
    /// (key, block, estimated compressed size).
    small: Vec<(String, String, usize)>,
}

impl Lists<'_> {
    /// Places the list `block`: in a file of its own when it is big, else in
    /// its shard (written at the end).
    fn put<E>(
        &mut self,
        block: Block,
        emit: &mut impl FnMut(&str, &str) -> Result<(), E>,
    ) -> Result<Place, E> {
        if block.text.len() > OWN_FILE_MIN {
            emit(
                &own_file(&block.key),
                &format!("{}{}", self.head, block.text),
            )?;
            Ok(Place::Own(block.cost))
        } else {
            self.small.push((block.key, block.text, block.cost));
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

    /// Every file `b` writes, by path.
    fn files(b: &Builder) -> Vec<(String, String)> {
        let mut out = Vec::new();
        b.finish(|path, text| -> Result<(), ()> {
            out.push((path.to_string(), text.to_string()));
            Ok(())
        })
        .unwrap();
        out.sort();
        out
    }

    fn info(slug: &str, title: &str) -> DocInfo {
        DocInfo {
            slug: slug.into(),
            date: "2025-01-02T03:04:05+07:00".into(),
            category: "xa-hoi".into(),
            category_name: "Xã hội".into(),
            title: title.into(),
            lead: format!("Tóm tắt của {title}"),
        }
    }

    /// Articles (slug, title, text), a page and a registry document, added as
    /// a build adds them.
    fn built(articles: &[(&str, &str, &str)]) -> Builder {
        let mut b = Builder::new();
        for (slug, title, text) in articles {
            b.add(info(slug, title), analyze(title, text));
        }
        b.add_page(
            info("gioi-thieu", "Giới thiệu"),
            analyze("Giới thiệu", "Đường mới"),
        );
        let title = "Nghị quyết 05-NQ/TU";
        b.add_document(
            info("05", title),
            analyze(title, "Về đường mới"),
            "05-NQ/TU",
        );
        b
    }

    #[test]
    fn a_saved_builder_patched_writes_what_a_full_one_does() {
        let texts: Vec<(String, String, String)> = (0..40)
            .map(|i| {
                let text = format!("Con đường số {i} mới mở. Cầu {} bắc qua sông Mây.", i % 7);
                (format!("bai-{i}"), format!("Đường {i}"), text)
            })
            .collect();
        let before: Vec<(&str, &str, &str)> = texts
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let old = built(&before);
        let saved = old.save();
        // Article 9 changed: a word only it had ("Cầu 2" is in others) goes,
        // new words and forms come, its title changed.
        let mut after = before.clone();
        after[9] = (
            "bai-9",
            "Đường Khe Mây",
            "Kho lạnh KHO lạnh ở Khe Mây, đường mới.",
        );
        let full = built(&after);
        let mut patched = Builder::load(&saved).unwrap();
        assert_eq!(patched.len(), 42);
        let kinds: Vec<(DocKind, &str)> = patched.docs().collect();
        assert_eq!(kinds, full.docs().collect::<Vec<_>>());
        // The caller gives every document's info again.
        for (i, (slug, title, _)) in after.iter().enumerate() {
            patched.set_info(i as u32, info(slug, title));
        }
        patched.set_info(40, info("gioi-thieu", "Giới thiệu"));
        patched.set_info(41, info("05", "Nghị quyết 05-NQ/TU"));
        patched.unindex(&[9]);
        patched.reindex(9, analyze(after[9].1, after[9].2).as_ref());
        assert_eq!(files(&patched), files(&full));
        // Saved again, it loads as the same index.
        let again = Builder::load(&patched.save()).unwrap();
        let mut shown = again;
        for i in 0..42 {
            let (_, d) = &patched.docs[i as usize];
            shown.set_info(i, d.clone());
        }
        assert_eq!(files(&shown), files(&full));

        // The registry document changed its number and text.
        let mut doc = Builder::load(&saved).unwrap();
        let mut full = built(&before);
        full.docs.pop();
        let title = "Nghị quyết 06-NQ/TU";
        full.add_document(info("05", title), analyze(title, "Kho lạnh"), "06-NQ/TU");
        for i in 0..42 {
            doc.set_info(i, full.docs[i as usize].1.clone());
        }
        doc.unindex(&[41]);
        doc.reindex_document(41, analyze(title, "Kho lạnh").as_ref(), "06-NQ/TU");
        // (`full` added the old document's words before popping it: build it whole.)
        let mut whole = Builder::new();
        for (slug, title, text) in &before {
            whole.add(info(slug, title), analyze(title, text));
        }
        whole.add_page(
            info("gioi-thieu", "Giới thiệu"),
            analyze("Giới thiệu", "Đường mới"),
        );
        whole.add_document(info("05", title), analyze(title, "Kho lạnh"), "06-NQ/TU");
        assert_eq!(files(&doc), files(&whole));

        // A new newest article (before the page and the document), then an
        // old one removed.
        let mut grown = after.clone();
        grown.push(("bai-moi", "Tin mới nhất", "Cầu Khe Mây thông xe."));
        let mut patched = Builder::load(&saved).unwrap();
        patched.insert_doc(40, DocKind::Article, DocInfo::default());
        let mut shrunk = grown.clone();
        shrunk.remove(3);
        patched.remove_doc(3);
        for (i, (slug, title, _)) in shrunk.iter().enumerate() {
            patched.set_info(i as u32, info(slug, title));
        }
        patched.set_info(40, info("gioi-thieu", "Giới thiệu"));
        patched.set_info(41, info("05", "Nghị quyết 05-NQ/TU"));
        patched.unindex(&[8, 39]);
        patched.reindex(8, analyze(shrunk[8].1, shrunk[8].2).as_ref());
        patched.reindex(39, analyze(shrunk[39].1, shrunk[39].2).as_ref());
        assert_eq!(files(&patched), files(&built(&shrunk)));

        // A state cut anywhere, or with a byte changed in its counts, is refused.
        for cut in [
            0,
            1,
            4,
            5,
            saved.len() / 3,
            saved.len() / 2,
            saved.len() - 1,
        ] {
            assert!(Builder::load(&saved[..cut]).is_none(), "{cut}");
        }
        let mut longer = saved.clone();
        longer.push(0);
        assert!(Builder::load(&longer).is_none());
    }

    /// [`files`] through [`Builder::finish_with`] with the files `old`, and
    /// how many of them were read.
    fn files_with(b: &Builder, old: &HashMap<String, String>) -> (Vec<(String, String)>, usize) {
        let read = std::sync::atomic::AtomicUsize::new(0);
        let previous = |path: &str| {
            let text = old.get(path).cloned();
            if text.is_some() {
                read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            text
        };
        let mut out = Vec::new();
        b.finish_with(Some(&previous), |path, text| -> Result<(), ()> {
            out.push((path.to_string(), text.to_string()));
            Ok(())
        })
        .unwrap();
        out.sort();
        (out, read.into_inner())
    }

    #[test]
    fn untouched_lists_are_taken_from_the_previous_files() {
        // Enough articles for lists with files of their own (words in a third
        // or a fifth of them, and their prefixes).
        let texts: Vec<(String, String, String)> = (0..20000)
            .map(|i| {
                // A scrambled number: lists without a pattern to compress.
                let r = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40;
                let text = format!(
                    "Alpha{} beta{} gamma{} tin {i}.",
                    r % 3,
                    (r / 3) % 5,
                    (r / 15) % 11
                );
                (format!("bai-{i}"), format!("Tin {}", i % 97), text)
            })
            .collect();
        let before: Vec<(&str, &str, &str)> = texts
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let old_files: HashMap<String, String> = files(&built(&before)).into_iter().collect();
        assert!(
            old_files.keys().filter(|p| p.starts_with("tim/t/")).count() > 10,
            "lists with files of their own"
        );
        let saved = built(&before).save();
        let patch = |docs: &[(&str, &str, &str)], changed: &[u32]| {
            let mut b = Builder::load(&saved).unwrap();
            for (i, (slug, title, _)) in docs.iter().enumerate() {
                b.set_info(i as u32, info(slug, title));
            }
            let n = docs.len() as u32;
            b.set_info(n, info("gioi-thieu", "Giới thiệu"));
            b.set_info(n + 1, info("05", "Nghị quyết 05-NQ/TU"));
            b.unindex(changed);
            for &d in changed {
                let (_, title, text) = docs[d as usize];
                b.reindex(d, analyze(title, text).as_ref());
            }
            b
        };
        // Article 4000 changed: out of the lists of alpha1 (big), beta0 and
        // gamma10, into alpha2's and new words'.
        let mut after = before.clone();
        after[4000] = ("bai-4000", "Tin mới", "Alpha2 betax delta tin 4000.");
        assert!(before[4000].2.starts_with("Alpha1 beta0 gamma10"));
        let (got, read) = files_with(&patch(&after, &[4000]), &old_files);
        assert_eq!(got, files(&built(&after)));
        assert!(
            read > 10,
            "untouched lists were taken from the old files ({read})"
        );
        // Changed back: the same files as before.
        let (got, _) = files_with(&patch(&before, &[4000]), &old_files);
        assert_eq!(got, files(&built(&before)));
        // A newest article: every file has another header, nothing is taken.
        let mut grown = before.clone();
        grown.push(("bai-moi", "Tin mới nhất", "Alpha2 beta0 tin mới."));
        let mut b = Builder::load(&saved).unwrap();
        b.insert_doc(20000, DocKind::Article, DocInfo::default());
        for (i, (slug, title, _)) in grown.iter().enumerate() {
            b.set_info(i as u32, info(slug, title));
        }
        b.set_info(20001, info("gioi-thieu", "Giới thiệu"));
        b.set_info(20002, info("05", "Nghị quyết 05-NQ/TU"));
        b.reindex(20000, analyze(grown[20000].1, grown[20000].2).as_ref());
        assert_eq!(files_with(&b, &old_files).0, files(&built(&grown)));
    }

    #[test]
    fn id_lists_insert_and_remove() {
        let mut l = IdList::from_ids(&[2, 5, 9]);
        l.insert(7);
        l.insert(12);
        l.insert(5);
        assert_eq!(l.to_vec(), [2, 5, 7, 9, 12]);
        assert_eq!((l.len, l.last), (5, 12));
        assert!(!l.remove(&[3, 13]));
        assert!(l.remove(&[2, 12]));
        assert_eq!(l.to_vec(), [5, 7, 9]);
        assert_eq!(l.last, 9);
        assert!(l.remove(&[5, 7, 9]));
        assert_eq!((l.len, l.bytes.len()), (0, 0));
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
