//! Terraform's own type conversions, driven by the kind's declared structure: an HCL `true` or
//! `3` where the schema says string becomes `"true"` / `"3"` (so `extra_configuration`, a
//! `map(string)`, holds only strings), and numeric or boolean text where the schema says number
//! or bool becomes a number or a bool.

use serde_json::{Number, Value};

use crate::structure::{Field, Ty};

pub fn terraform_types(fields: &[Field], doc: &mut Value) {
    if let Value::Object(map) = doc {
        for f in fields {
            if let Some(v) = map.get_mut(f.name) {
                convert(&f.ty, v);
            }
        }
    }
}

/// Terraform's text for a number: integers without a fraction.
fn number_text(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

fn to_string(v: &mut Value) {
    match v {
        Value::Number(n) => *v = Value::String(number_text(n)),
        Value::Bool(b) => *v = Value::String(b.to_string()),
        _ => {}
    }
}

fn convert(ty: &Ty, v: &mut Value) {
    match (ty, &mut *v) {
        (Ty::String(_), Value::Number(_) | Value::Bool(_)) => to_string(v),
        (Ty::Integer { .. } | Ty::Number { .. }, Value::String(s)) => {
            let n = s
                .parse::<i64>()
                .ok()
                .map(Number::from)
                .or_else(|| crate::json::parse_f64(s).and_then(Number::from_f64));
            if let Some(n) = n {
                *v = Value::Number(n);
            }
        }
        (Ty::Boolean, Value::String(s)) => match s.as_str() {
            "true" => *v = Value::Bool(true),
            "false" => *v = Value::Bool(false),
            _ => {}
        },
        (Ty::Array { items, .. }, Value::Array(list)) => {
            list.iter_mut().for_each(|item| convert(items, item))
        }
        (Ty::Object(fields) | Ty::OpenObject(fields), Value::Object(_)) => {
            terraform_types(fields, v)
        }
        (Ty::Map(_), Value::Object(map)) => map.values_mut().for_each(to_string),
        _ => {}
    }
}
