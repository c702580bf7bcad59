//! Small text helpers shared by import and analysis: line/column lookup, script detection.

/// Maps byte offsets to 1-based line and column (column counted in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start);
        (line, col + 1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// A Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Share of letters that are Hangul (0 when there are no letters).
pub fn hangul_ratio(s: &str) -> f64 {
    let (mut h, mut l) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_ascii() {
            l += usize::from(c.is_ascii_alphabetic());
        } else if is_hangul(c) {
            h += 1;
            l += 1;
        } else if c.is_alphabetic() {
            l += 1;
        }
    }
    if l == 0 { 0.0 } else { h as f64 / l as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_lines_and_characters() {
        let t = "ab\n가나다\n\nx";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, 9), (2, 3)); // after 가나 (3 bytes each)
        assert_eq!(ix.line(t.len()), 4);
        assert_eq!(ix.line_count(), 4);
    }

    #[test]
    fn hangul_ratio_ignores_punctuation() {
        assert_eq!(hangul_ratio("가나 ab!"), 0.5);
        assert_eq!(hangul_ratio("123 ..."), 0.0);
    }
}
