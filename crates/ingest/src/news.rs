//! News items: a first line `date YYYY-MM-DD` (the text may go on on the
//! same line), or a page as a browser saves it as text, dated by its
//! dateline near the top; maybe a title line, then the text, with web-page
//! noise to drop by rule ([`furniture`]: datelines, language switchers,
//! breadcrumbs, bylines, photo captions, "read also" lines, share buttons,
//! tags), stray words, and the author's name (repeated, or signed at the
//! end). One event per item; a missing title is made from the first
//! sentence.

use std::collections::HashMap;

use caricc_core::date::DateRange;
use caricc_core::model::{Kind, Lang, Release};

use super::detect::news_date_line;
use super::furniture;
use super::links::line_link;
use super::paragraphs::{paragraphs, Line};
use super::report::What;
use super::{
    days_before, digest_id, finish_event, single_event_release, DocError, Draft, EventContext,
    Notes,
};
use caricc_core::text::{ends_sentence, first_sentence, is_capitalized, words, Letters};

/// Why a line of a news page is noise, if it is: web-page furniture (see
/// [`furniture`]), a stray word, or a short line the page repeats.
fn noise(text: &str, repeated: bool) -> Option<&'static str> {
    let t = text.trim();
    if let Some(rule) = furniture::classify(t) {
        return Some(rule.name());
    }
    let ws: Vec<&str> = words(t).map(|(_, w)| w).collect();
    let letters = Letters::of(t).total();
    if ws.len() == 1 && letters == ws[0].chars().count() && letters <= 8 && !ends_sentence(t) {
        return Some("language marker or stray word");
    }
    if repeated && ws.len() <= 6 && !ends_sentence(t) {
        return Some("repeated line (author or page furniture)");
    }
    None
}

/// A signature: two or three capitalised words, no digits, no sentence end.
fn is_signature(text: &str) -> bool {
    let ws: Vec<&str> = words(text).map(|(_, w)| w).collect();
    (2..=3).contains(&ws.len())
        && ws
            .iter()
            .all(|w| is_capitalized(w) && w.chars().all(char::is_alphabetic))
        && !ends_sentence(text)
}

/// Phrases that open an attribution clause ("As the head of … said, …"):
/// not what a title should say.
const ATTRIBUTIONS: &[&str] = &[
    "как сообщил",
    "как сообщила",
    "как сообщили",
    "как сообщает",
    "как отметил",
    "как отметила",
    "как рассказал",
    "как рассказала",
    "как стало известно",
    "по словам",
    "по данным",
    "по информации",
    "according to",
    "as reported by",
    "as stated by",
    "as reported",
    "as noted by",
];

/// The longest title [`derive_title`] makes, in characters.
const TITLE_MAX: usize = 100;

/// A title made from a text's first sentence: a leading attribution clause
/// dropped, the first letter capitalised, and a long sentence shortened at
/// a clause boundary (else at a word, with an ellipsis).
pub fn derive_title(text: &str) -> String {
    // Punctuation before the first word ("! Police seized…", "— Police…")
    // would otherwise end an empty first sentence.
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let sentence = first_sentence(text)
        .trim_end_matches(['.', '!', '…'])
        .trim();
    let lower = caricc_core::text::to_lower(sentence);
    let mut s = sentence;
    if ATTRIBUTIONS.iter().any(|a| lower.starts_with(a)) {
        if let Some(comma) = sentence.find(", ") {
            let rest = sentence[comma + 2..].trim();
            if rest.chars().count() >= 20 {
                s = rest;
            }
        }
    }
    let mut title = shorten(s);
    if let Some(first) = title.chars().next() {
        let upper: String = first.to_uppercase().collect();
        title.replace_range(..first.len_utf8(), &upper);
    }
    title
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= TITLE_MAX {
        return s.to_string();
    }
    let limit = s.char_indices().nth(TITLE_MAX).map_or(s.len(), |(i, _)| i);
    let head = &s[..limit];
    // A clause boundary that keeps at least a third of the room.
    if let Some(cut) = head
        .rfind([',', ';', ':', '—', '–'])
        .filter(|&i| s[..i].chars().count() >= TITLE_MAX / 3)
    {
        return s[..cut].trim_end().to_string();
    }
    let cut = head.rfind(' ').unwrap_or(head.len());
    let mut out = head[..cut].trim_end().to_string();
    // Do not end on a preposition or conjunction.
    while let Some(sp) = out.rfind(' ') {
        if out[sp + 1..].chars().count() <= 2 {
            out.truncate(sp);
        } else {
            break;
        }
    }
    out.push('…');
    out
}

