//! An article's body, rendered from typed blocks. Nothing is ever injected as
//! raw HTML: text is text, and links and images keep only http(s) or relative URLs.

use bantin_contract::{Block, Figure, Inline};
use leptos::either::{Either, EitherOf5, EitherOf6};
use leptos::prelude::*;

use crate::base;
use crate::components::outbound;

/// The body of an article.
#[component]
pub fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block).collect_view()
}

// Views here are built once and never diffed (see `PageHost`), so they use
// `either_of` enums rather than `AnyView`, whose vtable would keep the
// diffing code of every element in the bundle.
fn block(b: Block) -> impl IntoView {
    match b {
        Block::Paragraph { content } => EitherOf6::A(view! { <p>{inlines(content)}</p> }),
        Block::Heading { level, text } => EitherOf6::B(if level >= 3 {
            Either::Left(view! { <h3>{text}</h3> })
        } else {
            Either::Right(view! { <h2>{text}</h2> })
        }),
        Block::Figure(f) => EitherOf6::C(view! { <FigureView figure=f /> }),
        Block::Quote { content, cite } => EitherOf6::D(view! {
            <blockquote class="bt-quote">
                <p>{inlines(content)}</p>
                {cite.map(|c| view! { <footer class="bt-quote__cite">"— "{c}</footer> })}
            </blockquote>
        }),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|i| view! { <li>{inlines(i)}</li> })
                .collect_view();
            EitherOf6::E(if ordered {
                Either::Left(view! { <ol>{items}</ol> })
            } else {
                Either::Right(view! { <ul>{items}</ul> })
            })
        }
        Block::Unknown => EitherOf6::F(()),
    }
}

/// Runs of text inside a paragraph, quote or list item.
pub fn inlines(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text { text } => EitherOf5::A(text),
            Inline::Strong { text } => EitherOf5::B(view! { <strong>{text}</strong> }),
            Inline::Emphasis { text } => EitherOf5::C(view! { <em>{text}</em> }),
            Inline::Link { text, href } => match bantin_contract::url::safe(&href) {
                Some(safe) => {
                    let (target, rel) = outbound(safe);
                    EitherOf5::D(
                        view! { <a href=base::site_path(safe).into_owned() target=target rel=rel>{text}</a> },
                    )
                }
                // An unsafe link keeps its words but loses the link.
                None => EitherOf5::A(text),
            },
            Inline::Unknown => EitherOf5::E(()),
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
                src=base::site_path(src).into_owned()
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
