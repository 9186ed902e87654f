//! Byte offsets of every key and value of a parsed document, and their conversion to the 1-based
//! line and column that editors show. Lookups stay fast on hostile shapes: an object with many
//! members is searched by key in O(log n), and a column on a very long line (minified JSON) is
//! counted from a nearby checkpoint, not from the line's start.

use super::pointer;

#[derive(Debug, Clone)]
pub struct SpanNode {
    /// Byte offset of the first character of the value.
    pub offset: usize,
    pub span: Span,
}

/// An object's span is boxed, so that a node (most are leaves) costs 32 bytes instead of 48
/// (docs/performance.md: memory ÷ input).
#[derive(Debug, Clone)]
pub enum Span {
    Leaf,
    Array(Vec<SpanNode>),
    Object(Box<ObjectSpan>),
}

/// An object member: key, byte offset of the key's opening quote (or first character), value.
pub type Member = (Box<str>, usize, SpanNode);

/// Objects with more members than this are searched through a sorted index.
const INDEXED_ABOVE: usize = 16;

/// An object's members in text order, duplicates included.
#[derive(Debug, Clone)]
pub struct ObjectSpan {
    members: Vec<Member>,
    /// For large objects: member indices sorted by key, then by position.
    by_key: Option<Box<[usize]>>,
}

impl ObjectSpan {
    pub fn new(members: Vec<Member>) -> Self {
        let by_key = (members.len() > INDEXED_ABOVE).then(|| {
            let mut index: Vec<usize> = (0..members.len()).collect();
            // Stable: equal keys stay in text order.
            index.sort_by(|&a, &b| members[a].0.cmp(&members[b].0));
            index.into_boxed_slice()
        });
        ObjectSpan { members, by_key }
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The last member named `key`: the one whose value counts, as in `JSON.parse`.
    pub fn find(&self, key: &str) -> Option<&Member> {
        match &self.by_key {
            None => self.members.iter().rev().find(|m| &*m.0 == key),
            Some(index) => {
                let end = index.partition_point(|&i| &*self.members[i].0 <= key);
                let last = self.members.get(*index.get(end.checked_sub(1)?)?)?;
                (&*last.0 == key).then_some(last)
            }
        }
    }

    /// `(repeated, first)` member indices for every key given more than once, in text order of
    /// the repeats.
    pub fn duplicates(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        match &self.by_key {
            None => {
                for (j, (key, _, _)) in self.members.iter().enumerate() {
                    if let Some(i) = self.members[..j].iter().position(|m| m.0 == *key) {
                        out.push((j, i));
                    }
                }
            }
            Some(index) => {
                for run in index.chunk_by(|&a, &b| self.members[a].0 == self.members[b].0) {
                    out.extend(run.iter().skip(1).map(|&j| (j, run[0])));
                }
                out.sort_unstable();
            }
        }
        out
    }
}

impl SpanNode {
    pub fn leaf(offset: usize) -> Self {
        SpanNode {
            offset,
            span: Span::Leaf,
        }
    }

    pub fn object(offset: usize, members: Vec<Member>) -> Self {
        SpanNode {
            offset,
            span: Span::Object(Box::new(ObjectSpan::new(members))),
        }
    }

    pub fn array(offset: usize, items: Vec<SpanNode>) -> Self {
        SpanNode {
            offset,
            span: Span::Array(items),
        }
    }

    /// The offset to show for `pointer`: the key of an object member (where an editor puts the
    /// cursor), an array element's value, or, for a path that does not exist (a missing required
    /// field), the deepest ancestor that does.
    pub fn locate(&self, pointer: &str) -> usize {
        let Some(tokens) = pointer::each(pointer) else {
            return self.offset;
        };
        let mut node = self;
        let mut offset = self.offset;
        for token in tokens {
            match &node.span {
                Span::Object(object) => match object.find(&token) {
                    Some((_, key_offset, child)) => {
                        offset = *key_offset;
                        node = child;
                    }
                    None => return offset,
                },
                Span::Array(items) => {
                    match token.parse::<usize>().ok().and_then(|i| items.get(i)) {
                        Some(child) => {
                            offset = child.offset;
                            node = child;
                        }
                        None => return offset,
                    }
                }
                Span::Leaf => return offset,
            }
        }
        offset
    }

