use caricc_core::catalogue::{check_piece, Catalogue};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let name = std::path::Path::new(&path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let cat: Catalogue = check_piece(&name, &bytes).unwrap();
        let t1 = t.elapsed();
        let ix = cat.index(&name).unwrap();
        let t2 = t.elapsed();
        println!("parse {:?} index {:?} rows {}", t1, t2 - t1, ix.rows.len());
    }
}
