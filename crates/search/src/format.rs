//! The index's text format: headers, id lists and file names (see the crate docs).

/// The format version the index writer writes.
pub const VERSION: u32 = 4;
/// The oldest version the engine still reads: format 3 is format 4 without
/// registry documents (no `document` kind, no number keys), format 2 is format
/// 3 without pages (its document lines never have the `kind` field). The
/// engine refuses files of other versions, and files whose version is not
/// `meta.txt`'s.
pub const OLDEST_VERSION: u32 = 2;
/// The first word of every file.
pub const MAGIC: &str = "bantin-tim";
/// The folder of the index, under the data root.
pub const DIR: &str = "tim";
/// The index's entry file.
pub const META: &str = "tim/meta.txt";

/// The first line of every file of generation `gen`.
pub fn header(gen: &str) -> String {
    format!("{MAGIC} {VERSION} {gen}\n")
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Not an index file, or a version this engine does not know.
    Malformed(String),
    /// A file of another build than `meta.txt` (the index changed under the reader).
    Stale,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Malformed(m) => write!(f, "malformed search index file: {m}"),
            FormatError::Stale => write!(f, "stale: the search index changed, reload meta.txt"),
        }
    }
}

/// Splits a file into its generation and the rest, checking the header.
pub fn split_header(text: &str) -> Result<(&str, &str), FormatError> {
    read_header(text).map(|(_, gen, rest)| (gen, rest))
}

/// Splits a file into its version (one the engine reads, see
/// [`OLDEST_VERSION`]), its generation and the rest.
pub fn read_header(text: &str) -> Result<(u32, &str, &str), FormatError> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut parts = first.trim_end_matches('\r').split(' ');
    if parts.next() != Some(MAGIC) {
        return Err(FormatError::Malformed("no bantin-tim header".into()));
    }
    let version = match parts.next().and_then(|v| v.parse::<u32>().ok()) {
        Some(v) if (OLDEST_VERSION..=VERSION).contains(&v) => v,
        Some(v) => return Err(FormatError::Malformed(format!("version {v}"))),
        None => return Err(FormatError::Malformed("no version".into())),
    };
    match (parts.next(), parts.next()) {
        (Some(gen), None) if !gen.is_empty() => Ok((version, gen, rest)),
        _ => Err(FormatError::Malformed("bad header".into())),
    }
}

/// The digits of a list's bits, 6 to a character, most significant first
/// (URL-safe base64: compressing hosts get them back to about a byte per 8 bits).
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64_value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Appends bits to a base64 text.
struct BitWriter<'a> {
    out: &'a mut String,
    acc: u64,
    bits: u32,
}

impl BitWriter<'_> {
    fn put(&mut self, v: u32, n: u32) {
        debug_assert!(n <= 32);
        self.acc = (self.acc << n) | (u64::from(v) & ((1u64 << n) - 1));
        self.bits += n;
        while self.bits >= 6 {
            self.bits -= 6;
            self.out
                .push(char::from(B64[((self.acc >> self.bits) & 63) as usize]));
        }
    }

    /// `v` in Rice code with parameter `k`: `v >> k` ones, a zero, the low `k` bits.
    fn rice(&mut self, v: u32, k: u32) {
        let mut q = v >> k;
        while q >= 24 {
            self.put(0xff_ffff, 24);
            q -= 24;
        }
        self.put(((1u32 << q) - 1) << 1, q + 1);
        self.put(v, k);
    }

    fn finish(mut self) {
        if self.bits > 0 {
            let pad = 6 - self.bits;
            self.put(0, pad);
        }
    }
}

/// Reads bits from a base64 text.
struct BitReader<'a> {
    s: &'a [u8],
    pos: usize,
    acc: u64,
    bits: u32,
}

impl BitReader<'_> {
    fn fill(&mut self) -> Option<()> {
        let c = *self.s.get(self.pos)?;
        self.pos += 1;
        self.acc = (self.acc << 6) | u64::from(b64_value(c)?);
        self.bits += 6;
        Some(())
    }

    fn get(&mut self, n: u32) -> Option<u32> {
        while self.bits < n {
            self.fill()?;
        }
        self.bits -= n;
        let v = (self.acc >> self.bits) & ((1u64 << n) - 1);
        self.acc &= (1u64 << self.bits) - 1;
        Some(v as u32)
    }

    /// A Rice-coded value no greater than `max`.
    fn rice(&mut self, k: u32, max: u32) -> Option<u32> {
        let mut q: u32 = 0;
        while self.get(1)? == 1 {
            q += 1;
            if u64::from(q) << k > u64::from(max) {
                return None;
            }
        }
        let v = (u64::from(q) << k) | u64::from(self.get(k)?);
        (v <= u64::from(max)).then_some(v as u32)
    }
}

