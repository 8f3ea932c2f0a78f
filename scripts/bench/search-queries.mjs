// The search bench's queries (scripts/bench/search.mjs and search-recall.mjs).

/**
 * The queries, from `bantin generate`'s vocabulary: with and without tone marks, a
 * quoted phrase, and a prefix as a reader types it (`prefix`: our engine's typing mode;
 * Pagefind matches the last word as a prefix anyway). `common`: made only of words in
 * more than half of the articles (the recall check verifies it).
 */
export const QUERIES = [
  { q: 'chuyển đổi', what: 'two words, tone marks' },
  { q: 'khu cong nghiep', what: 'three words, no tone marks' },
  { q: 'an toàn giao thông', what: 'four words, tone marks', common: true },
  { q: 'duong', what: 'one word, no tone marks (đường, dương, …)' },
  { q: '"điện mặt trời"', what: 'quoted phrase' },
  { q: 'bảo tà', what: 'typing prefix (bảo tàng)', prefix: true },
  { q: 'phát triển bền vững', what: 'four common words, tone marks', common: true },
  { q: 'chất lượng cao', what: 'three common words, tone marks', common: true },
  { q: 'nong thon moi', what: 'three common words, no tone marks', common: true },
];
