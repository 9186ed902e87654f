//! Bounded retries with exponential backoff and jitter: on 429 and 5xx (honouring `Retry-After`
//! in seconds on 429 and 503) and on transient network failures; never on other statuses, which
//! the caller judges.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use super::transport::{Request, Response, Transport, TransportError};

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; each retry doubles it.
    pub base_delay: Duration,
    /// No backoff is longer than this.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a server that asks for more is not retried.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// What happened to a request after all its attempts.
#[derive(Debug)]
pub enum Outcome {
    /// A response that is not retried (any status but 429 and 5xx), or the last retried one.
    Response { response: Response, attempts: u32 },
    /// No response on the last attempt.
    Failed {
        error: TransportError,
        attempts: u32,
    },
    /// 429 or 503 with a `Retry-After` longer than the policy allows: given up without waiting.
    WaitTooLong {
        status: u16,
        seconds: u64,
        attempts: u32,
    },
}

/// Why a retry is about to happen, for a notice on stderr.
pub struct RetryNotice<'a> {
    pub request: &'a Request,
    pub attempt: u32,
    pub reason: String,
    pub delay: Duration,
}

pub fn is_retried_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// The delay before retry number `retry` (0-based): exponential, capped, with "equal jitter"
/// (half fixed, half random) so that many clients do not retry in step.
pub fn backoff(policy: &RetryPolicy, retry: u32, random: u64) -> Duration {
    let exp = policy
        .base_delay
        .saturating_mul(1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX));
    let full = exp.min(policy.max_delay);
    let half = full / 2;
    let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
    let extra = if jitter_ms == 0 {
        0
    } else {
        random % (jitter_ms + 1)
    };
    half + Duration::from_millis(extra)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the platform; it falls back to
/// the backoff).
pub fn retry_after_seconds(value: Option<&str>) -> Option<u64> {
    value?.trim().parse::<u64>().ok()
}

pub fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}

