#!/usr/bin/env bash
# Generates the fuzz seed corpora in fuzz/corpus/<target>/ from the conformance corpus
# (corpus/), the test fixtures (tests/fixtures/), the shipped examples and a few hand-written
# hostile inputs. Nothing binary is committed: this script is the source of the seeds.
# Idempotent: seeds are written under stable names (seed-*), so running it again over a corpus
# the fuzzer has grown only refreshes the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY'
import hashlib, json, os, pathlib, re

ROOT = pathlib.Path(".")
OUT = ROOT / "fuzz" / "corpus"
# The order of credlint::kinds::all(); a wrong order only makes the seeds a little less apt,
# since the targets take the kind byte modulo the number of kinds.
KINDS = ["paragon.integration-credentials", "paragon.custom-integration", "paragon.connect-options",
         "itential.token-config", "genesys.oauth-client", "oauth.client"]
counts = {}

def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)
    counts[target] = counts.get(target, 0) + 1

corpus_files = sorted(p for p in (ROOT / "corpus").glob("*/*.json") if not p.name.endswith(".expect.json"))
json_files = corpus_files + sorted((ROOT / "tests" / "fixtures").rglob("*.json")) + sorted((ROOT / "examples").glob("*.json"))
tf_files = sorted((ROOT / "tests" / "fixtures").rglob("*.tf"))

def envelopes(value):
    items = value if isinstance(value, list) else [value]
    for e in items:
        if isinstance(e, dict) and "kind" in e and isinstance(e.get("document"), dict):
            yield e

