//! The header's search box: a plain GET form to the search page (it works
//! without JavaScript), which the app turns into an ARIA combobox with
//! suggestions while the reader types.
//!
//! Typing two characters or more asks the engine (after a 200 ms pause) for
//! the first articles whose words start as typed; up to six titles show in a
//! listbox. ArrowDown/ArrowUp move through them (`aria-activedescendant`;
//! focus stays in the box), Enter opens the active one or, with none active,
//! the search page; Escape closes the list. The engine is loaded the first
//! time the box gets focus, never at start-up.
//!
//! The form's markup is fixed (the build tool writes the same, `html::search_box`)
//! and only the list changes, so it is driven by one DOM event handler rather
//! than by reactive views: a fraction of the WebAssembly that typed views cost
//! in the first view's budget.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bantin_contract::paths::routes;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::format::short_date;
use crate::search::{self, Hit};
use crate::{base, strings};

/// The id of the header's input (the same in the prerendered header).
const INPUT_ID: &str = "bt-q";
/// The id of the suggestions' listbox; options are `bt-goi-y-<n>`.
const LIST_ID: &str = "bt-goi-y";
/// The pause after a keystroke before suggestions are looked up, in ms.
const DEBOUNCE_MS: i32 = 200;

/// Writes `s` as HTML text or attribute value.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Writes segments whose odd indexes are matched words, those in `<mark>`.
pub fn push_marked(out: &mut String, segments: &[String]) {
    for (i, s) in segments.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<mark>");
            push_escaped(out, s);
            out.push_str("</mark>");
        } else {
            push_escaped(out, s);
        }
    }
}

/// A hit's title with its matched words marked (the plain title if the engine gave no marks).
pub fn push_title(out: &mut String, hit: &Hit) {
    if hit.title_marks.is_empty() {
        push_escaped(out, &hit.title);
    } else {
        push_marked(out, &hit.title_marks);
    }
}

/// The options of the suggestions list.
fn options_html(hits: &[Hit]) -> String {
    let mut out = String::new();
    for (i, hit) in hits.iter().enumerate() {
        out.push_str(&format!(
            "<li id=\"{LIST_ID}-{i}\" class=\"bt-search__option\" role=\"option\" aria-selected=\"false\"><span class=\"bt-search__title\">"
        ));
        push_title(&mut out, hit);
        out.push_str("</span><span class=\"bt-search__date\">");
        push_escaped(&mut out, &short_date(&hit.date).unwrap_or_default());
        out.push_str("</span></li>");
    }
    out
}

/// The inside of the form, as `html::search_box` writes it.
fn form_html() -> String {
    let mut out = format!("<label class=\"bt-sr\" for=\"{INPUT_ID}\">");
    push_escaped(&mut out, strings::SEARCH_LABEL);
    out.push_str(&format!("</label><input id=\"{INPUT_ID}\" class=\"bt-search__input\" type=\"search\" name=\"q\" placeholder=\""));
    push_escaped(&mut out, strings::SEARCH_PLACEHOLDER);
    out.push_str(&format!("\" autocomplete=\"off\" role=\"combobox\" aria-autocomplete=\"list\" aria-controls=\"{LIST_ID}\" aria-expanded=\"false\"><button class=\"bt-search__submit\" type=\"submit\"><span class=\"bt-search__icon\" aria-hidden=\"true\"></span><span class=\"bt-sr\">"));
    push_escaped(&mut out, strings::SEARCH);
    out.push_str(&format!(
        "</span></button><ul id=\"{LIST_ID}\" class=\"bt-search__list\" role=\"listbox\" aria-label=\""
    ));
    push_escaped(&mut out, strings::SUGGESTIONS_LABEL);
    out.push_str("\" hidden=\"\"></ul>");
    out
}

/// Goes to a URL of the site inside the app, the way a link does (the router
/// takes the click, and the view changes once it has loaded).
pub fn go(url: &str) {
    let doc = document();
    let (Ok(a), Some(body)) = (doc.create_element("a"), doc.body()) else {
        return;
    };
    let _ = a.set_attribute("href", url);
    let _ = body.append_child(&a);
    if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
        a.click();
    }
    a.remove();
}

/// The search form of the site header, with suggestions.
#[component]
pub fn SearchBox() -> impl IntoView {
    let form = NodeRef::<leptos::html::Form>::new();
    form.on_load(|form| {
        if let Some(combo) = Combo::new(form) {
            combo.listen();
        }
    });
    view! {
        <form
            class="bt-search"
            role="search"
            action=base::url("tim-kiem")
            method="get"
            inner_html=form_html()
            node_ref=form
        ></form>
    }
}

/// The live state of the header's combobox.
struct Combo {
    form: web_sys::HtmlFormElement,
    input: web_sys::HtmlInputElement,
    list: web_sys::HtmlElement,
    hits: RefCell<Vec<Hit>>,
    active: Cell<Option<usize>>,
    /// The pending lookup's timer.
    timer: Cell<Option<i32>>,
    /// Keystrokes so far: an answer for an older one is dropped.
    typed: Cell<u32>,
    warmed: Cell<bool>,
}

impl Combo {
    fn new(form: web_sys::HtmlFormElement) -> Option<Rc<Combo>> {
        let input = form.query_selector("input").ok()??.dyn_into().ok()?;
        let list = form.query_selector("ul").ok()??.dyn_into().ok()?;
        Some(Rc::new(Combo {
            form,
            input,
            list,
            hits: RefCell::new(Vec::new()),
            active: Cell::new(None),
            timer: Cell::new(None),
            typed: Cell::new(0),
            warmed: Cell::new(false),
        }))
    }

