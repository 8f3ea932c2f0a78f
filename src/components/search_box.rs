//! The header's search box: a plain GET form to the search page (it works
//! without JavaScript). The search module (`crate::search`) turns it into an
//! ARIA combobox with suggestions; it is imported the first time the box gets
//! focus or a keystroke, never at start-up, and owns the form's events from
//! then on.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::base;

/// The id of the header's input (the same in the prerendered header).
const INPUT_ID: &str = "bt-q";

/// The inside of the form, per language (from the strings `search_label`,
/// `search_placeholder`, `search` and `suggestions_label` of `crate::strings`,
/// checked by a test; written out as constants, they cost no code).
const FORM_HTML_VI: &str = "<label class=\"bt-sr\" for=\"bt-q\">Tìm bài viết</label><input id=\"bt-q\" class=\"bt-search__input\" type=\"search\" name=\"q\" placeholder=\"Tìm bài viết…\" autocomplete=\"off\" role=\"combobox\" aria-autocomplete=\"list\" aria-controls=\"bt-goi-y\" aria-expanded=\"false\"><button class=\"bt-search__submit\" type=\"submit\"><span class=\"bt-search__icon\" aria-hidden=\"true\"></span><span class=\"bt-sr\">Tìm kiếm</span></button><ul id=\"bt-goi-y\" class=\"bt-search__list\" role=\"listbox\" aria-label=\"Gợi ý tìm kiếm\" hidden=\"\"></ul>";
const FORM_HTML_EN: &str = "<label class=\"bt-sr\" for=\"bt-q\">Search articles</label><input id=\"bt-q\" class=\"bt-search__input\" type=\"search\" name=\"q\" placeholder=\"Search articles…\" autocomplete=\"off\" role=\"combobox\" aria-autocomplete=\"list\" aria-controls=\"bt-goi-y\" aria-expanded=\"false\"><button class=\"bt-search__submit\" type=\"submit\"><span class=\"bt-search__icon\" aria-hidden=\"true\"></span><span class=\"bt-sr\">Search</span></button><ul id=\"bt-goi-y\" class=\"bt-search__list\" role=\"listbox\" aria-label=\"Search suggestions\" hidden=\"\"></ul>";

/// The inside of the form in the language of `text`.
fn form_html(text: &crate::strings::Text) -> &'static str {
    match text.lang {
        crate::strings::Lang::Vi => FORM_HTML_VI,
        crate::strings::Lang::En => FORM_HTML_EN,
    }
}

/// The search form of the site header (the search module takes it over on
/// first use: `crate::start` calls `search::hook`).
#[component]
pub fn SearchBox() -> impl IntoView {
    view! {
        <form
            class="bt-search"
            role="search"
            action=base::url("tim-kiem")
            method="get"
            inner_html=form_html(crate::strings::t())
        ></form>
    }
}

/// What the reader typed into the prerendered page's box before the app took
/// over: the text, and whether the box had the focus.
pub fn typed_in(static_page: &web_sys::Element) -> Option<(String, bool)> {
    let input = static_page
        .query_selector(&format!("#{INPUT_ID}"))
        .ok()??
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let focused = document().active_element().is_some_and(|a| a == **input);
    let value = input.value();
    (focused || !value.is_empty()).then_some((value, focused))
}

/// Puts [`typed_in`]'s text into the app's box (and looks it up).
pub fn carry_over(typed: (String, bool)) {
    let Some(input) = document()
        .get_element_by_id(INPUT_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let (value, focused) = typed;
    input.set_value(&value);
    if focused {
        let _ = input.focus();
    }
    if !value.is_empty() {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = input.dispatch_event(&ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings;

    #[test]
    fn the_form_says_the_strings() {
        for text in [&strings::VI, &strings::EN] {
            let html = form_html(text);
            for s in [
                text.search_label,
                text.search_placeholder,
                text.search,
                text.suggestions_label,
            ] {
                assert!(!s.contains(['<', '>', '&', '"']), "{s} needs no escaping");
            }
            assert!(html.starts_with(&format!(
                "<label class=\"bt-sr\" for=\"{INPUT_ID}\">{}</label>",
                text.search_label
            )));
            assert!(html.contains(&format!("placeholder=\"{}\"", text.search_placeholder)));
            assert!(html.contains(&format!("<span class=\"bt-sr\">{}</span>", text.search)));
            assert!(html.ends_with(&format!(
                "aria-label=\"{}\" hidden=\"\"></ul>",
                text.suggestions_label
            )));
        }
    }
}
