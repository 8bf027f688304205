//! Files and folders, as each system has them. Linux and macOS have named pipes and devices
//! among their files and can flush a folder; Windows cannot open a folder as a file, and
//! cannot rename over a file another program has open, but has a call that replaces one.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

/// Options that open a file for reading without waiting: a named pipe with no writer would
/// otherwise hold the open call forever. What was opened is checked on the handle afterwards.
pub fn read_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// Which file `path` is, whatever name it is reached by: the device and the file's number
/// (one `stat`), so that a file named twice, or through a link, is counted once without
/// resolving every path. `None` where the system does not say (Windows, whose file index std
/// does not give yet): callers then compare resolved paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(u64, u64);

pub fn identity(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| FileId(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What a file system entry is, in words: "a named pipe (FIFO)", "a device", "a folder", ...
pub fn kind_words(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a link"
    } else if t.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

/// Puts the file `from` in the place of `to` in one step, so a reader sees the old file or
/// the new one, never a mix. `to` may or may not exist. On Windows a plain rename fails when
/// another program has `to` open (a report open in a viewer); the system's own replace call is
/// used there, and a sharing conflict (an indexer or a virus scanner reading the file for a
/// moment) is tried again for up to a second.
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        windows_replace(from, to)
    }
    #[cfg(not(windows))]
    {
        fs::rename(from, to)
    }
}

#[cfg(windows)]
fn windows_replace(from: &Path, to: &Path) -> io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::{ReplaceFileW, REPLACEFILE_IGNORE_MERGE_ERRORS};
    // The full path with the system's own separators: the replace call takes no `/`.
    let wide = |p: &Path| -> Vec<u16> {
        let full = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        full.as_os_str().encode_wide().chain([0]).collect()
    };
    let (from_w, to_w) = (wide(from), wide(to));
    let mut last = None;
    for _ in 0..20 {
        if !to.exists() {
            match fs::rename(from, to) {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        } else {
            // SAFETY: both arguments are NUL-terminated UTF-16 strings that outlive the call;
            // the optional arguments are null, as the call allows.
            let done = unsafe {
                ReplaceFileW(
                    to_w.as_ptr(),
                    from_w.as_ptr(),
                    std::ptr::null(),
                    REPLACEFILE_IGNORE_MERGE_ERRORS,
                    std::ptr::null(),
                    std::ptr::null(),
                )
            };
            if done != 0 {
                return Ok(());
            }
            last = Some(io::Error::last_os_error());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot replace the file")))
}

/// Flushes the files in `dir` and its entries to disk. On Linux one `syncfs` call flushes the
/// whole file system (a folder of ten thousand new files costs one call, not ten thousand); on
/// macOS and Windows each file is flushed, then (on macOS) the folder itself.
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let handle = fs::File::open(dir)?;
        rustix::fs::syncfs(&handle)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                // Flushing needs write access on Windows.
                OpenOptions::new()
                    .write(true)
                    .open(entry.path())?
                    .sync_all()?;
            }
        }
        sync_folder_entry(dir)
    }
}

/// Flushes a folder's own entries (the names in it) to disk, where a folder can be opened;
/// Windows journals names itself and cannot open a folder as a file.
pub fn sync_folder_entry(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Whether a file found on its own (a configuration in a folder above this one) may be trusted,
/// as git trusts a repository after CVE-2022-24765: it belongs to this user (or to the system's
/// administrator: root, SYSTEM, Administrators), and on Linux and macOS no one else may change
/// it (not writable by its group or by everyone). Else why not, in words.
pub fn trusted_owner(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).map_err(|e| crate::error::io_words(&e))?;
        // SAFETY: geteuid has no arguments and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me && meta.uid() != 0 {
            return Err(format!(
                "it belongs to another user (user id {}), who could change what your reports say",
                meta.uid()
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(
                "other users may change it (it is writable by its group or by everyone)".into(),
            );
        }
        Ok(())
    }
    #[cfg(windows)]
    {
        windows_owner::check(path)
    }
}

#[cfg(windows)]
mod windows_owner {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use windows_sys::Win32::Foundation::{CloseHandle, LocalFree, HANDLE};
    use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SE_FILE_OBJECT};
    use windows_sys::Win32::Security::{
        EqualSid, GetTokenInformation, IsWellKnownSid, TokenUser, WinBuiltinAdministratorsSid,
        WinLocalSystemSid, OWNER_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID, TOKEN_QUERY,
        TOKEN_USER,
    };
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    pub(super) fn check(path: &Path) -> Result<(), String> {
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let wide: Vec<u16> = full.as_os_str().encode_wide().chain([0]).collect();
        let mut owner: PSID = std::ptr::null_mut();
        let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        // SAFETY: every pointer passed is to a local we own or null, as the calls allow; the
        // descriptor the system allocates is freed with LocalFree, the token closed.
        unsafe {
            let err = GetNamedSecurityInfoW(
                wide.as_ptr(),
                SE_FILE_OBJECT,
                OWNER_SECURITY_INFORMATION,
                &mut owner,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut descriptor,
            );
            if err != 0 {
                return Err("its owner cannot be read".into());
            }
            let trusted = is_me(owner)
                || IsWellKnownSid(owner, WinBuiltinAdministratorsSid) != 0
                || IsWellKnownSid(owner, WinLocalSystemSid) != 0;
            LocalFree(descriptor as _);
            if trusted {
                Ok(())
            } else {
                Err("it belongs to another user, who could change what your reports say".into())
            }
        }
    }

    /// Whether `sid` is the user this process runs as.
    unsafe fn is_me(sid: PSID) -> bool {
        let mut token: HANDLE = std::ptr::null_mut();
        if OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) == 0 {
            return false;
        }
        let mut buffer = vec![0u8; 256];
        let mut needed = 0u32;
        let ok = GetTokenInformation(
            token,
            TokenUser,
            buffer.as_mut_ptr().cast(),
            buffer.len() as u32,
            &mut needed,
        );
        CloseHandle(token);
        if ok == 0 {
            return false;
        }
        let user = &*(buffer.as_ptr() as *const TOKEN_USER);
        EqualSid(user.User.Sid, sid) != 0
    }
}

/// A builder for folders only this user can read (mode 0700 on Linux and macOS; on Windows a
/// new folder in the user's own temporary folder is private already).
pub fn private_dir_builder() -> fs::DirBuilder {
    #[allow(unused_mut)]
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_puts_the_new_file_in_place_existing_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.tmp"), dir.path().join("b.txt"));
        fs::write(&a, "one").unwrap();
        replace(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "one");
        fs::write(&a, "two").unwrap();
        replace(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "two");
        assert!(!a.exists());
    }

    #[test]
    fn a_folder_of_new_files_is_flushed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.yaml"), "x").unwrap();
        sync_folder(dir.path()).unwrap();
        sync_folder_entry(dir.path()).unwrap();
    }

    #[test]
    fn my_own_file_is_trusted_and_one_others_may_change_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("learnlead.yaml");
        fs::write(&p, "title: T\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
            assert_eq!(trusted_owner(&p), Ok(()));
            fs::set_permissions(&p, fs::Permissions::from_mode(0o666)).unwrap();
            let why = trusted_owner(&p).unwrap_err();
            assert!(why.contains("other users may change it"), "{why}");
        }
        #[cfg(not(unix))]
        assert_eq!(trusted_owner(&p), Ok(()));
    }

    #[test]
    fn kinds_read_as_words() {
        let dir = tempfile::tempdir().unwrap();
        let t = fs::metadata(dir.path()).unwrap().file_type();
        assert_eq!(kind_words(&t), "a folder");
    }
}
