//! The mirror's controller: what is on screen (the attract loop, the list of topics, one topic
//! step by step), the visitor's language and display settings, the clip that plays, and the bundle
//! that waits to be switched to at the end of the current topic.
//!
//! Rust talks to the UI only through the `MirrorAdapter`, `SignAdapter` and `Theme` globals; every
//! string is formatted from the Fluent bundles here.

use crate::guide::Guide;
use crate::player::{ClipPlayer, Frame, Pacing};
use crate::{LanguageItem, MirrorAdapter, MirrorWindow, Page, SignAdapter, Theme, TopicItem};
use minwon_core::i18n::Arg;
use minwon_core::Locale;
use minwon_hardware::speech::{Rate, Segment, Speaker, Voice};
use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long each step shows in the attract loop.
pub const ATTRACT_STEP: Duration = Duration::from_secs(8);
/// With nobody touching it for this long, the mirror goes back to the attract loop and its
/// defaults (Korean, 100%, normal contrast).
pub const IDLE_RESET: Duration = Duration::from_secs(90);

/// A newer guide from a bundle, waiting for the end of the current topic, with a function to
/// call once it is on screen (it records the bundle as applied).
pub type Pending = Arc<Mutex<Option<(Guide, Box<dyn FnOnce() + Send>)>>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Attract,
    Topics,
    Topic,
}

struct State {
    guide: Guide,
    locale: Locale,
    screen: Screen,
    topic: usize,
    /// The step on screen; in the attract loop, `None` is the topic's introduction.
    step: Option<usize>,
    slow: bool,
    last_touch: Instant,
    attract_since: Instant,
}

/// The running mirror; kept alive as long as the window.
pub struct Mirror {
    window: slint::Weak<MirrorWindow>,
    state: RefCell<State>,
    player: ClipPlayer,
    speaker: RefCell<Option<Box<dyn Speaker>>>,
    pending: Pending,
    timers: RefCell<Vec<slint::Timer>>,
}

impl std::fmt::Debug for Mirror {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mirror")
    }
}

/// Shows a decoded frame in the window, from any thread.
pub fn frame_sink(window: slint::Weak<MirrorWindow>) -> impl Fn(Frame) + Send + 'static {
    move |frame: Frame| {
        let _ = window.upgrade_in_event_loop(move |w| {
            let buffer =
                slint::SharedPixelBuffer::<slint::Rgba8Pixel>::clone_from_slice(&frame.rgba, frame.width, frame.height);
            w.global::<SignAdapter>().set_frame(slint::Image::from_rgba8(buffer));
        });
    }
}

impl Mirror {
    /// Wires the window to `guide`; `speaker` reads texts aloud when a visitor asks.
    pub fn setup(
        window: &MirrorWindow,
        guide: Guide,
        speaker: Option<Box<dyn Speaker>>,
        pending: Pending,
    ) -> Rc<Mirror> {
        let player = ClipPlayer::spawn(Pacing::Clip, frame_sink(window.as_weak()));
        let now = Instant::now();
        let mirror = Rc::new(Mirror {
            window: window.as_weak(),
            state: RefCell::new(State {
                guide,
                locale: Locale::Ko,
                screen: Screen::Attract,
                topic: 0,
                step: None,
                slow: false,
                last_touch: now,
                attract_since: now,
            }),
            player,
            speaker: RefCell::new(speaker),
            pending,
            timers: RefCell::new(Vec::new()),
        });
        let adapter = window.global::<MirrorAdapter>();
        let m = Rc::downgrade(&mirror);
        let with = move |f: fn(&Mirror)| {
            let m = m.clone();
            move || {
                if let Some(m) = m.upgrade() {
                    m.touched();
                    f(&m);
                }
            }
        };
        adapter.on_touch_start(with(|m| m.go(Screen::Topics)));
        adapter.on_next(with(Mirror::next));
        adapter.on_previous(with(Mirror::previous));
        adapter.on_show_topics(with(|m| m.go(Screen::Topics)));
        adapter.on_replay(with(Mirror::replay));
        adapter.on_toggle_slow(with(Mirror::toggle_slow));
        adapter.on_speak(with(Mirror::speak));
        adapter.on_toggle_contrast(with(Mirror::toggle_contrast));
        let m = Rc::downgrade(&mirror);
        adapter.on_choose_topic(move |i| {
            if let Some(m) = m.upgrade() {
                m.touched();
                m.choose(i.max(0) as usize);
            }
        });
        let m = Rc::downgrade(&mirror);
        adapter.on_set_language(move |tag| {
            if let Some(m) = m.upgrade() {
                m.touched();
                if let Ok(l) = Locale::parse(&tag) {
                    m.state.borrow_mut().locale = l;
                    m.render();
                }
            }
        });
        let m = Rc::downgrade(&mirror);
        adapter.on_set_text_scale(move |scale| {
            if let Some(m) = m.upgrade() {
                m.touched();
                if let Some(w) = m.window.upgrade() {
                    w.global::<Theme>().set_text_scale(scale.clamp(1.0, 2.0));
                }
            }
        });
        mirror.render();
        mirror
    }

