//! An article's body, rendered from typed blocks. Nothing is ever injected as
//! raw HTML: text is text, and links and images keep only http(s) or relative URLs.

use bantin_contract::url::safe;
use bantin_contract::{Align, Audio, Block, Figure, Gallery, Image, Inline, Table, Video};
use leptos::either::{Either, EitherOf10, EitherOf5};
use leptos::prelude::*;

use crate::base;
use crate::strings;

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
        Block::Paragraph { content } => EitherOf10::A(view! { <p>{inlines(content)}</p> }),
        Block::Heading { level, text } => EitherOf10::B(if level >= 3 {
            Either::Left(view! { <h3>{text}</h3> })
        } else {
            Either::Right(view! { <h2>{text}</h2> })
        }),
        Block::Figure(f) => EitherOf10::C(view! { <FigureView figure=f /> }),
        Block::Quote { content, cite } => EitherOf10::D(view! {
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
            EitherOf10::E(if ordered {
                Either::Left(view! { <ol>{items}</ol> })
            } else {
                Either::Right(view! { <ul>{items}</ul> })
            })
        }
        Block::Table(t) => EitherOf10::F(table(t)),
        Block::Video(v) => EitherOf10::G(video(v)),
        Block::Audio(a) => EitherOf10::H(audio(a)),
        Block::Gallery(g) => EitherOf10::I(gallery(g)),
        Block::Unknown => EitherOf10::J(()),
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
                    // A path of the site that is no view of this app (a file,
                    // another language's section) is left to the browser.
                    let to = super::MenuHref::new(safe);
                    EitherOf5::D(view! { <a href=to.href target=to.target rel=to.rel>{text}</a> })
                }
                // An unsafe link keeps its words but loses the link.
                None => EitherOf5::A(text),
            },
            Inline::Unknown => EitherOf5::E(()),
        })
        .collect_view()
}

/// Where a photo in the article's column is shown, for `sizes`: the column is
/// about 810 px wide on wide screens, the window less its margins on phones.
pub const COLUMN_SIZES: &str =
    "(min-width: 1200px) 810px, (min-width: 900px) calc(100vw - 24rem), calc(100vw - 2rem)";

/// An image: its space reserved from its width and height, its placeholder
/// colour shown until it arrives, and, for a photo with resized copies, a
/// `<picture>` offering WebP and the fallback at every width (`sizes` says how
/// wide it is shown). `None` when its address is not safe.
pub fn picture(
    image: Image,
    sizes: &'static str,
    eager: bool,
    decorative: bool,
) -> Option<impl IntoView> {
    let src = base::site_path(safe(&image.src)?).into_owned();
    let resized = image
        .resized
        .filter(|r| safe(&r.stem).is_some() && matches!(r.fallback.as_str(), "jpg" | "png"));
    let at = |u: &str| base::site_path(u).into_owned();
    let srcset = resized.as_ref().map(|r| r.srcset(&r.fallback, at));
    let webp = resized.as_ref().map(|r| r.srcset("webp", at));
    // The placeholder colour is carried as data, never as a style attribute
    // (the Content-Security-Policy allows no inline style): the stylesheet shows
    // it where CSS can read typed attributes, the page script elsewhere.
    let placeholder = image.placeholder.filter(|c| {
        c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
    });
    let img = view! {
        <img
            src=src
            srcset=srcset
            sizes=resized.is_some().then_some(sizes)
            alt=if decorative { String::new() } else { image.alt }
            width=image.width
            height=image.height
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
            data-bt-ph=placeholder
        />
    };
    Some(match webp {
        Some(webp) => Either::Left(view! {
            <picture>
                <source type="image/webp" srcset=webp sizes=sizes />
                {img}
            </picture>
        }),
        None => Either::Right(img),
    })
}

/// A photo with its caption and credit.
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
    view! {
        <figure class="bt-figure">
            {picture(image, COLUMN_SIZES, eager, false)}
            {caption_view(caption, credit)}
        </figure>
    }
}

fn caption_view(caption: Option<String>, credit: Option<String>) -> Option<impl IntoView> {
    (caption.is_some() || credit.is_some()).then(|| {
        view! {
            <figcaption>
                {caption.map(|c| view! { <span class="bt-figure__caption">{c}</span> })}
                {credit.map(|c| view! { <span class="bt-figure__credit">{c}</span> })}
            </figcaption>
        }
    })
}

