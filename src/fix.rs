//! Fixes: what a rule proposes to change about what it reports, as edits of the original text.
//!
//! A rule proposes a fix next to its check ([`crate::diagnostic::Reported::fix`]) as operations on
//! the document's JSON Pointers ([`Op`]): remove an item, rename a key, replace a value, move a
//! member. The engine, which has the text and the byte offset of every key and value, lowers them
//! to [`Edit`]s: byte ranges of the original input with their replacement. Everything outside the
//! edits stays byte for byte (indentation, key order, line endings, the trailing newline); text an
//! edit inserts copies the separators the object already uses.
//!
//! [`apply`] applies, in one pass, the fixes whose edits do not touch an edit already taken;
//! the others wait for a later pass, after the text is checked again (as ruff does), so two
//! fixes are never merged wrongly.

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::json::{LineIndex, Shape, SpanRef, pointer};

/// Whether a fix may be applied without review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// What the user surely wants; cannot change what is sent (removing an exact duplicate).
    /// Applied by `--fix`.
    Safe,
    /// Changes what is sent (moving a key, renaming a field): applied with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One change: the bytes `start..end` of the original input become `replacement`.
#[derive(Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    /// 1-based line and column (Unicode scalar values) of `start` and `end`.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// When the replacement carries a value credlint never shows (a secret moved from one field
    /// to another, scopes split): the field it comes from. Outputs show this instead of the
    /// replacement.
    pub withheld: Option<String>,
}

/// A withheld replacement is not shown, not even in debug output.
impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let replacement = match &self.withheld {
            None => self.replacement.as_str(),
            Some(field) => field.as_str(),
        };
        write!(f, "Edit({}..{} -> {replacement:?})", self.start, self.end)
    }
}

impl Serialize for Edit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Edit", 8)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("column", &self.column)?;
        st.serialize_field("end_line", &self.end_line)?;
        st.serialize_field("end_column", &self.end_column)?;
        match &self.withheld {
            None => st.serialize_field("replacement", &self.replacement)?,
            Some(field) => {
                st.serialize_field("replacement", &None::<String>)?;
                st.serialize_field("withheld", field)?;
            }
        }
        st.end()
    }
}

/// A fix, lowered to edits of the input it was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does; never quotes a value.
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping, in text order.
    pub edits: Vec<Edit>,
}

/// An operation on the document, by JSON Pointer (relative to the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Removes an array item or an object member, with its separator.
    Remove(String),
    /// Renames the object member at the pointer.
    RenameKey(String, String),
    /// Replaces the value at the pointer with this JSON text (in an array, it may be several
    /// items separated by commas).
    Replace(String, String),
    /// Replaces the array item at the pointer with several items (each JSON text), separated
    /// as the array's items are; refused anywhere but in an array.
    SplitItem(String, Vec<String>),
    /// Byte edits of the text, as they are (for inputs that are not JSON: a `.tf` file).
    Raw(Vec<(usize, usize, String)>),
    /// Moves the member `from` to the member pointer `to`, with `value` (JSON text) as its value,
    /// or the value's own text when `None`. Refused when `to` is already set; the parent object
    /// of `to` is created when it is missing and its own parent exists.
    Move {
        from: String,
        to: String,
        value: Option<String>,
    },
}

/// A fix as a rule proposes it, before the engine lowers it to edits of the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Proposed {
    pub title: String,
    pub applicability: Applicability,
    pub ops: Vec<Op>,
    /// The field the fix carries a value from that outputs must not show (see [`Edit::withheld`]).
    pub withheld: Option<String>,
}

/// Operations may carry values (a secret being moved): debug output shows only the title.
impl std::fmt::Debug for Proposed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Proposed({:?}, {})",
            self.title,
            self.applicability.as_str()
        )
    }
}

impl Proposed {
    pub fn safe(title: impl Into<String>, op: Op) -> Self {
        Proposed {
            title: title.into(),
            applicability: Applicability::Safe,
            ops: vec![op],
            withheld: None,
        }
    }

    pub fn unsafe_(title: impl Into<String>, op: Op) -> Self {
        Proposed {
            applicability: Applicability::Unsafe,
            ..Self::safe(title, op)
        }
    }

