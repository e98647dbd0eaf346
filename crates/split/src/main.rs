//! `caricc-split IN.wasm OUT_DIR MAIN_NAME`: cuts the app's wasm (built with
//! the `split` feature and `-Clink-args=--emit-relocs`) at its split points
//! (`src/split.rs`) into `OUT_DIR/MAIN_NAME.wasm`, which wasm-bindgen then
//! processes as usual, one wasm chunk per split module and the loader
//! `__wasm_split.js` the main module imports. Prints the chunks' names.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_name] = args.as_slice() else {
        eprintln!("usage: caricc-split IN.wasm OUT_DIR MAIN_NAME");
        return ExitCode::from(2);
    };
    let wasm = match std::fs::read(input) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("caricc-split: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out_dir = PathBuf::from(out_dir);
    let main_out = out_dir.join(format!("{main_name}.wasm"));
    let main_module = format!("./{main_name}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = &out_dir;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    match wasm_split_cli_support::transform(opts) {
        Ok(split) => {
            for m in split.split_modules {
                println!("{}", m.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("caricc-split: cannot split {input}: {e:#}");
            ExitCode::FAILURE
        }
    }
}
