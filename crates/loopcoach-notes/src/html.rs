//! Plain text out of the bits of HTML notes carry (`<details>`, `<summary>`, table cells).
//! Only what the importer reads is stripped; the notes' text itself is never changed.

/// Whether a (trimmed) line opens a `<details>` block, in any case.
pub(crate) fn opens_details(text: &str) -> bool {
    text.get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("<details"))
}

/// The text with tags removed, whitespace collapsed to single spaces.
pub(crate) fn strip_tags(s: &str) -> String {
    strip_tags_keep_lines(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text with tags removed, lines kept (each trimmed).
pub(crate) fn strip_tags_keep_lines(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_go_text_stays() {
        assert_eq!(super::strip_tags("<td> DNS <b>장애</b>\n</td>"), "DNS 장애");
        assert_eq!(super::strip_tags_keep_lines("<p>a</p>\n  b <br>"), "a\nb");
    }
}
