//! What a configuration says about how the platform gets its token: the flow (from `flow` or from
//! the OpenAPI document's first security scheme) and the token and refresh endpoints. Shared by
//! the rules and by [`super::token_action`], so both read a configuration the same way.

use crate::json::{SpanRef, pointer};

/// The flows the platform retrieves tokens for (seed 002).
pub const SUPPORTED: &[&str] = &["password", "clientCredentials"];

/// The outcome of reading `openapi.components.securitySchemes`, as the platform does: first
/// scheme only.
pub enum Scheme<'a> {
    /// No OpenAPI document, or no security scheme in it.
    Absent,
    /// The first scheme is OAuth 2 with a supported flow.
    Flow {
        name: &'a str,
        path: String,
        /// The flow's object, when it is one.
        flow: Option<SpanRef<'a>>,
    },
    /// The first scheme is not OAuth 2 (`apiKey`, `http`, ...): no token management.
    NotOAuth { path: String, ty: Option<&'a str> },
    /// OAuth 2, but none of its flows is supported.
    NoSupportedFlow { path: String, flows: Vec<&'a str> },
}

pub struct OpenApi<'a> {
    /// Every scheme, in document order.
    pub schemes: Vec<&'a str>,
    pub first: Scheme<'a>,
}

pub const SCHEMES_PATH: &str = "/openapi/components/securitySchemes";

pub fn read_openapi(doc: SpanRef<'_>) -> OpenApi<'_> {
    let schemes = doc
        .field("openapi")
        .and_then(|o| o.field("components"))
        .and_then(|c| c.field("securitySchemes"))
        .and_then(SpanRef::as_object);
    let Some(schemes) = schemes else {
        return OpenApi {
            schemes: Vec::new(),
            first: Scheme::Absent,
        };
    };
    // Each name once, as `JSON.parse` reads the object (a repeated name's last value counts).
    let names: Vec<&str> = schemes.distinct().map(|m| m.key).collect();
    let first = match schemes.distinct().next() {
        None => Scheme::Absent,
        Some(first) => {
            let (name, scheme) = (first.key, first.value);
            let path = pointer::join(SCHEMES_PATH, name);
            let ty = scheme.field("type").and_then(SpanRef::as_str);
            if ty != Some("oauth2") {
                let at = if scheme.field("type").is_some() {
                    pointer::join(&path, "type")
                } else {
                    path
                };
                Scheme::NotOAuth { path: at, ty }
            } else {
                let flows = scheme.field("flows").and_then(SpanRef::as_object);
                let flows_path = pointer::join(&path, "flows");
                match flows.and_then(|f| f.distinct().find(|m| SUPPORTED.contains(&m.key))) {
                    Some(flow) => Scheme::Flow {
                        name: flow.key,
                        path: pointer::join(&flows_path, flow.key),
                        flow: Some(flow.value).filter(|f| f.as_object().is_some()),
                    },
                    None => Scheme::NoSupportedFlow {
                        path: if flows.is_some() { flows_path } else { path },
                        flows: flows
                            .map(|f| f.distinct().map(|m| m.key).collect())
                            .unwrap_or_default(),
                    },
                }
            }
        }
    };
    OpenApi {
        schemes: names,
        first,
    }
}

/// An endpoint and where it was written.
pub struct Endpoint<'a> {
    pub url: &'a str,
    pub path: String,
}

/// The document's own field when it is a non-empty string, else the OpenAPI flow's (the platform
/// fills the instance's fields from the OpenAPI document).
pub fn endpoint<'a>(
    doc: SpanRef<'a>,
    field: &str,
    openapi: &OpenApi<'a>,
    openapi_field: &str,
) -> Option<Endpoint<'a>> {
    if let Some(url) = doc
        .field(field)
        .and_then(SpanRef::as_str)
        .filter(|s| !s.is_empty())
    {
        return Some(Endpoint {
            url,
            path: pointer::join("", field),
        });
    }
    match &openapi.first {
        Scheme::Flow {
            path,
            flow: Some(flow),
            ..
        } => {
            let url = flow
                .field(openapi_field)
                .and_then(SpanRef::as_str)
                .filter(|s| !s.is_empty())?;
            Some(Endpoint {
                url,
                path: pointer::join(path, openapi_field),
            })
        }
        _ => None,
    }
}

/// A non-empty string at `key` of `obj`.
pub fn text<'a>(obj: Option<SpanRef<'a>>, key: &str) -> Option<&'a str> {
    obj?.field(key)?.as_str().filter(|s| !s.is_empty())
}

/// Whether `url` is an absolute `http(s)` URL with a host, which a token request needs.
pub fn usable_url(url: &str) -> bool {
    match crate::weburl::parse(url) {
        Ok(u) => matches!(u.scheme(), "https" | "http") && u.host().is_some() && url.trim() == url,
        Err(_) => false,
    }
}
