//! Keys a call does not declare: the message, with a "did you mean" where one is close
//! (the same object first, then the call's other objects), and the access token named for
//! where it goes. The doc pages misspell keys (`image_Repo`, `Dockerfile_path`,
//! `access_Token`) and one sample has `" service_name"`; these are the usual slips.

use super::text::{key_list, quote};
use crate::calls::{Call, Shape, Type};
use crate::suggest::{normalize, suggest};

/// Every object of a call's body with its path (`""` for the top level), outermost first.
fn scopes(call: &'static Call) -> Vec<(String, &'static Shape)> {
    let mut out = vec![(String::new(), call.body)];
    let mut i = 0;
    while let Some((path, shape)) = out.get(i).cloned() {
        for field in shape.fields {
            let mut ty = field.spec.ty;
            while let Type::Array(item) = ty {
                ty = item.ty;
            }
            if let Type::Object(inner) = ty {
                if !out.iter().any(|(_, s)| std::ptr::eq(*s, inner)) {
                    out.push((child(&path, field.name), inner));
                }
            }
        }
        i += 1;
    }
    out
}

/// `parent.key`, or `key` at the top level.
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// How messages name an object: "the request" or its path.
fn object_name(path: &str) -> String {
    if path.is_empty() {
        "the request".to_owned()
    } else {
        path.to_owned()
    }
}

/// The message of an unknown key in the object at `path` of shape `shape`. `allowed`: the
/// caller passed `allowUnknownKeys`, so the key is sent.
pub fn message(call: &'static Call, shape: &Shape, path: &str, key: &str, allowed: bool) -> String {
    let shown = quote(key);
    let normal = normalize(key);
    if normal.contains("accesstoken") || normal == "token" {
        return format!(
            "{shown} does not belong in the request body: the access token goes in the URL query, \
             which the library fills from the accessToken option; remove {shown} from the body"
        );
    }
    let spaced = if key.trim().len() == key.len() {
        ""
    } else {
        " (note the surrounding whitespace)"
    };
    let fate = if allowed {
        "is sent as given (allowUnknownKeys)"
    } else {
        "is not part of this call, so the request is not sent (pass allowUnknownKeys: true to \
         send keys this library does not know yet)"
    };
    let intro = format!(
        "unknown key {shown}{spaced} in {} {fate}",
        object_name(path)
    );
    let keys: Vec<&str> = shape.fields.iter().map(|f| f.name).collect();
    if let Some(known) = suggest(&keys, &normal) {
        return format!("{intro}; did you mean \"{known}\"?");
    }
    for (other_path, other) in scopes(call) {
        if std::ptr::eq(other, shape) {
            continue;
        }
        if let Some(known) = other.fields.iter().find(|f| normalize(f.name) == normal) {
            let place = if other_path.is_empty() {
                "at the top level of the request".to_owned()
            } else {
                format!("inside {other_path}")
            };
            return format!(
                "{intro}; \"{}\" belongs {place}, as \"{}\"",
                known.name,
                child(&other_path, known.name)
            );
        }
    }
    format!(
        "{intro}; the keys of {} are {}",
        object_name(path),
        key_list(&keys)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::{CREATE_SERVICE_BODY, ES_INFO, VPC_INFO};

    fn keys(shape: &Shape) -> Vec<&'static str> {
        shape.fields.iter().map(|f| f.name).collect()
    }

    #[test]
    fn suggestions() {
        let root = keys(&CREATE_SERVICE_BODY);
        assert_eq!(suggest(&root, &normalize("image_Repo")), Some("image_repo"));
        assert_eq!(
            suggest(&root, &normalize("servicename")),
            Some("service_name")
        );
        assert_eq!(
            suggest(&root, &normalize(" service_name")),
            Some("service_name")
        );
        assert_eq!(suggest(&root, &normalize("envid")), Some("env_id"));
        assert_eq!(suggest(&root, &normalize("is_publc")), Some("is_public"));
        assert_eq!(suggest(&root, &normalize("zzz")), None);
        let es = keys(&ES_INFO);
        assert_eq!(suggest(&es, &normalize("passwd")), Some("password"));
        assert_eq!(suggest(&es, &normalize("xy")), None);
        let vpc = keys(&VPC_INFO);
        assert_eq!(suggest(&vpc, &normalize("subnet_id")), Some("subnet_ids"));
    }
}
