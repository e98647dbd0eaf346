//! The ingest on damaged and hostile input: no panic on any bytes or line
//! mix, every difference against the declared counts reported however the
//! corpus is shuffled, truncated or doubled, and the archive never written
//! in part.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use caricc_core::model;
use caricc_ingest::{self as ingest, What};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        lines.extend(text.lines().map(str::to_string));
    }
    lines.sort();
    lines
}

fn digest_text() -> String {
    std::fs::read_to_string(root().join("corpus/000_b91b7f1020883290.txt")).unwrap()
}

/// Lines that drive the parsers' states, besides the corpus's own.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\u{a0}",
    "\u{c}",
    "#11",
    "#",
    "№",
    "1-15.06.2025",
    "31-30.02.2025",
    "date 2026-01-20",
    "date 2026-13-45",
    "date",
    "REPUBLIC OF KAZAKHSTAN",
    "<i>KYRGYZ REPUBLIC</i>\t15",
    "TAJIKISTAN",
    "**",
    "****",
    "** **",
    "<https://",
    "<https://xn--plai>",
    "<https://xn--b1aew.xn--plai/x>",
    "<http://[::1]>",
    "https://",
    "(Kazakhstan - 99999999999)",
    "(*Kazakhstan - 21, Atlantis - 3*)",
    "covered 4294967296 events (Russia - 4294967295, Kazakhstan - 1)",
    "## PRESS RELEASE",
    "ПРЕСС-РЕЛИЗ",
    "27-28 ноября 2024 г.",
    "31 февраля 2024 г.",
    "0-0.00.0000",
    "«»",
    "—",
    "- ",
    "A",
    "Ы",
    "\u{200b}",
    "\u{feff}",
    "İSTANBUL İÇİN",
    "ǅ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "🙂🙂🙂",
    "Фото:",
    "12:00",
    "Рус",
    "Рус | Қаз | Eng",
    "09:15, 3 марта 2025 | GMT +5",
    "Monday, March 3, 2025 9:15 AM UTC+05:00",
    "Обновлено: 4 марта 2025, 18:02",
    "Главная / Новости / Происшествия",
    "Автор:",
    "By",
    "Фото: ©",
    "Читайте также:",
    "Поделиться",
    "Теги:",
    "ИНФОРМАЦИОННЫЙ ВЫПУСК",
    "№ 7",
    "РЕСПУБЛИКА КАЗАХСТАН",
    "<i>РЕСПУБЛИКА УЗБЕКИСТАН</i>\t6",
    "освещено 4 события (*Казахстан – 2, Кыргызстан – 1, Россия – 1*).",
];

fn any_line() -> impl Strategy<Value = String> {
    let corpus = corpus_lines();
    prop_oneof![
        4 => proptest::sample::select(corpus),
        2 => proptest::sample::select(TRICKY).prop_map(str::to_string),
        1 => "\\PC{0,40}",
    ]
}

/// Checks what any successful parse must give: a release the app's decoder
/// accepts without leaving anything out.
fn check_release(parsed: &ingest::Parsed) {
    let archive = model::Archive {
        schema_version: model::SCHEMA_VERSION,
        releases: vec![parsed.release.clone()],
    };
    let json = ingest::archive_json(&archive);
    let (decoded, warnings) = model::decode(&json).expect("a parsed release decodes");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        decoded.releases[0].events.len(),
        parsed.release.events.len()
    );
    for e in &parsed.release.events {
        assert!(
            e.title.chars().any(char::is_alphanumeric),
            "an event without a title: {:?}",
            e.title
        );
        assert!(e.date.is_ordered());
        assert!(!e.mentioned_countries.contains(&e.country));
    }
}

