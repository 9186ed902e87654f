//! Byte offsets of every key and value of a parsed document, and their conversion to the 1-based
//! line and column that editors show. The offsets are one flat tree ([`SpanTree`]): every key and
//! value is a 16-byte node in one allocation, keys are kept in one string, and a document costs
//! three allocations however many values it has. Lookups stay fast on hostile shapes: a large
//! object is searched by key in O(log n) and a large list is indexed, and a column on a very long
//! line (minified JSON) is counted from a nearby checkpoint, not from the line's start.

use std::fmt;

use super::pointer;

/// Objects and lists with more entries than this get an index (by key, by position).
const INDEXED_ABOVE: usize = 16;

/// The most entries one object or list may have (the node keeps the count in 30 bits).
pub const MAX_ENTRIES: usize = (1 << 30) - 1;

const TAG_SHIFT: u32 = 30;
const COUNT: u32 = (1 << TAG_SHIFT) - 1;
const LEAF: u32 = 0;
const KEY: u32 = 1;
const ARRAY: u32 = 2;
const OBJECT: u32 = 3;

/// In an object's `a`: some key is given more than once (the rest of `a` is its index's slot).
const DUPLICATES: u32 = 1 << 31;

/// A leaf's value kind, in the three bits under the tag; its text's length in the bits below.
const KIND_SHIFT: u32 = 27;
const LEN: u32 = (1 << KIND_SHIFT) - 1;
/// A position without a value (a Terraform expression, or a container before it closes).
const NO_VALUE: u32 = 0;
const NULL: u32 = 1;
const FALSE: u32 = 2;
const TRUE: u32 = 3;
const NUMBER: u32 = 4;
const STRING: u32 = 5;

/// The longest string or number text a leaf holds (its length is kept in 27 bits).
pub const MAX_SCALAR_LEN: usize = LEN as usize;

/// A leaf's value: strings decoded (escapes resolved), numbers as their source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'t> {
    Null,
    Bool(bool),
    Number(&'t str),
    String(&'t str),
}

/// One key or value, in document order (a container is followed by its entries; an object's
/// entries are key, value, key, value...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    /// Byte offset of the value's first character, or of a key's opening quote (or first
    /// character, for a Terraform name).
    offset: u32,
    /// The index just past this node's subtree.
    next: u32,
    /// A key, a string or a number: where its text starts in `keys`. A container: 1 + its
    /// index's place in `index`, or 0 when it has none.
    a: u32,
    /// The tag (top two bits) and a key's length in bytes or a container's entry count; a
    /// leaf's value kind (three bits) and its text's length in bytes.
    b: u32,
}

impl Node {
    fn tag(&self) -> u32 {
        self.b >> TAG_SHIFT
    }
    fn count(&self) -> usize {
        (self.b & COUNT) as usize
    }
    /// A leaf's value kind ([`NO_VALUE`] for any other node).
    fn kind(&self) -> u32 {
        if self.tag() == LEAF {
            (self.b >> KIND_SHIFT) & 0b111
        } else {
            NO_VALUE
        }
    }
    /// Whether `a` is a place in the tree's text (a key, a string, a number).
    fn has_text(&self) -> bool {
        self.tag() == KEY || matches!(self.kind(), NUMBER | STRING)
    }
}

/// The offsets of a document's keys and values (see the module's documentation). Never empty:
/// the first node is the document's root.
#[derive(Clone)]
pub struct SpanTree {
    nodes: Vec<Node>,
    /// The text of every key, string (decoded) and number, one after another.
    keys: String,
    /// The indexes of large containers: an object's key nodes sorted by key (equal keys in text
    /// order), a list's element nodes in order. Found through the container's `a`.
    index: Vec<Box<[u32]>>,
}

/// Why [`SpanTree::grafted`] cannot put a value at a pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Graft {
    /// A token (this one) names no element of a list: not a number, or past one beyond its end.
    NoElement(String),
    /// A parent is neither an object nor a list.
    NotContainer,
}