/// How many lines from the top a page's dateline may stand (after the
/// menus and the title).
pub const DATELINE_LINES: usize = 8;

pub(super) fn parse(lines: &[Line], notes: &mut Notes) -> Result<Release, DocError> {
    let first = lines
        .iter()
        .position(|l| !l.is_blank())
        .ok_or_else(|| DocError::at(None, "the file has no text"))?;
    // The content lines: what follows a `date` line on its line, then the
    // rest; or, for a page saved as text, every line.
    let mut content: Vec<Line> = Vec::with_capacity(lines.len());
    let date = match news_date_line(&lines[first].text) {
        Some((date, rest)) => {
            if !rest.is_empty() {
                content.push(Line {
                    no: lines[first].no,
                    text: rest.to_string(),
                });
            }
            content.extend(lines[first + 1..].iter().cloned());
            notes.period_line = Some(lines[first].no);
            date
        }
        None => {
            content.extend(lines[first..].iter().cloned());
            let top = content
                .iter()
                .filter(|l| !l.is_blank())
                .take(DATELINE_LINES);
            let dated = top
                .clone()
                .find(|l| furniture::dateline(&l.text).is_some_and(|d| d.date.is_some()));
            let date = furniture::page_date(top.map(|l| l.text.as_str()));
            match (date, dated) {
                (Some(date), Some(line)) => {
                    notes.period_line = Some(line.no);
                    date
                }
                _ => {
                    return Err(DocError::at(
                        lines[first].no,
                        "a news item needs its date: a first line `date YYYY-MM-DD`, or a dateline near \
                         the top such as `10:35, 20 января 2026`; this text has neither",
                    ))
                }
            }
        }
    };

    // Each line lowered once, for counting and for asking.
    let lowered: Vec<String> = content
        .iter()
        .map(|l| {
            if l.is_blank() {
                String::new()
            } else {
                caricc_core::text::to_lower(&l.text)
            }
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (l, lower) in content.iter().zip(&lowered) {
        if !l.is_blank() {
            *seen.entry(lower).or_insert(0) += 1;
        }
    }
    let last_content = content.iter().rposition(|l| !l.is_blank());
    let mut link: Option<(usize, String)> = None;
    let mut kept: Vec<Line> = Vec::with_capacity(content.len());
    for (i, l) in content.iter().enumerate() {
        if l.is_blank() {
            kept.push(l.clone());
            continue;
        }
        if let Some(url) = line_link(&l.text) {
            if link.is_none() {
                link = Some((l.no, url.to_string()));
            } else {
                notes.skip(l, "a second link");
            }
            kept.push(Line {
                no: l.no,
                text: String::new(),
            });
            continue;
        }
        let repeated = seen.get(lowered[i].as_str()).copied().unwrap_or(0) > 1;
        let reason = noise(&l.text, repeated).or_else(|| {
            (Some(i) == last_content && is_signature(&l.text)).then_some("author's name")
        });
        match reason {
            Some(reason) => {
                notes.skip(l, reason);
                kept.push(Line {
                    no: l.no,
                    text: String::new(),
                });
            }
            None => kept.push(l.clone()),
        }
    }

    // A title line: the first kept line, short, not a sentence, with text after it.
    let nonblank: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .map(|(i, _)| i)
        .collect();
    let Some(&first_kept) = nonblank.first() else {
        return Err(DocError::at(
            lines[first].no,
            "the news item has a date but no text",
        ));
    };
    let candidate = &kept[first_kept];
    let looks_like_title = candidate.text.chars().count() <= 250
        && !candidate.text.trim_end().ends_with(['.', ':', ';', ','])
        && nonblank.len() > 1;
    let (title, title_line, body_lines) = if looks_like_title {
        let title = caricc_core::text::strip_markup(&candidate.text).into_owned();
        (title, candidate.no, &kept[first_kept + 1..])
    } else {
        (String::new(), candidate.no, &kept[first_kept..])
    };
    let body = paragraphs(body_lines);
    if body.is_empty() {
        return Err(DocError::at(
            title_line,
            "the news item has a title but no text",
        ));
    }
    // A title line of markup alone ("** **") is no title: the release's
    // id is made from the title, so it must be the one the event keeps.
    let title = if !title.chars().any(char::is_alphanumeric) {
        let derived = derive_title(&body[0].text);
        notes.add(
            title_line,
            What::DerivedTitle {
                title: derived.clone(),
            },
        );
        derived
    } else {
        title
    };

    let release_id = format!("news-{date}-{}", &digest_id(&[&title])[..8]);
    let day = DateRange::day(date);
    let draft = Draft {
        line: title_line,
        title,
        title_line,
        paragraphs: body,
        link,
    };
    let ctx = EventContext {
        release_id: &release_id,
        country: None,
        default_date: day,
        window: DateRange {
            start: days_before(date, 45),
            end: date,
        },
        fallback_language: Lang::Ru,
    };
    let event = finish_event(draft, &ctx, notes)?;
    Ok(single_event_release(release_id, Kind::News, day, event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs::split_lines;

    #[test]
    fn a_derived_title_starts_at_the_first_word() {
        // Found by the line-mix property test: a lone "!" was the first
        // sentence, and the event got an empty title.
        assert_eq!(
            derive_title("! Police seized heroin in Almaty. Then more."),
            "Police seized heroin in Almaty"
        );
        assert_eq!(derive_title("... — ..."), "");
    }

    #[test]
    fn derived_titles() {
        assert_eq!(
            derive_title("Как сообщил начальник управления по противодействию наркопреступности департамента полиции Алматы Мурат Жумабаев, за 2025 год на территории города выявлено 629 правонарушений, связанных с незаконным оборотом наркотиков. Изъято свыше 536 кг."),
            "За 2025 год на территории города выявлено 629 правонарушений"
        );
        assert_eq!(
            derive_title("Police seized 5 kg of heroin in Osh. More later."),
            "Police seized 5 kg of heroin in Osh"
        );
        let long = derive_title(&"слово ".repeat(40));
        assert!(
            long.ends_with('…') && long.chars().count() <= TITLE_MAX + 1,
            "{long}"
        );
    }

    #[test]
    fn noise_lines() {
        assert_eq!(noise("Рус", false), Some("language switcher"));
        assert_eq!(noise("Меню", false), Some("language marker or stray word"));
        assert_eq!(
            noise("20 января 2026, 10:35", false),
            Some("dateline or time stamp")
        );
        assert_eq!(noise("14:02", false), Some("dateline or time stamp"));
        assert_eq!(
            noise("Фото: пресс-служба ДП Алматы", false),
            Some("photo caption or credit")
        );
        assert_eq!(
            noise("Айгуль Сапарова", true),
            Some("repeated line (author or page furniture)")
        );
        assert_eq!(
            noise("В 10:00 началась операция по задержанию.", false),
            None
        );
        assert!(is_signature("Айгуль Сапарова"));
        assert!(!is_signature("Итоги года."));
    }

    #[test]
    fn a_noisy_news_page() {
        let text = "date 2025-03-04\nРус\nИтоги операции «Мак» в Бишкеке\n12:40\nАйгуль Сапарова\n\nФото: МВД КР\n\nВ Бишкеке 3 марта задержали курьера.\n\nИзъято 2 кг\n\nгероина.\n\nАйгуль Сапарова\n";
        let mut notes = Notes::default();
        let r = parse(&split_lines(text), &mut notes).unwrap();
        let e = &r.events[0];
        assert_eq!(e.title, "Итоги операции «Мак» в Бишкеке");
        assert_eq!(
            e.body,
            [
                "В Бишкеке 3 марта задержали курьера.",
                "Изъято 2 кг героина."
            ]
        );
        assert_eq!(
            (e.country.as_str(), e.place.as_deref()),
            ("KG", Some("Bishkek"))
        );
        assert_eq!(e.date.start.to_string(), "2025-03-03");
        assert_eq!(r.period.start.to_string(), "2025-03-04");
        let skipped = notes
            .issues
            .iter()
            .filter(|i| matches!(i.what, What::SkippedLine { .. }))
            .count();
        assert_eq!(skipped, 5, "{:#?}", notes.issues);
    }

    fn skipped(notes: &Notes) -> Vec<(usize, String)> {
        notes
            .issues
            .iter()
            .filter_map(|i| match &i.what {
                What::SkippedLine { reason, .. } => Some((i.line.unwrap_or(0), reason.clone())),
                _ => None,
            })
            .collect()
    }

    /// The dateline after the `date` line is no title (the layout of the
    /// issue that asked for these rules).
    #[test]
    fn a_dateline_under_the_date_line_is_not_the_title() {
        let text = "date 2025-03-04\n11:20, 4 Марта 2025 | GMT +5\n\nВ Шымкенте закрасили 80 надписей с рекламой наркотиков\n\nПолицейские Шымкента 3 марта провели рейд вместе с волонтерами.\n";
        let mut notes = Notes::default();
        let r = parse(&split_lines(text), &mut notes).unwrap();
        assert_eq!(
            r.events[0].title,
            "В Шымкенте закрасили 80 надписей с рекламой наркотиков"
        );
        assert_eq!(
            r.events[0].body,
            ["Полицейские Шымкента 3 марта провели рейд вместе с волонтерами."]
        );
        assert_eq!(skipped(&notes), [(2, "dateline or time stamp".to_string())]);
    }

    /// A Russian page as a browser saves it: menus, title, dateline, byline,
    /// photo, text, read-also, share and tags; no `date` line.
    #[test]
    fn a_russian_page_saved_as_text() {
        let text = "\
Рус | Қаз | Eng
Главная / Новости / Происшествия

В Шымкенте полицейские изъяли 4 кг гашиша

Вторник, 11 марта 2025, 16:40
Обновлено: 12 марта 2025, 09:05
Автор: Данияр Омаров

Фото: пресс-служба ДП Шымкента

Сотрудники управления по противодействию наркопреступности задержали в Шымкенте
двоих мужчин, которые перевозили гашиш в тайнике автомобиля.

Изъятые свертки на столе следователя. Фото: ДП Шымкента

Читайте также: В Туркестане ликвидировали нарколабораторию

По факту начато досудебное расследование.

Поделиться
Версия для печати
Просмотров: 1 245
Теги: наркотики, Шымкент
";
        let mut notes = Notes::default();
        let r = parse(&split_lines(text), &mut notes).unwrap();
        let e = &r.events[0];
        assert_eq!(e.title, "В Шымкенте полицейские изъяли 4 кг гашиша");
        assert_eq!(
            e.body,
            [
                "Сотрудники управления по противодействию наркопреступности задержали в Шымкенте двоих мужчин, которые перевозили гашиш в тайнике автомобиля.",
                "По факту начато досудебное расследование."
            ]
        );
        assert_eq!(r.period.start.to_string(), "2025-03-11");
        assert_eq!(
            (e.country.as_str(), e.place.as_deref()),
            ("KZ", Some("Shymkent"))
        );
        let reasons: Vec<(usize, &str)> = notes
            .issues
            .iter()
            .filter_map(|i| match &i.what {
                What::SkippedLine { reason, .. } => Some((i.line.unwrap_or(0), reason.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            reasons,
            [
                (1, "language switcher"),
                (2, "breadcrumb"),
                (6, "dateline or time stamp"),
                (7, "dateline or time stamp"),
                (8, "byline"),
                (10, "photo caption or credit"),
                (15, "photo caption or credit"),
                (17, "\"read also\" link"),
                (21, "share, print or view-count buttons"),
                (22, "share, print or view-count buttons"),
                (23, "share, print or view-count buttons"),
                (24, "tag list"),
            ]
        );
    }

    /// An English page saved as text: the dateline above the title, a
    /// credit line, share buttons; the date read from the dateline.
    #[test]
    fn an_english_page_saved_as_text() {
        let text = "\
EN | RU
MONDAY, 3 MARCH 2025 09:15 AM UTC+05:00
Customs officers seize heroin at the Uzbek border
By Anna Petrova

Photo: State Customs Committee

Customs officers at the Oybek checkpoint found 6 kilograms of heroin hidden in a truck on 2 March.

The driver, a citizen of Tajikistan, was detained.

Read more: Uzbek border guards detain smugglers
Share Tweet Print
";
        let mut notes = Notes::default();
        let r = parse(&split_lines(text), &mut notes).unwrap();
        let e = &r.events[0];
        assert_eq!(e.title, "Customs officers seize heroin at the Uzbek border");
        assert_eq!(e.body.len(), 2);
        assert_eq!(
            (r.period.start.to_string(), e.date.start.to_string()),
            ("2025-03-03".into(), "2025-03-02".into())
        );
        assert_eq!(e.language, Lang::En);
        assert_eq!(
            skipped(&notes).iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            [1, 2, 4, 6, 12, 13]
        );
    }

    #[test]
    fn a_page_without_any_date_is_refused() {
        let text = "Customs officers seize heroin\n\nCustoms officers found 6 kilograms of heroin hidden in a truck.\n";
        let err = parse(&split_lines(text), &mut Notes::default()).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("needs its date"), "{}", err.message);
    }
}