/// Every country whose parsed count differs from its declared count has a
/// `count-mismatch` issue with both numbers, and no other country has one.
fn check_differences_reported(parsed: &ingest::Parsed) {
    let Some(declared) = &parsed.release.declared_counts else {
        return;
    };
    let mut found: BTreeMap<&str, u32> = BTreeMap::new();
    for e in &parsed.release.events {
        *found.entry(e.country.as_str()).or_insert(0) += 1;
    }
    let mut expected: Vec<(String, u32, u32)> = Vec::new();
    let countries: std::collections::BTreeSet<&str> = declared
        .keys()
        .map(String::as_str)
        .chain(found.keys().copied())
        .collect();
    for c in countries {
        let d = declared.get(c).copied().unwrap_or(0);
        let p = found.get(c).copied().unwrap_or(0);
        if d != p {
            expected.push((c.to_string(), d, p));
        }
    }
    let mut reported: Vec<(String, u32, u32)> = parsed
        .report
        .issues
        .iter()
        .filter_map(|i| match &i.what {
            What::CountMismatch {
                country,
                declared,
                parsed,
            } => Some((country.clone(), *declared, *parsed)),
            _ => None,
        })
        .collect();
    reported.sort();
    assert_eq!(reported, expected);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(parsed) = ingest::parse_bytes("fuzz.txt", &bytes) {
            check_release(&parsed);
        }
    }

    #[test]
    fn arbitrary_line_mixes_never_panic(lines in proptest::collection::vec(any_line(), 0..120)) {
        let text = lines.join("\n");
        if let Ok(parsed) = ingest::parse_text("mix.txt", &text) {
            check_release(&parsed);
            check_differences_reported(&parsed);
        }
    }

}

proptest! {
    // Each case parses the whole digest: fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_digest_reports_every_difference(seed in any::<u64>()) {
        let mut lines: Vec<&str> = Vec::new();
        let text = digest_text();
        lines.extend(text.lines());
        // Fisher-Yates with a tiny LCG: the seed is all the test varies.
        let mut state = seed | 1;
        for i in (1..lines.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            lines.swap(i, (state >> 33) as usize % (i + 1));
        }
        let parsed = ingest::parse_text("shuffled.txt", &lines.join("\n"));
        // The period line and the count list survive a shuffle, so this is
        // still a digest with declared counts.
        let parsed = parsed.expect("a shuffled digest is still a digest");
        prop_assert!(parsed.release.declared_counts.is_some());
        check_release(&parsed);
        check_differences_reported(&parsed);
    }

    #[test]
    fn truncated_digest_reports_every_difference(keep in 0usize..800) {
        let text = digest_text();
        let truncated: Vec<&str> = text.lines().take(keep).collect();
        match ingest::parse_text("truncated.txt", &truncated.join("\n")) {
            Ok(parsed) => {
                check_release(&parsed);
                check_differences_reported(&parsed);
                // Cut before the last event's title (line 696), the counts differ.
                if keep > 52 && keep < 696 {
                    prop_assert!(parsed.report.differences() > 0, "a cut digest must differ from its counts");
                }
            }
            // Too little left to be a digest (a cover with no country
            // heading yet: the contents start at line 39): refused, saying why.
            Err(e) => prop_assert!(keep < 39 && !e.message.is_empty(), "{e}"),
        }
    }

    #[test]
    fn doubled_lines_report_every_difference(mask in proptest::collection::vec(any::<bool>(), 740)) {
        let text = digest_text();
        let mut lines: Vec<&str> = Vec::new();
        for (line, double) in text.lines().zip(mask.iter().chain(std::iter::repeat(&false))) {
            lines.push(line);
            if *double {
                lines.push(line);
            }
        }
        let parsed = ingest::parse_text("doubled.txt", &lines.join("\n")).expect("still a digest");
        check_release(&parsed);
        check_differences_reported(&parsed);
    }
}

/// Found by `arbitrary_line_mixes_never_panic` in CI: a news item whose
/// title line is only markup or blank-looking, above a text that opens with
/// punctuation, gave an event with an empty title.
#[test]
fn a_title_of_markup_alone_gives_way_to_one_from_the_text() {
    for title in ["** **", "<i> </i>", "\u{a0}", "*", "# **", "—"] {
        for body in [
            "! Kazakhstan police seized heroin in Almaty on 3 March 2025.",
            "Police seized heroin in Almaty on 3 March 2025.",
        ] {
            let doc = format!("09:15, 3 марта 2025 | GMT +5\n\n{title}\n\n{body}\n\nАлматы\n");
            let parsed = ingest::parse_text("news.txt", &doc).expect("a news item");
            check_release(&parsed);
            let event = &parsed.release.events[0];
            assert!(
                event.title.starts_with("Police seized heroin")
                    || event.title.starts_with("Kazakhstan police"),
                "{title:?} / {body:?} gave {:?}",
                event.title
            );
        }
    }
    // The release's id is made from the title it keeps: two such items of
    // one day are two releases.
    let id = |body: &str| {
        let doc = format!("09:15, 3 марта 2025 | GMT +5\n\n—\n\n{body}\n\nАлматы\n");
        ingest::parse_text("news.txt", &doc).unwrap().release.id
    };
    assert_ne!(
        id("Police seized heroin in Almaty on 3 March 2025."),
        id("Customs seized hashish in Almaty on 3 March 2025.")
    );
    // Nothing to make a title from: refused, saying why.
    let err = ingest::parse_text(
        "news.txt",
        "09:15, 3 марта 2025 | GMT +5\n\n** **\n\n... — ...\n",
    )
    .expect_err("no words at all");
    assert!(!err.message.is_empty(), "{err}");
}

