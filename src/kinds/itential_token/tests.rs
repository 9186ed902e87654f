use serde_json::json;

use super::*;

const EXPIRES: &str = "2024-05-01T11:00:00Z";

fn config(token: Value, refresh_url: Option<&str>) -> Value {
    let mut c = json!({"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/token", "token": token});
    if let Some(u) = refresh_url {
        c["refresh_url"] = json!(u);
    }
    c
}

fn action(c: &Value, now: &str) -> TokenAction {
    token_action(c, now).expect("decides")
}

#[test]
fn valid_until_expires_at() {
    let c = config(json!({"access_token": "a", "expires_at": EXPIRES}), None);
    assert_eq!(action(&c, "2024-05-01T10:59:59Z"), TokenAction::Use);
    assert_eq!(
        action(&c, "2024-05-01T10:59:59.999999999Z"),
        TokenAction::Use
    );
    // The token expires *at* `expires_at`.
    assert_eq!(action(&c, EXPIRES), TokenAction::Fetch);
    assert_eq!(
        action(&c, "2024-05-01T12:00:00+01:00"),
        TokenAction::Fetch,
        "the same instant in another offset"
    );
    assert_eq!(action(&c, "2024-05-01T11:00:00.001Z"), TokenAction::Fetch);
}

#[test]
fn expired_refreshes_only_with_refresh_token_and_url() {
    let both = config(
        json!({"access_token": "a", "refresh_token": "r", "expires_at": EXPIRES}),
        Some("https://idp.example.com/refresh"),
    );
    assert_eq!(action(&both, EXPIRES), TokenAction::Refresh);
    assert_eq!(action(&both, "2024-05-01T10:00:00Z"), TokenAction::Use);
    let no_url = config(
        json!({"access_token": "a", "refresh_token": "r", "expires_at": EXPIRES}),
        None,
    );
    assert_eq!(action(&no_url, EXPIRES), TokenAction::Fetch);
    let empty_url = config(
        json!({"access_token": "a", "refresh_token": "r", "expires_at": EXPIRES}),
        Some(""),
    );
    assert_eq!(action(&empty_url, EXPIRES), TokenAction::Fetch);
    let no_token = config(
        json!({"access_token": "a", "expires_at": EXPIRES}),
        Some("https://idp.example.com/refresh"),
    );
    assert_eq!(action(&no_token, EXPIRES), TokenAction::Fetch);
    let empty_token = config(
        json!({"access_token": "a", "refresh_token": "", "expires_at": EXPIRES}),
        Some("https://idp.example.com/refresh"),
    );
    assert_eq!(action(&empty_token, EXPIRES), TokenAction::Fetch);
}

#[test]
fn refresh_url_from_the_openapi_flow() {
    let c = json!({"username": "u", "password": "p", "token": {"access_token": "a", "refresh_token": "r", "expires_at": EXPIRES},
                   "openapi": {"components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/token", "refreshUrl": "https://idp.example.com/refresh"}}}}}}});
    assert_eq!(action(&c, EXPIRES), TokenAction::Refresh);
}

#[test]
fn missing_times_and_tokens() {
    // No token at all, or an empty access token: fetch.
    assert_eq!(
        action(&json!({"flow": "password"}), EXPIRES),
        TokenAction::Fetch
    );
    assert_eq!(
        action(&config(json!(null), None), EXPIRES),
        TokenAction::Fetch
    );
    assert_eq!(
        action(&config(json!({}), None), EXPIRES),
        TokenAction::Fetch
    );
    assert_eq!(
        action(
            &config(json!({"access_token": "", "expires_at": EXPIRES}), None),
            "2000-01-01T00:00:00Z"
        ),
        TokenAction::Fetch
    );
    // An access token without `expires_at` (hand-entered): used as is, whatever the time.
    assert_eq!(
        action(
            &config(json!({"access_token": "a"}), None),
            "2999-01-01T00:00:00Z"
        ),
        TokenAction::Use
    );
    assert_eq!(
        action(
            &config(json!({"access_token": "a", "expires_at": ""}), None),
            "2999-01-01T00:00:00Z"
        ),
        TokenAction::Use
    );
    // `created_at + expires_in` does not stand in for `expires_at`: the platform reads only that.
    let c = config(
        json!({"access_token": "a", "created_at": "2024-05-01T10:00:00Z", "expires_in": 60}),
        None,
    );
    assert_eq!(action(&c, "2999-01-01T00:00:00Z"), TokenAction::Use);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let c = config(
        json!({"access_token": "SECRETVALUE", "expires_at": EXPIRES}),
        None,
    );
    for now in [
        "",
        "yesterday",
        "2024-05-01",
        "2024-02-30T00:00:00Z",
        "2024-05-01T11:00:00",
    ] {
        let e = token_action(&c, now).expect_err(now);
        assert!(e.starts_with("`now`:"), "{e}");
    }
    for expires in [
        json!("2024-13-01T00:00:00Z"),
        json!("soon"),
        json!(1714561200),
    ] {
        let c = config(
            json!({"access_token": "SECRETVALUE", "expires_at": expires}),
            None,
        );
        let e = token_action(&c, EXPIRES).expect_err("bad expires_at");
        assert!(
            e.contains("token.expires_at") && !e.contains("SECRETVALUE"),
            "{e}"
        );
    }
    for c in [
        json!([]),
        json!("x"),
        json!({"token": "x"}),
        json!({"token": {"access_token": 5}}),
    ] {
        let e = token_action(&c, EXPIRES).expect_err("bad shape");
        assert!(!e.is_empty());
    }
}

#[test]
fn names_are_the_wire_names() {
    assert_eq!(TokenAction::Use.as_str(), "use");
    assert_eq!(
        serde_json::to_value(TokenAction::Refresh).unwrap(),
        json!("refresh")
    );
    assert_eq!(TokenAction::Fetch.as_str(), "fetch");
}
