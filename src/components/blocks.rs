//! An article's body, rendered from typed blocks. Nothing is ever injected as
//! raw HTML: text is text, and links and images keep only http(s) or relative URLs.

use bantin_contract::{Block, Figure, Inline};
use leptos::prelude::*;

use crate::components::outbound;

/// The body of an article.
#[component]
pub fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block).collect_view()
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Paragraph { content } => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Heading { level, text } if level >= 3 => view! { <h3>{text}</h3> }.into_any(),
        Block::Heading { text, .. } => view! { <h2>{text}</h2> }.into_any(),
        Block::Figure(f) => view! { <FigureView figure=f /> }.into_any(),
        Block::Quote { content, cite } => view! {
            <blockquote class="bt-quote">
                <p>{inlines(content)}</p>
                {cite.map(|c| view! { <footer class="bt-quote__cite">"— "{c}</footer> })}
            </blockquote>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|i| view! { <li>{inlines(i)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Unknown => ().into_any(),
    }
}

/// Runs of text inside a paragraph, quote or list item.
pub fn inlines(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text { text } => text.into_any(),
            Inline::Strong { text } => view! { <strong>{text}</strong> }.into_any(),
            Inline::Emphasis { text } => view! { <em>{text}</em> }.into_any(),
            Inline::Link { text, href } => match bantin_contract::url::safe(&href) {
                Some(safe) => {
                    let (target, rel) = outbound(safe);
                    view! { <a href=safe.to_string() target=target rel=rel>{text}</a> }.into_any()
                }
                // An unsafe link keeps its words but loses the link.
                None => text.into_any(),
            },
            Inline::Unknown => ().into_any(),
        })
        .collect_view()
}

/// A photo with its caption and credit; space is reserved from its width and height.
#[component]
pub fn FigureView(
    figure: Figure,
    /// The cover photo loads first; body photos load lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let Figure {
        image,
        caption,
        credit,
    } = figure;
    let img = bantin_contract::url::safe(&image.src).map(|src| {
        view! {
            <img
                src=src.to_string()
                alt=image.alt
                width=image.width
                height=image.height
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=eager.then_some("high")
                decoding="async"
            />
        }
    });
    let has_caption = caption.is_some() || credit.is_some();
    view! {
        <figure class="bt-figure">
            {img}
            {has_caption.then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="bt-figure__caption">{c}</span> })}
                    {credit.map(|c| view! { <span class="bt-figure__credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
