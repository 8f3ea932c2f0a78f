//! What listings show of an article: [`ArticleSummary`], with a shortened lead.

use bantin_contract::date::VnDateTime;
use bantin_contract::{ArticleSummary, Block, Term};

use crate::article::Parsed;

/// About how many characters a summary's lead may have.
pub const LEAD_CHARS: usize = 200;

/// Shortens `text` to at most `max` characters (plus "…"), cutting at a word boundary.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(max)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let head = &text[..cut];
    // Cut at the last space when the next character is not one; a word is never split
    // unless the first `max` characters hold no space at all.
    let at_boundary = text[cut..].starts_with(char::is_whitespace);
    let head = if at_boundary {
        head
    } else {
        match head.rfind(char::is_whitespace) {
            Some(i) if i > 0 => &head[..i],
            _ => head,
        }
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:–-—.…".contains(c));
    format!("{head}…")
}

/// The text a summary leads with: the front-matter lead, else the first paragraph.
pub fn lead_text(a: &Parsed) -> Option<String> {
    if let Some(lead) = &a.lead {
        return Some(lead.clone());
    }
    a.body.iter().find_map(|b| match b {
        Block::Paragraph { content } => {
            let t: String = content.iter().map(|i| i.text()).collect();
            (!t.trim().is_empty()).then_some(t)
        }
        _ => None,
    })
}

/// RFC 3339 in Vietnam time (`+07:00`) for Unix seconds.
pub fn rfc3339(secs: i64) -> String {
    VnDateTime::from_unix(secs).to_rfc3339()
}

/// The summary of `a`, whose category is `category`.
pub fn summarize(a: &Parsed, category: &Term) -> ArticleSummary {
    ArticleSummary {
        slug: a.slug.clone(),
        title: a.title.clone(),
        lead: lead_text(a).map(|t| truncate(&t, LEAD_CHARS)),
        published: rfc3339(a.published),
        category: Some(category.clone()),
        thumb: a.cover.as_ref().map(|c| c.image.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate("ngắn gọn", 200), "ngắn gọn");
        assert_eq!(truncate("một hai ba bốn", 9), "một hai…");
        assert_eq!(truncate("một hai ba bốn", 7), "một hai…");
        assert_eq!(truncate("một, hai ba", 5), "một…");
        assert_eq!(truncate("abcdefghij", 4), "abcd…");
        let long = "Sáng 23/1, tỉnh Hòa Lâm tổ chức lễ khởi công ".repeat(10);
        let t = truncate(&long, LEAD_CHARS);
        assert!(t.chars().count() <= LEAD_CHARS + 1);
        assert!(t.ends_with('…'));
        assert!(long.starts_with(t.trim_end_matches('…')));
    }

    #[test]
    fn dates_are_vietnam_time() {
        assert_eq!(rfc3339(0), "1970-01-01T07:00:00+07:00");
    }
}
