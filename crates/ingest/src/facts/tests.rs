use super::*;
use proptest::prelude::*;

/// `(substance, kg)` of the weights seized in a body of paragraphs.
fn seized_in(paragraphs: &[&str]) -> Vec<(String, f64)> {
    let body: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    extract("", &body)
        .seized
        .into_iter()
        .map(|s| (s.substance, s.kg))
        .collect()
}

fn seized(text: &str) -> Vec<(String, f64)> {
    seized_in(&[text])
}

fn pairs(want: &[(&str, f64)]) -> Vec<(String, f64)> {
    want.iter().map(|&(s, kg)| (s.to_string(), kg)).collect()
}

fn counts(text: &str) -> Vec<(String, f64)> {
    extract("", &[text.to_string()])
        .counts
        .into_iter()
        .map(|c| (c.what, c.n))
        .collect()
}

#[test]
fn english_weights_seized() {
    for (text, want) in [
        (
            "About 6 tons of drugs, including more than 2 kg of synthetic substances, were seized.",
            &[("unspecified", 6000.0), ("synthetic", 2.0)][..],
        ),
        (
            "Earlier, the Federal Security Service together with customs seized a shipment of 570 kilograms of cocaine.",
            &[("cocaine", 570.0)],
        ),
        (
            "Law enforcement agencies detected 366 drug crimes, 1 ton 208 kg of narcotic drugs were seized.",
            &[("unspecified", 1208.0)],
        ),
        ("Customs officers seized 1,200 kg of hashish at the border.", &[("hashish", 1200.0)]),
        (
            "In 2024, 15 kg of methamphetamine and 300 g of mephedrone were seized in Osh.",
            &[("methamphetamine", 15.0), ("mephedrone", 0.3)],
        ),
        ("Heroin weighing 5.2 kg was found in the car.", &[("heroin", 5.2)]),
        (
            "A courier was detained with 350 grams of heroin in his luggage, which was seized.",
            &[("heroin", 0.35)],
        ),
        ("Police seized 12 kg and 500 g of raw opium.", &[("opium", 12.5)]),
        ("Since January 3.3 tons of drugs were seized.", &[("unspecified", 3300.0)]),
        ("Officers confiscated 1,250,000 grams of poppy straw.", &[("opium", 1250.0)]),
        ("Police seized about 7.5 thousand kg of precursors.", &[("precursors", 7500.0)]),
    ] {
        assert_eq!(seized(text), pairs(want), "{text}");
    }
}

#[test]
fn russian_weights_seized() {
    for (text, want) in [
        (
            "Изъято свыше 536 кг наркотических средств, в том числе почти 55 кг «синтетики».",
            &[("unspecified", 536.0), ("synthetic", 55.0)][..],
        ),
        (
            "В ходе обыска было изъято 3 кг гашиша и 2,5 кг сушеной марихуаны.",
            &[("hashish", 3.0), ("cannabis", 2.5)],
        ),
        (
            "Пограничники изъяли 30 тонн прекурсоров.",
            &[("precursors", 30000.0)],
        ),
        (
            "За 3 года и 10 месяцев было изъято 260 кг синтетических наркотиков.",
            &[("synthetic", 260.0)],
        ),
        (
            "У задержанного обнаружено 1,5 кг героина.",
            &[("heroin", 1.5)],
        ),
        ("Изъято 1 т 208 кг опия.", &[("opium", 1208.0)]),
        (
            "Сотрудники таможни изъяли героин массой 2,35 кг.",
            &[("heroin", 2.35)],
        ),
        ("Всего изъято 12 500 кг гашиша.", &[("hashish", 12500.0)]),
        // A stop before three digits groups thousands in Russian.
        (
            "Было изъято 1.300 кг наркотических веществ.",
            &[("unspecified", 1300.0)],
        ),
        (
            "При досмотре изъято 450 граммов мефедрона.",
            &[("mephedrone", 0.45)],
        ),
        // «г.» after a year is the year, not grams.
        (
            "27-28 ноября 2024 г. в Ашхабаде изъято 5 кг кокаина.",
            &[("cocaine", 5.0)],
        ),
        (
            "В машине нашли и изъяли 2 килограмма амфетамина.",
            &[("amphetamine", 2.0)],
        ),
    ] {
        assert_eq!(seized(text), pairs(want), "{text}");
    }
}

