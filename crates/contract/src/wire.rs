//! Reading tagged blocks and inline runs through flat structs.
//!
//! The wire format is internally tagged (`{"type": "paragraph", ...}`). Serde's
//! derived reader for that form buffers every value in a generic tree first,
//! which costs tens of kilobytes in the browser bundle; reading into one flat
//! struct with every field optional and converting afterwards accepts exactly
//! the same documents for a fraction of the code. Writing stays derived.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};

use crate::{
    Align, Audio, Block, Figure, Gallery, Image, Inline, MediaSource, Table, Track, Video,
};

fn heading_level_default() -> u8 {
    2
}

/// Any block, as it appears on the wire.
#[derive(Deserialize)]
pub(crate) struct RawBlock {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    content: Vec<Inline>,
    #[serde(default = "heading_level_default")]
    level: u8,
    #[serde(default)]
    text: String,
    #[serde(default)]
    image: Option<Image>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    cite: Option<String>,
    #[serde(default)]
    ordered: bool,
    #[serde(default)]
    items: Vec<Vec<Inline>>,
    // The fields of the blocks added within version 1 (table, video, audio,
    // gallery) are read leniently: a block of another type may carry a field of
    // the same name with another shape, which must not make the document malformed.
    #[serde(default, deserialize_with = "lenient")]
    align: Vec<String>,
    #[serde(default, deserialize_with = "lenient")]
    head: Vec<Vec<Inline>>,
    #[serde(default, deserialize_with = "lenient")]
    rows: Vec<Vec<Vec<Inline>>>,
    #[serde(default, deserialize_with = "lenient")]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    youtube: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    sources: Vec<MediaSource>,
    #[serde(default, deserialize_with = "lenient")]
    poster: Option<Image>,
    #[serde(default, deserialize_with = "lenient")]
    tracks: Vec<Track>,
    #[serde(default, deserialize_with = "lenient")]
    photos: Vec<Figure>,
}

/// A value of type `T`, or anything else (then ignored).
#[derive(Deserialize)]
#[serde(untagged)]
enum OrIgnored<T> {
    Value(T),
    Other(IgnoredAny),
}

/// Reads a `T`, or its default when the value has another shape.
fn lenient<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(match OrIgnored::<T>::deserialize(d)? {
        OrIgnored::Value(v) => v,
        OrIgnored::Other(_) => T::default(),
    })
}

impl From<RawBlock> for Block {
    fn from(r: RawBlock) -> Self {
        match r.kind.as_str() {
            // Empty blocks would only leave gaps in the page.
            "paragraph" | "quote" if r.content.is_empty() => Block::Unknown,
            "heading" if r.text.trim().is_empty() => Block::Unknown,
            "list" if r.items.is_empty() => Block::Unknown,
            "paragraph" => Block::Paragraph { content: r.content },
            "heading" => Block::Heading {
                level: r.level,
                text: r.text,
            },
            "figure" => match r.image {
                Some(image) => Block::Figure(Figure {
                    image,
                    caption: r.caption,
                    credit: r.credit,
                }),
                None => Block::Unknown,
            },
            "quote" => Block::Quote {
                content: r.content,
                cite: r.cite,
            },
            "list" => Block::List {
                ordered: r.ordered,
                items: r.items,
            },
            "table" if r.head.is_empty() && r.rows.is_empty() => Block::Unknown,
            "table" => Block::Table(Table {
                caption: r.caption,
                align: r.align.iter().map(|a| Align::from_name(a)).collect(),
                head: r.head,
                rows: r.rows,
            }),
            // A video needs something to play and a title for screen readers.
            "video" => match r.title {
                Some(title) if r.youtube.is_some() || !r.sources.is_empty() => {
                    Block::Video(Video {
                        title,
                        youtube: r.youtube,
                        sources: r.sources,
                        poster: r.poster,
                        tracks: r.tracks,
                        caption: r.caption,
                    })
                }
                _ => Block::Unknown,
            },
            "audio" => match r.title {
                Some(title) if !r.sources.is_empty() => Block::Audio(Audio {
                    title,
                    sources: r.sources,
                    caption: r.caption,
                }),
                _ => Block::Unknown,
            },
            "gallery" if r.photos.is_empty() => Block::Unknown,
            "gallery" => Block::Gallery(Gallery {
                title: r.title,
                photos: r.photos,
            }),
            _ => Block::Unknown,
        }
    }
}

/// Any inline run, as it appears on the wire.
#[derive(Deserialize)]
pub(crate) struct RawInline {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    href: String,
}

impl From<RawInline> for Inline {
    fn from(r: RawInline) -> Self {
        let text = r.text;
        match r.kind.as_str() {
            "text" => Inline::Text { text },
            "strong" => Inline::Strong { text },
            "emphasis" => Inline::Emphasis { text },
            "link" => Inline::Link { text, href: r.href },
            _ => Inline::Unknown,
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use crate::{Block, Inline};

    fn blocks(json: &str) -> Vec<Block> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_every_block_kind_and_skips_unknown_or_empty_ones() {
        let b = blocks(
            r#"[
            {"type":"paragraph","content":[{"type":"text","text":"a"},{"type":"link","text":"b","href":"/x"},{"type":"sparkle","text":"?"}]},
            {"type":"heading","text":"Mục"},
            {"type":"heading","level":3,"text":"Mục nhỏ"},
            {"type":"figure","image":{"src":"/anh/a.svg","alt":"A","width":10,"height":5},"caption":"C"},
            {"type":"figure","caption":"no image"},
            {"type":"quote","content":[{"type":"text","text":"q"}],"cite":"Ông A"},
            {"type":"list","ordered":true,"items":[[{"type":"text","text":"1"}]]},
            {"type":"video","src":"x.mp4"},
            {"type":"paragraph","content":[]},
            {"type":"heading","text":"  "},
            {"content":[{"type":"text","text":"untyped"}]}
        ]"#,
        );
        assert_eq!(b.len(), 11);
        match &b[0] {
            Block::Paragraph { content } => {
                assert_eq!(
                    content[1],
                    Inline::Link {
                        text: "b".into(),
                        href: "/x".into()
                    }
                );
                assert_eq!(content[2], Inline::Unknown);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            b[1],
            Block::Heading {
                level: 2,
                text: "Mục".into()
            }
        );
        assert_eq!(
            b[2],
            Block::Heading {
                level: 3,
                text: "Mục nhỏ".into()
            }
        );
        assert!(matches!(&b[3], Block::Figure(f) if f.caption.as_deref() == Some("C")));
        assert!(matches!(&b[5], Block::Quote { cite: Some(c), .. } if c == "Ông A"));
        assert!(matches!(&b[6], Block::List { ordered: true, items } if items.len() == 1));
        for i in [4, 7, 8, 9, 10] {
            assert_eq!(b[i], Block::Unknown, "block {i}");
        }
    }

    #[test]
    fn written_blocks_read_back_the_same() {
        let original = vec![
            Block::Paragraph {
                content: vec![Inline::Strong {
                    text: "đậm".into()
                }],
            },
            Block::Heading {
                level: 2,
                text: "Mục".into(),
            },
            Block::List {
                ordered: false,
                items: vec![vec![Inline::Emphasis { text: "x".into() }]],
            },
        ];
        let json = serde_json::to_string(&original).unwrap();
        assert_eq!(blocks(&json), original);
    }
}
