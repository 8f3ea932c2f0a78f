//! The site's security headers: one definition of what every host config
//! ([`crate::deploy`]) and `bantin serve` ([`crate::serve`]) send, by kind of
//! path ([`Route`]).
//!
//! The Content-Security-Policy allows scripts from the site itself, the
//! WebAssembly they compile (`'wasm-unsafe-eval'`) and the inline scripts the
//! build wrote, by the SHA-256 hash of their final bytes: the [`Writer`]
//! scans every HTML file it is given ([`Inline::scan`]), so a changed inline
//! script (a new trunk build, a new minifier) changes the policy in the same
//! build. Inline `<style>` elements (the embed pages', the widget's stylesheet
//! in its shadow root) are allowed the same way; style attributes are not.
//! Other origins appear only when the content or `site.toml` needs them: the
//! data root of `data_url`, the images of articles on other hosts
//! ([`Sources::of_article`]; every new kind of block must say what it loads),
//! and the lists of `[security]`.
//!
//! The policy (hashes and origins) is kept in the output folder as
//! [`POLICY_FILE`], which `bantin serve` reads, and which the next
//! incremental build reads for the articles it does not parse again.
//!
//! [`Writer`]: crate::output::Writer

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use bantin_contract::{Article, Block, Figure, Image};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The policy kept in the output folder (never served: a `.bantin-` file).
pub const POLICY_FILE: &str = ".bantin-security";
/// `Referrer-Policy`: other sites learn the reader came from the portal, not from which page.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
/// Where YouTube videos are played (privacy-enhanced mode).
pub const YOUTUBE_FRAME: &str = "https://www.youtube-nocookie.com";
/// Where YouTube's thumbnails come from.
pub const YOUTUBE_IMAGES: &str = "https://i.ytimg.com";
/// The folder of the embed frame (the iframe widget and the oEmbed card), under the base path.
pub const FRAME_DIR: &str = crate::embed::FRAME;
/// The policy of files other sites read but never show as pages (`data/`, `widget/`, …).
pub const SHARED_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Browser features the site never uses, switched off; `(self)` for those it
/// uses itself (sharing, copying a link, full screen and picture-in-picture
/// for videos). [`Policy::permissions`] lets the video host have what its
/// player asks for when the content has YouTube videos.
/// (`clipboard-read` is not listed: the site never reads the clipboard, the
/// browser asks the reader first anyway, and the e2e tests read it to check
/// the copy buttons.)
const PERMISSIONS: [(&str, bool, bool); 21] = [
    // (feature, allowed on the site itself, allowed to the video host's frame)
    ("accelerometer", false, false),
    ("autoplay", false, true),
    ("bluetooth", false, false),
    ("camera", false, false),
    ("clipboard-write", true, false),
    ("display-capture", false, false),
    ("encrypted-media", false, true),
    ("fullscreen", true, true),
    ("geolocation", false, false),
    ("gyroscope", false, false),
    ("hid", false, false),
    ("idle-detection", false, false),
    ("magnetometer", false, false),
    ("microphone", false, false),
    ("midi", false, false),
    ("payment", false, false),
    ("picture-in-picture", true, true),
    ("publickey-credentials-get", false, false),
    ("serial", false, false),
    ("usb", false, false),
    ("web-share", true, false),
];

/// The SHA-256 source expression of an inline script or style: `'sha256-<base64>'`
/// of its text as the browser reads it (line breaks normalized to `\n`).
pub fn hash_source(text: &str) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The hashes of the inline scripts and styles of a set of HTML files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    /// Source expressions of executable inline `<script>` elements.
    pub scripts: BTreeSet<String>,
    /// Source expressions of inline `<style>` elements.
    pub styles: BTreeSet<String>,
    /// Markup that no hash can allow (`on…=` handlers, `style=` attributes), as
    /// `file: attribute`: a test keeps this empty.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub blocked: BTreeSet<String>,
}

/// True when a `<script>` with this `type` (lower case, `None` without one) runs:
/// JavaScript, modules and import maps; data blocks (JSON, JSON-LD) do not.
fn runs(kind: Option<&str>) -> bool {
    match kind.map(str::trim) {
        None | Some("") | Some("module") | Some("importmap") => true,
        Some(t) => matches!(
            t,
            "text/javascript"
                | "application/javascript"
                | "application/ecmascript"
                | "text/ecmascript"
                | "application/x-javascript"
                | "text/jscript"
        ),
    }
}

