//! Titles as the app shows them: a published site carries them in display
//! case (the publish step computes it); a whole archive in memory (the
//! portable file) has them cased here.

use caricc_core::model::Event;

/// An event's title as shown. A published site's pieces carry it in
/// display case already (the publish step computes it, so the web build
/// has no title-casing code); a whole archive in memory computes it here.
pub fn event_title(e: &Event) -> String {
    #[cfg(feature = "whole-archive")]
    return caricc_core::title::display_title_in(&e.title, &e.body);
    #[cfg(not(feature = "whole-archive"))]
    e.title.clone()
}

/// A release's title as shown: see [`event_title`].
pub fn release_title(title: &str) -> String {
    #[cfg(feature = "whole-archive")]
    return caricc_core::title::display_title(title);
    #[cfg(not(feature = "whole-archive"))]
    title.to_string()
}
