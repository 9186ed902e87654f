//! RFC 6901 JSON Pointers: the `path` of every diagnostic.

use std::borrow::Cow;

/// Appends one reference token to a pointer, escaping `~` and `/`.
/// Adds a list index as a token, written without the formatting machinery (every element of
/// every list checked adds one).
pub fn push_index(pointer: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    pointer.push('/');
    for &d in &digits[at..] {
        pointer.push(char::from(d));
    }
}

pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Most keys need no escaping: copy them whole.
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `parent` with `token` appended.
pub fn join(parent: &str, token: &str) -> String {
    let mut p = String::with_capacity(parent.len() + token.len() + 1);
    p.push_str(parent);
    push_token(&mut p, token);
    p
}

/// The reference tokens of `pointer`, unescaped; `None` for a string that is not a JSON Pointer.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    Some(each(pointer)?.map(Cow::into_owned).collect())
}

/// [`tokens`] without allocating: each token borrowed from `pointer` unless it has an escape.
pub fn each(pointer: &str) -> Option<impl Iterator<Item = Cow<'_, str>>> {
    let rest = if pointer.is_empty() {
        None
    } else {
        Some(pointer.strip_prefix('/')?)
    };
    // Every `~` starts `~0` or `~1`.
    if let Some(r) = rest {
        let b = r.as_bytes();
        let bad = b
            .iter()
            .enumerate()
            .any(|(i, &c)| c == b'~' && !matches!(b.get(i + 1), Some(b'0' | b'1')));
        if bad {
            return None;
        }
    }
    Some(rest.into_iter().flat_map(|r| r.split('/')).map(|raw| {
        if raw.as_bytes().contains(&b'~') {
            // RFC 6901 §4: `~1` first, then `~0`, so that `~01` is `~1`.
            Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(raw)
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_is_its_decimal_digits() {
        for n in (0..2000).chain([9_999, 10_000, 65_535, 1 << 32, usize::MAX]) {
            let mut pointer = String::from("/scopes");
            push_index(&mut pointer, n);
            assert_eq!(pointer, format!("/scopes/{n}"));
        }
    }

    #[test]
    fn escapes_round_trip() {
        let p = join("/a", "b/c~d");
        assert_eq!(p, "/a/b~1c~0d");
        assert_eq!(
            tokens(&p).unwrap(),
            vec!["a".to_string(), "b/c~d".to_string()]
        );
        assert_eq!(tokens("").unwrap(), Vec::<String>::new());
        assert_eq!(tokens("a"), None);
        assert_eq!(tokens("/a~2"), None);
    }
}