/// The value of attribute `name` in the lower-cased open tag `tag`, and whether it is there.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    attributes(tag)
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// The attributes of an open tag (`<name a="1" b>`), names and values as written.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let inner = inner.trim_end_matches('/');
    let mut out = Vec::new();
    // Skip the element's name.
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    value = &after[1..end];
                    rest = after.get(end + 1..).unwrap_or("");
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    value = &after[..end];
                    rest = &after[end..];
                }
            }
        }
        out.push((name, value));
    }
    out
}

/// The end of the open tag starting at `start` of `html` (after its `>`), quotes respected.
fn tag_end(html: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[start..].char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return start + i + 1,
            _ => {}
        }
    }
    html.len()
}

impl Inline {
    /// Adds the inline scripts and styles of the HTML file `path` with text `html`.
    pub fn scan(&mut self, path: &str, html: &str) {
        let lower = html.to_ascii_lowercase();
        let mut at = 0;
        while let Some(lt) = lower[at..].find('<') {
            let start = at + lt;
            let rest = &lower[start..];
            if rest.starts_with("<!--") {
                at = rest.find("-->").map_or(html.len(), |e| start + e + 3);
                continue;
            }
            let name_len = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .unwrap_or(rest.len() - 1);
            let name = &rest[1..1 + name_len];
            if name.is_empty() {
                at = start + 1;
                continue;
            }
            let end = tag_end(&lower, start);
            let tag = &html[start..end];
            for (attr, value) in attributes(tag) {
                let attr = attr.to_ascii_lowercase();
                if attr == "style" || (attr.starts_with("on") && attr.len() > 2) {
                    self.blocked
                        .insert(format!("{path}: <{name} {attr}=\"{value}\">"));
                }
            }
            at = end;
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                let text_end = lower[end..].find(&close).map_or(html.len(), |e| end + e);
                let text = &html[end..text_end];
                let lower_tag = &lower[start..end];
                if name == "style" {
                    self.styles.insert(hash_source(text));
                } else if attribute(lower_tag, "src").is_none()
                    && runs(attribute(lower_tag, "type"))
                {
                    self.scripts.insert(hash_source(text));
                }
                at = text_end;
            }
        }
    }

    /// Adds everything of `other`.
    pub fn extend(&mut self, other: Inline) {
        self.scripts.extend(other.scripts);
        self.styles.extend(other.styles);
        self.blocked.extend(other.blocked);
    }
}

/// The origins a piece of content loads from (never the site's own relative URLs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    /// Images.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub img: BTreeSet<String>,
    /// Audio and video files, captions.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub media: BTreeSet<String>,
    /// Framed players.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub frame: BTreeSet<String>,
}

/// The origin (`https://host[:port]`) of an absolute http(s) URL; `None` for
/// relative URLs (the site's own) and other schemes.
pub fn origin_of(url: &str) -> Option<String> {
    let u = url.trim();
    let u = if u.starts_with("//") {
        format!("https:{u}")
    } else {
        u.to_string()
    };
    let (scheme, rest) = u.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '\'' || c == ';') {
        return None;
    }
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

impl Sources {
    fn image(&mut self, image: &Image) {
        self.img.extend(origin_of(&image.src));
    }

    fn figure(&mut self, figure: &Figure) {
        self.image(&figure.image);
    }

    /// What the article loads from other origins: its cover, the images,
    /// videos, recordings and galleries of its body.
    pub fn of_article(article: &Article) -> Sources {
        let mut s = Sources::default();
        if let Some(cover) = &article.cover {
            s.figure(cover);
        }
        s.blocks(&article.body);
        s
    }

    /// [`Sources::of_article`] for the parts of an article the build reads.
    pub fn of_parts(cover: Option<&Figure>, body: &[Block]) -> Sources {
        let mut s = Sources::default();
        if let Some(cover) = cover {
            s.figure(cover);
        }
        s.blocks(body);
        s
    }

