//! Byte offsets of every key and value of a parsed document, and their conversion to the 1-based
//! line and column that editors show.

use super::pointer;

#[derive(Debug, Clone)]
pub struct SpanNode {
    /// Byte offset of the first character of the value.
    pub offset: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Span {
    Leaf,
    Array(Vec<SpanNode>),
    /// Members in text order: key, byte offset of the key's opening quote, value. Duplicates stay.
    Object(Vec<(Box<str>, usize, SpanNode)>),
}

impl SpanNode {
    pub fn leaf(offset: usize) -> Self {
        SpanNode { offset, span: Span::Leaf }
    }

    /// The offset to show for `pointer`: the key of an object member (where an editor puts the
    /// cursor), an array element's value, or, for a path that does not exist (a missing required
    /// field), the deepest ancestor that does.
    pub fn locate(&self, pointer: &str) -> usize {
        let Some(tokens) = pointer::tokens(pointer) else {
            return self.offset;
        };
        let mut node = self;
        let mut offset = self.offset;
        for token in &tokens {
            match &node.span {
                // The last occurrence is the one whose value counts.
                Span::Object(members) => match members.iter().rev().find(|(k, _, _)| **k == **token) {
                    Some((_, key_offset, child)) => {
                        offset = *key_offset;
                        node = child;
                    }
                    None => return offset,
                },
                Span::Array(items) => match token.parse::<usize>().ok().and_then(|i| items.get(i)) {
                    Some(child) => {
                        offset = child.offset;
                        node = child;
                    }
                    None => return offset,
                },
                Span::Leaf => return offset,
            }
        }
        offset
    }

    /// The node at `pointer`, if it exists.
    pub fn get(&self, pointer: &str) -> Option<&SpanNode> {
        let mut node = self;
        for token in pointer::tokens(pointer)? {
            node = match &node.span {
                Span::Object(members) => members.iter().rev().find(|(k, _, _)| **k == *token).map(|m| &m.2)?,
                Span::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                Span::Leaf => return None,
            };
        }
        Some(node)
    }
}

/// Line starts of a text, to turn byte offsets into 1-based line and column. Columns count
/// Unicode scalar values, as ruff and most editors' status bars do. `\r\n`, `\n` and a lone `\r`
/// each end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // A BOM at the very start is invisible in editors: do not count it as a column.
        let from = if line == 0 && text.starts_with('\u{feff}') { start + 3 } else { start };
        let column = text.get(from.min(offset)..offset).map_or_else(
            || text.as_bytes()[from.min(offset)..offset].len(),
            |s| s.chars().count(),
        );
        (to_u32(line + 1), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
