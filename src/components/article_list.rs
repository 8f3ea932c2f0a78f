//! Lists of article summaries: latest news, category blocks, listings, related news.

use bantin_contract::{paths::routes, ArticleSummary, Image};
use leptos::either::Either;
use leptos::prelude::*;

use crate::base;
use crate::format::short_date;

/// How a list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListStyle {
    /// Thumbnail, title, date and lead.
    #[default]
    Full,
    /// Title and date only.
    Compact,
}

/// A list of articles, newest first as given.
#[component]
pub fn ArticleList(
    items: Vec<ArticleSummary>,
    #[prop(optional)] style: ListStyle,
    /// Heading level of each title (2 on listings, 3 inside a titled section).
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    let class = match style {
        ListStyle::Full => "bt-list",
        ListStyle::Compact => "bt-list bt-list--compact",
    };
    view! {
        <ul class=class>
            {items
                .into_iter()
                .map(|item| view! { <li><ArticleCard item style level /></li> })
                .collect_view()}
        </ul>
    }
}

/// One article in a list; `lead_story` makes it the big card of the home page.
#[component]
pub fn ArticleCard(
    item: ArticleSummary,
    #[prop(optional)] style: ListStyle,
    #[prop(default = 3)] level: u8,
    #[prop(optional)] lead_story: bool,
) -> impl IntoView {
    let href = base::url(&routes::article(&item.slug));
    let thumb = (style == ListStyle::Full)
        .then_some(item.thumb)
        .flatten()
        .and_then(|img| thumbnail(img, href.clone(), lead_story));
    let date = short_date(&item.published).map(|d| {
        view! { <time class="bt-card__date" datetime=item.published.clone()>{d}</time> }
    });
    let lead = (style == ListStyle::Full)
        .then_some(item.lead)
        .flatten()
        .map(|l| view! { <p class="bt-card__lead">{l}</p> });
    let title = view! { <a class="bt-card__link" href=href>{item.title}</a> };
    let heading = if level <= 2 {
        Either::Left(view! { <h2 class="bt-card__title">{title}</h2> })
    } else {
        Either::Right(view! { <h3 class="bt-card__title">{title}</h3> })
    };
    let class = if lead_story {
        "bt-card bt-card--lead"
    } else {
        "bt-card"
    };
    view! {
        <article class=class>
            {thumb}
            <div class="bt-card__body">{heading} {date} {lead}</div>
        </article>
    }
}

/// A thumbnail that links to the article; decorative for screen readers (the title link follows).
fn thumbnail(img: Image, href: String, eager: bool) -> Option<impl IntoView> {
    let sizes = if eager {
        "(min-width: 900px) 460px, calc(100vw - 2rem)"
    } else {
        "(min-width: 900px) 10rem, 7.5rem"
    };
    let picture = crate::components::blocks::picture(img, sizes, eager, true)?;
    Some(view! {
        <a class="bt-card__thumb" href=href tabindex="-1" aria-hidden="true">
            {picture}
        </a>
    })
}
