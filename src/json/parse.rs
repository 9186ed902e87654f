//! A strict RFC 8259 JSON parser that keeps what `serde_json::Value` drops: the byte offset of every
//! key and value, and every duplicate key. Depth and size are bounded so that hostile input gives an
//! error with a position instead of a stack overflow.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::pointer::{self, push_token};
use super::span::{MAX_ENTRIES, MAX_SCALAR_LEN, Scalar, SpanTree};

/// Where and why the text is not JSON. `offset` is a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub offset: usize,
}

/// A key that appears a second time in the same object. The value that counts is the last one, as
/// in `JSON.parse` and serde_json.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON Pointer of the member, e.g. `/oauth/client_id`.
    pub pointer: String,
    /// Byte offset of the repeated key.
    pub offset: usize,
    /// Byte offset of the key's first occurrence.
    pub first_offset: usize,
}

/// A value parsed into both models: the span tree (whose leaves hold the values) and a
/// `serde_json::Value`, for the readers that take one (Terraform plan and `.tf.json` files,
/// `apply`'s plan, the tests).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub value: Value,
    pub spans: SpanTree,
    pub duplicates: Vec<DuplicateKey>,
}

/// A value parsed into the span tree only: what the checks read. No `serde_json::Value` is made
/// (no allocation per string, member or list).
#[derive(Debug, Clone)]
pub struct Tree {
    pub spans: SpanTree,
    pub duplicates: Vec<DuplicateKey>,
}

pub fn parse(text: &str, max_depth: usize) -> Result<Parsed, ParseError> {
    let mut p = Parser::new(text, max_depth)?;
    p.with_values = true;
    p.skip_ws();
    let value = p.value(0)?;
    p.end()?;
    Ok(Parsed {
        value,
        spans: p.finish_tree(),
        duplicates: p.duplicates,
    })
}

/// Parses like [`parse`] (the same errors at the same offsets, the same tree) into the span tree
/// only.
pub fn parse_tree(text: &str, max_depth: usize) -> Result<Tree, ParseError> {
    let mut p = Parser::new(text, max_depth)?;
    p.skip_ws();
    p.value(0)?;
    p.end()?;
    Ok(Tree {
        spans: p.finish_tree(),
        duplicates: p.duplicates,
    })
}

/// What [`parse_each`] found at the top of the text.
#[derive(Debug)]
pub enum TopLevel {
    /// A list: its elements went to `each` one by one, as parsed, and none is kept.
    List { elements: usize },
    /// Any other value. When `partial`, the top-level object lacks the members `take` skipped or
    /// streamed (those went to `each`): it is not the whole input.
    Value { parsed: Tree, partial: bool },
}

/// What [`parse_each`] does with a member of the top-level object, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Parse it into the tree (the default).
    Build,
    /// Check its syntax only: it is not in the tree.
    Skip,
    /// When it is a list, hand its elements to `each` one by one (pointers from the top, e.g.
    /// `/resource_changes/3/...`); any other value is built.
    Stream,
}

/// Parses like [`parse_tree`], but holds less of a large input at once. When the text is a list, each
/// element goes to `each` as soon as it is parsed (with its index and its duplicate keys, whose
/// pointers start with `/index`) and none is kept: a batch is held one element at a time. When
/// it is an object, `take` says for each top-level member whether to build it, only check its
/// syntax, or stream its list's elements the same way. Positions, errors and limits are those of
/// [`parse`]. An error after some elements were handed over (a syntax error later in the text)
/// is still an error: the caller discards what it made of them.
pub fn parse_each(
    text: &str,
    max_depth: usize,
    take: &mut dyn FnMut(&str) -> Take,
    each: &mut dyn FnMut(usize, &Tree),
) -> Result<TopLevel, ParseError> {
    let mut p = Parser::new(text, max_depth)?;
    p.skip_ws();
    let top = match p.peek() {
        Some(b'[') => {
            let elements = p.stream_list(1, each)?;
            TopLevel::List { elements }
        }
        Some(b'{') => {
            let partial = p.select_object((take, each))?;
            TopLevel::Value {
                parsed: Tree {
                    spans: p.finish_tree(),
                    duplicates: std::mem::take(&mut p.duplicates),
                },
                partial,
            }
        }
        _ => {
            p.value(0)?;
            TopLevel::Value {
                parsed: Tree {
                    spans: p.finish_tree(),
                    duplicates: std::mem::take(&mut p.duplicates),
                },
                partial: false,
            }
        }
    };
    p.end()?;
    Ok(top)
}

