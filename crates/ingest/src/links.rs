//! Source links: recognising a line that is only a link (`<https://…>`, a
//! bare URL, `[text](url)`, `Source: url`), and checking a URL before it
//! goes into the archive, repairing punycode host labels that the PDF text
//! layer mis-read (`xn--plai` for `xn--p1ai`: `1` and `l`, `0` and `o` look
//! alike).

use std::sync::OnceLock;

use caricc_core::model::is_web_url;
use memchr::memmem;

/// A URL ready for the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanUrl {
    /// The URL as the archive stores it.
    pub url: String,
    /// The URL as written, when a host label had to be repaired.
    pub repaired_from: Option<String>,
}

/// The URL when the whole line is one link, else `None`.
pub fn line_link(line: &str) -> Option<&str> {
    let mut t = line.trim().trim_matches('*').trim();
    // A link starts with one of these; without them, no link.
    let at = link_start(t)?;
    // A short label before the link: "Source:", "Источник:", "Link -".
    if at > 0 {
        let label = t[..at].trim_end_matches(['<', '(', '[', ' ']);
        let label_words = label.split_whitespace().count();
        let is_label = label.ends_with([':', '-', '–', '—'])
            && label_words <= 3
            && !label.contains(['<', '>', '(', ')']);
        if is_label {
            // The label took the opening bracket; drop its partner.
            t = t[at..].trim();
            if let Some(s) = t.strip_suffix('>') {
                t = s;
            } else if t.ends_with(')') && !t.contains('(') {
                t = &t[..t.len() - 1];
            }
        }
    }
    // Markdown link: [text](url)
    if t.starts_with('[') {
        if let Some(open) = t.find("](") {
            if t.ends_with(')') {
                t = &t[open + 2..t.len() - 1];
            }
        }
    }
    let t = t
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .or_else(|| t.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .unwrap_or(t)
        .trim();
    let t = t.trim_end_matches(['.', ',', ';']);
    let starts = t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    (starts && t.len() > 10 && !t.contains(char::is_whitespace) && !t.contains(['<', '>']))
        .then_some(t)
}

/// Where `t` has "http" first, else "www.": every line of every document
/// is asked whether it is a link, and most have neither (memchr's
/// vectorised substring search rules them out).
fn link_start(t: &str) -> Option<usize> {
    // The searchers built once: `memmem::find` builds one per call, which
    // cost more than the search of a short line (5 % of the ingest's
    // instructions).
    static FINDERS: OnceLock<[memmem::Finder<'static>; 2]> = OnceLock::new();
    let [http, www] =
        FINDERS.get_or_init(|| [memmem::Finder::new(b"http"), memmem::Finder::new(b"www.")]);
    let b = t.as_bytes();
    http.find(b).or_else(|| www.find(b))
}

/// True when a word of `url` mixes ASCII Latin letters with letters of
/// another script (`podroستkov`, `turkeстане`): what a PDF extraction
/// makes of letters it mis-reads. A word wholly in one script (`мвд.рф`)
/// is fine.
pub fn has_mixed_script_word(url: &str) -> bool {
    url.split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().any(|c| c.is_ascii_alphabetic()) && !word.is_ascii())
}

/// True when a line opens a link that continues on the next line (a PDF
/// wrapped a long URL): it starts with `<http` and has no closing `>`.
pub fn opens_wrapped_link(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("<http") || t.starts_with("<www."))
        && !t.contains('>')
        && !t.contains(char::is_whitespace)
}

