//! Named shape checks of CloudBase names and ids, which declarations point at. Each says
//! why a value does not fit, or `None`.

use super::decl::Pattern;

/// CloudBase service name convention (CloudBase tooling schema).
pub const SERVICE_NAME: Pattern = Pattern {
    expect: "letters, digits, \"-\" and \"_\", starting with a letter, 3 to 45 characters",
    advice: "WeChat may reject it",
    problem: service_name_problem,
};

/// CloudBase env id convention (CloudBase env docs).
pub const ENV_ID: Pattern = Pattern {
    expect: "\"<alias>-<16 lowercase letters or digits>\" such as \"prod-1a2b3c4d5e6f7a8b\"",
    advice: "copy the env id (not the env name) from the CloudBase console",
    problem: env_id_problem,
};

/// An env alias as createCloudbaseEnv documents it: starts with a–z, only a–z, 0–9 and `-`.
pub const ENV_ALIAS: Pattern = Pattern {
    expect: "lowercase letters, digits and \"-\", starting with a lowercase letter",
    advice: "choose an alias that fits",
    problem: env_alias_problem,
};

/// `vpc-xxxxxxxx` (doc examples).
pub const VPC_ID: Pattern = Pattern {
    expect: "\"vpc-\" and 8 or more lowercase letters or digits, such as \"vpc-a1b2c3d4\"",
    advice: "check it",
    problem: vpc_id_problem,
};

/// `subnet-xxxxxxxx` (doc examples).
pub const SUBNET_ID: Pattern = Pattern {
    expect: "\"subnet-\" and 8 or more lowercase letters or digits, such as \"subnet-a1b2c3d4\"",
    advice: "check it",
    problem: subnet_id_problem,
};

/// A mini program or official account appid: `wx` and 16 hexadecimal characters.
pub const APPID: Pattern = Pattern {
    expect: "\"wx\" and 16 lowercase hexadecimal characters, such as \"wx1234567890abcdef\"",
    advice: "check it",
    problem: appid_problem,
};

/// Why `s` breaks the CloudBase service name convention, if it does.
pub fn service_name_problem(s: &str) -> Option<&'static str> {
    let len = s.chars().count();
    if !(3..=45).contains(&len) {
        return Some("it must be 3 to 45 characters long");
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some("it must start with a letter");
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some("it may only hold letters, digits, \"-\" and \"_\"");
    }
    None
}

/// Why `s` does not look like a CloudBase env id (`<alias>-<16 lowercase alphanumerics>`,
/// the alias lowercase a–z, digits and `-`, starting with a letter, at most 20 characters,
/// no leading, trailing or doubled `-`), if it does not.
pub fn env_id_problem(s: &str) -> Option<&'static str> {
    let Some((alias, suffix)) = s.rsplit_once('-') else {
        return Some("it has no \"-\" between the alias and the 16-character suffix");
    };
    if suffix.len() != 16 || !suffix.bytes().all(is_lower_alnum) {
        return Some("the part after the last \"-\" must be 16 lowercase letters or digits");
    }
    if alias.is_empty() || alias.len() > 20 {
        return Some("the alias before the suffix must be 1 to 20 characters long");
    }
    if !alias.bytes().all(|b| is_lower_alnum(b) || b == b'-') {
        return Some("the alias may only hold lowercase letters, digits and \"-\"");
    }
    if !alias.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
        return Some("the alias must start with a lowercase letter");
    }
    if alias.ends_with('-') || alias.as_bytes().windows(2).any(|pair| pair == b"--") {
        return Some("the alias may not end with \"-\" or hold \"--\"");
    }
    None
}

/// Why `s` is not an env alias as createCloudbaseEnv documents it, if it is not.
pub fn env_alias_problem(s: &str) -> Option<&'static str> {
    if !s.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
        return Some("it must start with a lowercase letter a-z");
    }
    if !s.bytes().all(|b| is_lower_alnum(b) || b == b'-') {
        return Some("it may only hold lowercase letters a-z, digits and \"-\"");
    }
    None
}

fn vpc_id_problem(s: &str) -> Option<&'static str> {
    prefixed_id_problem(s, "vpc-")
}

fn subnet_id_problem(s: &str) -> Option<&'static str> {
    prefixed_id_problem(s, "subnet-")
}

fn appid_problem(s: &str) -> Option<&'static str> {
    let hex = s.strip_prefix("wx")?;
    // Checked only when it starts with "wx": other ids (gh_…) are not appids at all.
    if hex.len() != 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some("after \"wx\" an appid has 16 hexadecimal characters");
    }
    None
}

/// Why `s` is not `prefix` followed by 8 or more lowercase letters or digits, if it is not.
fn prefixed_id_problem(s: &str, prefix: &str) -> Option<&'static str> {
    match s.strip_prefix(prefix) {
        None => Some("it does not start with the usual prefix"),
        Some(rest) if rest.len() < 8 || !rest.bytes().all(is_lower_alnum) => {
            Some("after the prefix come 8 or more lowercase letters or digits")
        }
        Some(_) => None,
    }
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names() {
        for ok in [
            "abc",
            "svc-1",
            "My_Service",
            &format!("a{}", "b".repeat(44)),
        ] {
            assert_eq!(service_name_problem(ok), None, "{ok}");
        }
        for bad in ["ab", "1abc", "-abc", "my svc", "服务服务", &"a".repeat(46)] {
            assert!(service_name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn env_ids() {
        for ok in [
            "prod-1a2b3c4d5e6f7a8b",
            "my-test-env-0123456789abcdef",
            "a-aaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(env_id_problem(ok), None, "{ok}");
        }
        for bad in [
            "prod",
            "prod-1a2b3c4d5e6f7a8",
            "prod-1A2B3C4D5E6F7A8B",
            "-1a2b3c4d5e6f7a8b",
            "1prod-1a2b3c4d5e6f7a8b",
            "pr--od-1a2b3c4d5e6f7a8b",
            "prod--1a2b3c4d5e6f7a8b",
            "Prod-1a2b3c4d5e6f7a8b",
            "abcdefghijklmnopqrstu-1a2b3c4d5e6f7a8b",
        ] {
            assert!(env_id_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn aliases_and_prefixed_ids() {
        assert_eq!(env_alias_problem("testapi"), None);
        assert_eq!(env_alias_problem("a-1"), None);
        assert!(env_alias_problem("1abc").is_some());
        assert!(env_alias_problem("Test").is_some());
        assert!(env_alias_problem("a_b").is_some());
        assert_eq!(vpc_id_problem("vpc-abcd1234"), None);
        assert!(vpc_id_problem("vpc-abcd123").is_some());
        assert!(vpc_id_problem("vpc-ABCD1234").is_some());
        assert!(vpc_id_problem("subnet-abcd1234").is_some());
        assert_eq!(appid_problem("wx1234567890abcdef"), None);
        assert!(appid_problem("wx123").is_some());
        assert_eq!(appid_problem("gh_97417a04a28d"), None);
    }
}
