//! Notes as HTML: CommonMark rendered by pulldown-cmark, then cleaned by ammonia (no script,
//! no event handler, no `javascript:` link survives), with a link placed at each recognised
//! story and question.
//!
//! The links are added after the cleaning, so ammonia never has to allow what they use: the
//! markdown carries a placeholder where each goes (two private-use characters around a
//! number; the same characters in the notes themselves are dropped first, so the notes cannot
//! forge one), and the placeholders are swapped for markup built here, its text escaped.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A recognised entity to link from the rendered notes.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// Byte offset in the notes where the entity starts.
    pub start: usize,
    /// Where the link goes (`/stories/ID`).
    pub href: String,
    /// The badge's text (`story`, `question`), already in the user's language.
    pub label: String,
    /// The entity's title.
    pub title: String,
    /// A CSS class for the badge (`ent-story`).
    pub class: &'static str,
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Escape text for an HTML text node or a quoted attribute (the reports' escaping).
pub use loopcoach_core::readiness::render::html_escape as escape;

/// Markdown to sanitised HTML (no anchors).
pub fn markdown(text: &str) -> String {
    notes_html(text, &[])
}

/// The notes `text` as sanitised HTML, with a badge link at each of `anchors` (in any order).
pub fn notes_html(text: &str, anchors: &[Anchor]) -> String {
    let clean_text: String = text.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
    // Offsets below are into the cleaned text; the private-use characters are rare enough that
    // shifted anchors only move a badge by a few characters.
    let mut order: Vec<usize> = (0..anchors.len()).collect();
    order.sort_by_key(|&i| anchors[i].start);
    let mut pending = order.into_iter().peekable();
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    let parser = Parser::new_ext(&clean_text, opts).into_offset_iter();
    let mut events: Vec<Event<'_>> = Vec::new();
    for (ev, range) in parser {
        let block = matches!(
            ev,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell)
        );
        events.push(ev);
        if block {
            let mut marks = String::new();
            while let Some(&i) = pending.peek() {
                if anchors[i].start < range.end {
                    marks.push(OPEN);
                    marks.push_str(&i.to_string());
                    marks.push(CLOSE);
                    pending.next();
                } else {
                    break;
                }
            }
            if !marks.is_empty() {
                events.push(Event::Text(marks.into()));
            }
        }
    }
    let mut raw = String::with_capacity(clean_text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    let cleaned = ammonia::Builder::default()
        .attribute_filter(|_, _, value| (!looks_runnable(value)).then_some(value.into()))
        .clean(&raw)
        .to_string();
    replace_marks(&cleaned, anchors)
}

/// Whether an attribute value reads like script: an event handler (`x onerror=…`) or a
/// `javascript:` address anywhere in it. Harmless inside a quoted value, but dropped all the
/// same, so no page holds anything that even looks like a handler.
fn looks_runnable(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    if v.contains("javascript:") {
        return true;
    }
    let b = v.as_bytes();
    (0..b.len()).any(|i| {
        b[i..].starts_with(b"on") && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && {
            let rest = &b[i + 2..];
            let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            n > 0 && rest[n..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
        }
    })
}

fn replace_marks(html: &str, anchors: &[Anchor]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(a) = after[..j]
            .parse::<usize>()
            .ok()
            .and_then(|n| anchors.get(n))
        {
            // The title is shown as text (never in an attribute: note text stays out of tags).
            out.push_str(&format!(
                "<a class=\"ent {}\" href=\"{}\">{}<span class=\"visually-hidden\">: {}</span></a> ",
                a.class,
                escape(&a.href),
                escape(&a.label),
                escape(&a.title)
            ));
        }
        rest = &after[j + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVIL: &str = "# Evil\n\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[a](javascript:alert(3))\n\n<a href=\"JaVaScRiPt:alert(4)\">b</a>\n\n<svg onload=alert(5)></svg>\n\n<iframe src=\"https://example.com\"></iframe>\n\n<p style=\"color:red\" onclick=\"x()\">p</p>\n";

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = markdown(EVIL);
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "onload",
            "<iframe",
            "onclick",
            "style=",
        ] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("<h1>Evil</h1>"));
    }

    #[test]
    fn attribute_values_that_look_like_script_are_dropped() {
        let html = markdown(
            "<a title=\"x onerror=alert(1)\" href=\"https://e.com/\">k</a> <img alt=\"a ONLOAD = b\" src=\"https://e.com/i.png\">",
        );
        assert!(!html.to_lowercase().contains("onerror"), "{html}");
        assert!(!html.to_lowercase().contains("onload"), "{html}");
        assert!(html.contains("href=\"https://e.com/\""), "{html}");
        assert!(
            !looks_runnable("on=1") && looks_runnable("x onclick=1") && !looks_runnable("bonus=1")
        );
    }

    #[test]
    fn anchors_become_links_and_cannot_be_forged() {
        let text = "# Title\n\nSome \u{E000}0\u{E001} text\n\n- S: did it\n";
        let start = text.find("- S").unwrap_or(0);
        let a = Anchor {
            start,
            href: "/stories/s-1".into(),
            label: "story".into(),
            title: "A <b> title".into(),
            class: "ent-story",
        };
        let html = notes_html(text, std::slice::from_ref(&a));
        assert_eq!(html.matches("href=\"/stories/s-1\"").count(), 1, "{html}");
        assert!(html.contains("A &lt;b&gt; title"));
        assert!(!html.contains("title=\""), "no note text in attributes");
        assert!(!html.contains('\u{E000}'));
    }
}
