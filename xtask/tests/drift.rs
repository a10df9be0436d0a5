//! The committed corpus equals what the generator produces: regenerate with `cargo xtask vectors`.

#[test]
fn committed_vectors_match_the_generator() {
    let dir = xtask::workspace_root().join("test-vectors");
    let corpus = xtask::corpus();
    assert!(!corpus.is_empty());
    for (name, contents) in corpus {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
            panic!("test-vectors/{name} is missing ({e}): run `cargo xtask vectors`")
        });
        assert!(
            committed == contents,
            "test-vectors/{name} drifted from its generator: run `cargo xtask vectors` and commit"
        );
    }
}
