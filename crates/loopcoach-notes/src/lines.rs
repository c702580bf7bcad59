//! The line table: every line of the body with its indentation, plus what CommonMark says
//! about it (heading, code, HTML, quote, table), so the structural scan works line by line on
//! top of a real CommonMark parse instead of guessing where code blocks and headings are.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use loopcoach_core::text::LineIndex;

/// What CommonMark made of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Block {
    #[default]
    Text,
    /// Inside a fenced or indented code block (fences included): never structure.
    Code,
    /// Inside an HTML block.
    Html,
    /// An ATX heading line or the text line of a setext heading.
    Heading(u8),
    /// The underline of a setext heading.
    SetextRule,
    /// A top-level paragraph that is only bold text (`**예상질문**`).
    BoldTitle,
    /// A line of a pipe table.
    Table,
}

/// A line of the table: 20 bytes (offsets as `u32`: a notes file is far below 4 GiB, and
/// [`crate::parse_with`] refuses one that is not), so the passes over the ~140,000 lines of
/// 10 MB of notes read half the memory they did with `usize` offsets (40 bytes a line).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    start32: u32,
    end32: u32,
    indent32: u32,
    text_start32: u32,
    pub blank: bool,
    pub block: Block,
    /// Inside a block quote.
    pub quote: bool,
}

/// An offset or indentation as a `u32` (the text is at most 4 GiB − 1 bytes long).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Line {
    fn new(start: usize, end: usize, indent: usize, text_start: usize, block: Block) -> Line {
        Line {
            start32: small(start),
            end32: small(end),
            indent32: small(indent),
            text_start32: small(text_start),
            blank: text_start == end,
            block,
            quote: false,
        }
    }
    /// Byte offset of the first byte of the line.
    #[inline]
    pub fn start(&self) -> usize {
        self.start32 as usize
    }
    /// Byte offset after the content (before `\r\n` or `\n`).
    #[inline]
    pub fn end(&self) -> usize {
        self.end32 as usize
    }
    /// Indentation in columns (tab = to the next multiple of 4).
    #[inline]
    pub fn indent(&self) -> usize {
        self.indent32 as usize
    }
    /// Byte offset of the first non-whitespace character (== end when blank).
    #[inline]
    pub fn text_start(&self) -> usize {
        self.text_start32 as usize
    }
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.text_start()..self.end()]
    }
    /// Content with trailing whitespace removed.
    pub fn trimmed<'a>(&self, src: &'a str) -> &'a str {
        src[self.text_start()..self.end()].trim_end()
    }
    /// Structure may be read from this line (not code, HTML or a setext underline).
    pub fn structural(&self) -> bool {
        !matches!(self.block, Block::Code | Block::Html | Block::SetextRule)
    }
}

/// An HTML block and its lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HtmlBlock {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub(crate) struct LineTable {
    pub lines: Vec<Line>,
    pub html_blocks: Vec<HtmlBlock>,
    pub index: LineIndex,
}

impl LineTable {
    /// Build the table for `src`, reading structure only from `body_start` on (after front
    /// matter). Lines before `body_start` are marked as code so nothing reads them.
    pub fn build(src: &str, body_start: usize) -> LineTable {
        Self::build_with(src, body_start, false)
    }

    /// [`LineTable::build`], with the CommonMark parse in two halves on two threads when the
    /// body can be cut where CommonMark itself starts afresh (see [`LineTable::safe_split`]).
    /// The table is the same either way.
    pub fn build_parallel(src: &str, body_start: usize) -> LineTable {
        Self::build_with(src, body_start, true)
    }

    fn build_with(src: &str, body_start: usize, parallel: bool) -> LineTable {
        let index = LineIndex::new(src);
        let lines = split_lines(src, &index, body_start);
        let mut table = LineTable {
            lines,
            html_blocks: Vec::new(),
            index,
        };
        if parallel
            && let Some(split) = table.safe_split(src, body_start)
            && table.mark_halves(src, body_start, split)
        {
            return table;
        }
        let (html, _) = mark_blocks(
            src,
            body_start,
            src.len(),
            &table.index,
            &mut table.lines,
            0,
        );
        table.html_blocks = html;
        table
    }

