//! The mirror's guidance topics as spreadsheets, in the same spirit as XLSForm: an office writes
//! its own "where is counter 3" in a workbook, and downloads a published topic to edit it.
//!
//! Sheets: `settings` (`topic_id`, `sign`, `title::<language> (<code>)`, `summary::…`) and `steps`
//! (`name`, `text::…`, `media::video` → the step's sign clip, `media::audio::…` → a recorded
//! prompt). Problems name the sheet, the row and the column.

use crate::publish::{FormUpload, Kind, Problem};
use crate::xlsform::{ftl_value, lang_header, open_book, own_text, Media, Table, Texts};
use crate::xlsx::Sheet;
use calamine::Reader;
use minwon_core::topic::{Topic, TopicStep};
use minwon_core::{Locale, Localizer};
use std::collections::BTreeMap;

/// Whether a workbook is a topic (it has a `steps` sheet) rather than an XLSForm.
pub fn is_topic(bytes: &[u8]) -> bool {
    open_book(bytes).map(|b| b.sheet_names().iter().any(|n| n == "steps")).unwrap_or(false)
}

fn plain(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('-') && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A topic workbook and the media uploaded with it → an upload for the draft.
pub fn import(
    bytes: &[u8],
    attachments: &BTreeMap<String, Vec<u8>>,
    known_clip: impl Fn(&str) -> bool,
) -> Result<FormUpload, Vec<Problem>> {
    let mut book = open_book(bytes)?;
    let settings = Table::required(&mut book, "settings")?;
    let steps = Table::required(&mut book, "steps")?;
    let mut problems = Vec::new();
    for (table, prefix) in [(&settings, "title"), (&settings, "summary"), (&steps, "text"), (&steps, "media::audio")] {
        for (h, l) in table.languages(prefix) {
            if l.is_none() {
                problems.push(table.problem("xlsform.language", 1, Some(&h), "a language this kiosk does not have"));
            }
        }
    }
    let (srow, set) = settings.rows.first().cloned().unwrap_or((2, Vec::new()));
    let id = settings.get(&set, "topic_id").to_owned();
    if !plain(&id) {
        problems.push(settings.problem(
            "xlsform.form-id",
            srow,
            Some("topic_id"),
            "a topic id of lowercase letters, digits and hyphens",
        ));
    }
    let title = settings.texts(&set, "title");
    let summary = settings.texts(&set, "summary");
    if !title.contains_key(&Locale::FALLBACK) {
        problems.push(settings.problem(
            "xlsform.label-missing",
            srow,
            Some("title::한국어 (ko)"),
            "the topic needs a Korean title",
        ));
    }
    let mut found = Media::new(attachments, known_clip);
    let sign = found.video(&settings, srow, settings.get(&set, "sign"), &mut problems).unwrap_or(format!("topic-{id}"));
    let mut topic_steps = Vec::new();
    let mut texts: Vec<(String, Texts)> = vec![(format!("mirror-topic-{id}"), title.clone())];
    let mut audio: Vec<(Locale, String, String)> = Vec::new();
    for (row, cells) in &steps.rows {
        let name = steps.get(cells, "name");
        if !plain(name) || topic_steps.iter().any(|s: &TopicStep| s.id == name) {
            problems.push(steps.problem(
                "xlsform.name",
                *row,
                Some("name"),
                "a step name of lowercase letters, digits and hyphens, once",
            ));
            continue;
        }
        let text = steps.texts(cells, "text");
        if !text.contains_key(&Locale::FALLBACK) {
            problems.push(steps.problem(
                "xlsform.label-missing",
                *row,
                Some("text::한국어 (ko)"),
                "every step needs a Korean text",
            ));
        }
        let video = steps.get(cells, "media::video");
        let sign = found.video(&steps, *row, video, &mut problems).unwrap_or(format!("topic-{id}-{name}"));
        let message = format!("mirror-topic-{id}-step-{name}");
        for (l, file) in steps.texts(cells, "media::audio") {
            audio.push((l, message.clone(), file));
        }
        texts.push((message, text));
        topic_steps.push(TopicStep { id: name.to_owned(), sign });
    }
    if topic_steps.is_empty() && problems.is_empty() {
        problems.push(steps.problem("xlsform.empty", 2, None, "the topic has no steps"));
    }
    for (locale, message, file) in audio {
        found.audio(locale, &message, &file, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let topic = Topic { id: id.clone(), sign, steps: topic_steps };
    let toml = toml::to_string(&topic).map_err(|e| vec![Problem::new("topic.invalid", e.to_string())])?;
    Topic::parse("upload", &toml).map_err(|e| vec![Problem::new("topic.invalid", e.to_string())])?;
    let mut languages: Vec<Locale> =
        steps.languages("text").into_iter().chain(settings.languages("title")).filter_map(|(_, l)| l).collect();
    languages.sort();
    languages.dedup();
    let texts = languages
        .into_iter()
        .map(|l| {
            let mut ftl = String::new();
            for (i, (message, by_locale)) in texts.iter().enumerate() {
                if let Some(v) = by_locale.get(&l) {
                    ftl.push_str(&format!("{message} = {}\n", ftl_value(v)));
                }
                if i == 0 {
                    if let Some(s) = summary.get(&l) {
                        ftl.push_str(&format!("    .summary = {}\n", ftl_value(s)));
                    }
                }
            }
            (l, ftl)
        })
        .collect();
    Ok(FormUpload {
        kind: Kind::Topic,
        form_toml: toml,
        texts,
        media: found.files,
        clips: found.clips,
        warnings: vec![],
    })
}

/// A topic and its texts as a workbook.
pub fn export(topic: &Topic, l10n: &Localizer) -> std::io::Result<Vec<u8>> {
    let own = |l: Locale, id: &str| own_text(l10n, l, id);
    let mut head = vec!["topic_id".to_owned(), "sign".to_owned()];
    head.extend(Locale::ALL.iter().map(|l| lang_header("title", *l)));
    head.extend(Locale::ALL.iter().map(|l| lang_header("summary", *l)));
    let mut row = vec![topic.id.clone(), format!("{}.webp", topic.sign)];
    row.extend(Locale::ALL.iter().map(|l| own(*l, &topic.title_id())));
    row.extend(Locale::ALL.iter().map(|l| own(*l, &topic.summary_id())));
    let mut steps_head = vec!["name".to_owned(), "media::video".to_owned()];
    steps_head.extend(Locale::ALL.iter().map(|l| lang_header("text", *l)));
    let mut steps = vec![steps_head];
    for s in &topic.steps {
        let mut r = vec![s.id.clone(), format!("{}.webp", s.sign)];
        r.extend(Locale::ALL.iter().map(|l| own(*l, &topic.step_id(s))));
        steps.push(r);
    }
    crate::xlsx::write(&[
        Sheet { name: "settings".into(), rows: vec![head, row] },
        Sheet { name: "steps".into(), rows: steps },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_topic_round_trips_and_an_office_writes_its_own_counter() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let tree = crate::publish::check_tree(&root).expect("the shipped assets pass");
        let mut sources = Vec::new();
        for e in std::fs::read_dir(root.join("assets/topics")).expect("topics").flatten() {
            sources.push((
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("reads"),
            ));
        }
        let topics =
            minwon_core::topic::parse_topics(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("valid");
        for t in &topics {
            let book = export(t, &tree.l10n).expect("exports");
            assert!(is_topic(&book));
            let upload = import(&book, &BTreeMap::new(), |_| true).unwrap_or_else(|p| panic!("{}: {p:?}", t.id));
            assert_eq!(&Topic::parse("back", &upload.form_toml).expect("valid"), t);
            assert_eq!(upload.texts.len(), 5, "{}: every language", t.id);
            let vi = &upload.texts.iter().find(|(l, _)| *l == Locale::Vi).expect("vi").1;
            let l = Localizer::new([(Locale::Ko, "k", "x = y\n"), (Locale::Vi, "mirror.ftl", vi.as_str())])
                .expect("valid FTL");
            assert_eq!(l.format(Locale::Vi, &t.summary_id(), &[]), tree.l10n.format(Locale::Vi, &t.summary_id(), &[]));
        }

        // A new topic of an office's own, with a clip; and a broken one, located.
        let sheet = |name: &str, rows: Vec<Vec<&str>>| Sheet {
            name: name.into(),
            rows: rows.into_iter().map(|r| r.into_iter().map(String::from).collect()).collect(),
        };
        let book = crate::xlsx::write(&[
            sheet(
                "settings",
                vec![
                    vec!["topic_id", "title::한국어 (ko)", "title::English (en)"],
                    vec!["counter-7", "7번 창구", "Counter 7"],
                ],
            ),
            sheet(
                "steps",
                vec![
                    vec!["name", "text::한국어 (ko)", "text::English (en)", "media::video"],
                    vec!["go", "2층으로 올라가세요.", "Go up to the 2nd floor.", "up.webp"],
                ],
            ),
        ])
        .expect("writes");
        let clip = b"RIFF....WEBPVP8 ".to_vec();
        let upload = import(&book, &[("up.webp".to_owned(), clip)].into_iter().collect(), |_| false).expect("imports");
        let topic = Topic::parse("t", &upload.form_toml).expect("valid");
        assert_eq!((topic.steps[0].id.as_str(), topic.steps[0].sign.as_str()), ("go", "up"));
        assert_eq!(upload.clips, [("ksl".to_owned(), "up".to_owned(), "up.webp".to_owned())]);
        let broken = crate::xlsx::write(&[
            sheet("settings", vec![vec!["topic_id", "title::한국어 (ko)"], vec!["counter-7", "7번 창구"]]),
            sheet("steps", vec![vec!["name", "text::한국어 (ko)"], vec!["go", "가세요"], vec!["Go Up", ""]]),
        ])
        .expect("writes");
        let p = import(&broken, &BTreeMap::new(), |_| false).expect_err("refused");
        assert_eq!(
            (p[0].code, p[0].sheet.as_deref(), p[0].row, p[0].column.as_deref()),
            ("xlsform.name", Some("steps"), Some(3), Some("A (name)"))
        );
    }
}