/// A table in a region of its own that scrolls sideways on narrow screens
/// (focusable, so keyboard users can scroll it too).
fn table(t: Table) -> impl IntoView {
    let Table {
        caption,
        align,
        head,
        rows,
    } = t;
    let label = caption
        .clone()
        .unwrap_or_else(|| strings::t().table_label.to_string());
    let class = move |i: usize| match align.get(i).copied().unwrap_or_default() {
        Align::Right => "bt-al-r",
        Align::Center => "bt-al-c",
        Align::Left | Align::Auto => "",
    };
    let class = std::rc::Rc::new(class);
    let head_class = class.clone();
    let head = (!head.is_empty()).then(|| {
        let cells = head
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                view! { <th scope="col" class=head_class(i)>{inlines(c)}</th> }
            })
            .collect_view();
        view! { <thead><tr>{cells}</tr></thead> }
    });
    let rows = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, c)| view! { <td class=class(i)>{inlines(c)}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="bt-table" role="region" tabindex="0" aria-label=label>
            <table>
                {caption.map(|c| view! { <caption>{c}</caption> })}
                {head}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A YouTube id: 11 letters, digits, `-` or `_`.
pub fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A video. A YouTube video is a link to it with the poster and a play button
/// (a facade): the page script puts the privacy-enhanced player in its place on
/// a click, so nothing is fetched from YouTube before the reader asks; without
/// the script the link opens the video on YouTube. The site's own files play
/// in `<video>`, which fetches nothing before the reader plays it but its
/// poster: that comes with the page, wherever the video is, so it is the WebP
/// copy 720 pixels wide (a poster has no `srcset`; 40% lighter than the JPEG,
/// and every browser that runs the app reads WebP).
fn video(v: Video) -> impl IntoView {
    let Video {
        title,
        youtube,
        sources,
        poster,
        tracks,
        caption,
    } = v;
    let poster_url = poster
        .as_ref()
        .and_then(|p| safe(&p.webp_at_width(720)).map(|u| base::site_path(u).into_owned()));
    let player = match youtube.filter(|id| is_youtube_id(id)) {
        Some(id) => Either::Left(view! {
            <a
                class="bt-video__facade"
                href=format!("https://www.youtube.com/watch?v={id}")
                data-bt-act="video"
                data-bt-yt=id
                data-bt-title=title.clone()
            >
                {poster.and_then(|p| picture(p, COLUMN_SIZES, false, true))}
                <span class="bt-video__play" aria-hidden="true"></span>
                <span class="bt-sr">{strings::t().play_video}" "{title.clone()}</span>
            </a>
        }),
        None => {
            let sources = sources
                .into_iter()
                .filter_map(|s| {
                    let src = base::site_path(safe(&s.src)?).into_owned();
                    Some(view! { <source src=src type=s.mime /> })
                })
                .collect_view();
            let tracks = tracks
                .into_iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let src = base::site_path(safe(&t.src)?).into_owned();
                    let first = i == 0;
                    Some(view! {
                        <track kind="captions" src=src srclang=t.lang label=t.label default=first />
                    })
                })
                .collect_view();
            Either::Right(view! {
                <video controls preload="none" poster=poster_url aria-label=title.clone()>
                    {sources}
                    {tracks}
                </video>
            })
        }
    };
    view! {
        <figure class="bt-video">
            <div class="bt-video__frame">{player}</div>
            <figcaption>
                <span class="bt-video__title">{title}</span>
                {caption.map(|c| view! { <span class="bt-figure__credit">{c}</span> })}
            </figcaption>
        </figure>
    }
}

/// A sound recording with the browser's own player.
fn audio(a: Audio) -> impl IntoView {
    let sources = a
        .sources
        .into_iter()
        .filter_map(|s| {
            let src = base::site_path(safe(&s.src)?).into_owned();
            Some(view! { <source src=src type=s.mime /> })
        })
        .collect_view();
    view! {
        <figure class="bt-audio">
            <figcaption>
                <span class="bt-video__title">{a.title.clone()}</span>
                {a.caption.map(|c| view! { <span class="bt-figure__credit">{c}</span> })}
            </figcaption>
            <audio controls preload="none" aria-label=a.title>{sources}</audio>
        </figure>
    }
}

/// A series of photos: a list of figures, each a link to the photo at full
/// size. The page script opens them in a viewer (keyboard and swipes).
fn gallery(g: Gallery) -> impl IntoView {
    let label = match &g.title {
        Some(t) => format!("{}: {t}", strings::t().gallery),
        None => strings::t().gallery.to_string(),
    };
    let items = g
        .photos
        .into_iter()
        .filter_map(|f| {
            let full = base::site_path(safe(&f.image.at_width(1600))?).into_owned();
            let img = picture(f.image, GALLERY_SIZES, false, false)?;
            Some(view! {
                <li>
                    <figure class="bt-figure">
                        <a href=full data-bt-act="photo">{img}</a>
                        {caption_view(f.caption, f.credit)}
                    </figure>
                </li>
            })
        })
        .collect_view();
    view! {
        <section
            class="bt-gallery"
            aria-label=label
            data-bt-gallery=strings::t().gallery_viewer
        >
            {g.title.map(|t| view! { <h2 class="bt-gallery__title">{t}</h2> })}
            <ul class="bt-gallery__list">{items}</ul>
        </section>
    }
}

/// Gallery photos: two to a row on wide screens.
const GALLERY_SIZES: &str = "(min-width: 900px) 400px, calc(100vw - 2rem)";