def leaves(value, path=""):
    """Every JSON Pointer in a value, parents first."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, f"{path}/{i}")

HOSTILE_JSON = [
    '\ufeff{"kind": "paragon.integration-credentials", "document": {"integration_id": 1}}',
    '{\r\n  "kind": "paragon.integration-credentials",\r\n  "document": {\r\n    "oauth": {"client_secret": "x", "client_secret": "y"}\r\n  }\r\n}\r\n',
    '{"kind": "oauth.client", "document": {"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}}',
    '{"kind": "paragon.integration-credentials", "document": {"oauth": {"client_id": "\\ud800"}}}',
    '{"kind": "paragon.integration-credentials", "document": {"extra_configuration": {"a": "NaN", "b": "-Infinity", "c": "1e999", "d": 1e308, "e": "007"}}}',
    '[' * 200 + ']' * 200,
    '{"a":' * 150 + '1' + '}' * 150,
    '{"kind": "paragon.integration-credentials", "document": {"x": -0.0e-0, "y": 18446744073709551616, "z": -9223372036854775809}}',
    '[{"kind": "nope", "document": {}}, {"kind": 1, "document": []}, {"document": {}}, 3]',
]
HOSTILE_TF = [
    'resource "paragon_integration_credentials" "x" {\r\n  oauth = {\r\n    client_secret = "literal"\r\n  }\r\n}\r\n',
    'resource "genesyscloud_oauth_client" "c" {\n  name = "n"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n  access_token_validity_seconds = 100\n  roles {\n    role_id = var.r\n  }\n  roles {\n    role_id = "x"\n  }\n  client_secret = <<EOT\nsecret ${var.x}\nEOT\n}\n',
    'resource "paragon_integration_credentials" "x" {\n  integration_id = data.paragon_integrations.all.integrations["custom.acme"].id\n  extra_configuration = { for k, v in var.m : k => v }\n  oauth = { client_id = "a", client_secret = var.s, scopes = concat(["a"], var.b) }\n}\n',
    'output "o" {\n  value = paragon_integration_credentials.x.oauth\n}\nvariable "client_secret" {\n  default = "literal"\n}\n',
    'locals {\n  a = (((((1)))))\n  b = !!!!true\n  c = -(-(-1))\n  d = "${"${"${"x"}"}"}"\n}\n',
    '\ufeffresource "paragon_integration_credentials" "x" {\n  extra_configuration = { (var.k) = "v", "a/b~c" = 007, x = null, y = -1.5e3 }\n}\n',
]

# json_envelope: every JSON input as a file without --kind.
for p in json_files:
    seed("json_envelope", p.read_bytes())
for t in HOSTILE_JSON:
    seed("json_envelope", t)

# json_parser: every JSON input and the hostile ones, as they are (the first byte also picks what
# parse_each skips and streams).
for p in json_files:
    seed("json_parser", p.read_bytes())
for t in HOSTILE_JSON:
    seed("json_parser", t)
for t in ["-0", "[-0, 1e400]", "1.7976931348623157e308", "[\"\\ud800\"]", "\ufeff[]", "[1,]", "{\"a\":1,\"a\":[2]}", " [ ] ", "[{}, [], \"\", 0]"]:
    seed("json_parser", t)

# json_kind: [kind byte][options byte] + the file; bare documents with their kind.
for p in corpus_files:
    data = p.read_bytes()
    k = KINDS.index(p.parent.name) if p.parent.name in KINDS else 0
    for opt in (0, 1, 8):
        seed("json_kind", bytes([k, opt]) + data)
    try:
        value = json.loads(data)
    except ValueError:
        continue
    for e in envelopes(value):
        k = KINDS.index(e["kind"]) if e["kind"] in KINDS else 0
        seed("json_kind", bytes([k, 0]) + json.dumps(e["document"], indent=2).encode())
for t in HOSTILE_JSON:
    seed("json_kind", b"\x00\x00" + t.encode())

# terraform_tf: the fixtures and hand-written hostile Terraform.
for p in tf_files:
    seed("terraform_tf", p.read_bytes())
for t in HOSTILE_TF:
    seed("terraform_tf", t)

# plan_json: whole plans (mode 0), and `after` documents of the two resource types (mode 1: paragon,
# mode 3: genesys; mode | 0x40: an update).
for p in sorted((ROOT / "tests" / "fixtures").rglob("*.json")):
    seed("plan_json", b"\x00" + p.read_bytes())
for p in corpus_files:
    try:
        value = json.loads(p.read_bytes())
    except ValueError:
        continue
    for e in envelopes(value):
        mode = {"paragon.integration-credentials": 1, "genesys.oauth-client": 3}.get(e["kind"])
        if mode is None:
            continue
        doc = json.dumps(e["document"]).encode()
        seed("plan_json", bytes([mode]) + doc)
        unknown = {k: True for k in list(e["document"])[:2]}
        seed("plan_json", bytes([mode | 0x40]) + doc + b"\xff" + json.dumps(unknown).encode())

# policy: every rule id at every severity, options, and near misses.
ids = sorted(set(re.findall(r'id: "([a-z]+/[a-z0-9-]+)"', "".join(p.read_text() for p in (ROOT / "src").rglob("*.rs")))))
for i, sev in enumerate(["off", "error", "warning", "info"]):
    seed("policy", json.dumps({"rules": {r: sev for r in ids[i::4]}}))
seed("policy", json.dumps({"$schema": "x", "rules": {r: "off" for r in ids}, "options": {"secrets/hardcoded-secret": {"json": True}}}))
seed("policy", json.dumps({"options": {"policy/scope-not-allowed": {"allowed": ["read", "openid"]}, "policy/token-lifetime": {"max_seconds": 60}}}))
for bad in ['{"rules": {"paragon/id-formatt": "off"}}', '{"rules": {"paragon/id-format": "loud"}}', '{"rules": []}',
            '{"options": {"secrets/hardcoded-secret": {"json": 1}}}', '{"other": 1}', '[]', '{"rules": {"paragon/id-format": null}}']:
    seed("policy", bad)

# validate_field: [kind byte][context byte] pointer \n value \n document, for pointers into the
# corpus documents, and hostile pointers.
for p in corpus_files:
    try:
        value = json.loads(p.read_bytes())
    except ValueError:
        continue
    for e in list(envelopes(value))[:4]:
        k = KINDS.index(e["kind"]) if e["kind"] in KINDS else 0
        doc = json.dumps(e["document"])
        for n, ptr in enumerate(leaves(e["document"])):
            if n > 12:
                break
            seed("validate_field", bytes([k, n % 4]) + f"{ptr}\n\"value\"\n{doc}".encode())
for ptr in ["", "/", "//", "/~", "/~2", "/a~1b~0c", "/oauth/scopes/-", "/oauth/scopes/99", "/oauth/scopes/01",
            "/extra_configuration/__proto__", "/constructor/prototype", "no-slash", "/a" * 300]:
    seed("validate_field", b"\x00\x00" + f"{ptr}\n1\n{{\"oauth\": {{\"scopes\": [\"a\"]}}}}".encode())

# weburl: every URL-looking string of the corpus, and hosts the IDNA stub cannot map.
for p in json_files:
    for m in re.findall(rb'"((?:[a-zA-Z][a-zA-Z0-9+.-]*:)[^"\\]*)"', p.read_bytes()):
        seed("weburl", m)
for t in ["https://Bücher.example:8443/a?q#f", "HTTPS:B%C3%BCcher.Example", "https:\\\\Bü\\x", " \thttps://B\nü.x ",
          "https://a@b@Bü.x/", "file://Bü/x", "https://[::1]:80/", "https://XN--LS8H.LA/", "com.example.app:/cb", "https://例え.テスト"]:
    seed("weburl", t)

for t in sorted(counts):
    print(f"fuzz seeds: {t}: {counts[t]}")
PY
