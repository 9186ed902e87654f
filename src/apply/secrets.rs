//! Keeping secrets out of everything `apply` prints: a wrapper that never shows its value, and a
//! redactor for the little server text that is shown (an error's `message`).

use std::fmt;

use serde_json::Value;

/// A secret value (password, token). `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

pub const REDACTED: &str = "[redacted]";

/// Every secret value of this run, to blank out of any text that came from the server.
#[derive(Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    pub fn add(&mut self, secret: &str) {
        if !secret.is_empty() && !self.secrets.iter().any(|s| s == secret) {
            self.secrets.push(secret.to_owned());
            // Longest first, so that a secret containing another is blanked whole.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// Adds every string, number and boolean below `value` (as text).
    pub fn add_all(&mut self, value: &Value) {
        match value {
            Value::String(s) => self.add(s),
            Value::Number(n) => self.add(&n.to_string()),
            Value::Bool(b) => self.add(if *b { "true" } else { "false" }),
            Value::Array(items) => items.iter().for_each(|v| self.add_all(v)),
            Value::Object(map) => map.values().for_each(|v| self.add_all(v)),
            Value::Null => {}
        }
    }

    /// Blanks every secret in `text`. A secret shorter than [`SHORT`] characters is blanked only
    /// where it stands as a whole word: its letters inside other words reveal nothing, and
    /// blanking them would make the message unreadable.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            if s.chars().count() >= SHORT {
                if out.contains(s.as_str()) {
                    out = out.replace(s.as_str(), REDACTED);
                }
            } else {
                out = replace_words(&out, s);
            }
        }
        out
    }
}

const SHORT: usize = 8;

fn replace_words(text: &str, word: &str) -> String {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        out.push_str(&rest[..at]);
        let after = rest[at + word.len()..].chars().next();
        out.push_str(if is_word(out.chars().last()) || is_word(after) {
            word
        } else {
            REDACTED
        });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// The server's own explanation of an error, fit to show: the `message` (or `error`) of a JSON
/// body, without control characters, clipped, and with every known secret blanked. A body that is
/// not JSON is never shown: it may be anything, including an echo of the request.
pub fn server_message(body: &[u8], redactor: &Redactor) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let text = match value.get("message").or_else(|| value.get("error"))? {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        _ => return None,
    };
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = redactor.redact(clean.trim());
    if clean.is_empty() {
        return None;
    }
    const MAX: usize = 200;
    Some(if clean.chars().count() > MAX {
        format!("{}…", clean.chars().take(MAX).collect::<String>())
    } else {
        clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
    }

    #[test]
    fn server_messages_are_redacted_and_clipped() {
        let mut r = Redactor::default();
        r.add("s3cret");
        r.add("s3cret-longer");
        let body =
            br#"{"statusCode": 400, "message": "bad value s3cret-longer and s3cret\n\u001b[31m"}"#;
        assert_eq!(
            server_message(body, &r).as_deref(),
            Some("bad value [redacted] and [redacted]  [31m")
        );
        assert_eq!(server_message(b"<html>s3cret</html>", &r), None);
        let long = format!(r#"{{"message": "{}"}}"#, "x".repeat(500));
        assert!(server_message(long.as_bytes(), &r).is_some_and(|m| m.chars().count() == 201));
        assert_eq!(
            server_message(br#"{"message": ["a", "b"]}"#, &r).as_deref(),
            Some("a; b")
        );
        let mut short = Redactor::default();
        short.add("a");
        short.add("abc");
        assert_eq!(
            short.redact("values.clientSecret is abc, a: bad; abcd a"),
            "values.clientSecret is [redacted], [redacted]: bad; abcd [redacted]"
        );
    }
}