    /// Outputs show `field` instead of the text this fix inserts.
    pub fn withholding(mut self, field: impl Into<String>) -> Self {
        self.withheld = Some(field.into());
        self
    }

    /// The edits of `text` this fix makes, where `doc` is the span of the document the pointers
    /// are relative to; `None` when an operation cannot be made safely here (a target already set,
    /// a pointer that is not there).
    pub fn lower(&self, doc: SpanRef<'_>, text: &str, lines: &LineIndex) -> Option<Fix> {
        let mut raw: Vec<(usize, usize, String)> = Vec::new();
        for op in &self.ops {
            lower_op(op, doc, text, &mut raw)?;
        }
        crate::order::sort_by_key(&mut raw, |(s, e, _)| (*s, *e));
        if raw.windows(2).any(|w| conflicts(&w[0], &w[1])) || raw.is_empty() {
            return None;
        }
        let edits = raw
            .into_iter()
            .map(|(start, end, replacement)| {
                let (line, column) = lines.position(text, start);
                let (end_line, end_column) = lines.position(text, end);
                let withheld = self.withheld.clone().filter(|_| !replacement.is_empty());
                Edit {
                    start,
                    end,
                    replacement,
                    line,
                    column,
                    end_line,
                    end_column,
                    withheld,
                }
            })
            .collect();
        Some(Fix {
            title: self.title.clone(),
            applicability: self.applicability,
            edits,
        })
    }
}

/// Whether two edits may not be applied in the same pass: overlapping ranges, or an insertion
/// touching the other's range.
fn conflicts(a: &(usize, usize, String), b: &(usize, usize, String)) -> bool {
    if a.0 == a.1 || b.0 == b.1 {
        a.0 <= b.1 && b.0 <= a.1
    } else {
        a.0 < b.1 && b.0 < a.1
    }
}

fn split(ptr: &str) -> Option<(String, String)> {
    let mut tokens = pointer::tokens(ptr)?;
    let last = tokens.pop()?;
    let mut parent = String::new();
    for t in &tokens {
        pointer::push_token(&mut parent, t);
    }
    Some((parent, last))
}

fn lower_op(
    op: &Op,
    doc: SpanRef<'_>,
    text: &str,
    out: &mut Vec<(usize, usize, String)>,
) -> Option<()> {
    match op {
        Op::Remove(ptr) => out.push(removal(doc, text, ptr)?),
        Op::Raw(edits) => {
            for (start, end, replacement) in edits {
                if start > end || !text.is_char_boundary(*start) || !text.is_char_boundary(*end) {
                    return None;
                }
                out.push((*start, *end, replacement.clone()));
            }
        }
        Op::RenameKey(ptr, new) => {
            let (parent, key) = split(ptr)?;
            let object = doc.get(&parent)?.as_object()?;
            if object.find(new).is_some() {
                return None;
            }
            let key_offset = object.find(&key)?.key_offset;
            let end = value_end(text, key_offset)?;
            out.push((key_offset, end, serde_json::to_string(new).ok()?));
        }
        Op::Replace(ptr, json) => {
            let at = doc.get(ptr)?.offset();
            out.push((at, value_end(text, at)?, json.clone()));
        }
        Op::SplitItem(ptr, items) => {
            let (parent, _) = split(ptr)?;
            let siblings = doc.get(&parent)?.as_array()?;
            let sep = match (siblings.get(0), siblings.get(1)) {
                (Some(a), Some(b)) => text.get(value_end(text, a.offset())?..b.offset())?,
                _ => ", ",
            };
            let at = doc.get(ptr)?.offset();
            out.push((at, value_end(text, at)?, items.join(sep)));
        }
        Op::Move { from, to, value } => {
            if doc.get(to).is_some() {
                return None;
            }
            let at = doc.get(from)?.offset();
            let value = match value {
                Some(v) => v.clone(),
                None => text.get(at..value_end(text, at)?)?.to_owned(),
            };
            out.push(removal(doc, text, from)?);
            let (parent, key) = split(to)?;
            match doc.get(&parent) {
                Some(object) => out.push(insertion(object, text, &key, &value)?),
                None => {
                    let (grand, parent_key) = split(&parent)?;
                    let key_text = serde_json::to_string(&key).ok()?;
                    let inner = format!("{{{key_text}: {value}}}");
                    out.push(insertion(doc.get(&grand)?, text, &parent_key, &inner)?);
                }
            }
        }
    }
    Some(())
}

