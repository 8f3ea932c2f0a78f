//! Matched words in titles and snippets: text split into segments, the odd ones
//! (1, 3, …) being matches to highlight.

use bantin_contract::text::fold;

use crate::text::{word_spans, Query};

/// Which words of a text match a query.
#[derive(Debug, Clone)]
pub struct Matcher {
    folded: Vec<String>,
    /// Per word: as typed, when typed with marks.
    marked: Vec<Option<String>>,
    /// The last word while it is being typed: matches words that start with it.
    prefix: Option<String>,
}

impl Matcher {
    pub fn new(q: &Query) -> Matcher {
        let mut folded: Vec<String> = q.words.iter().map(|w| w.folded.clone()).collect();
        let mut marked: Vec<Option<String>> = q
            .words
            .iter()
            .map(|w| w.marked().then(|| w.lower.clone()))
            .collect();
        let prefix = if q.prefix {
            marked.pop();
            folded.pop()
        } else {
            None
        };
        Matcher {
            folded,
            marked,
            prefix,
        }
    }

    /// The query word `word` (any form) matches, if any, and whether it is
    /// exactly as typed.
    fn which(&self, word: &str) -> Option<(usize, bool)> {
        let lower = word.to_lowercase();
        let f = fold(&lower);
        if let Some(i) = self.folded.iter().position(|q| *q == f) {
            return Some((i, self.marked[i].as_deref() == Some(lower.as_str())));
        }
        match &self.prefix {
            Some(p) if f.starts_with(p.as_str()) => Some((self.folded.len(), false)),
            _ => None,
        }
    }

    /// True when nothing can match (an empty query).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty() && self.prefix.is_none()
    }
}

/// The matches in `text`: byte ranges and which query word, in order. A word
/// typed with marks ("bão") marks only its exact form when the text has it,
/// else its other forms ("báo", "bao").
fn matches(m: &Matcher, text: &str) -> Vec<(usize, usize, usize)> {
    let hits: Vec<(usize, usize, usize, bool)> = word_spans(text)
        .filter_map(|(a, b)| m.which(&text[a..b]).map(|(w, exact)| (a, b, w, exact)))
        .collect();
    let exact_found: Vec<usize> = hits.iter().filter(|h| h.3).map(|h| h.2).collect();
    hits.into_iter()
        .filter(|h| h.3 || !exact_found.contains(&h.2))
        .map(|(a, b, w, _)| (a, b, w))
        .collect()
}

/// Splits `text[from..to]` into segments around the matches; hits separated only
/// by spaces become one segment ("chuyển đổi số" is marked whole).
fn segments(text: &str, from: usize, to: usize, hits: &[(usize, usize, usize)]) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut pos = from;
    for &(a, b, _) in hits.iter().filter(|h| h.0 >= from && h.1 <= to) {
        let between = &text[pos..a];
        if out.len() % 2 == 0 && !between.is_empty() && between.trim().is_empty() {
            // Extend the previous hit across the spaces.
            out.last_mut().expect("non-empty").push_str(between);
        } else {
            if out.len() % 2 == 0 {
                out.push(String::new());
            }
            out.last_mut().expect("non-empty").push_str(between);
            out.push(String::new());
        }
        out.last_mut().expect("non-empty").push_str(&text[a..b]);
        pos = b;
    }
    if out.len() % 2 == 0 {
        out.push(String::new());
    }
    out.last_mut().expect("non-empty").push_str(&text[pos..to]);
    // Segments alternate plain, hit, plain…: an even count never happens here.
    out
}

/// `text` with every matching word marked.
pub fn mark(m: &Matcher, text: &str) -> Vec<String> {
    segments(text, 0, text.len(), &matches(m, text))
}

/// The byte index `n` characters after `from` (or the end).
fn after_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The byte index `n` characters before `to` (or the start).
fn before_chars(text: &str, to: usize, n: usize) -> usize {
    let mut i = to;
    for (k, (j, _)) in text[..to].char_indices().rev().enumerate() {
        if k == n {
            break;
        }
        i = j;
    }
    i
}

