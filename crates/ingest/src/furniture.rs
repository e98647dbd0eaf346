//! Web-page furniture: the lines a news site prints around an article that
//! are not the article — datelines and time stamps, language switchers,
//! breadcrumbs, bylines, photo captions and credits, "read also" lines,
//! share/print/view-count buttons and tag lists.
//!
//! Each rule looks at the shape of one line: short, made only of tokens of
//! one kind (dates and clock times; language codes; button labels), or
//! opened by a label word and a colon ("Фото:", "Author:", "Read also:").
//! The vocabularies are those of the genre in English and Russian, not of
//! any one site. [`classify`] names the rule that drops a line, for the
//! report; [`dateline`] also reads the date a dateline gives.

use caricc_core::date::Date;

use super::dates;
use caricc_core::text::{ends_sentence, is_capitalized, strip_markup, with_lower, words};

/// Why a line of a web page is furniture, as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A date and/or clock time, with time zone, weekday, "Updated" and the
    /// like: `10:35, 20 января 2026 | GMT +5`.
    Dateline,
    /// Language names or codes only: `Рус | Қаз | Eng`.
    LanguageSwitcher,
    /// Path of the page in the site: `Главная / Новости / Общество`.
    Breadcrumb,
    /// The author: `Автор: Айгуль Сапарова`, `By John Smith`.
    Byline,
    /// A photo's caption or credit: `Фото: пресс-служба МВД`, `© Reuters`.
    PhotoCaption,
    /// A link to another article: `Читайте также: …`, `Read also: …`.
    ReadAlso,
    /// Share, print, comment and view-count buttons: `Поделиться`, `Print`,
    /// `Просмотров: 1 234`.
    ShareButtons,
    /// Tags of the article: `Теги: наркотики, полиция`.
    Tags,
}

impl Rule {
    /// The rule as the report names it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Dateline => "dateline or time stamp",
            Rule::LanguageSwitcher => "language switcher",
            Rule::Breadcrumb => "breadcrumb",
            Rule::Byline => "byline",
            Rule::PhotoCaption => "photo caption or credit",
            Rule::ReadAlso => "\"read also\" link",
            Rule::ShareButtons => "share, print or view-count buttons",
            Rule::Tags => "tag list",
        }
    }
}

/// The furniture rule a line of a web page falls under, if any.
pub fn classify(text: &str) -> Option<Rule> {
    let t = strip_markup(text);
    let t = t.trim();
    if t.is_empty() || t.len() > 600 {
        return None;
    }
    if dateline(t).is_some() {
        Some(Rule::Dateline)
    } else if is_language_switcher(t) {
        Some(Rule::LanguageSwitcher)
    } else if is_breadcrumb(t) {
        Some(Rule::Breadcrumb)
    } else if is_byline(t) {
        Some(Rule::Byline)
    } else if is_photo_caption(t) {
        Some(Rule::PhotoCaption)
    } else if is_read_also(t) {
        Some(Rule::ReadAlso)
    } else if is_tags(t) {
        Some(Rule::Tags)
    } else if is_share_buttons(t) {
        Some(Rule::ShareButtons)
    } else {
        None
    }
}

/// What a dateline says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The day it gives, when it gives one with its year.
    pub date: Option<Date>,
    /// It says when the page was updated ("Updated", "Обновлено"), not
    /// published.
    pub updated: bool,
}

/// Words a dateline may hold besides its date and time: weekdays, time
/// zones, "updated"/"published" labels, "at", "г.", "ago".
const DATELINE_WORDS: &[&str] = &[
    // weekdays
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "понедельник",
    "вторник",
    "среда",
    "среду",
    "четверг",
    "пятница",
    "пятницу",
    "суббота",
    "субботу",
    "воскресенье",
    "пн",
    "вт",
    "ср",
    "чт",
    "пт",
    "сб",
    "вс",
    // time zones and clock words
    "gmt",
    "utc",
    "msk",
    "мск",
    "almt",
    "ast",
    "время",
    "времени",
    "time",
    "местное",
    "local",
    "am",
    "pm",
    "ч",
    "час",
    "мин",
    "min",
    "h",
    // labels
    "updated",
    "update",
    "last",
    "published",
    "posted",
    "created",
    "modified",
    "date",
    "обновлено",
    "обновлен",
    "обновление",
    "изменено",
    "опубликовано",
    "опубликован",
    "дата",
    "публикации",
    "создано",
    "размещено",
    // joiners
    "at",
    "on",
    "in",
    "в",
    "г",
    "года",
    "год",
    "сегодня",
    "вчера",
    "today",
    "yesterday",
    "ago",
    "назад",
    "minutes",
    "hours",
    "минут",
    "часа",
    "часов",
];