/// The edit that removes the array item or object member at `ptr`, with one separator: up to
/// the next item, or, for the last, from the end of the one before.
/// The start of item or member `k` and the start of its value.
type Place<'a> = dyn Fn(usize) -> Option<(usize, usize)> + 'a;

fn removal(doc: SpanRef<'_>, text: &str, ptr: &str) -> Option<(usize, usize, String)> {
    let (parent, last) = split(ptr)?;
    let parent = doc.get(&parent)?;
    // (start, start of value) of the item or member `k`, in text order.
    let (at, i, len): (Box<Place<'_>>, usize, usize) = match parent.shape() {
        Shape::Array(items) => (
            Box::new(move |k| items.get(k).map(|n| (n.offset(), n.offset()))),
            last.parse().ok()?,
            items.len(),
        ),
        Shape::Object(members) => {
            let i = members.position(members.find(&last)?.key_offset)?;
            (
                Box::new(move |k| members.get(k).map(|m| (m.key_offset, m.value.offset()))),
                i,
                members.len(),
            )
        }
        Shape::Leaf => return None,
    };
    let end_of = |k: usize| value_end(text, at(k)?.1);
    let (start, _) = at(i)?;
    if i + 1 < len {
        Some((start, at(i + 1)?.0, String::new()))
    } else if i > 0 {
        Some((end_of(i - 1)?, end_of(i)?, String::new()))
    } else {
        Some((start, end_of(i)?, String::new()))
    }
}

/// The edit that adds the member `key: value` at the end of `object`, spaced as its members are.
fn insertion(
    object: SpanRef<'_>,
    text: &str,
    key: &str,
    value: &str,
) -> Option<(usize, usize, String)> {
    let members = object.as_object()?;
    let key_text = serde_json::to_string(key).ok()?;
    let n = members.len();
    let offset = object.offset();
    let Some(last) = n.checked_sub(1).and_then(|i| members.get(i)) else {
        if text.as_bytes().get(offset) != Some(&b'{') {
            return None;
        }
        let at = offset + 1;
        return Some((at, at, format!("{key_text}: {value}")));
    };
    let last_key_end = value_end(text, last.key_offset)?;
    let colon = text.get(last_key_end..last.value.offset())?;
    let before = match n {
        1 => text.get(offset + 1..last.key_offset)?,
        n => {
            let prev = members.get(n - 2)?;
            let prev = text.get(value_end(text, prev.value.offset())?..last.key_offset)?;
            prev.trim_start().strip_prefix(',')?
        }
    };
    let sep = if before.is_empty() { " " } else { before };
    let at = value_end(text, last.value.offset())?;
    Some((at, at, format!(",{sep}{key_text}{colon}{value}")))
}

