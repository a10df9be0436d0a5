//! `uniffi-bindgen generate --library target/debug/libhrid_kotlin.so --language kotlin ...`:
//! the generator, built from the same pinned uniffi as the library so the two always agree.

fn main() {
    uniffi::uniffi_bindgen_main()
}
