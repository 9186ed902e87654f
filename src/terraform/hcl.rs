//! Terraform `.tf` files: every `resource` block of a known type becomes a document of its kind,
//! with the byte offset of every attribute kept for diagnostics. Values Terraform only knows at
//! apply time (references, function calls, interpolations) are *unknown*, never guessed.

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::{Element, Template};
use serde_json::{Map, Number, Value};

use super::{RESOURCE_TYPES, TfDocument, convert};
use crate::json::SpanTree;
use crate::json::pointer;

/// A parse failure: message and byte offset.
pub struct HclError {
    pub message: String,
    pub offset: usize,
}

/// Rejects nesting deeper than `max_depth` before the recursive parser sees it.
fn check_depth(text: &str, max_depth: usize) -> Result<(), HclError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > max_depth {
                    return Err(HclError {
                        message: format!("nesting deeper than {max_depth} levels"),
                        offset: i,
                    });
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

pub fn parse(text: &str, max_depth: usize) -> Result<Body, HclError> {
    check_depth(text, max_depth)?;
    hcl_edit::parser::parse_body(text).map_err(|e| {
        // The parser's message names what it expected; the offending line itself is not
        // repeated, since it may hold a secret literal.
        HclError {
            message: e.message().to_owned(),
            offset: e.location().offset(),
        }
    })
}

fn start(span: Option<std::ops::Range<usize>>) -> usize {
    span.map_or(0, |r| r.start)
}

/// The resource blocks of known types, as documents.
pub fn documents(body: &Body, text: &str) -> Vec<TfDocument> {
    let mut out = Vec::new();
    for block in body.blocks() {
        if block.ident.as_str() != "resource" || block.labels.len() != 2 {
            continue;
        }
        let rtype = block.labels[0].as_str();
        let Some((_, kind_id)) = RESOURCE_TYPES.iter().find(|(t, _)| *t == rtype) else {
            continue;
        };
        let Some(kind) = crate::kinds::find(kind_id) else {
            continue;
        };
        let mut conv = Converter {
            text,
            unknown: Vec::new(),
        };
        let (mut document, spans) = conv.body(&block.body, start(block.span()), "");
        convert::terraform_types(kind.fields(), &mut document);
        let context = integration_from_data_source(&block.body);
        out.push(TfDocument {
            kind,
            address: format!("{rtype}.{}", block.labels[1].as_str()),
            document,
            spans,
            unknown: conv.unknown,
            context,
            offset: start(block.span()),
            sensitive: Default::default(),
        });
    }
    out
}

/// `integration_id = data.paragon_integrations.x.integrations["custom.foo"].id` names the
/// integration by its key in the data source's map: `custom.*` is a custom integration.
fn integration_from_data_source(body: &Body) -> Option<Value> {
    let attr = body.get_attribute("integration_id")?;
    let Expression::Traversal(t) = &attr.value else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    if root.as_str() != "data" {
        return None;
    }
    let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
    let attr_is = |i: usize, name: &str| matches!(ops.get(i), Some(TraversalOperator::GetAttr(a)) if a.as_str() == name);
    if !(attr_is(0, "paragon_integrations") && attr_is(2, "integrations")) {
        return None;
    }
    let Some(TraversalOperator::Index(Expression::String(key))) = ops.get(3) else {
        return None;
    };
    Some(serde_json::json!({ "integration": { "type": key.value().as_str() } }))
}

/// What an expression is, for messages, without ever repeating a literal inside it.
pub fn describe_expression(expr: &Expression, text: &str) -> String {
    match expr {
        Expression::Variable(_) | Expression::Traversal(_) => {
            let raw = expr
                .span()
                .and_then(|r| text.get(r))
                .unwrap_or("a reference");
            if raw.contains('"') || raw.len() > 80 {
                "a reference".into()
            } else {
                format!("`{raw}`")
            }
        }
        Expression::FuncCall(_) => "a function call".into(),
        Expression::Conditional(_) => "a conditional expression".into(),
        Expression::ForExpr(_) => "a `for` expression".into(),
        Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
            "a string with interpolations".into()
        }
        _ => "an expression".into(),
    }
}

/// Literal text of a template without interpolations or directives, or whose interpolations are
/// themselves string literals (`"${"LIT"}ERAL"` is the literal `LITERAL`).
pub fn literal_template(t: &Template) -> Option<String> {
    let mut s = String::new();
    for e in t.iter() {
        match e {
            Element::Literal(l) => s.push_str(l.value()),
            Element::Interpolation(i) => match &i.expr {
                Expression::String(lit) => s.push_str(lit.value()),
                Expression::StringTemplate(inner) => s.push_str(&literal_template(inner)?),
                _ => return None,
            },
            _ => return None,
        }
    }
    Some(s)
}

struct Converter<'t> {
    text: &'t str,
    /// Pointers whose values are unknown until apply, with a description of the expression.
    unknown: Vec<(String, String)>,
}

