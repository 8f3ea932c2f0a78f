//! The search page, `/tim-kiem?q=…&trang=N`. Its content (box, count, results,
//! pagination, messages) is written by the search module (see
//! [`crate::search`]), which also handles its form and retry button; the app
//! keeps the route, the title and the loading rules of every view (the
//! previous view stays until this one is ready; a page past the last one is
//! not found).

use leptos::prelude::*;

use crate::nav::ViewReady;
use crate::pages::Loaded;
use crate::{search, strings};

/// What the search page shows.
#[derive(Debug, Clone)]
pub struct Found {
    /// The query (trimmed and capped as searched).
    pub query: String,
    pub page: u32,
    /// The page's content, from the search module.
    pub html: String,
}

/// Has the search page's content written; a page past the last one is not found.
pub async fn load(query: String, page: u32) -> Loaded {
    match search::render_page(&query, page).await {
        Ok(Some(html)) => Loaded::Search(Box::new(Found {
            query: search::clamp_query(&query).to_string(),
            page,
            html,
        })),
        Ok(None) => Loaded::NotFound,
        Err(e) => Loaded::Failed(e),
    }
}

/// The view's title: "Tìm kiếm", or the query's results and their page.
pub fn title(found: &Found) -> String {
    let mut title = if found.query.is_empty() {
        strings::t().search.to_string()
    } else {
        format!("{}{}", strings::t().search_results_title, found.query)
    };
    if found.page > 1 {
        title.push_str(&format!(" – {} {}", strings::t().page, found.page));
    }
    title
}

/// The search page's view: the title, and the module's content.
#[component]
pub fn SearchView(found: Found) -> impl IntoView {
    let title = title(&found);
    view! {
        <ViewReady title />
        <div class="bt-listing bt-found" inner_html=found.html></div>
    }
}
