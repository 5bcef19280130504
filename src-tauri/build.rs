//! Generates the Tauri context and the permissions of our own commands (and nothing else).

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(&["view", "act", "texts"]));
    tauri_build::try_build(attributes).expect("the Tauri configuration is valid");
}
