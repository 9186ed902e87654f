//! Text helpers for messages: a value clipped for display, a JSON Pointer described in words,
//! "did you mean" suggestions, repeated items. Below everything that reports (layer 0), so a rule,
//! a policy reader and a renderer all word things the same way.

use crate::json::pointer;

/// `` `oauth.client_id` `` for a pointer, or "the document" for the root.
pub fn describe(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    // Writing to a `String` cannot fail.
    let _ = write_described(path, &mut out);
    out
}

/// [`describe`] as a value to format (`{}`): nothing is written until a message is, so a
/// kind can hold it for every item and pay only for the items it reports.
#[derive(Clone, Copy)]
pub struct Described<'a>(pub &'a str);

impl std::fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_described(self.0, f)
    }
}

fn write_described(path: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let Some(tokens) = pointer::each(path).filter(|_| !path.is_empty()) else {
        return out.write_str("the document");
    };
    out.write_char('`')?;
    // Whether anything follows the opening backtick yet: a name after it takes a `.`.
    let mut written = false;
    for t in tokens {
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            out.write_char('[')?;
            out.write_str(&t)?;
            out.write_char(']')?;
            written = true;
        } else {
            if written {
                out.write_char('.')?;
            }
            out.write_str(&t)?;
            written = written || !t.is_empty();
        }
    }
    out.write_char('`')
}

/// A number as Rust's `{}` writes an `f64` (the shortest digits that read back as the same
/// number, never with an exponent: `0.0000001`, `1000000000000000000000`, `-0`), or as `{:e}`
/// does with [`Float::exp`] (`1e-7`, `1.5e21`). Width and precision are not supported. The digits
/// come from `zmij` (serde_json's float writer, already in the build), not from `core::fmt`'s
/// float printing (`flt2dec`: ~19 KB of the browser's WebAssembly); the tests hold both forms
/// to Rust's on random bit patterns.
#[derive(Clone, Copy)]
pub struct Float(pub f64);

impl Float {
    /// The `{:e}` form.
    pub fn exp(self) -> FloatExp {
        FloatExp(self.0)
    }
}

/// [`Float`] in the `{:e}` form.
#[derive(Clone, Copy)]
pub struct FloatExp(f64);

/// A finite number as `0.DIGITS × 10^point` (no digits for zero).
struct Decimal {
    negative: bool,
    digits: [u8; 32],
    len: usize,
    point: i32,
}

impl Decimal {
    fn of(f: f64) -> Option<Decimal> {
        if !f.is_finite() {
            return None;
        }
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(f).as_bytes();
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mantissa, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
            Some(e) => (text.get(..e)?, parse_exponent(text.get(e + 1..)?)),
            None => (text, 0),
        };
        let mut d = Decimal {
            negative,
            digits: [0; 32],
            len: 0,
            point: exponent,
        };
        let mut after_point = false;
        for &b in mantissa {
            match b {
                b'.' => after_point = true,
                // A leading zero: after the point it moves the point left.
                b'0' if d.len == 0 => d.point -= i32::from(after_point),
                b'0'..=b'9' => {
                    if let Some(slot) = d.digits.get_mut(d.len) {
                        *slot = b;
                        d.len += 1;
                    }
                    d.point += i32::from(!after_point);
                }
                _ => return None,
            }
        }
        while d.len > 0 && d.digits.get(d.len - 1) == Some(&b'0') {
            d.len -= 1;
        }
        Some(d)
    }

    fn digits(&self) -> &str {
        std::str::from_utf8(self.digits.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let n = digits.iter().fold(0i32, |n, &d| {
        n.saturating_mul(10)
            .saturating_add(i32::from(d.wrapping_sub(b'0')))
    });
    if negative { -n } else { n }
}

fn non_finite(f: f64, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    out.write_str(if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "inf"
    } else {
        "-inf"
    })
}

/// `f`'s digits, once its sign is written to `out`; `None` once NaN or an infinity is written.
fn signed(f: f64, out: &mut std::fmt::Formatter<'_>) -> Result<Option<Decimal>, std::fmt::Error> {
    use std::fmt::Write;
    let Some(d) = Decimal::of(f) else {
        non_finite(f, out)?;
        return Ok(None);
    };
    if d.negative {
        out.write_char('-')?;
    }
    Ok(Some(d))
}

