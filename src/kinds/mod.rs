//! The kinds of document credlint knows. Each kind declares its structure, its semantic rules, its
//! context and (where the platform has one) its wire form.

use serde_json::Value;

use crate::diagnostic::Sink;
use crate::rules::RuleMeta;
use crate::structure::{Field, UnknownFields};

pub mod genesys_oauth_client;
pub mod itential_token;
pub mod oauth_client;
pub mod paragon_connect_options;
pub mod paragon_credentials;
pub mod paragon_custom_integration;

/// What one kind of document is and how it is checked.
pub trait Kind: Sync {
    /// The kind id, e.g. `paragon.integration-credentials`.
    fn id(&self) -> &'static str;
    fn title(&self) -> &'static str;
    fn description(&self) -> &'static str;
    /// The document's structure: the root object's fields.
    fn fields(&self) -> &'static [Field];
    /// What the document's root does with fields `fields` does not declare: closed (an error)
    /// unless the kind says otherwise.
    fn unknown_fields(&self) -> UnknownFields {
        UnknownFields::Closed
    }
    /// Root fields that may also appear language-tagged, as `name#tag` (RFC 7591 §2.2).
    fn language_tagged(&self) -> &'static [&'static str] {
        &[]
    }
    /// The kind's own rules, in catalog order (structure rules are shared and not listed): for a
    /// kind made of rule units ([`crate::rules::Unit`]), the units' order, which is the order
    /// they run in.
    fn rules(&self) -> Vec<&'static RuleMeta>;
    /// Whether the exported schema encodes this named rule (so it belongs to the structural
    /// verdict): the rules the kind's field declarations name, which both the structure check
    /// and the schema are made from.
    fn schema_encodes(&self, rule: &str) -> bool {
        crate::structure::declares(self.fields(), rule)
    }
    /// The context's structure: facts the platform would look up, given by the user.
    fn context_fields(&self) -> &'static [Field];
    /// Checks the context object's shape; `Err` says what is wrong, naming the field only.
    fn check_context(&self, context: crate::json::SpanRef<'_>) -> Result<(), String> {
        crate::structure::first_problem(self.context_fields(), context)
    }
    /// The context for `document` taken from a `paragon_integrations`-style map, if the kind can use one.
    fn context_from_integrations(
        &self,
        _document: crate::json::SpanRef<'_>,
        _integrations: &serde_json::Map<String, Value>,
    ) -> Option<Value> {
        None
    }
    /// The rule that reports a non-finite number (NaN, ±Infinity, only possible from JavaScript)
    /// at `pointer`, when the kind has a named one; otherwise `structure/type` reports it.
    fn non_finite_rule(&self, _pointer: &str) -> Option<&'static RuleMeta> {
        None
    }
    /// Semantic rules. Runs after the structural check, on any document (it must not assume the
    /// structure is right). `document` and `context` are the span trees of the document and of
    /// the context it is checked in.
    fn check(
        &self,
        document: crate::json::SpanRef<'_>,
        context: crate::json::SpanRef<'_>,
        sink: &mut Sink,
    );
    /// The rules that JSON Schema can say over the envelope (beyond the fields' schema): each an
    /// `if`/`then` clause of `schemas/envelope.schema.json`, with the rule it encodes. Every kind
    /// writes it as `rules::envelope(KIND, UNITS)`: the clauses are on the rules' units. Only
    /// in the builds that write schemas (feature `docs`).
    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)>;
    /// The body the platform's API receives, or why there is none.
    fn to_wire(&self, _document: &Value, _context: &Value) -> Result<Value, String> {
        Err(format!(
            "`{}` has no wire form: credlint does not send this kind anywhere",
            self.id()
        ))
    }
}

static KINDS: &[&dyn Kind] = &[
    &paragon_credentials::ParagonCredentials,
    &paragon_custom_integration::ParagonCustomIntegration,
    &paragon_connect_options::ParagonConnectOptions,
    &itential_token::ItentialToken,
    &genesys_oauth_client::GenesysOAuthClient,
    &oauth_client::OAuthClient,
];

pub fn all() -> &'static [&'static dyn Kind] {
    KINDS
}

pub fn find(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.id() == id)
}

pub fn ids() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.id()).collect()
}
