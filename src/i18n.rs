//! Interface strings and date formats in English and Russian.
//!
//! One typed table per language, so a missing translation is a compile
//! error rather than a blank label.

use caricc_core::aggregate::Period;
use caricc_core::locale::month_genitive;
use caricc_core::model::{Kind, Lang};
use caricc_core::Date;

use crate::loader::Failure;

pub struct Texts {
    pub app_title: &'static str,
    pub app_subtitle: &'static str,
    pub nav_releases: &'static str,
    pub nav_events: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    /// The placeholder on a touch screen, without the "/" key.
    pub search_placeholder_touch: &'static str,
    pub loading: &'static str,
    /// In place of the count while a query's index pieces arrive.
    pub searching: &'static str,
    pub error_title: &'static str,
    /// What the reader can do about a failure of this kind.
    pub error_hint: fn(Failure) -> &'static str,
    /// The label of a failure's technical detail (in English: it names
    /// files and formats).
    pub error_detail: &'static str,
    /// The link from a failed `archive=` to the site's own archive.
    pub open_site_archive: &'static str,
    pub panic_banner: &'static str,
    pub reload: &'static str,
    pub retry: &'static str,
    pub archive_version: &'static str,
    pub offline_save: fn(&str) -> String,
    pub offline_saving: fn(usize, usize) -> String,
    pub offline_saved: &'static str,
    pub piece_failed: &'static str,
    /// A part of the app (a wasm chunk: the map, the downloads) did not load.
    pub chunk_failed: &'static str,
    pub warnings_title: &'static str,
    pub empty_archive: &'static str,
    pub url_problems: &'static str,
    pub releases_title: &'static str,
    pub events_title: &'static str,
    pub result_count: fn(usize) -> String,
    pub showing: fn(usize, usize, usize) -> String,
    /// Before the other language's terms a search also looked for.
    pub also_searched: &'static str,
    pub no_results: &'static str,
    /// No results in an embed, which has no filters to loosen.
    pub no_results_embed: &'static str,
    /// A period whose start (From) is after its end (To).
    pub reversed_range: &'static str,
    pub swap_dates: &'static str,
    pub clear_filters: &'static str,
    pub filters: &'static str,
    pub country: &'static str,
    pub period: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub kind: &'static str,
    pub content_lang: &'static str,
    pub year: &'static str,
    pub sort: &'static str,
    pub sort_relevance: &'static str,
    pub sort_newest: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub page_of: fn(u32, u32) -> String,
    pub view_list: &'static str,
    pub view_chart: &'static str,
    pub view_table: &'static str,
    pub view_map: &'static str,
    /// The map: its areas' group, its loading line, its geodata failing,
    /// the heading of the countries it cannot show, how its keys work, and
    /// the heading of the regions' list.
    pub map: [&'static str; 6],
    pub by: &'static str,
    pub chart_kind: &'static str,
    pub chart_stacked: &'static str,
    pub chart_grouped: &'static str,
    pub chart_lines: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub download_csv: &'static str,
    /// Accessible name of the chart's bars, and how to move between them.
    pub chart_bars: &'static str,
    pub chart_keys: &'static str,
    /// After a tap on a bar on a touch screen, which only shows its value.
    pub tap_again: &'static str,
    pub total: &'static str,
    pub summary: &'static str,
    pub declared: &'static str,
    pub parsed: &'static str,
    pub difference: &'static str,
    pub counts_match: &'static str,
    pub counts_differ: &'static str,
    pub no_declared: &'static str,
    pub number: &'static str,
    pub source: &'static str,
    pub no_source: &'static str,
    pub from_release: &'static str,
    /// The link to another language version of a release or event.
    pub read_in: fn(Lang) -> &'static str,
    pub date: &'static str,
    pub place: &'static str,
    pub also_mentions: &'static str,
    pub language_switch: &'static str,
    pub back_to_events: &'static str,
    pub not_found: &'static str,
    pub skip_to_content: &'static str,
    pub embed: &'static str,
    pub embed_hint: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    /// An embed's way back to the view the partner chose: chart, table, list.
    pub embed_back: [&'static str; 4],
    pub close: &'static str,
    pub footer: &'static str,
    pub print: &'static str,
    /// "Download events": the events of the view as a file, and its
    /// progress while their pieces arrive (events here, events in all).
    pub download_events: &'static str,
    pub preparing_download: fn(usize, usize) -> String,
    /// "Cite": its button and what its dialog offers.
    pub cite: &'static str,
    pub cite_hint: &'static str,
    pub cite_as_text: &'static str,
    /// The mark of a release added since the reader's last visit.
    pub new_release: &'static str,
    pub open_full: &'static str,
    pub lang_names: [&'static str; 2],
    /// The topic facet's heading.
    pub topic: &'static str,
    /// An event page's facts: its topics, the drugs it names, what was seized.
    pub facts_topics: &'static str,
    /// The facts box's heading, and the note that a program read them.
    pub facts_heading: &'static str,
    pub facts_note: &'static str,
    /// Beside a quantity the ingest marked doubtful (left out of sums).
    pub facts_doubtful: &'static str,
    pub facts_substances: &'static str,
    pub facts_seized: &'static str,
    /// Before a seized quantity that is part of the one above it.
    pub facts_part_of: &'static str,
    /// The substance facet's heading.
    pub substance: &'static str,
    /// Names of `index::TOPICS`, in that order: the thesaurus's labels
    /// (`data/thesaurus.json`; a test keeps them equal).
    pub topic_names: [&'static str; 10],
    /// Names of `index::SUBSTANCES`, in that order, as `topic_names`
    /// (the core's `seized::SUBSTANCE_NAMES_*`, which the chart's legend uses).
    pub substance_names: [&'static str; 13],
    /// The chart's and table's switches: what they count (events or
    /// kilograms seized) and what their series are (countries or substances).
    pub measure: &'static str,
    pub measure_events: &'static str,
    pub measure_kg: &'static str,
    pub split_by: &'static str,
    /// In a chart's title after its measure: "Kilograms seized by substance".
    pub by_substance: &'static str,
    /// What the figures are, below the kg chart and table.
    pub kg_note: &'static str,
    /// Below a chart of events per substance: an event may count in several.
    pub substance_note: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

fn plural_ru(n: usize, one: &str, few: &str, many: &str) -> String {
    let (n10, n100) = (n % 10, n % 100);
    let word = if n10 == 1 && n100 != 11 {
        one
    } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
        few
    } else {
        many
    };
    format!("{n} {word}")
}

pub static EN: Texts = Texts {
    app_title: "CARICC archive",
    app_subtitle: "Information releases about past events in the anti-drug sphere",
    nav_releases: "Releases",
    nav_events: "Events",
    search: "Search",
    search_placeholder: "Search events (press /)",
    search_placeholder_touch: "Search events",
    loading: "Loading the archive…",
    searching: "Searching…",
    error_title: "The archive cannot be shown",
    error_hint: |f| match f {
        Failure::Refused => "The address names an archive this page may not open: only a file of this site, by a relative path, can be opened.",
        Failure::NotPublished => "The address names a file that is not a published archive. An archive is opened through the manifest that scripts/build-site.sh writes.",
        Failure::Unreachable => "The archive could not be downloaded. Check the connection and try again.",
        Failure::Damaged => "The archive's files are incomplete or belong to different versions. Reload the page; if this persists, the site needs to be published again.",
        Failure::Invalid => "The archive file is damaged or was written by another version of the ingest program.",
    },
    error_detail: "Technical detail",
    open_site_archive: "Open this site's archive",
    panic_banner: "Something went wrong in the app. Reload the page to continue.",
    reload: "Reload",
    retry: "Try again",
    archive_version: "Archive version",
    offline_save: |mb| format!("Save for offline ({mb} MB)"),
    offline_saving: |here, total| format!("Saving for offline: {here} of {total} parts"),
    offline_saved: "Saved for offline: the whole archive works without a network.",
    chunk_failed: "This part of the app could not be loaded. Check the connection and try again.",
    piece_failed: "Part of the archive could not be loaded. If the archive was updated since this page was opened, reload the page.",
    warnings_title: "Some records were left out of this archive",
    empty_archive: "This archive holds no releases.",
    url_problems: "Some parts of the address were not understood and were ignored",
    releases_title: "Releases",
    events_title: "Events",
    result_count: |n| if n == 1 { "1 event".to_string() } else { format!("{n} events") },
    showing: |a, b, n| format!("Showing {a}–{b} of {n}"),
    also_searched: "Also searched:",
    no_results: "No events match. Try fewer filters or another spelling.",
    no_results_embed: "No events match. Try another spelling, or go back to the start.",
    reversed_range: "The period’s start (From) is after its end (To), so no event can match.",
    swap_dates: "Swap From and To",
    clear_filters: "Clear filters",
    filters: "Filters",
    country: "Country",
    period: "Period",
    from: "From",
    to: "To",
    kind: "Kind",
    content_lang: "Text language",
    year: "Year",
    sort: "Sort",
    sort_relevance: "Relevance",
    sort_newest: "Newest first",
    prev: "Previous",
    next: "Next",
    page_of: |p, n| format!("Page {p} of {n}"),
    view_list: "List",
    view_chart: "Chart",
    view_table: "Table",
    view_map: "Map",
    map: [
        "Countries on the map",
        "Loading the map…",
        "The map could not be loaded",
        "Not on the map",
        "Tab moves between the countries and regions with events; Enter shows a country's events, or those of a region's country naming it. The table view has the countries' counts.",
        "By region named",
    ],
    by: "Per",
    chart_kind: "Chart type",
    chart_stacked: "Stacked bars",
    chart_grouped: "Grouped bars",
    chart_lines: "Lines",
    download_svg: "Download SVG",
    download_png: "Download PNG",
    download_csv: "Download CSV",
    chart_bars: "Bars of the chart",
    chart_keys: "Arrow keys move between the bars: left and right between periods, up and down between countries. Enter shows the bar's events.",
    tap_again: "tap again for its events",
    total: "Total",
    summary: "Summary",
    declared: "Declared",
    parsed: "Parsed",
    difference: "Difference",
    counts_match: "Parsed counts match the declared ones.",
    counts_differ: "Parsed counts differ from the declared ones.",
    no_declared: "This release declares no counts.",
    number: "No.",
    source: "Source",
    no_source: "No source link",
    from_release: "Release",
    read_in: |l| match l {
        Lang::En => "Read in English",
        Lang::Ru => "Read in Russian",
    },
    date: "Date",
    place: "Place",
    also_mentions: "Also mentions",
    language_switch: "Interface language",
    back_to_events: "All events",
    not_found: "Not found in this archive",
    skip_to_content: "Skip to content",
    embed: "Embed",
    embed_hint: "Paste this into your page to embed the current view:",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copy_failed: "Could not copy: select the code and copy it with Ctrl+C.",
    embed_back: ["← Back to the chart", "← Back to the table", "← Back to the start", "← Back to the map"],
    close: "Close",
    footer: "Data: CARICC information releases, as published. Runs entirely in your browser.",
    print: "Print",
    download_events: "Download these events:",
    preparing_download: |have, all| format!("Preparing the file: {have} of {all} events…"),
    cite: "Cite",
    cite_as_text: "citation",
    new_release: "New since your last visit",
    cite_hint: "Cite this view: the archive version and today's date are in the citation. Text, or BibTeX for LaTeX:",
    open_full: "Open in the archive",
    lang_names: ["English", "Russian"],
    topic: "Topic",
    facts_topics: "What happened",
    facts_heading: "Facts",
    facts_note: "Read from the text automatically: check each figure against its sentence, marked in the text below.",
    facts_doubtful: "Doubtful figure, left out of totals",
    facts_substances: "Drugs named",
    facts_seized: "Seized",
    facts_part_of: "of which",
    substance: "Substance",
    topic_names: ["Seizure", "Arrest, detention", "Drug laboratory", "Crop eradication", "Controlled delivery", "Prevention, awareness", "Training", "Meetings, cooperation", "Strategy, legislation", "Treatment, rehabilitation"],
    substance_names: caricc_core::seized::SUBSTANCE_NAMES_EN,
    measure: "Show",
    measure_events: "Events",
    measure_kg: "Kilograms seized",
    split_by: "Split by",
    by_substance: " by substance",
    kg_note: "Kilograms seized, as reported in the media; a seizure may be reported more than once. Doubtful figures are left out.",
    substance_note: "An event naming several substances counts under each of them.",
};

pub static RU: Texts = Texts {
    app_title: "Архив ЦАРИКЦ",
    app_subtitle: "Информационные выпуски о прошедших событиях в антинаркотической сфере",
    nav_releases: "Выпуски",
    nav_events: "События",
    search: "Поиск",
    search_placeholder: "Поиск событий (клавиша /)",
    search_placeholder_touch: "Поиск событий",
    loading: "Загрузка архива…",
    searching: "Поиск…",
    error_title: "Архив не может быть показан",
    error_hint: |f| match f {
        Failure::Refused => "Адрес указывает на архив, который эта страница открыть не может: открываются только файлы этого сайта, по относительному пути.",
        Failure::NotPublished => "Адрес указывает на файл, который не является опубликованным архивом. Архив открывается через манифест опубликованного сайта.",
        Failure::Unreachable => "Не удалось загрузить архив. Проверьте подключение к сети и повторите попытку.",
        Failure::Damaged => "Файлы архива неполные или относятся к разным версиям. Перезагрузите страницу; если ошибка повторится, сайт нужно опубликовать заново.",
        Failure::Invalid => "Файл архива повреждён или записан другой версией программы загрузки.",
    },
    error_detail: "Техническая информация",
    open_site_archive: "Открыть архив этого сайта",
    panic_banner: "В приложении произошла ошибка. Перезагрузите страницу, чтобы продолжить.",
    reload: "Перезагрузить",
    retry: "Повторить",
    archive_version: "Версия архива",
    offline_save: |mb| format!("Сохранить для работы без сети ({mb} МБ)"),
    offline_saving: |here, total| format!("Сохранение: {here} из {total} частей"),
    offline_saved: "Сохранено: весь архив работает без сети.",
    chunk_failed: "Эту часть приложения не удалось загрузить. Проверьте соединение и повторите попытку.",
    piece_failed: "Часть архива не удалось загрузить. Если архив обновился после того, как страница была открыта, перезагрузите страницу.",
    warnings_title: "Некоторые записи архива пропущены",
    empty_archive: "В этом архиве нет ни одного выпуска.",
    url_problems: "Часть адреса не распознана и пропущена",
    releases_title: "Выпуски",
    events_title: "События",
    result_count: |n| plural_ru(n, "событие", "события", "событий"),
    showing: |a, b, n| format!("Показаны {a}–{b} из {n}"),
    also_searched: "Также искали:",
    no_results: "Нет подходящих событий. Уберите часть фильтров или попробуйте другое написание.",
    no_results_embed: "Нет подходящих событий. Попробуйте другое написание или вернитесь к началу.",
    reversed_range: "Начало периода («С») позже его конца («По»): ни одно событие не подходит.",
    swap_dates: "Поменять «С» и «По» местами",
    clear_filters: "Сбросить фильтры",
    filters: "Фильтры",
    country: "Страна",
    period: "Период",
    from: "С",
    to: "По",
    kind: "Тип",
    content_lang: "Язык текста",
    year: "Год",
    sort: "Порядок",
    sort_relevance: "По релевантности",
    sort_newest: "Сначала новые",
    prev: "Назад",
    next: "Вперёд",
    page_of: |p, n| format!("Страница {p} из {n}"),
    view_list: "Список",
    view_chart: "График",
    view_table: "Таблица",
    view_map: "Карта",
    map: [
        "Страны на карте",
        "Загрузка карты…",
        "Не удалось загрузить карту",
        "Нет на карте",
        "Tab переходит между странами и регионами с событиями; Enter показывает события страны или события её региона, где он назван. Числа по странам есть и в таблице.",
        "По названным регионам",
    ],
    by: "По",
    chart_kind: "Вид графика",
    chart_stacked: "Столбцы с накоплением",
    chart_grouped: "Сгруппированные столбцы",
    chart_lines: "Линии",
    download_svg: "Скачать SVG",
    download_png: "Скачать PNG",
    download_csv: "Скачать CSV",
    chart_bars: "Столбцы графика",
    chart_keys: "Стрелки переходят между столбцами: влево и вправо между периодами, вверх и вниз между странами. Enter показывает события столбца.",
    tap_again: "нажмите ещё раз, чтобы увидеть события",
    total: "Всего",
    summary: "Обзор",
    declared: "Заявлено",
    parsed: "Найдено",
    difference: "Разница",
    counts_match: "Найденные числа совпадают с заявленными.",
    counts_differ: "Найденные числа расходятся с заявленными.",
    no_declared: "Выпуск не заявляет числа событий.",
    number: "№",
    source: "Источник",
    no_source: "Нет ссылки на источник",
    from_release: "Выпуск",
    read_in: |l| match l {
        Lang::En => "Читать на английском",
        Lang::Ru => "Читать на русском",
    },
    date: "Дата",
    place: "Место",
    also_mentions: "Упоминаются также",
    language_switch: "Язык интерфейса",
    back_to_events: "Все события",
    not_found: "Нет в этом архиве",
    skip_to_content: "К содержанию",
    embed: "Встроить",
    embed_hint: "Вставьте этот код в свою страницу, чтобы встроить текущий вид:",
    copy: "Копировать",
    copied: "Скопировано в буфер обмена.",
    copy_failed: "Не удалось скопировать: выделите код и скопируйте его клавишами Ctrl+C.",
    embed_back: ["← Назад к графику", "← Назад к таблице", "← Назад к началу", "← Назад к карте"],
    close: "Закрыть",
    footer: "Данные: информационные выпуски ЦАРИКЦ в опубликованном виде. Работает целиком в вашем браузере.",
    print: "Печать",
    download_events: "Скачать эти события:",
    preparing_download: |have, all| format!("Готовим файл: {have} из {all} событий…"),
    cite: "Цитировать",
    cite_as_text: "ссылку",
    new_release: "Новый с вашего прошлого визита",
    cite_hint: "Ссылка на этот вид: с версией архива и сегодняшней датой. Текстом или в BibTeX для LaTeX:",
    open_full: "Открыть в архиве",
    lang_names: ["английский", "русский"],
    topic: "Тема",
    facts_topics: "Что произошло",
    facts_heading: "Факты",
    facts_note: "Извлечены из текста автоматически: сверяйте каждую цифру с её предложением, оно выделено в тексте ниже.",
    facts_doubtful: "Сомнительная цифра, не входит в итоги",
    facts_substances: "Названные вещества",
    facts_seized: "Изъято",
    facts_part_of: "в том числе",
    substance: "Вещество",
    topic_names: ["Изъятие", "Задержание, арест", "Нарколаборатория", "Уничтожение посевов", "Контролируемая поставка", "Профилактика", "Обучение", "Встречи, сотрудничество", "Стратегия, законодательство", "Лечение, реабилитация"],
    substance_names: caricc_core::seized::SUBSTANCE_NAMES_RU,
    measure: "Показать",
    measure_events: "События",
    measure_kg: "Изъято, кг",
    split_by: "Разбивка",
    by_substance: " по веществам",
    kg_note: "Изъято, кг, по сообщениям СМИ; об одном изъятии могут сообщать несколько раз. Сомнительные цифры не учитываются.",
    substance_note: "Событие, где названо несколько веществ, учитывается по каждому из них.",
};

pub fn kind_name(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::En, Kind::InformationRelease) => "Information release",
        (Lang::En, Kind::PressRelease) => "Press release",
        (Lang::En, Kind::News) => "News",
        (Lang::Ru, Kind::InformationRelease) => "Информационный выпуск",
        (Lang::Ru, Kind::PressRelease) => "Пресс-релиз",
        (Lang::Ru, Kind::News) => "Новость",
    }
}

pub fn period_name(lang: Lang, p: Period) -> &'static str {
    match (lang, p) {
        (Lang::En, Period::HalfMonth) => "Half-month",
        (Lang::En, Period::Month) => "Month",
        (Lang::En, Period::Quarter) => "Quarter",
        (Lang::En, Period::Year) => "Year",
        (Lang::Ru, Period::HalfMonth) => "Полмесяца",
        (Lang::Ru, Period::Month) => "Месяц",
        (Lang::Ru, Period::Quarter) => "Квартал",
        (Lang::Ru, Period::Year) => "Год",
    }
}

/// The month's name after a day number: `Jun` / `июня` (Russian in the genitive).
fn month_after_day(lang: Lang, d: Date) -> &'static str {
    month_genitive(d.month(), lang)
}

/// `15 Jun 2025` / `15 июня 2025`.
pub fn format_date(lang: Lang, d: Date) -> String {
    format!("{} {} {}", d.day(), month_after_day(lang, d), d.year())
}

/// A day range as compactly as it reads, with an en dash: `1–15 Jun 2025`,
/// `1–15 мая 2025`, `27 Nov – 2 Dec 2024`.
pub fn format_range(lang: Lang, start: Date, end: Date) -> String {
    if start == end {
        format_date(lang, start)
    } else if start.year() == end.year() && start.month() == end.month() {
        format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month_after_day(lang, end),
            end.year()
        )
    } else if start.year() == end.year() {
        format!(
            "{} {} – {} {} {}",
            start.day(),
            month_after_day(lang, start),
            end.day(),
            month_after_day(lang, end),
            end.year()
        )
    } else {
        format!("{} – {}", format_date(lang, start), format_date(lang, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caricc_core::index::{SUBSTANCES, TOPICS};
    use caricc_core::thesaurus;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The facets name topics and substances as the thesaurus labels them,
    /// in both languages (the file is the one source; the app does not
    /// load it, to keep the first load small).
    #[wasm_bindgen_test]
    fn topic_and_substance_names_are_the_thesaurus_labels() {
        let t = thesaurus::parse(thesaurus::THESAURUS_JSON).unwrap();
        let label = |id: &str| &t.entries.iter().find(|e| e.id == id).unwrap().label;
        for (texts, ru) in [(&EN, false), (&RU, true)] {
            for (i, id) in TOPICS.iter().enumerate() {
                let l = label(id);
                assert_eq!(texts.topic_names[i], if ru { &l.ru } else { &l.en }, "{id}");
            }
            for (i, id) in SUBSTANCES.iter().enumerate() {
                let l = label(id);
                assert_eq!(
                    texts.substance_names[i],
                    if ru { &l.ru } else { &l.en },
                    "{id}"
                );
            }
        }
    }
}
