//! The article view: everything a Vietnamese portal's article page shows.

use bantin_contract::{paths::routes, Article};
use leptos::either::Either;
use leptos::prelude::*;

use crate::base;
use crate::components::article_list::ArticleList;
use crate::components::blocks::{Blocks, FigureView};
use crate::components::files::Attachments;
use crate::components::links_box::SiteLinksBox;
use crate::components::save::SaveButton;
use crate::components::share::ShareTools;
use crate::components::text_size::TextSize;
use crate::format::posted_line;
use crate::nav::ViewReady;
use crate::strings;

/// An article: `/bai-viet/:slug`; with `page`, a page of the site
/// (`/trang/:slug`, see [`crate::pages::info::as_article`]): no "Lưu bài",
/// and its date is the day it was last updated.
#[component]
pub fn ArticleView(article: Article, #[prop(optional)] page: bool) -> impl IntoView {
    let save = (!page).then(|| {
        view! {
            <SaveButton
                slug=article.slug.clone()
                title=article.title.clone()
                date=article.published.clone()
                cover=article.cover.as_ref().map(|c| c.image.src.clone())
            />
        }
    });
    let Article {
        title,
        lead,
        published,
        updated,
        category,
        tags,
        author,
        source,
        cover,
        body,
        attachments,
        related,
        ..
    } = article;

    let mut trail = vec![(String::new(), strings::t().home.to_string(), false)];
    if let Some(c) = &category {
        trail.push((routes::category(&c.slug, 1), c.name.clone(), false));
    }
    let crumbs = crate::components::crumbs(trail);
    let page_date = page.then(|| {
        let u = updated.clone()?;
        let day = crate::format::short_date(&u)?;
        Some(view! {
            <p class="bt-article__date">
                {strings::t().updated_on}" "<time datetime=u>{day}</time>
            </p>
        })
    });
    let dates = posted_line(&published).map(|line| {
        let updated = updated.as_deref().and_then(crate::format::date_time).map(
            |u| view! { <span class="bt-article__updated">{strings::t().updated_on}" "{u}</span> },
        );
        view! {
            <p class="bt-article__date">
                <time datetime=published.clone()>{line}</time>
                {updated}
            </p>
        }
    });
    let author = author.map(|a| {
        view! { <p class="bt-article__author"><span class="bt-sr">{strings::t().author}" "</span>{a}</p> }
    });
    let source = source.map(|s| {
        let link = s
            .url
            .as_deref()
            .and_then(bantin_contract::url::safe)
            .map(str::to_string);
        let name = s.name;
        view! {
            <p class="bt-article__source">
                {strings::t().source}" "
                {match link {
                    Some(href) => Either::Left(view! {
                        <a href=href target="_blank" rel="noopener noreferrer">
                            {name}<span class="bt-sr">" "{strings::t().opens_new_tab}</span>
                        </a>
                    }),
                    None => Either::Right(name),
                }}
            </p>
        }
    });
    let tags = (!tags.is_empty()).then(|| {
        view! {
            <p class="bt-article__tags">
                <span class="bt-article__tags-label">{strings::t().tags}</span>
                {tags.into_iter().map(|t| view! {
                    <a class="bt-tag" href=base::url(&routes::tag(&t.slug, 1))>{t.name}</a>
                }).collect_view()}
            </p>
        }
    });
    let related = (!related.is_empty()).then(|| {
        view! {
            <section class="bt-related" aria-labelledby="bt-related-title">
                <h2 id="bt-related-title" class="bt-related__title">{strings::t().related}</h2>
                <ArticleList items=related />
            </section>
        }
    });

    // Below the first screen: drawn in the task after the heading's frame
    // when the reader navigates (`crate::nav::later`).
    let rest = crate::nav::later({
        let title = title.clone();
        move || {
            view! {
                <div class="bt-article__body">
                    <Blocks blocks=body />
                </div>
                <Attachments files=attachments />
                {author}
                {source}
                {tags}
                <ShareTools title=title />
                {save}
                {related}
            }
        }
    });
    let side = crate::nav::later(|| view! { <SiteLinksBox /> });

    view! {
        <ViewReady title=title.clone() />
        <div class="bt-article-layout">
            // Its text size is the reader's (`--bt-text`, see `TextSize`).
            <article class="bt-article">
                {crumbs}
                <h1 class="bt-article__title">{title.clone()}</h1>
                <div class="bt-article__meta">
                    {dates}
                    {page_date}
                    <TextSize />
                </div>
                {lead.map(|l| view! { <p class="bt-article__lead">{l}</p> })}
                {cover.map(|f| view! { <FigureView figure=f eager=true /> })}
                {rest}
            </article>
            <div class="bt-article-layout__side">{side}</div>
        </div>
    }
}
