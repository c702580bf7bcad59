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

#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// Byte offset after the content (before `\r\n` or `\n`).
    pub end: usize,
    /// Indentation in columns (tab = to the next multiple of 4).
    pub indent: usize,
    /// Byte offset of the first non-whitespace character (== end when blank).
    pub text_start: usize,
    pub blank: bool,
    pub block: Block,
    /// Inside a block quote.
    pub quote: bool,
}

impl Line {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.text_start..self.end]
    }
    /// Content with trailing whitespace removed.
    pub fn trimmed<'a>(&self, src: &'a str) -> &'a str {
        src[self.text_start..self.end].trim_end()
    }
    /// Structure may be read from this line (not code, HTML or a setext underline).
    pub fn structural(&self) -> bool {
        !matches!(self.block, Block::Code | Block::Html | Block::SetextRule)
    }
}

/// An HTML block and its lines.
#[derive(Debug, Clone)]
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
        let index = LineIndex::new(src);
        let bytes = src.as_bytes();
        // Every line start before the end (a final newline opens no line), or one empty line.
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
            lines.push(Line {
                start,
                end,
                indent,
                text_start: ts,
                blank: ts == end,
                block: if start < body_start {
                    Block::Code
                } else {
                    Block::Text
                },
                quote: false,
            });
        }
        let mut table = LineTable {
            lines,
            html_blocks: Vec::new(),
            index,
        };
        table.mark_blocks(src, body_start);
        table
    }

    /// Index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index
            .line(offset)
            .saturating_sub(1)
            .min(self.lines.len().saturating_sub(1))
    }

    fn mark_range(&mut self, first: usize, last: usize, block: Block) {
        for l in &mut self.lines[first..=last] {
            l.block = block;
        }
    }

    fn mark_blocks(&mut self, src: &str, body_start: usize) {
        let body = &src[body_start..];
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let mut container_depth = 0usize;
        let mut quote_depth = 0usize;
        for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
            let (s, e) = (range.start + body_start, range.end + body_start);
            match ev {
                Event::Start(Tag::CodeBlock(_)) => {
                    let (a, b) = (self.line_of(s), self.line_of(e.saturating_sub(1).max(s)));
                    self.mark_range(a, b, Block::Code);
                }
                Event::Start(Tag::HtmlBlock) => {
                    let (a, b) = (self.line_of(s), self.line_of(e.saturating_sub(1).max(s)));
                    self.mark_range(a, b, Block::Html);
                    self.html_blocks.push(HtmlBlock {
                        first: a,
                        last: b,
                        start: s,
                        end: e,
                    });
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let a = self.line_of(s);
                    let b = self.line_of(e.saturating_sub(1).max(s));
                    let lvl = heading_level(level);
                    self.lines[a].block = Block::Heading(lvl);
                    if b > a {
                        // Setext: text line(s) then the underline.
                        for l in &mut self.lines[a + 1..b] {
                            l.block = Block::Heading(lvl);
                        }
                        self.lines[b].block = Block::SetextRule;
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    let (a, b) = (self.line_of(s), self.line_of(e.saturating_sub(1).max(s)));
                    self.mark_range(a, b, Block::Table);
                }
                Event::Start(Tag::Paragraph) if container_depth == 0 => {
                    let a = self.line_of(s);
                    let b = self.line_of(e.saturating_sub(1).max(s));
                    if a == b && is_bold_title(self.lines[a].trimmed(src)) {
                        self.lines[a].block = Block::BoldTitle;
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    quote_depth += 1;
                    container_depth += 1;
                    let (a, b) = (self.line_of(s), self.line_of(e.saturating_sub(1).max(s)));
                    for l in &mut self.lines[a..=b] {
                        l.quote = true;
                    }
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    quote_depth = quote_depth.saturating_sub(1);
                    container_depth = container_depth.saturating_sub(1);
                }
                Event::Start(Tag::List(_)) | Event::Start(Tag::Item) => container_depth += 1,
                Event::End(TagEnd::List(_)) | Event::End(TagEnd::Item) => {
                    container_depth = container_depth.saturating_sub(1)
                }
                _ => {}
            }
        }
        let _ = quote_depth;
    }
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
        assert_eq!(t.lines[1].indent, 4);
        assert_eq!(t.lines[1].trimmed(src), "b");
        assert_eq!(t.lines[2].trimmed(src), "c");
    }

    #[test]
    fn atx_titles_drop_closing_hashes() {
        assert_eq!(atx_title("## Title ##"), "Title");
        assert_eq!(atx_title("### C#"), "C#");
        assert_eq!(atx_title("#"), "");
    }
}