fn zeros(n: i32, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    use std::fmt::Write;
    (0..n).try_for_each(|_| out.write_char('0'))
}

impl std::fmt::Display for Float {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let Some(d) = signed(self.0, out)? else {
            return Ok(());
        };
        let digits = d.digits();
        let len = d.len as i32;
        if digits.is_empty() {
            out.write_char('0')
        } else if d.point <= 0 {
            out.write_str("0.")?;
            zeros(-d.point, out)?;
            out.write_str(digits)
        } else if d.point >= len {
            out.write_str(digits)?;
            zeros(d.point - len, out)
        } else {
            let (int, frac) = digits.split_at(d.point as usize);
            out.write_str(int)?;
            out.write_char('.')?;
            out.write_str(frac)
        }
    }
}

impl std::fmt::Display for FloatExp {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let Some(d) = signed(self.0, out)? else {
            return Ok(());
        };
        let digits = d.digits();
        if digits.is_empty() {
            return out.write_str("0e0");
        }
        let (first, rest) = digits.split_at(1);
        out.write_str(first)?;
        if !rest.is_empty() {
            out.write_char('.')?;
            out.write_str(rest)?;
        }
        write!(out, "e{}", d.point - 1)
    }
}

/// `s` lower-cased character by character, as UTS #46 maps a host name (`Σ` is always `σ`):
/// `str::to_lowercase`'s final-sigma rule would make a word-final one `ς`, and bring two more
/// Unicode tables into the WebAssembly.
pub fn lower_case(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// At most 60 characters of a non-sensitive value, for messages.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// The candidate that equals `key` once case, `_` and `-` are ignored, or is within two edits.
pub fn suggest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    Suggester::new(candidates).suggest(key)
}

/// [`suggest`] for many keys against the same candidates, normalised once. Against more than
/// `FUZZY_UP_TO` candidates (a hostile list of ids) only the equal-once-normalised match is
/// looked for, by hashing, so that many keys against many candidates stay linear.
pub struct Suggester<'a> {
    /// Each candidate, normalised, with the set of its characters ([`char_set`]).
    candidates: Vec<(&'a str, Vec<char>, u128)>,
    exact: std::collections::HashMap<Vec<char>, &'a str>,
    longest: usize,
}

const FUZZY_UP_TO: usize = 256;

/// The characters of `s` as a set: one bit per ASCII character, bit 127 for every other one.
fn char_set(s: &[char]) -> u128 {
    s.iter().fold(0, |set, c| set | char_bit(*c))
}

fn char_bit(c: char) -> u128 {
    1 << (c as u32).min(127)
}

