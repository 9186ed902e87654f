//! `secrets/hardcoded-secret` and `secrets/sensitive-output` over a parsed `.tf` file (feature
//! `terraform`; the rules themselves are in `secrets`).

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey, Traversal, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::visit::{Visit, visit_traversal};

use super::SECRET_ATTRIBUTES;
use super::hcl::literal_template;
use crate::diagnostic::{Diagnostic, Sink};
use crate::fix::{Op, Proposed};
use crate::json::pointer;
use crate::policy::Policy;
use crate::rules::RuleMeta;
use crate::secrets::{HARDCODED_SECRET, SECRET_NAMES, SENSITIVE_OUTPUT, secret_variable_name};
use crate::text::describe;

fn diagnostic<'s>(
    sink: &'s mut Sink,
    rule: &'static RuleMeta,
    path: String,
    resource: String,
    offset: usize,
    message: String,
    hint: &str,
) -> crate::diagnostic::Reported<'s> {
    sink.report(rule, path, message)
        .hint(hint)
        .at(offset)
        .resource(resource)
}

/// What a fix of a `.tf` file needs to know about the text: where it ends, its line ending, and
/// the variables it declares.
struct TfText {
    len: usize,
    newline: &'static str,
    ends_with_newline: bool,
    variables: Vec<String>,
    /// The name of the block being scanned (its last label), for variable names.
    block: String,
}

impl TfText {
    fn new(body: &Body, text: &str) -> Self {
        TfText {
            len: text.len(),
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
            ends_with_newline: text.ends_with('\n'),
            variables: body
                .blocks()
                .filter(|b| b.ident.as_str() == "variable")
                .filter_map(|b| b.labels.first().map(|l| l.as_str().to_owned()))
                .collect(),
            block: String::new(),
        }
    }

    /// The literal at `start..end` replaced by `var.NAME`, and `variable "NAME"` declared
    /// `sensitive = true` at the end of the file (unsafe: the value must now be given at apply
    /// time). `None` when such a variable is declared already.
    fn fix(&self, key: &str, start: usize, end: usize) -> Option<Proposed> {
        let name: String = format!("{}_{key}", self.block)
            .trim_start_matches('_')
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        if name.is_empty()
            || name.starts_with(|c: char| c.is_ascii_digit())
            || self.variables.contains(&name)
        {
            return None;
        }
        let nl = self.newline;
        let lead = if self.ends_with_newline {
            nl.to_owned()
        } else {
            format!("{nl}{nl}")
        };
        let block = format!(
            "{lead}variable \"{name}\" {{{nl}  type      = string{nl}  sensitive = true{nl}}}{nl}"
        );
        Some(Proposed::unsafe_(
            format!("replace the literal with `var.{name}`, declared `sensitive = true`"),
            Op::Raw(vec![
                (start, end, format!("var.{name}")),
                (self.len, self.len, block),
            ]),
        ))
    }
}

/// The address a block is known by: `paragon_integration_credentials.jira`, `provider.paragon`.
fn address(block: &Block) -> String {
    let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
    match (block.ident.as_str(), labels.as_slice()) {
        ("resource", [t, n]) => format!("{t}.{n}"),
        ("data", [t, n]) => format!("data.{t}.{n}"),
        (ident, []) => ident.to_owned(),
        (ident, ls) => format!("{ident}.{}", ls.join(".")),
    }
}

fn literal_secret(expr: &Expression) -> bool {
    match expr {
        Expression::String(s) => !s.value().is_empty(),
        Expression::StringTemplate(t) => literal_template(t).is_some_and(|s| !s.is_empty()),
        Expression::HeredocTemplate(h) => {
            literal_template(&h.template).is_some_and(|s| !s.is_empty())
        }
        Expression::Parenthesis(p) => literal_secret(p.inner()),
        _ => false,
    }
}

/// Literal secrets anywhere in a body: attributes, nested objects and nested blocks.
fn scan_body(body: &Body, path: &str, resource: &str, tf: &TfText, sink: &mut Sink) {
    for attr in body.attributes() {
        scan_value(
            attr.key.as_str(),
            &attr.value,
            path,
            resource,
            Some(tf),
            sink,
        );
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for block in body.blocks() {
        let name = block.ident.as_str().to_owned();
        let i = match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => {
                *c += 1;
                *c
            }
            None => {
                counts.push((name.clone(), 0));
                0
            }
        };
        scan_body(
            &block.body,
            &pointer::join(&pointer::join(path, &name), &i.to_string()),
            resource,
            tf,
            sink,
        );
    }
}

