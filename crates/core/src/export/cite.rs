//! "Cite": a citation of the view on screen, as text and as BibTeX, naming
//! the archive version its figures come from and the day it was read.

use crate::date::Date;
use crate::model::Lang;

/// What a citation names.
pub struct Cited<'a> {
    /// What the view shows ("CARICC archive: Kazakhstan · 2025-01 – 2025-06").
    pub title: &'a str,
    /// The archive version (`2025-06-15.3f9a1c2e` for a published one).
    pub version: &'a str,
    /// The day the reader accessed the view.
    pub accessed: Date,
    /// The view's address.
    pub address: &'a str,
}

/// The publisher, as the releases name it.
const PUBLISHER_EN: &str =
    "Central Asian Regional Information and Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and Their Precursors (CARICC)";
const PUBLISHER_RU: &str =
    "Центральноазиатский региональный информационный координационный центр по борьбе с незаконным оборотом наркотических средств, психотропных веществ и их прекурсоров (ЦАРИКЦ)";

/// The citation as a reader pastes it into a text, in `lang`'s usual form:
/// `CARICC. Title [archive version V]. Address (accessed 30 November 2026).`
/// (in Russian, after GOST 7.0.100: `… — URL: address (дата обращения: 30.11.2026).`).
pub fn citation_text(c: &Cited<'_>, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{PUBLISHER_EN}. {} [archive version {}]. {} (accessed {} {} {}).",
            c.title,
            c.version,
            c.address,
            c.accessed.day(),
            crate::locale::month_name(c.accessed.month(), Lang::En),
            c.accessed.year()
        ),
        Lang::Ru => format!(
            "{PUBLISHER_RU}. {} [версия архива {}]. — URL: {} (дата обращения: {:02}.{:02}.{}).",
            c.title,
            c.version,
            c.address,
            c.accessed.day(),
            c.accessed.month(),
            c.accessed.year()
        ),
    }
}

