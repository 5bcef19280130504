//! Compiles the mirror's Slint UI (`ui/mirror/`), with the debug information the UI tests use to
//! find elements by their accessible labels.

fn main() {
    let config = slint_build::CompilerConfiguration::new().with_debug_info(true);
    slint_build::compile_with_config("../ui/mirror/main.slint", config).expect("the Slint UI compiles");
    // invariant: a build error, shown by cargo
}
