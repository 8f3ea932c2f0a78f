//! Words: the tokenizer shared by the index writer and the query engine.

use bantin_contract::text::fold;

/// Words longer than this (in characters) are not indexed or searched.
pub const MAX_WORD_CHARS: usize = 40;
/// A query is read up to this many characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many words of a query are searched.
pub const MAX_QUERY_WORDS: usize = 8;

/// True for the characters words are made of: letters, digits and combining marks
/// (text typed in decomposed form keeps its marks inside the word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Fast paths for Vietnamese: Latin-1 and Latin Extended letters, and the
    // Latin Extended Additional block (ạ … ỹ) are all letters.
    if ('\u{00c0}'..='\u{024f}').contains(&c) {
        return c != '\u{00d7}' && c != '\u{00f7}';
    }
    if ('\u{1ea0}'..='\u{1ef9}').contains(&c) {
        return true;
    }
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The byte ranges of the words of `s`, in order.
pub fn word_spans(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = it.peek() {
            if is_word_char(c) {
                break;
            }
            it.next();
        }
        let (start, _) = *it.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = it.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            it.next();
        }
        Some((start, end))
    })
}

/// A word as written (lowercased) and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, marks kept: "đường".
    pub lower: String,
    /// Folded: "duong".
    pub folded: String,
}

impl Word {
    /// The word of `s` (one word as [`word_spans`] finds them); `None` when too long.
    pub fn new(s: &str) -> Option<Word> {
        if s.chars().nth(MAX_WORD_CHARS).is_some() {
            return None;
        }
        let lower = s.to_lowercase();
        let folded = fold(&lower);
        if folded.is_empty() {
            return None;
        }
        Some(Word { lower, folded })
    }

    /// True when the reader typed tone or vowel marks (or "đ"): such a word prefers
    /// documents that have it exactly as typed.
    pub fn marked(&self) -> bool {
        self.lower != self.folded
    }
}

/// The words of `s` in order (too long ones left out).
pub fn words(s: &str) -> Vec<Word> {
    word_spans(s)
        .filter_map(|(a, b)| Word::new(&s[a..b]))
        .collect()
}

/// A reader's query, read and capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The words searched for, in order, without repeats.
    pub words: Vec<Word>,
    /// Words beyond [`MAX_QUERY_WORDS`] (as typed, lowercase).
    pub dropped: Vec<String>,
    /// True when the query was cut ([`MAX_QUERY_CHARS`] or [`MAX_QUERY_WORDS`]).
    pub truncated: bool,
    /// True when the last word is a prefix still being typed.
    pub prefix: bool,
    /// Quoted phrases: `i` here means words `i` and `i + 1` must be adjacent
    /// (`"chợ phiên"`, also with “typographic” quotes).
    pub phrases: Vec<usize>,
    /// A last word of one letter being typed: left out of the search (it says
    /// too little), but it may end a document number being typed ("05-NQ/T").
    pub held: Option<Word>,
}

