//! Korean particle spacing: a particle (조사) attaches to the word before it.
//!
//! "JWT의 구조", not "JWT 의 구조"; "(ID)를", not "(ID) 를"; "401이", not "401 이". Writers
//! who mix Latin-script terms into Korean often put a space before the particle, and a Korean
//! reader sees it at once. This module finds such a particle written as its own word right
//! after a Latin letter, a digit, a closing bracket or a closing quote. The particles come from
//! data (`content/analysis/korean-particles.toml`, the list search strips), and what must not
//! be flagged (a determiner spelled like a particle, a noun such as 밖에) from
//! `content/analysis/korean-spacing.toml`. Pure: text in, findings out. The content lint in
//! `tests/content_lint.rs` runs it over every built-in bank.

use serde::Deserialize;

const PARTICLES_TOML: &str = include_str!("../../../content/analysis/korean-particles.toml");
const SPACING_TOML: &str = include_str!("../../../content/analysis/korean-spacing.toml");

/// How many particles one spaced word may chain (에서 + 는, 만 + 으로 + 는).
const MAX_CHAIN: usize = 3;

#[derive(Debug, Deserialize)]
struct ParticleList {
    particles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpacingData {
    not_particles: Vec<String>,
    determiners: Vec<String>,
    determined: Vec<String>,
}

/// One particle written apart from the word before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spaced {
    /// Byte offset of the space before the particle.
    pub at: usize,
    /// The word the particle belongs to (the run of non-space text before the space).
    pub word: String,
    /// The particle as written (one or more chained particles: `에서는`).
    pub particle: String,
}

impl Spaced {
    /// The text as it should read: the word with its particle attached.
    pub fn attached(&self) -> String {
        format!("{}{}", self.word, self.particle)
    }
}

/// The spacing rules, from data.
#[derive(Debug, Clone)]
pub struct SpacingRules {
    /// Longest first, so a chain is split greedily before shorter readings are tried.
    particles: Vec<String>,
    not_particles: Vec<String>,
    determiners: Vec<String>,
    determined: Vec<String>,
}

/// What the data files hold that makes them unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpacingDataError {
    #[error("{file}: {message}")]
    Parse { file: &'static str, message: String },
    #[error("{file}: no particles")]
    Empty { file: &'static str },
}

impl SpacingRules {
    /// The rules of the embedded data files.
    pub fn builtin() -> Result<SpacingRules, SpacingDataError> {
        Self::parse(PARTICLES_TOML, SPACING_TOML)
    }

    /// The rules of a particle list and a spacing file (both TOML).
    pub fn parse(
        particles_toml: &str,
        spacing_toml: &str,
    ) -> Result<SpacingRules, SpacingDataError> {
        const PARTICLES: &str = "content/analysis/korean-particles.toml";
        const SPACING: &str = "content/analysis/korean-spacing.toml";
        let list: ParticleList =
            toml::from_str(particles_toml).map_err(|e| SpacingDataError::Parse {
                file: PARTICLES,
                message: e.message().to_string(),
            })?;
        let data: SpacingData =
            toml::from_str(spacing_toml).map_err(|e| SpacingDataError::Parse {
                file: SPACING,
                message: e.message().to_string(),
            })?;
        let mut particles: Vec<String> = list
            .particles
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if particles.is_empty() {
            return Err(SpacingDataError::Empty { file: PARTICLES });
        }
        particles.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        particles.dedup();
        Ok(SpacingRules {
            particles,
            not_particles: data.not_particles,
            determiners: data.determiners,
            determined: data.determined,
        })
    }

    /// Every particle in `text` written as its own word after a Latin letter, a digit, a
    /// closing bracket or a closing quote, in order.
    pub fn spaced_particles(&self, text: &str) -> Vec<Spaced> {
        let mut found = Vec::new();
        for (at, c) in text.char_indices() {
            if c != ' ' || at == 0 {
                continue;
            }
            let Some(before) = text[..at].chars().next_back() else {
                continue;
            };
            if !ends_a_term(before) {
                continue;
            }
            let rest = &text[at + 1..];
            let token_len = rest
                .char_indices()
                .find(|&(_, c)| !is_hangul_syllable(c))
                .map_or(rest.len(), |(i, _)| i);
            let token = &rest[..token_len];
            if token.is_empty() || !self.is_particle_chain(token, 0) {
                continue;
            }
            if self.not_particles.iter().any(|w| w == token) {
                continue;
            }
            let after = &rest[token_len..];
            if self.determiners.iter().any(|d| d == token) && self.points_at_noun(after) {
                continue;
            }
            let word_start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            found.push(Spaced {
                at,
                word: text[word_start..at].to_string(),
                particle: token.to_string(),
            });
        }
        found
    }

    /// `text` with every spaced particle attached to its word.
    pub fn attach(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for s in self.spaced_particles(text) {
            out.push_str(&text[from..s.at]);
            from = s.at + 1;
        }
        out.push_str(&text[from..]);
        out
    }

    /// Whether `token` is made of one to [`MAX_CHAIN`] particles.
    fn is_particle_chain(&self, token: &str, depth: usize) -> bool {
        if token.is_empty() {
            return depth > 0;
        }
        depth < MAX_CHAIN
            && self.particles.iter().any(|p| {
                token
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| self.is_particle_chain(rest, depth + 1))
            })
    }

    /// Whether the text after a determiner-like particle starts with a noun it points at
    /// (" 토큰을 ..." after "이").
    fn points_at_noun(&self, after: &str) -> bool {
        let Some(next) = after.strip_prefix(' ') else {
            return false;
        };
        self.determined.iter().any(|n| next.starts_with(n.as_str()))
    }
}

