//! Parsing the JSON contract: full and partial documents, forward compatibility
//! (unknown fields and block types) and refusal of newer major versions.

use bantin_contract::{
    parse, Article, Block, ContractError, Home, Image, Inline, Listing, ListingKind, Resized,
    SiteSettings, CONTRACT_VERSION,
};

#[test]
fn full_site() {
    let json = r#"{"version":1,"name":"Cổng","tagline":"Tin tức","base_url":"https://a.vn/",
        "categories":[{"slug":"thoi-su","name":"Thời sự","description":"Tin"}],
        "links":[{"name":"Chính phủ","url":"https://chinhphu.vn/"}],
        "footer":{"owner":"UBND","address":"Số 1","phone":"0200","email":"a@b.vn","license":"GP","notes":["x","y"]}}"#;
    let s: SiteSettings = parse(json).unwrap();
    assert_eq!(s.version, CONTRACT_VERSION);
    assert_eq!(s.tagline.as_deref(), Some("Tin tức"));
    assert_eq!(s.categories[0].description.as_deref(), Some("Tin"));
    assert_eq!(s.links[0].url, "https://chinhphu.vn/");
    assert_eq!(s.footer.notes, ["x", "y"]);
    // Serializing and parsing again gives the same document.
    let again: SiteSettings = parse(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(again, s);
}

#[test]
fn full_article() {
    let json = r#"{"version":1,"slug":"a","title":"Tiêu đề","lead":"Sa pô",
        "published":"2024-01-23T08:30:00+07:00","updated":"2024-01-24T10:00:00+07:00",
        "category":{"slug":"kinh-te","name":"Kinh tế"},
        "tags":[{"slug":"giao-thong","name":"Giao thông"}],
        "author":"Minh Anh","source":{"name":"Báo","url":"https://b.vn"},
        "cover":{"image":{"src":"/anh/a.svg","alt":"Ảnh","width":1200,"height":675},"caption":"C","credit":"Ảnh: A"},
        "body":[
          {"type":"paragraph","content":[{"type":"text","text":"Một "},{"type":"strong","text":"hai"},
            {"type":"emphasis","text":"ba"},{"type":"link","text":"bốn","href":"https://c.vn"}]},
          {"type":"heading","level":3,"text":"Mục"},
          {"type":"figure","image":{"src":"/anh/b.svg","alt":"B"},"caption":"Chú thích"},
          {"type":"quote","content":[{"type":"text","text":"Câu nói"}],"cite":"Ông B"},
          {"type":"list","ordered":true,"items":[[{"type":"text","text":"x"}]]}
        ],
        "related":[{"slug":"b","title":"B","lead":"L","published":"2024-01-22T08:30:00+07:00",
          "category":{"slug":"kinh-te","name":"Kinh tế"},"thumb":{"src":"/anh/b.svg","alt":"B"}}]}"#;
    let a: Article = parse(json).unwrap();
    assert_eq!(a.tags[0].name, "Giao thông");
    assert_eq!(a.cover.as_ref().unwrap().image.width, Some(1200));
    assert_eq!(a.body.len(), 5);
    let Block::Paragraph { content } = &a.body[0] else {
        panic!("{:?}", a.body[0])
    };
    assert_eq!(
        content.iter().map(Inline::text).collect::<String>(),
        "Một haibabốn"
    );
    assert_eq!(
        a.body[1],
        Block::Heading {
            level: 3,
            text: "Mục".into()
        }
    );
    assert!(
        matches!(&a.body[2], Block::Figure(f) if f.credit.is_none() && f.image.width.is_none())
    );
    assert!(matches!(&a.body[3], Block::Quote { cite: Some(c), .. } if c == "Ông B"));
    assert!(matches!(&a.body[4], Block::List { ordered: true, items } if items.len() == 1));
    assert_eq!(a.related[0].thumb.as_ref().unwrap().src, "/anh/b.svg");
    let again: Article = parse(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(again, a);
}

#[test]
fn full_listing_and_home() {
    let item = r#"{"slug":"a","title":"A","published":"2024-01-23T08:30:00+07:00"}"#;
    let json = format!(
        r#"{{"version":1,"kind":"tag","term":{{"slug":"t","name":"T"}},"page":2,"page_count":3,"total":25,"per_page":12,"items":[{item}]}}"#
    );
    let l: Listing = parse(&json).unwrap();
    assert_eq!(l.kind, ListingKind::Tag);
    assert_eq!((l.page, l.page_count, l.total, l.per_page), (2, 3, 25, 12));
    assert_eq!(l.items[0].slug, "a");

    let json = format!(
        r#"{{"version":1,"lead":{item},"latest":[{item},{item}],"sections":[{{"category":{{"slug":"c","name":"C"}},"items":[{item}]}}]}}"#
    );
    let h: Home = parse(&json).unwrap();
    assert_eq!(h.lead.unwrap().title, "A");
    assert_eq!(h.latest.len(), 2);
    assert_eq!(h.sections[0].category.slug, "c");
}