/// A step down from the top of the text: a member (by the offset of its key's opening quote) or
/// an element.
#[derive(Debug, Clone, Copy)]
enum Step {
    Key(usize),
    Index(usize),
}

/// The top-level object's choices: which members to build, skip or stream, and where streamed
/// elements go.
type Select<'s> = (
    &'s mut dyn FnMut(&str) -> Take,
    &'s mut dyn FnMut(usize, &Tree),
);

impl<'a> Parser<'a> {
    fn new(text: &'a str, max_depth: usize) -> Result<Self, ParseError> {
        // Offsets are kept in 32 bits (json::SpanTree).
        if u32::try_from(text.len()).is_err() {
            return Err(ParseError {
                message: "the input is larger than 4 GiB, the most credlint reads".into(),
                offset: 0,
            });
        }
        let mut p = Self::at(text, max_depth, 0);
        // About one node per 12 bytes of pretty-printed JSON, and at most the text's length of
        // keys, strings and numbers: a small document's tree is made in one allocation each (a large one grows; the tree gives back
        // what it did not use when it is complete).
        p.tree = SpanTree::with_capacity(
            (text.len() / 12 + 4).min(4096),
            (text.len() + 16).min(16384),
        );
        Ok(p)
    }

    /// A parser of `text` from byte `pos`, building nothing yet.
    fn at(text: &'a str, max_depth: usize, pos: usize) -> Self {
        let mut p = Parser {
            src: text,
            text: text.as_bytes(),
            pos: 0,
            max_depth,
            path: Vec::new(),
            duplicates: Vec::new(),
            with_values: false,
            values: Vec::new(),
            members: Vec::new(),
            tree: SpanTree::with_capacity(0, 0),
            discard: 0,
        };
        // A UTF-8 byte order mark is not JSON, but editors on Windows write one; accept and skip
        // it.
        if pos == 0 && p.text.starts_with(b"\xEF\xBB\xBF") {
            p.pos = 3;
        } else {
            p.pos = pos;
        }
        p
    }

    /// The offsets of the value parsed last, with no spare capacity; the next value starts a
    /// tree of its own.
    fn finish_tree(&mut self) -> SpanTree {
        let mut tree = std::mem::replace(&mut self.tree, SpanTree::with_capacity(0, 0));
        tree.finish();
        tree
    }

    /// The JSON Pointer of the value being parsed, from [`Parser::path`]: each key is read again
    /// from the text (only for a duplicate key, which is rare).
    fn pointer(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match *step {
                Step::Key(offset) => {
                    let mut again = Parser::at(self.src, self.max_depth, offset);
                    let key = again.string().unwrap_or_default();
                    push_token(&mut out, &key);
                }
                Step::Index(i) => pointer::push_index(&mut out, i),
            }
        }
        out
    }

    /// After the top-level value: only white space may follow.
    fn end(&mut self) -> Result<(), ParseError> {
        self.skip_ws();
        if self.pos < self.text.len() {
            return Err(self.error("unexpected text after the JSON value"));
        }
        Ok(())
    }
}

