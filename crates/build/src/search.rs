//! The search index (`data/tim/`, see the `bantin-search` crate): every article's
//! title, lead and body, oldest first.

use std::io;

use bantin_search::index::{analyze, Analyzed, Builder, DocInfo};

use crate::output::Writer;
use crate::par;
use crate::render::Model;

/// Articles analysed at a time (bounds the memory of the words not yet added).
const BATCH: usize = 4096;

/// Writes the search index of `model` through `writer`; returns how many files.
pub fn write(model: &Model, writer: &Writer) -> io::Result<usize> {
    let n = model.articles.len();
    // Ids run from the oldest article: `model.articles` is newest first.
    let order: Vec<usize> = (0..n).rev().collect();
    let mut builder = Builder::new();
    for batch in order.chunks(BATCH) {
        let analysed = par::map(batch, |&i| -> io::Result<(DocInfo, Analyzed)> {
            let a = &model.articles[i];
            let s = &model.summaries[i];
            let lead = a.lead.as_deref().unwrap_or("");
            let text = format!("{lead}\n{}", model.body_text(i)?);
            let category = s.category.as_ref();
            let info = DocInfo {
                slug: a.slug.clone(),
                date: s.published.clone(),
                category: category.map_or_else(String::new, |c| c.slug.clone()),
                category_name: category.map_or_else(String::new, |c| c.name.clone()),
                title: a.title.clone(),
                lead: lead.to_string(),
            };
            Ok((info, analyze(&a.title, &text)))
        });
        for r in analysed {
            let (info, words) = r?;
            builder.add(info, words);
        }
    }
    let mut files = 0;
    builder.finish(|path, text| {
        files += 1;
        writer.write(&format!("data/{path}"), text.as_bytes())
    })?;
    Ok(files)
}