impl Converter<'_> {
    fn body(&mut self, body: &Body, offset: usize, path: &str) -> (Value, SpanTree) {
        let mut map = Map::new();
        let mut members: Vec<(Box<str>, usize, SpanTree)> = Vec::new();
        for attr in body.attributes() {
            let key = attr.key.as_str();
            let child = pointer::join(path, key);
            if let Some((value, span)) = self.expr(&attr.value, &child) {
                members.push((key.into(), start(attr.key.span()), span));
                map.insert(key.to_owned(), value);
            }
        }
        // Nested blocks (`roles { ... }`) become lists of objects under the block's name.
        let mut lists: Vec<(String, usize, Vec<Value>, Vec<SpanTree>)> = Vec::new();
        for block in body.blocks() {
            let name = block.ident.as_str().to_owned();
            let pos = lists
                .iter()
                .position(|(n, ..)| *n == name)
                .unwrap_or_else(|| {
                    lists.push((
                        name.clone(),
                        start(block.ident.span()),
                        Vec::new(),
                        Vec::new(),
                    ));
                    lists.len() - 1
                });
            let index = lists[pos].2.len();
            let child = pointer::join(&pointer::join(path, &name), &index.to_string());
            let (v, s) = self.block(block, &child);
            lists[pos].2.push(v);
            lists[pos].3.push(s);
        }
        for (name, key_offset, values, spans) in lists {
            let first = spans.first().map_or(key_offset, SpanTree::offset);
            members.push((
                name.as_str().into(),
                key_offset,
                SpanTree::array(first, spans),
            ));
            map.insert(name, Value::Array(values));
        }
        (Value::Object(map), SpanTree::object(offset, members))
    }

    fn block(&mut self, block: &Block, path: &str) -> (Value, SpanTree) {
        self.body(&block.body, start(block.span()), path)
    }

    /// The value of an expression, or `None` for `null` (Terraform: the attribute is unset).
    fn expr(&mut self, expr: &Expression, path: &str) -> Option<(Value, SpanTree)> {
        let at = start(expr.span());
        let leaf = |v: Value| Some((v, SpanTree::leaf(at)));
        match expr {
            Expression::Null(_) => None,
            Expression::Bool(b) => leaf(Value::Bool(*b.value())),
            Expression::Number(n) => {
                let n = n.value();
                let v = n
                    .as_i64()
                    .map(Number::from)
                    .or_else(|| n.as_f64().and_then(Number::from_f64));
                leaf(v.map_or(Value::Null, Value::Number))
            }
            Expression::String(s) => leaf(Value::String(s.value().clone())),
            Expression::StringTemplate(t) => match literal_template(t) {
                Some(s) => leaf(Value::String(s)),
                None => self.unknown(path, "a string with interpolations", at),
            },
            Expression::HeredocTemplate(h) => match literal_template(&h.template) {
                Some(s) => leaf(Value::String(s)),
                None => self.unknown(path, "a heredoc with interpolations", at),
            },
            Expression::Parenthesis(p) => self.expr(p.inner(), path),
            Expression::UnaryOp(op)
                if matches!(op.operator.value(), hcl_edit::expr::UnaryOperator::Neg) =>
            {
                match &op.expr {
                    Expression::Number(n) => {
                        let n = n.value();
                        let v = n
                            .as_i64()
                            .map(|i| Number::from(-i))
                            .or_else(|| n.as_f64().and_then(|f| Number::from_f64(-f)));
                        leaf(v.map_or(Value::Null, Value::Number))
                    }
                    _ => self.unknown(path, "an expression", at),
                }
            }
            Expression::Array(items) => {
                let mut values = Vec::new();
                let mut spans = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let child = pointer::join(path, &i.to_string());
                    let (v, s) = self
                        .expr(item, &child)
                        .unwrap_or((Value::Null, SpanTree::leaf(start(item.span()))));
                    values.push(v);
                    spans.push(s);
                }
                Some((Value::Array(values), SpanTree::array(at, spans)))
            }
            Expression::Object(obj) => {
                let mut map = Map::new();
                let mut members: Vec<(Box<str>, usize, SpanTree)> = Vec::new();
                for (key, value) in obj.iter() {
                    let (name, key_at) = match key {
                        ObjectKey::Ident(id) => (id.as_str().to_owned(), start(id.span())),
                        ObjectKey::Expression(Expression::String(s)) => {
                            (s.value().clone(), start(s.span()))
                        }
                        ObjectKey::Expression(e) => match e {
                            Expression::Variable(v) => (v.as_str().to_owned(), start(v.span())),
                            // A computed key: the whole object is unknown.
                            _ => return self.unknown(path, "an object with computed keys", at),
                        },
                    };
                    let child = pointer::join(path, &name);
                    if let Some((v, s)) = self.expr(value.expr(), &child) {
                        members.push((name.as_str().into(), key_at, s));
                        map.insert(name, v);
                    }
                }
                Some((Value::Object(map), SpanTree::object(at, members)))
            }
            other => {
                let what = describe_expression(other, self.text);
                self.unknown(path, &what, at)
            }
        }
    }

    fn unknown(&mut self, path: &str, what: &str, at: usize) -> Option<(Value, SpanTree)> {
        self.unknown
            .push((path.to_owned(), format!("{what}, known only at apply")));
        Some((Value::Null, SpanTree::leaf(at)))
    }
}
