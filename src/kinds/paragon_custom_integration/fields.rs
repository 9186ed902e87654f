//! The structure of `paragon.custom-integration`, declared once: the structural checks and the
//! exported JSON Schema both come from here.

use super::AUTH_TYPES;
use super::rules::TEST_ENDPOINT_METHOD;
use crate::structure::{Field, Format, Str, Ty};

static INPUT_FIELD: &[Field] = &[
    Field {
        name: "id",
        description: "The field's id: its value is referenced as `{{id}}` in URLs. Unique among the input fields.",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "title",
        description: "The label the Connect Portal shows the user.",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "type",
        description: "The input's type (for example `text` or `password`).",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "required",
        description: "Whether the user must fill the field (default true).",
        required: false,
        sensitive: false,
        ty: Ty::Boolean,
    },
];

static KEYED: &[Field] = &[
    Field {
        name: "key",
        description: "The parameter or header name.",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "value",
        description: "The value sent (may hold `{{fieldId}}` placeholders).",
        required: false,
        sensitive: true,
        ty: Ty::String(Str::ANY),
    },
];

static KEYED_ITEM: Ty = Ty::Object(KEYED);

static API_AUTHORIZATION: &[Field] = &[
    Field {
        name: "type",
        description: "How API requests are authenticated (SDK `RequestAuthorizationType`).",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::one_of(&[
            "none",
            "bearer",
            "basic",
            "query_params",
            "auth_header",
        ])),
    },
    Field {
        name: "token",
        description: "`bearer`: the token sent.",
        required: false,
        sensitive: true,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "username",
        description: "`basic`: the user name sent.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "password",
        description: "`basic`: the password sent.",
        required: false,
        sensitive: true,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "params",
        description: "`query_params`: the query parameters sent.",
        required: false,
        sensitive: false,
        ty: Ty::Array {
            items: &KEYED_ITEM,
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "headers",
        description: "`auth_header`: the headers sent.",
        required: false,
        sensitive: false,
        ty: Ty::Array {
            items: &KEYED_ITEM,
            min_items: 0,
            unique: None,
        },
    },
];

pub(super) static FIELDS: &[Field] = &[
    Field {
        name: "name",
        description: "A short name for the app provider. The SDK addresses the integration as `custom.<name without non-alphanumerics, lower-cased>`.",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "description",
        description: "A short description of what the app provider does.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "icon",
        description: "The app icon, SVG only: an `.svg` URL or path, an `image/svg+xml` data URL, or inline `<svg>` markup.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "accentColor",
        description: "The brand colour used in the Connect Portal's accents: `#rgb` or `#rrggbb`.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::format(Format::Colour)),
    },
    Field {
        name: "authenticationType",
        description: "`oauth` (OAuth 2.0), `oauth_client_credential` (OAuth client credentials), `oauth_password` (OAuth 2.0 ROPC) or `basic` (API keys).",
        required: true,
        sensitive: false,
        ty: Ty::String(Str::one_of(AUTH_TYPES)),
    },
    Field {
        name: "inputFields",
        description: "Fields the Connect Portal asks the user for (API keys, a subdomain...); their values are referenced as `{{id}}` in URLs. `basic` needs at least one.",
        required: false,
        sensitive: false,
        ty: Ty::Array {
            items: &Ty::Object(INPUT_FIELD),
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "oauthAuthorizationUrl",
        description: "`oauth`: the sign-in (authorization) URL that starts the OAuth 2.0 flow; absolute `https`.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthAccessTokenUrl",
        description: "The URL that exchanges a code or credentials for tokens; absolute `https`. Needed by every OAuth type.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthClientId",
        description: "`oauth`, `oauth_password`: the OAuth app's client id (with client credentials the user supplies it).",
        required: false,
        sensitive: true,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthClientSecret",
        description: "`oauth`, `oauth_password`: the OAuth app's client secret (with client credentials the user supplies it).",
        required: false,
        sensitive: true,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthScopes",
        description: "The scopes requested, one space-separated string (RFC 6749 §3.3).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "usePKCEInCodeExchange",
        description: "`oauth`: use PKCE (RFC 7636) in the authorization-code exchange.",
        required: false,
        sensitive: false,
        ty: Ty::Boolean,
    },
    Field {
        name: "oauthIncludeClientAuthorizationHeader",
        description: "OAuth: send the client id and secret in an `Authorization: Basic` header to the token endpoint.",
        required: false,
        sensitive: false,
        ty: Ty::Boolean,
    },
    Field {
        name: "apiBaseUrl",
        description: "The base URL of API requests made to this integration; absolute `https`.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "testEndpointPath",
        description: "A request, relative to the API base URL, that tests whether the user's credentials are valid.",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "testEndpointMethod",
        description: "The test endpoint's method: it must be reachable by `GET` (the default).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::one_of_rule(&["GET"], &TEST_ENDPOINT_METHOD)),
    },
    Field {
        name: "apiAuthorization",
        description: "How API requests get authenticated: `{\"type\": \"none\" | \"bearer\" | \"basic\" | \"query_params\" | \"auth_header\", ...}`.",
        required: false,
        sensitive: false,
        ty: Ty::Object(API_AUTHORIZATION),
    },
    Field {
        name: "userProfile",
        description: "Data about the user's account saved after connecting (referenced in `providerData`).",
        required: false,
        sensitive: false,
        ty: Ty::Any,
    },
    Field {
        name: "id",
        description: "Read-only: the custom integration's id (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "projectId",
        description: "Read-only: the project that authored it (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "slug",
        description: "Read-only: `custom.<slug>`, generated from the name (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "isPublished",
        description: "Read-only: whether the integration is published (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::Boolean,
    },
    Field {
        name: "dateCreated",
        description: "Read-only (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "dateUpdated",
        description: "Read-only (SDK entity).",
        required: false,
        sensitive: false,
        ty: Ty::String(Str::ANY),
    },
];
