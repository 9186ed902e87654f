//! [`Transport`] over `ureq` (blocking, rustls, no async runtime). Every error of the client is
//! classified here and its own text dropped: it may embed the URL or parts of a body.

use std::time::Duration;

use super::transport::{Method, Request, Response, Transport, TransportError};

/// Largest response body read; Paragon's answers are a few kilobytes.
const MAX_BODY: u64 = 1024 * 1024;

pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// `loopback`: the base URL is on this machine, so plain `http` is allowed and no proxy from
    /// the environment is used for it.
    pub fn new(connect_timeout: Duration, request_timeout: Duration, loopback: bool) -> Self {
        let mut config = ureq::Agent::config_builder()
            .timeout_connect(Some(connect_timeout))
            .timeout_global(Some(request_timeout))
            .http_status_as_error(false)
            // A redirect is an answer like any other non-200: never followed with the token.
            .max_redirects(0)
            .https_only(!loopback)
            .user_agent(concat!("credlint/", env!("CARGO_PKG_VERSION")));
        if loopback {
            config = config.proxy(None);
        }
        UreqTransport {
            agent: config.build().into(),
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let url = request.url.as_str();
        let result = match request.method {
            Method::Get => {
                let mut builder = self.agent.get(url);
                for (name, value) in &request.headers {
                    builder = builder.header(*name, value.as_str());
                }
                builder.call()
            }
            Method::Post | Method::Put => {
                let mut builder = if request.method == Method::Post {
                    self.agent.post(url)
                } else {
                    self.agent.put(url)
                };
                for (name, value) in &request.headers {
                    builder = builder.header(*name, value.as_str());
                }
                match &request.body {
                    Some(body) => builder
                        .header("Content-Type", "application/json")
                        .send(body.as_slice()),
                    None => builder.send_empty(),
                }
            }
        };
        let mut response = result.map_err(classify)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().chars().take(64).collect::<String>());
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(classify)?;
        Ok(Response {
            status,
            retry_after,
            body,
        })
    }
}

fn classify(error: ureq::Error) -> TransportError {
    use std::io::ErrorKind;
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            TransportError::ConnectTimeout
        }
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => TransportError::Timeout,
            ErrorKind::ConnectionRefused => TransportError::Refused,
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof
            | ErrorKind::BrokenPipe => TransportError::Reset,
            _ => TransportError::Other,
        },
        ureq::Error::HostNotFound => TransportError::HostNotFound,
        ureq::Error::ConnectionFailed => TransportError::Refused,
        ureq::Error::Tls(_) | ureq::Error::Pem(_) | ureq::Error::Rustls(_) => TransportError::Tls,
        ureq::Error::BodyExceedsLimit(_) => TransportError::TooLarge,
        ureq::Error::Protocol(_) | ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            TransportError::Protocol
        }
        _ => TransportError::Other,
    }
}