fn scan_value(
    key: &str,
    expr: &Expression,
    path: &str,
    resource: &str,
    tf: Option<&TfText>,
    sink: &mut Sink,
) {
    let here = pointer::join(path, key);
    if SECRET_NAMES.contains(&key) && literal_secret(expr) {
        let offset = expr.span().map_or(0, |r| r.start);
        let fix = tf
            .zip(expr.span())
            .and_then(|(tf, r)| tf.fix(key, r.start, r.end));
        let d = diagnostic(
            sink,
            &HARDCODED_SECRET,
            here.clone(),
            resource.to_owned(),
            offset,
            format!(
                "{} holds a literal secret in a Terraform file",
                describe(&here)
            ),
            "reference a variable marked `sensitive = true` (`var.x`) or a secret store instead, and rotate the secret: it is in the repository's history",
        );
        if let Some(fix) = fix {
            d.fix(fix);
        }
    }
    if let Expression::Object(obj) = expr {
        for (k, v) in obj.iter() {
            let name = match k {
                ObjectKey::Ident(id) => id.as_str().to_owned(),
                ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                _ => continue,
            };
            scan_value(&name, v.expr(), &here, resource, tf, sink);
        }
    }
}

/// Finds references to secret attributes of known resources inside an expression.
struct SecretRefs {
    found: Option<usize>,
}

impl Visit for SecretRefs {
    fn visit_traversal(&mut self, node: &Traversal) {
        if self.found.is_none()
            && let Expression::Variable(root) = &node.expr
            && let Some((_, attrs)) = SECRET_ATTRIBUTES.iter().find(|(t, _)| *t == root.as_str())
        {
            // `type.name[...]...`: skip the name and any index or splat, then look at the first
            // attribute: none (the whole resource) or a secret one exposes a secret.
            let mut rest = node
                .operators
                .iter()
                .map(|o| o.value())
                .skip(1)
                .filter(|o| matches!(o, TraversalOperator::GetAttr(_)));
            let exposes = match rest.next() {
                None => true,
                Some(TraversalOperator::GetAttr(a)) => attrs.contains(&a.as_str()),
                Some(_) => false,
            };
            if exposes {
                self.found = Some(node.span().map_or(0, |r| r.start));
            }
        }
        visit_traversal(self, node);
    }
}

fn scan_output(block: &Block, sink: &mut Sink) {
    let sensitive = block
        .body
        .get_attribute("sensitive")
        .is_some_and(|a| matches!(&a.value, Expression::Bool(b) if *b.value()));
    if sensitive {
        return;
    }
    let Some(value) = block.body.get_attribute("value") else {
        return;
    };
    let mut refs = SecretRefs { found: None };
    refs.visit_expr(&value.value);
    if let Some(offset) = refs.found {
        diagnostic(
            sink,
            &SENSITIVE_OUTPUT,
            String::new(),
            address(block),
            offset,
            "this output exposes a secret attribute without `sensitive = true`".into(),
            "add `sensitive = true` to the output block, or output a non-secret attribute",
        );
    }
}

/// A `variable` whose name says it holds a secret, with a literal `default`.
fn scan_variable(block: &Block, sink: &mut Sink) {
    let Some(name) = block
        .labels
        .first()
        .map(|l| l.as_str().to_ascii_lowercase())
    else {
        return;
    };
    let secret_name = secret_variable_name(&name);
    if let Some(default) = block.body.get_attribute("default")
        && secret_name
        && literal_secret(&default.value)
    {
        let offset = default.value.span().map_or(0, |r| r.start);
        diagnostic(
            sink,
            &HARDCODED_SECRET,
            String::new(),
            address(block),
            offset,
            "this variable's `default` is a literal secret".into(),
            "remove the default and pass the value at apply time (`TF_VAR_…`, a `.tfvars` file kept out of the repository, or a secret store)",
        );
    }
}

/// Secret findings of a `.tfvars` file (variable values), with byte offsets (placed by the
/// caller).
pub fn scan_tfvars(body: &Body, policy: &Policy) -> Vec<Diagnostic> {
    let mut sink = Sink::new(policy);
    for attr in body.attributes() {
        let name = attr.key.as_str();
        if secret_variable_name(name) && literal_secret(&attr.value) {
            let offset = attr.value.span().map_or(0, |r| r.start);
            diagnostic(
                &mut sink,
                &HARDCODED_SECRET,
                String::new(),
                format!("var.{name}"),
                offset,
                "this variable's value is a literal secret in a `.tfvars` file".into(),
                TFVARS_HINT,
            );
        } else {
            scan_value(
                name,
                &attr.value,
                "",
                &format!("var.{name}"),
                None,
                &mut sink,
            );
        }
    }
    sink.diagnostics
}

/// What to do about a secret in a variables file.
pub const TFVARS_HINT: &str = "keep secrets out of the repository: pass them as `TF_VAR_…` environment variables or from a secret store, keep variable files that hold secrets out of version control, and rotate this one: it is in the repository's history";

/// Secret findings of a `.tf` file, with byte offsets (placed by the caller). Paths inside a
/// resource block are pointers into that resource's document.
pub fn scan(body: &Body, policy: &Policy, text: &str) -> Vec<Diagnostic> {
    let mut sink = Sink::new(policy);
    let mut tf = TfText::new(body, text);
    for block in body.blocks() {
        match block.ident.as_str() {
            "output" => scan_output(block, &mut sink),
            "variable" => scan_variable(block, &mut sink),
            _ => {
                tf.block = block
                    .labels
                    .last()
                    .map_or(block.ident.as_str(), |l| l.as_str())
                    .to_owned();
                scan_body(&block.body, "", &address(block), &tf, &mut sink);
            }
        }
    }
    sink.diagnostics
}