/// Checks `raw` as an archive link and repairs mis-read punycode labels.
/// The error says what is wrong with the URL.
pub fn clean_url(raw: &str) -> Result<CleanUrl, String> {
    let raw = raw.trim();
    let url = if raw.starts_with("www.") {
        format!("http://{raw}")
    } else {
        raw.to_string()
    };
    let Some(scheme_end) = url.find("://") else {
        return Err(format!("`{raw}` has no http(s) scheme"));
    };
    let scheme = &url[..scheme_end];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("`{raw}` is not an http(s) link"));
    }
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let (hostname, port) = match host.rfind(':') {
        Some(i) if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) => (&host[..i], &host[i..]),
        _ => (host, ""),
    };
    let repaired_host = repair_host(hostname);
    let url = match &repaired_host {
        Some(h) => format!("{}://{}{}{}", scheme, h, port, &rest[host_end..]),
        None => url.clone(),
    };
    if !is_web_url(&url) {
        return Err(format!("`{raw}` is not a valid http(s) link"));
    }
    if let Some(bad) = hostname.split('.').find(|l| is_punycode(l) && !label_ok(l)) {
        if repaired_host.is_none() {
            return Err(format!("`{raw}`: host label `{bad}` is not valid punycode"));
        }
    }
    Ok(CleanUrl {
        repaired_from: repaired_host.map(|_| raw.to_string()),
        url,
    })
}

fn is_punycode(label: &str) -> bool {
    // `get`: the fourth byte may fall inside a letter (`polяia`).
    label.len() > 4
        && label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Other,
}

fn script_of(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        None
    } else if caricc_core::text::is_cyrillic(c) {
        Some(Script::Cyrillic)
    } else if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
        Some(Script::Latin)
    } else {
        Some(Script::Other)
    }
}

/// The single script of a label's letters, or `None` when it mixes scripts.
fn label_script(unicode: &str) -> Option<Script> {
    let mut scripts = unicode.chars().filter_map(script_of);
    let first = scripts.next()?;
    scripts.all(|s| s == first).then_some(first)
}

/// The decoded form of a punycode label, if it is valid IDNA in one script.
fn decode_label(label: &str) -> Option<String> {
    let (unicode, result) = idna::domain_to_unicode(label);
    if result.is_err() || unicode.contains('\u{FFFD}') {
        return None;
    }
    label_script(&unicode).map(|_| unicode)
}

fn label_ok(label: &str) -> bool {
    decode_label(&label.to_ascii_lowercase()).is_some()
}

/// Internationalised top-level domains of the region, preferred when a
/// repair has several valid readings.
const IDN_TLDS: &[&str] = &[
    "рф",
    "қаз",
    "укр",
    "бел",
    "срб",
    "мон",
    "москва",
    "дети",
    "рус",
];

/// The host with every invalid punycode label replaced by its likeliest
/// reading, or `None` when nothing needed (or allowed) a repair.
fn repair_host(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').collect();
    if !labels.iter().any(|l| is_punycode(l) && !label_ok(l)) {
        return None;
    }
    // The script the host's valid labels are in guides the choice.
    let context: Option<Script> = labels
        .iter()
        .filter(|l| is_punycode(l))
        .filter_map(|l| decode_label(&l.to_ascii_lowercase()))
        .find_map(|u| label_script(&u));
    let mut out = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        if is_punycode(label) && !label_ok(label) {
            let is_tld = i + 1 == labels.len();
            out.push(repair_label(&label.to_ascii_lowercase(), context, is_tld)?);
        } else {
            out.push(label.to_string());
        }
    }
    Some(out.join("."))
}

/// Characters a text layer confuses, each with its look-alikes.
const CONFUSABLE: &[(char, &[char])] = &[
    ('l', &['1', 'i']),
    ('1', &['l', 'i']),
    ('i', &['1', 'l']),
    ('o', &['0']),
    ('0', &['o']),
];

