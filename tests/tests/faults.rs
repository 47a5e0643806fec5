//! Faults and hostile data (issue 19): files written whole or not at all,
//! a partner's extreme values refused at admission, no panic that bricks
//! the store.

mod common;

use tandem_ffi::{FileAccess, TandemError};

#[test]
fn write_file_refuses_bad_paths_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.tandem");
    let path = target.to_str().unwrap().to_owned();
    for bad in ["", "a\0b"] {
        assert!(matches!(
            tandem_ffi::write_file(bad.into(), vec![1], FileAccess::Shared),
            Err(TandemError::InvalidInput { .. })
        ));
    }
    tandem_ffi::write_file(path.clone(), b"old".to_vec(), FileAccess::Private).unwrap();
    tandem_ffi::write_file(path.clone(), b"new".to_vec(), FileAccess::Private).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    // A key is never written over.
    match tandem_ffi::write_file(path.clone(), b"key".to_vec(), FileAccess::PrivateNew) {
        Err(TandemError::Storage { reason }) => {
            assert!(reason.contains("already exists"), "{reason}");
            assert!(reason.contains("previous file is unchanged"), "{reason}");
            assert!(!reason.contains("backup.tandem"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    let missing = dir.path().join("gone").join("x");
    assert!(matches!(
        tandem_ffi::write_file(
            missing.to_str().unwrap().into(),
            vec![1],
            FileAccess::Shared
        ),
        Err(TandemError::Storage { .. })
    ));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}