/// How a posting list is written: the first character of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `g`: the gaps between ids, Rice-coded (rare words).
    Gaps,
    /// `c`: the gaps between the ids *not* in the list (words in most articles).
    Complement,
    /// `m`: one bit per article.
    Bitmap,
    /// `r`: the lengths of the runs of absent and present ids, Rice-coded
    /// (words of one period of the archive).
    Runs,
}

impl Encoding {
    fn letter(self) -> char {
        match self {
            Encoding::Gaps => 'g',
            Encoding::Complement => 'c',
            Encoding::Bitmap => 'm',
            Encoding::Runs => 'r',
        }
    }
}

/// The Rice parameter that codes `values` (summing to `sum`) in the fewest bits,
/// and that many bits.
fn best_rice(values: impl Iterator<Item = u32> + Clone, count: u64, sum: u64) -> (u32, u64) {
    if count == 0 {
        return (0, 0);
    }
    let mean = sum / count;
    let guess = 63 - (mean | 1).leading_zeros();
    let mut best = (0, u64::MAX);
    for k in guess.saturating_sub(2)..=(guess + 1).min(30) {
        let bits: u64 = values
            .clone()
            .map(|v| u64::from(v >> k) + 1 + u64::from(k))
            .sum();
        if bits < best.1 {
            best = (k, bits);
        }
    }
    best
}

/// The gaps of ascending `ids` as Rice values (the first id, then each gap less one).
fn gap_values(ids: &[u32]) -> impl Iterator<Item = u32> + Clone + '_ {
    ids.iter().scan(None::<u32>, |prev, &id| {
        let v = match *prev {
            None => id,
            Some(p) => id - p - 1,
        };
        *prev = Some(id);
        Some(v)
    })
}

/// The ids in `0..n` that are not in ascending `ids`.
fn complement(ids: &[u32], n: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity((n as usize).saturating_sub(ids.len()));
    let mut next = 0;
    for &id in ids {
        out.extend(next..id);
        next = id + 1;
    }
    out.extend(next..n);
    out
}

/// The runs of ascending `ids` in `0..n` as Rice values: the absent run before
/// the first present one (may be empty), then each present and absent run less one,
/// ending with the last present run.
fn run_values(ids: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut next = 0u32;
    while i < ids.len() {
        let start = ids[i];
        let mut j = i + 1;
        while j < ids.len() && ids[j] == ids[j - 1] + 1 {
            j += 1;
        }
        out.push(if i == 0 { start } else { start - next - 1 });
        out.push((j - i) as u32 - 1);
        next = ids[j - 1] + 1;
        i = j;
    }
    out
}

/// What each encoding of `ids` (ascending, below `n`) costs in bits; the cheapest
/// is what [`write_list`] writes.
pub fn list_costs(ids: &[u32], n: u32) -> Vec<(Encoding, u32, u64)> {
    let len = ids.len() as u64;
    let mut out = Vec::with_capacity(4);
    let last = ids.last().map_or(0, |&l| u64::from(l) + 1);
    // A bitmap first: it wins ties (gaps with parameter 0 are a bitmap up to the
    // last id, so they cost the same when that id is the newest article).
    if len > 0 && u64::from(n) >= last {
        out.push((Encoding::Bitmap, 0, u64::from(n)));
    }
    let (k, bits) = best_rice(gap_values(ids), len, last.saturating_sub(len));
    out.push((Encoding::Gaps, k, bits));
    if len > 0 && u64::from(n) >= last {
        if len * 3 > u64::from(n) {
            let absent = complement(ids, n);
            let sum = u64::from(n) - absent.len() as u64;
            let (k, bits) = best_rice(gap_values(&absent), absent.len() as u64, sum);
            out.push((Encoding::Complement, k, bits));
        }
        if len >= 16 {
            let runs = run_values(ids);
            let sum = runs.iter().map(|&v| u64::from(v)).sum();
            let (k, bits) = best_rice(runs.iter().copied(), runs.len() as u64, sum);
            out.push((Encoding::Runs, k, bits));
        }
    }
    out
}