/// An offset or count that does not fit the tree's 32 bits (the parser refuses such input
/// before; a Terraform file is far smaller).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl SpanTree {
    /// A tree being built, with room for about `capacity` nodes.
    pub(crate) fn with_capacity(nodes: usize, keys: usize) -> Self {
        SpanTree {
            nodes: Vec::with_capacity(nodes),
            keys: String::with_capacity(keys),
            index: Vec::new(),
        }
    }

    /// Empties the tree for the next value, keeping its capacity.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.keys.clear();
        self.index.clear();
    }

    /// A value without entries (a string, number, literal or empty container) at `offset`,
    /// whose value the tree does not hold.
    pub fn leaf(offset: usize) -> Self {
        let mut tree = Self::with_capacity(1, 0);
        tree.push_leaf(offset);
        tree
    }

    /// A string, number or literal at `offset`, with its value.
    pub fn scalar(offset: usize, value: Scalar<'_>) -> Self {
        let mut tree = Self::with_capacity(1, 0);
        tree.push_scalar(offset, value);
        tree
    }

    /// A list at `offset` of `items`.
    pub fn array(offset: usize, items: Vec<SpanTree>) -> Self {
        let size = items.iter().map(|t| t.nodes.len()).sum::<usize>() + 1;
        let mut tree = Self::with_capacity(size, 0);
        let at = tree.open(offset);
        for item in &items {
            tree.append(item);
        }
        tree.close(at, ARRAY, items.len(), Some(false));
        tree
    }

    /// An object at `offset` of `members`: key, offset of the key, value, in text order.
    pub fn object<K: AsRef<str>>(offset: usize, members: Vec<(K, usize, SpanTree)>) -> Self {
        let size = members.iter().map(|m| m.2.nodes.len() + 1).sum::<usize>() + 1;
        let mut tree = Self::with_capacity(size, 0);
        let at = tree.open(offset);
        for (key, key_offset, value) in &members {
            tree.push_key(*key_offset, key.as_ref());
            tree.append(value);
        }
        tree.close(at, OBJECT, members.len(), None);
        tree
    }

    /// The tree of a value that has no text (from JavaScript, or a document made from one):
    /// every offset is 0, numbers are written as serde_json writes them.
    pub fn from_value(value: &serde_json::Value) -> Self {
        fn add(tree: &mut SpanTree, value: &serde_json::Value, number: &mut String) {
            use serde_json::Value;
            match value {
                Value::Null => tree.push_scalar(0, Scalar::Null),
                Value::Bool(b) => tree.push_scalar(0, Scalar::Bool(*b)),
                Value::Number(n) => {
                    number.clear();
                    let _ = fmt::Write::write_fmt(number, format_args!("{n}"));
                    tree.push_scalar(0, Scalar::Number(number));
                }
                Value::String(s) => tree.push_scalar(0, Scalar::String(s)),
                Value::Array(items) => {
                    let at = tree.open(0);
                    for item in items {
                        add(tree, item, number);
                    }
                    tree.close(at, ARRAY, items.len(), Some(false));
                }
                Value::Object(map) => {
                    let at = tree.open(0);
                    for (key, item) in map {
                        tree.push_key(0, key);
                        add(tree, item, number);
                    }
                    tree.close(at, OBJECT, map.len(), Some(false));
                }
            }
        }
        let mut tree = Self::with_capacity(16, 64);
        add(&mut tree, value, &mut String::new());
        tree.finish();
        tree
    }

    /// The document's root.
    pub fn root(&self) -> SpanRef<'_> {
        SpanRef { tree: self, at: 0 }
    }

    /// The value at `pointer`, if it exists: see [`SpanRef::get`].
    pub fn get(&self, pointer: &str) -> Option<SpanRef<'_>> {
        self.root().get(pointer)
    }

    /// The offset to show for `pointer`: see [`SpanRef::locate`].
    pub fn locate(&self, pointer: &str) -> usize {
        self.root().locate(pointer)
    }

    /// The root's offset.
    pub fn offset(&self) -> usize {
        self.root().offset()
    }

    pub(crate) fn push_leaf(&mut self, offset: usize) {
        let next = narrow(self.nodes.len() + 1);
        self.nodes.push(Node {
            offset: narrow(offset),
            next,
            a: 0,
            b: LEAF << TAG_SHIFT,
        });
    }

    /// A leaf with its value. A string or number text longer than [`MAX_SCALAR_LEN`] (the
    /// parser refuses one before) is kept as a position without a value.
    pub(crate) fn push_scalar(&mut self, offset: usize, value: Scalar<'_>) {
        let (kind, text) = match value {
            Scalar::Null => (NULL, ""),
            Scalar::Bool(false) => (FALSE, ""),
            Scalar::Bool(true) => (TRUE, ""),
            Scalar::Number(text) => (NUMBER, text),
            Scalar::String(text) => (STRING, text),
        };
        if text.len() > MAX_SCALAR_LEN {
            return self.push_leaf(offset);
        }
        let next = narrow(self.nodes.len() + 1);
        let a = narrow(self.keys.len());
        self.keys.push_str(text);
        self.nodes.push(Node {
            offset: narrow(offset),
            next,
            a,
            b: (LEAF << TAG_SHIFT) | (kind << KIND_SHIFT) | narrow(text.len()),
        });
    }

    pub(crate) fn push_key(&mut self, offset: usize, key: &str) {
        let next = narrow(self.nodes.len() + 1);
        let a = narrow(self.keys.len());
        self.keys.push_str(key);
        self.nodes.push(Node {
            offset: narrow(offset),
            next,
            a,
            b: (KEY << TAG_SHIFT) | (narrow(key.len()) & COUNT),
        });
    }

    /// Takes back the key just pushed (its value left out, as JSON.stringify leaves out an
    /// undefined member).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn pop_key(&mut self) {
        if let Some(node) = self.nodes.last()
            && node.tag() == KEY
        {
            let start = node.a as usize;
            self.nodes.pop();
            self.keys.truncate(start);
        }
    }

    /// Starts a container at `offset`; [`SpanTree::close`] finishes it once its entries follow.
    pub(crate) fn open(&mut self, offset: usize) -> usize {
        self.push_leaf(offset);
        self.nodes.len() - 1
    }

    /// Finishes the container opened at node `at` as a list or object of `count` entries (the
    /// nodes after it), indexing it when large.
    /// `repeated`: whether an object gives a key more than once, when the caller knows (else it
    /// is found out).
    fn close(&mut self, at: usize, tag: u32, count: usize, repeated: Option<bool>) {
        let next = narrow(self.nodes.len());
        if let Some(node) = self.nodes.get_mut(at) {
            node.next = next;
            node.b = (tag << TAG_SHIFT) | (narrow(count.min(MAX_ENTRIES)) & COUNT);
        }
        if self.wants_index(at) {
            self.index_container(at);
        }
        if tag == OBJECT && repeated.unwrap_or_else(|| self.has_repeated_key(at)) {
            if let Some(node) = self.nodes.get_mut(at) {
                node.a |= DUPLICATES;
            }
        }
    }

    /// Whether the closed container at `at` is indexed: an object or list of more than
    /// [`INDEXED_ABOVE`] entries, except a flat list (every element a leaf, so the `i`th is the
    /// node `at + 1 + i`: a long list of numbers costs no index).
    fn wants_index(&self, at: usize) -> bool {
        let n = self.node(narrow(at));
        matches!(n.tag(), ARRAY | OBJECT) && n.count() > INDEXED_ABOVE && !self.flat(at)
    }

    /// Whether the container at `at` is a list whose elements are all leaves.
    fn flat(&self, at: usize) -> bool {
        let n = self.node(narrow(at));
        n.tag() == ARRAY && n.next as usize == at + 1 + n.count()
    }

    /// Whether the object at `at` gives a key more than once: adjacent in its index when it has
    /// one, else compared pairwise (at most 16 members).
    fn has_repeated_key(&self, at: usize) -> bool {
        match self.indexed(narrow(at)) {
            Some(index) => index.windows(2).any(|w| self.key(w[0]) == self.key(w[1])),
            None => self.entries(at).enumerate().any(|(j, i)| {
                let key = self.key(i);
                self.entries(at).take(j).any(|e| self.key(e) == key)
            }),
        }
    }

    /// Builds the index of the container at `at`: its key nodes sorted by key (stable: equal
    /// keys stay in text order), or its elements.
    fn index_container(&mut self, at: usize) {
        let is_object = self.node(narrow(at)).tag() == OBJECT;
        let mut entries: Vec<u32> = self.entries(at).collect();
        if is_object {
            crate::order::sort_indexes(&mut entries, &mut |x, y| self.key(x).cmp(self.key(y)));
        }
        self.index.push(entries.into_boxed_slice());
        let slot = narrow(self.index.len());
        if let Some(node) = self.nodes.get_mut(at) {
            node.a = slot | (node.a & DUPLICATES);
        }
    }

    pub(crate) fn close_array(&mut self, at: usize, count: usize) {
        self.close(at, ARRAY, count, Some(false));
    }

    /// Finishes the object opened at `at` with `count` members; `repeated` says whether a key is
    /// given more than once, when the caller knows (else it is found out). Returns whether one
    /// is.
    pub(crate) fn close_object(&mut self, at: usize, count: usize, repeated: Option<bool>) -> bool {
        self.close(at, OBJECT, count, repeated);
        self.nodes.get(at).is_some_and(|n| n.a & DUPLICATES != 0)
    }

    /// The value at node `at` (a container the parser just closed).
    pub(crate) fn node_ref(&self, at: usize) -> SpanRef<'_> {
        SpanRef {
            tree: self,
            at: narrow(at),
        }
    }

    /// Gives back spare capacity once the tree is complete, when there is enough of it to
    /// matter (a reallocation copies the tree: a small document's few spare bytes stay).
    pub(crate) fn finish(&mut self) {
        const WORTH: usize = 64 * 1024;
        let spare = self.nodes.capacity() - self.nodes.len();
        if spare * std::mem::size_of::<Node>() > WORTH {
            self.nodes.shrink_to_fit();
        }
        if self.keys.capacity() - self.keys.len() > WORTH {
            self.keys.shrink_to_fit();
        }
    }

    /// Copies `other`'s nodes to the end of this tree.
    fn append(&mut self, other: &SpanTree) {
        let base = narrow(self.nodes.len());
        let key_base = narrow(self.keys.len());
        self.keys.push_str(&other.keys);
        let index_base = narrow(self.index.len());
        self.index.extend(other.index.iter().map(|ix| {
            ix.iter()
                .map(|&i| i.saturating_add(base))
                .collect::<Box<[u32]>>()
        }));
        self.nodes.extend(other.nodes.iter().map(|n| {
            let a = match n.tag() {
                _ if n.has_text() => n.a.saturating_add(key_base),
                ARRAY | OBJECT if n.a & !DUPLICATES != 0 => {
                    (n.a & !DUPLICATES).saturating_add(index_base) | (n.a & DUPLICATES)
                }
                ARRAY | OBJECT => n.a & DUPLICATES,
                _ => 0,
            };
            Node {
                offset: n.offset,
                next: n.next.saturating_add(base),
                a,
                b: n.b,
            }
        }));
    }

    /// Adds a copy of `from` (a value of any tree) at the end, offsets as they are; its
    /// containers indexed again (their indexes name the other tree's nodes).
    fn copy(&mut self, from: SpanRef<'_>) {
        let tree = from.tree;
        let start = from.at as usize;
        let end = (tree.node(from.at).next as usize).min(tree.nodes.len());
        let base = self.nodes.len();
        for i in start..end {
            let n = tree.node(narrow(i));
            let value = SpanRef {
                tree,
                at: narrow(i),
            }
            .scalar();
            match (n.tag(), value) {
                (KEY, _) => self.push_key(n.offset as usize, tree.key(narrow(i))),
                (_, Some(value)) => self.push_scalar(n.offset as usize, value),
                _ => {
                    self.nodes.push(Node {
                        offset: n.offset,
                        next: narrow((n.next as usize).saturating_sub(start) + base),
                        a: if n.tag() == OBJECT {
                            n.a & DUPLICATES
                        } else {
                            0
                        },
                        b: n.b,
                    });
                }
            }
        }
        for i in base..self.nodes.len() {
            if self.wants_index(i) {
                self.index_container(i);
            }
        }
    }

    /// A copy of `document` with `value` at the place `tokens` (a JSON Pointer's, decoded) name,
    /// as a form sets one field: a member or element there is replaced where it is; a missing
    /// member is added last, inside empty objects for its missing parents; an element one past
    /// a list's end is appended. `None` for `document`: an empty object.
    pub fn grafted(
        document: Option<SpanRef<'_>>,
        tokens: &[String],
        value: SpanRef<'_>,
    ) -> Result<SpanTree, Graft> {
        let size = document.map_or(0, |d| d.tree.node(d.at).next as usize);
        let mut out = SpanTree::with_capacity(size + tokens.len() * 2 + 1, 0);
        out.graft(document, tokens, value)?;
        out.finish();
        Ok(out)
    }

    fn graft(
        &mut self,
        at: Option<SpanRef<'_>>,
        tokens: &[String],
        value: SpanRef<'_>,
    ) -> Result<(), Graft> {
        let Some((token, rest)) = tokens.split_first() else {
            self.copy(value);
            return Ok(());
        };
        let Some(at) = at else {
            let open = self.open(0);
            self.push_key(0, token);
            self.graft(None, rest, value)?;
            self.close_object(open, 1, Some(false));
            return Ok(());
        };
        if let Some(members) = at.as_object() {
            let open = self.open(at.offset());
            let mut found = false;
            for m in members.iter() {
                self.push_key(m.key_offset, m.key);
                if m.key == token.as_str() {
                    found = true;
                    self.graft(Some(m.value), rest, value)?;
                } else {
                    self.copy(m.value);
                }
            }
            if !found {
                self.push_key(0, token);
                self.graft(None, rest, value)?;
            }
            let repeated = at.tree.node(at.at).a & DUPLICATES != 0;
            self.close_object(open, members.len() + usize::from(!found), Some(repeated));
            return Ok(());
        }
        if let Some(items) = at.as_array() {
            let index = token
                .parse::<usize>()
                .ok()
                .filter(|&i| i <= items.len())
                .ok_or_else(|| Graft::NoElement(token.clone()))?;
            // One past the end appends the value itself: nothing is there to go into.
            let append = index == items.len();
            if append && !rest.is_empty() {
                return Err(Graft::NotContainer);
            }
            let open = self.open(at.offset());
            for (i, item) in items.iter().enumerate() {
                if i == index {
                    self.graft(Some(item), rest, value)?;
                } else {
                    self.copy(item);
                }
            }
            if append {
                self.copy(value);
            }
            self.close_array(open, items.len() + usize::from(append));
            return Ok(());
        }
        Err(Graft::NotContainer)
    }

    fn node(&self, at: u32) -> Node {
        self.nodes.get(at as usize).copied().unwrap_or(Node {
            offset: 0,
            next: at.saturating_add(1),
            a: 0,
            b: 0,
        })
    }

    fn key(&self, at: u32) -> &str {
        let n = self.node(at);
        let start = n.a as usize;
        self.keys.get(start..start + n.count()).unwrap_or_default()
    }

    /// A string's or number's text.
    fn text(&self, n: Node) -> &str {
        let start = n.a as usize;
        self.keys
            .get(start..start + (n.b & LEN) as usize)
            .unwrap_or_default()
    }

    /// The entries of the container at `at`: for an object its key nodes (each followed by its
    /// value), for a list its elements.
    fn entries(&self, at: usize) -> impl Iterator<Item = u32> + '_ {
        let node = self.node(narrow(at));
        let is_object = node.tag() == OBJECT;
        let mut i = narrow(at + 1);
        std::iter::from_fn(move || {
            if i >= node.next {
                return None;
            }
            let entry = i;
            i = self.node(i).next;
            if is_object {
                i = self.node(i).next;
            }
            Some(entry)
        })
    }

    /// The key node of the member `key` of the object at `at` whose value counts (the last
    /// given), by comparing keys in text order: the first match when no key repeats. The
    /// lookup of every field a check reads, so written as one tight loop over the nodes.
    fn scan(&self, at: u32, key: &str) -> Option<u32> {
        let object = self.nodes.get(at as usize)?;
        let (end, last) = (object.next as usize, object.a & DUPLICATES != 0);
        let (keys, wanted) = (self.keys.as_bytes(), key.as_bytes());
        let mut found = None;
        let mut i = at as usize + 1;
        while i < end {
            let k = self.nodes.get(i)?;
            let len = (k.b & COUNT) as usize;
            if len == wanted.len() && keys.get(k.a as usize..k.a as usize + len) == Some(wanted) {
                found = Some(narrow(i));
                if !last {
                    break;
                }
            }
            // Past the key's value.
            i = self.nodes.get(k.next as usize)?.next as usize;
        }
        found
    }

    fn indexed(&self, at: u32) -> Option<&[u32]> {
        let n = self.node(at);
        if !matches!(n.tag(), ARRAY | OBJECT) {
            return None;
        }
        let slot = n.a & !DUPLICATES;
        (slot != 0)
            .then(|| self.index.get(slot as usize - 1).map(|b| &**b))
            .flatten()
    }
}

