//! From parsed articles to the contract's documents: the site model (sorted,
//! grouped, related computed once) and the list of documents to write.

use std::collections::BTreeMap;
use std::io;

use xxhash_rust::xxh3::Xxh3;

use bantin_contract::{
    paths, Article, ArticleSummary, Block, Home, HomeSection, InfoPage, Listing, ListingKind,
    SiteSettings, Term, CONTRACT_VERSION,
};

use rayon::prelude::*;

use crate::article::{parse_article, Parsed};
use crate::cache;
use crate::diag::Diagnostic;
use crate::images::ImageStore;
use crate::related;
use crate::summary::{rfc3339, summarize};

/// Articles per listing page (ten, as provincial portals list them; short pages load fast on phones).
pub const PER_PAGE: usize = 10;
/// Articles in the home page's "latest" list, after the lead story.
pub const HOME_LATEST: usize = 10;
/// Articles in each category block of the home page.
pub const HOME_SECTION: usize = 4;
/// Related articles per article.
pub const RELATED: usize = 6;

/// A tag with the articles that carry it (indexes into [`Model::articles`], newest first).
#[derive(Debug, Clone)]
pub struct TagGroup {
    /// The tag.
    pub term: Term,
    /// Its articles.
    pub items: Vec<u32>,
}

/// Everything the documents are made from.
pub struct Model {
    /// The site settings.
    pub site: SiteSettings,
    /// Articles, newest first (ties by slug).
    pub articles: Vec<Parsed>,
    /// Their summaries, same order.
    pub summaries: Vec<ArticleSummary>,
    /// Related articles of each, best first.
    pub related: Vec<Vec<u32>>,
    /// How they were computed (see [`related::related_with_state`]).
    pub related_computed: related::Computed,
    /// Their state for the next build (empty when not kept).
    pub related_state: Vec<u8>,
    /// Articles of each category, in `site.categories` order, newest first.
    pub by_category: Vec<Vec<u32>>,
    /// Tags sorted by slug.
    pub tags: Vec<TagGroup>,
    /// Every article, newest first (the latest news listing).
    latest: Vec<u32>,
    /// A fingerprint of everything each article was parsed from (0: unknown).
    pub fingerprints: Vec<u128>,
    /// For articles whose body was not kept (from the parse cache): their files' hash.
    partial: Vec<Option<u128>>,
    /// Images, for reading those bodies again.
    images: Option<std::sync::Arc<ImageStore>>,
    /// A fingerprint of the site settings.
    site_fingerprint: u128,
    /// Warnings about the content (`site.toml` and every article), sorted.
    pub warnings: Vec<Diagnostic>,
    /// The site's pages (`content/pages/`), in file order.
    pub pages: Vec<InfoPage>,
    /// The documents registry (`content/documents/`), newest first.
    pub registry: crate::documents::Registry,
    /// The `[offline]` settings of `site.toml` (service worker, manifest).
    pub offline: crate::offline::Settings,
    /// The `[security]` settings and `data_url` of `site.toml`.
    pub security: crate::security::Settings,
    /// The web editor's settings (`[editor]` in `site.toml`).
    pub editor: crate::editor::Settings,
    /// `site.toml`'s `[brand]` (the main site's, in a section too).
    pub brand: crate::brand::Brand,
    /// The brand's logo, checked and read: its image, and its SVG text or raster bytes.
    pub logo: Option<(bantin_contract::Image, crate::cards::Logo)>,
    /// The build's clock (Unix seconds): articles dated after it are held back.
    pub now: i64,
    /// The articles this build holds back (drafts, scheduled).
    pub held: crate::build::Held,
    /// The brand's banner for wide screens, checked (its copies made with the photos').
    pub banner: Option<bantin_contract::Image>,
    /// The brand's fonts, checked (`[brand]` `heading_font`, `body_font`).
    pub fonts: crate::fonts::Fonts,
    /// Each article's versions in the site's other languages (by index; an
    /// article past the end has none), set once every section is read.
    pub translations: Vec<Vec<bantin_contract::Alternate>>,
    /// Each page's file and `translation_of` (slug, line), by index in `pages`.
    pub page_sources: Vec<(String, Option<(String, usize)>)>,
}

