//! The mirror's controls through Slint's testing backend: every control is found by its accessible
//! label and activated (a topic, next step, slow play, a language, text size, contrast), and every
//! control on every page has a label.

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use minwon_mirror::{Guide, Mirror, MirrorAdapter, MirrorWindow, Page, Theme};
use slint::ComponentHandle;
use std::sync::{Arc, Mutex};

fn mirror() -> (MirrorWindow, std::rc::Rc<Mirror>) {
    i_slint_backend_testing::init_no_event_loop();
    let window = MirrorWindow::new().expect("the window");
    let guide = Guide::load(&minwon_engine::assets::default_root(), "ksl").expect("the shipped topics");
    let mirror = Mirror::setup(&window, guide, None, Arc::new(Mutex::new(None)));
    (window, mirror)
}

fn press(window: &MirrorWindow, label: &str) {
    // Texts carry their words as a label too; the control is the one with a button's role.
    let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(window, label)
        .filter(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .collect();
    assert_eq!(found.len(), 1, "one control labelled {label:?}");
    found[0].invoke_accessible_default_action();
}

/// Every button on screen has a non-empty accessible label.
fn every_button_is_labelled(window: &MirrorWindow, page: &str) -> usize {
    let buttons = window.root_element().query_descendants().match_accessible_role(AccessibleRole::Button).find_all();
    for b in &buttons {
        let label = b.accessible_label().unwrap_or_default();
        assert!(!label.trim().is_empty(), "a button without a label on the {page} page");
    }
    buttons.len()
}

#[test]
fn a_visitor_finds_every_control_by_its_label() {
    let (window, _mirror) = mirror();
    let a = window.global::<MirrorAdapter>();
    assert_eq!(a.get_page(), Page::Attract);
    assert!(every_button_is_labelled(&window, "attract") >= 1);

    press(&window, "화면을 누르면 안내를 시작합니다");
    assert_eq!(a.get_page(), Page::Topics);
    assert!(every_button_is_labelled(&window, "topics") >= 5 + 5 + 4, "topics, languages, sizes, contrast");

    press(&window, "여권 재발급");
    assert_eq!(a.get_page(), Page::Topic);
    assert_eq!(a.get_topic_title(), "여권 재발급");
    assert_eq!(a.get_step_counter(), "1 / 4 단계");
    assert!(a.get_step_text().contains("여권 사진"));
    assert!(every_button_is_labelled(&window, "topic") >= 10);

    press(&window, "다음");
    assert_eq!(a.get_step_counter(), "2 / 4 단계");
    press(&window, "이전");
    assert_eq!(a.get_step_counter(), "1 / 4 단계");

    press(&window, "천천히 보기");
    assert!(a.get_slow(), "slow play on");

    press(&window, "English");
    assert_eq!(a.get_topic_title(), "Passport reissue");
    assert_eq!(a.get_step_counter(), "Step 1 of 4");
    press(&window, "Text size 200%");
    assert_eq!(window.global::<Theme>().get_text_scale(), 2.0);
    press(&window, "High contrast");
    assert!(window.global::<Theme>().get_high_contrast());

    press(&window, "Tiếng Việt");
    for _ in 0..3 {
        press(&window, "Tiếp theo");
    }
    assert_eq!(a.get_step_counter(), "Bước 4 / 4");
    press(&window, "Tiếp theo");
    assert_eq!(a.get_page(), Page::Topics, "after the last step, the topics again");
    press(&window, "Quầy số 3 ở đâu?");
    assert_eq!(a.get_topic_title(), "Quầy số 3 ở đâu?");
    press(&window, "Hướng dẫn khác");
    assert_eq!(a.get_page(), Page::Topics);
}

#[test]
fn an_idle_mirror_goes_back_to_the_attract_loop_and_its_defaults() {
    let (window, mirror) = mirror();
    let a = window.global::<MirrorAdapter>();
    press(&window, "화면을 누르면 안내를 시작합니다");
    press(&window, "English");
    press(&window, "Lost-item report");
    press(&window, "High contrast");
    let later = std::time::Instant::now() + minwon_mirror::controller::IDLE_RESET + std::time::Duration::from_secs(1);
    mirror.tick(later);
    assert_eq!(a.get_page(), Page::Attract);
    assert_eq!(a.get_attract_text(), "화면을 누르면 안내를 시작합니다", "back to Korean");
    assert!(!window.global::<Theme>().get_high_contrast());
    // The attract loop moves through the topic's steps, then to the next topic.
    let first = a.get_topic_title();
    let mut t = later;
    for _ in 0..10 {
        t += minwon_mirror::controller::ATTRACT_STEP;
        mirror.tick(t);
    }
    assert_ne!(a.get_topic_title(), first, "another topic after a while");
}

#[test]
fn read_aloud_says_the_topic_and_the_step_in_the_visitors_language() {
    i_slint_backend_testing::init_no_event_loop();
    let window = MirrorWindow::new().expect("the window");
    let guide = Guide::load(&minwon_engine::assets::default_root(), "ksl").expect("the shipped topics");
    let transcript = minwon_hardware::speech::Transcript::default();
    let said = transcript.said.clone();
    let _mirror = Mirror::setup(&window, guide, Some(Box::new(transcript)), Arc::new(Mutex::new(None)));
    press(&window, "화면을 누르면 안내를 시작합니다");
    press(&window, "Tiếng Việt");
    press(&window, "Khai báo chuyển đến");
    press(&window, "Chậm hơn");
    press(&window, "Đọc to");
    let said = said.lock().expect("lock");
    let (voice, segments) = said.last().expect("something was said");
    assert_eq!(
        (voice.locale.as_str(), voice.rate),
        ("vi", minwon_hardware::speech::Rate::Slow),
        "her language, slowly"
    );
    let ids: Vec<&str> = segments.iter().filter_map(|s| s.message.as_deref()).collect();
    assert_eq!(ids, ["mirror-topic-moving-in", "mirror-topic-moving-in-step-when"]);
    assert!(segments[1].text.contains("14 ngày"), "{}", segments[1].text);
    assert!(segments.iter().all(|s| s.fixed), "fixed texts: a recorded prompt may stand in");
}
