//! Which releases are new since the reader's last visit: the release ids
//! an archive had then are remembered in the browser's storage; those not
//! among them are marked on the releases list. A first visit marks none.

use std::cell::RefCell;

use std::sync::Arc;

use crate::browser;
use crate::ctx::Data;

thread_local! {
    /// The marks of the archive this page loaded, worked out once: the
    /// releases list shown again in the same visit keeps them.
    static NEW: RefCell<Option<(usize, Arc<Vec<bool>>)>> = const { RefCell::new(None) };
}

/// For each release of `data` (by index), whether it is new since the last
/// visit; remembers this visit's releases for the next.
pub fn new_releases(data: &Arc<Data>, archive: Option<&str>) -> Arc<Vec<bool>> {
    let this = Arc::as_ptr(data) as usize;
    NEW.with(|cell| {
        if let Some((of, marks)) = &*cell.borrow() {
            if *of == this {
                return Arc::clone(marks);
            }
        }
        // One key per archive a page may open (`archive=`), so that
        // another's releases are not "new".
        let key = format!("caricc.seen:{}", archive.unwrap_or(""));
        let releases = &data.index.releases;
        let marks: Vec<bool> = match browser::load_setting(&key) {
            Some(seen) => {
                let seen: std::collections::HashSet<&str> = seen.split('\n').collect();
                releases
                    .iter()
                    .map(|r| !seen.contains(r.id.as_str()))
                    .collect()
            }
            None => vec![false; releases.len()],
        };
        let ids: Vec<&str> = releases.iter().map(|r| r.id.as_str()).collect();
        browser::save_setting(&key, &ids.join("\n"));
        let marks = Arc::new(marks);
        *cell.borrow_mut() = Some((this, Arc::clone(&marks)));
        marks
    })
}
