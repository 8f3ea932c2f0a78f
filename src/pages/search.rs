//! The search page, `/tim-kiem?q=…&trang=N`: a search box prefilled with the
//! query, the count, ten results a page (title and snippet with the matched
//! words marked, date, category) and the pagination of the listings. Opening
//! it loads the engine (see [`crate::search`]).

use bantin_contract::paths::routes;
use bantin_contract::Category;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, FetchError};
use crate::components::pagination::Pagination;
use crate::components::search_box::{go, push_escaped, push_marked, push_title};
use crate::format::short_date;
use crate::nav::ViewReady;
use crate::pages::Loaded;
use crate::search::{self, Results};
use crate::{base, strings, Site};

/// The longest snippet, in characters.
const SNIPPET_CHARS: u32 = 220;

/// What the search page shows.
#[derive(Debug, Clone)]
pub struct Found {
    /// The query (trimmed and capped as searched).
    pub query: String,
    pub page: u32,
    pub outcome: Outcome,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// No query yet: the page asks for one.
    Prompt,
    /// Results, with each hit's snippet (`None` when its article did not load).
    Results(Results, Vec<Option<Vec<String>>>),
    /// The engine or its index could not be loaded.
    Failed(FetchError),
}

/// Runs the search of the page; a page past the last one is not found.
pub async fn load(query: String, page: u32, controller: &web_sys::AbortController) -> Loaded {
    let clamped = search::clamp_query(&query);
    // A query cut to the app's length cap gets the engine's "too long" notice too.
    let cut = clamped.len() < query.trim().len();
    let query = clamped.to_string();
    if query.is_empty() {
        // The reader is about to type a query.
        search::warm();
        return found(query, page, Outcome::Prompt);
    }
    let results = match search::run(&query, false, page, search::PER_PAGE).await {
        Ok(r) => Results {
            truncated: r.truncated || cut,
            ..r
        },
        Err(FetchError::Aborted) => return Loaded::Failed(FetchError::Aborted),
        Err(e) => return found(query, page, Outcome::Failed(e)),
    };
    if page > results.pages.max(1) {
        return Loaded::NotFound;
    }
    // Each hit's article (which also warms the cache for the click) gives its snippet.
    let snippets = search::join_all(results.hits.iter().map(|hit| async {
        let json = api::article_json(&hit.slug, controller).await.ok()?;
        search::snippet(&query, &search::article_text(&json)?, SNIPPET_CHARS).await
    }))
    .await;
    found(query, page, Outcome::Results(results, snippets))
}

fn found(query: String, page: u32, outcome: Outcome) -> Loaded {
    Loaded::Search(Box::new(Found {
        query,
        page,
        outcome,
    }))
}

/// The search page's view. Its content is written as one piece of markup
/// (built once, never updated, like every view of the host), which costs a
/// fraction of the WebAssembly of typed views; its form and retry button are
/// handled by the events that bubble up to it.
#[component]
pub fn SearchView(found: Found, retry: RwSignal<u32>) -> impl IntoView {
    let mut title = if found.query.is_empty() {
        strings::SEARCH.to_string()
    } else {
        format!("{}{}", strings::SEARCH_RESULTS_TITLE, found.query)
    };
    if found.page > 1 {
        title.push_str(&format!(" – {} {}", strings::PAGE, found.page));
    }
    let categories = expect_context::<Site>()
        .0
        .get_untracked()
        .map(|s| s.categories)
        .unwrap_or_default();
    let html = page_html(&found, &categories, base::base());
    let pages = match &found.outcome {
        Outcome::Results(r, _) => r.pages,
        _ => 0,
    };
    let pagination = view! {
        <Pagination base=search::search_url(&found.query, 1) page=found.page page_count=pages />
    };
    let on_submit = |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = ev
            .target()
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
            .and_then(|f| f.query_selector("input").ok().flatten())
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        go(&search::search_url(&q, 1));
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let on_retry = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.id() == RETRY_ID);
        if on_retry {
            retry.update(|n| *n += 1);
        }
    };
    view! {
        <ViewReady title />
        <div class="bt-listing bt-found" inner_html=html on:submit=on_submit on:click=on_click></div>
        {pagination}
    }
}

/// The id of the retry button after a failure.
const RETRY_ID: &str = "bt-thu-lai";

