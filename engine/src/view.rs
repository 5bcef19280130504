//! What the front end shows: the session rendered into texts, in the visitor's language.
//!
//! **API Boundary**: these types (and `api::Action`, `api::ApiError`) are the
//! only ones serialised toward a front end. Every text is already formatted
//! from Fluent; a front end lays it out and never decides what it says.

use minwon_core::form::{Field, FieldKind, Form, Step};
use minwon_core::i18n::Arg;
use minwon_core::keyboard::{self, Layout};
use minwon_core::session::{Screen, SpeechRate, TextSize};
use minwon_core::validate::Address;
use minwon_core::{Answer, Locale, Localizer, Provenance, Session, Timestamp};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// Changes whenever the screen must be drawn again.
    pub seq: u64,
    pub screen: &'static str,
    pub locale: &'static str,
    /// The BCP 47 language of the texts (for `lang`): easy Korean is `ko`.
    pub lang: &'static str,
    pub text_size: TextSize,
    pub high_contrast: bool,
    pub low_position: bool,
    pub voice_mode: bool,
    /// The screen's heading.
    pub title: String,
    pub body: Body,
    pub nav: Nav,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<Warning>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_cancel: Option<Confirm>,
    pub controls: Controls,
    /// What is being said now, as captions, and the sign-language clip for it.
    pub guidance: GuidanceView,
    /// Shown when staff were called from this screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_called: Option<String>,
    /// Spoken guidance is limited or silent (speech-dispatcher or the sound output failing),
    /// shown on the welcome screen and in voice mode, so a companion or staff can tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_notice: Option<String>,
    /// The on-screen keyboards, on a screen with a box to type into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyboard: Option<KeyboardView>,
    /// What the key just pressed did (only in the answer to that key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typed: Option<TypedView>,
    /// What the address book found for the search box just typed into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addresses: Option<AddressesView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuidanceView {
    /// The clip id (the sign-language manifest maps it to a file).
    pub clip: String,
    /// Everything said for this moment, as text: captions are always on.
    pub caption: String,
    /// The sign-language clip for this moment, when the kiosk has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign: Option<SignView>,
}

/// A clip to play: its frames are at `clips/<language>/<clip>/<n>.png`.
#[derive(Debug, Clone, Serialize)]
pub struct SignView {
    pub language: String,
    /// The sign language's name, e.g. 한국수어.
    pub language_name: String,
    pub frames: usize,
    pub delays_ms: Vec<u32>,
    pub width: u32,
    pub height: u32,
    /// Shown over a sample clip ("sample, not sign language").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    pub replay: String,
    pub slow: String,
    pub full: String,
    /// The one button the signer folds into on a typing step at large text ("sign language").
    pub show: String,
}

/// Buttons present on the screen (absent ones are `None`).
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    pub back: Option<String>,
    pub next: Option<String>,
    pub cancel: Option<String>,
}

/// Display controls available on every screen.
#[derive(Debug, Clone, Serialize)]
pub struct Controls {
    pub text_size: String,
    pub text_sizes: Vec<Choice>,
    pub contrast: String,
    pub low_position: String,
    pub call_staff: String,
    pub speech: SpeechControls,
}