/// The length of the run of `bytes` before the first `"`, `\\` or control character (below
/// U+0020), or all of it: eight bytes at a time, the part of parsing every string and key that
/// costs most (a borrow in the subtractions below only ever runs from a matching byte upwards,
/// so the lowest flagged byte is the first match).
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let w = u64::from_le_bytes(word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let found = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// The value of a JSON number's text (already checked to be one): an integer when it is written
/// as one and fits 64 bits, else the nearest finite float; `None` when out of range.
pub(crate) fn number_value(text: &str) -> Option<Number> {
    let integer = !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
    if integer {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = text.parse::<u64>() {
            return Some(Number::from(u));
        }
    }
    super::parse_f64(text).and_then(Number::from_f64)
}

struct Parser<'a> {
    src: &'a str,
    text: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// Where the value being parsed is: the steps down to it, written out as a JSON Pointer only
    /// when a duplicate key is found.
    path: Vec<Step>,
    duplicates: Vec<DuplicateKey>,
    /// Whether `serde_json::Value`s are made too ([`parse`]); otherwise the tree only, and
    /// every `value` returned is a `Value::Null` that stands for nothing.
    with_values: bool,
    /// The elements and members of the containers being parsed, innermost last. A container's
    /// own are moved out, exactly sized, when it closes: no container keeps spare capacity, and
    /// the stacks' allocations are reused from one container to the next.
    values: Vec<Value>,
    members: Vec<(String, Value)>,
    /// The offsets of the value being parsed (of the element being streamed, in a streamed
    /// list), in document order.
    tree: SpanTree,
    /// Above zero while parsing a value whose syntax is checked but which is not kept: containers
    /// keep no children and come out empty.
    discard: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            offset: self.pos,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        let start = self.pos;
        let scalar =
            match self.peek() {
                None => Err(self.error("unexpected end of input: a JSON value was expected")),
                Some(b'{') => return self.object(depth + 1),
                Some(b'[') => return self.array(depth + 1),
                Some(b'"') => {
                    let s = self.string()?;
                    if self.discard == 0 {
                        self.tree.push_scalar(start, Scalar::String(&s));
                    }
                    return Ok(match self.with_values {
                        true => Value::String(s.into_owned()),
                        false => Value::Null,
                    });
                }
                Some(b't') => self.literal("true", Scalar::Bool(true)),
                Some(b'f') => self.literal("false", Scalar::Bool(false)),
                Some(b'n') => self.literal("null", Scalar::Null),
                Some(b'-' | b'0'..=b'9') => self.number().map(Scalar::Number),
                Some(b'\'') => {
                    Err(self.error("strings must use double quotes (\"), not single quotes"))
                }
                Some(b) if b.is_ascii_alphabetic() => Err(self
                    .error("unexpected word: only `true`, `false` and `null` are JSON literals")),
                Some(_) => Err(self.error(format!("unexpected {}", self.describe_here()))),
            }?;
        if self.discard == 0 {
            self.tree.push_scalar(start, scalar);
        }
        if !self.with_values {
            return Ok(Value::Null);
        }
        Ok(match scalar {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            // Checked to be in range by `number`.
            Scalar::Number(text) => number_value(text).map_or(Value::Null, Value::Number),
            Scalar::String(s) => Value::String(s.to_owned()),
        })
    }

    fn describe_here(&self) -> String {
        // What kind of character, never the character itself: a stray byte inside an unquoted
        // secret must not reach a message.
        let rest = std::str::from_utf8(&self.text[self.pos..])
            .ok()
            .and_then(|s| s.chars().next());
        let what = match rest {
            Some(c) if c.is_control() => "a control character",
            Some(c) if c.is_alphanumeric() => "a letter or digit",
            Some(c) if c.is_whitespace() => "a non-JSON space character",
            Some(_) => "a character",
            None => "invalid UTF-8",
        };
        format!(
            "{what}, where a JSON value (object, list, string, number, true, false or null) was expected"
        )
    }

    fn literal(&mut self, word: &str, value: Scalar<'a>) -> Result<Scalar<'a>, ParseError> {
        if self.text[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected word: only `true`, `false` and `null` are JSON literals"))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), ParseError> {
        if depth > self.max_depth {
            return Err(self.error(format!("nesting deeper than {} levels", self.max_depth)));
        }
        Ok(())
    }

    // The containers. `object` and `array` recurse through `value` (two frames a level, kept
    // small: a document nested to the depth limit must fit a debug build's stack);
    // `select_object` and `stream_list` are the top level's, for `parse_each`. All four share
    // the helpers below, so the syntax and its errors are one.

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        let (at, empty) = self.open(depth, b'}')?;
        let mark = self.members.len();
        if empty {
            return Ok(self.close_object(at, mark, 0));
        }
        let mut count = 0;
        loop {
            let (key, key_offset) = self.member_key()?;
            self.path.push(Step::Key(key_offset));
            if self.discard == 0 {
                self.tree.push_key(key_offset, &key);
            }
            let value = self.value(depth)?;
            self.path.pop();
            if self.discard == 0 {
                if self.with_values {
                    self.members.push((key.into_owned(), value));
                }
                count += 1;
                if count > MAX_ENTRIES {
                    return Err(
                        self.error(format!("more than {MAX_ENTRIES} members in one object"))
                    );
                }
            }
            if self.next_or_close(b'}')? {
                return Ok(self.close_object(at, mark, count));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        let (at, empty) = self.open(depth, b']')?;
        if empty {
            self.close_array(at, 0);
            return Ok(match self.with_values {
                true => Value::Array(Vec::new()),
                false => Value::Null,
            });
        }
        let mark = self.values.len();
        let mut count = 0;
        loop {
            self.element_start()?;
            self.path.push(Step::Index(count));
            let value = self.value(depth)?;
            self.path.pop();
            if self.discard == 0 && self.with_values {
                self.values.push(value);
            }
            count += 1;
            if count > MAX_ENTRIES {
                return Err(self.error(format!("more than {MAX_ENTRIES} elements in one list")));
            }
            if self.next_or_close(b']')? {
                self.close_array(at, count);
                if !self.with_values {
                    return Ok(Value::Null);
                }
                let items = if mark == 0 {
                    // The outermost list being parsed (often the longest: a batch, a huge
                    // list): take the stack itself rather than copy it, then give back its
                    // spare capacity (in place, for a large allocation).
                    let mut items = std::mem::take(&mut self.values);
                    items.shrink_to_fit();
                    items
                } else {
                    self.values.drain(mark..).collect()
                };
                return Ok(Value::Array(items));
            }
        }
    }

    /// The top-level object, each member as `select` says, into the tree; returns whether a
    /// member was left out (skipped or streamed). Only [`parse_each`] reads one, tree only.
    fn select_object(&mut self, select: Select<'_>) -> Result<bool, ParseError> {
        let (take, each) = select;
        let (at, empty) = self.open(1, b'}')?;
        if empty {
            self.close_object(at, 0, 0);
            return Ok(false);
        }
        let mut partial = false;
        let mut built = 0;
        loop {
            let (key, key_offset) = self.member_key()?;
            self.path.push(Step::Key(key_offset));
            match take(&key) {
                Take::Skip => {
                    self.discard += 1;
                    let parsed = self.value(1);
                    self.discard -= 1;
                    parsed?;
                    partial = true;
                }
                Take::Stream if self.peek() == Some(b'[') => {
                    // Each element gets a tree of its own; the top object's waits.
                    let top = std::mem::replace(&mut self.tree, SpanTree::with_capacity(0, 0));
                    let streamed = self.stream_list(2, each);
                    self.tree = top;
                    streamed?;
                    partial = true;
                }
                Take::Stream | Take::Build => {
                    self.tree.push_key(key_offset, &key);
                    self.value(1)?;
                    built += 1;
                }
            }
            self.path.clear();
            if self.next_or_close(b'}')? {
                self.close_object(at, 0, built);
                return Ok(partial);
            }
        }
    }

    /// A list whose elements go to `each` as they are parsed, none kept; returns how many.
    /// Every element is parsed into the same tree, emptied between them: a batch's elements
    /// cost no allocation once the tree has grown to the largest of them.
    fn stream_list(
        &mut self,
        depth: usize,
        each: &mut dyn FnMut(usize, &Tree),
    ) -> Result<usize, ParseError> {
        // No node for the list itself: each element is the root of a tree of its own.
        self.tree = SpanTree::with_capacity(64, 256);
        self.enter(depth)?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(0);
        }
        let mut count = 0;
        loop {
            self.element_start()?;
            self.path.push(Step::Index(count));
            self.value(depth)?;
            self.path.pop();
            let element = Tree {
                spans: std::mem::replace(&mut self.tree, SpanTree::with_capacity(0, 0)),
                duplicates: std::mem::take(&mut self.duplicates),
            };
            each(count, &element);
            let Tree {
                mut spans,
                mut duplicates,
            } = element;
            spans.clear();
            duplicates.clear();
            self.tree = spans;
            self.duplicates = duplicates;
            count += 1;
            if self.next_or_close(b']')? {
                return Ok(count);
            }
        }
    }

    /// Enters a container at its opening bracket: its node in the tree, and whether it is empty
    /// (then its bracket is already closed).
    fn open(&mut self, depth: usize, close: u8) -> Result<(usize, bool), ParseError> {
        self.enter(depth)?;
        let start = if self.discard == 0 {
            self.tree.open(self.pos)
        } else {
            0
        };
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok((start, true));
        }
        Ok((start, false))
    }

    /// An object member's key and the `:` after it: the key and its offset.
    fn member_key(&mut self) -> Result<(Cow<'a, str>, usize), ParseError> {
        self.skip_ws();
        let key_offset = self.pos;
        match self.peek() {
            Some(b'"') => {}
            Some(b'}') => return Err(self.error("trailing comma before `}`")),
            None => return Err(self.error("unexpected end of input inside an object")),
            _ => return Err(self.error("expected a double-quoted key")),
        }
        let key = self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.error("expected `:` after the key"));
        }
        self.pos += 1;
        self.skip_ws();
        Ok((key, key_offset))
    }

    /// Before a list element.
    fn element_start(&mut self) -> Result<(), ParseError> {
        self.skip_ws();
        if self.peek() == Some(b']') {
            return Err(self.error("trailing comma before `]`"));
        }
        Ok(())
    }

    /// After a member or element: `true` at the container's end (consumed), `false` after a `,`.
    fn next_or_close(&mut self, close: u8) -> Result<bool, ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            None if close == b'}' => Err(self.error("unexpected end of input: missing `}`")),
            None => Err(self.error("unexpected end of input: missing `]`")),
            _ if close == b'}' => Err(self.error("expected `,` or `}` after an object member")),
            _ => Err(self.error("expected `,` or `]` after an array element")),
        }
    }

    /// A list of `count` elements is finished: its node in the tree (at `at`) is closed.
    fn close_array(&mut self, at: usize, count: usize) {
        if self.discard == 0 {
            self.tree.close_array(at, count);
        }
    }

    /// The object of `count` members (its node in the tree is at `at`; its members gathered
    /// since `mark` when values are made), with its duplicate keys recorded.
    fn close_object(&mut self, at: usize, mark: usize, count: usize) -> Value {
        if self.discard > 0 {
            return Value::Null;
        }
        let (value, repeated) = if self.with_values {
            let mut map = Map::with_capacity(count);
            for (key, value) in self.members.drain(mark..) {
                // A repeated key keeps its first place and takes the last value, as in
                // `JSON.parse` and serde_json.
                map.insert(key, value);
            }
            let repeated = map.len() < count;
            (Value::Object(map), Some(repeated))
        } else {
            (Value::Null, None)
        };
        let repeated = self.tree.close_object(at, count, repeated);
        if repeated {
            let object = self.tree.node_ref(at).as_object();
            let found: Vec<(String, usize, usize)> = object
                .map(|o| o.duplicates())
                .unwrap_or_default()
                .into_iter()
                .map(|(repeat, first)| (repeat.key.to_owned(), repeat.key_offset, first.key_offset))
                .collect();
            let here = self.pointer();
            for (key, offset, first_offset) in found {
                self.duplicates.push(DuplicateKey {
                    pointer: pointer::join(&here, &key),
                    offset,
                    first_offset,
                });
            }
        }
        value
    }

    /// A string's value, escapes resolved: borrowed from the text when it has none.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        debug_assert_eq!(self.peek(), Some(b'"'));
        self.pos += 1;
        // Most strings have no escape: one exact allocation for the run up to the closing quote.
        let start = self.pos;
        let run = self.text.get(start..).unwrap_or_default();
        let end = plain_len(run);
        if run.get(end) == Some(&b'"')
            && let Some(s) = self.src.get(start..start + end)
        {
            self.too_long(start, s.len())?;
            self.pos = start + end + 1;
            return Ok(Cow::Borrowed(s));
        }
        let mut out = String::new();
        loop {
            // Copy the longest run without quotes, escapes or control characters in one go.
            let run_start = self.pos;
            self.pos += plain_len(self.text.get(run_start..).unwrap_or_default());
            if self.pos > run_start {
                // The text came in as `&str` and a run starts and stops only at ASCII bytes (or
                // the text's ends), so it is whole characters: a slice, not a validation.
                match self.src.get(run_start..self.pos) {
                    Some(s) => out.push_str(s),
                    None => {
                        return Err(ParseError {
                            message: "invalid UTF-8 in a string".into(),
                            offset: run_start,
                        });
                    }
                }
            }
            match self.peek() {
                None => {
                    return Err(self
                        .error("unexpected end of input inside a string (missing closing `\"`)"));
                }
                Some(b'"') => {
                    self.too_long(start, out.len())?;
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(
                        "control character in a string: write line breaks and tabs as `\\n` and `\\t`",
                    ));
                }
            }
        }
    }

    /// A string (decoded) or number longer than the tree keeps (128 MiB), at `start`.
    fn too_long(&self, start: usize, len: usize) -> Result<(), ParseError> {
        if len > MAX_SCALAR_LEN {
            return Err(ParseError {
                message: format!("a string or number longer than {MAX_SCALAR_LEN} bytes"),
                offset: start,
            });
        }
        Ok(())
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unexpected end of input inside an escape sequence"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let start = self.pos - 2;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if self.text.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(ParseError {
                            message: "lone surrogate in a `\\u` escape".into(),
                            offset: start,
                        });
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(ParseError {
                            message: "lone surrogate in a `\\u` escape".into(),
                            offset: start,
                        });
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(ParseError {
                        message: "lone surrogate in a `\\u` escape".into(),
                        offset: start,
                    });
                } else {
                    hi
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => {
                        return Err(ParseError {
                            message: "invalid `\\u` escape".into(),
                            offset: start,
                        });
                    }
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape sequence: JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("incomplete `\\u` escape"))?;
        let mut code = 0u32;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error("`\\u` must be followed by four hex digits"))?;
            code = code * 16 + v;
        }
        self.pos += 4;
        Ok(code)
    }

    /// A number's text, checked to be one and to be in range.
    fn number(&mut self) -> Result<&'a str, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("leading zeros are not allowed in JSON numbers"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a digit was expected")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a digit was expected after `.`"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a digit was expected in the exponent"));
            }
            self.digits();
        }
        let src = self.src;
        let text = src.get(start..self.pos).unwrap_or("");
        self.too_long(start, text.len())?;
        // Only an exponent or more than 308 digits can leave the range of a finite `f64`.
        if (text.len() > 300 || text.bytes().any(|b| matches!(b, b'e' | b'E')))
            && number_value(text).is_none()
        {
            return Err(ParseError {
                message: "number out of range".into(),
                offset: start,
            });
        }
        Ok(text)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_len;

    fn naive(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(bytes.len())
    }

    #[test]
    fn plain_len_finds_the_first_quote_backslash_or_control_byte() {
        // Every byte value at every place of a 20-byte run of each filler (ASCII, the high half
        // of UTF-8, bytes just above a match), alone and after an earlier match.
        for filler in [b'a', 0xC3, 0xA9, 0x21, 0x5D, 0x7F, 0xFF, 0x80] {
            for len in 0..20 {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut run = vec![filler; len];
                        run[at] = b;
                        assert_eq!(
                            plain_len(&run),
                            naive(&run),
                            "{filler:#x} {b:#x} at {at}/{len}"
                        );
                        if at + 1 < len {
                            run[at + 1] = b'"';
                            assert_eq!(plain_len(&run), naive(&run));
                        }
                    }
                }
            }
        }
        // Random runs.
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let seed = next();
            let len = (seed % 40) as usize;
            let run: Vec<u8> = (0..len)
                .map(|i| {
                    let r = seed.rotate_left(i as u32 * 7) as u8;
                    if r % 5 == 0 { r } else { b'a' + r % 26 }
                })
                .collect();
            assert_eq!(plain_len(&run), naive(&run), "{run:?}");
        }
    }
}
