//! Press releases: one event per document. A document-type label
//! ("PRESS RELEASE"), a title heading, running text that states the date
//! and the place ("27-28 ноября 2024 г. в Ашхабаде (Туркменистан)"), then
//! boilerplate that is not the event: programme and funder blurbs,
//! addresses, e-mail and social links — recognised by structure (text in
//! another language than the release, or contact details), not by wording.

use caricc_core::date::{Date, DateRange};
use caricc_core::model::{Kind, Lang, Release};

use super::dates;
use super::detect::is_press_label;
use super::paragraphs::{paragraphs, Line};
use super::{digest_id, finish_event, single_event_release, DocError, Draft, EventContext, Notes};
use caricc_core::text::{ends_sentence, is_upper_line, language, strip_markup, Letters};

/// True when a paragraph carries contact details: an e-mail address, a
/// link, or a phone number.
pub fn has_contacts(text: &str) -> bool {
    let email = text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(w.split_once('@'), Some((user, host)) if !user.is_empty() && host.contains('.'))
    });
    let link = text.contains("http://") || text.contains("https://") || text.contains("www.");
    // "+996 312 26 10 00": a plus and at least seven digits in a run of
    // digits, spaces, brackets and dashes.
    let phone = text.match_indices('+').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-'))
            .filter(char::is_ascii_digit)
            .count()
            >= 7
    });
    email || link || phone
}

/// A title line: a markdown heading, a line in `**`, a line in capitals,
/// or a short line that does not end like a sentence.
fn is_title_line(raw: &str) -> bool {
    let t = raw.trim();
    let wrapped = t.trim_start_matches('#').trim().starts_with("**") && t.ends_with("**");
    t.starts_with('#')
        || wrapped
        || is_upper_line(t)
        || (t.chars().count() <= 250 && !ends_sentence(t))
}

pub(super) fn parse(lines: &[Line], notes: &mut Notes) -> Result<Release, DocError> {
    let content: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let first_line = content.first().map(|l| l.no);
    // Labels at the top are the document type, not content.
    let mut start = 0;
    while start < content.len() && start < 3 && is_press_label(&content[start].text) {
        start += 1;
    }
    let (title, title_line, body_from) = match content.get(start) {
        Some(l) if is_title_line(&l.text) && content.len() > start + 1 => {
            (strip_markup(&l.text).into_owned(), l.no, l.no + 1)
        }
        Some(l) => (String::new(), l.no, l.no),
        None => {
            return Err(DocError::at(
                first_line,
                "the press release has a label but no text",
            ))
        }
    };
    let body_lines: Vec<&Line> = lines.iter().filter(|l| l.no >= body_from).collect();
    let mut body = paragraphs(body_lines.iter().copied());
    if body.is_empty() {
        return Err(DocError::at(
            title_line,
            "the press release has a title but no text",
        ));
    }

    // Boilerplate: from the first later paragraph in another language, or
    // with contact details, to the end.
    let body_language = language(&body[0].text, Lang::Ru);
    let cut = body.iter().enumerate().skip(1).find(|(_, p)| {
        let own = Letters::of(&p.text).language().unwrap_or(body_language) == body_language;
        !own || has_contacts(&p.text)
    });
    if let Some((index, p)) = cut {
        let from_line = p.line;
        for l in lines.iter().filter(|l| l.no >= from_line && !l.is_blank()) {
            notes.skip(
                l,
                "after the release text: programme, funder or contact boilerplate",
            );
        }
        body.truncate(index);
    }

    // The date the text states: the first phrase that names its year.
    let texts: Vec<&str> = body.iter().map(|p| p.text.as_str()).collect();
    let stated = texts.iter().flat_map(|t| dates::find(t)).find_map(|p| {
        let year = p.end.year.or(p.start.year)?;
        p.resolve(Date::from_ymd(year, 12, 31)?)
    });
    let Some(date) = stated else {
        return Err(DocError::at(
            body[0].line,
            "a press release must state when its event took place (a date with its year, such as \
             `27-28 ноября 2024 г.`); none found",
        ));
    };

    // A title line of markup alone ("** **") is no title: the release's
    // id is made from the title, so it must be the one the event keeps.
    let title = if !title.chars().any(char::is_alphanumeric) {
        let derived = super::news::derive_title(&body[0].text);
        notes.add(
            title_line,
            super::report::What::DerivedTitle {
                title: derived.clone(),
            },
        );
        derived
    } else {
        title
    };
    let release_id = format!("press-{}-{}", date.start, &digest_id(&[&title])[..8]);
    let draft = Draft {
        line: title_line,
        title: title.clone(),
        title_line,
        paragraphs: body,
        link: None,
    };
    let ctx = EventContext {
        release_id: &release_id,
        country: None,
        default_date: date,
        window: DateRange {
            start: date.start,
            end: date.end,
        },
        fallback_language: Lang::Ru,
    };
    let event = finish_event(draft, &ctx, notes)?;
    Ok(single_event_release(
        release_id,
        Kind::PressRelease,
        date,
        event,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs::split_lines;

    #[test]
    fn contacts() {
        assert!(has_contacts(
            "E-mail: [delegation-kyrgyzstan@eeas.europa.eu](mailto:x@y.eu)"
        ));
        assert!(has_contacts("Telephone: +996 312 26 10 00"));
        assert!(has_contacts("Facebook: <http://www.facebook.com/eudelkg>"));
        assert!(!has_contacts(
            "изъято 1.300 кг наркотических веществ, +5% к прошлому году"
        ));
    }

    #[test]
    fn a_press_release_without_its_boilerplate() {
        let text = "## ПРЕСС-РЕЛИЗ\n\n### **Встреча в Бишкеке**\n\n5 марта 2025 г. в Бишкеке прошла встреча представителей Кыргызстана и Казахстана.\n\nСтороны обсудили сотрудничество\n\nв борьбе с наркотиками.\n\n\n\nThe Programme is funded by the European Union.\n\nTelephone: +996 312 26 10 00\n";
        let mut notes = Notes::default();
        let r = parse(&split_lines(text), &mut notes).unwrap();
        assert_eq!(r.title, "Встреча в Бишкеке");
        assert_eq!(
            (r.period.start.to_string(), r.period.end.to_string()),
            ("2025-03-05".into(), "2025-03-05".into())
        );
        let e = &r.events[0];
        assert_eq!(e.country, "KG");
        assert_eq!(e.place.as_deref(), Some("Bishkek"));
        assert_eq!(e.mentioned_countries, ["KZ"]);
        assert_eq!(e.body.len(), 2, "{:?}", e.body);
        assert_eq!(
            e.body[1],
            "Стороны обсудили сотрудничество в борьбе с наркотиками."
        );
        let skipped = notes
            .issues
            .iter()
            .filter(|i| matches!(i.what, super::super::What::SkippedLine { .. }))
            .count();
        assert_eq!(skipped, 2);
        assert!(r.id.starts_with("press-2025-03-05-"));
    }

    #[test]
    fn a_press_release_without_a_date_is_refused() {
        let text = "PRESS RELEASE\n\nA title\n\nThe conference took place in Ashgabat and was a success.\n";
        let err = parse(&split_lines(text), &mut Notes::default()).unwrap_err();
        assert_eq!(err.line, Some(5));
        assert!(err.message.contains("state when"));
    }
}