const UPDATED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "обновлено",
    "обновлен",
    "обновление",
    "изменено",
];

/// True when `text` has a clock time: `10:35`, `9:05`.
fn has_clock(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        b[i] == b':'
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    })
}

/// Reads a line as a dateline: a date (day, month, with or without the
/// year) and/or a clock time, with nothing else but the words of
/// `DATELINE_WORDS`, numbers (time zone offsets), separators, and at most
/// two other words (a city: `Астана, 20 января 2026`).
pub fn dateline(text: &str) -> Option<Dateline> {
    let t = strip_markup(text);
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 100 {
        return None;
    }
    let phrases: Vec<dates::Phrase> = dates::find(t)
        .into_iter()
        .filter(dates::Phrase::is_day)
        .collect();
    let clock = has_clock(t);
    if phrases.is_empty() && !clock {
        return None;
    }
    let in_phrase = |at: usize| phrases.iter().any(|p| p.offset <= at && at < p.end_offset);
    let mut others = 0;
    let mut updated = false;
    let mut total = 0;
    for (at, w) in words(t) {
        total += 1;
        if in_phrase(at) || w.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let known = with_lower(w, |l| {
            updated |= UPDATED_WORDS.contains(&l);
            DATELINE_WORDS.contains(&l)
        });
        if !known {
            others += 1;
        }
    }
    // A sentence with a date in it is text, not a dateline.
    if others > 2 || total > 14 || (others > 0 && phrases.is_empty()) {
        return None;
    }
    if t.ends_with('.') && others > 0 {
        return None;
    }
    let date = phrases.iter().find_map(|p| {
        let year = p.start.year?;
        Date::from_ymd(year, p.start.month, p.start.day)
    });
    Some(Dateline { date, updated })
}

/// Language names and codes a site's language menu shows.
const LANGUAGES: &[&str] = &[
    "ru",
    "rus",
    "рус",
    "русский",
    "russian",
    "kz",
    "kk",
    "kaz",
    "қаз",
    "каз",
    "қазақша",
    "казахский",
    "kazakh",
    "en",
    "eng",
    "англ",
    "english",
    "английский",
    "kg",
    "ky",
    "kyr",
    "кыр",
    "кырг",
    "кыргызча",
    "tj",
    "tg",
    "тоҷ",
    "тоҷикӣ",
    "тадж",
    "uz",
    "uzb",
    "ўз",
    "ўзб",
    "o'z",
    "oʻz",
    "ўзбекча",
    "uzbek",
    "tm",
    "tk",
    "türkmen",
    "zh",
    "中文",
];

fn is_language_switcher(t: &str) -> bool {
    let ws: Vec<&str> = words(t).map(|(_, w)| w).collect();
    (1..=6).contains(&ws.len()) && ws.iter().all(|w| with_lower(w, |l| LANGUAGES.contains(&l)))
}

fn is_breadcrumb(t: &str) -> bool {
    if ends_sentence(t) {
        return false;
    }
    let segments: Vec<&str> = t
        .split(['/', '>', '»', '›', '→', '|'])
        .map(str::trim)
        .collect();
    segments.len() >= 3
        && segments.len() <= 8
        && !t.contains("://")
        && segments
            .iter()
            .all(|s| !s.is_empty() && (1..=4).contains(&words(s).count()))
}

/// Labels that open a byline.
const BYLINE_LABELS: &[&str] = &[
    "автор",
    "авторы",
    "author",
    "authors",
    "текст",
    "text",
    "корреспондент",
    "correspondent",
    "журналист",
    "reporter",
    "редактор",
    "editor",
    "подготовил",
    "подготовила",
    "подготовили",
    "by",
    "written",
];

fn is_byline(t: &str) -> bool {
    let ws: Vec<(usize, &str)> = words(t).collect();
    if ws.len() < 2 || ws.len() > 8 || ends_sentence(t) {
        return false;
    }
    let (at, first) = ws[0];
    if at != 0 || !with_lower(first, |l| BYLINE_LABELS.contains(&l)) {
        return false;
    }
    // "Автор: …", or a label before names: "By John Smith".
    t[first.len()..].trim_start().starts_with(':')
        || ws[1..]
            .iter()
            .all(|(_, w)| is_capitalized(w) || matches!(*w, "and" | "и"))
}