/// Writes ascending `ids` (all below `n`, the article count) in the cheapest of
/// the [`Encoding`]s: `<letter><count>:` then, but for bitmaps, the Rice parameter
/// as one base64 digit, then the bits in base64. Returns the bits written.
pub fn write_list(ids: &[u32], n: u32, out: &mut String) -> u64 {
    let (enc, k, bits) = list_costs(ids, n)
        .into_iter()
        .min_by_key(|c| c.2)
        .expect("gaps are always a choice");
    debug_assert!(ids.windows(2).all(|w| w[0] < w[1]));
    out.push(enc.letter());
    let count = match enc {
        Encoding::Complement => n - ids.len() as u32,
        _ => ids.len() as u32,
    };
    push_u32(out, count);
    out.push(':');
    if enc != Encoding::Bitmap {
        out.push(char::from(B64[k as usize]));
    }
    let mut w = BitWriter {
        out,
        acc: 0,
        bits: 0,
    };
    match enc {
        Encoding::Gaps => gap_values(ids).for_each(|v| w.rice(v, k)),
        Encoding::Complement => gap_values(&complement(ids, n)).for_each(|v| w.rice(v, k)),
        Encoding::Runs => run_values(ids).into_iter().for_each(|v| w.rice(v, k)),
        Encoding::Bitmap => {
            let mut next = 0;
            for &id in ids {
                while next < id {
                    let zeros = (id - next).min(24);
                    w.put(0, zeros);
                    next += zeros;
                }
                w.put(1, 1);
                next = id + 1;
            }
            while next < n {
                let zeros = (n - next).min(24);
                w.put(0, zeros);
                next += zeros;
            }
        }
    }
    w.finish();
    bits
}

/// Reads what [`write_list`] wrote for `n` articles; `None` when malformed (an id
/// not below `n`, a wrong count, bad characters).
pub fn read_list(s: &str, n: u32) -> Option<Vec<u32>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let (head, rest) = s.split_once(':')?;
    let mut head_chars = head.chars();
    let letter = head_chars.next()?;
    let count = parse_u32(head_chars.as_str())?;
    if count > n {
        return None;
    }
    let rest = rest.as_bytes();
    let (k, payload) = match letter {
        'm' => (0, rest),
        'g' | 'c' | 'r' => {
            let (&k, p) = rest.split_first()?;
            let k = b64_value(k)?;
            if k > 30 {
                return None;
            }
            (k, p)
        }
        _ => return None,
    };
    let mut r = BitReader {
        s: payload,
        pos: 0,
        acc: 0,
        bits: 0,
    };
    let gaps = |r: &mut BitReader, count: u32| -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(count as usize);
        let mut next: u32 = 0;
        for _ in 0..count {
            let id = next.checked_add(r.rice(k, n)?)?;
            if id >= n {
                return None;
            }
            out.push(id);
            next = id + 1;
        }
        Some(out)
    };
    let ids = match letter {
        'g' => gaps(&mut r, count)?,
        'c' => complement(&gaps(&mut r, count)?, n),
        'm' => {
            let mut out = Vec::with_capacity(count as usize);
            for id in 0..n {
                if r.get(1)? == 1 {
                    out.push(id);
                }
            }
            out
        }
        _ => {
            let mut out = Vec::with_capacity(count as usize);
            let mut next: u32 = 0;
            let mut first = true;
            while (out.len() as u32) < count {
                let absent = r.rice(k, n)?;
                let start = next.checked_add(absent)?.checked_add(u32::from(!first))?;
                first = false;
                let len = r.rice(k, n)? + 1;
                let end = start.checked_add(len)?;
                if end > n || out.len() as u64 + u64::from(len) > u64::from(count) {
                    return None;
                }
                out.extend(start..end);
                next = end;
            }
            out
        }
    };
    (ids.len() as u32 == count || letter == 'c').then_some(ids)
}