#[test]
fn partial_documents_with_only_required_fields() {
    // The version defaults to 1; optional fields default to absent or empty.
    let s: SiteSettings = parse(r#"{"name":"Cổng"}"#).unwrap();
    assert_eq!(s.version, 1);
    assert!(s.categories.is_empty() && s.links.is_empty() && s.tagline.is_none());
    assert_eq!(s.footer, Default::default());

    let a: Article = parse(r#"{"slug":"a","title":"A"}"#).unwrap();
    assert_eq!(a.published, "");
    assert!(a.body.is_empty() && a.related.is_empty() && a.tags.is_empty());
    assert!(a.lead.is_none() && a.category.is_none() && a.cover.is_none());

    let l: Listing =
        parse(r#"{"kind":"latest","page":1,"page_count":1,"total":0,"per_page":12}"#).unwrap();
    assert!(l.items.is_empty() && l.term.is_none());

    let h: Home = parse("{}").unwrap();
    assert!(h.lead.is_none() && h.latest.is_empty() && h.sections.is_empty());

    // Inside documents too: a heading without a level is level 2, an image without alt has "".
    let a: Article = parse(
        r#"{"slug":"a","title":"A","body":[{"type":"heading","text":"H"},
            {"type":"figure","image":{"src":"/x.svg"}},{"type":"list","items":[[]]}]}"#,
    )
    .unwrap();
    assert_eq!(
        a.body[0],
        Block::Heading {
            level: 2,
            text: "H".into()
        }
    );
    assert!(matches!(&a.body[1], Block::Figure(f) if f.image.alt.is_empty()));
    assert!(matches!(&a.body[2], Block::List { ordered: false, .. }));
}

#[test]
fn fields_of_newer_blocks_with_another_shape_are_ignored() {
    let a: Article = parse(
        r#"{"slug":"a","title":"A","body":[
            {"type":"paragraph","content":[{"type":"text","text":"x"}],"title":5,"photos":"x","rows":{"a":1},"sources":[1]},
            {"type":"gallery","photos":[{"caption":"no image"}]},
            {"type":"table","rows":"x"},
            {"type":"video","title":"V","youtube":"aqz-KE-bpKQ","tracks":"x"}
        ]}"#,
    )
    .unwrap();
    assert!(matches!(&a.body[0], Block::Paragraph { .. }));
    assert_eq!(a.body[1], Block::Unknown);
    assert_eq!(a.body[2], Block::Unknown);
    assert!(matches!(&a.body[3], Block::Video(v) if v.tracks.is_empty()));
}

#[test]
fn unknown_fields_are_ignored() {
    let s: SiteSettings =
        parse(r#"{"version":1,"name":"Cổng","theme":"dark","footer":{"fax":"1"}}"#).unwrap();
    assert_eq!(s.name, "Cổng");
    let a: Article = parse(
        r#"{"slug":"a","title":"A","reading_time":3,
            "body":[{"type":"paragraph","content":[{"type":"text","text":"x","lang":"vi"}],"align":"center"}]}"#,
    )
    .unwrap();
    assert_eq!(
        a.body[0],
        Block::Paragraph {
            content: vec![Inline::Text { text: "x".into() }]
        }
    );
    let l: Listing =
        parse(r#"{"kind":"category","page":1,"page_count":1,"total":0,"per_page":12,"next":null}"#)
            .unwrap();
    assert_eq!(l.kind, ListingKind::Category);
}

#[test]
fn unknown_block_and_inline_types_are_unknown() {
    let a: Article = parse(
        r#"{"slug":"a","title":"A","body":[
            {"type":"video","src":"/v.mp4"},
            {"type":"paragraph","content":[{"type":"math","tex":"x^2"},{"type":"text","text":"y"}]}
        ]}"#,
    )
    .unwrap();
    assert_eq!(a.body[0], Block::Unknown);
    let Block::Paragraph { content } = &a.body[1] else {
        panic!("{:?}", a.body[1])
    };
    assert_eq!(content[0], Inline::Unknown);
    assert_eq!(content[0].text(), "");
    assert_eq!(content[1].text(), "y");
}

