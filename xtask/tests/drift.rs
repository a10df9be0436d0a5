//! The committed corpus and schemas equal what the generators produce: regenerate with
//! `cargo xtask vectors` and `cargo xtask schema`.

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

#[test]
fn committed_schemas_match_the_generator() {
    let dir = xtask::workspace_root().join("docs/schema");
    let files = xtask::schema::files();
    assert!(files.len() > 1);
    for (name, contents) in &files {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
            panic!("docs/schema/{name} is missing ({e}): run `cargo xtask schema`")
        });
        assert!(
            &committed == contents,
            "docs/schema/{name} drifted from its generator: run `cargo xtask schema` and commit"
        );
    }
    // No schema of a type that no longer exists.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            files.iter().any(|(n, _)| *n == name),
            "docs/schema/{name} is not generated any more: delete it"
        );
    }
}