/// The citation as a BibTeX `@misc` entry (biblatex reads its `url` and
/// `urldate`; plain BibTeX its `howpublished` and `note`). The key is
/// `caricc` and the archive version's date; braces, backslashes and the
/// other characters TeX treats specially are escaped in every field, so a
/// title cannot end the entry or run a command.
pub fn citation_bibtex(c: &Cited<'_>) -> String {
    let key: String = c
        .version
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || *ch == '-')
        .collect();
    let year = c
        .version
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    let accessed = c.accessed.to_string();
    let mut out = format!(
        "@misc{{caricc-{},\n",
        if key.is_empty() { "archive" } else { &key }
    );
    let mut field = |name: &str, value: &str| {
        out.push_str("  ");
        out.push_str(name);
        out.push_str(" = {");
        out.push_str(&tex_escape(value));
        out.push_str("},\n");
    };
    field("author", "{CARICC}");
    field("title", c.title);
    field("publisher", PUBLISHER_EN);
    if let Some(y) = year {
        field("year", y);
    }
    field(
        "note",
        &format!("Archive version {}. Accessed {accessed}", c.version),
    );
    field("urldate", &accessed);
    // A URL is read verbatim (biblatex, the url package): not TeX-escaped,
    // only what would break the braces percent-encoded.
    let url: String = c
        .address
        .chars()
        .map(|ch| match ch {
            '{' => "%7B".to_string(),
            '}' => "%7D".to_string(),
            '\\' => "%5C".to_string(),
            c if c.is_whitespace() || c.is_control() => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    out.push_str("  url = {");
    out.push_str(&url);
    out.push_str("}\n");
    out.push('}');
    out.push('\n');
    out
}

/// `text` safe inside a BibTeX field's braces: TeX's special characters
/// escaped, the braces of a literal `{CARICC}` (an author kept whole)
/// left as they are when they open and close the whole text.
fn tex_escape(text: &str) -> String {
    if let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        if !inner.contains(['{', '}']) {
            return format!("{{{}}}", tex_escape(inner));
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            // Control characters (a line break in a title) end nothing in
            // BibTeX but read badly: a space.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(title: &str) -> Cited<'_> {
        Cited {
            title,
            version: "2025-06-30.3f9a1c2e",
            accessed: Date::from_ymd(2026, 11, 30).unwrap(),
            address: "https://example.org/caricc/#/events?country=KZ&q=heroin",
        }
    }

    #[test]
    fn the_text_names_publisher_title_version_address_and_day() {
        let en = citation_text(&cited("CARICC archive: Kazakhstan"), Lang::En);
        assert!(en.starts_with("Central Asian Regional Information"), "{en}");
        assert!(
            en.contains("CARICC archive: Kazakhstan [archive version 2025-06-30.3f9a1c2e]"),
            "{en}"
        );
        assert!(
            en.contains("#/events?country=KZ&q=heroin (accessed 30 November 2026)."),
            "{en}"
        );
        let ru = citation_text(&cited("Архив ЦАРИКЦ: Казахстан"), Lang::Ru);
        assert!(ru.contains("[версия архива 2025-06-30.3f9a1c2e]"), "{ru}");
        assert!(ru.ends_with("(дата обращения: 30.11.2026)."), "{ru}");
    }

    /// Reads a BibTeX entry's fields back with brace counting, as BibTeX
    /// does: each field's value is what lies between its balanced braces.
    fn fields(entry: &str) -> Vec<(String, String)> {
        let body = entry.split_once(",\n").unwrap().1;
        let mut out = Vec::new();
        let mut rest = body;
        while let Some((name, after)) = rest.split_once(" = {") {
            let mut depth = 1;
            let mut end = 0;
            let mut escaped = false;
            for (i, ch) in after.char_indices() {
                match ch {
                    '\\' if !escaped => {
                        escaped = true;
                        continue;
                    }
                    '{' if !escaped => depth += 1,
                    '}' if !escaped => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
                escaped = false;
            }
            assert!(depth == 0, "unbalanced field {name} in {entry}");
            out.push((
                name.trim_start_matches(|c: char| c == ',' || c.is_whitespace())
                    .to_string(),
                after[..end].to_string(),
            ));
            rest = &after[end + 1..];
        }
        out
    }

    #[test]
    fn bibtex_fields_hold_and_hostile_titles_stay_inside_theirs() {
        let entry = citation_bibtex(&cited(
            "Heroin} @misc{evil, title={x} \\input{/etc/passwd} 100% & $5 #1 a_b ~ ^",
        ));
        assert!(entry.starts_with("@misc{caricc-2025-06-30,\n"), "{entry}");
        assert!(entry.ends_with("}\n"));
        let f = fields(&entry);
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "author",
                "title",
                "publisher",
                "year",
                "note",
                "urldate",
                "url"
            ]
        );
        let title = &f[1].1;
        assert!(!title.contains("\\input"), "{title}");
        assert!(
            title.contains("\\textbackslash{}input\\{/etc/passwd\\}"),
            "{title}"
        );
        assert!(
            title.contains("100\\% \\& \\$5 \\#1 a\\_b \\~{} \\^{}"),
            "{title}"
        );
        assert_eq!(f[0].1, "{CARICC}");
        assert_eq!(f[3].1, "2025");
        assert_eq!(f[5].1, "2026-11-30");
        assert!(f[4].1.contains("2025-06-30.3f9a1c2e"));
        assert_eq!(
            f[6].1,
            "https://example.org/caricc/#/events?country=KZ&q=heroin"
        );
        let odd = Cited {
            address: "https://example.org/#/events?q=a}b{c\\d e",
            ..cited("t")
        };
        let f = fields(&citation_bibtex(&odd));
        assert_eq!(f[6].1, "https://example.org/#/events?q=a%7Db%7Bc%5Cd%20e");
    }
}
