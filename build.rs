//! Link options of the app's wasm. The web build's wasm split (feature
//! `split`, src/split.rs, crates/split) cuts the linked module at its split
//! points, which needs the linker's relocations: only that build keeps them
//! (the portable build and the tests link as usual).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if split && wasm {
        println!("cargo::rustc-link-arg-bin=caricc-archive=--emit-relocs");
    }
}
