//! The seam between `apply` and the network: one request in, one response (or a classified
//! failure) out. The logic above never sees the HTTP client, and tests can count requests.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// One HTTP request. Header values and the body may hold secrets (the bearer token, the
/// password, client secrets), so `Debug` shows neither.
#[derive(Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub body: Option<Vec<u8>>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())),
            )
            .finish()
    }
}

/// A response with any status. The body may hold secrets (a decrypted credential), so `Debug`
/// does not show it.
#[derive(Clone)]
pub struct Response {
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("retry_after", &self.retry_after)
            .field("body", &format!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Why no response came back, classified so the retry policy can decide, and described without
/// anything the HTTP client's own error text might carry (URLs, bodies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportError {
    /// No connection within the connect timeout.
    ConnectTimeout,
    /// Connected, but no complete response within the request timeout.
    Timeout,
    /// The connection was closed or reset before a complete response arrived.
    Reset,
    /// Nothing listens at the address.
    Refused,
    /// The host name does not resolve.
    HostNotFound,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// The response was larger than the client accepts.
    TooLarge,
    /// The server spoke something other than HTTP/1.1, or redirected.
    Protocol,
    /// Anything else.
    Other,
}

impl TransportError {
    /// Whether trying again may help: the request may never have arrived, or the server may be
    /// back. Every request `apply` sends is idempotent (login, reads, and a PUT that sets the whole
    /// credential), so a retry after a timeout cannot apply anything twice.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            TransportError::ConnectTimeout
                | TransportError::Timeout
                | TransportError::Reset
                | TransportError::Refused
        )
    }

    /// Whether the request may have reached the server and been acted on.
    pub fn outcome_unknown(self) -> bool {
        matches!(
            self,
            TransportError::Timeout
                | TransportError::Reset
                | TransportError::Protocol
                | TransportError::Other
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportError::ConnectTimeout => "the connection timed out",
            TransportError::Timeout => "the request timed out",
            TransportError::Reset => "the connection was closed before a complete response",
            TransportError::Refused => "the connection was refused",
            TransportError::HostNotFound => "the host name does not resolve",
            TransportError::Tls => "the TLS handshake or certificate check failed",
            TransportError::TooLarge => "the response was too large",
            TransportError::Protocol => {
                "the server's response was not valid HTTP/1.1 (or was a redirect)"
            }
            TransportError::Other => "a network error occurred",
        })
    }
}

/// Sends one request, once: no retries here (see `retry`).
pub trait Transport {
    fn send(&self, request: &Request) -> Result<Response, TransportError>;
}
