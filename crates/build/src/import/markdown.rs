//! The blocks a post's body becomes, and how they are written as the content
//! format's Markdown: text escaped so the build reads back exactly what the
//! HTML said, media blocks as fenced TOML.

use crate::markdown::collapse_spaces;

/// Inline text with one style (the contract has one style per run).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Run {
    Text(String),
    Strong(String),
    Em(String),
    Link { text: String, href: String },
}

impl Run {
    pub(super) fn text(&self) -> &str {
        match self {
            Run::Text(t) | Run::Strong(t) | Run::Em(t) => t,
            Run::Link { text, .. } => text,
        }
    }
}

/// An image of a figure or a gallery.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Photo {
    pub(super) src: String,
    pub(super) alt: String,
    pub(super) caption: Option<String>,
}

/// A block of the content format.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Blk {
    Para(Vec<Run>),
    Heading(u8, String),
    List {
        ordered: bool,
        items: Vec<Vec<Run>>,
    },
    Quote {
        content: Vec<Run>,
        cite: Option<String>,
    },
    Figure(Photo),
    Gallery {
        title: Option<String>,
        photos: Vec<Photo>,
    },
    Table {
        head: Vec<Vec<Run>>,
        rows: Vec<Vec<Vec<Run>>>,
        caption: Option<String>,
    },
    /// The site's own video or audio file (`/tep/…`).
    File {
        video: bool,
        src: String,
        title: String,
        caption: Option<String>,
    },
    Video {
        youtube: String,
        title: String,
        caption: Option<String>,
    },
}

/// Escapes text so that the Markdown reader gives it back as it is.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '#' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would start another block at the start of a line: a list
/// marker (`- `, `+ `, `1. `), a rule (`---`), or `:` (a table's caption).
fn escape_line_start(s: String) -> String {
    let mut chars = s.chars();
    let first = chars.next();
    let second = chars.next();
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    match first {
        Some('-' | '+') if spaced(second) || s.chars().all(|c| c == '-' || c == ' ') => {
            format!("\\{s}")
        }
        Some(':') => format!("\\{s}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = s.chars().take_while(char::is_ascii_digit).count();
            let mut rest = s[digits..].chars();
            match (rest.next(), rest.next()) {
                (Some(p @ ('.' | ')')), after) if spaced(after) => {
                    format!("{}\\{p}{}", &s[..digits], &s[digits + 1..])
                }
                _ => s,
            }
        }
        _ => s,
    }
}

/// A link or image address for Markdown: spaces and brackets percent-encoded.
fn url_md(u: &str) -> String {
    let mut out = String::new();
    for c in u.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn runs_md(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Run::Text(t) => out.push_str(&escape(t)),
            Run::Strong(t) | Run::Em(t) => {
                let mark = if matches!(r, Run::Strong(_)) {
                    "**"
                } else {
                    "*"
                };
                let lead = &t[..t.len() - t.trim_start().len()];
                let trail = &t[t.trim_end().len()..];
                out.push_str(lead);
                out.push_str(mark);
                out.push_str(&escape(t.trim()));
                out.push_str(mark);
                out.push_str(trail);
            }
            Run::Link { text, href } => {
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                out.push_str(lead);
                out.push_str(&format!("[{}]({})", escape(text.trim()), url_md(href)));
                out.push_str(trail);
            }
        }
    }
    escape_line_start(out.trim().to_string())
}

/// A TOML basic string; backticks escaped so a fence never closes early.
pub fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\u0060"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn figure_md(p: &Photo) -> String {
    let alt = escape(&collapse_spaces(&p.alt));
    match &p.caption {
        Some(c) => {
            let mut c = collapse_spaces(c);
            // The part after the last " | " would be read as the credit.
            if c.contains(" | ") {
                c.push_str(" | ");
            }
            let c = c.replace('\\', "\\\\").replace('"', "\\\"");
            format!("![{alt}]({} \"{c}\")", url_md(&p.src))
        }
        None => format!("![{alt}]({})", url_md(&p.src)),
    }
}

pub(super) fn block_md(b: &Blk) -> String {
    match b {
        Blk::Para(runs) => runs_md(runs),
        Blk::Heading(level, text) => {
            format!("{} {}", "#".repeat(*level as usize), escape(text))
        }
        Blk::List { ordered, items } => items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let marker = if *ordered {
                    format!("{}.", i + 1)
                } else {
                    "-".to_string()
                };
                let text = runs_md(it);
                format!(
                    "{marker} {}",
                    if text.is_empty() {
                        "\\-".to_string()
                    } else {
                        text
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Blk::Quote { content, cite } => {
            let mut s = format!("> {}", runs_md(content));
            if let Some(c) = cite {
                s.push_str(&format!("\n>\n> — {}", escape(c)));
            }
            s
        }
        Blk::Figure(p) => figure_md(p),
        Blk::Gallery { title, photos } => {
            let mut s = String::from("```gallery\n");
            if let Some(t) = title {
                s.push_str(&format!("title = {}\n", toml_str(t)));
            }
            for p in photos {
                s.push_str(&format!(
                    "\n[[photos]]\nsrc = {}\nalt = {}\n",
                    toml_str(&p.src),
                    toml_str(&p.alt)
                ));
                if let Some(c) = &p.caption {
                    s.push_str(&format!("caption = {}\n", toml_str(c)));
                }
            }
            s.push_str("```");
            s
        }
        Blk::Table {
            head,
            rows,
            caption,
        } => {
            let row = |cells: &Vec<Vec<Run>>| {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| {
                        let t = runs_md(c);
                        // A cell's text must not look like a line start: it is inside.
                        t.strip_prefix('\\')
                            .filter(|r| r.starts_with(['-', '+', '=', ':', '!']))
                            .map(str::to_string)
                            .unwrap_or(t)
                    })
                    .collect();
                format!("| {} |", cells.join(" | "))
            };
            let mut s = row(head);
            s.push('\n');
            s.push_str(&format!("|{}", "---|".repeat(head.len())));
            for r in rows {
                s.push('\n');
                s.push_str(&row(r));
            }
            if let Some(c) = caption {
                s.push_str(&format!("\n\n: {}", escape(c)));
            }
            s
        }
        Blk::File {
            video,
            src,
            title,
            caption,
        } => {
            let kind = if *video { "video" } else { "audio" };
            let mut s = format!(
                "```{kind}\ntitle = {}\nsrc = {}\n",
                toml_str(title),
                toml_str(src)
            );
            if let Some(c) = caption {
                s.push_str(&format!("caption = {}\n", toml_str(c)));
            }
            s.push_str("```");
            s
        }
        Blk::Video {
            youtube,
            title,
            caption,
        } => {
            let mut s = format!(
                "```video\ntitle = {}\nyoutube = {}\n",
                toml_str(title),
                toml_str(&format!("https://www.youtube.com/watch?v={youtube}"))
            );
            if let Some(c) = caption {
                s.push_str(&format!("caption = {}\n", toml_str(c)));
            }
            s.push_str("```");
            s
        }
    }
}
