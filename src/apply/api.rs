//! The four Paragon endpoints `apply` uses, over any [`Transport`], with retries. Nothing here
//! prints: failures come back as values whose text holds no secret.

use std::time::Duration;

use serde_json::{Value, json};

use super::base_url::BaseUrl;
use super::retry::{self, Outcome, RetryNotice, RetryPolicy};
use super::secrets::{Redactor, Secret, server_message};
use super::transport::{Method, Request, Response, Transport};

/// A failed exchange, described for a person. Never holds a secret: server text goes through
/// [`server_message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    /// `GET /projects/…/integrations/…` (the path, never the host's credentials or a body).
    pub what: String,
    pub status: Option<u16>,
    pub message: String,
    pub attempts: u32,
    /// The request may have reached the server and been acted on.
    pub outcome_unknown: bool,
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.what, self.message)?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

/// The integration facts the provider looks up (`GET /projects/{p}/integrations/{i}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrationFacts {
    pub integration_type: String,
    pub authentication_type: Option<String>,
}

pub struct Api<'a> {
    transport: &'a dyn Transport,
    base: BaseUrl,
    policy: RetryPolicy,
    sleep: &'a dyn Fn(Duration),
    notify: &'a dyn Fn(&str),
    token: Option<Secret>,
    pub redactor: Redactor,
}

impl<'a> Api<'a> {
    pub fn new(
        transport: &'a dyn Transport,
        base: BaseUrl,
        policy: RetryPolicy,
        sleep: &'a dyn Fn(Duration),
        notify: &'a dyn Fn(&str),
        redactor: Redactor,
    ) -> Self {
        Api {
            transport,
            base,
            policy,
            sleep,
            notify,
            token: None,
            redactor,
        }
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    pub fn logged_in(&self) -> bool {
        self.token.is_some()
    }

    /// The request URL, or `None` when an id cannot be a path segment (see [`BaseUrl::join`]).
    pub fn url(&self, segments: &[&str]) -> Option<String> {
        self.base.join(segments)
    }

    /// The path of a URL for messages: no scheme or host.
    fn describe(method: Method, segments: &[&str]) -> String {
        format!("{} /{}", method.as_str(), segments.join("/"))
    }

    fn exchange(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&Value>,
    ) -> Result<(Response, u32), CallError> {
        let what = Self::describe(method, segments);
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if let Some(token) = &self.token {
            headers.push(("Authorization", format!("Bearer {}", token.expose())));
        }
        let Some(url) = self.url(segments) else {
            return Err(CallError {
                what,
                status: None,
                message: "an id is empty, `.` or `..`".into(),
                attempts: 0,
                outcome_unknown: false,
            });
        };
        let request = Request {
            method,
            url,
            headers,
            body: body.map(|b| serde_json::to_vec(b).unwrap_or_default()),
        };
        let notify = self.notify;
        let mut on_retry = |n: RetryNotice<'_>| {
            notify(&format!(
                "{what}: {}; retrying in {:.1}s (attempt {} of {})",
                n.reason,
                n.delay.as_secs_f64(),
                n.attempt + 1,
                self.policy.retries + 1
            ));
        };
        match retry::send(
            self.transport,
            &request,
            &self.policy,
            self.sleep,
            &mut on_retry,
        ) {
            Outcome::Response { response, attempts } => Ok((response, attempts)),
            Outcome::Failed { error, attempts } => Err(CallError {
                what,
                status: None,
                message: error.to_string(),
                attempts,
                outcome_unknown: method == Method::Put && error.outcome_unknown(),
            }),
            Outcome::WaitTooLong {
                status,
                seconds,
                attempts,
            } => Err(CallError {
                what,
                status: Some(status),
                message: format!(
                    "HTTP {status}: the platform asked to wait {seconds}s before retrying, more than the {}s credlint waits",
                    self.policy.max_retry_after.as_secs()
                ),
                attempts,
                outcome_unknown: false,
            }),
        }
    }

    fn status_error(
        &self,
        what: String,
        response: &Response,
        attempts: u32,
        put: bool,
    ) -> CallError {
        let reason = status_reason(response.status);
        let mut message = format!(
            "HTTP {}{}",
            response.status,
            reason.map(|r| format!(" {r}")).unwrap_or_default()
        );
        if let Some(m) = server_message(&response.body, &self.redactor) {
            message.push_str(&format!(": {m}"));
        }
        // A 5xx on the last attempt of a PUT leaves open whether the platform stored it.
        CallError {
            what,
            status: Some(response.status),
            message,
            attempts,
            outcome_unknown: put && response.status >= 500,
        }
    }

