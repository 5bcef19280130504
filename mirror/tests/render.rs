//! Every page rendered headless by the software renderer, in Korean and English (and one in high
//! contrast at 200%), saved to tests/out/mirror-*.png to look at; each is checked not to be blank,
//! the signer to fill at least a sixth of the screen, and Korean to be drawn as glyphs, not boxes:
//! two different Korean titles must render differently.

use minwon_mirror::headless::{self, Picture};
use minwon_mirror::{Guide, Mirror, MirrorAdapter, MirrorWindow, SignAdapter, Theme};
use slint::ComponentHandle;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const W: u32 = 1080;
const H: u32 = 1920;

fn out() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/out");
    std::fs::create_dir_all(&dir).expect("tests/out");
    dir
}

fn save(p: &Picture, name: &str) {
    let img = image::RgbImage::from_raw(p.width, p.height, p.rgb.clone()).expect("a whole picture");
    img.save(out().join(format!("mirror-{name}.png"))).expect("saved");
}

/// The first frame of a clip, as the player would hand it over.
fn first_frame(guide: &Guide, clip: &str) -> slint::Image {
    use image::AnimationDecoder;
    let bytes = guide.clip(clip).expect("the clip ships").bytes.clone();
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes.to_vec())).expect("webp");
    let frame = decoder.into_frames().next().expect("a frame").expect("decodes").into_buffer();
    let (w, h) = frame.dimensions();
    slint::Image::from_rgba8(slint::SharedPixelBuffer::clone_from_slice(frame.as_raw(), w, h))
}

fn press(window: &MirrorWindow, label: &str) {
    let adapter = window.global::<MirrorAdapter>();
    match label {
        "start" => adapter.invoke_touch_start(),
        "next" => adapter.invoke_next(),
        l => adapter.invoke_set_language(l.into()),
    }
}

#[test]
fn every_page_renders_in_korean_and_english_with_glyphs_and_a_large_signer() {
    let surface = headless::install(W, H).expect("headless platform");
    let window = MirrorWindow::new().expect("window");
    window.show().expect("shown");
    let root = minwon_engine::assets::default_root();
    let guide = Guide::load(&root, "ksl").expect("topics");
    let frame = first_frame(&guide, "topic-passport-reissue-bring");
    let _mirror = Mirror::setup(&window, Guide::load(&root, "ksl").expect("topics"), None, Arc::new(Mutex::new(None)));
    let sign = window.global::<SignAdapter>();
    let background = [0xf4, 0xf1, 0xea];

    let mut shots = Vec::new();
    for lang in ["ko", "en"] {
        press(&window, lang);
        sign.set_frame(frame.clone());
        let attract = headless::draw(&surface);
        save(&attract, &format!("{lang}-attract"));
        press(&window, "start");
        let topics = headless::draw(&surface);
        save(&topics, &format!("{lang}-topics"));
        window.global::<MirrorAdapter>().invoke_choose_topic(0);
        sign.set_frame(frame.clone());
        let topic = headless::draw(&surface);
        save(&topic, &format!("{lang}-topic"));
        window.global::<MirrorAdapter>().invoke_show_topics();
        shots.push((lang, attract, topics, topic));
    }
    for (lang, attract, topics, topic) in &shots {
        for (page, p) in [("attract", attract), ("topics", topics), ("topic", topic)] {
            assert!(p.distinct_colours() > 40, "{lang} {page}: not blank ({} colours)", p.distinct_colours());
            assert!(p.ink(0, 0, W, H, background) > (W * H / 50) as usize, "{lang} {page}: something is drawn");
        }
        // The signer: the box the clip's light grey stage spans covers at least 1/6 of the screen.
        let (mut x0, mut y0, mut x1, mut y1) = (W, H, 0, 0);
        for (i, px) in topic.rgb.chunks_exact(3).enumerate() {
            let near = |v: u8, want: i32| (i32::from(v) - want).abs() < 6;
            if near(px[0], 0xe8) && near(px[1], 0xec) && near(px[2], 0xf0) {
                let (x, y) = (i as u32 % W, i as u32 / W);
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
        let area = (x1.saturating_sub(x0) as u64) * (y1.saturating_sub(y0) as u64);
        assert!(area * 6 >= u64::from(W * H), "{lang}: the signer covers {area} px, under a sixth of the screen");
    }

    // Korean glyphs: two different titles of the same length render differently (boxes would not).
    press(&window, "ko");
    window.global::<MirrorAdapter>().invoke_choose_topic(0);
    let adapter = window.global::<MirrorAdapter>();
    adapter.set_topic_title("여권재발급".into());
    let a = headless::draw(&surface);
    adapter.set_topic_title("가나다라마".into());
    let b = headless::draw(&surface);
    let (x, y, w, h) = (40, 40, 700, 100);
    assert!(a.ink(x, y, w, h, background) > 800, "the title is drawn");
    assert_ne!(a.crop(x, y, w, h), b.crop(x, y, w, h), "different Korean words, different pixels: glyphs, not boxes");

    // High contrast at 200%.
    window.global::<MirrorAdapter>().invoke_choose_topic(0);
    window.global::<Theme>().set_text_scale(2.0);
    window.global::<Theme>().set_high_contrast(true);
    sign.set_frame(frame);
    let hc = headless::draw(&surface);
    save(&hc, "ko-topic-high-contrast-200");
    assert!(hc.ink(0, 0, W, H, [0, 0, 0]) > (W * H / 50) as usize);
}