/// A value in a [`SpanTree`].
#[derive(Clone, Copy)]
pub struct SpanRef<'t> {
    tree: &'t SpanTree,
    at: u32,
}

/// What a value holds, as far as positions go.
pub enum Shape<'t> {
    Leaf,
    Array(Items<'t>),
    Object(Members<'t>),
}

/// A value and its contents ([`SpanRef::view`]).
#[derive(Clone, Copy)]
pub enum View<'t> {
    Null,
    Bool(bool),
    /// The number's text as written.
    Number(&'t str),
    /// The string, escapes resolved.
    String(&'t str),
    Array(Items<'t>),
    Object(Members<'t>),
    /// A position whose value the tree does not hold (a Terraform expression).
    Unknown,
}

/// A list's elements.
#[derive(Clone, Copy)]
pub struct Items<'t> {
    list: SpanRef<'t>,
}

/// An object's members, duplicates included, in text order.
#[derive(Clone, Copy)]
pub struct Members<'t> {
    object: SpanRef<'t>,
}

/// An object member: its key, the offset of its key's opening quote (or first character), its
/// value.
#[derive(Clone, Copy)]
pub struct Member<'t> {
    pub key: &'t str,
    pub key_offset: usize,
    pub value: SpanRef<'t>,
}

impl<'t> SpanRef<'t> {
    /// Byte offset of the value's first character.
    pub fn offset(self) -> usize {
        self.tree.node(self.at).offset as usize
    }

    pub fn shape(self) -> Shape<'t> {
        match self.tree.node(self.at).tag() {
            ARRAY => Shape::Array(Items { list: self }),
            OBJECT => Shape::Object(Members { object: self }),
            _ => Shape::Leaf,
        }
    }

    pub fn as_object(self) -> Option<Members<'t>> {
        match self.shape() {
            Shape::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(self) -> Option<Items<'t>> {
        match self.shape() {
            Shape::Array(items) => Some(items),
            _ => None,
        }
    }

    /// What the value is, with its contents, from one look at its node.
    pub fn view(self) -> View<'t> {
        let tree = self.tree;
        let n = tree.node(self.at);
        match n.tag() {
            ARRAY => View::Array(Items { list: self }),
            OBJECT => View::Object(Members { object: self }),
            _ => match n.kind() {
                NULL => View::Null,
                FALSE => View::Bool(false),
                TRUE => View::Bool(true),
                NUMBER => View::Number(tree.text(n)),
                STRING => View::String(tree.text(n)),
                _ => View::Unknown,
            },
        }
    }

    /// The value of a string, number or literal (`None` for a container, or a leaf whose value
    /// the tree does not hold).
    pub fn scalar(self) -> Option<Scalar<'t>> {
        match self.view() {
            View::Null => Some(Scalar::Null),
            View::Bool(b) => Some(Scalar::Bool(b)),
            View::Number(text) => Some(Scalar::Number(text)),
            View::String(s) => Some(Scalar::String(s)),
            View::Array(_) | View::Object(_) | View::Unknown => None,
        }
    }

    /// The member `key` when this is an object (the last given, whose value counts).
    pub fn field(self, key: &str) -> Option<SpanRef<'t>> {
        Some(self.as_object()?.find(key)?.value)
    }

    /// A number's value as `f64` (as `serde_json::Value::as_f64` reads it).
    pub fn as_f64(self) -> Option<f64> {
        self.number()?.as_f64()
    }

    /// The value as a `serde_json::Value`, as the parser reads the same text: a repeated key
    /// once, at its first place, with its last value. For the few readers that still take one
    /// (the Terraform conversions, the wire bodies); a position without a value is `null`.
    pub fn to_value(self) -> serde_json::Value {
        use serde_json::Value;
        match self.view() {
            View::Null | View::Unknown => Value::Null,
            View::Bool(b) => Value::Bool(b),
            View::Number(text) => super::parse::number_value(text)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            View::String(s) => Value::String(s.to_owned()),
            View::Array(items) => Value::Array(items.iter().map(SpanRef::to_value).collect()),
            View::Object(members) => Value::Object(
                members
                    .distinct()
                    .map(|m| (m.key.to_owned(), m.value.to_value()))
                    .collect(),
            ),
        }
    }

    /// A string's value, escapes resolved.
    pub fn as_str(self) -> Option<&'t str> {
        match self.scalar()? {
            Scalar::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(self) -> Option<bool> {
        match self.scalar()? {
            Scalar::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_null(self) -> bool {
        self.scalar() == Some(Scalar::Null)
    }

    /// A number's value, read from its text as the parser reads it.
    pub fn number(self) -> Option<serde_json::Number> {
        super::parse::number_value(self.number_text()?)
    }

    /// The JSON type with its article, for messages: "an integer", "a list", "null" (as
    /// [`super::a_type_name`] says of the same value).
    pub fn a_type_name(self) -> &'static str {
        match self.view() {
            View::Array(_) => "a list",
            View::Object(_) => "an object",
            View::Null | View::Unknown => "null",
            View::Bool(_) => "a boolean",
            View::String(_) => "a string",
            View::Number(text) => match super::parse::number_value(text) {
                Some(n) if n.is_i64() || n.is_u64() => "an integer",
                _ => "a number",
            },
        }
    }

    /// A number's text as written (`1.50`, `-0`, `1e3`).
    pub fn number_text(self) -> Option<&'t str> {
        match self.scalar()? {
            Scalar::Number(text) => Some(text),
            _ => None,
        }
    }

    /// Whether this value is `value`: the same kind, strings and literals equal, numbers read
    /// from their text as the parser reads them, lists element by element, objects with the
    /// same keys each with the value that counts (the last of a repeated key). For tests and
    /// the fuzz target, while the tree and `serde_json::Value` are built side by side.
    pub fn agrees_with(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self.view(), value) {
            (View::Array(items), Value::Array(values)) => {
                items.len() == values.len()
                    && items.iter().zip(values).all(|(i, v)| i.agrees_with(v))
            }
            (View::Object(members), Value::Object(map)) => {
                let distinct: std::collections::BTreeSet<&str> =
                    members.iter().map(|m| m.key).collect();
                distinct.len() == map.len()
                    && map
                        .iter()
                        .all(|(k, v)| members.find(k).is_some_and(|m| m.value.agrees_with(v)))
            }
            (View::Null, Value::Null) => true,
            (View::Bool(b), Value::Bool(c)) => b == *c,
            (View::String(s), Value::String(t)) => s == t,
            (View::Number(text), Value::Number(n)) => {
                super::parse::number_value(text).as_ref() == Some(n)
            }
            _ => false,
        }
    }

    /// The offset to show for `pointer`: the key of an object member (where an editor puts the
    /// cursor), an array element's value, or, for a path that does not exist (a missing required
    /// field), the deepest ancestor that does.
    pub fn locate(self, pointer: &str) -> usize {
        let Some(tokens) = pointer::each(pointer) else {
            return self.offset();
        };
        let mut node = self;
        let mut offset = self.offset();
        for token in tokens {
            match node.shape() {
                Shape::Object(object) => match object.find(&token) {
                    Some(member) => {
                        offset = member.key_offset;
                        node = member.value;
                    }
                    None => return offset,
                },
                Shape::Array(items) => match token.parse::<usize>().ok().and_then(|i| items.get(i))
                {
                    Some(child) => {
                        offset = child.offset();
                        node = child;
                    }
                    None => return offset,
                },
                Shape::Leaf => return offset,
            }
        }
        offset
    }

    /// The value at `pointer`, if it exists.
    pub fn get(self, pointer: &str) -> Option<SpanRef<'t>> {
        let mut node = self;
        for token in pointer::each(pointer)? {
            node = match node.shape() {
                Shape::Object(object) => object.find(&token)?.value,
                Shape::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                Shape::Leaf => return None,
            };
        }
        Some(node)
    }

    /// This value's subtree as a tree of its own (offsets unchanged).
    pub fn to_tree(self) -> SpanTree {
        let mut out = SpanTree::with_capacity(self.tree.node(self.at).next as usize, 0);
        out.copy(self);
        out
    }
}

