//! Article bodies: Markdown to the contract's typed blocks.
//!
//! Only what a news article needs is accepted (paragraphs, `##`/`###`
//! headings, figures, quotes, one-level lists, bold, italic and links);
//! everything else is an error on the line it is on, so nothing is lost silently.
//! Bidirectional controls are removed from the text, each with a warning on its
//! line; protocol-relative links (`//host/path`) become `https:` links.

use std::ops::Range;

use bantin_contract::url::{https_if_protocol_relative, is_safe};
use bantin_contract::{
    Align, Attachment, Audio, Block, Figure, Gallery, Image, Inline, MediaSource, Table, Track,
    Video,
};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{line_of, strip_bidi};
use crate::files::{FileInfo, Kind};
use crate::tomlx::{Ctx, Fields};

/// What a body may refer to: the site's images and files.
pub trait Assets: Sync {
    /// The contract's image from a `src` and its `alt` text (size, resized
    /// copies), or why the image cannot be used.
    fn image(&self, src: &str, alt: String) -> Result<Image, String>;
    /// A file under `/tep/`, or why it cannot be used.
    fn file(&self, href: &str) -> Result<FileInfo, String>;
    /// The slug of the registry's document numbered `number`, or why there is none.
    fn document(&self, number: &str) -> Result<String, String> {
        Err(no_document(number))
    }
}

/// Why a link names no document: the registry has no document `number`.
pub fn no_document(number: &str) -> String {
    format!(
        "không có văn bản số “{}” trong sổ văn bản (content/documents)",
        number.trim()
    )
}

/// The scheme of a link to a document of the registry by its number:
/// `[Nghị quyết 05](van-ban:05-NQ/TU)`.
pub const DOCUMENT_LINK: &str = "van-ban:";

/// The assets a body is read with.
pub type ImageLookup<'a> = &'a dyn Assets;

/// A problem in the body: its line in the file and the message.
pub type BodyError = (usize, String);

/// A body read without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Its blocks.
    pub blocks: Vec<Block>,
    /// Warnings (line and message), in the order found.
    pub warnings: Vec<BodyError>,
    /// The files under `/tep/` the body links to, in order, each once.
    pub attachments: Vec<Attachment>,
}

/// Converts a Markdown body to blocks. `first_line` is the file line the body starts on.
pub fn to_blocks(
    body: &str,
    first_line: usize,
    images: ImageLookup<'_>,
) -> Result<Body, Vec<BodyError>> {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, Options::ENABLE_TABLES)
        .into_offset_iter()
        .collect();
    let mut c = Converter {
        events,
        pos: 0,
        body,
        first_line,
        images,
        errors: Vec::new(),
        warnings: Vec::new(),
        blocks: Vec::new(),
        attachments: Vec::new(),
    };
    c.run();
    if c.errors.is_empty() {
        Ok(Body {
            blocks: c.blocks,
            warnings: c.warnings,
            attachments: c.attachments,
        })
    } else {
        Err(c.errors)
    }
}

/// What a run of inline events produced: text runs and images.
enum Piece {
    Run(Inline),
    Image { figure: Figure, line: usize },
}

struct Converter<'e, 'l> {
    events: Vec<(Event<'e>, Range<usize>)>,
    pos: usize,
    body: &'e str,
    first_line: usize,
    images: ImageLookup<'l>,
    errors: Vec<BodyError>,
    warnings: Vec<BodyError>,
    blocks: Vec<Block>,
    attachments: Vec<Attachment>,
}

impl<'e> Converter<'e, '_> {
    fn line(&self, offset: usize) -> usize {
        line_of(self.body, offset) + self.first_line - 1
    }

    fn error(&mut self, offset: usize, msg: impl Into<String>) {
        let line = self.line(offset);
        self.errors.push((line, msg.into()));
    }

    /// `text`, read from the source at `range`, without bidirectional controls;
    /// each removed one is a warning on its line.
    fn clean(&mut self, text: &str, range: &Range<usize>) -> String {
        let raw = self.body.get(range.clone()).unwrap_or("");
        let (text, warnings) = strip_bidi(text, raw, |at| self.line(range.start + at));
        self.warnings.extend(warnings);
        text
    }

    fn next(&mut self) -> Option<(Event<'e>, Range<usize>)> {
        let e = self.events.get(self.pos).cloned();
        self.pos += 1;
        e
    }

