//! The kiosk binary: everything happens in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(minwon_kiosk::run());
}