/// A window of about `max_chars` characters of `text` with the most matched query
/// words, marked, with "…" where it was cut.
pub fn snippet(m: &Matcher, text: &str, max_chars: usize) -> Vec<String> {
    let text = text.trim();
    let hits = matches(m, text);
    let spans: Vec<(usize, usize)> = word_spans(text).collect();
    // Start at a word start `lead` characters before an anchor hit; the best window
    // has the most distinct words, then the most hits, then comes first.
    let lead = (max_chars / 5).min(40);
    let mut best = (0usize, (0usize, 0usize));
    for &(a, _, _) in hits.iter().take(200) {
        let back = before_chars(text, a, lead);
        let start = spans.iter().find(|s| s.0 >= back).map_or(a, |s| s.0).min(a);
        let end = after_chars(text, start, max_chars);
        let mut seen = Vec::new();
        let mut count = 0;
        for h in hits.iter().filter(|h| h.0 >= start && h.1 <= end) {
            count += 1;
            if !seen.contains(&h.2) {
                seen.push(h.2);
            }
        }
        let score = (seen.len(), count);
        if score > best.1 {
            best = (start, score);
        }
    }
    let start = best.0;
    let mut end = after_chars(text, start, max_chars);
    if end < text.len() {
        // Do not cut a word: end at the last word end inside the window.
        if let Some(s) = spans.iter().rev().find(|s| s.1 <= end && s.0 >= start) {
            end = s.1;
        }
    }
    let mut out = segments(text, start, end, &hits);
    if start > 0 {
        out[0].insert(0, '…');
    }
    if end < text.len() {
        out.last_mut().expect("non-empty").push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, prefix: bool) -> Matcher {
        Matcher::new(&Query::parse(s, prefix))
    }

    #[test]
    fn marks_folded_matches_and_joins_phrases() {
        let m = q("chuyen doi so", false);
        assert_eq!(
            mark(&m, "Đẩy mạnh chuyển đổi số ở xã"),
            ["Đẩy mạnh ", "chuyển đổi số", " ở xã"]
        );
        assert_eq!(mark(&m, "Số liệu"), ["", "Số", " liệu"]);
        assert_eq!(mark(&m, "không có gì"), ["không có gì"]);
    }

    #[test]
    fn words_typed_with_marks_prefer_their_exact_form() {
        let m = q("bão", false);
        assert_eq!(mark(&m, "Cảnh báo bão"), ["Cảnh báo ", "bão", ""]);
        assert_eq!(mark(&m, "Cảnh báo sớm"), ["Cảnh ", "báo", " sớm"]);
        let m = q("bao", false);
        assert_eq!(mark(&m, "Cảnh báo bão"), ["Cảnh ", "báo bão", ""]);
    }

    #[test]
    fn prefix_marks_words_being_typed() {
        let m = q("đường sô", true);
        assert_eq!(mark(&m, "Đường sông"), ["", "Đường sông", ""]);
        assert!(q("?!", true).is_empty());
        assert!(!q("so", true).is_empty());
        assert!(q("s", true).is_empty());
    }

    #[test]
    fn snippet_picks_the_window_with_the_words() {
        let m = q("cà phê xuất khẩu", false);
        let text = format!(
            "{} Năm nay cà phê của tỉnh được xuất khẩu sang nhiều nước. {}",
            "Mở đầu bài viết nói về chuyện khác. ".repeat(10),
            "Phần cuối nói về thời tiết. ".repeat(10)
        );
        let s = snippet(&m, &text, 120);
        assert!(s[0].starts_with('…'), "{s:?}");
        assert!(s.last().unwrap().ends_with('…'));
        let hits: Vec<&str> = s.iter().skip(1).step_by(2).map(String::as_str).collect();
        assert_eq!(hits, ["cà phê", "xuất khẩu"]);
        let joined: String = s.concat();
        assert!(joined.chars().count() <= 122, "{joined}");
    }

    #[test]
    fn snippet_without_matches_is_the_start() {
        let m = q("zzz", false);
        let s = snippet(&m, "Một hai ba bốn năm sáu bảy tám", 10);
        assert_eq!(s, ["Một hai ba…"]);
        assert_eq!(snippet(&m, "", 10), [""]);
    }
}
