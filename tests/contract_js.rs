//! The browser's contract reader (`bantin_contract::js`, JSON.parse based)
//! must accept exactly what the serde reader accepts. These tests write
//! documents with serde and read them back with the browser reader.
#![cfg(target_arch = "wasm32")]

use bantin_contract::js::parse_js;
use bantin_contract::{
    Align, Article, ArticleSummary, Attachment, Audio, Block, ContractError, DocumentIndex,
    DocumentRow, ExternalLink, Figure, Footer, Gallery, Home, HomeSection, Image, InfoPage, Inline,
    LinkGroup, Listing, ListingKind, MediaSource, MenuEntry, OfficialDocument, Resized,
    RuntimeConfig, SiteSettings, Source, Table, Term, Track, Video,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn term(slug: &str) -> Term {
    Term {
        slug: slug.into(),
        name: format!("Tên {slug}"),
    }
}

fn image() -> Image {
    Image {
        src: "/anh/a.svg".into(),
        alt: "Ảnh".into(),
        width: Some(1200),
        height: Some(675),
        resized: Some(Resized {
            stem: "/anh/a.0123456789".into(),
            widths: vec![360, 720, 1200],
            fallback: "png".into(),
        }),
        placeholder: Some("#a0b1c2".into()),
    }
}

fn summary(slug: &str) -> ArticleSummary {
    ArticleSummary {
        slug: slug.into(),
        title: "Tiêu đề".into(),
        lead: Some("Sapo".into()),
        published: "2025-03-14T08:30:00+07:00".into(),
        category: Some(term("kinh-te")),
        thumb: Some(image()),
    }
}

#[wasm_bindgen_test]
fn every_document_type_round_trips() {
    let site = SiteSettings {
        version: 1,
        name: "Cổng".into(),
        tagline: Some("Tin".into()),
        base_url: Some("https://tin.example.vn/".into()),
        categories: vec![bantin_contract::Category {
            slug: "thoi-su".into(),
            name: "Thời sự".into(),
            description: Some("Mô tả".into()),
        }],
        links: vec![ExternalLink {
            name: "Chính phủ".into(),
            url: "https://chinhphu.vn/".into(),
        }],
        footer: Footer {
            owner: Some("UBND".into()),
            address: None,
            phone: Some("0200".into()),
            email: None,
            license: None,
            notes: vec!["Ghi chú".into()],
        },
        menu: vec![
            MenuEntry {
                name: "Giới thiệu".into(),
                url: None,
                items: vec![ExternalLink {
                    name: "Liên hệ".into(),
                    url: "/trang/lien-he".into(),
                }],
            },
            MenuEntry {
                name: "Văn bản".into(),
                url: Some("/van-ban".into()),
                items: vec![],
            },
        ],
        footer_links: vec![LinkGroup {
            title: "Về cổng".into(),
            items: vec![ExternalLink {
                name: "Sơ đồ".into(),
                url: "/so-do".into(),
            }],
        }],
        pages: vec![term("lien-he")],
        registry: vec![term("nghi-quyet")],
        lang: Some("en".into()),
        languages: vec![
            bantin_contract::Alternate {
                lang: "vi".into(),
                url: "/".into(),
            },
            bantin_contract::Alternate {
                lang: "en".into(),
                url: "/en/".into(),
            },
        ],
    };
    let json = serde_json::to_string(&site).unwrap();
    assert_eq!(parse_js::<SiteSettings>(&json).unwrap(), site);

    let config = RuntimeConfig {
        version: 1,
        build: Some("0123abcd".into()),
        site_name: Some("Cổng mới".into()),
        data_url: "https://du-lieu.example.vn/".into(),
        links: Some(vec![ExternalLink {
            name: "Bộ Y tế".into(),
            url: "https://moh.gov.vn/".into(),
        }]),
    };
    let json = serde_json::to_string(&config).unwrap();
    assert_eq!(parse_js::<RuntimeConfig>(&json).unwrap(), config);
    for json in ["{}", r#"{"unknown":1}"#, r#"{"links":[]}"#] {
        assert_eq!(
            parse_js::<RuntimeConfig>(json).unwrap(),
            bantin_contract::parse::<RuntimeConfig>(json).unwrap(),
            "{json}"
        );
    }
    assert_eq!(
        parse_js::<RuntimeConfig>(r#"{"version":2,"data_url":{"x":1}}"#),
        Err(ContractError::NewerVersion(2))
    );

    let article = Article {
        version: 1,
        slug: "mot-bai".into(),
        title: "Bài".into(),
        lead: Some("Sapo".into()),
        published: "2024-01-23T08:30:00+07:00".into(),
        updated: Some("2024-01-24T08:30:00+07:00".into()),
        category: Some(term("kinh-te")),
        tags: vec![term("ha-tang"), term("dau-tu")],
        author: Some("Minh Anh".into()),
        source: Some(Source {
            name: "Báo".into(),
            url: Some("https://bao.example.vn/".into()),
        }),
        cover: Some(Figure {
            image: image(),
            caption: Some("Chú thích".into()),
            credit: None,
        }),
        body: vec![
            Block::Paragraph {
                content: vec![
                    Inline::Text { text: "a".into() },
                    Inline::Strong { text: "b".into() },
                    Inline::Emphasis { text: "c".into() },
                    Inline::Link {
                        text: "d".into(),
                        href: "/x".into(),
                    },
                ],
            },
            Block::Heading {
                level: 3,
                text: "Mục".into(),
            },
            Block::Figure(Figure {
                image: image(),
                caption: None,
                credit: Some("Ảnh: A".into()),
            }),
            Block::Quote {
                content: vec![Inline::Text { text: "q".into() }],
                cite: Some("Ông B".into()),
            },
            Block::List {
                ordered: true,
                items: vec![vec![Inline::Text { text: "1".into() }]],
            },
            Block::Table(Table {
                caption: Some("Bảng".into()),
                align: vec![Align::Auto, Align::Right, Align::Center],
                head: vec![vec![Inline::Text { text: "A".into() }]],
                rows: vec![vec![vec![Inline::Strong { text: "1".into() }], vec![]]],
            }),
            Block::Video(Video {
                title: "Video".into(),
                youtube: Some("aqz-KE-bpKQ".into()),
                sources: vec![],
                poster: Some(image()),
                tracks: vec![],
                caption: None,
            }),
            Block::Video(Video {
                title: "Video 2".into(),
                youtube: None,
                sources: vec![MediaSource {
                    src: "/tep/a.mp4".into(),
                    mime: "video/mp4".into(),
                }],
                poster: None,
                tracks: vec![Track {
                    src: "/tep/a.vtt".into(),
                    lang: "vi".into(),
                    label: "Tiếng Việt".into(),
                }],
                caption: Some("Chú thích".into()),
            }),
            Block::Audio(Audio {
                title: "Bản tin".into(),
                sources: vec![MediaSource {
                    src: "/tep/a.mp3".into(),
                    mime: "audio/mpeg".into(),
                }],
                caption: None,
            }),
            Block::Gallery(Gallery {
                title: Some("Phóng sự ảnh".into()),
                photos: vec![Figure {
                    image: image(),
                    caption: Some("Một".into()),
                    credit: None,
                }],
            }),
        ],
        attachments: vec![Attachment {
            href: "/tep/nq.pdf".into(),
            title: "Nghị quyết".into(),
            format: "PDF".into(),
            size: 123_456,
        }],
        related: vec![summary("bai-khac")],
        translations: vec![bantin_contract::Alternate {
            lang: "en".into(),
            url: "/en/bai-viet/one".into(),
        }],
    };
    let json = serde_json::to_string(&article).unwrap();
    assert_eq!(parse_js::<Article>(&json).unwrap(), article);

    let listing = Listing {
        version: 1,
        kind: ListingKind::Tag,
        term: Some(term("ha-tang")),
        page: 2,
        page_count: 3,
        total: 25,
        per_page: 10,
        items: vec![summary("a"), summary("b")],
    };
    let json = serde_json::to_string(&listing).unwrap();
    assert_eq!(parse_js::<Listing>(&json).unwrap(), listing);

    let home = Home {
        version: 1,
        lead: Some(summary("lead")),
        latest: vec![summary("x")],
        sections: vec![HomeSection {
            category: term("thoi-su"),
            items: vec![summary("y")],
        }],
    };
    let json = serde_json::to_string(&home).unwrap();
    assert_eq!(parse_js::<Home>(&json).unwrap(), home);

    let page = InfoPage {
        version: 1,
        slug: "lien-he".into(),
        title: "Liên hệ".into(),
        description: Some("Địa chỉ".into()),
        updated: Some("2026-11-30T00:00:00+07:00".into()),
        body: vec![Block::Heading {
            level: 2,
            text: "Giờ làm việc".into(),
        }],
        attachments: vec![Attachment {
            href: "/tep/a.pdf".into(),
            title: "Bản đồ".into(),
            format: "PDF".into(),
            size: 1234,
        }],
        translations: vec![bantin_contract::Alternate {
            lang: "en".into(),
            url: "/en/trang/contact".into(),
        }],
    };
    let json = serde_json::to_string(&page).unwrap();
    assert_eq!(parse_js::<InfoPage>(&json).unwrap(), page);
    // The app reads a page's document as an article without date.
    assert_eq!(parse_js::<Article>(&json).unwrap(), Article::from(page));

    let doc = OfficialDocument {
        version: 1,
        slug: "2025-05-nq-tu".into(),
        number: "05-NQ/TU".into(),
        kind: term("nghi-quyet"),
        issuer: term("tinh-uy"),
        signer: "Đinh Quang Vinh".into(),
        signer_title: Some("Bí thư".into()),
        issued: "2025-03-10".into(),
        effective: None,
        summary: "Về du lịch".into(),
        fields: vec![term("du-lich"), term("kinh-te")],
        body: vec![Block::Heading {
            level: 2,
            text: "Mục tiêu".into(),
        }],
        files: vec![Attachment {
            href: "/tep/van-ban/a.pdf".into(),
            title: "Toàn văn".into(),
            format: "PDF".into(),
            size: 36495,
        }],
    };
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(parse_js::<OfficialDocument>(&json).unwrap(), doc);

    let index = DocumentIndex {
        version: 1,
        types: vec![term("nghi-quyet")],
        issuers: vec![term("tinh-uy")],
        fields: vec![term("du-lich"), term("kinh-te")],
        items: vec![
            DocumentRow {
                slug: "2025-05-nq-tu".into(),
                number: "05-NQ/TU".into(),
                summary: "Về du lịch".into(),
                issued: "2025-03-10".into(),
                kind: 0,
                issuer: 0,
                fields: vec![0, 1],
            },
            DocumentRow {
                slug: "b".into(),
                number: "1/TB".into(),
                summary: "Thông báo".into(),
                issued: "2024-01-02".into(),
                kind: 0,
                issuer: 0,
                fields: vec![],
            },
        ],
    };
    let json = serde_json::to_string(&index).unwrap();
    assert_eq!(parse_js::<DocumentIndex>(&json).unwrap(), index);
    // A position that is not a whole number is refused by both readers.
    let bad = json.replacen("\"type\":0", "\"type\":-1", 1);
    assert!(bantin_contract::parse::<DocumentIndex>(&bad).is_err());
    assert!(parse_js::<DocumentIndex>(&bad).is_err());
}

#[wasm_bindgen_test]
fn both_readers_agree_on_bad_and_partial_documents() {
    let cases: &[&str] = &[
        "",
        "không phải JSON",
        "[]",
        "null",
        r#"{"slug":"a"}"#,
        r#"{"title":"a"}"#,
        r#"{"slug":"a","title":"b"}"#,
        r#"{"slug":"a","title":"b","extra":{"x":1},"body":[{"type":"video"}]}"#,
        r#"{"slug":"a","title":"b","tags":"not a list"}"#,
        r#"{"slug":"a","title":"b","category":{"slug":"x"}}"#,
        r#"{"version":2,"slug":"a","title":"b"}"#,
        r#"{"version":3,"something":"else"}"#,
        r#"{"slug":1,"title":"b"}"#,
    ];
    for json in cases {
        let by_serde = bantin_contract::parse::<Article>(json);
        let by_js = parse_js::<Article>(json);
        match (&by_serde, &by_js) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
            (Err(ContractError::NewerVersion(a)), Err(ContractError::NewerVersion(b))) => {
                assert_eq!(a, b, "{json}")
            }
            (Err(ContractError::Malformed(_)), Err(ContractError::Malformed(_))) => {}
            _ => panic!("readers disagree on {json}: serde {by_serde:?}, js {by_js:?}"),
        }
    }
}