    /// Skips to the end of the element whose start was just read.
    fn skip_element(&mut self) {
        let mut depth = 1usize;
        while let Some((e, _)) = self.next() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Reports an element the contract has no block for, and skips it.
    fn reject_block(&mut self, tag: &Tag<'_>, at: usize) {
        let msg = match tag {
            Tag::CodeBlock(_) => "không hỗ trợ khối mã (code block) trong bài viết".to_string(),
            Tag::HtmlBlock => "không cho phép HTML thô trong bài viết".to_string(),
            Tag::Table(_) => "không đặt bảng bên trong khối khác".to_string(),
            Tag::List(_) => "không hỗ trợ danh sách lồng nhau (chỉ một cấp)".to_string(),
            Tag::BlockQuote(_) => "không hỗ trợ trích dẫn lồng trong khối khác".to_string(),
            Tag::Heading { .. } => "không đặt tiêu đề bên trong khối khác".to_string(),
            other => format!("thành phần Markdown không được hỗ trợ: {other:?}"),
        };
        self.error(at, msg);
        self.skip_element();
    }

    fn run(&mut self) {
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::Paragraph) => {
                    let pieces = self.inlines();
                    self.paragraph(pieces, range.start);
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let pieces = self.inlines();
                    self.heading(level, pieces, range.start);
                }
                Event::Start(Tag::BlockQuote(_)) => self.quote(range.start),
                Event::Start(Tag::List(start)) => self.list(start.is_some()),
                Event::Start(Tag::Table(align)) => self.table(&align, range.start),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if MEDIA_BLOCKS.contains(&info.trim()) =>
                {
                    let kind = info.trim().to_string();
                    self.media(&kind, range.start)
                }
                Event::Start(tag) => self.reject_block(&tag, range.start),
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.error(range.start, "không cho phép HTML thô trong bài viết")
                }
                Event::Rule => self.error(
                    range.start,
                    "không hỗ trợ đường kẻ ngang (---) trong bài viết",
                ),
                other => self.error(
                    range.start,
                    format!("thành phần Markdown không được hỗ trợ: {other:?}"),
                ),
            }
        }
    }

    fn paragraph(&mut self, pieces: Vec<Piece>, at: usize) {
        let image_count = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Image { .. }))
            .count();
        if image_count == 0 {
            let content = finish_runs(pieces);
            // `: Caption` right after a table is the table's caption.
            let text: String = content.iter().map(Inline::text).collect();
            if let (Some(caption), Some(Block::Table(t))) =
                (text.strip_prefix(':'), self.blocks.last_mut())
            {
                if t.caption.is_none() && self.body[at..].starts_with(':') {
                    let caption = collapse_spaces(caption);
                    if !caption.is_empty() {
                        t.caption = Some(caption);
                        return;
                    }
                }
            }
            if !content.is_empty() {
                self.blocks.push(Block::Paragraph { content });
            }
            return;
        }
        let alone = image_count == 1
            && pieces.iter().all(|p| match p {
                Piece::Run(r) => r.text().trim().is_empty(),
                Piece::Image { .. } => true,
            });
        if !alone {
            self.error(
                at,
                "ảnh phải đứng riêng một đoạn (một dòng trống trước và sau) để thành hình minh họa",
            );
            return;
        }
        for p in pieces {
            if let Piece::Image { figure, .. } = p {
                self.blocks.push(Block::Figure(figure));
            }
        }
    }

    fn heading(&mut self, level: HeadingLevel, pieces: Vec<Piece>, at: usize) {
        let level = match level {
            HeadingLevel::H1 => {
                self.error(
                    at,
                    "không dùng tiêu đề cấp 1 (#) trong thân bài: tiêu đề bài viết là cấp 1 duy nhất",
                );
                return;
            }
            HeadingLevel::H2 => 2,
            HeadingLevel::H3 => 3,
            _ => {
                self.error(at, "chỉ hỗ trợ tiêu đề cấp 2 (##) và cấp 3 (###)");
                return;
            }
        };
        let Some(text) = self.plain(pieces, "tiêu đề") else {
            return;
        };
        if text.is_empty() {
            self.error(at, "tiêu đề trống");
            return;
        }
        self.blocks.push(Block::Heading { level, text });
    }

    /// The text of inline pieces where images are not allowed.
    fn plain(&mut self, pieces: Vec<Piece>, place: &str) -> Option<String> {
        let mut text = String::new();
        let mut ok = true;
        for p in pieces {
            match p {
                Piece::Run(r) => text.push_str(r.text()),
                Piece::Image { line, .. } => {
                    self.errors.push((
                        line,
                        format!("không đặt ảnh trong {place}: ảnh phải đứng riêng một đoạn"),
                    ));
                    ok = false;
                }
            }
        }
        ok.then(|| collapse_spaces(&text))
    }

    fn runs_only(&mut self, pieces: Vec<Piece>, place: &str) -> Vec<Inline> {
        let mut runs = Vec::new();
        for p in pieces {
            match p {
                Piece::Run(r) => runs.push(Piece::Run(r)),
                Piece::Image { line, .. } => self.errors.push((
                    line,
                    format!("không đặt ảnh trong {place}: ảnh phải đứng riêng một đoạn"),
                )),
            }
        }
        finish_runs(runs)
    }

    fn quote(&mut self, at: usize) {
        let mut paragraphs: Vec<Vec<Inline>> = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::BlockQuote(_)) => break,
                Event::Start(Tag::Paragraph) => {
                    let pieces = self.inlines();
                    let runs = self.runs_only(pieces, "trích dẫn");
                    if !runs.is_empty() {
                        paragraphs.push(runs);
                    }
                }
                Event::Start(tag) => self.reject_block(&tag, range.start),
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.error(range.start, "không cho phép HTML thô trong bài viết")
                }
                _ => self.error(range.start, "thành phần không được hỗ trợ trong trích dẫn"),
            }
        }
        let mut cite = None;
        if paragraphs.len() > 1 {
            let last: String = paragraphs
                .last()
                .map(|p| p.iter().map(Inline::text).collect())
                .unwrap_or_default();
            if let Some(who) = last.trim_start().strip_prefix('—') {
                let who = collapse_spaces(who);
                if !who.is_empty() {
                    cite = Some(who);
                    paragraphs.pop();
                }
            }
        }
        let mut content: Vec<Inline> = Vec::new();
        for (i, p) in paragraphs.into_iter().enumerate() {
            if i > 0 {
                content.push(Inline::Text { text: " ".into() });
            }
            content.extend(p);
        }
        let content = merge_runs(content);
        if content.is_empty() {
            self.error(at, "trích dẫn trống");
            return;
        }
        self.blocks.push(Block::Quote { content, cite });
    }

    fn list(&mut self, ordered: bool) {
        let mut items: Vec<Vec<Inline>> = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::List(_)) => break,
                Event::Start(Tag::Item) => {
                    let item = self.item();
                    items.push(item);
                }
                _ => self.error(range.start, "thành phần không được hỗ trợ trong danh sách"),
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered, items });
        }
    }

    /// One list item: inline content, directly (tight lists) or in paragraphs (loose lists).
    fn item(&mut self) -> Vec<Inline> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut state = InlineState::default();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) => {
                    state.flush_into(&mut pieces);
                    if !pieces.is_empty() {
                        pieces.push(Piece::Run(Inline::Text { text: " ".into() }));
                    }
                    pieces.extend(self.inlines());
                }
                Event::Start(
                    tag @ (Tag::List(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::BlockQuote(_)
                    | Tag::Heading { .. }
                    | Tag::Table(_)),
                ) => self.reject_block(&tag, range.start),
                other => self.inline_event(&mut state, other, range),
            }
        }
        state.flush_into(&mut pieces);
        self.runs_only(pieces, "danh sách")
    }

    /// Reads inline events up to the end of the current paragraph or heading.
    fn inlines(&mut self) -> Vec<Piece> {
        let mut state = InlineState::default();
        let mut pieces = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => break,
                other => self.inline_event(&mut state, other, range),
            }
        }
        state.flush_into(&mut pieces);
        pieces
    }

    fn inline_event(&mut self, s: &mut InlineState, event: Event<'e>, range: Range<usize>) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                let t = self.clean(&t, &range);
                s.text(&t)
            }
            Event::SoftBreak | Event::HardBreak => s.text(" "),
            Event::Start(Tag::Strong) => s.strong += 1,
            Event::End(TagEnd::Strong) => s.strong = s.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => s.emphasis += 1,
            Event::End(TagEnd::Emphasis) => s.emphasis = s.emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let mut dest_url = self.clean(&dest_url, &range);
                if let Some(number) = dest_url
                    .get(..DOCUMENT_LINK.len())
                    .filter(|p| p.eq_ignore_ascii_case(DOCUMENT_LINK))
                    .map(|_| dest_url[DOCUMENT_LINK.len()..].to_string())
                {
                    match self.images.document(&number) {
                        Ok(slug) => {
                            dest_url =
                                format!("/{}", bantin_contract::paths::routes::document(&slug))
                        }
                        Err(msg) => {
                            self.error(range.start, msg);
                            dest_url = format!("/{}", bantin_contract::paths::routes::REGISTRY);
                        }
                    }
                }
                if !is_safe(&dest_url) {
                    self.error(
                        range.start,
                        format!("liên kết không an toàn: {dest_url} (chỉ chấp nhận http(s) và đường dẫn tương đối)"),
                    );
                }
                if s.image.is_some() {
                    return;
                }
                let href = https_if_protocol_relative(&dest_url);
                if href.starts_with(crate::files::PREFIX) {
                    match self.images.file(&href) {
                        Ok(info) => s.file = Some(info),
                        Err(msg) => self.error(range.start, msg),
                    }
                }
                s.link = Some((href, String::new()));
            }
            Event::End(TagEnd::Link) => {
                if s.image.is_some() {
                    return;
                }
                if let Some((href, text)) = s.link.take() {
                    let text = if text.trim().is_empty() {
                        href.clone()
                    } else {
                        text
                    };
                    if let Some(info) = s.file.take() {
                        if !self.attachments.iter().any(|a| a.href == href) {
                            self.attachments.push(Attachment {
                                href: href.trim().to_string(),
                                title: collapse_spaces(&text),
                                format: info.format,
                                size: info.size,
                            });
                        }
                    }
                    s.pieces.push(Piece::Run(Inline::Link { text, href }));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                if s.image.is_some() {
                    return;
                }
                let src = self.clean(&dest_url, &range);
                let title = self.clean(&title, &range);
                s.image = Some(PendingImage {
                    src: src.trim().to_string(),
                    title,
                    alt: String::new(),
                    at: range.start,
                });
            }
            Event::End(TagEnd::Image) => {
                if let Some(img) = s.image.take() {
                    if let Some(figure) = self.figure(img.src, img.title, &img.alt, img.at) {
                        let line = self.line(img.at);
                        s.pieces.push(Piece::Image { figure, line });
                    }
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.error(range.start, "không cho phép HTML thô trong bài viết")
            }
            Event::Start(tag) => {
                self.error(
                    range.start,
                    format!("thành phần Markdown không được hỗ trợ ở đây: {tag:?}"),
                );
                self.skip_element();
            }
            Event::End(_) => {}
            other => self.error(
                range.start,
                format!("thành phần Markdown không được hỗ trợ: {other:?}"),
            ),
        }
    }

    /// A table: its header row and body rows, each cell's inline runs.
    fn table(&mut self, align: &[Alignment], at: usize) {
        let mut head: Vec<Vec<Inline>> = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut row: Vec<Vec<Inline>> = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => row.clear(),
                Event::End(TagEnd::TableHead) => head = std::mem::take(&mut row),
                Event::Start(Tag::TableRow) => row.clear(),
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableCell) => {
                    let cell = self.cell();
                    row.push(cell);
                }
                _ => self.error(range.start, "thành phần không được hỗ trợ trong bảng"),
            }
        }
        if head.iter().all(Vec::is_empty) && rows.is_empty() {
            self.error(at, "bảng trống");
            return;
        }
        if head.iter().all(Vec::is_empty) {
            head.clear();
        }
        let align = align
            .iter()
            .map(|a| match a {
                Alignment::None => Align::Auto,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect::<Vec<_>>();
        let align = if align.iter().all(|a| *a == Align::Auto) {
            Vec::new()
        } else {
            align
        };
        self.blocks.push(Block::Table(Table {
            caption: None,
            align,
            head,
            rows,
        }));
    }

    /// One table cell's inline runs.
    fn cell(&mut self) -> Vec<Inline> {
        let mut state = InlineState::default();
        let mut pieces = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::TableCell) => break,
                other => self.inline_event(&mut state, other, range),
            }
        }
        state.flush_into(&mut pieces);
        self.runs_only(pieces, "bảng")
    }

    /// A ```video, ```audio or ```gallery block: TOML settings inside the fence.
    fn media(&mut self, kind: &str, at: usize) {
        let mut text = String::new();
        let mut start = None;
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => {
                    start.get_or_insert(range.start);
                    text.push_str(&t);
                }
                _ => {}
            }
        }
        let Some(start) = start else {
            self.error(at, format!("khối {kind} trống"));
            return;
        };
        // The text is the file's own (fenced code is not unescaped), so lines
        // found in it are lines of the body from `start`.
        let ctx = Ctx::new("", self.body, start);
        let block = ctx.parse(&text).and_then(|doc| {
            let f = Fields::new(&ctx, doc.get_ref(), &(0..0), media_keys(kind), "")
                .with_line(line_of(self.body, at));
            match kind {
                "video" => self.video(&ctx, &f),
                "audio" => self.audio(&ctx, &f),
                _ => self.gallery(&ctx, &f),
            }
        });
        let first = self.first_line;
        for d in ctx.take_warnings() {
            self.warnings.push((d.line + first - 1, d.message));
        }
        let errors = ctx.into_errors();
        if errors.is_empty() {
            if let Some(b) = block {
                self.blocks.push(b);
            }
        }
        for d in errors {
            self.errors.push((d.line + first - 1, d.message));
        }
    }

    /// Checks a `/tep/` file of one of `kinds` and returns it as a source.
    fn source(
        &self,
        ctx: &Ctx<'_>,
        href: &str,
        line: usize,
        kinds: &[Kind],
    ) -> Option<MediaSource> {
        match self.images.file(href) {
            Ok(info) if kinds.contains(&info.kind) => Some(MediaSource {
                src: href.trim().to_string(),
                mime: info.mime.to_string(),
            }),
            Ok(_) => {
                ctx.error_line(line, format!("tệp không đúng loại ở đây: {href}"));
                None
            }
            Err(msg) => {
                ctx.error_line(line, msg);
                None
            }
        }
    }

    /// `src`: one file or a list of them.
    fn sources(&self, ctx: &Ctx<'_>, f: &Fields<'_, '_>, kinds: &[Kind]) -> Vec<MediaSource> {
        f.str_or_list("src")
            .iter()
            .filter_map(|s| self.source(ctx, &s.value, s.line, kinds))
            .collect()
    }

    fn title(&self, ctx: &Ctx<'_>, f: &Fields<'_, '_>, required: bool) -> Option<String> {
        let t = if required {
            f.req_str("title")
        } else {
            f.str("title")
        }?;
        let text = collapse_spaces(&t.value);
        if text.is_empty() {
            ctx.error_line(t.line, "tiêu đề trống");
            return None;
        }
        Some(text)
    }

    fn video(&self, ctx: &Ctx<'_>, f: &Fields<'_, '_>) -> Option<Block> {
        let title = self.title(ctx, f, true);
        let youtube = f.str("youtube").and_then(|y| match youtube_id(&y.value) {
            Some(id) => Some(id),
            None => {
                ctx.error_line(
                    y.line,
                    format!("không đọc được mã video YouTube: {} (dùng địa chỉ https://www.youtube.com/watch?v=… hoặc https://youtu.be/…)", y.value),
                );
                None
            }
        });
        let sources = self.sources(ctx, f, &[Kind::Video]);
        if youtube.is_none() && sources.is_empty() && !ctx.has_errors() {
            ctx.error_line(
                f.line(),
                "khối video cần `youtube` hoặc `src` (tệp /tep/…mp4)",
            );
        }
        let poster =
            f.str("poster")
                .and_then(|p| match self.images.image(&p.value, String::new()) {
                    Ok(img) => Some(img),
                    Err(msg) => {
                        ctx.error_line(p.line, msg);
                        None
                    }
                });
        let tracks = f
            .str("captions")
            .and_then(|c| self.source(ctx, &c.value, c.line, &[Kind::Captions]))
            .map(|s| Track {
                src: s.src,
                lang: "vi".into(),
                label: "Tiếng Việt".into(),
            })
            .into_iter()
            .collect();
        let caption = f.str("caption").map(|c| collapse_spaces(&c.value));
        Some(Block::Video(Video {
            title: title?,
            youtube,
            sources,
            poster,
            tracks,
            caption: caption.filter(|c| !c.is_empty()),
        }))
    }

    fn audio(&self, ctx: &Ctx<'_>, f: &Fields<'_, '_>) -> Option<Block> {
        let title = self.title(ctx, f, true);
        let sources = self.sources(ctx, f, &[Kind::Audio]);
        if sources.is_empty() && !ctx.has_errors() {
            ctx.error_line(f.line(), "khối audio cần `src` (tệp /tep/…mp3)");
        }
        let caption = f.str("caption").map(|c| collapse_spaces(&c.value));
        Some(Block::Audio(Audio {
            title: title?,
            sources,
            caption: caption.filter(|c| !c.is_empty()),
        }))
    }

    fn gallery(&self, ctx: &Ctx<'_>, f: &Fields<'_, '_>) -> Option<Block> {
        let title = self.title(ctx, f, false);
        let mut photos = Vec::new();
        for p in f.tables("photos", &["src", "alt", "caption", "credit"]) {
            let src = p.req_str("src");
            let alt = p.req_str("alt").map(|a| collapse_spaces(&a.value));
            let (Some(src), Some(alt)) = (src, alt) else {
                continue;
            };
            if alt.is_empty() {
                ctx.error_line(p.line(), "ảnh thiếu mô tả (alt)");
                continue;
            }
            match self.images.image(&src.value, alt) {
                Ok(image) => photos.push(Figure {
                    image,
                    caption: p
                        .str("caption")
                        .map(|c| collapse_spaces(&c.value))
                        .filter(|c| !c.is_empty()),
                    credit: p
                        .str("credit")
                        .map(|c| collapse_spaces(&c.value))
                        .filter(|c| !c.is_empty()),
                }),
                Err(msg) => ctx.error_line(src.line, msg),
            }
        }
        if photos.len() < 2 && !ctx.has_errors() {
            ctx.error_line(f.line(), "phóng sự ảnh cần ít nhất 2 ảnh ([[photos]])");
        }
        Some(Block::Gallery(Gallery { title, photos }))
    }

    fn figure(&mut self, src: String, title: String, alt: &str, at: usize) -> Option<Figure> {
        let alt = collapse_spaces(alt);
        let mut ok = true;
        if alt.is_empty() {
            self.error(
                at,
                format!("ảnh thiếu mô tả (alt): ![mô tả]({src}) là bắt buộc"),
            );
            ok = false;
        }
        let image = match self.images.image(&src, alt) {
            Ok(image) => image,
            Err(msg) => {
                self.error(at, msg);
                return None;
            }
        };
        let (caption, credit) = split_caption(&title);
        ok.then_some(Figure {
            image,
            caption,
            credit,
        })
    }
}

