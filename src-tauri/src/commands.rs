//! Tauri commands: each is one call into `minwon_engine::Kiosk`.

use minwon_engine::{Action, ApiError, Kiosk, View};
use std::collections::BTreeMap;
use tauri::State;

#[tauri::command]
pub fn view(kiosk: State<'_, Kiosk>) -> View {
    kiosk.view()
}

#[tauri::command]
pub fn act(kiosk: State<'_, Kiosk>, action: Action) -> Result<View, ApiError> {
    kiosk.act(action)
}

#[tauri::command]
pub fn texts(kiosk: State<'_, Kiosk>, locale: String) -> Result<BTreeMap<String, String>, ApiError> {
    kiosk.texts(&locale)
}
