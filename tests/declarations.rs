#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The declarations themselves: what a test must prove because the compiler cannot. Every
//! field has a doc; every shape fits the engine's limits; every name a cross-field rule
//! reads exists; every `[ts = …]` override of the TypeScript type agrees with the field's
//! rule; call names and paths are unique.

use std::collections::HashSet;
use wx_cloudbase_service::calls::{Rule, Shape, Type, CALLS, TS_NAMES};

/// Every shape reachable from a call's body and answer.
fn shapes() -> Vec<&'static Shape> {
    let mut out: Vec<&'static Shape> = Vec::new();
    let mut stack: Vec<&'static Shape> = CALLS.iter().flat_map(|c| [c.body, c.answer]).collect();
    while let Some(shape) = stack.pop() {
        if out.iter().any(|s| std::ptr::eq(*s, shape)) {
            continue;
        }
        out.push(shape);
        for field in shape.fields {
            let mut ty = field.spec.ty;
            while let Type::Array(item) = ty {
                ty = item.ty;
            }
            if let Type::Object(inner) = ty {
                stack.push(inner);
            }
        }
    }
    out
}

#[test]
fn every_field_is_documented_and_every_shape_fits_the_engine() {
    for shape in shapes() {
        assert!(!shape.doc.trim().is_empty(), "{}", shape.name);
        // The engine tracks which fields were given in a u128.
        assert!(shape.fields.len() <= 128, "{}", shape.name);
        let mut names = HashSet::new();
        for field in shape.fields {
            assert!(
                names.insert(field.name),
                "{}.{} twice",
                shape.name,
                field.name
            );
            assert!(
                !field.doc.trim().is_empty(),
                "{}.{}",
                shape.name,
                field.name
            );
            assert!(
                field
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}.{} is not a snake_case wire name",
                shape.name,
                field.name
            );
        }
    }
}

#[test]
fn cross_rules_read_declared_fields() {
    for call in CALLS {
        for rule in call.cross {
            for name in rule.reads {
                assert!(
                    call.body.field(name).is_some(),
                    "{}: rule {} reads {name}, which the body does not declare",
                    call.name,
                    rule.name
                );
            }
        }
    }
}

#[test]
fn names_and_paths_are_unique_and_examples_are_valid() {
    let names: HashSet<_> = CALLS.iter().map(|c| c.name).collect();
    let paths: HashSet<_> = CALLS.iter().map(|c| c.path).collect();
    assert_eq!(names.len(), CALLS.len());
    assert_eq!(paths.len(), CALLS.len());
    for call in CALLS {
        let checked = wx_cloudbase_service::engine::check(call, call.example, &Default::default());
        assert!(checked.report.ok, "{}: {:#?}", call.name, checked.report);
        assert!(
            checked.report.warnings.is_empty(),
            "{}: {:#?}",
            call.name,
            checked.report
        );
    }
}

/// The TypeScript type a field's integer rule implies, as its `[ts = …]` override writes it.
fn int_union(rule: &Rule) -> Option<String> {
    match rule {
        Rule::IntOneOf { values, .. } => Some(
            values
                .iter()
                .map(|(v, _)| v.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        _ => None,
    }
}

/// The `[ts = …]` overrides, read from the declaration sources (the struct side of the
/// macro), checked against the rules of the table side.
#[test]
fn typescript_overrides_agree_with_the_rules() {
    let sources = [
        include_str!("../src/calls/create_service.rs"),
        include_str!("../src/calls/envs.rs"),
        include_str!("../src/calls/share.rs"),
        include_str!("../src/calls/version.rs"),
        include_str!("../src/calls/version_update.rs"),
        include_str!("../src/calls/version_ops.rs"),
        include_str!("../src/calls/version_parts.rs"),
    ];
    let mut checked = 0;
    for source in sources {
        for line in source.lines() {
            let Some((head, rest)) = line.split_once("[ts = \"") else {
                continue;
            };
            let ts = rest.split('"').next().unwrap();
            let name = head
                .split_whitespace()
                .nth(1)
                .unwrap()
                .trim_end_matches(':');
            let field = shapes()
                .into_iter()
                .flat_map(|s| s.fields.iter())
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("no field {name}"));
            let union = field.spec.checks.iter().find_map(|c| int_union(&c.rule));
            match union {
                Some(union) => assert_eq!(ts, union, "{name}"),
                None => assert!(
                    matches!(
                        ts,
                        "string" | "number | string" | "string | number" | "unknown" | "unknown[]"
                    ),
                    "{name}: override {ts:?} has no rule to agree with"
                ),
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} overrides found");
}

#[test]
fn calls_agree_with_their_typescript_map() {
    assert_eq!(TS_NAMES.len(), CALLS.len());
    for ((name, request, response), call) in TS_NAMES.iter().zip(CALLS) {
        assert_eq!(*name, call.name);
        assert_eq!(*request, call.body.name);
        assert_eq!(*response, call.answer.name);
    }
}
