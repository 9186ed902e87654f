//! The rule registry: every rule credlint has, from each place that declares some (the structure
//! rules in [`crate::rules`], the `secrets/*` rules, the `policy/*` rules, each kind's). `credlint
//! rules`, `credlint explain`, SARIF and policy files read it, so they list the same rules.
//!
//! It sits with the kinds (not with [`crate::rules`], which declares what a rule is) because it
//! lists theirs.

use crate::rules::{RuleMeta, STRUCTURE_RULES};

/// Every rule, structure first, then each kind's in catalog order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    STRUCTURE_RULES
        .iter()
        .copied()
        .chain(crate::secrets::RULES.iter().copied())
        .chain(crate::policy_rules::RULES.iter().copied())
        .chain(crate::kinds::all().iter().flat_map(|k| k.rules()))
}

pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|r| r.id == id)
}
