//! The index's text format: headers, id lists and file names (see the crate docs).

/// The format version; the engine refuses files of another version.
pub const VERSION: u32 = 1;
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
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut parts = first.trim_end_matches('\r').split(' ');
    if parts.next() != Some(MAGIC) {
        return Err(FormatError::Malformed("no bantin-tim header".into()));
    }
    match parts.next().and_then(|v| v.parse::<u32>().ok()) {
        Some(VERSION) => {}
        Some(v) => return Err(FormatError::Malformed(format!("version {v}"))),
        None => return Err(FormatError::Malformed("no version".into())),
    }
    match (parts.next(), parts.next()) {
        (Some(gen), None) if !gen.is_empty() => Ok((gen, rest)),
        _ => Err(FormatError::Malformed("bad header".into())),
    }
}

/// Writes ascending `ids` as the first id then gaps, comma-separated.
pub fn write_ids(ids: &[u32], out: &mut String) {
    let mut prev = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
            push_u32(out, id - prev);
        } else {
            push_u32(out, id);
        }
        prev = id;
    }
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

/// Reads what [`write_ids`] wrote; `None` when malformed or not ascending, or an id
/// is not below `limit`.
pub fn read_ids(s: &str, limit: u32) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(s.len() / 2);
    if s.is_empty() {
        return Some(out);
    }
    // One pass over the bytes: this is most of the engine's work on a big list.
    let (mut n, mut digits, mut prev) = (0u64, 0u32, 0u64);
    let mut push = |n: u64, digits: u32, out: &mut Vec<u32>| -> Option<()> {
        if digits == 0 || digits > 10 {
            return None;
        }
        let id = if out.is_empty() {
            n
        } else if n == 0 {
            return None;
        } else {
            prev + n
        };
        if id >= u64::from(limit) {
            return None;
        }
        out.push(id as u32);
        prev = id;
        Some(())
    };
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                n = n * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b',' => {
                push(n, digits, &mut out)?;
                n = 0;
                digits = 0;
            }
            _ => return None,
        }
    }
    push(n, digits, &mut out)?;
    Some(out)
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

/// The key of the two-word phrase `a b` (folded words).
pub fn pair_key(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_bad_lists() {
        let ids = [0, 1, 2, 7, 100, 4_000_000];
        let mut s = String::new();
        write_ids(&ids, &mut s);
        assert_eq!(s, "0,1,1,5,93,3999900");
        assert_eq!(read_ids(&s, 5_000_000).unwrap(), ids);
        assert_eq!(read_ids("", 10).unwrap(), Vec::<u32>::new());
        for bad in ["1,0", "a", "1,,2", "-1", "5", "1,2,3"] {
            assert!(read_ids(bad, 5).is_none(), "{bad}");
        }
    }

    #[test]
    fn headers_and_names() {
        assert_eq!(split_header("bantin-tim 1 abc\nx").unwrap(), ("abc", "x"));
        assert!(split_header("bantin-tim 2 abc\n").is_err());
        assert!(split_header("<!doctype html>").is_err());
        assert_eq!(dict_key("duong"), "du");
        assert_eq!(dict_key("a"), "a");
        assert_eq!(dict_file("ch"), "tim/tu/ch.txt");
        assert_eq!(own_file("chuyen doi"), "tim/t/chuyen-doi.txt");
        assert_eq!(file_key("日本"), "_e697a5e69cac");
    }
}
