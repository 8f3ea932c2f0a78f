//! Print and share tools of an article: Facebook, Zalo, copy link, the
//! phone's share sheet (where the browser has one) and print.

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::format::{facebook_share, ZALO_WEB};
use crate::strings;

/// The article's address without any fragment.
#[cfg(target_arch = "wasm32")]
fn page_url() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((u, _)) => u.to_string(),
        None => href,
    }
}

/// The address of the page being prerendered.
#[cfg(not(target_arch = "wasm32"))]
fn page_url() -> String {
    use_context::<crate::prerender::PageAddress>()
        .map(|a| a.0)
        .unwrap_or_default()
}

/// `navigator[name]` as a function, when the browser has it.
fn navigator_fn(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// Whether the browser has a share sheet (a prerendered page offers none:
/// the app adds the button when it takes over, where there is one).
fn has_share_sheet() -> bool {
    cfg!(target_arch = "wasm32") && navigator_fn(&window().navigator().into(), "share").is_some()
}

/// Copies text with the async clipboard API; false when the browser refuses.
async fn copy_text(text: &str) -> bool {
    let nav: JsValue = window().navigator().into();
    let Ok(clipboard) = Reflect::get(&nav, &JsValue::from_str("clipboard")) else {
        return false;
    };
    let Some(write) = navigator_fn(&clipboard, "writeText") else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    match promise.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}

/// Opens the share sheet; false when there is none or the reader cancelled.
async fn share_sheet(title: &str, url: &str) -> bool {
    let nav: JsValue = window().navigator().into();
    let Some(share) = navigator_fn(&nav, "share") else {
        return false;
    };
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"url".into(), &url.into());
    match share.call1(&nav, &data).map(|p| p.dyn_into::<Promise>()) {
        Ok(Ok(p)) => JsFuture::from(p).await.is_ok(),
        _ => false,
    }
}

/// The row of article tools.
#[component]
pub fn ShareTools(
    /// The article's title, for the share sheet.
    title: String,
) -> impl IntoView {
    let status = RwSignal::new("");
    let url = page_url();
    let native = has_share_sheet();
    let title = StoredValue::new(title);

    let copy = move |_| {
        leptos::task::spawn_local(async move {
            let ok = copy_text(&page_url()).await;
            status.set(if ok {
                strings::COPIED
            } else {
                strings::COPY_FAILED
            });
        });
    };
    let zalo = move |_| {
        leptos::task::spawn_local(async move {
            let url = page_url();
            if share_sheet(&title.get_value(), &url).await {
                return;
            }
            if copy_text(&url).await {
                status.set(strings::COPIED_FOR_ZALO);
                let _ = window().open_with_url_and_target(ZALO_WEB, "_blank");
            } else {
                status.set(strings::COPY_FAILED);
            }
        });
    };
    let sheet = move |_| {
        leptos::task::spawn_local(async move {
            share_sheet(&title.get_value(), &page_url()).await;
        });
    };
    view! {
        <div class="bt-tools" role="group" aria-label=strings::TOOLS_LABEL>
            <a
                class="bt-tool bt-tool--fb"
                href=facebook_share(&url)
                target="_blank"
                rel="noopener noreferrer"
            >
                {strings::SHARE_FACEBOOK}
            </a>
            <button type="button" class="bt-tool bt-tool--zalo" on:click=zalo>
                {strings::SHARE_ZALO}
            </button>
            <button type="button" class="bt-tool" on:click=copy>
                {strings::COPY_LINK}
            </button>
            {native.then(|| view! {
                <button type="button" class="bt-tool" on:click=sheet>
                    {strings::SHARE_NATIVE}
                </button>
            })}
            <button type="button" class="bt-tool" on:click=move |_| { let _ = window().print(); }>
                {strings::PRINT}
            </button>
            // Nothing (not an empty text) until there is something to say.
            <p class="bt-tools__status" role="status">
                {move || Some(status.get()).filter(|s| !s.is_empty())}
            </p>
        </div>
    }
}
