//! Terminal tables: comfy-table lines up Korean double-width text; colour and borders only on
//! a TTY and never with NO_COLOR.

use std::io::IsTerminal;

use comfy_table::{ContentArrangement, Table, presets};

pub fn new(header: Vec<String>) -> Table {
    let mut t = Table::new();
    let tty = std::io::stdout().is_terminal();
    t.load_preset(if tty {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_MARKDOWN
    });
    t.set_content_arrangement(if tty {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if !tty || std::env::var_os("NO_COLOR").is_some() {
        t.force_no_tty();
    }
    t.set_header(header);
    t
}

/// Add a row, its cells made safe for a terminal (text from notes, banks and Anki files may
/// hold control characters: they are shown, never obeyed).
pub fn add(t: &mut Table, cells: Vec<String>) {
    t.add_row(
        cells
            .into_iter()
            .map(|c| loopcoach_core::text::for_terminal(&c).into_owned())
            .collect::<Vec<_>>(),
    );
}

/// First line of a text, cut to `n` characters.
pub fn short(s: &str, n: usize) -> String {
    let first = s.lines().next().unwrap_or("").trim();
    if first.chars().count() > n {
        format!("{}…", first.chars().take(n).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Columns to lay text out in: `COLUMNS`, else the terminal's width, else 100 (a pipe).
pub fn terminal_width() -> usize {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|c| *c >= 20)
    {
        return c;
    }
    if std::io::stdout().is_terminal()
        && let Some(w) = Table::new().width()
    {
        return usize::from(w).max(20);
    }
    100
}

/// The drill screen: `COLUMNS`, else the terminal's width, else 80 (not a terminal); colour
/// only on a terminal and never with `NO_COLOR`.
pub fn screen() -> loopcoach_practice::screen::Screen {
    let tty = std::io::stdout().is_terminal();
    let width = if tty || std::env::var_os("COLUMNS").is_some() {
        let w = terminal_width();
        if !tty
            && std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<usize>().ok())
                .is_none()
        {
            loopcoach_practice::screen::FALLBACK_WIDTH
        } else {
            w
        }
    } else {
        loopcoach_practice::screen::FALLBACK_WIDTH
    };
    loopcoach_practice::screen::Screen {
        width,
        color: tty && std::env::var_os("NO_COLOR").is_none(),
    }
}