/// An article and where it comes from, for [`Model::from_sources`].
pub struct Source {
    /// The article.
    pub parsed: Parsed,
    /// A fingerprint of everything it was parsed from (0: unknown).
    pub fingerprint: u128,
    /// When its body was not kept: the hash of its file's bytes, to read it again.
    pub partial: Option<u128>,
}

impl Model {
    /// Sorts and groups the articles (whose categories are known to exist) and computes related lists.
    pub fn new(site: SiteSettings, articles: Vec<Parsed>) -> Model {
        let sources = articles
            .into_iter()
            .map(|parsed| Source {
                parsed,
                fingerprint: 0,
                partial: None,
            })
            .collect();
        Model::build(site, sources, None, None)
    }

    /// Like [`Model::new`], for articles with fingerprints, some with their body
    /// to be read again from `images`' content folder when rendered.
    pub fn from_sources(
        site: SiteSettings,
        sources: Vec<Source>,
        images: impl Into<std::sync::Arc<ImageStore>>,
    ) -> Model {
        Model::build(site, sources, Some(images.into()), None)
    }

    /// [`Model::from_sources`] with the related lists' state of the previous
    /// build (the bytes of [`related::STATE`]), which spares computing the
    /// lists no changed article can change.
    pub fn from_sources_with_related(
        site: SiteSettings,
        sources: Vec<Source>,
        images: impl Into<std::sync::Arc<ImageStore>>,
        related_state: Option<&[u8]>,
    ) -> Model {
        Model::build(site, sources, Some(images.into()), related_state)
    }

    /// The content's images (none for a model made without a content folder).
    pub fn images(&self) -> Option<&ImageStore> {
        self.images.as_deref()
    }

    /// The content's images, shared (a section of the site reads the main site's).
    pub fn shared_images(&self) -> Option<std::sync::Arc<ImageStore>> {
        self.images.clone()
    }