impl Query {
    /// Reads `q`; with `prefix`, the last word may be the start of a longer word,
    /// unless the query ends with a space or punctuation (the reader finished it).
    pub fn parse(q: &str, prefix: bool) -> Query {
        let mut truncated = false;
        let q = match q.char_indices().nth(MAX_QUERY_CHARS) {
            Some((i, _)) => {
                truncated = true;
                // Cut at a word boundary: a half word would be searched as a prefix of nothing.
                let cut = &q[..i];
                match cut.rfind(|c: char| !is_word_char(c)) {
                    Some(j) => &q[..j],
                    None => cut,
                }
            }
            None => q,
        };
        let finished = q.chars().last().is_none_or(|c| !is_word_char(c));
        let mut out: Vec<Word> = Vec::new();
        let mut dropped = Vec::new();
        let mut phrases = Vec::new();
        // The quote a word is in (by the count of quotes before it), and whether
        // the previous word kept was the one just before it in the query.
        let (mut quote, mut last_quote, mut seen) = (0usize, None::<usize>, 0usize);
        for (a, b) in word_spans(q) {
            for c in q[seen..a].chars() {
                if matches!(c, '"' | '“' | '”' | '„') {
                    quote += 1;
                }
            }
            seen = b;
            let in_quote = (quote % 2 == 1).then_some(quote);
            let Some(w) = Word::new(&q[a..b]) else {
                last_quote = None;
                continue;
            };
            if out.iter().any(|o| o == &w) {
                last_quote = None;
                continue;
            }
            if out.len() == MAX_QUERY_WORDS {
                truncated = true;
                dropped.push(w.lower);
                continue;
            }
            if in_quote.is_some() && in_quote == last_quote {
                phrases.push(out.len() - 1);
            }
            last_quote = in_quote;
            out.push(w);
        }
        let mut prefix = prefix && !finished && !truncated && !out.is_empty();
        let mut held = None;
        if prefix && out.last().is_some_and(|w| w.folded.chars().count() < 2) {
            // One letter says too little: search the words before it until the next.
            held = out.pop();
            prefix = false;
        }
        // A phrase ends at the last word kept (and not at one still being typed).
        let last = out.len().saturating_sub(if prefix { 2 } else { 1 });
        phrases.retain(|&i| i < last);
        Query {
            words: out,
            dropped,
            truncated,
            prefix,
            phrases,
            held,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(q: &Query) -> Vec<&str> {
        q.words.iter().map(|w| w.folded.as_str()).collect()
    }

    #[test]
    fn words_fold_tones_case_and_d() {
        let w = words("Chuyển ĐỔI số, đường-Dương 2024!");
        let f: Vec<_> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(f, ["chuyen", "doi", "so", "duong", "duong", "2024"]);
        assert_eq!(w[3].lower, "đường");
        assert_eq!(w[4].lower, "dương");
        assert!(w[0].marked() && w[4].marked() && !w[5].marked());
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in ('\u{0}'..='\u{2fff}').chain('\u{1e00}'..='\u{1fff}') {
            let slow = c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c);
            assert_eq!(is_word_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn decomposed_marks_stay_in_the_word() {
        // "đường" typed with combining marks after the base letters.
        let w = words("đu\u{031b}\u{0300}o\u{031b}ng x");
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].folded, "duong");
    }

    #[test]
    fn query_caps_and_punctuation() {
        assert!(Query::parse("?!… -- ", false).words.is_empty());
        let q = Query::parse("a b c d e f g h i j a", false);
        assert_eq!(q.words.len(), MAX_QUERY_WORDS);
        assert_eq!(q.dropped, ["i", "j"]);
        assert!(q.truncated);
        let long = "chuyển đổi số ".repeat(100);
        let q = Query::parse(&long, true);
        assert_eq!(folded(&q), ["chuyen", "doi", "so"]);
        assert!(q.truncated && !q.prefix);
    }

    #[test]
    fn quoted_words_make_phrases() {
        assert_eq!(Query::parse("\"chợ phiên\" vùng cao", false).phrases, [0]);
        assert_eq!(Query::parse("“chợ phiên vùng” cao", false).phrases, [0, 1]);
        assert_eq!(
            Query::parse("chợ \"phiên\" \"vùng cao\"", false).phrases,
            [2]
        );
        assert!(Query::parse("chợ phiên", false).phrases.is_empty());
        // An unclosed quote runs to the end; a word being typed is not in it yet.
        assert_eq!(Query::parse("\"chợ phiên vù", true).phrases, [0]);
    }

    #[test]
    fn prefix_only_while_typing_a_word() {
        assert!(Query::parse("chuyen doi so", true).prefix);
        assert!(!Query::parse("chuyen doi so ", true).prefix);
        // One letter being typed is left out until the next.
        let q = Query::parse("chuyen doi s", true);
        assert_eq!(folded(&q), ["chuyen", "doi"]);
        assert!(!q.prefix);
        assert_eq!(q.held.unwrap().folded, "s");
        assert!(!Query::parse("chuyen doi s", false).prefix);
        assert!(!Query::parse("", true).prefix);
    }
}
