// Recall check for the search bench: how many articles of a built site truly match
// each query, by a brute-force scan of every article document (`data/bai-viet/*.json`),
// written apart from the engine so that it checks it rather than repeats it.
//
//   node scripts/bench/search-recall.mjs SITE...   # prints each query's count and word frequencies
//
// Matching is what docs/search.md promises: every query word, folded (lowercase, no
// tone or vowel marks, "đ" as "d"), is in the article (title, lead or body); a word
// being typed (a prefix query) matches any word it starts; quoted words must also be
// adjacent, pair by pair, as the index records phrases (within the title, or within
// the lead and body).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Longer words are not indexed (crates/search/src/text.rs, MAX_WORD_CHARS). */
const MAX_WORD_CHARS = 40;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const QUOTES = /["“”„]/;

/** Lowercase, marks removed, "đ" as "d" (as `bantin_contract::text::fold`). */
export function fold(s) {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replaceAll('đ', 'd');
}

/** The folded words of `s`, in order; `null` stands for a word too long to index (it breaks phrases). */
export function foldedWords(s) {
  return [...s.matchAll(WORD)].map(([w]) => ([...w].length > MAX_WORD_CHARS ? null : fold(w) || null));
}

/**
 * A query as the engine reads it: its folded words (without repeats), the quoted
 * pairs (index of the first word), and whether the last word is a prefix.
 */
export function parseQuery(q, prefix = false) {
  const words = [];
  const phrases = [];
  let quote = 0;
  let lastQuote = null;
  let seen = 0;
  for (const m of q.matchAll(WORD)) {
    for (const c of q.slice(seen, m.index)) if (QUOTES.test(c)) quote += 1;
    seen = m.index + m[0].length;
    const inQuote = quote % 2 === 1 ? quote : null;
    const lower = m[0].toLowerCase();
    if (words.some((w) => w.lower === lower)) {
      lastQuote = null;
      continue;
    }
    if (inQuote !== null && inQuote === lastQuote) phrases.push(words.length - 1);
    lastQuote = inQuote;
    words.push({ lower, folded: fold(lower) });
  }
  const finished = !/[\p{L}\p{N}\p{M}]$/u.test(q);
  const isPrefix = prefix && !finished && words.length > 0 && [...words.at(-1).folded].length >= 2;
  const last = words.length - (isPrefix ? 2 : 1);
  return { words: words.map((w) => w.folded), phrases: phrases.filter((i) => i < last), prefix: isPrefix };
}

/** The plain text of an article's lead and body (as `bantin_contract::plain_text`, lead first). */
function articleText(doc) {
  const lines = [doc.lead ?? ''];
  const runs = (c) => c.map((r) => r.text ?? '').join('');
  for (const b of doc.body ?? []) {
    if (b.type === 'paragraph') lines.push(runs(b.content));
    else if (b.type === 'heading') lines.push(b.text);
    else if (b.type === 'quote') lines.push(runs(b.content), b.cite ?? '');
    else if (b.type === 'list') lines.push(...b.items.map(runs));
    else if (b.type === 'figure') lines.push(b.caption ?? '');
  }
  return lines.filter(Boolean).join('\n');
}

/**
 * Scans every article of `site` once; for each query of `queries` ({ q, prefix }),
 * returns { count, df } where `df` gives, per folded query word, how many articles have it.
 */
export function bruteForce(site, queries) {
  const parsed = queries.map((x) => parseQuery(x.q, x.prefix));
  const counts = parsed.map(() => 0);
  const dfs = parsed.map((p) => p.words.map(() => 0));
  const dir = path.join(site, 'data/bai-viet');
  let docs = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    docs += 1;
    const words = new Set();
    const pairs = new Set();
    for (const field of [doc.title ?? '', articleText(doc)]) {
      let prev = null;
      for (const w of foldedWords(field)) {
        if (w === null) {
          prev = null;
          continue;
        }
        words.add(w);
        if (prev !== null && prev !== w) pairs.add(`${prev} ${w}`);
        prev = w;
      }
    }
    parsed.forEach((p, qi) => {
      let all = true;
      p.words.forEach((w, wi) => {
        const typed = p.prefix && wi === p.words.length - 1;
        const has = typed ? [...words].some((x) => x.startsWith(w)) : words.has(w);
        if (has) dfs[qi][wi] += 1;
        else all = false;
      });
      if (all && p.phrases.every((i) => pairs.has(`${p.words[i]} ${p.words[i + 1]}`))) counts[qi] += 1;
    });
  }
  return { docs, results: parsed.map((p, i) => ({ words: p.words, count: counts[i], df: dfs[i] })) };
}

/**
 * Compares the counts the engine reported (`rows`: { engine, q, total }) with the
 * brute-force ones; returns the mismatches as text (empty: every count is exact).
 * Queries marked `common` must be made only of words in more than half of the articles.
 */
export function checkRecall(site, queries, rows) {
  const truth = bruteForce(site, queries);
  const problems = [];
  queries.forEach((query, i) => {
    const t = truth.results[i];
    const row = rows.find((r) => r.engine === 'bantin' && r.q === query.q);
    if (!row) problems.push(`${query.q}: no bantin row`);
    else if (row.total !== t.count) problems.push(`${query.q}: bantin counts ${row.total}, the articles hold ${t.count}`);
    if (query.common) {
      t.df.forEach((df, wi) => {
        if (df * 2 <= truth.docs) problems.push(`${query.q}: "${t.words[wi]}" is in ${df} of ${truth.docs} articles, not more than half`);
      });
    }
  });
  return { truth, problems };
}

// Standalone: node scripts/bench/search-recall.mjs SITE...
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { QUERIES } = await import('./search-queries.mjs');
  for (const site of process.argv.slice(2)) {
    const t0 = performance.now();
    const truth = bruteForce(path.resolve(site), QUERIES);
    console.log(`${site}: ${truth.docs} articles scanned in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    QUERIES.forEach((q, i) => {
      const r = truth.results[i];
      console.log(`  ${JSON.stringify(q.q).padEnd(26)} ${String(r.count).padStart(7)}  (${r.words.map((w, j) => `${w} ${r.df[j]}`).join(', ')})`);
    });
  }
}
