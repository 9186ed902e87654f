//! The structure of `paragon.custom-integration`, declared once: the structural checks and the
//! exported JSON Schema both come from here.

use super::AUTH_TYPES;
use super::TEST_ENDPOINT_METHOD;
use crate::rules::doc;
use crate::structure::{Field, Format, Role, Str, Ty};

static INPUT_FIELD: &[Field] = &[
    Field {
        name: "id",
        label: "Field ID",
        description: doc(
            "The field's id: its value is referenced as `{{id}}` in URLs. Unique among the input fields.",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "title",
        label: "Label",
        description: doc("The label the Connect Portal shows the user."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "type",
        label: "Input type",
        description: doc("The input's type (for example `text` or `password`)."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "required",
        label: "Required",
        description: doc("Whether the user must fill the field (default true)."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
];

static KEYED: &[Field] = &[
    Field {
        name: "key",
        label: "Key",
        description: doc("The parameter or header name."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "value",
        label: "Value",
        description: doc("The value sent (may hold `{{fieldId}}` placeholders)."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
];

static KEYED_ITEM: Ty = Ty::Object(KEYED);

static API_AUTHORIZATION: &[Field] = &[
    Field {
        name: "type",
        label: "Authorization type",
        description: doc("How API requests are authenticated (SDK `RequestAuthorizationType`)."),
        required: true,
        role: Role::Plain,
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
        label: "Token",
        description: doc("`bearer`: the token sent."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "username",
        label: "Username",
        description: doc("`basic`: the user name sent."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "password",
        label: "Password",
        description: doc("`basic`: the password sent."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "params",
        label: "Query parameters",
        description: doc("`query_params`: the query parameters sent."),
        required: false,
        role: Role::Plain,
        ty: Ty::Array {
            items: &KEYED_ITEM,
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "headers",
        label: "Headers",
        description: doc("`auth_header`: the headers sent."),
        required: false,
        role: Role::Plain,
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
        label: "Name",
        description: doc(
            "A short name for the app provider. The SDK addresses the integration as `custom.<name without non-alphanumerics, lower-cased>`.",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "description",
        label: "Description",
        description: doc("A short description of what the app provider does."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "icon",
        label: "Icon",
        description: doc(
            "The app icon, SVG only: an `.svg` URL or path, an `image/svg+xml` data URL, or inline `<svg>` markup.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "accentColor",
        label: "Accent color",
        description: doc(
            "The brand colour used in the Connect Portal's accents: `#rgb` or `#rrggbb`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::format(Format::Colour)),
    },
    Field {
        name: "authenticationType",
        label: "Authentication type",
        description: doc(
            "`oauth` (OAuth 2.0), `oauth_client_credential` (OAuth client credentials), `oauth_password` (OAuth 2.0 ROPC) or `basic` (API keys).",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::one_of(AUTH_TYPES)),
    },
    Field {
        name: "inputFields",
        label: "Input fields",
        description: doc(
            "Fields the Connect Portal asks the user for (API keys, a subdomain...); their values are referenced as `{{id}}` in URLs. `basic` needs at least one.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Array {
            items: &Ty::Object(INPUT_FIELD),
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "oauthAuthorizationUrl",
        label: "Authorization URL",
        description: doc(
            "`oauth`: the sign-in (authorization) URL that starts the OAuth 2.0 flow; absolute `https`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthAccessTokenUrl",
        label: "Access Token URL",
        description: doc(
            "The URL that exchanges a code or credentials for tokens; absolute `https`. Needed by every OAuth type.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthClientId",
        label: "Client ID",
        description: doc(
            "`oauth`, `oauth_password`: the OAuth app's client id (with client credentials the user supplies it).",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthClientSecret",
        label: "Client Secret",
        description: doc(
            "`oauth`, `oauth_password`: the OAuth app's client secret (with client credentials the user supplies it).",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "oauthScopes",
        label: "Scopes",
        description: doc("The scopes requested, one space-separated string (RFC 6749 §3.3)."),
        required: false,
        role: Role::Scopes,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "usePKCEInCodeExchange",
        label: "Use PKCE in code exchange",
        description: doc("`oauth`: use PKCE (RFC 7636) in the authorization-code exchange."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "oauthIncludeClientAuthorizationHeader",
        label: "Include client authorization header",
        description: doc(
            "OAuth: send the client id and secret in an `Authorization: Basic` header to the token endpoint.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "apiBaseUrl",
        label: "Base URL",
        description: doc(
            "The base URL of API requests made to this integration; absolute `https`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "testEndpointPath",
        label: "Test endpoint path",
        description: doc(
            "A request, relative to the API base URL, that tests whether the user's credentials are valid.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "testEndpointMethod",
        label: "Test endpoint method",
        description: doc(
            "The test endpoint's method: it must be reachable by `GET` (the default).",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::one_of_rule(&["GET"], &TEST_ENDPOINT_METHOD)),
    },
    Field {
        name: "apiAuthorization",
        label: "API authorization",
        description: doc(
            "How API requests get authenticated: `{\"type\": \"none\" | \"bearer\" | \"basic\" | \"query_params\" | \"auth_header\", ...}`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Object(API_AUTHORIZATION),
    },
    Field {
        name: "userProfile",
        label: "User profile",
        description: doc(
            "Data about the user's account saved after connecting (referenced in `providerData`).",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Any,
    },
    Field {
        name: "id",
        label: "ID",
        description: doc("Read-only: the custom integration's id (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "projectId",
        label: "Project ID",
        description: doc("Read-only: the project that authored it (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "slug",
        label: "Slug",
        description: doc("Read-only: `custom.<slug>`, generated from the name (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "isPublished",
        label: "Published",
        description: doc("Read-only: whether the integration is published (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "dateCreated",
        label: "Date created",
        description: doc("Read-only (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "dateUpdated",
        label: "Date updated",
        description: doc("Read-only (SDK entity)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];