    /// `POST /auth/login/email`; the platform answers 200 or 201 with `{"accessToken"}`.
    pub fn login(&mut self, username: &str, password: &Secret) -> Result<(), CallError> {
        let segments = ["auth", "login", "email"];
        let body = json!({"username": username, "password": password.expose()});
        let (response, attempts) = self.exchange(Method::Post, &segments, Some(&body))?;
        let what = Self::describe(Method::Post, &segments);
        match response.status {
            200 | 201 => {
                let token = serde_json::from_slice::<Value>(&response.body)
                    .ok()
                    .and_then(|v| {
                        v.get("accessToken")
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                    })
                    .filter(|t| !t.is_empty());
                match token {
                    Some(t) => {
                        self.redactor.add(&t);
                        self.token = Some(Secret::new(t));
                        Ok(())
                    }
                    None => Err(CallError {
                        what,
                        status: Some(response.status),
                        message: "the login answer has no `accessToken`".into(),
                        attempts,
                        outcome_unknown: false,
                    }),
                }
            }
            401 | 403 => {
                let mut e = self.status_error(what, &response, attempts, false);
                e.message = format!("{}; check PARAGON_USERNAME and PARAGON_PASSWORD", e.message);
                Err(e)
            }
            _ => Err(self.status_error(what, &response, attempts, false)),
        }
    }

    /// `GET /projects/{p}/integrations/{i}`: `Ok(None)` when there is no such integration.
    pub fn integration(
        &self,
        project_id: &str,
        integration_id: &str,
    ) -> Result<Option<IntegrationFacts>, CallError> {
        let segments = ["projects", project_id, "integrations", integration_id];
        let (response, attempts) = self.exchange(Method::Get, &segments, None)?;
        let what = Self::describe(Method::Get, &segments);
        match response.status {
            200 => {
                let value: Value =
                    serde_json::from_slice(&response.body).map_err(|_| CallError {
                        what: what.clone(),
                        status: Some(200),
                        message: "the answer is not JSON".into(),
                        attempts,
                        outcome_unknown: false,
                    })?;
                let custom = value.get("customIntegration").filter(|c| c.is_object());
                let ty = value
                    .get("type")
                    .and_then(Value::as_str)
                    .filter(|t| !t.is_empty());
                let integration_type = match (ty, custom) {
                    (Some(t), None) => t.to_owned(),
                    (Some(t), Some(_)) if t == "custom" || t.starts_with("custom.") => t.to_owned(),
                    (_, Some(_)) => "custom".to_owned(),
                    (None, None) => {
                        return Err(CallError {
                            what,
                            status: Some(200),
                            message: "the answer has no integration `type`".into(),
                            attempts,
                            outcome_unknown: false,
                        });
                    }
                };
                let authentication_type = custom
                    .and_then(|c| c.get("authenticationType"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                Ok(Some(IntegrationFacts {
                    integration_type,
                    authentication_type,
                }))
            }
            404 => Ok(None),
            _ => Err(self.status_error(what, &response, attempts, false)),
        }
    }

    /// `GET /projects/{p}/credentials/{id}/decrypted`: `Ok(None)` when it no longer exists. The
    /// answer holds secrets: it is only compared, never shown, and every value in it joins the
    /// redactor (a later error that quotes the stored secret shows it blanked).
    pub fn decrypted_credential(
        &mut self,
        project_id: &str,
        id: &str,
    ) -> Result<Option<Value>, CallError> {
        let segments = ["projects", project_id, "credentials", id, "decrypted"];
        let (response, attempts) = self.exchange(Method::Get, &segments, None)?;
        let what = Self::describe(Method::Get, &segments);
        match response.status {
            200 => serde_json::from_slice::<Value>(&response.body)
                .map(|stored| {
                    self.redactor.add_all(&stored);
                    Some(stored)
                })
                .map_err(|_| CallError {
                    what,
                    status: Some(200),
                    message: "the answer is not JSON".into(),
                    attempts,
                    outcome_unknown: false,
                }),
            404 => Ok(None),
            _ => Err(self.status_error(what, &response, attempts, false)),
        }
    }

    /// `PUT /projects/{p}/credentials/oauth` with the wire body; only 200 is success.
    pub fn put_credential(&self, project_id: &str, body: &Value) -> Result<u32, CallError> {
        let segments = ["projects", project_id, "credentials", "oauth"];
        let (response, attempts) = self.exchange(Method::Put, &segments, Some(body))?;
        if response.status == 200 {
            Ok(attempts)
        } else {
            Err(self.status_error(
                Self::describe(Method::Put, &segments),
                &response,
                attempts,
                true,
            ))
        }
    }
}

fn status_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        201 => "Created (expected 200)",
        204 => "No Content (expected 200)",
        301 | 302 | 303 | 307 | 308 => "Redirect (not followed)",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}