/// The page's markup for what was found; `categories` give the names of the
/// hits' categories and the ways on after no result; `base` is the site's base path.
pub fn page_html(found: &Found, categories: &[Category], base: &str) -> String {
    let Found {
        query,
        page,
        outcome,
    } = found;
    let url = |route: &str| base::join(base, route);
    let mut out = String::with_capacity(4096);
    let text = |out: &mut String, tag: &str, class: &str, s: &str| {
        out.push_str(&format!("<{tag} class=\"{class}\">"));
        push_escaped(out, s);
        out.push_str(&format!("</{tag}>"));
    };
    out.push_str("<header class=\"bt-listing__head\"><h1>");
    push_escaped(&mut out, strings::SEARCH);
    out.push_str(&format!(
        "</h1></header><form class=\"bt-found__form\" action=\"{}\" method=\"get\"><label class=\"bt-sr\" for=\"bt-q-trang\">",
        url("tim-kiem")
    ));
    push_escaped(&mut out, strings::SEARCH_AGAIN_LABEL);
    out.push_str(
        "</label><input id=\"bt-q-trang\" class=\"bt-found__input\" type=\"search\" name=\"q\"",
    );
    if !query.is_empty() {
        out.push_str(" value=\"");
        push_escaped(&mut out, query);
        out.push('"');
    }
    out.push_str("><button class=\"bt-button\" type=\"submit\">");
    push_escaped(&mut out, strings::SEARCH);
    out.push_str("</button></form>");
    let r = match outcome {
        Outcome::Prompt => {
            text(&mut out, "p", "bt-found__note", strings::SEARCH_PROMPT);
            return out;
        }
        Outcome::Failed(error) => {
            out.push_str("<section class=\"bt-error bt-found__error\" role=\"alert\">");
            text(&mut out, "h2", "bt-error__title", strings::SEARCH_FAILED);
            text(&mut out, "p", "bt-error__text", error.message());
            out.push_str(&format!(
                "<p class=\"bt-error__actions\"><button type=\"button\" class=\"bt-button\" id=\"{RETRY_ID}\">"
            ));
            push_escaped(&mut out, strings::RETRY);
            out.push_str("</button></p></section>");
            return out;
        }
        Outcome::Results(r, _) if r.terms.is_empty() => {
            text(&mut out, "p", "bt-found__note", strings::SEARCH_NO_WORDS);
            return out;
        }
        Outcome::Results(r, _) => r,
    };
    if r.truncated || !r.ignored.is_empty() {
        let mut notice = String::new();
        if r.truncated {
            notice.push_str(strings::SEARCH_TRUNCATED);
        }
        if !r.ignored.is_empty() {
            if !notice.is_empty() {
                notice.push(' ');
            }
            notice.push_str(&format!(
                "{} {}",
                strings::SEARCH_IGNORED,
                r.ignored.join(", ")
            ));
        }
        text(&mut out, "p", "bt-found__notice", &notice);
    }
    if r.total == 0 {
        text(
            &mut out,
            "p",
            "bt-listing__summary",
            &strings::search_nothing(query),
        );
        text(&mut out, "p", "bt-found__note", strings::SEARCH_TRY_ELSE);
        out.push_str(&format!(
            "<ul class=\"bt-found__ways\"><li><a class=\"bt-button\" href=\"{}\">",
            url(&routes::latest(1))
        ));
        push_escaped(&mut out, strings::SEE_LATEST);
        out.push_str("</a></li>");
        for c in categories {
            out.push_str("<li><a class=\"bt-button bt-button--ghost\" href=\"");
            push_escaped(&mut out, &url(&routes::category(&c.slug, 1)));
            out.push_str("\">");
            push_escaped(&mut out, &c.name);
            out.push_str("</a></li>");
        }
        out.push_str("</ul>");
        return out;
    }
    let snippets = match outcome {
        Outcome::Results(_, s) => s.as_slice(),
        _ => &[],
    };
    text(
        &mut out,
        "p",
        "bt-listing__summary",
        &strings::search_count(r.total, query),
    );
    out.push_str(&format!(
        "<ol class=\"bt-found__list\" start=\"{}\">",
        (page - 1) * search::PER_PAGE + 1
    ));
    for (i, hit) in r.hits.iter().enumerate() {
        out.push_str("<li class=\"bt-found__hit\"><h2 class=\"bt-card__title\"><a class=\"bt-card__link\" href=\"");
        push_escaped(&mut out, &url(&routes::article(&hit.slug)));
        out.push_str("\">");
        push_title(&mut out, hit);
        out.push_str("</a></h2><p class=\"bt-found__meta\">");
        if let Some(d) = short_date(&hit.date) {
            out.push_str("<time datetime=\"");
            push_escaped(&mut out, &hit.date);
            out.push_str("\">");
            push_escaped(&mut out, &d);
            out.push_str("</time>");
        }
        if let Some(c) = categories.iter().find(|c| c.slug == hit.category) {
            out.push_str(" · <a href=\"");
            push_escaped(&mut out, &url(&routes::category(&c.slug, 1)));
            out.push_str("\">");
            push_escaped(&mut out, &c.name);
            out.push_str("</a>");
        }
        out.push_str("</p>");
        if let Some(Some(snippet)) = snippets.get(i) {
            out.push_str("<p class=\"bt-found__snippet\">");
            push_marked(&mut out, snippet);
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}