    fn build(
        site: SiteSettings,
        sources: Vec<Source>,
        images: Option<std::sync::Arc<ImageStore>>,
        related_state: Option<&[u8]>,
    ) -> Model {
        // Sorted as indexes, then moved once (a source is big).
        let mut order: Vec<usize> = (0..sources.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&sources[a].parsed, &sources[b].parsed);
            b.published.cmp(&a.published).then(a.slug.cmp(&b.slug))
        });
        let mut slots: Vec<Option<Source>> = sources.into_iter().map(Some).collect();
        let sources: Vec<Source> = order
            .into_iter()
            .map(|i| slots[i].take().expect("each index once"))
            .collect();
        let mut fingerprints = Vec::with_capacity(sources.len());
        let mut partial = Vec::with_capacity(sources.len());
        let articles: Vec<Parsed> = sources
            .into_iter()
            .map(|s| {
                fingerprints.push(s.fingerprint);
                partial.push(s.partial);
                s.parsed
            })
            .collect();
        let site_fingerprint = cache::hash(
            serde_json::to_string(&site)
                .expect("settings serialize")
                .as_bytes(),
        );
        let cat_index: BTreeMap<&str, usize> = site
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.as_str(), i))
            .collect();
        let cat_terms: Vec<Term> = site
            .categories
            .iter()
            .map(|c| Term {
                slug: c.slug.clone(),
                name: c.name.clone(),
            })
            .collect();
        let mut by_category = vec![Vec::new(); site.categories.len()];
        // slug -> (name -> count, articles)
        let mut tag_map: BTreeMap<&str, (BTreeMap<&str, usize>, Vec<u32>)> = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            by_category[cat_index[a.category.as_str()]].push(i as u32);
            for t in &a.tags {
                let e = tag_map.entry(t.slug.as_str()).or_default();
                *e.0.entry(t.name.as_str()).or_default() += 1;
                e.1.push(i as u32);
            }
        }
        let tags = tag_map
            .into_iter()
            .map(|(slug, (names, items))| {
                // The most used spelling names the tag; ties go to the first in sort order.
                let name = names
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(n, _)| n.to_string())
                    .unwrap_or_default();
                TagGroup {
                    term: Term {
                        slug: slug.to_string(),
                        name,
                    },
                    items,
                }
            })
            .collect();
        let summaries = articles
            .par_iter()
            .map(|a| summarize(a, &cat_terms[cat_index[a.category.as_str()]]))
            .collect();
        let texts: Vec<String> = articles
            .par_iter()
            .map(|a| format!("{} {}", a.title, a.lead.as_deref().unwrap_or("")))
            .collect();
        let tag_slugs: Vec<Vec<String>> = articles
            .par_iter()
            .map(|a| a.tags.iter().map(|t| t.slug.clone()).collect())
            .collect();
        let inputs: Vec<related::Input> = articles
            .iter()
            .zip(&texts)
            .zip(&tag_slugs)
            .map(|((a, text), tags)| related::Input {
                category: &a.category,
                tags,
                text,
            })
            .collect();
        let (related, related_state, related_computed) = match related_state {
            Some(previous) => related::related_with_state(&inputs, RELATED, Some(previous)),
            None => (
                related::related(&inputs, RELATED),
                Vec::new(),
                related::Computed::Whole,
            ),
        };
        let articles_len = articles.len();
        let mut warnings: Vec<Diagnostic> = articles
            .iter()
            .flat_map(|a| a.warnings.iter().cloned())
            .collect();
        warnings.sort();
        Model {
            site,
            articles,
            summaries,
            related,
            related_computed,
            related_state,
            by_category,
            tags,
            latest: (0..articles_len as u32).collect(),
            fingerprints,
            partial,
            images,
            site_fingerprint,
            warnings,
            pages: Vec::new(),
            registry: Default::default(),
            offline: Default::default(),
            security: Default::default(),
            editor: Default::default(),
            brand: Default::default(),
            logo: None,
            fonts: crate::fonts::Fonts::default(),
            banner: None,
            now: i64::MAX,
            held: crate::build::Held::default(),
            translations: Vec::new(),
            page_sources: Vec::new(),
        }
    }

    /// A fingerprint of the inputs of the summaries of `items` and of the site
    /// settings, mixed into `h`; false when one is unknown.
    fn mix_items(&self, h: &mut Xxh3, items: &[u32]) -> bool {
        h.update(&self.site_fingerprint.to_le_bytes());
        for &i in items {
            let f = self.fingerprints[i as usize];
            if f == 0 {
                return false;
            }
            h.update(&f.to_le_bytes());
        }
        true
    }

    /// A fingerprint of everything the document of article `i` is made from
    /// (its article, its related articles' summaries, the settings); 0 when unknown.
    pub fn article_inputs(&self, i: usize) -> u128 {
        let mut h = Xxh3::new();
        h.update(b"article");
        if self.fingerprints[i] == 0 || !self.mix_items(&mut h, &[i as u32]) {
            return 0;
        }
        if !self.mix_items(&mut h, &self.related[i]) {
            return 0;
        }
        for t in self.translations.get(i).into_iter().flatten() {
            h.update(t.lang.as_bytes());
            h.update(&[0]);
            h.update(t.url.as_bytes());
            h.update(&[0]);
        }
        h.digest128()
    }

    /// A fingerprint of everything the document `job` is made from; 0 when unknown
    /// (then it is always rendered).
    pub fn inputs(&self, job: Job) -> u128 {
        let listing = |tag: &[u8], term: &str, items: &[u32], page: u32| {
            let start = (page as usize - 1) * PER_PAGE;
            let end = (start + PER_PAGE).min(items.len());
            let mut h = Xxh3::new();
            h.update(tag);
            h.update(term.as_bytes());
            h.update(&[0]);
            h.update(&page.to_le_bytes());
            h.update(&(items.len() as u64).to_le_bytes());
            if !self.mix_items(&mut h, items.get(start..end).unwrap_or(&[])) {
                return 0;
            }
            h.digest128()
        };
        match job {
            Job::Site | Job::Home | Job::Page(_) | Job::Registry | Job::Document(_) => 0,
            Job::Article(i) => self.article_inputs(i),
            Job::Latest(page) => listing(b"latest", "", &self.latest, page),
            Job::Category(c, page) => listing(
                b"category",
                &self.site.categories[c].slug,
                &self.by_category[c],
                page,
            ),
            Job::Tag(t, page) => {
                let g = &self.tags[t];
                // The tag's name is the most used spelling among all its articles.
                let term = format!("{}\0{}", g.term.slug, g.term.name);
                listing(b"tag", &term, &g.items, page)
            }
        }
    }

    /// The path (relative to the data root) of the document `job`.
    pub fn path(&self, job: Job) -> String {
        match job {
            Job::Site => paths::SITE.to_string(),
            Job::Home => paths::HOME.to_string(),
            Job::Article(i) => paths::article(&self.articles[i].slug),
            Job::Page(i) => paths::page(&self.pages[i].slug),
            Job::Registry => paths::REGISTRY.to_string(),
            Job::Document(i) => paths::document(&self.registry.documents[i].slug),
            Job::Latest(page) => paths::latest(page),
            Job::Category(c, page) => paths::category(&self.site.categories[c].slug, page),
            Job::Tag(t, page) => paths::tag(&self.tags[t].term.slug, page),
        }
    }

    /// True when article `i` came from the parse cache: its body was not read
    /// in this build (see [`crate::cache`]).
    pub fn is_partial(&self, i: usize) -> bool {
        self.partial[i].is_some()
    }

    /// The full body of article `i` (see [`Model::is_partial`]).
    pub fn article_body(&self, i: usize) -> io::Result<Vec<Block>> {
        self.body(i)
    }

    /// The full body of article `i`, read again from its file when it came from the cache.
    fn body(&self, i: usize) -> io::Result<Vec<Block>> {
        let a = &self.articles[i];
        let (Some(hash), Some(images)) = (self.partial[i], &self.images) else {
            return Ok(a.body.clone());
        };
        let changed = || {
            io::Error::other(format!(
                "tệp {} đã thay đổi trong khi dựng; hãy chạy lại lệnh dựng",
                a.path
            ))
        };
        let bytes = std::fs::read(&a.path)?;
        if cache::hash(&bytes) != hash {
            return Err(changed());
        }
        let text = String::from_utf8(bytes).map_err(|_| changed())?;
        match parse_article(&a.path, &text, &self.site.categories, images) {
            Ok(full) => Ok(full.body),
            Err(_) => Err(changed()),
        }
    }

    /// The visible text of article `i`'s body (see [`bantin_contract::plain_text`]).
    pub fn body_text(&self, i: usize) -> io::Result<String> {
        if self.partial[i].is_none() {
            return Ok(bantin_contract::plain_text(&self.articles[i].body));
        }
        self.body(i).map(|b| bantin_contract::plain_text(&b))
    }

    fn category_term(&self, i: usize) -> Term {
        let c = &self.site.categories[i];
        Term {
            slug: c.slug.clone(),
            name: c.name.clone(),
        }
    }

    fn pick(&self, items: &[u32]) -> Vec<ArticleSummary> {
        items
            .iter()
            .map(|&i| self.summaries[i as usize].clone())
            .collect()
    }

    /// Every document to write, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Site, Job::Home];
        jobs.extend((0..self.articles.len()).map(Job::Article));
        jobs.extend((0..self.pages.len()).map(Job::Page));
        if !self.registry.documents.is_empty() {
            jobs.push(Job::Registry);
            jobs.extend((0..self.registry.documents.len()).map(Job::Document));
        }
        jobs.extend((1..=page_count(self.articles.len())).map(Job::Latest));
        for (c, items) in self.by_category.iter().enumerate() {
            jobs.extend((1..=page_count(items.len())).map(|p| Job::Category(c, p)));
        }
        for (t, g) in self.tags.iter().enumerate() {
            jobs.extend((1..=page_count(g.items.len())).map(|p| Job::Tag(t, p)));
        }
        jobs
    }

    /// The folders (relative to the data root) the documents go in.
    pub fn folders(&self) -> Vec<String> {
        let parent = |p: String| p.rsplit_once('/').map(|(d, _)| d.to_string());
        let mut out: Vec<String> = Vec::new();
        out.extend(parent(paths::article("x")));
        out.extend(parent(paths::latest(1)));
        out.extend(parent(paths::page("x")));
        if !self.registry.documents.is_empty() {
            out.extend(parent(paths::document("x")));
        }
        for c in &self.site.categories {
            out.extend(parent(paths::category(&c.slug, 1)));
        }
        for t in &self.tags {
            out.extend(parent(paths::tag(&t.term.slug, 1)));
        }
        out
    }

    /// The path (relative to the data root) and compact JSON of one document.
    pub fn render(&self, job: Job) -> io::Result<(String, String)> {
        let json = |v: &dyn erased::Json| v.to_json();
        Ok(match job {
            Job::Site => (paths::SITE.to_string(), json(&self.site)),
            Job::Home => (paths::HOME.to_string(), json(&self.home())),
            Job::Article(i) => {
                let a = self.try_article(i)?;
                (paths::article(&a.slug), json(&a))
            }
            Job::Page(i) => (self.path(job), json(&self.pages[i])),
            Job::Registry => (self.path(job), json(&self.registry.index())),
            Job::Document(i) => (self.path(job), json(&self.registry.documents[i])),
            Job::Latest(_) | Job::Category(..) | Job::Tag(..) => {
                let l = self.listing_of(job).expect("a listing job");
                (self.path(job), json(&l))
            }
        })
    }

    /// The listing document of a listing job (`None` for other jobs).
    pub fn listing_of(&self, job: Job) -> Option<Listing> {
        Some(match job {
            Job::Latest(page) => self.listing(ListingKind::Latest, None, &self.latest, page),
            Job::Category(c, page) => self.listing(
                ListingKind::Category,
                Some(self.category_term(c)),
                &self.by_category[c],
                page,
            ),
            Job::Tag(t, page) => {
                let g = &self.tags[t];
                self.listing(ListingKind::Tag, Some(g.term.clone()), &g.items, page)
            }
            Job::Site
            | Job::Home
            | Job::Article(_)
            | Job::Page(_)
            | Job::Registry
            | Job::Document(_) => return None,
        })
    }

    /// The home page document.
    pub fn home(&self) -> Home {
        let latest_end = (1 + HOME_LATEST).min(self.summaries.len());
        Home {
            version: CONTRACT_VERSION,
            lead: self.summaries.first().cloned(),
            latest: self.summaries.get(1..latest_end).unwrap_or(&[]).to_vec(),
            sections: self
                .by_category
                .iter()
                .enumerate()
                .map(|(c, items)| HomeSection {
                    category: self.category_term(c),
                    items: self.pick(&items[..items.len().min(HOME_SECTION)]),
                })
                .collect(),
        }
    }

    /// The document of article `i`; panics when its body cannot be read again
    /// (see [`Model::try_article`]).
    pub fn article(&self, i: usize) -> Article {
        self.try_article(i).expect("article body")
    }

    /// The document of article `i`, reading its body again if the cache left it out.
    pub fn try_article(&self, i: usize) -> io::Result<Article> {
        let a = &self.articles[i];
        let body = self.body(i)?;
        Ok(Article {
            version: CONTRACT_VERSION,
            slug: a.slug.clone(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            published: rfc3339(a.published),
            updated: a.updated.map(rfc3339),
            category: self.summaries[i].category.clone(),
            tags: a.tags.clone(),
            author: a.author.clone(),
            source: a.source.clone(),
            cover: a.cover.clone(),
            body,
            attachments: a.attachments.clone(),
            related: self.pick(&self.related[i]),
            translations: self.translations.get(i).cloned().unwrap_or_default(),
        })
    }

    /// Page `page` (1-based) of a listing of `items`.
    pub fn listing(
        &self,
        kind: ListingKind,
        term: Option<Term>,
        items: &[u32],
        page: u32,
    ) -> Listing {
        let start = (page as usize - 1) * PER_PAGE;
        let end = (start + PER_PAGE).min(items.len());
        Listing {
            version: CONTRACT_VERSION,
            kind,
            term,
            page,
            page_count: page_count(items.len()),
            total: items.len() as u32,
            per_page: PER_PAGE as u32,
            items: self.pick(items.get(start..end).unwrap_or(&[])),
        }
    }
}

/// Pages a listing of `n` articles needs (at least one, even when empty).
pub fn page_count(n: usize) -> u32 {
    n.div_ceil(PER_PAGE).max(1) as u32
}

/// One document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// `site.json`.
    Site,
    /// `trang-chu.json`.
    Home,
    /// An article, by index.
    Article(usize),
    /// A page of the site, by index in [`Model::pages`].
    Page(usize),
    /// The documents registry's listing (`van-ban/index.json`).
    Registry,
    /// A document of the registry, by index in its documents.
    Document(usize),
    /// A page of the latest news.
    Latest(u32),
    /// A page of a category (index in `site.categories`).
    Category(usize, u32),
    /// A page of a tag (index in [`Model::tags`]).
    Tag(usize, u32),
}

/// Compact JSON of any document, as `data/` holds it (also for the pages' data islands).
pub(crate) mod erased {
    /// Compact JSON for any serializable document.
    pub trait Json {
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("documents always serialize")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(10), 1);
        assert_eq!(page_count(11), 2);
        assert_eq!(page_count(25), 3);
    }
}