fn repair_label(label: &str, context: Option<Script>, is_tld: bool) -> Option<String> {
    let prefix_len = 4;
    let chars: Vec<char> = label.chars().collect();
    let mut candidates: Vec<(u8, String)> = Vec::new();
    for (pos, &c) in chars.iter().enumerate().skip(prefix_len) {
        let Some((_, alternatives)) = CONFUSABLE.iter().find(|(from, _)| *from == c) else {
            continue;
        };
        for &alt in *alternatives {
            let mut candidate = chars.clone();
            candidate[pos] = alt;
            let candidate: String = candidate.into_iter().collect();
            if let Some(unicode) = decode_label(&candidate) {
                let mut score = 0;
                if context.is_some() && label_script(&unicode) == context {
                    score += 2;
                }
                if is_tld && IDN_TLDS.contains(&unicode.as_str()) {
                    score += 4;
                }
                candidates.push((score, candidate));
            }
        }
    }
    // Highest score; ties go to the earliest position (stable order).
    let best = candidates.iter().map(|(s, _)| *s).max()?;
    candidates
        .into_iter()
        .find(|(s, _)| *s == best)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_two_scripts() {
        assert!(has_mixed_script_word("https://a.kz/ru/bolee-podroстkov/"));
        assert!(has_mixed_script_word("https://a.kz/ru/v-turkeستane"));
        assert!(!has_mixed_script_word("https://мвд.рф/news/item/1"));
        assert!(!has_mixed_script_word("https://a.kz/ru/v-turkestane/2024"));
    }

    #[test]
    fn link_lines() {
        assert_eq!(
            line_link("<https://polisia.kz/ru/a-b/>"),
            Some("https://polisia.kz/ru/a-b/")
        );
        assert_eq!(
            line_link("  https://mvd.gov.kg/rus/news/4336 "),
            Some("https://mvd.gov.kg/rus/news/4336")
        );
        assert_eq!(
            line_link("Source: <https://www.vkd.tj/4368.html>"),
            Some("https://www.vkd.tj/4368.html")
        );
        assert_eq!(
            line_link("Источник: https://www.vkd.tj/4368.html."),
            Some("https://www.vkd.tj/4368.html")
        );
        assert_eq!(
            line_link("[mvd](https://mvd.gov.kg/x)"),
            Some("https://mvd.gov.kg/x")
        );
        assert_eq!(
            line_link("Facebook: <http://www.facebook.com/eudelkg>"),
            Some("http://www.facebook.com/eudelkg")
        );
        assert_eq!(line_link("see https://x.kz/a for details"), None);
        assert_eq!(line_link("registry@caricc.org www.caricc.org"), None);
        assert_eq!(line_link("<https://polisia.kz/ru/very-long-"), None);
        assert!(opens_wrapped_link("<https://polisia.kz/ru/very-long-"));
    }

    #[test]
    fn misread_punycode_is_repaired() {
        let c = clean_url("https://xn--b1aew.xn--plai/news/item/65731939").unwrap();
        assert_eq!(c.url, "https://xn--b1aew.xn--p1ai/news/item/65731939");
        assert_eq!(
            c.repaired_from.as_deref(),
            Some("https://xn--b1aew.xn--plai/news/item/65731939")
        );
        let ok = clean_url("https://xn--b1aew.xn--p1ai/news/item/1").unwrap();
        assert_eq!(ok.repaired_from, None);
        let plain = clean_url("https://polisia.kz/ru/x/").unwrap();
        assert_eq!(plain.url, "https://polisia.kz/ru/x/");
        assert_eq!(
            clean_url("www.caricc.org").unwrap().url,
            "http://www.caricc.org"
        );
    }

    #[test]
    fn a_host_with_a_letter_astride_the_fourth_byte() {
        // Found by fuzzing: this panicked slicing the label `polяia` at byte 4.
        assert_eq!(
            clean_url("https://polяia.kz/ru/x/").unwrap().url,
            "https://polяia.kz/ru/x/"
        );
        assert!(!is_punycode("xnя-"));
        assert!(is_punycode("XN--b1aew"));
    }

    #[test]
    fn bad_urls_say_why() {
        assert!(clean_url("javascript:alert(1)")
            .unwrap_err()
            .contains("scheme"));
        assert!(clean_url("ftp://x.kz/a").unwrap_err().contains("http(s)"));
        assert!(clean_url("https://").is_err());
        assert!(clean_url("https://xn--zzzzzzzzzz-!!.kz").is_err());
    }
}
