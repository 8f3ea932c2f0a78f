//! The home page: lead story, latest news, a block per category and the links box.

use bantin_contract::{paths::routes, Home};
use leptos::prelude::*;

use crate::base;
use crate::components::article_list::{ArticleCard, ArticleList, ListStyle};
use crate::components::links_box::SiteLinksBox;
use crate::nav::ViewReady;
use crate::strings;
use crate::Site;

/// The home page: lead story, category blocks, latest news and the links box.
#[component]
pub fn HomeView(home: Home) -> impl IntoView {
    let site = expect_context::<Site>();
    let name = move || site.get().map(|s| s.name).unwrap_or_default();
    let sections = home
        .sections
        .into_iter()
        .filter(|s| !s.items.is_empty())
        .map(|s| {
            let href = base::url(&routes::category(&s.category.slug, 1));
            let id = format!("bt-sec-{}", s.category.slug);
            let labelled_by = id.clone();
            view! {
                <section class="bt-section" aria-labelledby=labelled_by>
                    <h2 class="bt-section__title" id=id>
                        <a href=href.clone()>{s.category.name.clone()}</a>
                    </h2>
                    <ArticleList items=s.items />
                    <a class="bt-section__more" href=href>
                        {strings::t().see_more}<span class="bt-sr">" "{s.category.name}</span>" ›"
                    </a>
                </section>
            }
        })
        .collect_view();
    view! {
        <ViewReady />
        <h1 class="bt-sr">{name}</h1>
        <div class="bt-home">
            <div class="bt-home__main">
                {home.lead.map(|lead| view! {
                    <section class="bt-home__lead" aria-label=strings::t().lead_story>
                        <ArticleCard item=lead level=2 lead_story=true />
                    </section>
                })}
                <div class="bt-home__sections">{sections}</div>
            </div>
            <div class="bt-home__side">
                <section class="bt-box" aria-labelledby="bt-latest-title">
                    <h2 class="bt-box__title" id="bt-latest-title">{strings::t().latest}</h2>
                    <ArticleList items=home.latest style=ListStyle::Compact />
                    <a class="bt-section__more" href=base::url(&routes::latest(1))>{strings::t().see_more}" ›"</a>
                </section>
                <SiteLinksBox />
            </div>
        </div>
    }
}