#[test]
fn a_whole_digest_doubled_is_reported_not_counted_twice() {
    let text = digest_text();
    let parsed = ingest::parse_text("twice.txt", &format!("{text}\n{text}")).unwrap();
    assert_eq!(
        parsed.release.events.len(),
        33,
        "repeated events are left out"
    );
    let duplicates = parsed
        .report
        .issues
        .iter()
        .filter(|i| matches!(i.what, What::DuplicateEvent { .. }))
        .count();
    assert_eq!(duplicates, 33);
    assert_eq!(parsed.report.differences(), 0);
}

// The binary, end to end.

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("caricc-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("corpus")).unwrap();
        TempDir(dir)
    }

    fn corpus(&self) -> PathBuf {
        self.0.join("corpus")
    }

    fn copy_corpus(&self) {
        for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, self.corpus().join(path.file_name().unwrap())).unwrap();
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_ingest(args: &[&Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ingest"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn binary_writes_the_archive_and_the_report() {
    let t = TempDir::new("ok");
    t.copy_corpus();
    let out = t.0.join("archive.json");
    let report = t.0.join("report.json");
    let (code, stderr) = run_ingest(&[
        &t.corpus(),
        Path::new("-o"),
        &out,
        Path::new("--report"),
        &report,
        Path::new("--strict"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(root().join("data/archive.json")).unwrap()
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 4);
    let digest = &report["files"][0];
    assert_eq!(digest["declared_counts"]["KZ"], 21);
    let kinds: Vec<&str> = digest["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"number-mismatch")
            && kinds.contains(&"skipped-line")
            && kinds.contains(&"repaired-link")
    );
    // Each dropped line with the rule that dropped it, in the JSON and printed.
    let contents_heading = digest["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["line"] == 37)
        .unwrap();
    assert_eq!(contents_heading["kind"], "skipped-line");
    assert_eq!(contents_heading["text"], "CONTENTS");
    assert_eq!(
        contents_heading["reason"],
        "front matter: cover, imprint or contents heading"
    );
    assert!(
        stderr.contains(
            "line 37: skipped (front matter: cover, imprint or contents heading): `CONTENTS`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("000_b91b7f1020883290.txt: information-release ir-2025-11, 33 event(s)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 33: the edition line says #110 but the cover says #11"),
        "{stderr}"
    );
}

#[test]
fn bad_inputs_leave_the_previous_archive_untouched() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty.txt: the file is empty"),
        ("binary.txt", b"date 2025-01-01\n\0\x01\x02".to_vec(), "binary.txt:2: a NUL byte"),
        ("latin1.txt", b"date 2025-01-01\ncaf\xE9 cr\xE8me".to_vec(), "latin1.txt:2: byte 0xE9"),
        ("letter.txt", b"\nDear colleagues,\nplease find attached.\n".to_vec(), "letter.txt:2: not a release of a known kind"),
        ("nodate.txt", b"PRESS RELEASE\n\nTitle\n\nText about a conference in Ashgabat, long enough to be prose.\n".to_vec(), "nodate.txt:5: a press release must state when"),
        // A UTF-8 file cut inside its last character (2 bytes of «ш»).
        ("cut.txt", "date 2025-03-04\nВ Оше задержали курьера с гашиш".as_bytes()[..72].to_vec(), "cut.txt:2: the file ends inside a character at line 2, column 56: it was cut short"),
        ("kazakh.txt", "Облыс полициясы базарларда рейд өткізіп, есірткі сатушыдан есірткі тәркіледі. ".repeat(5).into_bytes(), "kazakh.txt:1: not in a language the ingest reads (English or Russian): it is in Cyrillic letters but not in Russian"),
        ("undated.txt", b"Border guards seize hashish\n\nBorder guards detained a man carrying 3 kilograms of hashish near the border, the agency said.\n\nA criminal case was opened against him at the district office.\n".to_vec(), "undated.txt:1: not a release of a known kind"),
        // The June 2025 digest's number with another period.
        ("late.txt", digest_text().replace("1-15.06.2025", "16-30.06.2025").into_bytes(), "late.txt:11: release No. 11 of 2025 covers 2025-06-16..2025-06-30 here, but 000_b91b7f1020883290.txt (line 11) gives it the period 2025-06-01..2025-06-15"),
    ];
    for (name, bytes, expected) in cases {
        let t = TempDir::new(name.trim_end_matches(".txt"));
        t.copy_corpus();
        std::fs::write(t.corpus().join(name), bytes).unwrap();
        let out = t.0.join("archive.json");
        std::fs::write(&out, "previous archive").unwrap();
        let (code, stderr) = run_ingest(&[&t.corpus(), Path::new("-o"), &out]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        if name == "undated.txt" {
            assert!(stderr.contains("the text has no date anywhere"), "{stderr}");
        }
        assert!(stderr.contains("nothing written"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "previous archive",
            "{name}"
        );
        let leftovers = std::fs::read_dir(&t.0).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file left behind");
    }
    let (code, stderr) = run_ingest(&[
        Path::new("/nonexistent/corpus"),
        Path::new("-o"),
        Path::new("/tmp/never.json"),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("/nonexistent/corpus: cannot read"),
        "{stderr}"
    );
}

/// The ingest succeeds but a write fails: the old archive and report stay
/// byte-identical and no temporary file is left, whichever of `-o` and
/// `--report` cannot be written. (The tests run as root, for whom a
/// read-only directory is writable; a path that is a directory, and a path
/// under a regular file, fail for root too.)
#[test]
fn a_failed_write_leaves_the_previous_files_untouched() {
    let t = TempDir::new("write-fails");
    t.copy_corpus();
    let archive = t.0.join("archive.json");
    let report = t.0.join("report.json");
    let directory = t.0.join("a-directory");
    let plain = t.0.join("plain.txt");
    std::fs::write(&archive, "previous archive").unwrap();
    std::fs::write(&report, "previous report").unwrap();
    std::fs::create_dir(&directory).unwrap();
    std::fs::write(&plain, "a regular file").unwrap();
    let listing = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(&t.0);
    let under_file = plain.join("archive.json");
    let cases: [(&Path, &Path, &str); 4] = [
        (&directory, &report, "a-directory: is a directory"),
        (&archive, &directory, "a-directory: is a directory"),
        (
            &under_file,
            &report,
            "plain.txt/archive.json: Not a directory",
        ),
        (
            &archive,
            &under_file,
            "plain.txt/archive.json: Not a directory",
        ),
    ];
    for (out, rep, expected) in cases {
        let (code, stderr) = run_ingest(&[
            &t.corpus(),
            Path::new("-o"),
            out,
            Path::new("--report"),
            rep,
        ]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(stderr.contains("nothing written"), "{stderr}");
        assert_eq!(std::fs::read(&archive).unwrap(), b"previous archive");
        assert_eq!(std::fs::read(&report).unwrap(), b"previous report");
        assert_eq!(listing(&t.0), before, "no temporary file left");
        assert!(
            listing(&directory).is_empty(),
            "nothing left in the directory"
        );
    }
    // Both writable: both written.
    let (code, stderr) = run_ingest(&[
        &t.corpus(),
        Path::new("-o"),
        &archive,
        Path::new("--report"),
        &report,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(&archive).unwrap(),
        std::fs::read(root().join("data/archive.json")).unwrap()
    );
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("\"files\""));
    assert_eq!(listing(&t.0), before);
}

/// A digest cut in the middle of an event: the counts it declares differ
/// and the line where it stops is reported; --strict refuses it.
#[test]
fn a_digest_cut_mid_event_is_reported_at_its_last_line() {
    let t = TempDir::new("cut-mid-event");
    let digest = digest_text();
    let lines: Vec<&str> = digest.lines().take(110).collect();
    assert!(lines[109].starts_with("The event was held in the format of a holiday"));
    // Cut inside the line: "The event was held in the format of a".
    let last = &lines[109][.."The event was held in the format of a".len()];
    let text = format!("{}\n{last}\n", lines[..109].join("\n"));
    std::fs::write(t.corpus().join("cut.txt"), text).unwrap();
    let out = t.0.join("archive.json");
    std::fs::write(&out, "previous archive").unwrap();
    let (code, stderr) = run_ingest(&[&t.corpus(), Path::new("-o"), &out, Path::new("--strict")]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("line 110: the text ends here inside an event, mid-sentence and without its source link"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Kazakhstan (KZ): the release declares 21 events, 3 were found"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous archive");
}

#[test]
fn strict_refuses_a_damaged_digest() {
    let t = TempDir::new("strict");
    t.copy_corpus();
    let digest = t.corpus().join("000_b91b7f1020883290.txt");
    let text = std::fs::read_to_string(&digest).unwrap();
    // Cut the digest after the Kyrgyz section: Russia and Tajikistan lost.
    let cut = text.find("RUSSIAN FEDERATION\n\n**DRUG POLICE").unwrap();
    std::fs::write(&digest, &text[..cut]).unwrap();
    let out = t.0.join("archive.json");
    std::fs::write(&out, "previous archive").unwrap();
    let (code, stderr) = run_ingest(&[&t.corpus(), Path::new("-o"), &out, Path::new("--strict")]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("Russia (RU): the release declares 8 events, 0 were found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Tajikistan (TJ): the release declares 2 events, 0 were found"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous archive");
    // Without --strict the differences are reported and the archive written.
    let (code, stderr) = run_ingest(&[&t.corpus(), Path::new("-o"), &out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2 difference(s) from declared counts"),
        "{stderr}"
    );
}

#[test]
fn windows_1251_news_is_decoded_and_reported() {
    let t = TempDir::new("cp1251");
    let text = "date 2025-03-04\nИтоги операции в Бишкеке\n\nВ Бишкеке 3 марта задержали курьера с героином.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    std::fs::write(t.corpus().join("news.txt"), &bytes).unwrap();
    let out = t.0.join("archive.json");
    let (code, stderr) = run_ingest(&[&t.corpus(), Path::new("-o"), &out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the file is windows-1251, not UTF-8"),
        "{stderr}"
    );
    let archive = std::fs::read_to_string(&out).unwrap();
    assert!(archive.contains("Итоги операции в Бишкеке"));
}

/// Found by fuzzing (`fuzz/`, target `ingest`): a news item dated 1147 was
/// ingested into an archive whose reader then left it out. Dates outside the
/// years an archive may hold (1990-2100) are refused for a release and
/// ignored for an event, which then takes the release's date.
#[test]
fn dates_outside_the_archive_years_are_refused_or_ignored() {
    let news =
        |date: &str, text: &str| format!("date {date}\nИтоги операции в Бишкеке\n\n{text}\n");
    for date in ["1147-01-20", "1989-12-31", "2101-01-01"] {
        let err = ingest::parse_text(
            "news.txt",
            &news(date, "В Бишкеке задержали курьера с героином."),
        )
        .unwrap_err();
        assert!(
            err.message.contains(date) && err.message.contains("1990-2100"),
            "{date}: {err:?}"
        );
    }
    // A digest whose cover period is 1985.
    let digest = std::fs::read_to_string(root().join("corpus/000_b91b7f1020883290.txt")).unwrap();
    assert!(digest.contains(".2025"));
    let old = digest.replacen("2025", "1985", 3);
    let err = ingest::parse_text("digest.txt", &old).unwrap_err();
    assert!(
        err.message.contains("1985") && err.message.contains("1990-2100"),
        "{err:?}"
    );

    // 20 December before news of 10 January 1990 is 1989: not a date the
    // archive holds, so the event keeps the news item's own date.
    let parsed = ingest::parse_text(
        "news.txt",
        &news(
            "1990-01-10",
            "В Бишкеке 20 декабря задержали курьера с героином.",
        ),
    )
    .unwrap();
    assert_eq!(
        parsed.release.events[0].date.start.to_string(),
        "1990-01-10"
    );
    check_release(&parsed);
    let parsed = ingest::parse_text(
        "news.txt",
        &news(
            "1990-03-10",
            "В Бишкеке 20 февраля задержали курьера с героином.",
        ),
    )
    .unwrap();
    assert_eq!(
        parsed.release.events[0].date.start.to_string(),
        "1990-02-20"
    );
    check_release(&parsed);
}

/// Found by fuzzing (`fuzz/`, target `ingest`): a source link whose host has
/// a Cyrillic letter at its fourth byte (`polяia.kz`) panicked the link check.
#[test]
fn a_link_host_with_a_cyrillic_letter_does_not_panic() {
    let digest = std::fs::read_to_string(root().join("corpus/000_b91b7f1020883290.txt")).unwrap();
    assert!(digest.contains("https://polisia.kz/"));
    let damaged = digest.replace("https://polisia.kz/", "https://polяia.kz/");
    let parsed = ingest::parse_text("digest.txt", &damaged).unwrap();
    assert!(parsed.release.events.iter().any(|e| e
        .source_url
        .as_deref()
        .is_some_and(|u| u.contains("polяia.kz"))));
    check_release(&parsed);
}
