//! The documents registry ("Văn bản"): the listing (`/van-ban`, filtered by
//! type, issuing body, field and year, paged; every filter is a query
//! parameter, so a filtered page is a shareable URL that works on a static
//! host: the host serves the listing's one prerendered page and the app
//! filters) and a document's page (`/van-ban/<slug>`).

use bantin_contract::paths::routes;
use bantin_contract::{DocumentIndex, DocumentRow, OfficialDocument, Term};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::blocks::Blocks;
use crate::components::crumbs;
use crate::components::files::Attachments;
use crate::components::pagination::pages;
use crate::format::{iso_day, page_from_query};
use crate::nav::ViewReady;
use crate::{base, strings};

/// Entries per page of the listing.
pub const PER_PAGE: usize = 20;

/// What the listing shows: the filter values (slugs, a year; empty for
/// "all") and the page, as in the URL's query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: String,
    pub issuer: String,
    pub field: String,
    pub year: String,
    pub page: u32,
}

impl Filter {
    /// The filter of a URL's query string (`?loai=nghi-quyet&nam=2025&trang=2`,
    /// with or without the `?`). Values other than slugs and numbers are
    /// dropped; a page that is not a positive number is page 1.
    pub fn from_query(search: &str) -> Filter {
        let mut f = Filter {
            page: 1,
            ..Filter::default()
        };
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let clean = value.len() <= 80
                && value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !clean {
                continue;
            }
            let [kind, issuer, field, year, page] = routes::REGISTRY_PARAMS;
            match key {
                k if k == kind => f.kind = value.to_string(),
                k if k == issuer => f.issuer = value.to_string(),
                k if k == field => f.field = value.to_string(),
                k if k == year => f.year = value.to_string(),
                k if k == page => f.page = page_from_query(Some(value)).unwrap_or(1),
                _ => {}
            }
        }
        f
    }

    /// Whether anything narrows the listing (the page aside).
    pub fn narrows(&self) -> bool {
        !(self.kind.is_empty()
            && self.issuer.is_empty()
            && self.field.is_empty()
            && self.year.is_empty())
    }

    /// The listing's URL (under the base path) for this filter at page `page`.
    pub fn url(&self, page: u32) -> String {
        let page = page.to_string();
        base::url(&routes::registry_query([
            &self.kind,
            &self.issuer,
            &self.field,
            &self.year,
            &page,
        ]))
    }

    /// Whether `row` of `index` passes the filter.
    pub fn accepts(&self, index: &DocumentIndex, row: &DocumentRow) -> bool {
        fn slug_at(list: &[Term], i: u32) -> Option<&str> {
            list.get(i as usize).map(|t| t.slug.as_str())
        }
        (self.kind.is_empty() || slug_at(&index.types, row.kind) == Some(self.kind.as_str()))
            && (self.issuer.is_empty()
                || slug_at(&index.issuers, row.issuer) == Some(self.issuer.as_str()))
            && (self.field.is_empty()
                || row
                    .fields
                    .iter()
                    .any(|&i| slug_at(&index.fields, i) == Some(self.field.as_str())))
            && (self.year.is_empty() || row.issued.get(..4) == Some(self.year.as_str()))
    }
}

/// The years of the registry, newest first (the index lists entries newest
/// first, so they come in order: no sorting code in the bundle).
pub fn years(index: &DocumentIndex) -> Vec<String> {
    let mut years: Vec<String> = Vec::new();
    for r in &index.items {
        if let Some(y) = r.issued.get(..4) {
            if !years.iter().any(|x| x == y) {
                years.push(y.to_string());
            }
        }
    }
    years
}

/// "Nghị quyết 05-NQ/TU": how a document is named.
pub fn title_of(kind: &str, number: &str) -> String {
    format!("{kind} {number}")
}

/// A select of the filter form: "all" then each option (value, label).
fn select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: &str,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="bt-filter__field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{strings::t().registry_all}</option>
                {options}
            </select>
        </div>
    }
}

/// Submitting the filter form: the app follows the form's URL itself (the
/// prerendered page's form, before the app runs, is an ordinary GET).
#[cfg(target_arch = "wasm32")]
fn submit(ev: leptos::ev::SubmitEvent) {
    use wasm_bindgen::JsCast;
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let value = |name: &str| {
        form.elements()
            .named_item(name)
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default()
    };
    let [kind, issuer, field, year, _] = routes::REGISTRY_PARAMS;
    let filter = Filter {
        kind: value(kind),
        issuer: value(issuer),
        field: value(field),
        year: value(year),
        page: 1,
    };
    ev.prevent_default();
    let navigate = leptos_router::hooks::use_navigate();
    navigate(&filter.url(1), Default::default());
}