/// A character a term a particle attaches to can end with: a Latin letter or a digit (any
/// script's letters but Hangul's), a closing bracket or a closing quote, or a percent sign.
fn ends_a_term(c: char) -> bool {
    (c.is_alphanumeric() && !is_hangul_syllable(c) && !is_cjk(c))
        || matches!(
            c,
            ')' | ']' | '}' | '>' | '`' | '\'' | '"' | '’' | '”' | '%' | '」' | '』'
        )
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}' | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn rules() -> SpacingRules {
        SpacingRules::builtin().expect("the embedded spacing data parses")
    }

    fn flagged(text: &str) -> Vec<(String, String)> {
        rules()
            .spaced_particles(text)
            .into_iter()
            .map(|s| (s.word, s.particle))
            .collect()
    }

    #[test]
    fn a_particle_spaced_off_a_latin_word_a_number_or_a_bracket_is_found() {
        assert_eq!(flagged("JWT 의 구조"), [("JWT".into(), "의".into())]);
        assert_eq!(
            flagged("사용자 (ID) 를 확인"),
            [("(ID)".into(), "를".into())]
        );
        assert_eq!(flagged("401 이 반환됨"), [("401".into(), "이".into())]);
        assert_eq!(
            flagged("'invalid audience' 나 'expired'"),
            [("audience'".into(), "나".into())]
        );
        assert_eq!(
            flagged("`kubectl` 로 확인"),
            [("`kubectl`".into(), "로".into())]
        );
        assert_eq!(
            flagged("사용률 50% 를 넘으면"),
            [("50%".into(), "를".into())]
        );
        assert_eq!(
            flagged("URL 이 아니라 Referer 에"),
            [("URL".into(), "이".into()), ("Referer".into(), "에".into())]
        );
    }

    #[test]
    fn chained_particles_and_the_end_of_a_text_count() {
        assert_eq!(
            flagged("EKS 에서는 다름"),
            [("EKS".into(), "에서는".into())]
        );
        assert_eq!(
            flagged("CN 만으로는 부족"),
            [("CN".into(), "만으로는".into())]
        );
        assert_eq!(flagged("기본값은 TLS 1.2"), []);
        assert_eq!(
            flagged("허용하는 것은 SAN 뿐, 그리고 CN 도"),
            [("CN".into(), "도".into())]
        );
        assert_eq!(
            flagged("...ALB 가, 그리고"),
            [("...ALB".into(), "가".into())]
        );
    }

    #[test]
    fn attached_particles_and_words_that_only_start_like_one_are_left_alone() {
        for ok in [
            "JWT의 구조",
            "(ID)를 확인",
            "401이 반환됨",
            "AWS 의사결정 구조",
            "JWT 검증 순서",
            "401 응답",
            "VPC 밖에 있는 클라이언트",
            "토큰 의 구조",
            "RFC 7519 이 토큰의 클레임",
            "curl, dig 이 두 도구로 확인",
            "TLS 1.3 은행",
            "(예: kubectl)",
        ] {
            assert_eq!(flagged(ok), [], "{ok}");
        }
    }

    #[test]
    fn the_determiner_reading_needs_a_noun_after_it() {
        // "이 토큰" points at a token; "이 없으면" is the subject particle.
        assert_eq!(flagged("RFC 7519 이 토큰을 정의"), []);
        assert_eq!(
            flagged("shebang 이 없으면"),
            [("shebang".into(), "이".into())]
        );
    }

    #[test]
    fn attach_removes_exactly_the_flagged_spaces() {
        let r = rules();
        assert_eq!(
            r.attach("JWT 의 구조와 (ID) 를, 401 이 반환"),
            "JWT의 구조와 (ID)를, 401이 반환"
        );
        assert_eq!(r.attach("VPC 밖에 있는 JWT 검증"), "VPC 밖에 있는 JWT 검증");
        let s = &r.spaced_particles("a JWT 의")[0];
        assert_eq!((s.at, s.attached().as_str()), (5, "JWT의"));
    }

    #[test]
    fn broken_or_empty_data_is_an_error_naming_the_file() {
        let spacing = SPACING_TOML;
        let e = SpacingRules::parse("particles = 3", spacing).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("content/analysis/korean-particles.toml"),
            "{e}"
        );
        let e = SpacingRules::parse("particles = []", spacing).unwrap_err();
        assert_eq!(
            e,
            SpacingDataError::Empty {
                file: "content/analysis/korean-particles.toml"
            }
        );
        let e = SpacingRules::parse(PARTICLES_TOML, "not_particles = []").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("content/analysis/korean-spacing.toml"),
            "{e}"
        );
    }
}
