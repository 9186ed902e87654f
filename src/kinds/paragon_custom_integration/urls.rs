//! URLs as Paragon's custom integration builder and SDK treat them: `{{fieldId}}` placeholders
//! filled in at connect time, `https` except on loopback, and the SDK's slug rule.

use url::{Host, Url};

/// A `{{fieldId}}` placeholder, or an opening `{{` that is never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// The field id between the braces, trimmed.
    Field(&'a str),
    /// `{{` without a closing `}}`: the rest of the text.
    Unclosed(&'a str),
}

/// Splits a builder value into text and placeholders.
pub fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                out.push(Piece::Field(after[..close].trim()));
                rest = &after[close + 2..];
            }
            None => {
                out.push(Piece::Unclosed(&rest[open..]));
                return out;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The value with each placeholder replaced by `fill(id)`, so that it can be parsed as a URL.
pub fn substitute(s: &str, fill: impl Fn(&str) -> String) -> String {
    pieces(s)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Unclosed(t) => t.to_owned(),
            Piece::Field(id) => fill(id),
        })
        .collect()
}

/// A neutral stand-in that is valid in a host label, a port and a path alike.
pub fn neutral(_: &str) -> String {
    "0".into()
}

/// A stand-in that keeps different field ids apart in a host (`x` + hexadecimal of the id).
pub fn distinct(id: &str) -> String {
    let mut out = String::from("x");
    for b in id.bytes() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Whether the text starts with a scheme and `://` (`https://…`, `ftp://…`), as opposed to a
/// path relative to the API base URL.
pub fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `localhost`, `127.0.0.0/8` or `[::1]`: where plain `http` cannot be intercepted on the wire
/// (RFC 8252 §8.3).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(a)) => a.is_loopback(),
        Some(Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

/// What is wrong with a URL that must be absolute `https` (plain `http` only on loopback).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeProblem {
    NotAbsolute,
    /// Another scheme than `http` / `https` (the scheme is not secret; the URL is never echoed).
    Other(String),
    PlainHttp,
}

pub fn https_problem(text: &str) -> Option<SchemeProblem> {
    if !has_scheme(text) {
        return Some(SchemeProblem::NotAbsolute);
    }
    let url = match crate::weburl::parse(text) {
        Ok(u) if u.has_host() || !matches!(u.scheme(), "http" | "https") => u,
        _ => return Some(SchemeProblem::NotAbsolute),
    };
    match url.scheme() {
        "https" => None,
        "http" if is_loopback(&url) => None,
        "http" => Some(SchemeProblem::PlainHttp),
        other => Some(SchemeProblem::Other(other.to_owned())),
    }
}

/// The SDK's `generateSlugForIntegration`: `custom.` + the name without `[\W_]` (JavaScript's
/// ASCII word characters), lower-cased. Only ASCII letters and digits survive.
pub fn slug(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The SDK's `sanitizeUrl`: a value without `scheme://` (letters only) gets `https://` in front.
pub fn sdk_sanitize_url(s: &str) -> String {
    let scheme_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if scheme_len > 0 && s[scheme_len..].starts_with("://") {
        s.to_owned()
    } else {
        format!("https://{s}")
    }
}

/// JavaScript's `String.prototype.trim`: Unicode spaces, line terminators and the BOM (not NEL).
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_split() {
        assert_eq!(
            pieces("https://{{ sub }}.x.com/{{a}}"),
            vec![
                Piece::Text("https://"),
                Piece::Field("sub"),
                Piece::Text(".x.com/"),
                Piece::Field("a")
            ]
        );
        assert_eq!(
            pieces("https://{{sub.x.com"),
            vec![Piece::Text("https://"), Piece::Unclosed("{{sub.x.com")]
        );
        assert_eq!(
            substitute("https://{{s}}.x.com:{{p}}/", neutral),
            "https://0.x.com:0/"
        );
    }

    #[test]
    fn schemes() {
        assert_eq!(https_problem("https://api.example.com"), None);
        assert_eq!(https_problem("http://127.0.0.1:8080/cb"), None);
        assert_eq!(https_problem("http://[::1]/cb"), None);
        assert_eq!(https_problem("http://LOCALHOST/cb"), None);
        assert_eq!(
            https_problem("http://api.example.com"),
            Some(SchemeProblem::PlainHttp)
        );
        assert_eq!(
            https_problem("ftp://api.example.com"),
            Some(SchemeProblem::Other("ftp".into()))
        );
        assert_eq!(
            https_problem("/oauth/token"),
            Some(SchemeProblem::NotAbsolute)
        );
        assert_eq!(
            https_problem("api.example.com/token"),
            Some(SchemeProblem::NotAbsolute)
        );
        assert_eq!(https_problem("https://"), Some(SchemeProblem::NotAbsolute));
        assert!(has_scheme("https://x") && !has_scheme("/me") && !has_scheme("localhost:80/x"));
    }

    #[test]
    fn sdk_rules() {
        assert_eq!(slug("My GitHub_App (v2)"), "mygithubappv2");
        assert_eq!(slug("Café"), "caf");
        assert_eq!(slug("日本 — !"), "");
        assert_eq!(
            sdk_sanitize_url("app.example.com/cb"),
            "https://app.example.com/cb"
        );
        assert_eq!(
            sdk_sanitize_url("http://app.example.com/cb"),
            "http://app.example.com/cb"
        );
        assert_eq!(sdk_sanitize_url("my+app://cb"), "https://my+app://cb");
        assert_eq!(js_trim("\u{feff} a \n"), "a");
        assert_eq!(js_trim("\u{85}"), "\u{85}");
    }
}
