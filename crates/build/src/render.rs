//! From parsed articles to the contract's documents: the site model (sorted,
//! grouped, related computed once) and the list of documents to write.

use std::collections::BTreeMap;

use bantin_contract::{
    paths, Article, ArticleSummary, Home, HomeSection, Listing, ListingKind, SiteSettings, Term,
    CONTRACT_VERSION,
};

use crate::article::Parsed;
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
    /// Articles of each category, in `site.categories` order, newest first.
    pub by_category: Vec<Vec<u32>>,
    /// Tags sorted by slug.
    pub tags: Vec<TagGroup>,
}

impl Model {
    /// Sorts and groups the articles (whose categories are known to exist) and computes related lists.
    pub fn new(site: SiteSettings, mut articles: Vec<Parsed>) -> Model {
        articles.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
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
            .iter()
            .map(|a| summarize(a, &cat_terms[cat_index[a.category.as_str()]]))
            .collect();
        let texts: Vec<String> = articles
            .iter()
            .map(|a| format!("{} {}", a.title, a.lead.as_deref().unwrap_or("")))
            .collect();
        let tag_slugs: Vec<Vec<String>> = articles
            .iter()
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
        let related = related::related(&inputs, RELATED);
        Model {
            site,
            articles,
            summaries,
            related,
            by_category,
            tags,
        }
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
        for c in &self.site.categories {
            out.extend(parent(paths::category(&c.slug, 1)));
        }
        for t in &self.tags {
            out.extend(parent(paths::tag(&t.term.slug, 1)));
        }
        out
    }

    /// The path (relative to the data root) and compact JSON of one document.
    pub fn render(&self, job: Job) -> (String, String) {
        let json = |v: &dyn erased::Json| v.to_json();
        match job {
            Job::Site => (paths::SITE.to_string(), json(&self.site)),
            Job::Home => (paths::HOME.to_string(), json(&self.home())),
            Job::Article(i) => {
                let a = self.article(i);
                (paths::article(&a.slug), json(&a))
            }
            Job::Latest(page) => {
                let all: Vec<u32> = (0..self.articles.len() as u32).collect();
                let l = self.listing(ListingKind::Latest, None, &all, page);
                (paths::latest(page), json(&l))
            }
            Job::Category(c, page) => {
                let term = self.category_term(c);
                let path = paths::category(&term.slug, page);
                let l = self.listing(
                    ListingKind::Category,
                    Some(term),
                    &self.by_category[c],
                    page,
                );
                (path, json(&l))
            }
            Job::Tag(t, page) => {
                let g = &self.tags[t];
                let path = paths::tag(&g.term.slug, page);
                let l = self.listing(ListingKind::Tag, Some(g.term.clone()), &g.items, page);
                (path, json(&l))
            }
        }
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

    /// The document of article `i`.
    pub fn article(&self, i: usize) -> Article {
        let a = &self.articles[i];
        Article {
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
            body: a.body.clone(),
            related: self.pick(&self.related[i]),
        }
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
    /// A page of the latest news.
    Latest(u32),
    /// A page of a category (index in `site.categories`).
    Category(usize, u32),
    /// A page of a tag (index in [`Model::tags`]).
    Tag(usize, u32),
}

mod erased {
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
