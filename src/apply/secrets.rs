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

pub use crate::redact::{REDACTED, Redactor};

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
    // Secrets first (they may hold control characters), then the control characters.
    let clean: String = redactor
        .redact(&text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim().to_owned();
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