/// The fenced blocks that are media, not code.
const MEDIA_BLOCKS: [&str; 3] = ["video", "audio", "gallery"];

fn media_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "video" => &["title", "youtube", "src", "poster", "captions", "caption"],
        "audio" => &["title", "src", "caption"],
        _ => &["title", "photos"],
    }
}

/// A YouTube video's id from its address (`watch?v=`, `youtu.be/`, `embed/`,
/// `shorts/`) or the id itself.
pub fn youtube_id(s: &str) -> Option<String> {
    let s = s.trim();
    let ok = |id: &str| {
        (id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| id.to_string())
    };
    if let Some(id) = ok(s) {
        return Some(id);
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let host = host.strip_prefix("www.").or(Some(host))?;
    let host = host.strip_prefix("m.").unwrap_or(host);
    let id = match host {
        "youtu.be" => path.split(['?', '#', '/']).next()?,
        "youtube.com" | "youtube-nocookie.com" => {
            if let Some(q) = path.strip_prefix("watch?") {
                q.split('&').find_map(|kv| kv.strip_prefix("v="))?
            } else {
                let p = path
                    .strip_prefix("embed/")
                    .or_else(|| path.strip_prefix("shorts/"))
                    .or_else(|| path.strip_prefix("live/"))?;
                p.split(['?', '#', '/']).next()?
            }
        }
        _ => return None,
    };
    ok(id.split('#').next()?)
}

struct PendingImage {
    src: String,
    title: String,
    alt: String,
    at: usize,
}

/// Inline formatting state while reading a paragraph.
#[derive(Default)]
struct InlineState {
    strong: u32,
    emphasis: u32,
    link: Option<(String, String)>,
    /// The `/tep/` file the open link points to.
    file: Option<FileInfo>,
    image: Option<PendingImage>,
    pieces: Vec<Piece>,
}

impl InlineState {
    fn text(&mut self, t: &str) {
        if let Some(img) = &mut self.image {
            img.alt.push_str(t);
        } else if let Some((_, text)) = &mut self.link {
            text.push_str(t);
        } else {
            let text = t.to_string();
            // Strong wins over emphasis when both apply: the contract has one style per run.
            let run = if self.strong > 0 {
                Inline::Strong { text }
            } else if self.emphasis > 0 {
                Inline::Emphasis { text }
            } else {
                Inline::Text { text }
            };
            self.pieces.push(Piece::Run(run));
        }
    }

    /// Moves the finished pieces to `out` (open links and images are closed by their end events).
    fn flush_into(&mut self, out: &mut Vec<Piece>) {
        out.append(&mut self.pieces);
    }
}

/// Splits an image title into caption and credit on the last ` | `.
pub fn split_caption(title: &str) -> (Option<String>, Option<String>) {
    let nonempty = |s: &str| {
        let s = collapse_spaces(s);
        (!s.is_empty()).then_some(s)
    };
    match title.rsplit_once(" | ") {
        Some((caption, credit)) => (nonempty(caption), nonempty(credit)),
        None => (nonempty(title), None),
    }
}

/// Joins runs of whitespace into one space and trims the ends.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn finish_runs(pieces: Vec<Piece>) -> Vec<Inline> {
    merge_runs(
        pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Run(r) => Some(r),
                Piece::Image { .. } => None,
            })
            .collect(),
    )
}