#[test]
fn small_numbers_written_as_words() {
    assert_eq!(
        seized("Police seized two kilograms of heroin."),
        pairs(&[("heroin", 2.0)])
    );
    assert_eq!(
        seized("Изъято полторы тонны гашиша."),
        pairs(&[("hashish", 1500.0)])
    );
    assert_eq!(
        seized("Изъято два килограмма кокаина."),
        pairs(&[("cocaine", 2.0)])
    );
    assert_eq!(
        counts("Police destroyed five plants."),
        pairs(&[("plants", 5.0)])
    );
    // Other words stay words.
    assert_eq!(
        seized("One of the couriers was detained; no drugs were seized."),
        []
    );
}

#[test]
fn parts_of_a_weight_say_so() {
    let parts = |text: &str| -> Vec<(f64, Option<usize>)> {
        let body = vec![
            "Police seized 5 kg of heroin in Osh.".to_string(),
            text.to_string(),
        ];
        extract("", &body)
            .seized
            .into_iter()
            .map(|s| (s.kg, s.part_of))
            .collect()
    };
    assert_eq!(
        parts(
            "About 6 tons of drugs, including more than 2 kg of synthetic substances, were seized."
        ),
        [(5.0, None), (6000.0, None), (2.0, Some(1))]
    );
    assert_eq!(
        parts("Изъято свыше 536 кг наркотических средств, в том числе почти 55 кг «синтетики»."),
        [(5.0, None), (536.0, None), (55.0, Some(1))]
    );
    assert_eq!(
        parts("Изъято более 15 тонн наркотиков, из них 1,2 тонны героина и 350 кг гашиша."),
        [
            (5.0, None),
            (15000.0, None),
            (1200.0, Some(1)),
            (350.0, Some(1))
        ]
    );
    assert_eq!(
        parts("Изъято 536 кг наркотиков, в т.ч. 55 кг синтетики."),
        [(5.0, None), (536.0, None), (55.0, Some(1))]
    );
    // Weights side by side are not parts of each other.
    assert_eq!(
        parts("В ходе обыска было изъято 3 кг гашиша и 2,5 кг сушеной марихуаны."),
        [(5.0, None), (3.0, None), (2.5, None)]
    );
}

#[test]
fn several_weights_in_one_sentence() {
    for (text, want) in [
        (
            "Police seized over 1.2 tonnes of drugs, including 800 kg of hashish, 300 kg of heroin and 100 kg of synthetic drugs.",
            &[("unspecified", 1200.0), ("hashish", 800.0), ("heroin", 300.0), ("synthetic", 100.0)][..],
        ),
        (
            "Всего с начала года изъято более 15 тонн наркотиков, из них 1,2 тонны героина и 350 кг гашиша.",
            &[("unspecified", 15000.0), ("heroin", 1200.0), ("hashish", 350.0)],
        ),
        ("В ходе операции изъято 10 кг 500 г гашиша.", &[("hashish", 10.5)]),
        ("During the operation police seized 2 kilograms 300 grams of hashish.", &[("hashish", 2.3)]),
        ("A total of 125.5 kg of narcotics were withdrawn from illicit circulation.", &[("unspecified", 125.5)]),
        ("Изъято 1,5 кг наркотиков синтетического происхождения.", &[("synthetic", 1.5)]),
        ("У него обнаружены 2 свертка с героином массой 5 г.", &[("heroin", 0.005)]),
        ("Officers seized 3 packages containing 1,5 kg of heroin.", &[("heroin", 1.5)]),
    ] {
        assert_eq!(seized(text), pairs(want), "{text}");
    }
    assert_eq!(
        counts("Изъято 1000 штук таблеток трамадола."),
        pairs(&[("tablets", 1000.0)])
    );
}

#[test]
fn numbers_as_each_language_writes_them() {
    for (text, kg) in [
        ("Police seized 2,345 kg of heroin.", 2345.0),
        ("Police seized 0.5 kg of heroin.", 0.5),
        ("Police seized 5000 kg of heroin.", 5000.0),
        ("Police seized 1.5 tons of heroin.", 1500.0),
        ("Police seized a 5-kilogram bag of heroin.", 5.0),
        ("Police seized 5-6 kg of heroin.", 6.0),
        ("Изъято 0,5 кг героина.", 0.5),
        ("Изъято 1,5 тонны героина.", 1500.0),
        ("Изъято 12.000 кг героина.", 12000.0),
        ("Изъято 1 200,5 кг героина.", 1200.5),
        ("Изъято 5\u{a0}000 кг героина.", 5000.0),
        ("Изъято 1,2 тыс. кг героина.", 1200.0),
        ("Изъято 250 мг героина.", 0.00025),
    ] {
        assert_eq!(seized(text), pairs(&[("heroin", kg)]), "{text}");
    }
}