    /// The node at `pointer`, if it exists.
    pub fn get(&self, pointer: &str) -> Option<&SpanNode> {
        let mut node = self;
        for token in pointer::each(pointer)? {
            node = match &node.span {
                Span::Object(object) => object.find(&token).map(|m| &m.2)?,
                Span::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                Span::Leaf => return None,
            };
        }
        Some(node)
    }
}

/// Bytes between two character-count checkpoints of a non-ASCII text.
const CHECKPOINT: usize = 512;

/// Line starts of a text, to turn byte offsets into 1-based line and column. Columns count
/// Unicode scalar values, as ruff and most editors' status bars do. `\r\n`, `\n` and a lone `\r`
/// each end a line. Built on the first [`LineIndex::position`] call, from the text it is given
/// (always the same text): a document without findings never pays for it.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    built: std::cell::OnceCell<Lines>,
}

#[derive(Debug, Clone)]
struct Lines {
    starts: Vec<usize>,
    /// For a text that is not all ASCII: the number of characters before every
    /// `CHECKPOINT`-th byte, so that no column costs more than `CHECKPOINT` bytes of counting.
    chars_before: Option<Vec<usize>>,
}

/// Characters that start in `bytes` (every byte that is not a UTF-8 continuation byte).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl LineIndex {
    /// The index of `text` (nothing is computed until a position is asked for).
    pub fn new(_text: &str) -> Self {
        Self::default()
    }

    /// 1-based (line, column) of a byte offset of `text`.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        self.built
            .get_or_init(|| Lines::new(text))
            .position(text, offset)
    }
}

impl Lines {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let chars_before = (!text.is_ascii()).then(|| {
            let mut total = 0;
            let mut out = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            for chunk in bytes.chunks(CHECKPOINT) {
                out.push(total);
                total += chars_in(chunk);
            }
            out.push(total);
            out
        });
        Lines {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        match &self.chars_before {
            None => offset,
            Some(table) => {
                let k = offset / CHECKPOINT;
                table.get(k).copied().unwrap_or(0)
                    + chars_in(&text.as_bytes()[k * CHECKPOINT..offset])
            }
        }
    }

    fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        // A BOM at the very start is invisible in editors: do not count it as a column.
        let from = if line == 0 && text.starts_with('\u{feff}') {
            start + 3
        } else {
            start
        }
        .min(offset);
        let column = self.chars_to(text, offset) - self.chars_to(text, from);
        (to_u32(line + 1), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(keys: &[&str]) -> Vec<Member> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| ((*k).into(), i * 10, SpanNode::leaf(i * 10 + 5)))
            .collect()
    }

    #[test]
    fn small_and_indexed_objects_agree() {
        let mut keys: Vec<String> = (0..40).map(|i| format!("k{}", i % 25)).collect();
        keys.push("a".into());
        for n in [3, 16, 17, keys.len()] {
            let names: Vec<&str> = keys[..n].iter().map(String::as_str).collect();
            let object = ObjectSpan::new(members(&names));
            assert_eq!(object.by_key.is_some(), n > INDEXED_ABOVE);
            for (j, key) in names.iter().enumerate() {
                let last = names.iter().rposition(|k| k == key).unwrap();
                assert_eq!(object.find(key).unwrap().1, last * 10, "n={n} key={key}");
                let first = names.iter().position(|k| k == key).unwrap();
                let dup = object.duplicates().into_iter().find(|&(r, _)| r == j);
                assert_eq!(dup, (first != j).then_some((j, first)), "n={n} j={j}");
            }
            assert!(object.find("zz").is_none());
            assert!(object.find("").is_none());
            let repeats = object.duplicates();
            assert!(
                repeats.windows(2).all(|w| w[0].0 < w[1].0),
                "text order: {repeats:?}"
            );
        }
    }

    #[test]
    fn columns_count_characters_across_checkpoints() {
        // One long line mixing ASCII and multi-byte characters, and a second line.
        let mut text = String::new();
        for i in 0..5000 {
            text.push(if i % 3 == 0 {
                'é'
            } else if i % 7 == 0 {
                '😀'
            } else {
                'a'
            });
        }
        text.push_str("\r\nxé😀y");
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected_line = if offset >= line_start && line_start > 0 {
                2
            } else {
                1
            };
            let expected_column = text[line_start..offset].chars().count() + 1;
            assert_eq!(
                index.position(&text, offset),
                (expected_line, to_u32(expected_column)),
                "offset {offset}"
            );
        }
        let ascii = "ab\ncd";
        assert_eq!(LineIndex::new(ascii).position(ascii, 4), (2, 2));
        let bom = "\u{feff}{\"a\": 1}";
        assert_eq!(LineIndex::new(bom).position(bom, 3), (1, 1));
        assert_eq!(LineIndex::new(bom).position(bom, 1), (1, 1));
    }
}