    /// Starts the attract loop's and the idle timers (the running app; tests drive `tick`).
    pub fn start_timers(self: &Rc<Mirror>) {
        let timer = slint::Timer::default();
        let m = Rc::downgrade(self);
        timer.start(slint::TimerMode::Repeated, Duration::from_millis(500), move || {
            if let Some(m) = m.upgrade() {
                m.tick(Instant::now());
            }
        });
        self.timers.borrow_mut().push(timer);
    }

    /// Lets time pass: the attract loop moves on, an idle mirror goes back to it.
    pub fn tick(&self, now: Instant) {
        let (screen, idle, shown) = {
            let s = self.state.borrow();
            (s.screen, now.saturating_duration_since(s.last_touch), now.saturating_duration_since(s.attract_since))
        };
        match screen {
            Screen::Attract if shown >= ATTRACT_STEP => self.attract_next(now),
            Screen::Topics | Screen::Topic if idle >= IDLE_RESET => {
                {
                    let mut s = self.state.borrow_mut();
                    s.locale = Locale::Ko;
                    s.slow = false;
                }
                if let Some(w) = self.window.upgrade() {
                    w.global::<Theme>().set_text_scale(1.0);
                    w.global::<Theme>().set_high_contrast(false);
                }
                self.player.set_slow(false);
                self.go(Screen::Attract);
            }
            _ => {}
        }
    }

    fn touched(&self) {
        self.state.borrow_mut().last_touch = Instant::now();
    }

    /// The attract loop's next moment: the next step, or the next topic's introduction.
    fn attract_next(&self, now: Instant) {
        let next_topic = {
            let mut s = self.state.borrow_mut();
            s.attract_since = now;
            let steps = s.guide.topics.get(s.topic).map_or(0, |t| t.steps.len());
            match s.step {
                None if steps > 0 => {
                    s.step = Some(0);
                    false
                }
                Some(i) if i + 1 < steps => {
                    s.step = Some(i + 1);
                    false
                }
                _ => true,
            }
        };
        if next_topic {
            self.switch_if_pending();
            let mut s = self.state.borrow_mut();
            s.topic = (s.topic + 1) % s.guide.topics.len().max(1);
            s.step = None;
        }
        self.render();
    }

    /// A newer bundle goes on screen here, between topics.
    fn switch_if_pending(&self) {
        let next = self.pending.lock().ok().and_then(|mut p| p.take());
        if let Some((guide, applied)) = next {
            let mut s = self.state.borrow_mut();
            s.topic = s.topic.min(guide.topics.len().saturating_sub(1));
            s.guide = guide;
            applied();
        }
    }

    fn go(&self, screen: Screen) {
        if screen != Screen::Topic {
            self.switch_if_pending();
        }
        {
            let mut s = self.state.borrow_mut();
            s.screen = screen;
            s.attract_since = Instant::now();
            if screen == Screen::Attract {
                s.step = None;
            }
        }
        self.render();
    }

    fn choose(&self, topic: usize) {
        {
            let mut s = self.state.borrow_mut();
            if topic >= s.guide.topics.len() {
                return;
            }
            s.topic = topic;
            s.step = Some(0);
            s.screen = Screen::Topic;
        }
        self.render();
    }

    fn next(&self) {
        let done = {
            let mut s = self.state.borrow_mut();
            let steps = s.guide.topics.get(s.topic).map_or(0, |t| t.steps.len());
            match s.step {
                Some(i) if i + 1 < steps => {
                    s.step = Some(i + 1);
                    false
                }
                _ => true,
            }
        };
        if done {
            self.go(Screen::Topics);
        } else {
            self.render();
        }
    }

    fn previous(&self) {
        {
            let mut s = self.state.borrow_mut();
            s.step = Some(s.step.unwrap_or(0).saturating_sub(1));
        }
        self.render();
    }

    fn replay(&self) {
        self.play_current();
    }

    fn toggle_slow(&self) {
        let slow = {
            let mut s = self.state.borrow_mut();
            s.slow = !s.slow;
            s.slow
        };
        self.player.set_slow(slow);
        self.render();
    }

    fn toggle_contrast(&self) {
        if let Some(w) = self.window.upgrade() {
            let theme = w.global::<Theme>();
            theme.set_high_contrast(!theme.get_high_contrast());
        }
    }