#[test]
fn doubtful_quantities_are_marked() {
    let doubtful = |text: &str| -> Vec<(f64, Option<String>)> {
        extract("", &[text.to_string()])
            .seized
            .into_iter()
            .map(|s| (s.kg, s.doubtful))
            .collect()
    };
    assert_eq!(
        doubtful("Police seized 1 ton 208 kg of heroin."),
        [(1208.0, None)]
    );
    assert_eq!(
        doubtful("Police seized 1 ton 2083 kg of heroin."),
        [(3083.0, Some("glued".to_string()))]
    );
    assert_eq!(
        doubtful("Изъято 250 тонн гашиша."),
        [(250_000.0, Some("implausible".to_string()))]
    );
    assert_eq!(doubtful("Изъято 30 тонн гашиша."), [(30_000.0, None)]);
}

#[test]
fn words_of_seizure_in_both_languages() {
    for text in [
        "A man was detained with 2 kg of heroin in Osh.",
        "Customs officers found 2 kg of heroin in a truck.",
        "В Бишкеке задержан гражданин, у которого при себе было 2 кг героина.",
        "Из незаконного оборота выведено 2 кг героина.",
        "Пресечена попытка контрабанды 2 кг героина.",
    ] {
        assert_eq!(seized(text), pairs(&[("heroin", 2.0)]), "{text}");
    }
    for text in [
        "The court sentenced him for selling 2 kg of heroin last year.",
        "Уничтожено 2 кг героина, изъятого ранее по уголовным делам.",
    ] {
        assert_eq!(seized(text), [], "{text}");
    }
}

#[test]
fn a_number_split_by_a_line_break_is_one_number() {
    let want = pairs(&[("unspecified", 47.0), ("synthetic", 2.5)]);
    // Across paragraphs (a page break), and within one.
    assert_eq!(
        seized_in(&[
            "Since the beginning of the year, almost 47 kilograms of drugs, including 2.",
            "5 kilograms of synthetics, have been seized."
        ]),
        want
    );
    assert_eq!(
        seized("Almost 47 kilograms of drugs, including 2. 5 kilograms of synthetics, have been seized."),
        want
    );
    assert_eq!(
        seized("Изъято почти 47 кг наркотиков, в том числе 2,\n5 кг «синтетики»."),
        want
    );
    // The quote is the whole sentence, white space normalised.
    let body = vec![
        "Police seized 2.".to_string(),
        "5 kilograms of   heroin. Then more.".to_string(),
    ];
    let facts = extract("", &body);
    assert_eq!(
        facts.seized[0].quote,
        "Police seized 2. 5 kilograms of heroin."
    );
    assert_eq!(facts.seized[0].kg, 2.5);
}

#[test]
fn counts_and_destroyed_crops_are_not_weights_seized() {
    assert_eq!(seized("Police destroyed 3,500 cannabis plants."), []);
    assert_eq!(
        counts("Police destroyed 3,500 cannabis plants."),
        pairs(&[("plants", 3500.0)])
    );
    assert_eq!(
        seized("More than 1000 tons of wild cannabis were destroyed."),
        []
    );
    assert_eq!(
        seized("Police destroyed 3,500 cannabis plants and seized 12 kg of marijuana."),
        pairs(&[("cannabis", 12.0)])
    );
    assert_eq!(
        counts(
            "Also, 1 million 218 thousand wild growing narcotic plants were destroyed by burning."
        ),
        pairs(&[("plants", 1_218_000.0)])
    );
    assert_eq!(
        counts("Уничтожено 1 200 кустов дикорастущей конопли."),
        pairs(&[("plants", 1200.0)])
    );
    assert_eq!(
        counts("Изъято 12 000 таблеток трамадола."),
        pairs(&[("tablets", 12000.0)])
    );
    assert_eq!(seized("Изъято 12 000 таблеток трамадола."), []);
    // Cases, crimes and people are no counts of things.
    assert_eq!(
        counts("Кроме того, выявлено 17 фактов культивирования наркосодержащих растений."),
        []
    );
    assert_eq!(
        seized("Выявлено 629 правонарушений, задержано 92 человека."),
        []
    );
    // Weights without a word of seizure are not reported seized.
    assert_eq!(
        seized("The laboratory could produce up to 100 kg of mephedrone a month."),
        []
    );
    assert_eq!(seized("A fine of 4 to 5 thousand rubles."), []);
}

