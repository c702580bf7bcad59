//! Any bytes: the importer either refuses them with an error or parses them; it never panics,
//! every span it reports lies on character boundaries inside the text, and setting a STAR part
//! splices only that part's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loopcoach_core::StarPart;
use loopcoach_notes::{ImportOptions, edit, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let Ok((doc, text)) = parse_bytes("fuzz.md", data, &ImportOptions::default(), None) else {
        return;
    };
    for s in &doc.stories {
        assert!(s.span.end <= text.len());
        for p in s.parts.iter().flatten() {
            assert!(text.is_char_boundary(p.value.start) && text.is_char_boundary(p.value.end));
        }
        if let Some(p) = &s.parts[StarPart::Result.index()]
            && let Ok(out) = edit::set_part(&text, s, StarPart::Result, "42% faster")
        {
            assert_eq!(&out[..p.value.start], &text[..p.value.start]);
            assert_eq!(&out[out.len() - (text.len() - p.value.end)..], &text[p.value.end..]);
        }
    }
    for q in &doc.questions {
        assert!(q.span.end <= text.len());
    }
});