    /// The match has no catch-all on purpose: a new kind of block must say
    /// here what it loads, or the build fails to compile. A YouTube video adds
    /// [`YOUTUBE_FRAME`] to `frame` (its player, loaded on a click; its poster is
    /// the site's own image, never YouTube's); files, their origins to `media`.
    fn blocks(&mut self, body: &[Block]) {
        for block in body {
            match block {
                Block::Figure(f) => self.figure(f),
                Block::Video(v) => {
                    if v.youtube.is_some() {
                        self.frame.insert(YOUTUBE_FRAME.to_string());
                    }
                    if let Some(p) = &v.poster {
                        self.image(p);
                    }
                    for s in &v.sources {
                        self.media.extend(origin_of(&s.src));
                    }
                    for t in &v.tracks {
                        self.media.extend(origin_of(&t.src));
                    }
                }
                Block::Audio(a) => {
                    for s in &a.sources {
                        self.media.extend(origin_of(&s.src));
                    }
                }
                Block::Gallery(g) => {
                    for f in &g.photos {
                        self.figure(f);
                    }
                }
                Block::Paragraph { .. }
                | Block::Heading { .. }
                | Block::Quote { .. }
                | Block::List { .. }
                | Block::Table(_)
                | Block::Unknown => {}
            }
        }
    }

    /// Adds everything of `other`.
    pub fn extend(&mut self, other: &Sources) {
        self.img.extend(other.img.iter().cloned());
        self.media.extend(other.media.iter().cloned());
        self.frame.extend(other.frame.iter().cloned());
    }
}

/// The `[security]` table of `site.toml`: origins of third-party services the
/// site adds by hand (a statistics service, a map, a video host the build
/// cannot see), each list joining what the content needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Origins scripts may read from (`fetch`): `connect_src`.
    pub connect: Vec<String>,
    /// `img_src`.
    pub img: Vec<String>,
    /// `media_src`.
    pub media: Vec<String>,
    /// `frame_src`.
    pub frame: Vec<String>,
    /// The app's data root (`data_url` in `site.toml`, written into `config.json`).
    pub data_url: Option<String>,
}

/// What a path is, for its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The site's pages and files: never framed by another origin.
    Site,
    /// The embed frame (`nhung/khung/`): one widget alone, for any site's
    /// iframe, the oEmbed card included.
    Frame,
    /// Files other sites read (`data/`, `widget/`, `oembed/`, `embed.js`,
    /// `config.json`): any origin may read them.
    Shared,
    /// The web editor (`quan-tri/`, [`crate::editor`]): the CMS's own
    /// needs (inline styles, `blob:` previews of uploads, the git host's API),
    /// never indexed.
    Editor,
}

/// Folders (under the base path) whose files other origins may read.
pub const SHARED_FOLDERS: [&str; 3] = ["data/", "widget/", "oembed/"];
/// Files (under the base path) other origins may read.
pub const SHARED_FILES: [&str; 2] = ["embed.js", "config.json"];

/// The route of `rel`, a request path relative to the base path (`nhung/khung/`, `data/site.json`).
pub fn route_of(rel: &str) -> Route {
    let rel = rel.trim_start_matches('/');
    let editor = crate::editor::DIR;
    if rel == FRAME_DIR.trim_end_matches('/') || rel.starts_with(FRAME_DIR) {
        Route::Frame
    } else if rel == editor || rel.strip_prefix(editor).is_some_and(|r| r.starts_with('/')) {
        Route::Editor
    } else if SHARED_FOLDERS.iter().any(|f| rel.starts_with(f)) || SHARED_FILES.contains(&rel) {
        Route::Shared
    } else {
        Route::Site
    }
}

/// Everything the headers are made of.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// The inline scripts and styles of the pages.
    pub inline: Inline,
    /// What each article loads from other origins, by the article's file (kept
    /// for the articles an incremental build does not parse again).
    #[serde(default)]
    pub articles: BTreeMap<String, Sources>,
    /// Origins of `site.toml`'s `[security]` lists and `data_url`.
    #[serde(default)]
    pub extra: Sources,
    /// Other origins scripts read from (`data_url`'s, `connect_src`).
    #[serde(default)]
    pub connect: BTreeSet<String>,
    /// The site is served over https (`base_url`): insecure requests are upgraded.
    #[serde(default)]
    pub https: bool,
    /// The origins the web editor talks to: its local backend and the git
    /// host ([`crate::editor::Settings::connect_origins`]).
    #[serde(default)]
    pub editor: BTreeSet<String>,
    /// [`Policy::sources`], made on first use (a large site has tens of
    /// thousands of articles, and the host configs ask for it often): a
    /// policy is not changed once its headers are asked for.
    #[serde(skip)]
    pub sources_made: SourcesMade,
}