#[test]
fn topics_substances_and_places() {
    let f = extract(
        "POLICE DISMANTLED A DRUG LABORATORY IN OSH REGION",
        &["Police in Osh region detained two men and dismantled a clandestine laboratory producing mephedrone in Bishkek. 3 kg of mephedrone were seized.".to_string()],
    );
    assert_eq!(f.topics, ["seizure", "arrest", "laboratory"]);
    assert_eq!(f.substances, ["mephedrone"]);
    assert_eq!(f.places, ["Osh Region", "Bishkek"]);

    let f = extract(
        "Контролируемая поставка",
        &["В ходе контролируемой поставки в Душанбе задержан курьер, у которого изъято 4 кг гашиша. В Хатлонской области проведены профилактические лекции.".to_string()],
    );
    assert_eq!(
        f.topics,
        ["seizure", "arrest", "controlled-delivery", "prevention"]
    );
    assert_eq!(f.substances, ["hashish"]);
    assert_eq!(f.places, ["Dushanbe", "Khatlon Region"]);
    assert_eq!(f.seized[0].kg, 4.0);

    let f = extract(
        "",
        &["В Согдийской области уничтожено 1 200 кустов дикорастущей конопли, ликвидирована лаборатория по производству мефедрона.".to_string()],
    );
    assert_eq!(f.topics, ["laboratory", "eradication"]);
    assert_eq!(f.substances, ["cannabis", "mephedrone"]);
    assert_eq!(f.places, ["Sughd Region"]);

    // Nothing to find.
    let f = extract("", &[]);
    assert_eq!(f, Facts::default());
}

#[test]
fn sentences_are_cut_at_stops_before_capitals_not_in_numbers_or_initials() {
    let body = vec![
        "Named after Sh. Kabyldaev. 3.3 tons were seized! Next one? Yes.".to_string(),
        "It cost 2.5 million. Им. аль-Фараби.".to_string(),
    ];
    assert_eq!(
        sentences(&body),
        [
            "Named after Sh. Kabyldaev.",
            "3.3 tons were seized!",
            "Next one?",
            "Yes.",
            "It cost 2.5 million.",
            "Им. аль-Фараби."
        ]
    );
}

proptest! {
    #[test]
    fn extraction_never_panics(
        title in "\\PC{0,40}",
        body in proptest::collection::vec(
            "([0-9]{1,4}|[ .,\u{a0}\n]|kg|tons?|g|кг|тонн|г\\.|тыс\\.|million|of|heroin|героина|seized|изъято|destroyed|plants|«|»|Osh|[a-zа-я]{1,6}|\\PC)*",
            0..4
        ),
    ) {
        let facts = extract(&title, &body);
        for s in &facts.seized {
            prop_assert!(s.kg.is_finite() && s.kg > 0.0);
            prop_assert!(SUBSTANCES.contains(&s.substance.as_str()));
        }
    }

    /// Sentences read the same from a paragraph as from the paragraph with
    /// its white space normalised character by character (each run of
    /// white space other than the no-break ones one space): whether the
    /// paragraph is copied whole or its runs collapsed on the way.
    #[test]
    fn sentences_normalise_white_space(
        body in proptest::collection::vec(
            "([0-9]{1,3}|[ .!?…,\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}]|kg|кг|«|»|—|Osh|[a-zA-Zа-яА-Я]{1,6}|\\PC)*",
            0..4
        ),
    ) {
        let normalised: Vec<String> = body
            .iter()
            .map(|p| {
                let mut out = String::new();
                let mut space = false;
                for c in p.trim().chars() {
                    if c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}') {
                        space = true;
                    } else {
                        if space {
                            out.push(' ');
                            space = false;
                        }
                        out.push(c);
                    }
                }
                out
            })
            .collect();
        prop_assert_eq!(sentences(&body), sentences(&normalised));
        prop_assert_eq!(split_sentences(&body, true), split_sentences(&normalised, true));
    }

    /// A text may state a quantity when it has a digit or one of the
    /// beginnings of the words of weight and plants anywhere.
    #[test]
    fn may_quantify_finds_digits_and_words(
        text in "([0-9]|[ .,«»—’]|kilo|ton|gram|plant|кило|куст|грамм|тонн|растени|[ktgpкгтрё]|[a-zа-я]{1,4}|\\PC)*",
    ) {
        let words = ["kilo", "ton", "gram", "plant", "кило", "куст", "грамм", "тонн", "растени"];
        let want = text.bytes().any(|b| b.is_ascii_digit()) || words.iter().any(|w| text.contains(w));
        prop_assert_eq!(may_quantify(&text), want);
    }

    /// The tokenizer's letter tests are Unicode's.
    #[test]
    fn letter_tests_are_unicode(c in prop_oneof![any::<char>(), "[a-zA-Z0-9ѐ-џµªº]"
        .prop_map(|s| s.chars().next().unwrap_or('a'))]) {
        prop_assert_eq!(number::is_alphabetic(c), c.is_alphabetic());
        prop_assert_eq!(number::is_alphanumeric(c), c.is_alphanumeric());
    }
}