/// Merges adjacent runs of the same style, collapses whitespace (also across runs),
/// trims the ends and drops empty runs.
pub fn merge_runs(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for run in runs {
        let (kind, mut text, href) = match run {
            Inline::Text { text } => (0, text, None),
            Inline::Strong { text } => (1, text, None),
            Inline::Emphasis { text } => (2, text, None),
            Inline::Link { text, href } => (3, text, Some(href)),
            Inline::Unknown => continue,
        };
        // Collapse whitespace inside the run, keeping a single edge space.
        let lead = text.starts_with(char::is_whitespace);
        let trail = text.ends_with(char::is_whitespace);
        let core = collapse_spaces(&text);
        text = match (core.is_empty(), lead || trail) {
            (true, true) => " ".to_string(),
            (true, false) => continue,
            _ => format!(
                "{}{core}{}",
                if lead { " " } else { "" },
                if trail { " " } else { "" }
            ),
        };
        let prev_ends_space = out.last().map(|p| p.text().ends_with(' ')).unwrap_or(true);
        if prev_ends_space && text.starts_with(' ') {
            text.remove(0);
            if text.is_empty() {
                continue;
            }
        }
        let same = match (out.last_mut(), kind) {
            (Some(Inline::Text { text: t }), 0)
            | (Some(Inline::Strong { text: t }), 1)
            | (Some(Inline::Emphasis { text: t }), 2) => Some(t),
            _ => None,
        };
        if let Some(t) = same {
            t.push_str(&text);
            continue;
        }
        out.push(match (kind, href) {
            (0, _) => Inline::Text { text },
            (1, _) => Inline::Strong { text },
            (2, _) => Inline::Emphasis { text },
            (_, href) => Inline::Link {
                text: collapse_spaces(&text),
                href: href.unwrap_or_default(),
            },
        });
    }
    // Trim the trailing edge; a run left empty by trimming is dropped.
    while let Some(last) = out.last_mut() {
        let t = match last {
            Inline::Text { text } | Inline::Strong { text } | Inline::Emphasis { text } => text,
            _ => break,
        };
        let trimmed = t.trim_end().to_string();
        if trimmed.is_empty() {
            out.pop();
        } else {
            *t = trimmed;
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Images are whatever `src` says; `/tep/` files exist when their name has no `thieu`.
    struct Fake;

    impl Assets for Fake {
        fn image(&self, src: &str, alt: String) -> Result<Image, String> {
            crate::images::check_src(src)?;
            Ok(Image::new(src, alt))
        }

        fn file(&self, href: &str) -> Result<FileInfo, String> {
            let (kind, mime) = crate::files::kind_of(href).ok_or("loại tệp không được hỗ trợ")?;
            if href.contains("thieu") {
                return Err(format!("không tìm thấy tệp {href}"));
            }
            Ok(FileInfo {
                kind,
                mime,
                size: 2048,
                format: "PDF".into(),
            })
        }
    }

    const NO_IMAGES: Fake = Fake;

    fn blocks(md: &str) -> Vec<Block> {
        to_blocks(md, 1, &NO_IMAGES)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .blocks
    }

    fn errors(md: &str) -> Vec<BodyError> {
        to_blocks(md, 10, &NO_IMAGES).unwrap_err()
    }

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn paragraphs_and_inlines() {
        let b = blocks("Một **đậm** và *nghiêng*\nxuống dòng [liên kết](https://a.vn) hết.\n");
        assert_eq!(
            b,
            vec![Block::Paragraph {
                content: vec![
                    t("Một "),
                    Inline::Strong {
                        text: "đậm".into()
                    },
                    t(" và "),
                    Inline::Emphasis {
                        text: "nghiêng".into()
                    },
                    t(" xuống dòng "),
                    Inline::Link {
                        text: "liên kết".into(),
                        href: "https://a.vn".into()
                    },
                    t(" hết."),
                ]
            }]
        );
    }

    #[test]
    fn nested_emphasis_is_flattened() {
        let b = blocks("***cả hai*** và **đậm *lồng* tiếp**");
        assert_eq!(
            b,
            vec![Block::Paragraph {
                content: vec![
                    Inline::Strong {
                        text: "cả hai".into()
                    },
                    t(" và "),
                    Inline::Strong {
                        text: "đậm lồng tiếp".into()
                    },
                ]
            }]
        );
    }

    #[test]
    fn headings_figures_quotes_lists() {
        let md = "## Mục\n\n### Tiểu mục\n\n![Ảnh cầu](/anh/cau.svg \"Cây cầu | mới | Ảnh: A\")\n\n> Câu nói\n> tiếp.\n>\n> — Ông B\n\n- một\n- **hai**\n\n1. x\n2. y\n";
        let b = blocks(md);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: "Mục".into()
            }
        );
        assert_eq!(
            b[1],
            Block::Heading {
                level: 3,
                text: "Tiểu mục".into()
            }
        );
        let Block::Figure(f) = &b[2] else {
            panic!("{:?}", b[2])
        };
        assert_eq!(f.image.alt, "Ảnh cầu");
        assert_eq!(f.caption.as_deref(), Some("Cây cầu | mới"));
        assert_eq!(f.credit.as_deref(), Some("Ảnh: A"));
        assert_eq!(
            b[3],
            Block::Quote {
                content: vec![t("Câu nói tiếp.")],
                cite: Some("Ông B".into())
            }
        );
        assert_eq!(
            b[4],
            Block::List {
                ordered: false,
                items: vec![vec![t("một")], vec![Inline::Strong { text: "hai".into() }]]
            }
        );
        assert_eq!(
            b[5],
            Block::List {
                ordered: true,
                items: vec![vec![t("x")], vec![t("y")]]
            }
        );
    }

    #[test]
    fn loose_list_items_and_single_quote_paragraph() {
        let b = blocks("- một\n\n- hai\n\n> — chỉ một dòng\n");
        assert_eq!(
            b[0],
            Block::List {
                ordered: false,
                items: vec![vec![t("một")], vec![t("hai")]]
            }
        );
        assert_eq!(
            b[1],
            Block::Quote {
                content: vec![t("— chỉ một dòng")],
                cite: None
            }
        );
    }

    #[test]
    fn rejects_with_lines() {
        let cases: &[(&str, usize, &str)] = &[
            ("a\n\n# Một\n", 12, "cấp 1"),
            ("#### Bốn\n", 10, "cấp 2"),
            ("x\n\n<div>y</div>\n", 12, "HTML"),
            ("x <b>y</b>\n", 10, "HTML"),
            ("```\ncode\n```\n", 10, "khối mã"),
            ("    code\n", 10, "khối mã"),
            ("- a\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n", 12, "bảng"),
            ("- a\n  - b\n", 11, "lồng nhau"),
            ("[x](javascript:alert(1))\n", 10, "không an toàn"),
            ("![](/anh/a.svg)\n", 10, "alt"),
            ("chữ ![a](/anh/a.svg)\n", 10, "đứng riêng"),
            (
                "x\n\n![a](//cdn.example.vn/a.png)\n",
                12,
                "không được bắt đầu bằng //",
            ),
        ];
        for (md, line, needle) in cases {
            let errs = errors(md);
            assert!(
                errs.iter().any(|(l, m)| l == line && m.contains(needle)),
                "{md:?}: {errs:?}"
            );
        }
    }

    #[test]
    fn bidi_controls_are_removed_with_warnings() {
        let md = "Một \u{202E}đoạn\nhai **đậm\u{2066}**\n\n## Mục\u{202B}\n\n- [liên\u{202A} kết](/a\u{202C}b \"tựa\")\n\n> trích &#x202E;dẫn\n\n![ảnh\u{2069}](/anh/a.svg \"chú\u{2067} thích\")\n";
        let body = to_blocks(md, 20, &NO_IMAGES).unwrap();
        let text = format!("{:?}", body.blocks);
        assert!(
            !text.contains(bantin_contract::text::is_bidi_control),
            "{text}"
        );
        assert!(text.contains("Mục") && text.contains("chú thích"), "{text}");
        assert!(text.contains("\"/ab\""), "{text}");
        let w = |line: usize, c: char| (line, crate::diag::bidi_warning(c));
        assert_eq!(
            body.warnings,
            vec![
                w(20, '\u{202E}'),
                w(21, '\u{2066}'),
                w(23, '\u{202B}'),
                w(25, '\u{202C}'),
                w(25, '\u{202A}'),
                w(27, '\u{202E}'),
                w(29, '\u{2067}'),
                w(29, '\u{2069}'),
            ]
        );
    }

    #[test]
    fn protocol_relative_links_become_https() {
        let b = blocks("[Báo](//bao.example.vn/tin?a=1) và [trang](/bai-viet/x)\n");
        assert_eq!(
            b,
            vec![Block::Paragraph {
                content: vec![
                    Inline::Link {
                        text: "Báo".into(),
                        href: "https://bao.example.vn/tin?a=1".into()
                    },
                    t(" và "),
                    Inline::Link {
                        text: "trang".into(),
                        href: "/bai-viet/x".into()
                    },
                ]
            }]
        );
    }

    #[test]
    fn missing_image_is_reported() {
        struct Missing;
        impl Assets for Missing {
            fn image(&self, src: &str, _: String) -> Result<Image, String> {
                Err(format!("không tìm thấy ảnh {src}"))
            }
            fn file(&self, href: &str) -> Result<FileInfo, String> {
                Err(format!("không tìm thấy tệp {href}"))
            }
        }
        let errs = to_blocks("\n![a](/anh/x.svg)\n", 5, &Missing).unwrap_err();
        assert_eq!(errs, vec![(6, "không tìm thấy ảnh /anh/x.svg".to_string())]);
    }

    #[test]
    fn captions() {
        assert_eq!(split_caption(""), (None, None));
        assert_eq!(
            split_caption("Chỉ chú thích"),
            (Some("Chỉ chú thích".into()), None)
        );
        assert_eq!(split_caption(" | Ảnh: A"), (None, Some("Ảnh: A".into())));
    }

    #[test]
    fn tables_with_alignment_and_caption() {
        let md = "| Huyện | Diện tích |\n|:---|---:|\n| **Đồng Xuyên** | 510 |\n| Bản Lìm | 460 |\n\n: Kế hoạch 2027\n\nSau bảng.\n";
        let b = blocks(md);
        assert_eq!(b.len(), 2);
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.caption.as_deref(), Some("Kế hoạch 2027"));
        assert_eq!(t.align, vec![Align::Left, Align::Right]);
        assert_eq!(t.head, vec![vec![t_("Huyện")], vec![t_("Diện tích")]]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0][0],
            vec![Inline::Strong {
                text: "Đồng Xuyên".into()
            }]
        );
        // A colon paragraph not after a table stays a paragraph.
        assert!(matches!(
            &blocks(": không phải chú thích\n")[0],
            Block::Paragraph { .. }
        ));
        // A table in a quote is refused on its line.
        let e = errors("Đoạn\n\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n");
        assert_eq!(e[0].0, 12, "{e:?}");
    }

    #[test]
    fn video_audio_and_gallery_blocks() {
        let md = "Mở đầu.\n\n```video\ntitle = \"Toàn cảnh hồ\"\nyoutube = \"https://youtu.be/aqz-KE-bpKQ?t=3\"\ncaption = \"Video: A\"\n```\n\n```audio\ntitle = \"Bản tin\"\nsrc = [\"/tep/a.mp3\", \"/tep/a.ogg\"]\n```\n\n```gallery\n[[photos]]\nsrc = \"/anh/a.jpg\"\nalt = \"A\"\ncaption = \"Một\"\n[[photos]]\nsrc = \"/anh/b.jpg\"\nalt = \"B\"\n```\n";
        let b = blocks(md);
        assert_eq!(b.len(), 4, "{b:?}");
        let Block::Video(v) = &b[1] else { panic!() };
        assert_eq!(v.youtube.as_deref(), Some("aqz-KE-bpKQ"));
        assert_eq!(v.title, "Toàn cảnh hồ");
        let Block::Audio(a) = &b[2] else { panic!() };
        assert_eq!(a.sources.len(), 2);
        assert_eq!(a.sources[1].mime, "audio/ogg");
        let Block::Gallery(g) = &b[3] else { panic!() };
        assert_eq!(g.photos.len(), 2);
        assert_eq!(g.photos[0].caption.as_deref(), Some("Một"));
    }

    #[test]
    fn media_block_errors_name_their_lines() {
        // Body starts on line 10: the video block opens on line 12.
        let e = errors("Mở đầu.\n\n```video\nyoutube = \"không phải\"\ntieu_de = 1\n```\n");
        let lines: Vec<usize> = e.iter().map(|(l, _)| *l).collect();
        assert!(lines.contains(&13), "{e:?}");
        assert!(lines.contains(&14), "{e:?}");
        assert!(
            e.iter().any(|(l, m)| *l == 12 && m.contains("title")),
            "{e:?}"
        );
        let e = errors("```audio\ntitle = \"A\"\nsrc = \"/tep/a.pdf\"\n```\n");
        assert!(e[0].1.contains("không đúng loại"), "{e:?}");
        let e = errors("```gallery\n[[photos]]\nsrc = \"/anh/a.jpg\"\nalt = \"A\"\n```\n");
        assert!(e[0].1.contains("ít nhất 2"), "{e:?}");
        let e = errors("```video\ntitle = \"x\"\nsrc = \"/tep/thieu.mp4\"\n```\n");
        assert_eq!(e[0].0, 12, "{e:?}");
        // Other code blocks are still refused.
        assert!(errors("```rust\nfn main() {}\n```\n")[0]
            .1
            .contains("khối mã"));
    }

    #[test]
    fn links_to_files_become_attachments() {
        let body = to_blocks(
            "Xem [nghị quyết](/tep/nq.pdf) và [lại nghị quyết](/tep/nq.pdf).\n",
            1,
            &NO_IMAGES,
        )
        .unwrap();
        assert_eq!(body.attachments.len(), 1);
        assert_eq!(body.attachments[0].title, "nghị quyết");
        assert_eq!(body.attachments[0].size, 2048);
        let e = errors("Xem [tệp](/tep/thieu.pdf).\n");
        assert_eq!(e[0].0, 10);
    }

    #[test]
    fn youtube_ids_from_every_address_form() {
        for s in [
            "aqz-KE-bpKQ",
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "https://youtube.com/watch?feature=x&v=aqz-KE-bpKQ",
            "https://m.youtube.com/watch?v=aqz-KE-bpKQ",
            "https://youtu.be/aqz-KE-bpKQ",
            "https://www.youtube.com/embed/aqz-KE-bpKQ?start=3",
            "https://www.youtube.com/shorts/aqz-KE-bpKQ",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ] {
            assert_eq!(youtube_id(s).as_deref(), Some("aqz-KE-bpKQ"), "{s}");
        }
        for s in [
            "https://evil.example/watch?v=aqz-KE-bpKQ",
            "javascript:alert(1)",
            "https://youtu.be/short",
            "https://www.youtube.com/watch?v=aqz-KE-bpK\"",
        ] {
            assert_eq!(youtube_id(s), None, "{s}");
        }
    }

    fn t_(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }
}