/// See [`Policy::sources_made`]: not part of what a policy is (equal whether
/// made or not).
#[derive(Debug, Clone, Default)]
pub struct SourcesMade(std::sync::OnceLock<Sources>);

impl PartialEq for SourcesMade {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SourcesMade {}

/// `X-Robots-Tag` of the web editor: never in a search engine.
pub const EDITOR_ROBOTS: &str = "noindex, nofollow";

/// Joins source expressions after the directive's own ones.
fn directive(out: &mut Vec<String>, name: &str, base: &[&str], more: &BTreeSet<String>) {
    let mut parts: Vec<&str> = base.to_vec();
    parts.extend(more.iter().map(String::as_str));
    if parts.is_empty() {
        parts.push("'none'");
    }
    out.push(format!("{name} {}", parts.join(" ")));
}

impl Policy {
    /// Reads the policy kept in the output folder `out`; `None` when there is none.
    pub fn read(out: &Path) -> Option<Policy> {
        let text = fs::read_to_string(out.join(POLICY_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps the policy in the output folder `out` (written whole, then renamed).
    pub fn write(&self, out: &Path) -> io::Result<()> {
        let text = serde_json::to_string(self).expect("the policy always serializes");
        let tmp = out.join(format!("{POLICY_FILE}.tmp"));
        fs::write(&tmp, text)?;
        fs::rename(tmp, out.join(POLICY_FILE))
    }

    /// Everything the content and the settings load from other origins.
    pub fn sources(&self) -> &Sources {
        self.sources_made.0.get_or_init(|| {
            let mut all = self.extra.clone();
            for s in self.articles.values() {
                all.extend(s);
            }
            all
        })
    }

    /// The web editor's Content-Security-Policy: the CMS's script from the
    /// site and what it needs beyond the site's pages (measured in
    /// tests/e2e/editor.test.mjs, docs/editors.md): `'unsafe-eval'` (it
    /// compiles its configuration's JSON schema with `new Function`), inline styles (its
    /// components style themselves at run time), `blob:` and `data:` images
    /// (uploads shown before they are saved, and read back from `blob:` when
    /// saved), the local backend and the git
    /// host's API; the content's own image and media origins for the preview.
    pub fn editor_csp(&self) -> String {
        let sources = self.sources();
        let mut d = vec!["default-src 'self'".to_string()];
        directive(
            &mut d,
            "script-src",
            &["'self'", "'unsafe-eval'"],
            &BTreeSet::new(),
        );
        directive(
            &mut d,
            "style-src",
            &["'self'", "'unsafe-inline'"],
            &BTreeSet::new(),
        );
        directive(
            &mut d,
            "img-src",
            &["'self'", "data:", "blob:"],
            &sources.img,
        );
        directive(&mut d, "media-src", &["'self'", "blob:"], &sources.media);
        directive(&mut d, "font-src", &["'self'"], &BTreeSet::new());
        // `blob:`: an upload is read back from its blob URL when the entry is saved.
        directive(&mut d, "connect-src", &["'self'", "blob:"], &self.editor);
        directive(&mut d, "frame-src", &["'self'"], &BTreeSet::new());
        directive(&mut d, "worker-src", &["'self'"], &BTreeSet::new());
        d.push("object-src 'none'".into());
        d.push("base-uri 'self'".into());
        d.push("form-action 'self'".into());
        d.push("frame-ancestors 'none'".into());
        if self.https {
            d.push("upgrade-insecure-requests".into());
        }
        d.join("; ")
    }

    /// The Content-Security-Policy of `route`.
    pub fn csp(&self, route: Route) -> String {
        if route == Route::Shared {
            return SHARED_CSP.to_string();
        }
        if route == Route::Editor {
            return self.editor_csp();
        }
        let sources = self.sources();
        let mut d = vec!["default-src 'self'".to_string()];
        directive(
            &mut d,
            "script-src",
            &["'self'", "'wasm-unsafe-eval'"],
            &self.inline.scripts,
        );
        let mut styles = self.inline.styles.clone();
        styles.insert(hash_source(bantin_widgets::style::CSS));
        directive(&mut d, "style-src", &["'self'"], &styles);
        directive(&mut d, "img-src", &["'self'"], &sources.img);
        directive(&mut d, "media-src", &["'self'"], &sources.media);
        directive(&mut d, "font-src", &["'self'"], &BTreeSet::new());
        // Scripts read the data, and the offline copy and the service worker
        // fetch the images and media of saved articles.
        let mut connect = self.connect.clone();
        connect.extend(sources.img.iter().cloned());
        connect.extend(sources.media.iter().cloned());
        directive(&mut d, "connect-src", &["'self'"], &connect);
        directive(&mut d, "frame-src", &[], &sources.frame);
        directive(&mut d, "worker-src", &["'self'"], &BTreeSet::new());
        directive(&mut d, "manifest-src", &["'self'"], &BTreeSet::new());
        d.push("object-src 'none'".into());
        d.push("base-uri 'self'".into());
        d.push("form-action 'self'".into());
        d.push(match route {
            Route::Frame => "frame-ancestors *".into(),
            _ => "frame-ancestors 'none'".into(),
        });
        if self.https {
            d.push("upgrade-insecure-requests".into());
        }
        d.join("; ")
    }

    /// The `Permissions-Policy`: see [`PERMISSIONS`].
    pub fn permissions(&self) -> String {
        let video_host = self.sources().frame.contains(YOUTUBE_FRAME);
        PERMISSIONS
            .iter()
            .map(|(feature, own, player)| {
                let mut list = Vec::new();
                if *own {
                    list.push("self".to_string());
                }
                if *player && video_host {
                    if !*own {
                        list.push("self".to_string());
                    }
                    list.push(format!("\"{YOUTUBE_FRAME}\""));
                }
                format!("{feature}=({})", list.join(" "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The security headers of a route, in the order the configs write them.
    pub fn headers(&self, route: Route) -> Vec<(&'static str, String)> {
        let mut h = vec![("Content-Security-Policy", self.csp(route))];
        match route {
            Route::Site => {
                h.push(("X-Frame-Options", "DENY".into()));
                h.push(("Cross-Origin-Opener-Policy", "same-origin".into()));
                h.push(("Permissions-Policy", self.permissions()));
            }
            Route::Frame => h.push(("Permissions-Policy", self.permissions())),
            Route::Editor => {
                h.push(("X-Frame-Options", "DENY".into()));
                // The git host's sign-in window answers through `window.opener`.
                h.push((
                    "Cross-Origin-Opener-Policy",
                    "same-origin-allow-popups".into(),
                ));
                h.push(("Permissions-Policy", self.permissions()));
                h.push(("X-Robots-Tag", EDITOR_ROBOTS.into()));
            }
            Route::Shared => {
                h.push(("Access-Control-Allow-Origin", "*".into()));
                h.push(("Cross-Origin-Resource-Policy", "cross-origin".into()));
            }
        }
        h.push(("Referrer-Policy", REFERRER_POLICY.into()));
        h.push(("X-Content-Type-Options", "nosniff".into()));
        h
    }

    /// Every header name any route sends.
    pub fn all_names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for r in [Route::Site, Route::Frame, Route::Shared, Route::Editor] {
            for (n, _) in self.headers(r) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    }
}

/// The HSTS header value the configs suggest (commented out) for https sites.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_those_browsers_compute() {
        // `echo -n "alert(1)" | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        // The HTML parser turns CR LF into LF before the script's text is hashed.
        assert_eq!(hash_source("a\r\nb"), hash_source("a\nb"));
    }

    #[test]
    fn finds_running_inline_scripts_and_styles_only() {
        let html = "<!doctype html><html><head>\
            <script>one()</script>\
            <SCRIPT type=\"module\">two()</SCRIPT>\
            <script src=\"/a.js\"></script>\
            <script type=\"application/json\" id=\"bt-data\">{\"a\":\"<script>x()</script>\"}</script>\
            <script type='application/ld+json'>{}</script>\
            <!-- <script>commented()</script> -->\
            <style>p{color:red}</style>\
            </head><body><script>\nvar s = '<script>inner()<\\/script>';\n</script></body></html>";
        let mut i = Inline::default();
        i.scan("a.html", html);
        let want: BTreeSet<String> = [
            "one()",
            "two()",
            "\nvar s = '<script>inner()<\\/script>';\n",
        ]
        .iter()
        .map(|s| hash_source(s))
        .collect();
        assert_eq!(i.scripts, want);
        assert_eq!(i.styles, [hash_source("p{color:red}")].into());
        assert!(i.blocked.is_empty(), "{:?}", i.blocked);
        i.scan(
            "b.html",
            "<p style=\"color:red\">x</p><img src=a.png onerror='alert(1)'><a title=\"onclick=x\">",
        );
        assert_eq!(
            i.blocked,
            [
                "b.html: <img onerror=\"alert(1)\">".to_string(),
                "b.html: <p style=\"color:red\">".to_string()
            ]
            .into()
        );
    }

    #[test]
    fn origins_of_urls() {
        assert_eq!(
            origin_of("https://CDN.vn/a.png").as_deref(),
            Some("https://cdn.vn")
        );
        assert_eq!(
            origin_of("http://a.vn:8080").as_deref(),
            Some("http://a.vn:8080")
        );
        assert_eq!(origin_of("//a.vn/x").as_deref(), Some("https://a.vn"));
        assert_eq!(origin_of("/anh/a.png"), None);
        assert_eq!(origin_of("anh/a.png"), None);
        assert_eq!(origin_of("data:image/png;base64,x"), None);
        assert_eq!(origin_of("https://a.vn;script-src *"), None);
    }

    #[test]
    fn routes_of_paths() {
        assert_eq!(route_of("nhung/khung/"), Route::Frame);
        assert_eq!(route_of("nhung/khung"), Route::Frame);
        assert_eq!(route_of("/nhung/khung/index.html"), Route::Frame);
        assert_eq!(route_of("nhung/"), Route::Site);
        assert_eq!(route_of("nhung/khungx"), Route::Site);
        assert_eq!(route_of("data/site.json"), Route::Shared);
        assert_eq!(route_of("widget/a.wasm"), Route::Shared);
        assert_eq!(route_of("oembed/a.json"), Route::Shared);
        assert_eq!(route_of("embed.js"), Route::Shared);
        assert_eq!(route_of("config.json"), Route::Shared);
        assert_eq!(route_of(""), Route::Site);
        assert_eq!(route_of("bai-viet/a"), Route::Site);
        assert_eq!(route_of("x/embed.js"), Route::Site);
    }

    fn policy() -> Policy {
        let mut p = Policy::default();
        p.inline
            .scan("a.html", "<script>a()</script><style>b{}</style>");
        p
    }

    #[test]
    fn a_strict_policy() {
        let p = policy();
        let csp = p.csp(Route::Site);
        let script = csp
            .split("; ")
            .find(|d| d.starts_with("script-src "))
            .unwrap();
        assert_eq!(
            script,
            format!(
                "script-src 'self' 'wasm-unsafe-eval' {}",
                hash_source("a()")
            )
        );
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        for d in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "frame-src 'none'",
            "img-src 'self'",
            "connect-src 'self'",
        ] {
            assert!(csp.split("; ").any(|x| x == d), "{d} in {csp}");
        }
        assert!(csp.contains(&hash_source("b{}")));
        assert!(csp.contains(&hash_source(bantin_widgets::style::CSS)));
        assert!(!csp.contains("upgrade-insecure-requests"));
        let frame = p.csp(Route::Frame);
        assert!(frame.ends_with("frame-ancestors *"), "{frame}");
        assert_eq!(
            frame.replace("frame-ancestors *", "frame-ancestors 'none'"),
            csp
        );
        let https = Policy {
            https: true,
            ..policy()
        };
        assert!(https
            .csp(Route::Site)
            .ends_with("; upgrade-insecure-requests"));
        assert_eq!(p.csp(Route::Shared), SHARED_CSP);
    }

    #[test]
    fn content_on_other_origins_is_allowed_where_it_loads() {
        let mut p = policy();
        let article: Article = serde_json::from_value(serde_json::json!({
            "slug": "a", "title": "A",
            "cover": {"image": {"src": "https://anh.bao.vn/a.jpg", "alt": ""}},
            "body": [
                {"type": "figure", "image": {"src": "https://cdn.tinh.vn/b.png", "alt": ""}},
                {"type": "figure", "image": {"src": "/anh/b.svg", "alt": ""}}
            ]
        }))
        .unwrap();
        p.articles
            .insert("a.md".into(), Sources::of_article(&article));
        p.connect.insert("https://api.tinh.vn".into());
        // What `[security]` in site.toml adds (a video host the content embeds).
        p.extra.frame.insert(YOUTUBE_FRAME.into());
        p.extra.img.insert(YOUTUBE_IMAGES.into());
        p.extra.media.insert("https://radio.vn".into());
        let csp = p.csp(Route::Site);
        let get = |name: &str| {
            csp.split("; ")
                .find(|d| d.starts_with(&format!("{name} ")))
                .unwrap()
                .to_string()
        };
        assert_eq!(
            get("img-src"),
            "img-src 'self' https://anh.bao.vn https://cdn.tinh.vn https://i.ytimg.com"
        );
        assert_eq!(get("media-src"), "media-src 'self' https://radio.vn");
        assert_eq!(
            get("frame-src"),
            "frame-src https://www.youtube-nocookie.com"
        );
        assert_eq!(
            get("connect-src"),
            "connect-src 'self' https://anh.bao.vn https://api.tinh.vn https://cdn.tinh.vn https://i.ytimg.com https://radio.vn"
        );
        let perm = p.permissions();
        assert!(
            perm.contains("autoplay=(self \"https://www.youtube-nocookie.com\")"),
            "{perm}"
        );
        assert!(perm.contains("fullscreen=(self \"https://www.youtube-nocookie.com\")"));
        assert!(perm.contains("camera=()"));
        assert!(policy().permissions().contains("autoplay=(), "));
    }

    #[test]
    fn headers_by_route() {
        let p = policy();
        let names = |r| p.headers(r).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(Route::Site),
            [
                "Content-Security-Policy",
                "X-Frame-Options",
                "Cross-Origin-Opener-Policy",
                "Permissions-Policy",
                "Referrer-Policy",
                "X-Content-Type-Options"
            ]
        );
        assert!(!names(Route::Frame).contains(&"X-Frame-Options"));
        assert!(!names(Route::Frame).contains(&"Cross-Origin-Opener-Policy"));
        assert!(names(Route::Shared).contains(&"Access-Control-Allow-Origin"));
        // The eight above and the web editor's X-Robots-Tag.
        assert_eq!(p.all_names().len(), 9);
        assert!(p.all_names().contains(&"X-Robots-Tag"));
    }

    #[test]
    fn the_policy_is_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Policy::read(dir.path()), None);
        let mut p = policy();
        p.https = true;
        p.articles.insert("a.md".into(), Sources::default());
        p.write(dir.path()).unwrap();
        assert_eq!(Policy::read(dir.path()), Some(p));
    }

    #[test]
    fn the_editor_has_its_own_policy_and_no_other_route_changes() {
        assert_eq!(route_of("quan-tri"), Route::Editor);
        assert_eq!(route_of("/quan-tri/"), Route::Editor);
        assert_eq!(route_of("quan-tri/config.yml"), Route::Editor);
        assert_eq!(route_of("quan-tri-cu/"), Route::Site);
        assert_eq!(route_of("cms/decap-cms.js"), Route::Site);
        let mut p = Policy {
            editor: [
                "http://localhost:8081".to_string(),
                "https://api.github.com".to_string(),
            ]
            .into_iter()
            .collect(),
            ..Policy::default()
        };
        let editor = p.headers(Route::Editor);
        let get = |h: &[(&str, String)], name: &str| {
            h.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
        };
        let csp = get(&editor, "Content-Security-Policy").unwrap();
        assert!(csp.contains("script-src 'self' 'unsafe-eval';"), "{csp}");
        assert!(csp.contains("style-src 'self' 'unsafe-inline';"), "{csp}");
        assert!(
            csp.contains("connect-src 'self' blob: http://localhost:8081 https://api.github.com;"),
            "{csp}"
        );
        assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
        assert_eq!(get(&editor, "X-Robots-Tag").as_deref(), Some(EDITOR_ROBOTS));
        assert_eq!(get(&editor, "X-Frame-Options").as_deref(), Some("DENY"));
        assert_eq!(
            get(&editor, "Cross-Origin-Opener-Policy").as_deref(),
            Some("same-origin-allow-popups")
        );
        // The editor's settings change no other route.
        let others = |p: &Policy| [Route::Site, Route::Frame, Route::Shared].map(|r| p.headers(r));
        let with_editor = others(&p);
        p.editor.clear();
        assert_eq!(with_editor, others(&p));
        for h in with_editor.iter().flatten() {
            assert!(
                !h.1.contains("'unsafe-eval'")
                    && !h.1.contains("'unsafe-inline'")
                    && h.0 != "X-Robots-Tag",
                "{h:?}"
            );
        }
    }
}