/// Appends `n` in decimal (faster than `write!`: the index writes millions).
pub fn push_u32(out: &mut String, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// A decimal `u32` without sign or spaces (faster and stricter than `str::parse`).
pub fn parse_u32(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 10 {
        return None;
    }
    let mut n: u64 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    u32::try_from(n).ok()
}

/// FNV-1a, 64 bits: which shard a small list is in (the same in the build and the browser).
pub fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A fast hasher for the index writer's maps (words and id pairs; no untrusted
/// keys can slow it down: they come from the site's own articles).
#[derive(Debug, Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`Fx`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// A file-name-safe form of a key: itself when made of `[a-z0-9]` and spaces
/// (spaces become `-`), else `_` and the hex of its UTF-8 bytes.
pub fn file_key(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
    {
        key.replace(' ', "-")
    } else {
        let mut s = String::from("_");
        for b in key.bytes() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

/// The dictionary key of a folded word: its first two characters.
pub fn dict_key(folded: &str) -> &str {
    match folded.char_indices().nth(2) {
        Some((i, _)) => &folded[..i],
        None => folded,
    }
}

/// The dictionary file of words starting with `key`.
pub fn dict_file(key: &str) -> String {
    format!("{DIR}/tu/{}.txt", file_key(key))
}

/// The file of a posting list that has one of its own.
pub fn own_file(key: &str) -> String {
    format!("{DIR}/t/{}.txt", file_key(key))
}

/// The shard of a small posting list.
pub fn shard_file(key: &str, shards: u32) -> String {
    shard_path(hash(key) % u64::from(shards.max(1)))
}

/// Shard file number `n`.
pub fn shard_path(n: u64) -> String {
    format!("{DIR}/s/{n}.txt")
}

/// The file of document chunk `k`.
pub fn doc_file(k: u32) -> String {
    format!("{DIR}/d/{k}.txt")
}

/// Prefixes of up to this many characters that start two words or more have a
/// list of their own (the articles with any of those words), so a word being
/// typed matches exactly; the engine expands longer ones word by word.
pub const MAX_PREFIX_CHARS: usize = 6;

/// The first character of a prefix's line in a dictionary.
pub const PREFIX_MARK: char = '*';

/// The last character of a document number's key (format 4): no word has it,
/// so only a registry document's number matches one.
pub const NUMBER_MARK: char = '#';

/// The key of a document number made of `words` (as [`crate::text::words`]
/// reads it: "05-NQ/TU" is `05`, `nq`, `tu`): the folded words joined, then
/// [`NUMBER_MARK`] ("05nqtu#"). Only a number of two words or more whose first
/// starts with a digit has one; separators and spaces do not count, so "05 NQ
/// TU" and "05-nq/tu" name the same key.
pub fn number_key(words: &[crate::text::Word]) -> Option<String> {
    let first = words.first()?;
    if words.len() < 2 || !first.folded.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut key: String = words.iter().map(|w| w.folded.as_str()).collect();
    key.push(NUMBER_MARK);
    Some(key)
}

/// The key of the list of `prefix` (the articles with a word it starts).
pub fn prefix_key(prefix: &str) -> String {
    format!("{prefix}*")
}

/// The key of the list of one written form of a word (lowercase, marks kept).
pub fn form_key(lower: &str) -> String {
    format!("~{lower}")
}

/// The key of the two-word phrase `a b` (folded words).
pub fn pair_key(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

/// The ids of the set bits of a bitmap (bit `i % 64` of word `i / 64` is id `i`).
pub(crate) fn ones(bits: &[u64]) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().flat_map(|(i, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            if w == 0 {
                return None;
            }
            let b = w.trailing_zeros();
            w &= w - 1;
            Some(i as u32 * 64 + b)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_in_every_encoding() {
        let n = 1000;
        let sparse: Vec<u32> = vec![0, 1, 2, 7, 100, 999];
        let dense: Vec<u32> = (0..n).filter(|i| i % 17 != 3).collect();
        // Half the articles, at random: a bitmap, or about as long.
        let half: Vec<u32> = (0..n)
            .filter(|&i| (u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 63) == 0)
            .collect();
        let runs: Vec<u32> = (200..400).chain(700..760).collect();
        let cases = [
            (sparse, Some(Encoding::Gaps)),
            (dense, Some(Encoding::Complement)),
            (half, None),
            (runs, Some(Encoding::Runs)),
            (vec![], Some(Encoding::Gaps)),
            ((0..n).collect(), Some(Encoding::Complement)),
        ];
        for (ids, want) in cases {
            let mut s = String::new();
            let bits = write_list(&ids, n, &mut s);
            if let Some(want) = want {
                assert_eq!(s.chars().next(), Some(want.letter()), "{s}");
            }
            assert_eq!(read_list(&s, n).unwrap(), ids, "{s}");
            // The payload is the bits, 6 to a character.
            let param = usize::from(!s.starts_with('m'));
            let payload = s.len() - s.find(':').unwrap() - 1 - param;
            assert_eq!(payload as u64, bits.div_ceil(6), "{s}");
            if want.is_none() {
                // Within a few percent of one bit per article.
                assert!(
                    bits <= u64::from(n) && bits * 100 >= u64::from(n) * 95,
                    "{bits}"
                );
            }
            // Every other encoding would have been as long or longer.
            let costs = list_costs(&ids, n);
            assert!(costs.iter().all(|c| c.2 >= bits));
            // Each encoding reads back, chosen or not.
            for (enc, _, _) in costs {
                let forced = force(&ids, n, enc);
                assert_eq!(read_list(&forced, n).unwrap(), ids, "{forced}");
            }
        }
    }

    /// `ids` written in `enc` whatever it costs.
    fn force(ids: &[u32], n: u32, enc: Encoding) -> String {
        let (_, k, _) = list_costs(ids, n).into_iter().find(|c| c.0 == enc).unwrap();
        let mut out = String::new();
        out.push(enc.letter());
        let count = if enc == Encoding::Complement {
            n - ids.len() as u32
        } else {
            ids.len() as u32
        };
        push_u32(&mut out, count);
        out.push(':');
        if enc != Encoding::Bitmap {
            out.push(char::from(B64[k as usize]));
        }
        let mut w = BitWriter {
            out: &mut out,
            acc: 0,
            bits: 0,
        };
        match enc {
            Encoding::Gaps => gap_values(ids).for_each(|v| w.rice(v, k)),
            Encoding::Complement => gap_values(&complement(ids, n)).for_each(|v| w.rice(v, k)),
            Encoding::Runs => run_values(ids).into_iter().for_each(|v| w.rice(v, k)),
            Encoding::Bitmap => (0..n).for_each(|i| w.put(u32::from(ids.contains(&i)), 1)),
        }
        w.finish();
        out
    }

    #[test]
    fn bad_lists_are_refused() {
        let mut s = String::new();
        write_list(&[3, 9], 10, &mut s);
        assert_eq!(read_list(&s, 10).unwrap(), [3, 9]);
        // An id at or past the article count, a wrong count, bad characters.
        assert!(read_list(&s, 9).is_none());
        let wrong_count = s.replacen("g2:", "g3:", 1);
        assert!(read_list(&wrong_count, 10).is_none());
        for bad in ["x1:A", "g1", "g1:!", "g:A", "m5:", "g99:AAAA", "r1:A_"] {
            assert!(read_list(bad, 10).is_none(), "{bad}");
        }
        assert_eq!(read_list("", 10).unwrap(), Vec::<u32>::new());
        // A long run of ones is refused, not looped over.
        assert!(read_list(&format!("g1:A{}", "_".repeat(1000)), 10).is_none());
    }

    #[test]
    fn headers_and_names() {
        assert_eq!(split_header("bantin-tim 4 abc\nx").unwrap(), ("abc", "x"));
        assert_eq!(header("abc"), "bantin-tim 4 abc\n");
        // Formats 2 (no pages) and 3 (no registry documents) are still read,
        // and told apart.
        assert_eq!(read_header("bantin-tim 2 abc\nx").unwrap(), (2, "abc", "x"));
        assert_eq!(read_header("bantin-tim 3 abc\n").unwrap(), (3, "abc", ""));
        assert!(split_header("bantin-tim 1 abc\n").is_err());
        assert_eq!(read_header("bantin-tim 4 abc\n").unwrap(), (4, "abc", ""));
        assert!(split_header("bantin-tim 5 abc\n").is_err());
        assert!(split_header("<!doctype html>").is_err());
        assert_eq!(dict_key("duong"), "du");
        assert_eq!(dict_key("a"), "a");
        assert_eq!(dict_file("ch"), "tim/tu/ch.txt");
        assert_eq!(own_file("chuyen doi"), "tim/t/chuyen-doi.txt");
        assert_eq!(file_key("日本"), "_e697a5e69cac");
    }
}