/// The listing: `/van-ban` with its filters.
#[component]
pub fn RegistryView(index: std::sync::Arc<DocumentIndex>, filter: Filter) -> impl IntoView {
    let found: Vec<&DocumentRow> = index
        .items
        .iter()
        .filter(|r| filter.accepts(&index, r))
        .collect();
    let total = found.len();
    let page_count = total.div_ceil(PER_PAGE).max(1) as u32;
    let page = filter.page.clamp(1, page_count);
    let term = |list: &[Term], i: u32| list.get(i as usize).map(|t| t.name.clone());
    let rows = found
        .iter()
        .skip((page as usize - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|r| {
            let kind = term(&index.types, r.kind).unwrap_or_default();
            let issuer = term(&index.issuers, r.issuer).unwrap_or_default();
            let href = base::url(&routes::document(&r.slug));
            let meta = format!(
                "{} {} · {}",
                strings::t().issued_on,
                iso_day(&r.issued),
                issuer
            );
            view! {
                <li class="bt-docs__item">
                    <h2 class="bt-docs__title"><a href=href>{title_of(&kind, &r.number)}</a></h2>
                    <p class="bt-docs__summary">{r.summary.clone()}</p>
                    <p class="bt-docs__meta">{meta}</p>
                </li>
            }
        })
        .collect_view();
    let pairs = |list: &[Term]| -> Vec<(String, String)> {
        list.iter()
            .map(|t| (t.slug.clone(), t.name.clone()))
            .collect()
    };
    let [kind_param, issuer_param, field_param, year_param, _] = routes::REGISTRY_PARAMS;
    let form = view! {
        <form
            class="bt-filter"
            method="get"
            action=base::url(routes::REGISTRY)
            aria-label=strings::t().registry_filter
            on:submit=move |ev| {
                #[cfg(target_arch = "wasm32")]
                submit(ev);
                #[cfg(not(target_arch = "wasm32"))]
                let _ = ev;
            }
        >
            {select("bt-loc-loai", kind_param, strings::t().registry_type, pairs(&index.types), &filter.kind)}
            {select("bt-loc-co-quan", issuer_param, strings::t().registry_issuer, pairs(&index.issuers), &filter.issuer)}
            {select("bt-loc-linh-vuc", field_param, strings::t().registry_field, pairs(&index.fields), &filter.field)}
            {select(
                "bt-loc-nam",
                year_param,
                strings::t().registry_year,
                years(&index).into_iter().map(|y| (y.clone(), y)).collect(),
                &filter.year,
            )}
            <div class="bt-filter__actions">
                <button type="submit" class="bt-button">{strings::t().registry_apply}</button>
                {filter.narrows().then(|| view! {
                    <a class="bt-filter__clear" href=base::url(routes::REGISTRY)>{strings::t().registry_clear}</a>
                })}
            </div>
        </form>
    };
    let count = strings::t().registry_count(total, page, page_count);
    let body = if total == 0 {
        Either::Left(view! { <p class="bt-empty">{strings::t().registry_none}</p> })
    } else {
        Either::Right(view! { <ol class="bt-docs">{rows}</ol> })
    };
    let view_title = if page > 1 {
        format!(
            "{} – {} {page}",
            strings::t().registry_title,
            strings::t().page
        )
    } else {
        strings::t().registry_title.to_string()
    };
    let f = filter.clone();
    view! {
        <ViewReady title=view_title />
        <div class="bt-listing bt-registry">
            {crumbs(vec![
                (String::new(), strings::t().home.to_string(), false),
                (routes::REGISTRY.to_string(), strings::t().registry_title.to_string(), !filter.narrows() && page == 1),
            ])}
            <header class="bt-listing__head">
                <h1>{strings::t().registry_title}</h1>
            </header>
            {form}
            <p class="bt-registry__count" role="status">{count}</p>
            {body}
            {pages(page, page_count, &move |p| f.url(p))}
        </div>
    }
}

/// The listing filtered by one value: `param_at` in [`routes::REGISTRY_PARAMS`].
fn filter_href(param_at: usize, slug: &str) -> String {
    let mut values = [""; 5];
    values[param_at] = slug;
    base::url(&routes::registry_query(values))
}

/// A fact of a document: its label, then its values, each a link (address) or text.
type Fact = (&'static str, Vec<(Option<String>, String)>);

/// A document's facts.
fn facts(rows: Vec<Fact>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(label, values)| {
            let values = values
                .into_iter()
                .enumerate()
                .map(|(i, (href, text))| {
                    let sep = (i > 0).then_some(", ");
                    match href {
                        Some(href) => Either::Left(view! { {sep}<a href=href>{text}</a> }),
                        None => Either::Right(view! { {sep}{text} }),
                    }
                })
                .collect_view();
            view! { <dt>{label}</dt><dd>{values}</dd> }
        })
        .collect_view();
    view! { <dl class="bt-doc__facts">{rows}</dl> }
}

/// A document's page: `/van-ban/<slug>`.
#[component]
pub fn DocumentView(doc: OfficialDocument) -> impl IntoView {
    let title = title_of(&doc.kind.name, &doc.number);
    let signer = match &doc.signer_title {
        Some(t) => format!("{t} {}", doc.signer),
        None => doc.signer.clone(),
    };
    let link = |param_at: usize, t: Term| (Some(filter_href(param_at, &t.slug)), t.name);
    let mut rows: Vec<Fact> = vec![
        (
            strings::t().registry_number,
            vec![(None, doc.number.clone())],
        ),
        (strings::t().registry_type, vec![link(0, doc.kind.clone())]),
        (strings::t().registry_issuer, vec![link(1, doc.issuer)]),
        (strings::t().registry_signer, vec![(None, signer)]),
        (
            strings::t().registry_issued,
            vec![(None, iso_day(&doc.issued))],
        ),
    ];
    if let Some(e) = &doc.effective {
        rows.push((strings::t().registry_effective, vec![(None, iso_day(e))]));
    }
    if !doc.fields.is_empty() {
        rows.push((
            strings::t().registry_field,
            doc.fields.into_iter().map(|f| link(2, f)).collect(),
        ));
    }
    let body = (!doc.body.is_empty()).then(|| {
        view! {
            <section class="bt-doc__body" aria-labelledby="bt-doc-body">
                <h2 id="bt-doc-body">{strings::t().registry_content}</h2>
                <Blocks blocks=doc.body />
            </section>
        }
    });
    view! {
        <ViewReady title=title.clone() />
        <article class="bt-article bt-doc">
            {crumbs(vec![
                (String::new(), strings::t().home.to_string(), false),
                (routes::REGISTRY.to_string(), strings::t().registry_title.to_string(), false),
                (routes::document(&doc.slug), doc.number.clone(), true),
            ])}
            <h1 class="bt-article__title">{title}</h1>
            <p class="bt-article__lead">{doc.summary}</p>
            {facts(rows)}
            {body}
            <Attachments files=doc.files />
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(slug: &str) -> Term {
        Term {
            slug: slug.into(),
            name: slug.to_uppercase(),
        }
    }

    fn index() -> DocumentIndex {
        let row = |slug: &str, issued: &str, kind: u32, fields: Vec<u32>| DocumentRow {
            slug: slug.into(),
            number: slug.to_uppercase(),
            summary: String::new(),
            issued: issued.into(),
            kind,
            issuer: 0,
            fields,
        };
        DocumentIndex {
            version: 1,
            types: vec![term("nghi-quyet"), term("quyet-dinh")],
            issuers: vec![term("ubnd")],
            fields: vec![term("y-te"), term("giao-duc")],
            items: vec![
                row("c", "2026-02-01", 1, vec![1]),
                row("b", "2025-05-01", 0, vec![0, 1]),
                row("a", "2024-01-01", 0, vec![]),
            ],
        }
    }

    #[test]
    fn filters_come_from_the_query_and_go_back_to_it() {
        let f = Filter::from_query("?loai=nghi-quyet&nam=2025&trang=2&x=1");
        assert_eq!(f.kind, "nghi-quyet");
        assert_eq!(f.year, "2025");
        assert_eq!(f.page, 2);
        assert!(f.narrows());
        assert_eq!(f.url(1), "/van-ban?loai=nghi-quyet&nam=2025");
        assert_eq!(f.url(3), "/van-ban?loai=nghi-quyet&nam=2025&trang=3");
        // Hostile or broken values are dropped.
        let f = Filter::from_query("loai=%3Cscript%3E&nam=2025%22&trang=-1&co-quan=UBND");
        assert_eq!(
            f,
            Filter {
                page: 1,
                ..Filter::default()
            }
        );
        assert!(!f.narrows());
        assert_eq!(f.url(1), "/van-ban");
    }

    #[test]
    fn filters_select_rows() {
        let idx = index();
        let pick = |q: &str| -> Vec<String> {
            let f = Filter::from_query(q);
            idx.items
                .iter()
                .filter(|r| f.accepts(&idx, r))
                .map(|r| r.slug.clone())
                .collect()
        };
        assert_eq!(pick(""), ["c", "b", "a"]);
        assert_eq!(pick("loai=nghi-quyet"), ["b", "a"]);
        assert_eq!(pick("linh-vuc=giao-duc"), ["c", "b"]);
        assert_eq!(pick("loai=nghi-quyet&nam=2025"), ["b"]);
        assert_eq!(pick("co-quan=ubnd&nam=2023"), Vec::<String>::new());
        assert_eq!(pick("loai=khong-co"), Vec::<String>::new());
        assert_eq!(years(&idx), ["2026", "2025", "2024"]);
        assert_eq!(iso_day("2025-03-10"), "10/03/2025");
    }
}
