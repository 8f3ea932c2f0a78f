//! `plain_text`: the visible text of a body, as search indexes it.

use bantin_contract::{plain_text, Block, Figure, Image, Inline};

#[test]
fn every_visible_block_on_its_own_line() {
    let t = |s: &str| Inline::Text { text: s.into() };
    let body = vec![
        Block::Heading {
            level: 2,
            text: "Kết quả".into(),
        },
        Block::Paragraph {
            content: vec![
                t("Xã đạt "),
                Inline::Strong {
                    text: "chuẩn".into(),
                },
                Inline::Link {
                    text: " nông thôn mới".into(),
                    href: "javascript:alert(1)".into(),
                },
            ],
        },
        Block::Figure(Figure {
            image: Image::new("anh/a.jpg", "Cánh đồng"),
            caption: Some("Lúa chín".into()),
            credit: Some("Ảnh: Minh Anh".into()),
        }),
        Block::Quote {
            content: vec![t("Làm thật")],
            cite: Some("Chủ tịch xã".into()),
        },
        Block::List {
            ordered: false,
            items: vec![vec![t("Một")], vec![], vec![t("Hai")]],
        },
        Block::Unknown,
    ];
    assert_eq!(
        plain_text(&body),
        "Kết quả\nXã đạt chuẩn nông thôn mới\nLúa chín\nLàm thật\nChủ tịch xã\nMột\nHai\n"
    );
}
