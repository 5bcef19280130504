//! minwon-coverage: prints, per locale and sign language, which messages lack a recorded prompt or a clip.
//!
//! `minwon-coverage [ROOT]` (default: the repository the binary was built from).

fn main() {
    let root =
        std::env::args().nth(1).map(std::path::PathBuf::from).unwrap_or_else(minwon_engine::assets::default_root);
    match minwon_engine::coverage::coverage(&root) {
        Ok(c) => print!("{}", c.report()),
        Err(e) => {
            eprintln!("minwon-coverage: {e} ({})", e.code());
            std::process::exit(1);
        }
    }
}
