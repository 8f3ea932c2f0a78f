//! "Tài liệu đính kèm": the files attached to an article or a page.

use bantin_contract::Attachment;
use leptos::prelude::*;

use crate::{base, strings};

/// The list of attached files with their format and size; nothing when there
/// are none (or none with a safe address).
#[component]
pub fn Attachments(files: Vec<Attachment>) -> impl IntoView {
    let items: Vec<_> = files
        .into_iter()
        .filter_map(|a| {
            let href = base::site_path(bantin_contract::url::safe(&a.href)?).into_owned();
            let meta = format!("({}, {})", a.format, crate::format::file_size(a.size));
            Some(view! {
                <li>
                    <a href=href>{a.title}</a>" "
                    <span class="bt-files__meta">{meta}</span>
                </li>
            })
        })
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <section class="bt-files" aria-labelledby="bt-files-title">
                <h2 id="bt-files-title" class="bt-files__title">{strings::t().attachments}</h2>
                <ul class="bt-files__list">{items}</ul>
            </section>
        }
    })
}
