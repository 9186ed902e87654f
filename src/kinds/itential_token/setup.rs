//! What a configuration says about how the platform gets its token: the flow (from `flow` or from
//! the OpenAPI document's first security scheme) and the token and refresh endpoints. Shared by
//! the rules and by [`super::token_action`], so both read a configuration the same way.

use crate::json::Lookup;
use serde_json::{Map, Value};

use crate::json::pointer;

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
        flow: Option<&'a Map<String, Value>>,
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

pub fn read_openapi(doc: &Value) -> OpenApi<'_> {
    let schemes = doc
        .field("openapi")
        .and_then(|o| o.field("components"))
        .and_then(|c| c.field("securitySchemes"))
        .and_then(Value::as_object);
    let Some(schemes) = schemes else {
        return OpenApi {
            schemes: Vec::new(),
            first: Scheme::Absent,
        };
    };
    let names: Vec<&str> = schemes.keys().map(String::as_str).collect();
    let first = match schemes.iter().next() {
        None => Scheme::Absent,
        Some((name, scheme)) => {
            let path = pointer::join(SCHEMES_PATH, name);
            let ty = scheme.field("type").and_then(Value::as_str);
            if ty != Some("oauth2") {
                let at = if scheme.field("type").is_some() {
                    pointer::join(&path, "type")
                } else {
                    path
                };
                Scheme::NotOAuth { path: at, ty }
            } else {
                let flows = scheme.field("flows").and_then(Value::as_object);
                let flows_path = pointer::join(&path, "flows");
                match flows.and_then(|f| f.iter().find(|(k, _)| SUPPORTED.contains(&k.as_str()))) {
                    Some((name, flow)) => Scheme::Flow {
                        name: name.as_str(),
                        path: pointer::join(&flows_path, name),
                        flow: flow.as_object(),
                    },
                    None => Scheme::NoSupportedFlow {
                        path: if flows.is_some() { flows_path } else { path },
                        flows: flows
                            .map(|f| f.keys().map(String::as_str).collect())
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
    doc: &'a Value,
    field: &str,
    openapi: &OpenApi<'a>,
    openapi_field: &str,
) -> Option<Endpoint<'a>> {
    if let Some(url) = doc
        .field(field)
        .and_then(Value::as_str)
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
                .and_then(Value::as_str)
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
pub fn text<'a>(obj: Option<&'a Value>, key: &str) -> Option<&'a str> {
    obj?.field(key)?.as_str().filter(|s| !s.is_empty())
}

/// Whether `url` is an absolute `http(s)` URL with a host, which a token request needs.
pub fn usable_url(url: &str) -> bool {
    match crate::weburl::parse(url) {
        Ok(u) => matches!(u.scheme(), "https" | "http") && u.host().is_some() && url.trim() == url,
        Err(_) => false,
    }
}
