//! Candidates from HTML and tables: a `<details>` summary and the `<li>` follow-ups of its
//! body, and the rows of an HTML or pipe table with a question column.

use super::{Kind, Scan, Shape};
use crate::html::strip_tags_keep_lines;
use crate::lines::Block;
use crate::shape::{is_question, plain};
use crate::vocab::vocab;

impl Scan<'_> {
    /// A `<details>` block from line `i`: its summary is a candidate, the `<li>` items of its
    /// body are candidates under it. Returns the line after the block.
    pub(super) fn details(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let Some(close) = (i..b).find(|&j| {
            lines[j]
                .trimmed(src)
                .to_ascii_lowercase()
                .contains("</details>")
        }) else {
            return i + 1;
        };
        let whole = &src[lines[i].start()..lines[close].end()];
        let lower = whole.to_ascii_lowercase();
        let (Some(s), Some(e)) = (lower.find("<summary"), lower.find("</summary>")) else {
            return close + 1;
        };
        let s_end = lower[s..].find('>').map_or(e, |k| s + k + 1).min(e);
        let summary = plain(&whole[s_end..e]);
        let (number, title) = match super::super::strip_number(&summary) {
            (Some(n), t) => (Some(n), t.to_string()),
            (None, _) => (None, summary.clone()),
        };
        let body_from = e + "</summary>".len();
        let body_to = lower
            .rfind("</details>")
            .unwrap_or(whole.len())
            .max(body_from);
        let body = &whole[body_from..body_to];
        // The `<li>` follow-ups of the body, each on the line where it starts.
        let base = lines[i].start();
        let mut items: Vec<(usize, String, usize)> = Vec::new();
        let blower = &lower[body_from..body_to];
        let mut at = 0;
        while let Some(k) = blower[at..].find("<li") {
            let start = at + k;
            let after = blower[start..]
                .find('>')
                .map_or(blower.len(), |x| start + x + 1);
            let stop = ["</li", "<li", "</ul", "</ol"]
                .iter()
                .filter_map(|t| blower[after..].find(t).map(|x| after + x))
                .min()
                .unwrap_or(blower.len());
            let text = plain(&body[after..stop]);
            let line = self.table.line_of(base + body_from + start);
            if !text.is_empty() && items.last().is_none_or(|x| x.0 != line) {
                items.push((line, text, start));
            }
            at = stop.max(after);
        }
        let questions = items.iter().filter(|x| is_question(&x.1)).count();
        let follow_ups = !items.is_empty() && questions * 2 >= items.len();
        // The summary's answer is its body up to the first follow-up question.
        let answer_to = if follow_ups {
            items.first().map_or(body.len(), |x| x.2)
        } else {
            body.len()
        };
        let answer = strip_tags_keep_lines(&body[..answer_to]);
        let answer = decode_entities(&answer);
        let shape = if title.is_empty() {
            Shape::Never
        } else {
            Shape::Always
        };
        self.push(
            i,
            close,
            Kind::Summary,
            container,
            0,
            title,
            number,
            shape,
            Some(answer),
            0,
        );
        if follow_ups {
            for (line, text, _) in items {
                let shape = if is_question(&text) {
                    Shape::Yes
                } else {
                    Shape::No
                };
                self.push(
                    line,
                    line,
                    Kind::List,
                    i,
                    0,
                    text,
                    None,
                    shape,
                    Some(String::new()),
                    0,
                );
            }
        }
        close + 1
    }

    /// An HTML table from line `i` (its HTML block): rows are questions when a header names
    /// the question column, when most first cells are questions, or when most rows answer
    /// their first cell with a list or a STAR story (a key/value table of prompts).
    pub(super) fn html_table(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let mut j = i;
        while j < b && lines[j].block == Block::Html {
            j += 1;
        }
        let last = j.saturating_sub(1).max(i);
        let whole = &src[lines[i].start()..lines[last].end()];
        let lower = whole.to_ascii_lowercase();
        let base = lines[i].start();
        // Rows: (line, cells as raw HTML).
        let mut rows: Vec<(usize, Vec<&str>, bool)> = Vec::new();
        let mut at = 0;
        while let Some(k) = lower[at..].find("<tr") {
            let start = at + k;
            let end = lower[start..]
                .find("</tr")
                .map_or(lower.len(), |x| start + x);
            let mut cells = Vec::new();
            let mut header = false;
            let mut c = start;
            while let Some(x) = lower[c..end].find("<t") {
                let cs = c + x;
                let tag = lower.get(cs + 2..cs + 3).unwrap_or("");
                if tag != "d" && tag != "h" {
                    c = cs + 2;
                    continue;
                }
                header |= tag == "h";
                let open_end = lower[cs..end].find('>').map_or(end, |y| cs + y + 1);
                let close = ["</td", "</th"]
                    .iter()
                    .filter_map(|t| lower[open_end..end].find(t).map(|y| open_end + y))
                    .min()
                    .unwrap_or(end);
                cells.push(&whole[open_end..close]);
                c = close.max(open_end);
            }
            let line = self.table.line_of(base + start);
            if !cells.is_empty() {
                rows.push((line, cells, header));
            }
            at = end.max(start + 3);
        }
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.1.iter().map(|c| plain(c)).collect())
            .collect();
        // Rows that answer their first cell with a list or a STAR story: a table of prompts.
        let listed = rows
            .iter()
            .filter(|r| {
                r.1.get(1).is_some_and(|c| {
                    let l = c.to_ascii_lowercase();
                    l.contains("<li") || l.contains("situation")
                })
            })
            .count();
        let header = rows.first().is_some_and(|r| r.2);
        let cols = self.question_columns(&texts, header).or_else(|| {
            let body = rows.len().saturating_sub(usize::from(header));
            (body >= 2 && listed * 2 >= body).then_some((0, Some(1), header))
        });
        if let Some((q, ans, skip_header)) = cols {
            for (k, (line, cells, _)) in rows.iter().enumerate() {
                if skip_header && k == 0 {
                    continue;
                }
                let title = texts[k].get(q).cloned().unwrap_or_default();
                if title.is_empty() {
                    continue;
                }
                let answer = ans
                    .and_then(|a| cells.get(a))
                    .map(|c| decode_entities(&strip_tags_keep_lines(c)))
                    .unwrap_or_default();
                let (number, title) = match super::super::strip_number(&title) {
                    (Some(n), t) => (Some(n), t.to_string()),
                    (None, _) => (None, title.clone()),
                };
                self.push(
                    *line,
                    *line,
                    Kind::Row,
                    container,
                    0,
                    title,
                    number,
                    Shape::Always,
                    Some(answer),
                    0,
                );
            }
        }
        j
    }

    /// A pipe table from line `i`.
    pub(super) fn pipe_table(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let mut j = i;
        while j < b && lines[j].block == Block::Table {
            j += 1;
        }
        let rows: Vec<(usize, Vec<&str>)> = (i..j)
            .map(|k| (k, pipe_cells(lines[k].trimmed(src))))
            .filter(|(_, c)| {
                !c.iter()
                    .all(|x| x.trim().trim_matches([':', '-']).is_empty())
            })
            .collect();
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.1.iter().map(|c| plain(c)).collect())
            .collect();
        if let Some((q, ans, skip_header)) = self.question_columns(&texts, true) {
            for (k, (line, cells)) in rows.iter().enumerate() {
                if skip_header && k == 0 {
                    continue;
                }
                let title = texts[k].get(q).cloned().unwrap_or_default();
                if title.is_empty() {
                    continue;
                }
                let answer = ans
                    .and_then(|a| cells.get(a))
                    .map(|c| c.replace("<br>", "\n").trim().to_string())
                    .unwrap_or_default();
                self.push(
                    *line,
                    *line,
                    Kind::Row,
                    container,
                    0,
                    title,
                    None,
                    Shape::Always,
                    Some(answer),
                    0,
                );
            }
        }
        j
    }

    /// Which column of a table holds questions, which their answers, and whether the first
    /// row is a header.
    pub(super) fn question_columns(
        &self,
        rows: &[Vec<String>],
        first_is_header: bool,
    ) -> Option<(usize, Option<usize>, bool)> {
        let v = &vocab().question;
        let norm = |s: &str| loopcoach_core::framework::normalize_name(s);
        let header = rows.first()?;
        let find = |names: &[String]| {
            header.iter().position(|h| {
                names
                    .iter()
                    .any(|n| norm(n) == norm(h) && !norm(h).is_empty())
            })
        };
        if let Some(q) = find(&v.table_question_headers) {
            return Some((q, find(&v.table_answer_headers), true));
        }
        let body = if first_is_header { &rows[1..] } else { rows };
        if body.len() < 2 {
            return None;
        }
        let firsts = body.iter().filter(|r| r.len() >= 2).count();
        if firsts * 2 < body.len() {
            return None;
        }
        let questions = body
            .iter()
            .filter(|r| r.first().is_some_and(|c| is_question(c)))
            .count();
        if questions * 2 >= body.len() {
            return Some((0, Some(1), first_is_header));
        }
        None
    }
}

fn pipe_cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    // Split on unescaped pipes outside link targets.
    let mut cells = Vec::new();
    let (mut start, mut depth) = (0, 0i32);
    let b = t.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'|' if depth == 0 && (k == 0 || b[k - 1] != b'\\') => {
                cells.push(t[start..k].trim());
                start = k + 1;
            }
            _ => {}
        }
    }
    cells.push(t[start..].trim());
    cells
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}
