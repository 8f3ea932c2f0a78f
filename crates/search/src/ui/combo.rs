//! The header's search box as an ARIA combobox with suggestions.
//!
//! Typing two characters or more asks the engine (after a 200 ms pause) for
//! the first articles or pages whose words start as typed; up to six titles
//! show in a listbox, and picking one opens it (an article's or a page's
//! route). ArrowDown/ArrowUp move through them (`aria-activedescendant`; focus
//! stays in the box), Enter opens the active one or, with none active, the
//! search page; Escape closes the list. The app's form markup is fixed
//! (the build tool writes the same), so only the list's content changes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::markup::{clamp_query, options_html, search_url, Hit, LIST_ID, SUGGESTIONS};
use super::net::{self, Ctx};

/// The pause after a keystroke before suggestions are looked up, in ms.
const DEBOUNCE_MS: i32 = 200;

/// Takes over the header's search box `input` (inside its form): from now on
/// this module handles the form's events. Starts loading the index, and looks
/// up what is already typed. A second call for the same box does nothing.
#[wasm_bindgen]
pub fn attach_box(input: web_sys::HtmlInputElement, ctx: JsValue) {
    if input.has_attribute("data-bt-combo") {
        return;
    }
    let Some(combo) = Combo::new(input, Ctx::new(&ctx)) else {
        return;
    };
    let _ = combo.input.set_attribute("data-bt-combo", "");
    net::warm(combo.ctx.data_root.clone());
    combo.listen();
}

/// The live state of the header's combobox.
struct Combo {
    ctx: Ctx,
    form: web_sys::HtmlFormElement,
    input: web_sys::HtmlInputElement,
    list: web_sys::HtmlElement,
    hits: RefCell<Vec<Hit>>,
    active: Cell<Option<usize>>,
    /// The pending lookup's timer.
    timer: Cell<Option<i32>>,
    /// Keystrokes so far: an answer for an older one is dropped.
    typed: Cell<u32>,
}

impl Combo {
    fn new(input: web_sys::HtmlInputElement, ctx: Ctx) -> Option<Rc<Combo>> {
        let form = input.form()?;
        let list = form.query_selector("ul").ok()??.dyn_into().ok()?;
        Some(Rc::new(Combo {
            ctx,
            form,
            input,
            list,
            hits: RefCell::new(Vec::new()),
            active: Cell::new(None),
            timer: Cell::new(None),
            typed: Cell::new(0),
        }))
    }

    /// One handler for every event of the form (the header lives as long as the page).
    fn listen(self: Rc<Self>) {
        let form = self.form.clone();
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == **self.input);
        if focused && !self.input.value().is_empty() {
            self.look_up();
        }
        let handler =
            Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| self.handle(&ev))
                .into_js_value();
        for name in [
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
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        match ev.type_().as_str() {
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
                self.ctx
                    .go(&search_url(&self.ctx.base, &self.input.value(), 1));
            }
            // Pressing on an option must not take the focus from the box.
            "mousedown"
                if self
                    .list
                    .contains(target.as_ref().map(|t| t.unchecked_ref())) =>
            {
                ev.prevent_default()
            }
            "click" => {
                let index = target
                    .and_then(|t| t.closest("[role=option]").ok().flatten())
                    .and_then(|o| o.id().rsplit('-').next().and_then(|n| n.parse().ok()));
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
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(t) = self.timer.take() {
            window.clear_timeout_with_handle(t);
        }
        let number = self.typed.get() + 1;
        self.typed.set(number);
        let q = self.input.value();
        if clamp_query(&q).chars().count() < 2 {
            self.set_hits(Vec::new());
            return;
        }
        let this = Rc::clone(self);
        let lookup = Closure::once_into_js(move || {
            wasm_bindgen_futures::spawn_local(async move {
                let found = net::run(&this.ctx.data_root, &q, true, 1, SUGGESTIONS).await;
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
        self.list
            .set_inner_html(&options_html(self.ctx.lang, &hits));
        *self.hits.borrow_mut() = hits;
        self.show(Some(None));
    }

    fn pick(&self, i: usize) {
        let route = self.hits.borrow().get(i).map(Hit::route);
        if let Some(route) = route {
            self.show(None);
            self.ctx.go(&format!("{}{route}", self.ctx.base));
        }
    }
}