impl<'t> Items<'t> {
    pub fn len(self) -> usize {
        self.list.tree.node(self.list.at).count()
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn get(self, i: usize) -> Option<SpanRef<'t>> {
        let tree = self.list.tree;
        let list = self.list.at as usize;
        let at = match tree.indexed(self.list.at) {
            Some(index) => *index.get(i)?,
            None if tree.flat(list) => narrow(list + 1 + i).min(tree.node(self.list.at).next),
            None => tree.entries(list).nth(i)?,
        };
        if at >= tree.node(self.list.at).next {
            return None;
        }
        Some(SpanRef { tree, at })
    }

    pub fn iter(self) -> impl Iterator<Item = SpanRef<'t>> {
        let tree = self.list.tree;
        tree.entries(self.list.at as usize)
            .map(move |at| SpanRef { tree, at })
    }
}

impl<'t> Members<'t> {
    pub fn len(self) -> usize {
        self.object.tree.node(self.object.at).count()
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    fn member(self, key_at: u32) -> Member<'t> {
        let tree = self.object.tree;
        Member {
            key: tree.key(key_at),
            key_offset: tree.node(key_at).offset as usize,
            value: SpanRef {
                tree,
                at: tree.node(key_at).next,
            },
        }
    }

    pub fn iter(self) -> impl Iterator<Item = Member<'t>> {
        self.object
            .tree
            .entries(self.object.at as usize)
            .map(move |at| self.member(at))
    }

    /// The member at position `i` in text order.
    pub fn get(self, i: usize) -> Option<Member<'t>> {
        self.iter().nth(i)
    }

    /// The position in text order of the member whose key is at `key_offset`.
    pub fn position(self, key_offset: usize) -> Option<usize> {
        self.iter().position(|m| m.key_offset == key_offset)
    }

    /// The last member named `key`: the one whose value counts, as in `JSON.parse`.
    pub fn find(self, key: &str) -> Option<Member<'t>> {
        let tree = self.object.tree;
        match tree.indexed(self.object.at) {
            None => tree.scan(self.object.at, key).map(|at| self.member(at)),
            Some(index) => {
                let end = index.partition_point(|&i| tree.key(i) <= key);
                let last = *index.get(end.checked_sub(1)?)?;
                (tree.key(last) == key).then(|| self.member(last))
            }
        }
    }

    /// Each key once, at its first place in the text, with the value that counts (the last
    /// given): the object as `JSON.parse` and serde_json's map see it.
    pub fn distinct(self) -> impl Iterator<Item = Member<'t>> {
        let tree = self.object.tree;
        let index = tree.indexed(self.object.at);
        let repeats = tree.node(self.object.at).a & DUPLICATES != 0;
        tree.entries(self.object.at as usize)
            .filter_map(move |key_at| {
                if !repeats {
                    return Some(self.member(key_at));
                }
                let key = tree.key(key_at);
                let (first, last) = match index {
                    Some(index) => {
                        let lo = index.partition_point(|&i| tree.key(i) < key);
                        let hi = index.partition_point(|&i| tree.key(i) <= key);
                        (*index.get(lo)?, *index.get(hi.checked_sub(1)?)?)
                    }
                    None => {
                        let mut same = tree
                            .entries(self.object.at as usize)
                            .filter(|&i| tree.key(i) == key);
                        let first = same.next()?;
                        (first, same.last().unwrap_or(first))
                    }
                };
                (first == key_at).then(|| Member {
                    key,
                    key_offset: tree.node(first).offset as usize,
                    value: self.member(last).value,
                })
            })
    }

    /// `(repeated, first)` for every key given more than once, in text order of the repeats.
    pub fn duplicates(self) -> Vec<(Member<'t>, Member<'t>)> {
        let tree = self.object.tree;
        let mut out: Vec<(u32, u32)> = Vec::new();
        match tree.indexed(self.object.at) {
            None => {
                let keys: Vec<u32> = tree.entries(self.object.at as usize).collect();
                for (j, &repeat) in keys.iter().enumerate() {
                    if let Some(&first) =
                        keys[..j].iter().find(|&&i| tree.key(i) == tree.key(repeat))
                    {
                        out.push((repeat, first));
                    }
                }
            }
            Some(index) => {
                for run in index.chunk_by(|&x, &y| tree.key(x) == tree.key(y)) {
                    out.extend(run.iter().skip(1).map(|&j| (j, run[0])));
                }
                crate::order::sort_by_key(&mut out, |&(repeat, first)| {
                    (repeat as usize, first as usize)
                });
            }
        }
        out.into_iter()
            .map(|(repeat, first)| (self.member(repeat), self.member(first)))
            .collect()
    }
}

