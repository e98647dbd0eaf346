//! Which kind of document a text is, by its structure:
//!
//! - news item: the first line is `date YYYY-MM-DD`; or, for a page saved
//!   as text, no country sections, no press label, and a dateline near the
//!   top (`10:35, 20 января 2026 | GMT +5`);
//! - information release (digest): a cover period line (`1-15.06.2025`),
//!   a number line (`#11`), country section headings, link lines, titles
//!   in capitals;
//! - press release: a document-type label heading ("PRESS RELEASE",
//!   "ПРЕСС-РЕЛИЗ"), a title, and running text that states a dated event,
//!   with no country sections.
//!
//! Each kind gets a score from the features it shows; too little evidence
//! for any kind is an error that says what was looked for (and that the
//! text has no date at all, when it has none).

use caricc_core::model::Kind;

use super::dates;
use super::furniture;
use super::links::line_link;
use super::paragraphs::Line;
use super::DocError;
use caricc_core::names::country_of_name;
use caricc_core::text::{is_upper_line, strip_markup};

/// `date YYYY-MM-DD` (or `date: …`) at the start of a line: the ISO date,
/// and the rest of the line after it.
pub fn news_date_line(line: &str) -> Option<(caricc_core::date::Date, &str)> {
    let t = line.trim_start();
    let head = t.get(..4)?;
    if !head.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = t[4..].trim_start().trim_start_matches(':').trim_start();
    let iso = rest.get(..10)?;
    let date = caricc_core::date::Date::parse_iso(iso)?;
    let after = &rest[10..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((date, after.trim()))
}

/// Labels that name a press release as a document type.
const PRESS_LABELS: &[&str] = &[
    "press release",
    "press-release",
    "media release",
    "news release",
    "пресс-релиз",
    "пресс релиз",
    "пресс-сообщение",
];

/// True when a line is a document-type label naming a press release.
pub fn is_press_label(line: &str) -> bool {
    let s = strip_markup(line);
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    // Lowering never makes fewer characters: a line longer than every
    // label is none (most lines, not lowered at all).
    let longest = PRESS_LABELS.iter().map(|l| l.chars().count()).max();
    if longest.is_some_and(|n| s.chars().nth(n).is_some()) {
        return false;
    }
    PRESS_LABELS.contains(&caricc_core::text::to_lower(s).as_str())
}

/// A digest cover's number line: `#11`, `№ 11`, `No. 11`.
pub fn number_line(line: &str) -> Option<u32> {
    let t = strip_markup(line);
    let t = t.trim();
    let rest = t
        .strip_prefix('#')
        .or_else(|| t.strip_prefix('№'))
        .or_else(|| t.strip_prefix("No."))
        .or_else(|| t.strip_prefix("No"))?
        .trim();
    (!rest.is_empty() && rest.len() <= 4 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

/// A heading that names a country: its code, and whether a page number
/// follows it (a contents entry) — `<i>REPUBLIC OF KAZAKHSTAN</i>\t7`.
pub fn country_heading(line: &str) -> Option<(&'static str, bool)> {
    // Headings are short; running text is not looked at further.
    if line.len() > 160 {
        return None;
    }
    let s = strip_markup(line);
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    let (name, page) = match s.rsplit_once(|c: char| c.is_whitespace() || c == '.') {
        Some((head, tail))
            if !tail.is_empty() && tail.len() <= 3 && tail.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (head.trim_end_matches(['.', ' ', '\t', '…']), true)
        }
        _ => (s, false),
    };
    if !is_upper_line(name) {
        return None;
    }
    country_of_name(name).map(|code| (code, page))
}

/// The kind of document `lines` are, or an error at the first line saying
/// what was looked for.
pub fn detect(lines: &[Line]) -> Result<Kind, DocError> {
    let first = lines.iter().find(|l| !l.is_blank());
    let Some(first) = first else {
        return Err(DocError::at(None, "the file has no text"));
    };
    if news_date_line(&first.text).is_some() {
        return Ok(Kind::News);
    }

    let mut digest = 0;
    let mut press = 0;
    let mut headings = 0;
    let mut links = 0;
    let mut upper = 0;
    let mut has_period = false;
    let mut has_number = false;
    let mut prose = 0;
    for (i, line) in lines.iter().filter(|l| !l.is_blank()).enumerate() {
        let t = &line.text;
        if !has_period && dates::period_line(t).is_some() {
            has_period = true;
        } else if !has_number && number_line(t).is_some() {
            has_number = true;
        } else if let Some((_, false)) = country_heading(t) {
            headings += 1;
        } else if line_link(t).is_some() {
            links += 1;
        } else if is_upper_line(t) {
            upper += 1;
        } else if t.chars().count() > 120 {
            prose += 1;
        }
        if i < 6 && is_press_label(t) {
            press += 5;
        }
        // A markdown heading ("## …") near the top.
        if i < 6 && t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            press += 1;
        }
    }
    if has_period {
        digest += 3;
    }
    if has_number {
        digest += 2;
    }
    digest += 2 * headings.min(3);
    if links >= 2 {
        digest += 2;
    }
    if upper >= 2 {
        digest += 1;
    }
    // A press release states a dated event early in its running text.
    let dated_early = lines
        .iter()
        .filter(|l| l.text.chars().count() > 80)
        .take(3)
        .any(|l| {
            dates::find(&l.text)
                .iter()
                .any(|p| p.start.year.is_some() || p.end.year.is_some())
        });
    if dated_early {
        press += 2;
    }
    if headings == 0 && prose >= 2 {
        press += 1;
    }
    // A title: the first line after any label is short, does not end like a
    // sentence, and running text follows.
    let mut content = lines
        .iter()
        .filter(|l| !l.is_blank())
        .skip_while(|l| is_press_label(&l.text));
    if let (Some(title), Some(next)) = (content.next(), content.next()) {
        let t = strip_markup(&title.text);
        if t.chars().count() <= 250
            && !caricc_core::text::ends_sentence(&t)
            && next.text.chars().count() > 80
        {
            press += 1;
        }
    }

    // A news page saved as text: no sections, no press label, a dateline
    // near the top (`10:35, 20 января 2026 | GMT +5`).
    let labelled = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(6)
        .any(|l| is_press_label(&l.text));
    let dateline_at_top = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(super::news::DATELINE_LINES)
        .any(|l| furniture::dateline(&l.text).is_some_and(|d| d.date.is_some()));

    if digest >= 5 && (headings > 0 || has_period) && digest >= press {
        Ok(Kind::InformationRelease)
    } else if headings == 0 && !has_number && !labelled && dateline_at_top {
        Ok(Kind::News)
    } else if press >= 4 {
        Ok(Kind::PressRelease)
    } else {
        let undated = !lines.iter().any(|l| {
            dates::find(&l.text)
                .iter()
                .any(|p| p.start.year.is_some() || p.end.year.is_some())
        });
        let mut message = String::from(
            "not a release of a known kind: expected an information release (a cover period such as \
             `1-15.06.2025` and country section headings), a press release (a `PRESS RELEASE` heading and \
             a dated text) or a news item (a first line `date YYYY-MM-DD`, or a dateline such as \
             `10:35, 20 января 2026` near the top)",
        );
        if undated {
            message.push_str("; the text has no date anywhere");
        }
        Err(DocError::at(first.no, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs::split_lines;

    #[test]
    fn feature_lines() {
        assert_eq!(number_line("#11"), Some(11));
        assert_eq!(number_line("№ 7"), Some(7));
        assert_eq!(number_line("#110, 2025"), None);
        assert_eq!(
            country_heading("<i>REPUBLIC OF KAZAKHSTAN</i>\t7"),
            Some(("KZ", true))
        );
        assert_eq!(
            country_heading("REPUBLIC OF KAZAKHSTAN"),
            Some(("KZ", false))
        );
        assert_eq!(country_heading("TAJIKISTAN"), Some(("TJ", false)));
        assert_eq!(country_heading("Tajikistan is a country"), None);
        assert_eq!(
            country_heading("KYRGYZ AND RUSSIAN MVD DISCUSS COOPERATION"),
            None
        );
        assert!(is_press_label("## PRESS RELEASE"));
        assert!(is_press_label("ПРЕСС-РЕЛИЗ"));
        assert!(!is_press_label(
            "PRESS RELEASE ON THE CONFERENCE IN ASHGABAT"
        ));
        let (d, rest) = news_date_line(" date 2026-01-20 Как сообщил").unwrap();
        assert_eq!(
            (d.to_string().as_str(), rest),
            ("2026-01-20", "Как сообщил")
        );
        assert!(news_date_line("dated 2026-01-20").is_none());
        assert!(news_date_line("date 2026-01-200").is_none());
    }

    #[test]
    fn kinds_by_structure() {
        let digest = "INFORMATION RELEASE\n\n16-31.05.2024\n\n#10\n\nRUSSIAN FEDERATION\n\nA TITLE IN CAPITALS\n\nText.\n\n<https://a.ru/1>\n\nANOTHER TITLE HERE\n\nText.\n\n<https://a.ru/2>\n";
        assert_eq!(
            detect(&split_lines(digest)).unwrap(),
            Kind::InformationRelease
        );
        let press = "# ПРЕСС-РЕЛИЗ\n\n### Заголовок\n\n5 марта 2025 г. в Бишкеке прошла встреча представителей ведомств Кыргызстана и Казахстана, посвящённая борьбе с наркотиками.\n";
        assert_eq!(detect(&split_lines(press)).unwrap(), Kind::PressRelease);
        assert_eq!(
            detect(&split_lines("date 2025-01-01\nТекст")).unwrap(),
            Kind::News
        );
        // No label: a title, and running text that states a dated event.
        let unlabelled = "Встреча в Бишкеке\n\n5 марта 2025 г. в Бишкеке прошла встреча представителей ведомств Кыргызстана и Казахстана, посвящённая борьбе с наркотиками, и стороны подписали план совместных действий на год вперёд с конкретными сроками.\n\nВо встрече участвовали эксперты, которые обсудили новые виды синтетических наркотиков и методы их выявления, и договорились о регулярном обмене информацией между ведомствами двух стран.\n";
        assert_eq!(
            detect(&split_lines(unlabelled)).unwrap(),
            Kind::PressRelease
        );
        let err = detect(&split_lines("\n\nJust a letter.\nWith two lines.")).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("not a release of a known kind"));
        assert!(err.message.ends_with("the text has no date anywhere"));
        // A page saved as text: title, dateline, text; in either language.
        let page = "Рус | Қаз\n\nВ Оше задержали наркокурьера\n\n09:15, 3 марта 2025 | GMT +6\n\nСотрудники милиции задержали в Оше жителя области с двумя килограммами гашиша.\n";
        assert_eq!(detect(&split_lines(page)).unwrap(), Kind::News);
        let page = "Border guards seize hashish in Khatlon\n\nTuesday, 4 March 2025\n\nBorder guards detained a man carrying 3 kilograms of hashish near the Afghan border.\n";
        assert_eq!(detect(&split_lines(page)).unwrap(), Kind::News);
        // The same page without its dateline: refused, saying why.
        let undated = "Border guards seize hashish in Khatlon\n\nBorder guards detained a man carrying 3 kilograms of hashish near the Afghan border, the agency said.\n\nThe man was taken to the district office where a criminal case was opened against him.\n";
        let err = detect(&split_lines(undated)).unwrap_err();
        assert!(
            err.message.ends_with("the text has no date anywhere"),
            "{}",
            err.message
        );
    }
}