fn normalised(s: &str) -> Vec<char> {
    // Most keys are ASCII: lower-cased byte by byte (the same characters `to_lowercase` gives).
    if s.is_ascii() {
        return s
            .bytes()
            .filter(|b| *b != b'_' && *b != b'-')
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

impl<'a> Suggester<'a> {
    pub fn new(candidates: impl Iterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<(&str, Vec<char>, u128)> = candidates
            .map(|c| {
                let n = normalised(c);
                let set = char_set(&n);
                (c, n, set)
            })
            .collect();
        let longest = candidates
            .iter()
            .map(|(_, n, _)| n.len())
            .max()
            .unwrap_or(0);
        let mut exact = std::collections::HashMap::new();
        if candidates.len() > FUZZY_UP_TO {
            for (c, n, _) in candidates.drain(..).rev() {
                exact.insert(n, c);
            }
        }
        Suggester {
            candidates,
            exact,
            longest,
        }
    }

    pub fn suggest(&self, key: &str) -> Option<&'a str> {
        // Two edits cannot bridge a larger difference in length: a long key is not normalised.
        if key.len() > 4 * (self.longest + 2) + 8 {
            return None;
        }
        let k = normalised(key);
        if let Some(c) = self.exact.get(&k) {
            return Some(c);
        }
        let key_set = char_set(&k);
        let mut best: Option<(usize, &str)> = None;
        for (c, c_norm, set) in &self.candidates {
            let d = if *c_norm == k {
                0
            } else if k.len().abs_diff(c_norm.len()) > 2
                // Three distinct characters the candidate lacks: three edits at least (one test
                // of the sets before counting them one by one below).
                || (key_set & !set).count_ones() > 2
                // Each character of the key that the candidate lacks takes an edit: more than two
                // and the distance is too (cheap, and true of most keys in an open object).
                || k.iter().filter(|c| set & char_bit(**c) == 0).nth(2).is_some()
            {
                continue;
            } else {
                edit_distance(&k, c_norm)
            };
            if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// For every item whose key equals an earlier item's, `(index, index of the first)`, in order;
/// items without a key (`None`) are passed over. Linear, whatever the number of items: up to 16
/// distinct keys are compared with each other (a list of scopes or URIs costs no hashing), the
/// rest are looked up in a hash table.
pub fn repeats<K: std::hash::Hash + Eq>(
    keys: impl IntoIterator<Item = Option<K>>,
) -> Vec<(usize, usize)> {
    const FEW: usize = 16;
    let mut out = Vec::new();
    let mut few: Vec<(K, usize)> = Vec::new();
    let mut keys = keys.into_iter().enumerate();
    for (i, key) in keys.by_ref() {
        let Some(key) = key else { continue };
        match few.iter().find(|(k, _)| *k == key) {
            Some((_, first)) => out.push((i, *first)),
            None => {
                few.push((key, i));
                if few.len() == FEW {
                    break;
                }
            }
        }
    }
    if few.len() < FEW {
        return out;
    }
    let mut first: std::collections::HashMap<K, usize> = few.into_iter().collect();
    for (i, key) in keys {
        let Some(key) = key else { continue };
        match first.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => out.push((i, *e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    out
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A seeded xorshift generator, for the unit tests' reproducible generated cases.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_is_rusts_display_and_lower_exp() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        // Where the number is exactly halfway between two shortest texts (`165793407361858.125`,
        // 17 digits), Rust rounds the last digit up and zmij to even (as Go and JavaScript do):
        // both read back as the number. Anything else must be the same text.
        let mut ties = 0;
        let mut check = |f: f64| {
            for (ours, rust) in [
                (Float(f).to_string(), format!("{f}")),
                (Float(f).exp().to_string(), format!("{f:e}")),
            ] {
                if ours == rust {
                    continue;
                }
                let same_but_last = ours.len() == rust.len()
                    && ours
                        .bytes()
                        .zip(rust.bytes())
                        .filter(|(a, b)| a != b)
                        .count()
                        == 1
                    && ours
                        .bytes()
                        .zip(rust.bytes())
                        .rev()
                        .find(|(a, b)| a != b)
                        .is_some_and(|(a, b)| a.abs_diff(b) == 1 && a % 2 == 0);
                assert!(
                    same_but_last && ours.parse::<f64>() == Ok(f),
                    "{:#x}: {ours} (Rust: {rust})",
                    f.to_bits()
                );
                ties += 1;
            }
        };
        for f in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            1.5,
            10.0,
            100.0,
            1e15,
            1e16,
            1e17,
            1e20,
            1e21,
            1e22,
            1e-5,
            1e-6,
            1e-7,
            123.456,
            1234567.0,
            0.000123,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            9007199254740993.0,
            86400.0,
            172800.5,
            2.5,
            1.0 / 3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            check(f);
        }
        for i in 0..200_000 {
            let bits = next();
            // Random bit patterns, and numbers with few digits (the ones a document holds).
            let f = if i % 2 == 0 {
                f64::from_bits(bits)
            } else {
                (bits % 2_000_001) as f64
                    / [1.0, 10.0, 100.0, 1000.0, 1e6][(bits >> 40) as usize % 5]
            };
            check(f);
        }
        // 52 texts (both forms of 26 numbers, all random bit patterns with 17 digits) today.
        assert!(ties <= 60, "{ties} ties in 200,000 numbers");
    }

    #[test]
    fn repeats_are_each_later_equal_key_with_its_first() {
        fn naive(keys: &[Option<u32>]) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            for (i, k) in keys.iter().enumerate() {
                let Some(k) = k else { continue };
                if let Some(first) = keys[..i].iter().position(|e| e.as_ref() == Some(k)) {
                    out.push((i, first));
                }
            }
            out
        }
        // Lists around the switch to hashing (16 distinct keys), with few and many distinct
        // values and some items without a key.
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for len in 0..70 {
            for alphabet in [1, 3, 15, 16, 17, 40, 1000] {
                let keys: Vec<Option<u32>> = (0..len)
                    .map(|_| {
                        let r = next();
                        (r % 7 != 0).then_some((r >> 8) as u32 % alphabet)
                    })
                    .collect();
                assert_eq!(repeats(keys.clone()), naive(&keys), "{keys:?}");
            }
        }
    }

    /// `describe` as it was written before it could also be formatted lazily.
    fn describe_as_before(path: &str) -> String {
        let Some(tokens) = pointer::each(path).filter(|_| !path.is_empty()) else {
            return "the document".into();
        };
        let mut out = String::from("`");
        for t in tokens {
            if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str(&format!("[{t}]"));
            } else {
                if out.len() > 1 {
                    out.push('.');
                }
                out.push_str(&t);
            }
        }
        out.push('`');
        out
    }

    #[test]
    fn described_paths_read_as_before_eagerly_or_lazily() {
        let pieces = ["", "a", "0", "12", "~0", "~1", "~", "a b", "ü"];
        let mut paths = vec![String::new(), "a".into(), "/".into()];
        for x in pieces {
            for y in pieces {
                for z in ["", "/", "//"] {
                    paths.push(format!("/{x}{z}{y}"));
                    paths.push(format!("/{x}/{y}{z}"));
                }
            }
        }
        for p in &paths {
            assert_eq!(describe(p), describe_as_before(p), "{p:?}");
            assert_eq!(Described(p).to_string(), describe_as_before(p), "{p:?}");
        }
    }

    /// The rule `Suggester::suggest` keeps, without its shortcuts: the first candidate at the
    /// smallest distance of at most two, once case, `_` and `-` are ignored.
    fn brute(key: &str, candidates: &[&'static str]) -> Option<&'static str> {
        let normal = |s: &str| -> Vec<char> {
            s.chars()
                .filter(|c| *c != '_' && *c != '-')
                .flat_map(char::to_lowercase)
                .collect()
        };
        let k = normal(key);
        let mut best: Option<(usize, &'static str)> = None;
        for c in candidates {
            let d = edit_distance(&k, &normal(c));
            if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }

    #[test]
    fn suggestions_match_the_plain_rule() {
        let candidates: &[&'static str] = &[
            "client_id",
            "client_secret",
            "redirect_uris",
            "grant_types",
            "token_endpoint_auth_method",
            "scope",
            "jwks_uri",
            "Ünïcode_Fïeld",
            "ab",
        ];
        let suggester = Suggester::new(candidates.iter().copied());
        // Every key within a few edits of a candidate, and random keys.
        let alphabet: Vec<char> = "abcdeilnorstuz_-ÜïéX".chars().collect();
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for round in 0..20_000 {
            let mut key: Vec<char> = if round % 2 == 0 {
                candidates[(next() % candidates.len() as u64) as usize]
                    .chars()
                    .collect()
            } else {
                Vec::new()
            };
            for _ in 0..(next() % 5) {
                let c = alphabet[(next() % alphabet.len() as u64) as usize];
                let at = (next() % (key.len() as u64 + 1)) as usize;
                match next() % 3 {
                    0 => key.insert(at, c),
                    1 if at < key.len() => key[at] = c,
                    _ if at < key.len() => {
                        key.remove(at);
                    }
                    _ => key.push(c),
                }
            }
            let key: String = key.into_iter().collect();
            assert_eq!(suggester.suggest(&key), brute(&key, candidates), "{key:?}");
        }
        for b in 0..=127u8 {
            let s = char::from(b).to_string();
            let slow: Vec<char> = s
                .chars()
                .filter(|c| *c != '_' && *c != '-')
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(normalised(&s), slow, "{b}");
        }
    }
}
