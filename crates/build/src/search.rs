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
    let timing = std::env::var_os("BANTIN_TIMING").is_some();
    let (mut analysing, mut adding) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for batch in order.chunks(BATCH) {
        let t = std::time::Instant::now();
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
        analysing += t.elapsed();
        let t = std::time::Instant::now();
        for r in analysed {
            let (info, words) = r?;
            builder.add(info, words);
        }
        adding += t.elapsed();
    }
    let t = std::time::Instant::now();
    let mut files = 0;
    builder.finish(|path, text| {
        files += 1;
        writer.write(&format!("data/{path}"), text.as_bytes())
    })?;
    if timing {
        eprintln!(
            "    tìm kiếm: phân tích {} ms, gộp {} ms, ghi {} ms",
            analysing.as_millis(),
            adding.as_millis(),
            t.elapsed().as_millis()
        );
    }
    Ok(files)
}
