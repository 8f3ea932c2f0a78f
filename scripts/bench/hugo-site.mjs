// The same articles as a Hugo site: Markdown with TOML front matter under
// content/bai-viet/, and a minimal theme written for this benchmark (an article
// page, paginated lists for the home page, categories and tags; no images, no
// related articles, no assets pipeline). Hugo's own RSS and sitemap stay on, as
// bantin writes feeds and sitemaps too.

import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CONFIG = (base) => `baseURL = "${base}"
languageCode = "vi"
title = "Bản tin (Hugo)"
paginate = 20
disableKinds = ["robotsTXT"]
[permalinks]
  bai-viet = "/bai-viet/:slug/"
[taxonomies]
  category = "chuyen-muc"
  tag = "the"
[markup.goldmark.renderer]
  unsafe = false
`;

const BASEOF = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;line-height:1.6}</style>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Taxonomies.category }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`;

const SINGLE = `{{ define "title" }}{{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>
{{ with .Params.author }} · {{ . }}{{ end }}</p>
{{ with .Params.lead }}<p><strong>{{ . }}</strong></p>{{ end }}
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>{{ end }}
`;

const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages.ByDate.Reverse }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time>{{ with .Params.lead }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Trang trước</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}</nav>
{{ end }}
`;

const TERMS = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
`;

/** Every `.md` file under `dir`, sorted. */
function markdownFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

/**
 * Hugo's front matter for one of bantin's articles: the same TOML, with the
 * category as a taxonomy term and tags under Hugo's taxonomy name.
 */
export function toHugo(text) {
  const m = /^\+\+\+\n([\s\S]*?)\n\+\+\+\n/.exec(text);
  if (!m) throw new Error('article without +++ front matter');
  const front = m[1]
    .split('\n')
    .map((line) => line.replace(/^category = (".*")$/, 'chuyen-muc = [$1]').replace(/^tags = /, 'the = '))
    .join('\n');
  return `+++\n${front}\n+++\n${text.slice(m[0].length)}`;
}

/** Writes the Hugo site for the bantin content folder `content` into `site` (replaced). */
export function writeHugoSite(content, site, base = 'http://127.0.0.1:8080/') {
  rmSync(site, { recursive: true, force: true });
  for (const d of ['content/bai-viet', 'layouts/_default']) mkdirSync(path.join(site, d), { recursive: true });
  writeFileSync(path.join(site, 'config.toml'), CONFIG(base));
  writeFileSync(path.join(site, 'layouts/_default/baseof.html'), BASEOF);
  writeFileSync(path.join(site, 'layouts/_default/single.html'), SINGLE);
  writeFileSync(path.join(site, 'layouts/_default/list.html'), LIST);
  writeFileSync(path.join(site, 'layouts/_default/terms.html'), TERMS);
  const articles = path.join(content, 'articles');
  const files = markdownFiles(articles);
  for (const f of files) syncArticle(content, site, f);
  return files.length;
}

/** Copies one article (by its path in the bantin content folder) into the Hugo site. */
export function syncArticle(content, site, file) {
  const rel = path.relative(path.join(content, 'articles'), file);
  const target = path.join(site, 'content/bai-viet', rel);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, toHugo(readFileSync(file, 'utf8')));
}
