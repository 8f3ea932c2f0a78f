//! The loader reserves the space the widget will take: embed.js's heights, the
//! stylesheet's and `options::layout` must agree.

use bantin_widgets::options::{layout, DEFAULT_COUNT, MAX_COUNT, TAG};
use bantin_widgets::style::CSS;

const EMBED_JS: &str = include_str!("../embed.js");

/// The number embed.js assigns to `name` (`NAME = 12`).
fn js_const(name: &str) -> u32 {
    let at = EMBED_JS
        .find(&format!("{name} = "))
        .unwrap_or_else(|| panic!("embed.js has no {name}"));
    let rest = &EMBED_JS[at + name.len() + 3..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("{name} is not a number"))
}

#[test]
fn embed_js_reserves_the_widget_heights() {
    for (name, value) in [
        ("HEAD", layout::HEAD),
        ("FOOT", layout::FOOT),
        ("ROW_COMPACT", layout::ROW_COMPACT),
        ("ROW_THUMB", layout::ROW_THUMB),
        ("CARD", layout::CARD),
        ("BORDER", layout::BORDER),
        ("MAX_COUNT", MAX_COUNT),
        ("DEFAULT_COUNT", DEFAULT_COUNT),
    ] {
        assert_eq!(js_const(name), value, "embed.js {name}");
    }
    assert!(EMBED_JS.contains(&format!("var TAG = '{TAG}';")));
}

#[test]
fn the_stylesheet_uses_the_same_heights() {
    for rule in [
        format!(".h{{height:{}px;", layout::HEAD),
        format!("li{{display:block;height:{}px;", layout::ROW_COMPACT),
        format!(".a li{{height:{}px}}", layout::ROW_THUMB),
        format!(".m{{display:block;height:{}px;", layout::FOOT),
        format!(".c>a{{height:{}px}}", layout::CARD),
        format!(".w{{border:{}px solid", layout::BORDER / 2),
    ] {
        assert!(CSS.contains(&rule), "the stylesheet lacks {rule}");
    }
    // Sizes never follow the host's root font size.
    assert!(!CSS.contains("rem") && !CSS.contains("em;") && !CSS.contains("%;font"));
    assert!(CSS.starts_with(":host{all:initial;"));
}