/// The offset just past the JSON value (or key) starting at `start`.
pub fn value_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    match *b.get(start)? {
        b'"' => string_end(b, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            while i < b.len() {
                match b[i] {
                    b'"' => {
                        i = string_end(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let len = b[start..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')))
                .unwrap_or(b.len() - start);
            (len > 0).then_some(start + len)
        }
    }
}

fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Applies, in one pass, every fix whose edits touch no edit of a fix taken before it (fixes
/// taken in text order); returns the new text and how many fixes were applied. The others wait
/// for the next pass.
pub fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    // Every fix here has an edit (filtered above).
    crate::order::sort_by_key(&mut fixes, |f| {
        f.edits.first().map_or((0, 0), |e| (e.start, e.end))
    });
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let in_bounds = fix.edits.iter().all(|e| {
            e.start <= e.end && text.is_char_boundary(e.start) && text.is_char_boundary(e.end)
        });
        let free = fix.edits.iter().all(|e| {
            taken
                .iter()
                .all(|t| !conflicts(&(e.start, e.end, String::new()), &(t.0, t.1, String::new())))
        });
        if in_bounds && free {
            taken.extend(
                fix.edits
                    .iter()
                    .map(|e| (e.start, e.end, e.replacement.as_str())),
            );
            applied += 1;
        }
    }
    crate::order::sort_by_key(&mut taken, |t| (t.0, t.1));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, replacement) in taken {
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// The most passes a fix run makes: each pass re-checks the text and applies what no longer
/// conflicts.
pub const MAX_PASSES: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn run(text: &str, ops: Vec<Op>) -> Option<String> {
        let parsed = parse(text, 64).ok()?;
        let lines = LineIndex::new(text);
        let fix = Proposed {
            title: "t".into(),
            applicability: Applicability::Safe,
            ops,
            withheld: None,
        }
        .lower(parsed.spans.root(), text, &lines)?;
        Some(apply(text, [&fix]).0)
    }

    #[test]
    fn removes_items_and_members_with_one_separator() {
        let t = "{\r\n  \"a\": [\"x\", \"y\", \"x\"],\r\n  \"b\": 1\r\n}\r\n";
        assert_eq!(
            run(t, vec![Op::Remove("/a/2".into())]).as_deref(),
            Some("{\r\n  \"a\": [\"x\", \"y\"],\r\n  \"b\": 1\r\n}\r\n")
        );
        assert_eq!(
            run(t, vec![Op::Remove("/a/0".into())]).as_deref(),
            Some("{\r\n  \"a\": [\"y\", \"x\"],\r\n  \"b\": 1\r\n}\r\n")
        );
        assert_eq!(
            run(t, vec![Op::Remove("/b".into())]).as_deref(),
            Some("{\r\n  \"a\": [\"x\", \"y\", \"x\"]\r\n}\r\n")
        );
        assert_eq!(
            run(t, vec![Op::Remove("/a".into())]).as_deref(),
            Some("{\r\n  \"b\": 1\r\n}\r\n")
        );
    }

    #[test]
    fn renames_replaces_and_moves() {
        let t =
            "{\n    \"o\": {\n        \"k\": 1\n    },\n    \"e\": {\"id\": \"v\", \"z\": 2}\n}";
        assert_eq!(
            run(t, vec![Op::RenameKey("/o/k".into(), "key".into())]).as_deref(),
            Some(
                "{\n    \"o\": {\n        \"key\": 1\n    },\n    \"e\": {\"id\": \"v\", \"z\": 2}\n}"
            )
        );
        assert_eq!(
            run(t, vec![Op::Replace("/e/z".into(), "[3]".into())]).as_deref(),
            Some(
                "{\n    \"o\": {\n        \"k\": 1\n    },\n    \"e\": {\"id\": \"v\", \"z\": [3]}\n}"
            )
        );
        let moved = Op::Move {
            from: "/e/id".into(),
            to: "/o/id".into(),
            value: None,
        };
        assert_eq!(
            run(t, vec![moved]).as_deref(),
            Some(
                "{\n    \"o\": {\n        \"k\": 1,\n        \"id\": \"v\"\n    },\n    \"e\": {\"z\": 2}\n}"
            )
        );
        let created = Op::Move {
            from: "/e/id".into(),
            to: "/n/id".into(),
            value: None,
        };
        assert_eq!(
            run(t, vec![created]).as_deref(),
            Some(
                "{\n    \"o\": {\n        \"k\": 1\n    },\n    \"e\": {\"z\": 2},\n    \"n\": {\"id\": \"v\"}\n}"
            )
        );
        // Refused: the target is set.
        let taken = Op::Move {
            from: "/e/z".into(),
            to: "/o/k".into(),
            value: None,
        };
        assert_eq!(run(t, vec![taken]), None);
    }

    #[test]
    fn conflicting_fixes_wait_for_the_next_pass() {
        let text = "[1, 2, 3]";
        let parsed = parse(text, 8).expect("parses");
        let lines = LineIndex::new(text);
        let fix = |op| {
            Proposed::safe("t", op)
                .lower(parsed.spans.root(), text, &lines)
                .expect("lowers")
        };
        let (a, b, c) = (
            fix(Op::Remove("/1".into())),
            fix(Op::Remove("/2".into())),
            fix(Op::Replace("/0".into(), "0".into())),
        );
        let (out, n) = apply(text, [&a, &b, &c]);
        assert_eq!((out.as_str(), n), ("[0, 3]", 2));
    }
}