    /// Index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        line_of(&self.index, self.lines.len(), offset)
    }

    /// [`LineTable::line_of`], searched forward from line `from` when it is at or before the
    /// answer (a few steps through nearby lines, where a binary search over the whole table
    /// misses the cache at every step).
    pub fn line_from(&self, from: usize, offset: usize) -> usize {
        match self.lines.get(from) {
            Some(l) if l.start() <= offset => walk_to(&self.lines, from, offset),
            _ => self.line_of(offset),
        }
    }

    /// A line near the middle of the body where a CommonMark parse can start afresh: not
    /// indented, after a blank line, and not something that continues a list, quote, table or
    /// reference definition (`-`, `1.`, `>`, `|`, `[`, fences, HTML). Whether a fenced code or
    /// HTML block from before runs over it is checked after the first half is parsed.
    fn safe_split(&self, src: &str, body_start: usize) -> Option<usize> {
        let lines = &self.lines;
        let first = self.line_of(body_start);
        let mid = first + (lines.len() - first) / 2;
        (mid.max(first + 2)..lines.len()).find(|&i| {
            let l = &lines[i];
            let prev = &lines[i - 1];
            !l.blank && l.indent() == 0 && l.start() > body_start && prev.blank && {
                let b = src.as_bytes()[l.start()];
                b == b'#'
                    || b == b'*' && src[l.start()..].starts_with("**")
                    || b >= 0x80
                    || b.is_ascii_alphabetic()
            }
        })
    }

    /// Mark blocks with the body parsed as two documents, `[body_start, split line)` on this
    /// thread and the rest on another. False (and the table left for a whole parse) when a
    /// code or HTML block of the first half runs up to the cut: CommonMark would have carried
    /// it on into the second.
    fn mark_halves(&mut self, src: &str, body_start: usize, split: usize) -> bool {
        let cut = self.lines[split].start();
        // The blank line before the cut: a closed block ends at or before its start.
        let guard = self.lines[split - 1].start();
        let index = &self.index;
        let (head, tail) = self.lines.split_at_mut(split);
        let (first, second) = std::thread::scope(|scope| {
            let t = scope.spawn(|| mark_blocks(src, cut, src.len(), index, tail, split));
            let h = mark_blocks(src, body_start, cut, index, head, 0);
            (h, t.join())
        });
        let ((mut html, open_end), Ok((tail_html, _))) = (first, second) else {
            self.reset_blocks(body_start);
            return false;
        };
        if open_end > guard {
            self.reset_blocks(body_start);
            return false;
        }
        html.extend(tail_html);
        self.html_blocks = html;
        true
    }

    fn reset_blocks(&mut self, body_start: usize) {
        for l in &mut self.lines {
            l.block = if l.start() < body_start {
                Block::Code
            } else {
                Block::Text
            };
            l.quote = false;
        }
    }
}

/// Every line start before the end (a final newline opens no line), or one empty line.
fn split_lines(src: &str, index: &LineIndex, body_start: usize) -> Vec<Line> {
    let bytes = src.as_bytes();
    let count = (0..index.line_count())
        .take_while(|&i| index.line_start(i + 1) < src.len())
        .count()
        .max(1);
    let mut lines = Vec::with_capacity(count);
    for i in 0..count {
        let start = index.line_start(i + 1);
        let next = if i + 1 < index.line_count() {
            index.line_start(i + 2)
        } else {
            src.len()
        };
        let mut end = if next > start && bytes[next - 1] == b'\n' {
            next - 1
        } else {
            next
        };
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let mut indent = 0usize;
        let mut ts = start;
        while ts < end {
            match bytes[ts] {
                b' ' => indent += 1,
                b'\t' => indent = (indent / 4 + 1) * 4,
                _ => break,
            }
            ts += 1;
        }
        let block = if start < body_start {
            Block::Code
        } else {
            Block::Text
        };
        lines.push(Line::new(start, end, indent, ts, block));
    }
    lines
}

/// Index of the line holding byte `offset`, in a table of `count` lines.
/// The last line from `from` on whose start is at or before `offset` (`lines[from]` is).
fn walk_to(lines: &[Line], from: usize, offset: usize) -> usize {
    let mut i = from;
    while lines.get(i + 1).is_some_and(|l| l.start() <= offset) {
        i += 1;
    }
    i
}

fn line_of(index: &LineIndex, count: usize, offset: usize) -> usize {
    index
        .line(offset)
        .saturating_sub(1)
        .min(count.saturating_sub(1))
}