/// Words that open a photo caption or credit.
const PHOTO_WORDS: &[&str] = &[
    "фото",
    "фотография",
    "фотографии",
    "фотограф",
    "photo",
    "photos",
    "photograph",
    "image",
    "picture",
    "иллюстрация",
    "illustration",
    "кадр",
    "снимок",
    "изображение",
    "видео",
    "video",
];

fn is_photo_caption(t: &str) -> bool {
    let count = words(t).count();
    if count > 30 {
        return false;
    }
    if t.contains('©') {
        return true;
    }
    if let Some((_, first)) = words(t).next() {
        let lower = caricc_core::text::to_lower(first);
        let colon = t
            .get(first.len()..)
            .is_some_and(|r| r.trim_start().starts_with(':'));
        if t.starts_with(first) && PHOTO_WORDS.contains(&lower.as_str()) && (colon || count <= 12) {
            return true;
        }
    }
    // A caption that ends in its credit: "… on the raid. Фото: МВД".
    let lower = caricc_core::text::to_lower(t);
    PHOTO_WORDS.iter().any(|p| {
        lower.match_indices(p).any(|(i, _)| {
            lower[i + p.len()..].trim_start().starts_with(':') && words(&t[i..]).count() <= 8
        })
    })
}

/// Phrases that open a link to another article.
const READ_ALSO: &[&str] = &[
    "читайте также",
    "читать также",
    "читайте еще",
    "читайте ещё",
    "также читайте",
    "смотрите также",
    "см. также",
    "по теме",
    "читать далее",
    "читать полностью",
    "подробнее",
    "рекомендуем",
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "more on this",
    "more on the topic",
];

fn is_read_also(t: &str) -> bool {
    let lower = caricc_core::text::to_lower(t);
    words(t).count() <= 30
        && READ_ALSO.iter().any(|p| {
            lower.strip_prefix(p).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([':', ' ', '.', '-', '—', '–', '»', '>'])
            })
        })
}