/// The tree as nested offsets: `12`, `[3, 5]`, `{"a"@1: 6}`.
impl fmt::Debug for SpanRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape() {
            Shape::Leaf => write!(f, "{}", self.offset()),
            Shape::Array(items) => {
                write!(f, "{}", self.offset())?;
                f.debug_list().entries(items.iter()).finish()
            }
            Shape::Object(members) => {
                write!(f, "{}", self.offset())?;
                f.debug_map()
                    .entries(
                        members
                            .iter()
                            .map(|m| (format!("{:?}@{}", m.key, m.key_offset), m.value)),
                    )
                    .finish()
            }
        }
    }
}

impl fmt::Debug for SpanTree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root().fmt(f)
    }
}

/// Bytes between two character-count checkpoints of a long line.
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
    /// The number of characters before every `CHECKPOINT`-th byte, so that no column costs
    /// more than `CHECKPOINT` bytes of counting: made on the first column asked for on a long
    /// line of a text that is not all ASCII (a short line's characters are counted from its
    /// start).
    chars_before: std::cell::OnceCell<Vec<usize>>,
}

/// Characters that start in `bytes` (every byte that is not a UTF-8 continuation byte).
fn chars_in(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
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
        Lines {
            starts,
            chars_before: std::cell::OnceCell::new(),
        }
    }

    /// Characters in `text[..offset]`, through the checkpoints.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        let table = self.chars_before.get_or_init(|| {
            let mut total = 0;
            let mut out = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            for chunk in bytes.chunks(CHECKPOINT) {
                out.push(total);
                total += chars_in(chunk);
            }
            out.push(total);
            out
        });
        let k = offset / CHECKPOINT;
        table.get(k).copied().unwrap_or(0)
            + chars_in(bytes.get(k * CHECKPOINT..offset).unwrap_or_default())
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
        let column = match text.as_bytes().get(from..offset) {
            Some(line) if line.len() <= CHECKPOINT => chars_in(line),
            _ => self.chars_to(text, offset) - self.chars_to(text, from),
        };
        (to_u32(line + 1), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `grafted`, as the JavaScript API's `validateField` merged a field's value into its
    /// document on `serde_json::Value`s before: the same document, or the same refusal.
    fn graft_by_value(
        doc: &serde_json::Value,
        tokens: &[String],
        value: &serde_json::Value,
    ) -> Result<serde_json::Value, Graft> {
        use serde_json::{Map, Value};
        let mut doc = match doc {
            Value::Null => Value::Object(Map::new()),
            d => d.clone(),
        };
        if tokens.is_empty() {
            return Ok(value.clone());
        }
        let mut node = &mut doc;
        let last = tokens.len() - 1;
        for (i, token) in tokens.iter().enumerate() {
            node = match node {
                Value::Object(map) => {
                    if i == last {
                        map.insert(token.clone(), value.clone());
                        break;
                    }
                    map.entry(token.clone())
                        .or_insert_with(|| Value::Object(Map::new()))
                }
                Value::Array(items) => {
                    let idx = token
                        .parse::<usize>()
                        .ok()
                        .filter(|i| *i <= items.len())
                        .ok_or_else(|| Graft::NoElement(token.clone()))?;
                    if idx == items.len() {
                        items.push(Value::Null);
                    }
                    if i == last {
                        items[idx] = value.clone();
                        break;
                    }
                    &mut items[idx]
                }
                _ => return Err(Graft::NotContainer),
            };
        }
        Ok(doc)
    }

    #[test]
    fn grafting_a_value_is_setting_it_in_the_document() {
        use serde_json::json;
        let docs = [
            json!(null),
            json!({}),
            json!({"a": 1, "b": {"c": [1, {"d": "x"}, []], "e": null}, "f": [], "g~/h": true}),
            json!({"oauth": {"client_id": "x", "scopes": ["a", "b"]}, "extra": {"k": {"z": 1.5}}}),
            // Large enough to be indexed (more than 16 members and elements).
            json!({"big": (0..40).map(|i| json!({"i": i})).collect::<Vec<_>>(),
                   "wide": (0..30).map(|i| (format!("k{i}"), json!(i))).collect::<serde_json::Map<_, _>>()}),
        ];
        let values = [
            json!("v"),
            json!(null),
            json!([1, {"x": []}]),
            json!({"n": {"m": 2}}),
        ];
        let pointers = [
            "",
            "/a",
            "/z",
            "/b/c",
            "/b/c/0",
            "/b/c/1/d",
            "/b/c/3",
            "/b/c/4",
            "/b/c/-",
            "/b/c/01",
            "/b/c/3/x",
            "/a/x",
            "/b/e/x",
            "/f/0",
            "/f/1",
            "/g~0~1h",
            "/new/deeper/still",
            "/oauth/scopes/2",
            "/oauth/scopes/1",
            "/extra/k/z",
            "/extra/k/y/w",
            "/big/39/i",
            "/big/40",
            "/big/12/j",
            "/wide/k29",
            "/wide/k30",
            "/wide/k3/x",
            "/b/c/2/0",
        ];
        let mut checked = 0;
        for doc in &docs {
            let tree = SpanTree::from_value(doc);
            let root = (!doc.is_null()).then(|| tree.root());
            for pointer in pointers {
                let Some(tokens) = super::super::pointer::tokens(pointer) else {
                    panic!("{pointer} is a pointer");
                };
                for value in &values {
                    let want = graft_by_value(doc, &tokens, value);
                    let value_tree = SpanTree::from_value(value);
                    let got = SpanTree::grafted(root, &tokens, value_tree.root())
                        .map(|t| t.root().to_value());
                    assert_eq!(got, want, "{pointer} in {doc} set to {value}");
                    if let Ok(got) = SpanTree::grafted(root, &tokens, value_tree.root()) {
                        // The tree finds what it holds (its indexes are right).
                        assert!(got.root().agrees_with(&got.root().to_value()));
                        if let Some(at) = got.get(pointer) {
                            assert!(at.agrees_with(value), "{pointer} in {doc}");
                        }
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, docs.len() * pointers.len() * values.len());
    }

    fn object(keys: &[&str]) -> SpanTree {
        let members = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i * 10, SpanTree::leaf(i * 10 + 5)))
            .collect();
        SpanTree::object(0, members)
    }

    #[test]
    fn small_and_indexed_objects_agree() {
        let mut keys: Vec<String> = (0..40).map(|i| format!("k{}", i % 25)).collect();
        keys.push("a".into());
        for n in [3, 16, 17, keys.len()] {
            let names: Vec<&str> = keys[..n].iter().map(String::as_str).collect();
            let tree = object(&names);
            // A copy of the subtree (under a list) and the tree itself answer alike.
            let nested = SpanTree::array(0, vec![tree.clone()]);
            for tree in [&tree, &nested.root().get("/0").unwrap().to_tree()] {
                let object = tree.root().as_object().unwrap();
                assert_eq!(tree.indexed(0).is_some(), n > INDEXED_ABOVE);
                assert_eq!(object.len(), n);
                for (j, key) in names.iter().enumerate() {
                    let last = names.iter().rposition(|k| k == key).unwrap();
                    assert_eq!(
                        object.find(key).unwrap().key_offset,
                        last * 10,
                        "n={n} key={key}"
                    );
                    assert_eq!(object.find(key).unwrap().value.offset(), last * 10 + 5);
                    let first = names.iter().position(|k| k == key).unwrap();
                    let dup = object
                        .duplicates()
                        .into_iter()
                        .map(|(r, f)| (r.key_offset / 10, f.key_offset / 10))
                        .find(|&(r, _)| r == j);
                    assert_eq!(dup, (first != j).then_some((j, first)), "n={n} j={j}");
                    assert_eq!(object.position(j * 10), Some(j));
                }
                let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
                let distinct: Vec<Member> = object.distinct().collect();
                assert_eq!(distinct.len(), unique.len(), "n={n}");
                for m in &distinct {
                    let first = names.iter().position(|k| *k == m.key).unwrap();
                    let last = names.iter().rposition(|k| *k == m.key).unwrap();
                    assert_eq!(
                        (m.key_offset, m.value.offset()),
                        (first * 10, last * 10 + 5)
                    );
                }
                assert!(object.find("zz").is_none());
                assert!(object.find("").is_none());
                let repeats = object.duplicates();
                assert!(
                    repeats
                        .windows(2)
                        .all(|w| w[0].0.key_offset < w[1].0.key_offset),
                    "text order"
                );
            }
        }
    }

    #[test]
    fn flat_lists_are_found_by_position_without_an_index() {
        for n in [0, 1, 16, 17, 100] {
            let items = (0..n).map(|i| SpanTree::leaf(i * 10 + 1)).collect();
            // Alone, and inside an object after another member.
            let list = SpanTree::array(0, items);
            let nested =
                SpanTree::object(0, vec![("a", 0, SpanTree::leaf(5)), ("b", 7, list.clone())]);
            for (tree, at) in [(&list, ""), (&nested, "/b")] {
                let root = tree.root().get(at).unwrap();
                let items = root.as_array().unwrap();
                assert_eq!(items.len(), n);
                assert!(tree.index.is_empty(), "a flat list has no index");
                for i in 0..n {
                    assert_eq!(items.get(i).unwrap().offset(), i * 10 + 1);
                    assert_eq!(tree.locate(&format!("{at}/{i}")), i * 10 + 1);
                }
                assert!(items.get(n).is_none());
                assert!(items.get(n + 5).is_none());
            }
        }
    }

    #[test]
    fn lists_small_and_indexed_are_found_by_position() {
        for n in [0, 1, 16, 17, 100] {
            let items = (0..n)
                .map(|i| {
                    SpanTree::object(
                        i * 100,
                        vec![("k", i * 100 + 1, SpanTree::leaf(i * 100 + 7))],
                    )
                })
                .collect();
            let tree = SpanTree::array(3, items);
            let list = tree.root().as_array().unwrap();
            assert_eq!(list.len(), n);
            assert_eq!(tree.indexed(0).is_some(), n > INDEXED_ABOVE);
            for i in 0..n {
                assert_eq!(list.get(i).unwrap().offset(), i * 100);
                assert_eq!(tree.get(&format!("/{i}/k")).unwrap().offset(), i * 100 + 7);
                assert_eq!(tree.locate(&format!("/{i}/k")), i * 100 + 1);
                assert_eq!(tree.locate(&format!("/{i}/k/deeper")), i * 100 + 1);
            }
            assert!(list.get(n).is_none());
            assert_eq!(tree.locate(&format!("/{n}")), 3);
            assert_eq!(list.iter().count(), n);
        }
    }

    #[test]
    fn debug_shows_the_nesting() {
        let tree = SpanTree::object(
            0,
            vec![
                ("a", 1, SpanTree::leaf(6)),
                (
                    "b~/",
                    9,
                    SpanTree::array(14, vec![SpanTree::leaf(15), SpanTree::leaf(18)]),
                ),
            ],
        );
        assert_eq!(
            format!("{tree:?}"),
            r#"0{"\"a\"@1": 6, "\"b~/\"@9": 14[15, 18]}"#
        );
        assert_eq!(tree.locate("/b~0~1/1"), 18);
        assert_eq!(std::mem::size_of::<Node>(), 16);
    }

    #[test]
    fn leaves_hold_their_values() {
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!(
            r#"{{"s": "a\"b\u00e9\ud83d\ude00", "n": -1.50e3, "z": -0, "t": true, "f": false,
            "null": null, "list": [1, "x", [], {{}}, [null]], "s": "last", "big": {{{}}},
            "long": [{}]}}"#,
            many.join(", "),
            vec!["7"; 20].join(",")
        );
        let parsed = crate::json::parse(&text, 64).unwrap();
        let root = parsed.spans.root();
        assert!(root.agrees_with(&parsed.value));
        assert_eq!(root.get("/s").unwrap().as_str(), Some("last"));
        let first = root.as_object().unwrap().iter().next().unwrap().value;
        assert_eq!(first.as_str(), Some("a\"bé😀"));
        assert_eq!(root.get("/n").unwrap().number_text(), Some("-1.50e3"));
        assert_eq!(root.get("/z").unwrap().number_text(), Some("-0"));
        assert_eq!(root.get("/t").unwrap().as_bool(), Some(true));
        assert_eq!(root.get("/f").unwrap().as_bool(), Some(false));
        assert!(root.get("/null").unwrap().is_null());
        assert_eq!(root.get("/list/1").unwrap().as_str(), Some("x"));
        assert_eq!(root.get("/list/2").unwrap().scalar(), None);
        assert_eq!(root.get("/big/k39").unwrap().number_text(), Some("39"));
        assert_eq!(root.get("/long/19").unwrap().number_text(), Some("7"));
        assert_eq!(root.get("/s").unwrap().as_bool(), None);
        assert_eq!(root.get("/t").unwrap().as_str(), None);
        // A copied subtree, and a tree made of subtrees, keep the values.
        let list = root.get("/list").unwrap().to_tree();
        assert!(list.root().agrees_with(&parsed.value["list"]));
        let made = SpanTree::array(0, vec![list.clone(), root.to_tree()]);
        assert!(
            made.root()
                .get("/0")
                .unwrap()
                .agrees_with(&parsed.value["list"])
        );
        assert!(made.root().get("/1").unwrap().agrees_with(&parsed.value));
        // A value that differs anywhere does not agree.
        for pointer in ["/s", "/n", "/t", "/null", "/list/4/0", "/big/k3", "/long/0"] {
            let mut other = parsed.value.clone();
            *other.pointer_mut(pointer).unwrap() = serde_json::json!("x");
            assert!(!root.agrees_with(&other), "{pointer}");
        }
        let mut other = parsed.value.clone();
        other["big"]["extra"] = serde_json::json!(1);
        assert!(!root.agrees_with(&other));
        // Each key once, where it first appears, with its last value, as serde_json's map.
        for pointer in ["", "/big"] {
            let object = root.get(pointer).unwrap().as_object().unwrap();
            let map = parsed.value.pointer(pointer).unwrap().as_object().unwrap();
            let distinct: Vec<_> = object.distinct().collect();
            assert_eq!(distinct.len(), map.len());
            for (m, (k, v)) in distinct.iter().zip(map) {
                assert_eq!(m.key, k);
                assert!(m.value.agrees_with(v), "{k}");
            }
        }
        let repeated =
            crate::json::parse(r#"{"b": 1, "a": 2, "b": 3, "c": 4, "a": 5}"#, 8).unwrap();
        let seen: Vec<_> = (repeated.spans.root().as_object().unwrap().distinct())
            .map(|m| (m.key, m.key_offset, m.value.number_text().unwrap()))
            .collect();
        assert_eq!(seen, [("b", 1, "3"), ("a", 9, "5"), ("c", 25, "4")]);
        // The same over an indexed object (more than 16 members).
        let mut members: Vec<String> = (0..20).map(|i| format!("\"k{}\": {i}", 19 - i)).collect();
        members.extend([
            "\"k3\": 100".into(),
            "\"k17\": 101".into(),
            "\"k3\": 102".into(),
        ]);
        let text = format!("{{{}}}", members.join(", "));
        let large = crate::json::parse(&text, 8).unwrap();
        let object = large.spans.root().as_object().unwrap();
        assert!(large.spans.indexed(0).is_some());
        let distinct: Vec<_> = object.distinct().collect();
        let map = large.value.as_object().unwrap();
        assert_eq!(distinct.len(), map.len());
        for (m, (k, v)) in distinct.iter().zip(map) {
            assert_eq!(m.key, k);
            assert!(m.value.agrees_with(v), "{k}");
            assert_eq!(&text[m.key_offset + 1..m.key_offset + 1 + k.len()], k);
        }
        assert_eq!(object.find("k3").unwrap().value.number_text(), Some("102"));
        assert_eq!(root.get("/n").unwrap().a_type_name(), "a number");
        assert_eq!(root.get("/z").unwrap().a_type_name(), "an integer");
        assert_eq!(root.get("/list").unwrap().a_type_name(), "a list");
        // A tree made from the value answers alike (offsets aside).
        let made = SpanTree::from_value(&parsed.value);
        assert!(made.root().agrees_with(&parsed.value));
        assert_eq!(
            made.root().get("/n").unwrap().number_text(),
            Some("-1500.0")
        );
        assert_eq!(
            made.root().get("/big/k39").unwrap().number_text(),
            Some("39")
        );
        assert!(!made.root().agrees_with(&other));
        // A position-only leaf (a Terraform expression) has no value.
        assert_eq!(SpanTree::leaf(3).root().scalar(), None);
        let scalar = SpanTree::scalar(3, Scalar::Number("1e2"));
        assert_eq!(scalar.root().number_text(), Some("1e2"));
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
        // A long ASCII line in a text that is not all ASCII, and a long line after a short one.
        let long = format!(
            "é\n{}\n{}é{}",
            "a".repeat(2000),
            "b".repeat(700),
            "c".repeat(900)
        );
        let index = LineIndex::new(&long);
        assert_eq!(index.position(&long, 3 + 1500), (2, 1501));
        let third = 3 + 2001;
        assert_eq!(index.position(&long, third + 700 + 2 + 800), (3, 1502));
        let bom = "\u{feff}{\"a\": 1}";
        assert_eq!(LineIndex::new(bom).position(bom, 3), (1, 1));
        assert_eq!(LineIndex::new(bom).position(bom, 1), (1, 1));
    }
}