#[test]
fn malformed_json_is_malformed() {
    for bad in ["", "{", "not json", "[1,2]", r#"{"name":"x",}"#] {
        assert!(
            matches!(parse::<SiteSettings>(bad), Err(ContractError::Malformed(_))),
            "{bad:?}"
        );
    }
    // A wrong type is malformed too.
    assert!(matches!(
        parse::<Listing>(r#"{"kind":"latest","page":"1","page_count":1,"total":0,"per_page":12}"#),
        Err(ContractError::Malformed(_))
    ));
    assert!(matches!(
        parse::<Listing>(r#"{"kind":"archive","page":1,"page_count":1,"total":0,"per_page":12}"#),
        Err(ContractError::Malformed(_))
    ));
}

#[test]
fn missing_required_fields_are_malformed() {
    let cases: &[(&str, &str)] = &[
        ("site", r#"{"version":1}"#),
        ("article", r#"{"version":1,"title":"A"}"#),
        (
            "listing",
            r#"{"version":1,"kind":"latest","page":1,"total":0,"per_page":12}"#,
        ),
        ("home", r#"{"sections":[{"items":[]}]}"#),
    ];
    for (what, json) in cases {
        let err = match *what {
            "site" => parse::<SiteSettings>(json).err(),
            "article" => parse::<Article>(json).err(),
            "listing" => parse::<Listing>(json).err(),
            _ => parse::<Home>(json).err(),
        };
        assert!(
            matches!(err, Some(ContractError::Malformed(ref m)) if m.contains("missing field")),
            "{what}: {err:?}"
        );
    }
    // Inside the body the reader is lenient instead: a block that lacks what it needs
    // (or is empty) is read as unknown and skipped, not as a broken document.
    let a: Article = parse(
        r#"{"slug":"a","title":"A","body":[{"type":"paragraph"},{"type":"figure","caption":"c"},
            {"type":"list","items":[]},{"type":"heading","text":" "},{"content":[]},
            {"type":"paragraph","content":[{"type":"link","text":"x"}]}]}"#,
    )
    .unwrap();
    assert!(
        a.body[..5].iter().all(|b| *b == Block::Unknown),
        "{:?}",
        a.body
    );
    assert_eq!(
        a.body[5],
        Block::Paragraph {
            content: vec![Inline::Link {
                text: "x".into(),
                href: String::new()
            }]
        }
    );
}

#[test]
fn newer_major_version_is_refused() {
    // Version 2 that still has the v1 shape: refused even though it parses.
    assert_eq!(
        parse::<SiteSettings>(r#"{"version":2,"name":"Cổng"}"#),
        Err(ContractError::NewerVersion(2))
    );
    assert_eq!(
        parse::<Home>(r#"{"version":2}"#),
        Err(ContractError::NewerVersion(2))
    );
    // Version 2 whose shape changed (v1 would call it malformed): still reported as newer.
    assert_eq!(
        parse::<Article>(r#"{"version":2,"id":42,"headline":{"vi":"A"}}"#),
        Err(ContractError::NewerVersion(2))
    );
    assert_eq!(
        parse::<Listing>(r#"{"version":2,"kind":{"tag":"t"},"pages":{"current":1}}"#),
        Err(ContractError::NewerVersion(2))
    );
    assert_eq!(
        parse::<SiteSettings>(r#"{"version":3,"name":["a"]}"#),
        Err(ContractError::NewerVersion(3))
    );
    // The current version and older ones parse.
    assert!(parse::<SiteSettings>(r#"{"version":1,"name":"x"}"#).is_ok());
    assert!(parse::<SiteSettings>(r#"{"version":0,"name":"x"}"#).is_ok());
    // Errors are readable.
    assert!(ContractError::NewerVersion(2).to_string().contains('2'));
}

/// A page of the site (`data/trang/<slug>.json`), and the same document read
/// as an article, as the app reads it: what the two share is read alike.
#[test]
fn a_page_reads_as_an_article_without_date() {
    let json = r#"{"version":1,"slug":"lien-he","title":"Liên hệ","description":"Địa chỉ",
        "updated":"2026-11-30T00:00:00+07:00",
        "body":[{"type":"heading","level":2,"text":"Giờ làm việc"}],
        "attachments":[{"href":"/tep/a.pdf","title":"Bản đồ","format":"PDF","size":12}]}"#;
    let page: bantin_contract::InfoPage = parse(json).unwrap();
    assert_eq!(page.description.as_deref(), Some("Địa chỉ"));
    let article: Article = parse(json).unwrap();
    assert_eq!(article, Article::from(page.clone()));
    assert_eq!(article.published, "");
    assert_eq!(article.updated, page.updated);
    assert_eq!(article.attachments.len(), 1);
    let again: bantin_contract::InfoPage = parse(&serde_json::to_string(&page).unwrap()).unwrap();
    assert_eq!(again, page);
}

#[test]
fn an_image_names_its_copy_at_a_width_in_either_format() {
    let mut image = Image::new("/anh/a.jpg", "Ảnh");
    // Without copies, the original for any width and format.
    assert_eq!(image.at_width(720), "/anh/a.jpg");
    assert_eq!(image.webp_at_width(720), "/anh/a.jpg");
    image.resized = Some(Resized {
        stem: "/anh/a.0123456789".into(),
        widths: vec![360, 720, 1200],
        fallback: "png".into(),
    });
    assert_eq!(image.at_width(720), "/anh/a.0123456789-720.png");
    assert_eq!(image.webp_at_width(500), "/anh/a.0123456789-720.webp");
    // Wider than the widest copy: the widest.
    assert_eq!(image.webp_at_width(2000), "/anh/a.0123456789-1200.webp");
}
