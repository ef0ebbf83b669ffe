//! "Did you mean …?": the closest known name to one that is not known, for unknown body
//! keys and unknown option keys alike. Names are compared without case, `_`, `-` and
//! surrounding spaces (`image_Repo`, `baseURL`, `access_token`, `" service_name"`).

/// Longest name, in characters, compared for a suggestion; known names are short, so a
/// longer one cannot be within the distance allowed.
const MAX_SUGGEST_CHARS: usize = 64;

/// `key` trimmed and lowercased, without `_` and `-`: `" Image_Repo"` → `imagerepo`.
pub fn normalize(key: &str) -> String {
    key.trim()
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .take(MAX_SUGGEST_CHARS + 1)
        .collect()
}

/// The closest of `keys` to the normalised key, when close enough: at most 1 edit for
/// keys of 2–3 characters, 2 for longer ones, and a third of the length for long ones.
pub fn suggest<'k>(keys: &[&'k str], normal: &str) -> Option<&'k str> {
    let typed: Vec<char> = normal.chars().collect();
    if typed.is_empty() || typed.len() > MAX_SUGGEST_CHARS {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for key in keys {
        let candidate: Vec<char> = normalize(key).chars().collect();
        let allowed = (candidate.len() / 3).max((candidate.len() / 2).min(2));
        let distance = levenshtein(&typed, &candidate);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, key));
        }
    }
    best.map(|(_, key)| key)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for ((cb, diagonal), above) in b.iter().zip(&prev).zip(prev.iter().skip(1)) {
            let left = row.last().copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != cb);
            row.push(cost.min(above + 1).min(left.saturating_add(1)));
        }
        prev = row;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("abc"), &chars("abc")), 0);
    }

    #[test]
    fn option_names() {
        let known = [
            "accessToken",
            "baseUrl",
            "timeoutMs",
            "deadlineMs",
            "maxRetries",
        ];
        assert_eq!(suggest(&known, &normalize("baseURL")), Some("baseUrl"));
        assert_eq!(suggest(&known, &normalize("timeout")), Some("timeoutMs"));
        assert_eq!(
            suggest(&known, &normalize("access_token")),
            Some("accessToken")
        );
        assert_eq!(suggest(&known, &normalize("retries")), Some("maxRetries"));
        assert_eq!(suggest(&known, &normalize("zzz")), None);
    }
}