    /// One handler for every event of the form (the header lives as long as the page).
    fn listen(self: Rc<Self>) {
        let form = self.form.clone();
        let handler =
            Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| self.handle(&ev))
                .into_js_value();
        for name in [
            "focusin",
            "focusout",
            "input",
            "keydown",
            "submit",
            "mousedown",
            "click",
        ] {
            let _ = form.add_event_listener_with_callback(name, handler.unchecked_ref());
        }
    }

    fn handle(self: &Rc<Self>, ev: &web_sys::Event) {
        let in_list = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[role=option]").ok().flatten());
        match ev.type_().as_str() {
            "focusin" if !self.warmed.replace(true) => search::warm(),
            "focusout" => self.show(None),
            "input" => self.look_up(),
            "keydown" => {
                if let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
                    self.key(ev, &key.key());
                }
            }
            "submit" => {
                ev.prevent_default();
                self.show(None);
                go(&search::search_url(&self.input.value(), 1));
            }
            // Pressing on an option must not take the focus from the box.
            "mousedown"
                if self
                    .list
                    .contains(ev.target().and_then(|t| t.dyn_into().ok()).as_ref()) =>
            {
                ev.prevent_default()
            }
            "click" => {
                let index =
                    in_list.and_then(|o| o.id().rsplit('-').next().and_then(|n| n.parse().ok()));
                if let Some(i) = index {
                    self.pick(i);
                }
            }
            _ => {}
        }
    }

    fn key(self: &Rc<Self>, ev: &web_sys::Event, key: &str) {
        let count = self.hits.borrow().len();
        let open = !self.list.hidden();
        match key {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = key == "ArrowDown";
                let next = match (self.active.get().filter(|_| open), down) {
                    (None, true) => 0,
                    (None, false) => count - 1,
                    (Some(i), true) => (i + 1) % count,
                    (Some(i), false) => (i + count - 1) % count,
                };
                self.show(Some(Some(next)));
            }
            // The list closes; a second Escape clears the box (the browser's own).
            "Escape" if open => {
                ev.prevent_default();
                self.show(None);
            }
            "Enter" if open => {
                if let Some(i) = self.active.get() {
                    ev.prevent_default();
                    self.pick(i);
                }
            }
            _ => {}
        }
    }

    /// Shows the list with `active` marked (`Some(None)`: open, no option
    /// active), or closes it (`None`).
    fn show(&self, state: Option<Option<usize>>) {
        let open = state.is_some() && !self.hits.borrow().is_empty();
        let active = state.flatten().filter(|_| open);
        self.active.set(active);
        self.list.set_hidden(!open);
        let _ = self
            .input
            .set_attribute("aria-expanded", if open { "true" } else { "false" });
        match active {
            Some(i) => {
                let _ = self
                    .input
                    .set_attribute("aria-activedescendant", &format!("{LIST_ID}-{i}"));
            }
            None => {
                let _ = self.input.remove_attribute("aria-activedescendant");
            }
        }
        let options = self.list.children();
        for i in 0..options.length() {
            if let Some(o) = options.item(i) {
                let selected = active == Some(i as usize);
                let _ = o.set_attribute("aria-selected", if selected { "true" } else { "false" });
                if selected {
                    o.scroll_into_view_with_bool(false);
                }
            }
        }
    }

    fn look_up(self: &Rc<Self>) {
        let window = window();
        if let Some(t) = self.timer.take() {
            window.clear_timeout_with_handle(t);
        }
        let number = self.typed.get() + 1;
        self.typed.set(number);
        let q = self.input.value();
        if search::clamp_query(&q).chars().count() < 2 {
            self.set_hits(Vec::new());
            return;
        }
        let this = Rc::clone(self);
        let lookup = Closure::once_into_js(move || {
            leptos::task::spawn_local(async move {
                let found = search::run(&q, true, 1, search::SUGGESTIONS).await;
                if this.typed.get() == number {
                    // A failure shows no suggestions; the search page says what went wrong.
                    this.set_hits(found.map(|r| r.hits).unwrap_or_default());
                }
            });
        });
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                lookup.unchecked_ref(),
                DEBOUNCE_MS,
            )
            .ok();
        self.timer.set(timer);
    }

    fn set_hits(&self, hits: Vec<Hit>) {
        self.list.set_inner_html(&options_html(&hits));
        *self.hits.borrow_mut() = hits;
        self.show(Some(None));
    }

    fn pick(&self, i: usize) {
        let slug = self.hits.borrow().get(i).map(|h| h.slug.clone());
        if let Some(slug) = slug {
            self.show(None);
            go(&base::url(&routes::article(&slug)));
        }
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

    #[test]
    fn text_is_escaped_and_marks_wrapped() {
        let mut out = String::new();
        push_marked(
            &mut out,
            &["<b>\"Tin\" & ".into(), "số".into(), " 'x'".into()],
        );
        assert_eq!(
            out,
            "&lt;b&gt;&quot;Tin&quot; &amp; <mark>số</mark> &#39;x&#39;"
        );
    }

    #[test]
    fn options_name_their_ids() {
        let hit = Hit {
            slug: "a".into(),
            title: "Chuyển đổi số".into(),
            date: "2024-01-23T08:00:00+07:00".into(),
            category: String::new(),
            title_marks: vec!["Chuyển đổi ".into(), "số".into()],
        };
        let html = options_html(&[hit.clone(), hit]);
        assert!(html.starts_with("<li id=\"bt-goi-y-0\" class=\"bt-search__option\" role=\"option\" aria-selected=\"false\"><span class=\"bt-search__title\">Chuyển đổi <mark>số</mark></span><span class=\"bt-search__date\">23/01/2024</span></li>"));
        assert!(html.contains("id=\"bt-goi-y-1\""));
    }
}