/// Sends `request`, retrying as the policy says. `sleep` and `notify` are the only side effects
/// besides the transport, so tests can run this without waiting.
pub fn send(
    transport: &dyn Transport,
    request: &Request,
    policy: &RetryPolicy,
    sleep: &dyn Fn(Duration),
    notify: &mut dyn FnMut(RetryNotice<'_>),
) -> Outcome {
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let last = attempt > policy.retries;
        let (reason, delay) = match transport.send(request) {
            Ok(response) if !is_retried_status(response.status) || last => {
                return Outcome::Response {
                    response,
                    attempts: attempt,
                };
            }
            Ok(response) => {
                let asked = if matches!(response.status, 429 | 503) {
                    retry_after_seconds(response.retry_after.as_deref())
                } else {
                    None
                };
                match asked {
                    Some(seconds) if Duration::from_secs(seconds) > policy.max_retry_after => {
                        return Outcome::WaitTooLong {
                            status: response.status,
                            seconds,
                            attempts: attempt,
                        };
                    }
                    Some(seconds) => (
                        format!("HTTP {} (Retry-After: {seconds}s)", response.status),
                        Duration::from_secs(seconds),
                    ),
                    None => (
                        format!("HTTP {}", response.status),
                        backoff(policy, attempt - 1, random_u64()),
                    ),
                }
            }
            Err(error) if error.is_transient() && !last => (
                error.to_string(),
                backoff(policy, attempt - 1, random_u64()),
            ),
            Err(error) => {
                return Outcome::Failed {
                    error,
                    attempts: attempt,
                };
            }
        };
        notify(RetryNotice {
            request,
            attempt,
            reason,
            delay,
        });
        sleep(delay);
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::apply::transport::Method;

    struct Script {
        answers: RefCell<Vec<Result<Response, TransportError>>>,
        sent: RefCell<u32>,
    }

    impl Transport for Script {
        fn send(&self, _request: &Request) -> Result<Response, TransportError> {
            *self.sent.borrow_mut() += 1;
            let mut answers = self.answers.borrow_mut();
            if answers.is_empty() {
                Err(TransportError::Other)
            } else {
                answers.remove(0)
            }
        }
    }

    fn status(status: u16, retry_after: Option<&str>) -> Result<Response, TransportError> {
        Ok(Response {
            status,
            retry_after: retry_after.map(str::to_owned),
            body: Vec::new(),
        })
    }

    fn run(
        answers: Vec<Result<Response, TransportError>>,
        retries: u32,
    ) -> (Outcome, u32, Vec<Duration>) {
        let script = Script {
            answers: RefCell::new(answers),
            sent: RefCell::new(0),
        };
        let request = Request {
            method: Method::Get,
            url: "http://127.0.0.1/x".into(),
            headers: Vec::new(),
            body: None,
        };
        let policy = RetryPolicy {
            retries,
            ..RetryPolicy::default()
        };
        let slept = RefCell::new(Vec::new());
        let outcome = send(
            &script,
            &request,
            &policy,
            &|d| slept.borrow_mut().push(d),
            &mut |_| {},
        );
        let sent = *script.sent.borrow();
        (outcome, sent, slept.into_inner())
    }

    #[test]
    fn success_is_not_retried() {
        let (outcome, sent, slept) = run(vec![status(200, None)], 3);
        assert!(matches!(outcome, Outcome::Response { attempts: 1, .. }));
        assert_eq!((sent, slept.len()), (1, 0));
    }

    #[test]
    fn other_4xx_is_not_retried() {
        for code in [400, 401, 403, 404, 409, 422] {
            let (outcome, sent, _) = run(vec![status(code, None), status(200, None)], 3);
            assert!(
                matches!(outcome, Outcome::Response { ref response, .. } if response.status == code)
            );
            assert_eq!(sent, 1, "HTTP {code}");
        }
    }

    #[test]
    fn server_errors_and_resets_are_retried_then_succeed() {
        let (outcome, sent, slept) = run(
            vec![
                status(500, None),
                Err(TransportError::Reset),
                status(503, None),
                status(200, None),
            ],
            3,
        );
        assert!(
            matches!(outcome, Outcome::Response { ref response, attempts: 4 } if response.status == 200)
        );
        assert_eq!((sent, slept.len()), (4, 3));
    }

    #[test]
    fn retries_are_bounded() {
        let (outcome, sent, _) = run(vec![status(502, None); 10], 2);
        assert!(
            matches!(outcome, Outcome::Response { ref response, attempts: 3 } if response.status == 502)
        );
        assert_eq!(sent, 3);
        let (outcome, sent, _) = run(vec![Err(TransportError::Timeout); 10], 2);
        assert!(matches!(
            outcome,
            Outcome::Failed {
                error: TransportError::Timeout,
                attempts: 3
            }
        ));
        assert_eq!(sent, 3);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let (_, sent, slept) = run(vec![status(429, Some("2")), status(200, None)], 3);
        assert_eq!(sent, 2);
        assert_eq!(slept, vec![Duration::from_secs(2)]);
        let (outcome, sent, slept) = run(vec![status(429, Some("3600")), status(200, None)], 3);
        assert!(matches!(
            outcome,
            Outcome::WaitTooLong {
                status: 429,
                seconds: 3600,
                attempts: 1
            }
        ));
        assert_eq!((sent, slept.len()), (1, 0));
    }

    #[test]
    fn permanent_network_failures_are_not_retried() {
        let (outcome, sent, _) = run(vec![Err(TransportError::Tls), status(200, None)], 3);
        assert!(matches!(
            outcome,
            Outcome::Failed {
                error: TransportError::Tls,
                attempts: 1
            }
        ));
        assert_eq!(sent, 1);
    }

    #[test]
    fn backoff_grows_within_bounds() {
        let p = RetryPolicy::default();
        for retry in 0..10 {
            let full = p.base_delay.saturating_mul(1 << retry).min(p.max_delay);
            for random in [0, 1, 7919, u64::MAX] {
                let d = backoff(&p, retry, random);
                assert!(
                    d >= full / 2 && d <= full,
                    "retry {retry}: {d:?} not within [{:?}, {full:?}]",
                    full / 2
                );
            }
        }
    }
}