fn is_tags(t: &str) -> bool {
    let lower = caricc_core::text::to_lower(t);
    [
        "теги",
        "тэги",
        "метки",
        "ключевые слова",
        "tags",
        "keywords",
    ]
    .iter()
    .any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

/// Labels of share, print, comment and view-count buttons.
const BUTTONS: &[&str] = &[
    "поделиться",
    "поделись",
    "share",
    "shares",
    "print",
    "печать",
    "печати",
    "версия",
    "для",
    "распечатать",
    "tweet",
    "facebook",
    "fb",
    "vk",
    "вконтакте",
    "telegram",
    "телеграм",
    "whatsapp",
    "twitter",
    "x",
    "ok",
    "одноклассники",
    "email",
    "e-mail",
    "mail",
    "copy",
    "link",
    "скопировать",
    "копировать",
    "ссылку",
    "ссылка",
    "comments",
    "comment",
    "комментарии",
    "комментарий",
    "комментариев",
    "комментировать",
    "просмотров",
    "просмотра",
    "просмотр",
    "просмотры",
    "views",
    "view",
    "save",
    "сохранить",
    "instagram",
    "youtube",
    "linkedin",
    "подписаться",
    "subscribe",
    "нравится",
    "like",
    "likes",
];

fn is_share_buttons(t: &str) -> bool {
    let ws: Vec<&str> = words(t).map(|(_, w)| w).collect();
    let mut labels = 0;
    let all = ws.iter().all(|w| {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        let known = with_lower(w, |l| BUTTONS.contains(&l));
        labels += usize::from(known);
        known
    });
    all && labels > 0 && ws.len() <= 12 && !ends_sentence(t)
}

/// Dateline near the top of a page: the first of the first `lines`
/// non-blank lines that gives a day with its year, publication dates before
/// "updated" ones. `None` when none does.
pub fn page_date<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Date> {
    let mut updated = None;
    for l in lines {
        if let Some(d) = dateline(l) {
            match (d.date, d.updated) {
                (Some(date), false) => return Some(date),
                (Some(date), true) => updated = updated.or(Some(date)),
                _ => {}
            }
        }
    }
    updated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        dateline(text).and_then(|d| d.date).map(|d| d.to_string())
    }

    #[test]
    fn datelines_in_their_usual_forms() {
        assert_eq!(
            day("09:15, 3 марта 2025 | GMT +5"),
            Some("2025-03-03".into())
        );
        assert_eq!(day("3 МАРТА 2025, 09:15"), Some("2025-03-03".into()));
        assert_eq!(
            day("Понедельник, 3 марта 2025 г."),
            Some("2025-03-03".into())
        );
        assert_eq!(
            day("Monday, March 3, 2025 9:15 AM UTC+05:00"),
            Some("2025-03-03".into())
        );
        assert_eq!(day("03.03.2025 09:15"), Some("2025-03-03".into()));
        assert_eq!(day("Бишкек, 3 мар. 2025"), Some("2025-03-03".into()));
        assert_eq!(day("Published: 3 Mar 2025"), Some("2025-03-03".into()));
        let updated = dateline("Обновлено: 4 марта 2025, 18:02").unwrap();
        assert!(updated.updated);
        assert_eq!(
            updated.date.map(|d| d.to_string()),
            Some("2025-03-04".into())
        );
        // Times without a day are time stamps still, with no date to read.
        assert_eq!(
            dateline("14:02"),
            Some(Dateline {
                date: None,
                updated: false
            })
        );
        assert_eq!(dateline("Сегодня, 14:02").and_then(|d| d.date), None);
        // Sentences with dates stay text.
        assert_eq!(
            dateline("В Оше 3 марта 2025 года задержали курьера с героином."),
            None
        );
        assert_eq!(
            dateline("Operation started on 3 March 2025 in Osh region."),
            None
        );
        assert_eq!(dateline("В 10:00 началась операция по задержанию."), None);
    }

    #[test]
    fn page_date_prefers_publication_to_update() {
        assert_eq!(
            page_date(["Рус", "Обновлено: 5 марта 2025", "09:15, 3 марта 2025"])
                .map(|d| d.to_string()),
            Some("2025-03-03".into())
        );
        assert_eq!(
            page_date(["Updated 5 March 2025 10:00"]).map(|d| d.to_string()),
            Some("2025-03-05".into())
        );
        assert_eq!(page_date(["A title", "Some text."]), None);
    }

    #[test]
    fn page_furniture_by_rule() {
        let rule = |t: &str| classify(t).map(Rule::name);
        assert_eq!(rule("Рус | Қаз | Eng"), Some("language switcher"));
        assert_eq!(rule("RU KZ EN"), Some("language switcher"));
        assert_eq!(rule("Главная / Новости / Происшествия"), Some("breadcrumb"));
        assert_eq!(rule("Home > News > Region"), Some("breadcrumb"));
        assert_eq!(rule("Автор: Данияр Омаров"), Some("byline"));
        assert_eq!(rule("By Anna Petrova and Ivan Orlov"), Some("byline"));
        assert_eq!(
            rule("Фото: пресс-служба МВД"),
            Some("photo caption or credit")
        );
        assert_eq!(
            rule("Photo by the regional police department"),
            Some("photo caption or credit")
        );
        assert_eq!(
            rule("Изъятые свертки на столе следователя. Фото: УПН ДП"),
            Some("photo caption or credit")
        );
        assert_eq!(rule("© Reuters"), Some("photo caption or credit"));
        assert_eq!(
            rule("Читайте также: В Оше задержали наркокурьера"),
            Some("\"read also\" link")
        );
        assert_eq!(
            rule("READ ALSO: Border guards seize hashish"),
            Some("\"read also\" link")
        );
        assert_eq!(
            rule("Поделиться"),
            Some("share, print or view-count buttons")
        );
        assert_eq!(
            rule("Share Tweet Print"),
            Some("share, print or view-count buttons")
        );
        assert_eq!(
            rule("Версия для печати"),
            Some("share, print or view-count buttons")
        );
        assert_eq!(
            rule("Просмотров: 1 245"),
            Some("share, print or view-count buttons")
        );
        assert_eq!(rule("Теги: наркотики, полиция, Ош"), Some("tag list"));
        assert_eq!(rule("Tags: drugs, border, Khatlon"), Some("tag list"));
        assert_eq!(
            rule("Views: 312 | Comments: 4"),
            Some("share, print or view-count buttons")
        );
        assert_eq!(rule("Подготовила Айгуль Сапарова"), Some("byline"));
        assert_eq!(
            rule("09:15, 3 марта 2025 | GMT +5"),
            Some("dateline or time stamp")
        );
        // The article's own lines are none of these.
        for text in [
            "В Оше задержали наркокурьера",
            "Police dismantle a drug laboratory in Chui region",
            "Сотрудники милиции изъяли 2 кг героина.",
            "По словам автора проекта, фото и видео помогают профилактике.",
            "The photo exhibition “Life without drugs” opened in Bishkek on 3 March.",
            "Читатели газеты поделились мнением о профилактике.",
            "Text of the agreement was signed by both sides.",
        ] {
            assert_eq!(classify(text), None, "{text}");
        }
    }
}
