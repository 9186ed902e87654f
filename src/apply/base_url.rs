//! The platform's address: `https`, or plain `http` only on this machine's loopback.

use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

pub const DEFAULT_BASE_URL: &str = "https://zeus.useparagon.com";

/// A checked base URL.
#[derive(Debug, Clone)]
pub struct BaseUrl {
    url: Url,
    loopback: bool,
}

impl BaseUrl {
    /// Refuses anything that could send credentials in the clear or somewhere unexpected. The
    /// error names the problem, never echoes user information a URL might carry.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let url = Url::parse(text.trim())
            .map_err(|e| format!("the base URL is not a valid URL ({e})"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err("the base URL must not contain a user name or password: credentials come from PARAGON_USERNAME and PARAGON_PASSWORD".into());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err("the base URL must not have a query or fragment".into());
        }
        let loopback = match url.host() {
            Some(Host::Ipv4(ip)) => is_loopback_v4(ip),
            Some(Host::Ipv6(ip)) => ip == Ipv6Addr::LOCALHOST,
            Some(Host::Domain(d)) => {
                d.eq_ignore_ascii_case("localhost") || d.eq_ignore_ascii_case("localhost.")
            }
            None => return Err("the base URL has no host".into()),
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(format!(
                    "refusing plain http to `{}`: credentials would travel unencrypted; use https (http is allowed only for loopback: 127.0.0.0/8, [::1], localhost)",
                    url.host_str().unwrap_or_default()
                ));
            }
            other => return Err(format!("the base URL must use https, not `{other}`")),
        }
        Ok(BaseUrl { url, loopback })
    }

    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// The base URL followed by `segments`, each percent-encoded as one path segment, so an id
    /// cannot reach another path (`/`, `?`, `#`). `None` for a segment that URL parsers resolve
    /// instead of encoding (empty, `.`, `..`, and their percent-encoded forms).
    pub fn join(&self, segments: &[&str]) -> Option<String> {
        if !segments.iter().all(|s| usable_segment(s)) {
            return None;
        }
        let mut url = self.url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            path.extend(segments);
        }
        Some(url.into())
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }
}

/// Whether `s` can be one path segment of a request (ids come from the documents).
pub fn usable_segment(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "" | "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
    )
}

fn is_loopback_v4(ip: Ipv4Addr) -> bool {
    ip.octets()[0] == 127
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_only() {
        for ok in [
            "https://zeus.useparagon.com",
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:9",
            "http://localhost:1",
            "https://example.com/api/",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://zeus.useparagon.com",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "ftp://127.0.0.1",
            "https://user:pw@example.com",
            "https://example.com/?a=b",
            "zeus.useparagon.com",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        let err = BaseUrl::parse("https://me:topsecret@example.com").unwrap_err();
        assert!(!err.contains("topsecret"));
    }

    #[test]
    fn ids_stay_one_segment() {
        let b = BaseUrl::parse("https://example.com/api/").expect("valid");
        assert_eq!(
            b.join(&["projects", "../x?y#z", "credentials"]).as_deref(),
            Some("https://example.com/api/projects/..%2Fx%3Fy%23z/credentials")
        );
        let b = BaseUrl::parse("http://127.0.0.1:9").expect("valid");
        assert_eq!(
            b.join(&["auth", "login", "email"]).as_deref(),
            Some("http://127.0.0.1:9/auth/login/email")
        );
        for bad in ["..", ".", "", "%2E%2e", ".%2E"] {
            assert_eq!(b.join(&["projects", bad, "x"]), None, "{bad}");
        }
        assert_eq!(
            b.join(&["projects", "%2e%2e/x"]).as_deref(),
            Some("http://127.0.0.1:9/projects/%252e%252e%2Fx")
        );
    }
}
