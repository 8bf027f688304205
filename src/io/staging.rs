//! All or nothing for a set of files: the set is built in a private folder beside its
//! destination, then moved into place in one step. A run that fails or is stopped (Ctrl-C, a
//! full disk, a kill) leaves the destination as it was; the folder being built is removed
//! (see [`crate::io::cleanup`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::cleanup::Guard;

/// A folder being built beside `dest`.
#[derive(Debug)]
pub struct Staging {
    guard: Guard,
    dest: PathBuf,
}

impl Staging {
    /// A new, empty, private folder beside `dest` (whose parent is created if missing). A
    /// `dest` that is a link is followed: the folder it points to is the destination, and the
    /// link stays.
    pub fn beside(dest: &Path) -> Result<Staging> {
        let dest = &crate::io::output::follow_link(dest)?;
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        let name = dest
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let guard = private_dir(&parent, |n| {
            format!(".{name}.learnlead-{}-{n}.tmp", std::process::id())
        })?;
        Ok(Staging {
            guard,
            dest: dest.clone(),
        })
    }

    /// The folder being built.
    pub fn path(&self) -> &Path {
        self.guard.path()
    }

    /// Flushes every file written in the folder to disk, in one call where the system has one.
    pub fn sync(&self) -> Result<()> {
        sync_folder(self.path())
    }

    /// Makes the folder the destination, which must not exist or be empty: one rename, so the
    /// destination is never half made. When the destination has files (made meanwhile by
    /// another run), nothing is moved and the staging is handed back, to merge instead.
    pub fn rename_into_place(self) -> Result<Option<Staging>> {
        match fs::rename(self.path(), &self.dest) {
            Ok(()) => {
                // Where the folder is now, it is kept; the working name is gone.
                self.guard.keep();
                let _ = crate::platform::files::sync_folder_entry(&self.dest);
                Ok(None)
            }
            Err(_) if is_non_empty_dir(&self.dest) => Ok(Some(self)),
            Err(e) => Err(Error::write(&self.dest, e)),
        }
    }

    /// Replaces the destination folder, whatever it holds, with this one: the old folder is
    /// moved aside, this one takes its name, and the old one is removed. Nothing of the old
    /// content stays among the new.
    pub fn replace(self) -> Result<()> {
        let aside = self.path().with_extension("old");
        fs::rename(&self.dest, &aside).map_err(|e| Error::write(&self.dest, e))?;
        let old = Guard::new(aside.clone());
        if let Err(e) = fs::rename(self.path(), &self.dest) {
            // Put the old folder back: the destination stays as it was.
            let _ = fs::rename(&aside, &self.dest);
            old.keep();
            return Err(Error::write(&self.dest, e));
        }
        self.guard.keep();
        drop(old);
        Ok(())
    }

    /// Moves every file of the folder into the destination folder, which exists and has files
    /// of its own: each under its name, or the next free one (`NAME-2.yaml`), never replacing a
    /// file. If one cannot be moved, those already moved are taken back out, so the
    /// destination ends as it was. Returns the new paths, in the folder's name order.
    pub fn merge_into(self, rename: impl Fn(&str, usize) -> String) -> Result<Vec<PathBuf>> {
        let mut names: Vec<String> = fs::read_dir(self.path())
            .map_err(|e| Error::read(self.path(), e))?
            .filter_map(std::result::Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut moved: Vec<PathBuf> = Vec::with_capacity(names.len());
        for name in &names {
            match link_free(&self.path().join(name), &self.dest, name, &rename) {
                Ok(p) => moved.push(p),
                Err(e) => {
                    for p in &moved {
                        let _ = fs::remove_file(p);
                    }
                    return Err(e);
                }
            }
        }
        sync_folder(&self.dest)?;
        Ok(moved)
    }
}

/// Links `src` into `dir` under `name`, or `rename(name, n)` for n = 2, 3, ...: the first name
/// no file has.
fn link_free(
    src: &Path,
    dir: &Path,
    name: &str,
    rename: &impl Fn(&str, usize) -> String,
) -> Result<PathBuf> {
    for n in 1..=100_000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(rename(name, n))
        };
        match fs::hard_link(src, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::write(&candidate, e)),
        }
    }
    Err(Error::NoFreeName {
        folder: dir.to_path_buf(),
        like: name.to_string(),
    })
}

fn is_non_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_some())
}

/// A new folder in `parent`, readable by this user only (mode 0700), under the first name
/// `name(n)` that is free; removed when the guard is dropped or the process is stopped.
pub fn private_dir(parent: &Path, name: impl Fn(u32) -> String) -> Result<Guard> {
    let builder = crate::platform::files::private_dir_builder();
    for n in 0..1000u32 {
        let path = parent.join(name(n));
        match builder.create(&path) {
            Ok(()) => return Ok(Guard::new(path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::write(&path, e)),
        }
    }
    Err(Error::Internal(format!(
        "no free name for a working folder in {}",
        parent.display()
    )))
}

/// Flushes a folder's files and entries to disk (see [`crate::platform::files::sync_folder`]).
fn sync_folder(dir: &Path) -> Result<()> {
    crate::platform::files::sync_folder(dir).map_err(|e| Error::write(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage_two(dest: &Path) -> Staging {
        let s = Staging::beside(dest).unwrap();
        fs::write(s.path().join("ana.yaml"), "a").unwrap();
        fs::write(s.path().join("bo.yaml"), "b").unwrap();
        s
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn a_new_folder_appears_whole() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("out");
        assert!(stage_two(&dest).rename_into_place().unwrap().is_none());
        assert_eq!(names(&dest), ["ana.yaml", "bo.yaml"]);
        assert_eq!(names(root.path()), ["out"], "no working folder is left");
    }

    #[test]
    fn a_dropped_staging_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("out");
        drop(stage_two(&dest));
        assert!(names(root.path()).is_empty());
    }

    #[test]
    fn merging_keeps_existing_files_and_takes_free_names() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("out");
        fs::create_dir(&dest).unwrap();
        fs::write(dest.join("ana.yaml"), "earlier").unwrap();
        let s = stage_two(&dest)
            .rename_into_place()
            .unwrap()
            .expect("handed back");
        let moved = s.merge_into(crate::io::names::renumbered).unwrap();
        assert_eq!(moved.len(), 2);
        assert_eq!(names(&dest), ["ana-2.yaml", "ana.yaml", "bo.yaml"]);
        assert_eq!(
            fs::read_to_string(dest.join("ana.yaml")).unwrap(),
            "earlier"
        );
        assert_eq!(names(root.path()), ["out"]);
    }

    #[test]
    fn replacing_leaves_none_of_the_old_content() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("out");
        fs::create_dir_all(dest.join("reports")).unwrap();
        fs::write(dest.join("reports/ana.html"), "named").unwrap();
        stage_two(&dest).replace().unwrap();
        assert_eq!(names(&dest), ["ana.yaml", "bo.yaml"]);
        assert_eq!(names(root.path()), ["out"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_destination_that_is_a_link_is_followed_and_kept() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("old.yaml"), "old").unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        stage_two(&link).replace().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(&real), ["ana.yaml", "bo.yaml"]);
        // An empty folder behind a link is filled, the link kept.
        let empty = root.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let link2 = root.path().join("link2");
        std::os::unix::fs::symlink(&empty, &link2).unwrap();
        assert!(stage_two(&link2).rename_into_place().unwrap().is_none());
        assert!(fs::symlink_metadata(&link2)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(&empty), ["ana.yaml", "bo.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_working_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let s = Staging::beside(&root.path().join("out")).unwrap();
        let mode = fs::metadata(s.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