    /// Reads the topic's title and the step on screen aloud, in the visitor's language.
    fn speak(&self) {
        let s = self.state.borrow();
        let Some(topic) = s.guide.topics.get(s.topic) else { return };
        let mut ids = vec![topic.title_id()];
        match s.step.and_then(|i| topic.steps.get(i)) {
            Some(step) => ids.push(topic.step_id(step)),
            None => ids.push(topic.summary_id()),
        }
        let segments: Vec<Segment> = ids
            .into_iter()
            .map(|id| Segment { text: s.guide.text(s.locale, &id), message: Some(id), fixed: true })
            .collect();
        let voice = Voice {
            locale: s.locale.tag().to_owned(),
            language: s.locale.language().to_owned(),
            rate: if s.slow { Rate::Slow } else { Rate::Normal },
            volume: 80,
        };
        if let Some(speaker) = self.speaker.borrow_mut().as_mut() {
            let _ = speaker.say(&voice, &segments);
        }
    }

    fn play_current(&self) {
        let s = self.state.borrow();
        let Some(topic) = s.guide.topics.get(s.topic) else { return };
        let clip_id = match s.step.and_then(|i| topic.steps.get(i)) {
            Some(step) => &step.sign,
            None => &topic.sign,
        };
        match s.guide.clip(clip_id) {
            Some(clip) => {
                if let Some(w) = self.window.upgrade() {
                    w.global::<SignAdapter>().set_sample(clip.sample);
                }
                self.player.play(clip.bytes.clone());
            }
            None => self.player.stop(),
        }
    }

    /// Puts the state on screen.
    fn render(&self) {
        let Some(w) = self.window.upgrade() else { return };
        {
            let s = self.state.borrow();
            let (g, l) = (&s.guide, s.locale);
            let a = w.global::<MirrorAdapter>();
            let t = |id: &str| SharedString::from(g.text(l, id));
            a.set_page(match s.screen {
                Screen::Attract => Page::Attract,
                Screen::Topics => Page::Topics,
                Screen::Topic => Page::Topic,
            });
            a.set_app_name(t("mirror-name"));
            a.set_attract_text(t("mirror-attract"));
            a.set_choose_text(t("mirror-choose"));
            a.set_label_next(t("mirror-next"));
            a.set_label_previous(t("mirror-previous"));
            a.set_label_topics(t("mirror-topics"));
            a.set_label_slow(t("mirror-slow"));
            a.set_label_replay(t("mirror-replay"));
            a.set_label_speak(t("mirror-speak"));
            a.set_label_text_size(t("mirror-text-size"));
            a.set_label_contrast(t("mirror-contrast"));
            a.set_label_sign(t("mirror-sign"));
            w.global::<SignAdapter>().set_sample_text(t("mirror-sample"));
            let topics: Vec<TopicItem> = g
                .topics
                .iter()
                .map(|topic| TopicItem {
                    id: topic.id.as_str().into(),
                    title: t(&topic.title_id()),
                    summary: t(&topic.summary_id()),
                })
                .collect();
            a.set_topics(ModelRc::new(VecModel::from(topics)));
            let languages: Vec<LanguageItem> = Locale::ALL
                .iter()
                .map(|x| LanguageItem { tag: x.tag().into(), name: x.endonym().into(), selected: *x == l })
                .collect();
            a.set_languages(ModelRc::new(VecModel::from(languages)));
            a.set_slow(s.slow);
            if let Some(topic) = g.topics.get(s.topic) {
                a.set_topic_title(t(&topic.title_id()));
                a.set_topic_summary(t(&topic.summary_id()));
                let n = s.step.map_or(0, |i| i + 1);
                let total = topic.steps.len();
                // The caption of what the clip signs; the introduction's (title and summary) is on
                // screen already.
                a.set_step_text(match s.step.and_then(|i| topic.steps.get(i)) {
                    Some(step) => t(&topic.step_id(step)),
                    None => SharedString::new(),
                });
                a.set_step_counter(
                    g.text_with(l, "mirror-step", &[("n", Arg::Num(n as i64)), ("total", Arg::Num(total as i64))])
                        .into(),
                );
                a.set_has_previous(s.screen == Screen::Topic && n > 1);
                a.set_has_next(s.screen == Screen::Topic);
            }
        }
        self.play_current();
    }

    /// The topics on screen, by title (tests and diagnostics).
    pub fn topic_titles(&self) -> Vec<String> {
        self.window.upgrade().map_or_else(Vec::new, |w| {
            w.global::<MirrorAdapter>().get_topics().iter().map(|t| t.title.to_string()).collect()
        })
    }
}