/// Speech controls: rate, volume, repeat and help.
#[derive(Debug, Clone, Serialize)]
pub struct SpeechControls {
    pub label: String,
    pub rates: Vec<Choice>,
    pub volume: u8,
    pub volume_label: String,
    pub quieter: String,
    pub louder: String,
    pub repeat: String,
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub title: String,
    pub text: String,
    pub seconds_left: u64,
    pub more_time: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Confirm {
    pub title: String,
    pub yes: String,
    pub no: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorText {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub id: String,
    pub kind: FieldKind,
    pub label: String,
    pub required: bool,
    /// "Optional", shown beside the label of a field that may stay empty.
    pub optional_text: Option<String>,
    /// The current answer, in the shape the front end sends back.
    pub value: Option<Answer>,
    pub provenance: Option<Provenance>,
    pub provenance_text: Option<String>,
    pub error: Option<ErrorText>,
    /// The field's own hint (XLSForm `hint` on a question inside a group), if it has one.
    pub hint: Option<String>,
    /// The choices offered now (a `choice_filter` narrows them as earlier answers change).
    pub choices: Vec<Choice>,
    /// Labels of the parts of composite inputs (date, address, consent, photo).
    pub parts: Vec<Choice>,
    pub max_length: Option<u32>,
    /// A resident registration number: its back seven digits are shown as ● until the visitor
    /// asks to see them (`show` is that button's text).
    pub masked: Option<Masked>,
    /// For a photo field: the face read from the chip, as a `data:` URL (memory only, never stored).
    pub image: Option<String>,
    /// The field's boxes that are typed into, each with the keyboards it offers.
    pub boxes: Vec<BoxView>,
}

/// A box to type into: its element id (`f-surname`, `f-birth-date-year`, `f-resident-number-back`),
/// the part of its field it holds, its keyboards (the first shown first) and its length.
#[derive(Debug, Clone, Serialize)]
pub struct BoxView {
    pub input: String,
    pub part: Option<String>,
    pub layouts: Vec<Layout>,
    pub limit: Option<usize>,
}

/// The on-screen keyboards a screen with boxes to type into draws: the keys of each, and the
/// words of the keys that are not characters.
#[derive(Debug, Clone, Serialize)]
pub struct KeyboardView {
    pub layouts: Vec<LayoutView>,
    pub shift: String,
    pub space: String,
    pub backspace: String,
    /// "Keyboard", naming the region.
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayoutView {
    pub layout: Layout,
    /// The switch's label (한글, ABC, 123) and what a screen reader says for it.
    pub label: String,
    pub switch_name: String,
    pub rows: Vec<Vec<minwon_core::keyboard::Key>>,
    pub specials: Vec<minwon_core::keyboard::Key>,
}

/// The addresses found for what the visitor typed in an address field's search box: at most five,
/// each with the words to show and say, and what to tell her when there are none or more.
#[derive(Debug, Clone, Serialize)]
pub struct AddressesView {
    pub input: String,
    pub text: String,
    pub found: Vec<AddressFound>,
    /// "More addresses match: type more of it", "Nothing found: …", or none.
    pub note: Option<String>,
    /// Shown when the addresses are a sample set, not real ones.
    pub sample: Option<String>,
    /// How many were found ("찾은 주소 5개"), first under the search box; and the same saying the
    /// pager's "more" shows them, for when they are on the next page (at 200% in low position).
    pub count: Option<String>,
    pub count_next: Option<String>,
}

/// One address found: what fills the field when it is picked, and its words in the visitor's
/// language (Roman for a visitor who reads English, Vietnamese or Chinese, when the set has them).
#[derive(Debug, Clone, Serialize)]
pub struct AddressFound {
    pub id: String,
    pub postcode: String,
    /// The road address in Korean: what the form holds.
    pub line1: String,
    /// What the visitor reads: the address, the building's name, the lot address.
    pub label: String,
    pub detail: String,
}

/// The words for what the address book found, in the visitor's language.
pub fn addresses_view(
    l10n: &Localizer,
    locale: Locale,
    input: &str,
    text: &str,
    searched: Option<(crate::address::Searched, bool)>,
) -> AddressesView {
    let t = |id: &str| l10n.format(locale, id, &[]);
    let Some((searched, sample)) = searched else {
        return AddressesView {
            input: input.into(),
            text: text.into(),
            found: vec![],
            note: Some(t("kiosk-address-unavailable")),
            sample: None,
            count: None,
            count_next: None,
        };
    };
    let roman = !matches!(locale, Locale::Ko | Locale::KoEasy);
    let found: Vec<AddressFound> = searched
        .found
        .iter()
        .map(|f| {
            let label = if roman && !f.road_address_roman.is_empty() {
                f.road_address_roman.clone()
            } else {
                f.road_address.clone()
            };
            let detail = [f.name.as_str(), f.lot_address.as_str(), &format!("({})", f.postcode)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            AddressFound {
                id: f.id.clone(),
                postcode: f.postcode.clone(),
                line1: f.road_address.clone(),
                label,
                detail,
            }
        })
        .collect();
    let note = if text.trim().is_empty() {
        None
    } else if found.is_empty() {
        Some(t("kiosk-address-none"))
    } else if searched.more {
        Some(t("kiosk-address-more"))
    } else {
        None
    };
    let n = [("count", minwon_core::i18n::Arg::Num(found.len() as i64))];
    let counted = |id: &str| (!found.is_empty()).then(|| l10n.format(locale, id, &n));
    AddressesView {
        input: input.into(),
        text: text.into(),
        count: counted("kiosk-address-found"),
        count_next: counted("kiosk-address-found-next"),
        found,
        note,
        sample: sample.then(|| t("kiosk-address-sample")),
    }
}

/// What an on-screen key did to its box: the box's text now, or why it did not change.
#[derive(Debug, Clone, Serialize)]
pub struct TypedView {
    pub input: String,
    pub value: String,
    /// `full`, `not-here`, `empty`, and the words for it.
    pub refused: Option<ErrorText>,
}

/// The boxes of a field (its own, or those of its parts), as the kiosk's page names them.
pub fn field_boxes(f: &Field) -> Vec<BoxView> {
    let parts: &[&str] = match f.kind {
        FieldKind::Date => &["year", "month", "day"],
        // The search box first: the road-name address book fills the postcode and the road address.
        FieldKind::Address => &["search", "postcode", "line1", "line2"],
        FieldKind::Text if f.check == Some(minwon_core::form::KoreanCheck::ResidentNumber) => &["", "back"],
        _ => &[""],
    };
    boxes(&f.id, parts, |part| keyboard::text_box(f, part))
}

fn boxes(id: &str, parts: &[&str], spec: impl Fn(Option<&str>) -> Option<keyboard::TextBox>) -> Vec<BoxView> {
    parts
        .iter()
        .filter_map(|p| {
            let part = (!p.is_empty()).then_some(*p);
            let b = spec(part)?;
            let input = part.map_or_else(|| format!("f-{id}"), |p| format!("f-{id}-{p}"));
            Some(BoxView { input, part: part.map(str::to_owned), layouts: b.layouts, limit: b.limit })
        })
        .collect()
}

/// The box `input` of the screen now, for a key pressed in it.
pub fn text_box_of(session: &Session, input: &str) -> Option<BoxView> {
    match session.screen() {
        Screen::Step(i) => {
            let form = session.form()?;
            form.steps.get(i)?.fields.iter().flat_map(field_boxes).find(|b| b.input == input)
        }
        Screen::DocumentKey => {
            let mut all =
                boxes(minwon_core::session::CAN_FIELD, &[""], |p| keyboard::document_key_box("document-can", p));
            for id in minwon_core::session::KEY_FIELDS {
                let parts: &[&str] = if id == "document-number" { &[""] } else { &["year", "month", "day"] };
                all.extend(boxes(id, parts, |p| keyboard::document_key_box(id, p)));
            }
            all.into_iter().find(|b| b.input == input)
        }
        _ => None,
    }
}

/// The address search box `input` (`f-<field>-search`) of an address field on the screen now.
pub fn address_search_of(session: &Session, input: &str) -> Option<String> {
    let Screen::Step(i) = session.screen() else { return None };
    let form = session.form()?;
    let field = form
        .steps
        .get(i)?
        .fields
        .iter()
        .find(|f| f.kind == FieldKind::Address && input == format!("f-{}-search", f.id))?;
    Some(field.id.clone())
}

/// The keyboards of the screen, when it has a box to type into.
fn keyboard_view(l10n: &Localizer, locale: Locale, fields: &[&FieldView]) -> Option<KeyboardView> {
    let mut wanted: Vec<Layout> =
        fields.iter().flat_map(|f| f.boxes.iter().flat_map(|b| b.layouts.iter().copied())).collect();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return None;
    }
    let t = |id: &str| l10n.format(locale, id, &[]);
    let layouts = wanted
        .into_iter()
        .map(|layout| {
            let name = match layout {
                Layout::Hangul => "hangul",
                Layout::Latin => "latin",
                Layout::Digits => "digits",
            };
            LayoutView {
                layout,
                label: t(&format!("kiosk-keyboard-{name}")),
                switch_name: t(&format!("kiosk-keyboard-{name}.name")),
                rows: keyboard::rows(layout),
                specials: keyboard::specials(layout),
            }
        })
        .collect();
    Some(KeyboardView {
        layouts,
        shift: t("kiosk-keyboard-shift"),
        space: t("kiosk-keyboard-space"),
        backspace: t("kiosk-keyboard-backspace"),
        name: t("kiosk-keyboard"),
    })
}

/// The words of a masked input: the buttons that show and hide it, and its second part's label.
#[derive(Debug, Clone, Serialize)]
pub struct Masked {
    pub show: String,
    pub hide: String,
    pub back: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub step: usize,
    /// The repeat's instance (from 0; 0 outside repeats), for "change".
    pub instance: usize,
    pub field: String,
    pub label: String,
    pub value: String,
    pub provenance_text: Option<String>,
    pub change: String,
}

/// A repeated step's instance on screen ("2 of 3") and its buttons, where she may use them.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatView {
    pub instance: usize,
    pub count: usize,
    pub counter: String,
    pub add: Option<String>,
    pub remove: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    Welcome {
        lead: String,
        start: String,
        languages: Vec<Choice>,
    },
    Service {
        lead: String,
        services: Vec<Service>,
    },
    Identify {
        lead: String,
        options: Vec<Choice>,
        card_note: Option<String>,
    },
    Step {
        index: usize,
        count: usize,
        counter: String,
        form_title: String,
        hint: Option<String>,
        /// What the visitor agrees to, on a consent step (개인정보 보호법 §15(2)).
        consent: Option<ConsentNotice>,
        fields: Vec<FieldView>,
        error_summary: Option<String>,
        /// On a repeated step: which instance this is, and adding or removing one.
        repeat: Option<RepeatView>,
    },
    Review {
        lead: String,
        items: Vec<ReviewItem>,
        submit: String,
        banner: Option<ErrorText>,
    },
    Submitting {
        text: String,
    },
    Receipt {
        lead: String,
        number_label: String,
        number: String,
        /// Offices that call numbers: the queue number, shown first and largest.
        #[serde(skip_serializing_if = "Option::is_none")]
        queue: Option<QueueView>,
        form_title: String,
        note: String,
        finish: String,
    },
    DocumentKey {
        lead: String,
        help: String,
        help_image: String,
        fields: Vec<FieldView>,
        banner: Option<ErrorText>,
        /// `mrz` (number and dates) or `can` (card access number): which `fields` these are.
        mode: &'static str,
        /// The button that switches to the other way.
        switch: String,
    },
    Reading {
        text: String,
        hint: String,
    },
}

/// A queue number and its label, as the receipt screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueView {
    pub label: String,
    pub number: String,
}

/// What the engine knows about its devices that the screens mention.
#[derive(Debug, Clone, Copy, Default)]
pub struct Devices {
    /// A document reader is connected.
    pub card_available: bool,
    /// The last receipt came out of the printer.
    pub printed: bool,
}

/// The sign-language clip of the moment, from the kiosk's clip library.
pub fn sign_view(
    clips: &crate::clips::ClipLibrary,
    language: &str,
    clip: &str,
    l10n: &Localizer,
    locale: Locale,
) -> Option<SignView> {
    let c = clips.clip(language, clip)?;
    let t = |id: &str| l10n.format(locale, id, &[]);
    Some(SignView {
        language: language.to_owned(),
        language_name: clips.languages.get(language).map(|l| l.name.clone()).unwrap_or_default(),
        frames: c.frame_count(),
        delays_ms: c.delays_ms.clone(),
        width: c.width,
        height: c.height,
        sample: c.sample.then(|| t("kiosk-sign-sample")),
        replay: t("kiosk-sign-replay"),
        slow: t("kiosk-sign-slow"),
        full: t("kiosk-sign-full"),
        show: t("kiosk-sign-show"),
    })
}

/// Renders the session. `seq` comes from the engine.
pub fn render(session: &Session, l10n: &Localizer, seq: u64, now: Timestamp, devices: Devices) -> View {
    let card_available = devices.card_available;
    let locale = session.locale();
    let t = |id: &str| l10n.format(locale, id, &[]);
    let form = session.form().cloned();
    let screen = session.screen();
    let (screen_name, title, body) = match (screen, &form) {
        // A step or review without a form cannot happen (the session sets the form first);
        // should it ever, the welcome screen is the safe place to be.
        (Screen::Welcome, _) | (Screen::Step(_) | Screen::Review, None) => (
            Screen::Welcome.name(),
            t("kiosk-welcome-title"),
            Body::Welcome {
                lead: t("kiosk-welcome-lead"),
                start: t("kiosk-welcome-start"),
                languages: languages(locale),
            },
        ),
        (Screen::Service, _) => (
            screen.name(),
            t("kiosk-service-title"),
            Body::Service {
                lead: t("kiosk-service-lead"),
                services: session
                    .catalog()
                    .forms()
                    .iter()
                    .map(|f| Service {
                        id: f.id.0.clone(),
                        title: t(&f.title_id()),
                        summary: t(&format!("{}.summary", f.title_id())),
                    })
                    .collect(),
            },
        ),
        (Screen::Identify, _) => {
            let mut options = vec![];
            if card_available {
                options.push(Choice { id: "document".into(), label: t("kiosk-identify-document"), selected: false });
            }
            options.push(Choice { id: "type".into(), label: t("kiosk-identify-type"), selected: false });
            (
                screen.name(),
                t("kiosk-identify-title"),
                Body::Identify {
                    lead: t("kiosk-identify-lead"),
                    options,
                    card_note: (!card_available).then(|| t("kiosk-identify-no-reader")),
                },
            )
        }
        (Screen::Step(i), Some(form)) => {
            let step = &form.steps[i];
            let qid = form.question_id(step);
            let fields: Vec<FieldView> = step
                .fields
                .iter()
                .filter(|f| f.kind != FieldKind::Calculate && session.relevant(f))
                .map(|f| field_view(session, l10n, form, f))
                .collect();
            let errors = fields.iter().filter(|f| f.error.is_some()).count();
            let (can_add, can_remove) = session.can_add_remove();
            let repeat = session.instance().map(|(k, n)| {
                let num = |n: usize| Arg::Num(n as i64);
                let text = |which: &str, generic: &str| {
                    l10n.try_format(locale, &format!("{qid}.{which}"), &[]).unwrap_or_else(|| t(generic))
                };
                RepeatView {
                    instance: k,
                    count: n,
                    counter: l10n.format(locale, "kiosk-repeat-counter", &[("current", num(k + 1)), ("total", num(n))]),
                    add: can_add.then(|| text("add", "kiosk-repeat-add")),
                    remove: can_remove.then(|| text("remove", "kiosk-repeat-remove")),
                }
            });
            let step_words =
                shown_words(session, l10n, locale, form, &step.shows, session.instance().map_or(0, |(k, _)| k));
            let step_args: Vec<(&str, Arg)> =
                step_words.iter().map(|(k, v)| (k.as_str(), Arg::Str(v.clone()))).collect();
            // The counter counts the steps the logic asks now, not every step the form has.
            let shown = session.shown_steps();
            let current = shown.iter().position(|&s| s == i).map_or(shown.len(), |p| p + 1);
            (
                screen.name(),
                l10n.format(locale, &qid, &step_args),
                Body::Step {
                    index: i,
                    count: shown.len(),
                    counter: l10n.format(
                        locale,
                        "kiosk-step-counter",
                        &[("current", Arg::Num(current as i64)), ("total", Arg::Num(shown.len() as i64))],
                    ),
                    form_title: t(&form.title_id()),
                    hint: l10n.try_format(locale, &format!("{qid}.hint"), &step_args),
                    consent: consent_notice(form, step, l10n, locale),
                    fields,
                    error_summary: (errors > 0).then(|| t("kiosk-error-summary")),
                    repeat,
                },
            )
        }
        (Screen::Review, Some(form)) => {
            let mut items = vec![];
            for i in session.shown_steps() {
                let step = &form.steps[i];
                for k in 0..session.instances(i) {
                    for f in step.fields.iter().filter(|f| f.kind.is_asked() && session.relevant_at(f, k)) {
                        let answer = session.answer_at(&f.id, k);
                        let shows = shown_args(session, l10n, locale, form, f, k);
                        let shows: Vec<(&str, Arg)> =
                            shows.iter().map(|(v, w)| (v.as_str(), Arg::Str(w.clone()))).collect();
                        let label = l10n.format(locale, &form.label_id(f), &shows);
                        let label = if step.is_repeat() {
                            let args = [("label", Arg::Str(label)), ("number", Arg::Num(k as i64 + 1))];
                            l10n.format(locale, "kiosk-review-instance", &args)
                        } else {
                            label
                        };
                        items.push(ReviewItem {
                            step: i,
                            instance: k,
                            field: f.id.clone(),
                            label,
                            value: answer
                                .map_or_else(|| t("kiosk-value-empty"), |(a, _)| value_text(l10n, locale, form, f, a)),
                            provenance_text: answer.and_then(|(_, p)| provenance_text(l10n, locale, f, p)),
                            change: t("kiosk-review-change"),
                        });
                    }
                }
            }
            let banner = banner(session, l10n, locale);
            (
                screen.name(),
                t("kiosk-review-title"),
                Body::Review { lead: t("kiosk-review-lead"), items, submit: t("kiosk-review-submit"), banner },
            )
        }
        (Screen::DocumentKey, _) => {
            let typed = session.key_entry();
            let field = |id: &str, kind: FieldKind, label: &str, value: Option<&str>| {
                let parts = if kind == FieldKind::Date { date_parts(l10n, locale) } else { vec![] };
                FieldView {
                    id: id.into(),
                    kind,
                    label: t(label),
                    required: true,
                    optional_text: None,
                    value: value.map(|v| Answer::Text(v.into())),
                    provenance: None,
                    provenance_text: None,
                    error: session.error(id).map(|e| field_error(l10n, locale, e)),
                    hint: None,
                    choices: vec![],
                    parts,
                    max_length: (kind == FieldKind::Text).then_some(22),
                    masked: None,
                    image: None,
                    boxes: if kind == FieldKind::Date {
                        boxes(id, &["year", "month", "day"], |p| keyboard::document_key_box(id, p))
                    } else {
                        boxes(id, &[""], |p| keyboard::document_key_box(id, p))
                    },
                }
            };
            let banner = banner(session, l10n, locale);
            if session.key_by_can() {
                let mut can =
                    field(minwon_core::session::CAN_FIELD, FieldKind::Text, "kiosk-key-can", session.can_entry());
                can.max_length = Some(6);
                (
                    screen.name(),
                    t("kiosk-key-can-title"),
                    Body::DocumentKey {
                        lead: t("kiosk-key-can-lead"),
                        help: t("kiosk-key-can-help"),
                        help_image: "img/document-can.svg".into(),
                        fields: vec![can],
                        banner,
                        mode: "can",
                        switch: t("kiosk-key-use-mrz"),
                    },
                )
            } else {
                let [number, birth, expiry] = minwon_core::session::KEY_FIELDS;
                let fields = vec![
                    field(number, FieldKind::Text, "kiosk-key-number", typed.map(|k| k.0)),
                    field(birth, FieldKind::Date, "kiosk-key-birth-date", typed.map(|k| k.1)),
                    field(expiry, FieldKind::Date, "kiosk-key-expiry", typed.map(|k| k.2)),
                ];
                (
                    screen.name(),
                    t("kiosk-key-title"),
                    Body::DocumentKey {
                        lead: t("kiosk-key-lead"),
                        help: t("kiosk-key-help"),
                        help_image: "img/document-key.svg".into(),
                        fields,
                        banner,
                        mode: "mrz",
                        switch: t("kiosk-key-use-can"),
                    },
                )
            }
        }
        (Screen::Reading, _) => (
            screen.name(),
            t("kiosk-reading-title"),
            Body::Reading { text: t("kiosk-reading-text"), hint: t("kiosk-reading-hint") },
        ),
        (Screen::Submitting, _) => {
            (screen.name(), t("kiosk-submitting-title"), Body::Submitting { text: t("kiosk-submitting-text") })
        }
        (Screen::Receipt, form) => {
            let number = session.receipt().map(|r| r.number.clone()).unwrap_or_default();
            let queue = session.receipt().and_then(|r| r.queue).map(|n| format!("{n:03}"));
            (
                screen.name(),
                t("kiosk-receipt-title"),
                Body::Receipt {
                    lead: t("kiosk-receipt-lead"),
                    number_label: t("kiosk-receipt-number"),
                    number,
                    queue: queue.map(|number| QueueView { label: t("kiosk-receipt-queue"), number }),
                    form_title: form.as_ref().map(|f| t(&f.title_id())).unwrap_or_default(),
                    note: t(if devices.printed { "kiosk-receipt-note" } else { "kiosk-receipt-note-no-printer" }),
                    finish: t("kiosk-receipt-finish"),
                },
            )
        }
    };
    // Screens with somewhere to go back to, and something to cancel.
    let in_journey = matches!(
        screen,
        Screen::Service | Screen::Identify | Screen::DocumentKey | Screen::Reading | Screen::Step(_) | Screen::Review
    );
    let nav = Nav {
        back: in_journey.then(|| t("kiosk-nav-back")),
        next: matches!(screen, Screen::Step(_) | Screen::DocumentKey).then(|| {
            if screen == Screen::DocumentKey {
                t("kiosk-key-read")
            } else if session.returning_to_review() {
                t("kiosk-nav-save")
            } else {
                t("kiosk-nav-next")
            }
        }),
        cancel: in_journey.then(|| t("kiosk-nav-cancel")),
    };
    let prefs = session.prefs();
    let warning = session.warning().map(|deadline| {
        let seconds_left = deadline.0.saturating_sub(now.0).div_ceil(1000);
        Warning {
            title: t("kiosk-timeout-title"),
            text: l10n.format(locale, "kiosk-timeout-text", &[("seconds", Arg::Num(seconds_left as i64))]),
            seconds_left,
            more_time: t("kiosk-timeout-more"),
        }
    });
    let confirm_cancel = session.confirming_cancel().then(|| Confirm {
        title: t("kiosk-cancel-title"),
        yes: t("kiosk-cancel-yes"),
        no: t("kiosk-cancel-no"),
    });
    let sizes = [(TextSize::Normal, "100"), (TextSize::Large, "150"), (TextSize::Largest, "200")];
    let g = session.guidance();
    let guidance = GuidanceView {
        caption: crate::guide::caption(&crate::guide::word(l10n, locale, &crate::guide::public(&g))),
        clip: g.clip,
        sign: None,
    };
    let rates = [(SpeechRate::Slow, "slow"), (SpeechRate::Normal, "normal"), (SpeechRate::Fast, "fast")];
    let keyboard = match &body {
        Body::Step { fields, .. } | Body::DocumentKey { fields, .. } => {
            keyboard_view(l10n, locale, &fields.iter().collect::<Vec<_>>())
        }
        _ => None,
    };
    View {
        seq,
        screen: screen_name,
        locale: locale.tag(),
        lang: locale.language(),
        text_size: prefs.text_size,
        high_contrast: prefs.high_contrast,
        low_position: prefs.low_position,
        voice_mode: prefs.voice_mode,
        title,
        body,
        nav,
        warning,
        confirm_cancel,
        controls: Controls {
            text_size: t("kiosk-text-size"),
            text_sizes: sizes
                .iter()
                .map(|(s, id)| Choice { id: (*id).into(), label: format!("{id}%"), selected: prefs.text_size == *s })
                .collect(),
            contrast: t("kiosk-contrast"),
            low_position: t("kiosk-low-position"),
            call_staff: t("kiosk-call-staff"),
            speech: SpeechControls {
                label: t("kiosk-speech-rate"),
                rates: rates
                    .iter()
                    .map(|(r, id)| Choice {
                        id: (*id).into(),
                        label: t(&format!("kiosk-speech-rate-{id}")),
                        selected: prefs.speech_rate == *r,
                    })
                    .collect(),
                volume: prefs.volume,
                volume_label: l10n.format(locale, "kiosk-volume", &[("level", Arg::Num(i64::from(prefs.volume)))]),
                quieter: t("kiosk-volume-down"),
                louder: t("kiosk-volume-up"),
                repeat: t("kiosk-repeat"),
                help: t("kiosk-help"),
            },
        },
        guidance,
        staff_called: session.staff_called().then(|| t("kiosk-staff-called")),
        device_notice: None,
        keyboard,
        typed: None,
        addresses: None,
    }
}

/// The items of a consent notice, worded: each term with its text (the labels of the fields collected, listed).
#[derive(Debug, Clone, Serialize)]
pub struct ConsentNotice {
    pub items: Vec<ConsentItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentItem {
    pub id: &'static str,
    pub term: String,
    /// The text, its parts joined (for the items: the labels, listed).
    pub text: String,
    /// The parts one by one (for the items, each label: the screen lists them).
    pub parts: Vec<String>,
}

fn consent_notice(form: &Form, step: &Step, l10n: &Localizer, locale: Locale) -> Option<ConsentNotice> {
    let parts = form.consent_notice(step);
    (!parts.is_empty()).then(|| ConsentNotice {
        items: parts
            .into_iter()
            .map(|p| {
                let parts: Vec<String> = p.text.iter().map(|id| l10n.format(locale, id, &[])).collect();
                ConsentItem { id: p.id, term: l10n.format(locale, &p.term, &[]), text: parts.join(", "), parts }
            })
            .collect(),
    })
}

/// A field's mistake, in the visitor's language (with the broken limit where there is one).
fn field_error(l10n: &Localizer, locale: Locale, e: &minwon_core::FieldError) -> ErrorText {
    let args: Vec<(&str, Arg)> = e.limit.map(|limit| ("limit", Arg::Num(limit))).into_iter().collect();
    ErrorText { code: e.code.as_str().into(), text: l10n.format(locale, &e.code.fluent_id(), &args) }
}

/// The review or document-key screen's banner: the code of the last failure, explained.
fn banner(session: &Session, l10n: &Localizer, locale: Locale) -> Option<ErrorText> {
    session.banner().map(|code| ErrorText { code: code.into(), text: l10n.format(locale, &error_id(code), &[]) })
}

/// The labelled parts of a date input.
fn date_parts(l10n: &Localizer, locale: Locale) -> Vec<Choice> {
    ["year", "month", "day"]
        .iter()
        .map(|p| Choice {
            id: (*p).into(),
            label: l10n.format(locale, &format!("kiosk-part-{p}"), &[]),
            selected: false,
        })
        .collect()
}

/// `outbox.disk-full` → `errors-outbox-disk-full`.
pub fn error_id(code: &str) -> String {
    format!("errors-{}", code.replace('.', "-"))
}

fn languages(current: Locale) -> Vec<Choice> {
    Locale::ALL
        .iter()
        .map(|l| Choice { id: l.tag().into(), label: l.endonym().into(), selected: *l == current })
        .collect()
}

fn provenance_text(l10n: &Localizer, locale: Locale, field: &Field, p: Provenance) -> Option<String> {
    // Only values that could have come from a document say where they came from.
    field.prefill?;
    Some(l10n.format(
        locale,
        match p {
            Provenance::Typed => "kiosk-provenance-typed",
            Provenance::ChipVerified => "kiosk-provenance-chip-verified",
            Provenance::ChipUnverified => "kiosk-provenance-chip-unverified",
            Provenance::Calculated => return None,
        },
        &[],
    ))
}

fn field_view(session: &Session, l10n: &Localizer, form: &Form, f: &Field) -> FieldView {
    let locale = session.locale();
    let t = |id: &str| l10n.format(locale, id, &[]);
    let answer = session.answer(&f.id);
    let selected = |c: &str| match answer.map(|a| a.0) {
        Some(Answer::Text(v)) => v == c,
        Some(Answer::Choices(vs)) => vs.iter().any(|v| v == c),
        _ => false,
    };
    let part = |id: &str, msg: &str| Choice { id: id.into(), label: t(msg), selected: false };
    let parts = match f.kind {
        FieldKind::Date => date_parts(l10n, locale),
        FieldKind::Address => vec![
            part("search", "kiosk-part-search"),
            part("postcode", "kiosk-part-postcode"),
            part("line1", "kiosk-part-line1"),
            part("line2", "kiosk-part-line2"),
        ],
        FieldKind::Consent => vec![part("agree", "kiosk-part-agree")],
        FieldKind::Photo => {
            let mut parts = vec![part("at-counter", "kiosk-part-photo-at-counter")];
            // The face read from the chip is offered only when there is one (it stays in memory).
            if session.document().is_some_and(|d| d.values.contains_key(&minwon_core::DocumentField::Photo)) {
                parts.push(part("document", "kiosk-value-photo-document"));
            }
            parts
        }
        _ => vec![],
    };
    let required = session.required(f);
    let label = form.label_id(f);
    let instance = session.instance().map_or(0, |(k, _)| k);
    let shows = shown_args(session, l10n, locale, form, f, instance);
    let shows: Vec<(&str, Arg)> = shows.iter().map(|(k, v)| (k.as_str(), Arg::Str(v.clone()))).collect();
    FieldView {
        id: f.id.clone(),
        kind: f.kind,
        label: l10n.format(locale, &label, &shows),
        required,
        optional_text: (!required
            && !matches!(f.kind, FieldKind::MultipleChoice | FieldKind::Consent | FieldKind::Note))
        .then(|| t("kiosk-optional")),
        value: answer.map(|a| a.0.clone()),
        provenance: answer.map(|a| a.1),
        provenance_text: answer.and_then(|(_, p)| provenance_text(l10n, locale, f, p)),
        error: session.error(&f.id).map(|e| match e.code {
            // The form says why its own constraint refused the answer, where it has the words.
            minwon_core::ErrorCode::Constraint => ErrorText {
                code: e.code.as_str().into(),
                text: l10n
                    .try_format(locale, &format!("{label}.constraint"), &shows)
                    .unwrap_or_else(|| t(&e.code.fluent_id())),
            },
            _ => field_error(l10n, locale, e),
        }),
        hint: l10n.try_format(locale, &format!("{label}.hint"), &shows),
        choices: session
            .choices(f)
            .into_iter()
            .map(|c| Choice { id: c.to_owned(), label: t(&form.choice_id(f, c)), selected: selected(c) })
            .collect(),
        parts,
        max_length: f.max_length,
        masked: (f.check == Some(minwon_core::form::KoreanCheck::ResidentNumber)).then(|| Masked {
            show: l10n.format(locale, "kiosk-masked-show", &[]),
            hide: l10n.format(locale, "kiosk-masked-hide", &[]),
            back: l10n.format(locale, "kiosk-masked-back", &[]),
        }),
        image: (f.kind == FieldKind::Photo).then(|| chip_face(session)).flatten(),
        boxes: field_boxes(f),
    }
}

fn chip_face(session: &Session) -> Option<String> {
    use base64::Engine;
    match session.document()?.values.get(&minwon_core::DocumentField::Photo)? {
        minwon_core::document::DocumentValue::Image { mime, bytes } if mime == "image/jpeg" || mime == "image/png" => {
            Some(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
        }
        _ => None,
    }
}

/// The answers a field's texts show (XLSForm `${name}`), as the screen shows them: a choice by its
/// label, a resident registration number masked; nothing while unanswered.
fn shown_args(
    session: &Session,
    l10n: &Localizer,
    locale: Locale,
    form: &Form,
    f: &Field,
    instance: usize,
) -> Vec<(String, String)> {
    shown_words(session, l10n, locale, form, &f.shows, instance)
}

/// The answers named in `shows` (a field's or a step's), as [`shown_args`] words them.
fn shown_words(
    session: &Session,
    l10n: &Localizer,
    locale: Locale,
    form: &Form,
    shows: &[String],
    instance: usize,
) -> Vec<(String, String)> {
    session
        .shown_of(shows, instance)
        .into_iter()
        .map(|(var, shown, answer)| (var, answer.map(|a| value_text(l10n, locale, form, shown, a)).unwrap_or_default()))
        .collect()
}

fn value_text(l10n: &Localizer, locale: Locale, form: &Form, f: &Field, a: &Answer) -> String {
    let t = |id: &str| l10n.format(locale, id, &[]);
    match (f.kind, a) {
        (FieldKind::SingleChoice, Answer::Text(c)) => t(&form.choice_id(f, c)),
        (FieldKind::MultipleChoice, Answer::Choices(cs)) => {
            cs.iter().map(|c| t(&form.choice_id(f, c))).collect::<Vec<_>>().join(", ")
        }
        (FieldKind::Photo, Answer::Text(p)) if p == "document" => t("kiosk-value-photo-document"),
        (FieldKind::Photo, Answer::Text(_)) => t("kiosk-part-photo-at-counter"),
        (_, Answer::Consent(true)) => t("kiosk-value-agreed"),
        (_, Answer::Consent(false)) => t("kiosk-value-not-agreed"),
        (_, Answer::Address(Address { postcode, line1, line2 })) => {
            format!("({postcode}) {line1} {line2}").trim().to_owned()
        }
        // Shown as the law expects it on a screen others may see: the back digits but the first hidden.
        (_, Answer::Text(s)) if f.check == Some(minwon_core::form::KoreanCheck::ResidentNumber) => {
            mask_resident_number(s)
        }
        (_, Answer::Text(s)) => s.clone(),
        (_, Answer::Choices(cs)) => cs.join(", "),
    }
}

/// `480315-2345677` → `480315-2●●●●●●`: the date of birth and the digit after it, the rest as ●.
fn mask_resident_number(s: &str) -> String {
    let digits: Vec<char> = s.chars().filter(char::is_ascii_digit).collect();
    let shown: String = digits.iter().take(7).collect();
    let (front, back) = shown.split_at(shown.len().min(6));
    let hidden = "●".repeat(digits.len().saturating_sub(7));
    if back.is_empty() {
        front.to_owned()
    } else {
        format!("{front}-{back}{hidden}")
    }
}

#[cfg(test)]
mod tests {
    use super::mask_resident_number;

    #[test]
    fn a_resident_number_shows_its_date_and_the_next_digit_only() {
        for (typed, shown) in [
            ("480315-2345677", "480315-2●●●●●●"),
            ("4803152345677", "480315-2●●●●●●"),
            ("480315", "480315"),
            ("4803152", "480315-2"),
            ("", ""),
        ] {
            assert_eq!(mask_resident_number(typed), shown, "{typed}");
        }
    }
}
