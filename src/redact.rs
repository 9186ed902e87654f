//! Blanking known secret values out of text: the last line of defence for messages that quote
//! a value the input itself says is secret (a plan's `after_sensitive`, a server's error text).

use serde_json::Value;

pub const REDACTED: &str = "[redacted]";

/// Known secret values, to blank out of text shown to the user.
#[derive(Default)]
pub struct Redactor {
    /// Longest first, so that a secret containing another is blanked whole.
    secrets: std::collections::BTreeSet<(std::cmp::Reverse<usize>, String)>,
}

impl Redactor {
    /// Adds a secret, and the form it takes inside JSON text when that differs (`\n` for a line
    /// break, `\"` for a quote), since a server quoting a request body quotes it escaped.
    pub fn add(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        let escaped = Value::String(secret.to_owned()).to_string();
        let escaped = &escaped[1..escaped.len() - 1];
        if escaped != secret {
            self.secrets
                .insert((std::cmp::Reverse(escaped.len()), escaped.to_owned()));
        }
        self.secrets
            .insert((std::cmp::Reverse(secret.len()), secret.to_owned()));
        // Messages shorten long values (`text::clip`: the first 60 characters and `…`):
        // the shortened form is blanked too, so redaction holds whether it runs before or after.
        if secret.chars().count() > CLIPPED {
            let prefix: String = secret.chars().take(CLIPPED).collect();
            self.add(&prefix);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
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
        for (_, s) in &self.secrets {
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

/// How many characters of a value a message quotes at most (`text::clip`).
const CLIPPED: usize = 60;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_quoted_in_json_are_blanked_too() {
        let mut r = Redactor::default();
        r.add("QZSECRETQZ\n\t\"x");
        let quoted = serde_json::json!({"clientId": "QZSECRETQZ\n\t\"x"}).to_string();
        assert_eq!(r.redact(&quoted), r#"{"clientId":"[redacted]"}"#);
        assert_eq!(r.redact("raw QZSECRETQZ\n\t\"x end"), "raw [redacted] end");
    }

    #[test]
    fn clipped_long_secrets_are_blanked() {
        let secret = "QZ".repeat(50);
        let mut r = Redactor::default();
        r.add(&secret);
        let shown = format!("`{}` is not allowed", crate::text::clip(&secret));
        let out = r.redact(&shown);
        assert!(!out.contains("QZQZ"), "{out}");
        assert!(out.contains(REDACTED), "{out}");
    }

    #[test]
    fn long_secrets_anywhere_short_ones_as_words() {
        let mut r = Redactor::default();
        r.add_all(&serde_json::json!({"a": "QZGRANTQZ", "b": ["ab", 42], "c": true}));
        assert_eq!(
            r.redact("`QZGRANTQZ` is x; ab, abc, 42, 420, true"),
            "`[redacted]` is x; [redacted], abc, [redacted], 420, [redacted]"
        );
        assert_eq!(Redactor::default().redact("same"), "same");
    }
}