/// Parse `src[from..to]` as CommonMark and mark what it says about each line in `lines`, the
/// table's lines from index `base` on. Returns the HTML blocks, and where the last code or
/// HTML block ends (to tell whether one is still open at `to`).
fn mark_blocks(
    src: &str,
    from: usize,
    to: usize,
    index: &LineIndex,
    lines: &mut [Line],
    base: usize,
) -> (Vec<HtmlBlock>, usize) {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let count = base + lines.len();
    // Lines of a byte range, as indices into `lines`. Blocks start in order, so the first
    // line is found by walking on from the previous block's; the last by walking through
    // the block (whose lines are marked one by one anyway).
    let mut at = 0;
    let mut range = |lines: &[Line], s: usize, e: usize| {
        let a = match lines.get(at) {
            Some(l) if l.start() <= s => walk_to(lines, at, s),
            _ => line_of(index, count, s) - base,
        };
        at = a;
        (a, walk_to(lines, a, e.saturating_sub(1).max(s)))
    };
    let mut html_blocks = Vec::new();
    let mut open_end = 0;
    let mut container_depth = 0usize;
    for (ev, r) in Parser::new_ext(&src[from..to], opts).into_offset_iter() {
        let (s, e) = (r.start + from, r.end + from);
        match ev {
            Event::Start(Tag::CodeBlock(_)) => {
                let (a, b) = range(lines, s, e);
                lines[a..=b].iter_mut().for_each(|l| l.block = Block::Code);
                open_end = open_end.max(e);
            }
            Event::Start(Tag::HtmlBlock) => {
                let (a, b) = range(lines, s, e);
                lines[a..=b].iter_mut().for_each(|l| l.block = Block::Html);
                html_blocks.push(HtmlBlock {
                    first: a + base,
                    last: b + base,
                    start: s,
                    end: e,
                });
                open_end = open_end.max(e);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let (a, b) = range(lines, s, e);
                let lvl = heading_level(level);
                lines[a].block = Block::Heading(lvl);
                if b > a {
                    // Setext: text line(s) then the underline.
                    for l in &mut lines[a + 1..b] {
                        l.block = Block::Heading(lvl);
                    }
                    lines[b].block = Block::SetextRule;
                }
            }
            Event::Start(Tag::Table(_)) => {
                let (a, b) = range(lines, s, e);
                lines[a..=b].iter_mut().for_each(|l| l.block = Block::Table);
            }
            Event::Start(Tag::Paragraph) if container_depth == 0 => {
                let (a, b) = range(lines, s, e);
                if a == b && is_bold_title(lines[a].trimmed(src)) {
                    lines[a].block = Block::BoldTitle;
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                container_depth += 1;
                let (a, b) = range(lines, s, e);
                lines[a..=b].iter_mut().for_each(|l| l.quote = true);
            }
            Event::Start(Tag::List(_)) | Event::Start(Tag::Item) => container_depth += 1,
            Event::End(TagEnd::BlockQuote(_))
            | Event::End(TagEnd::List(_))
            | Event::End(TagEnd::Item) => container_depth = container_depth.saturating_sub(1),
            _ => {}
        }
    }
    (html_blocks, open_end)
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `**title**` or `__title__` alone, with no other bold run inside.
pub(crate) fn is_bold_title(t: &str) -> bool {
    bold_inner(t).is_some()
}

/// The text inside `**…**` / `__…__` when the whole string is one bold run.
pub(crate) fn bold_inner(t: &str) -> Option<&str> {
    let t = t.trim();
    for d in ["**", "__"] {
        if t.len() > 4 && t.starts_with(d) && t.ends_with(d) {
            let inner = &t[2..t.len() - 2];
            if !inner.contains(d) && !inner.trim().is_empty() {
                return Some(inner.trim());
            }
        }
    }
    None
}

/// The title of an ATX heading line (`## Title ##` → `Title`).
pub(crate) fn atx_title(t: &str) -> &str {
    let t = t.trim();
    let t = t.trim_start_matches('#').trim();
    let stripped = t.trim_end_matches('#');
    if stripped.len() < t.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        stripped.trim()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table stays small: every pass over it reads less.
    #[test]
    fn a_line_takes_twenty_bytes() {
        assert_eq!(std::mem::size_of::<Line>(), 20);
        let l = Line::new(7, 19, 4, 11, Block::Text);
        assert_eq!(
            (l.start(), l.end(), l.indent(), l.text_start()),
            (7, 19, 4, 11)
        );
        assert!(!l.blank);
        assert!(Line::new(5, 5, 0, 5, Block::Code).blank);
    }

    #[test]
    fn marks_code_headings_and_bold_titles() {
        let src = "# Title\n\n**예상질문**\n\n```\n# not a heading\nS: not a label\n```\n\nSetext\n===\n- **bold in list**\n";
        let t = LineTable::build(src, 0);
        let blocks: Vec<Block> = t.lines.iter().map(|l| l.block).collect();
        assert_eq!(blocks[0], Block::Heading(1));
        assert_eq!(blocks[2], Block::BoldTitle);
        assert_eq!(blocks[4], Block::Code);
        assert_eq!(blocks[5], Block::Code);
        assert_eq!(blocks[6], Block::Code);
        assert_eq!(blocks[9], Block::Heading(1));
        assert_eq!(blocks[10], Block::SetextRule);
        assert_eq!(blocks[11], Block::Text);
    }

    #[test]
    fn handles_crlf_tabs_and_no_final_newline() {
        let src = "a\r\n\tb\r\nc";
        let t = LineTable::build(src, 0);
        assert_eq!(t.lines.len(), 3);
        assert_eq!(t.lines[0].trimmed(src), "a");
        assert_eq!(t.lines[1].indent(), 4);
        assert_eq!(t.lines[1].trimmed(src), "b");
        assert_eq!(t.lines[2].trimmed(src), "c");
    }

    /// Where the body is parsed in two halves, every line is marked as in one parse.
    fn assert_halves_agree(src: &str) -> bool {
        let one = LineTable::build(src, 0);
        let two = LineTable::build_parallel(src, 0);
        assert_eq!(one.lines, two.lines, "{src:?}");
        assert_eq!(one.html_blocks, two.html_blocks, "{src:?}");
        one.safe_split(src, 0).is_some()
    }

    #[test]
    fn two_halves_mark_what_one_parse_marks() {
        let notes = crate::synth::notes(200_000, 5);
        assert!(assert_halves_agree(&notes));
        assert!(
            assert_halves_agree(&notes.replace('\n', "\r\n")),
            "CRLF files are cut too"
        );
        let example = include_str!("../../../examples/interview-notes.md");
        assert_halves_agree(&example.repeat(3));
    }

    #[test]
    #[ignore = "needs ../shared"]
    fn two_halves_mark_what_one_parse_marks_on_the_seed() {
        assert_halves_agree(&crate::tests::shared_seed().repeat(3));
    }

    #[test]
    fn a_block_open_at_the_cut_falls_back_to_one_parse() {
        // The middle line would be a cut, but a fence or an HTML comment opened before it
        // runs over it.
        for (open, close) in [
            ("```", "```"),
            ("~~~~", "~~~~"),
            ("<!--", "-->"),
            ("<pre>", "</pre>"),
            ("<script>", "</script>"),
        ] {
            let mut src = String::from("# A\n\n");
            src.push_str(open);
            src.push_str("\nS: inside\n\n");
            for i in 0..20 {
                src.push_str(&format!("# heading {i}\n\nS: label {i}\n\n"));
            }
            src.push_str(close);
            src.push_str("\n\n# after\n\nS: outside\n");
            assert_halves_agree(&src);
            let t = LineTable::build_parallel(&src, 0);
            let mid = t.lines.len() / 2;
            assert!(
                t.lines[mid].block == Block::Code || t.lines[mid].block == Block::Html,
                "{open}"
            );
        }
    }

    /// Random soups of blocks do take the two-half path (not only the fallback), and agree.
    #[test]
    fn block_soups_are_often_cut_in_two() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let (mut cut, total) = (0, 400);
        for _ in 0..total {
            let len = 10 + next(70) as usize;
            let src: String = (0..len)
                .map(|_| SOUP[next(SOUP.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join("\n");
            let one = LineTable::build(&src, 0);
            let mut two = LineTable::build(&src, 0);
            two.reset_blocks(0);
            if let Some(split) = two.safe_split(&src, 0)
                && two.mark_halves(&src, 0, split)
            {
                cut += 1;
                assert_eq!(one.lines, two.lines, "{src:?}");
                assert_eq!(one.html_blocks, two.html_blocks, "{src:?}");
            }
        }
        // Random fences and comments leave many soups with a block open at the middle (those
        // fall back to one parse, checked by the property test below).
        assert!(cut * 10 > total, "only {cut} of {total} soups were cut");
    }

    const SOUP: [&str; 32] = [
        "# Title",
        "**예상질문**",
        "",
        "",
        "",
        "",
        "",
        "",
        "1. 질문",
        "   S: 상황",
        "- point",
        "> quote",
        "> > nested",
        "```",
        "~~~",
        "    code",
        "<details>",
        "</details>",
        "<!--",
        "-->",
        "| a | b |",
        "|---|---|",
        "Setext",
        "===",
        "[x]: /url",
        "[^1]: note",
        "plain 문단",
        "* **Situation**: x",
        "## 2. Ownership",
        "**LP**",
        "<pre>",
        "</pre>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Any mix of blocks, cut wherever a cut is allowed: the same marks as one parse.
        #[test]
        fn halves_agree_on_any_block_soup(parts in proptest::collection::vec(0usize..32, 10..80)) {
            let src: String = parts.iter().map(|&i| SOUP[i]).collect::<Vec<_>>().join("\n");
            assert_halves_agree(&src);
        }
    }

    #[test]
    fn atx_titles_drop_closing_hashes() {
        assert_eq!(atx_title("## Title ##"), "Title");
        assert_eq!(atx_title("### C#"), "C#");
        assert_eq!(atx_title("#"), "");
    }
}
