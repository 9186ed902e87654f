//! RFC 6901 JSON Pointers: the `path` of every diagnostic.

/// Appends one reference token to a pointer, escaping `~` and `/`.
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

/// The unescaped reference tokens of a pointer, or `None` when it is not a valid JSON Pointer
/// (non-empty and not starting with `/`, or a `~` not followed by `0` or `1`).
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/')
        .map(|raw| {
            let mut out = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return None,
                    }
                } else {
                    out.push(c);
                }
            }
            Some(out)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
