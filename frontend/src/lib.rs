//! The browser side: the islands' runtime. `components::islands` loads this only on a page with
//! an island, and hydrates each island with the function the app exports for it.

// Links the app, whose `#[island]`s are the exported functions.
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
