// wasi_files: conformance checks of a WASI host's files, directories, rights and errnos, made
// through the preview1 calls themselves (wasi/api.h), so each errno is the host's own.
// The host preopens one directory as fd 3 holding hello.txt ("hello"), dir/inner.txt ("inner")
// and an empty directory "empty". Each check prints one line: "check NAME ok", or
// "check NAME FAIL: what". The exit code is the number of failed checks.
#include "wasi_check.h"

// Opens `path` under the preopen; `rights` ALL means every right the preopen passes on.
static __wasi_fd_t open_at(const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights,
                           __wasi_fdflags_t fdflags, __wasi_errno_t *err) {
  __wasi_fd_t fd = 0;
  if (rights == ALL) rights = inheriting;
  *err = __wasi_path_open(ROOT, 0, path, oflags, rights & inheriting, inheriting, fdflags, &fd);
  return fd;
}

static const char *check_pread(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  char buf[8] = {0};
  __wasi_iovec_t iov = {(uint8_t *)buf, 3};
  __wasi_size_t n = 0;
  if ((e = __wasi_fd_pread(fd, &iov, 1, 1, &n))) return want(e, 0);
  if (n != 3 || memcmp(buf, "ell", 3) != 0) return "pread at 1 did not read \"ell\"";
  __wasi_filesize_t pos = 99;
  if ((e = __wasi_fd_tell(fd, &pos))) return want(e, 0);
  if (pos != 0) return fail("position after pread", pos, 0);
  return want(__wasi_fd_close(fd), 0);
}

static const char *check_pwrite(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  __wasi_ciovec_t iov = {(const uint8_t *)"XY", 2};
  __wasi_size_t n = 0;
  if ((e = __wasi_fd_pwrite(fd, &iov, 1, 5, &n))) return want(e, 0);
  if (n != 2) return fail("pwrite wrote", n, 2);
  __wasi_filestat_t st;
  if ((e = __wasi_fd_filestat_get(fd, &st))) return want(e, 0);
  if (st.size != 7) return fail("size after pwrite at 5", st.size, 7);
  __wasi_filesize_t pos = 99;
  if ((e = __wasi_fd_tell(fd, &pos))) return want(e, 0);
  if (pos != 0) return fail("position after pwrite", pos, 0);
  return want(__wasi_fd_close(fd), 0);
}

static const char *check_set_size(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  if ((e = __wasi_fd_filestat_set_size(fd, 2))) return want(e, 0);
  if ((e = __wasi_fd_filestat_set_size(fd, 4))) return want(e, 0);
  char buf[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  __wasi_iovec_t iov = {(uint8_t *)buf, 8};
  __wasi_size_t n = 0;
  if ((e = __wasi_fd_pread(fd, &iov, 1, 0, &n))) return want(e, 0);
  if (n != 4) return fail("bytes after truncate to 2 and extend to 4", n, 4);
  if (buf[0] != 'h' || buf[1] != 'e' || buf[2] != 0 || buf[3] != 0) return "not \"he\\0\\0\"";
  return want(__wasi_fd_close(fd), 0);
}

static const char *check_renumber(void) {
  __wasi_errno_t e;
  __wasi_fd_t a = open_at("dir/inner.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  __wasi_fd_t b = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  if ((e = __wasi_fd_renumber(a, b))) return want(e, 0);
  char buf[8] = {0};
  __wasi_iovec_t iov = {(uint8_t *)buf, 5};
  __wasi_size_t n = 0;
  if ((e = __wasi_fd_read(b, &iov, 1, &n))) return want(e, 0);
  if (n != 5 || memcmp(buf, "inner", 5) != 0) return "the new number does not read the old file";
  if ((e = __wasi_fd_close(a)) != __WASI_ERRNO_BADF) return want(e, __WASI_ERRNO_BADF);
  return want(__wasi_fd_close(b), 0);
}

static const char *check_rename(void) {
  __wasi_errno_t e;
  __wasi_filestat_t before, st;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &before))) return want(e, 0);
  if ((e = __wasi_path_rename(ROOT, "hello.txt", ROOT, "dir/moved.txt"))) return want(e, 0);
  const char *why = NULL;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &st)) != __WASI_ERRNO_NOENT) {
    why = want(e, __WASI_ERRNO_NOENT);
  } else if ((e = __wasi_path_filestat_get(ROOT, 0, "dir/moved.txt", &st))) {
    why = want(e, 0);
  } else if (st.size != before.size) {
    why = fail("size of the moved file", st.size, before.size);
  }
  e = __wasi_path_rename(ROOT, "dir/moved.txt", ROOT, "hello.txt");
  return why ? why : want(e, 0);
}

static const char *check_rename_dir_into_itself(void) {
  return want(__wasi_path_rename(ROOT, "dir", ROOT, "dir/sub"), __WASI_ERRNO_INVAL);
}

static const char *check_rename_over_nonempty_dir(void) {
  return want(__wasi_path_rename(ROOT, "empty", ROOT, "dir"), __WASI_ERRNO_NOTEMPTY);
}

static const char *check_set_times_flags(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  e = __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW);
  close_fd(fd);
  return want(e, __WASI_ERRNO_INVAL);
}

static const char *check_set_times(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, 0, &e);
  if (e) return want(e, 0);
  const __wasi_timestamp_t t = 1000000000ull * 86400 * 365;
  if ((e = __wasi_fd_filestat_set_times(fd, t, t + 5000, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM))) {
    return want(e, 0);
  }
  __wasi_filestat_t st;
  if ((e = __wasi_fd_filestat_get(fd, &st))) return want(e, 0);
  close_fd(fd);
  if (st.atim / 1000000000ull != t / 1000000000ull) return fail("atim s", st.atim / 1000000000ull, t / 1000000000ull);
  if (st.mtim / 1000 != (t + 5000) / 1000) return fail("mtim us", st.mtim / 1000, (t + 5000) / 1000);
  return NULL;
}

static const char *check_inodes(void) {
  __wasi_errno_t e;
  __wasi_filestat_t a, b, a2;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &a))) return want(e, 0);
  if ((e = __wasi_path_filestat_get(ROOT, 0, "dir/inner.txt", &b))) return want(e, 0);
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &a2))) return want(e, 0);
  if (a.ino == 0 || b.ino == 0) return "an inode number is 0";
  if (a.ino == b.ino) return "two files share an inode number";
  if (a.ino != a2.ino) return "an inode number changed between two stats";
  return NULL;
}

// Reads the directory at fd `dir` and finds `name`: its d_ino, or 0 if absent.
static __wasi_inode_t dirent_ino(__wasi_fd_t dir, const char *name, int *found) {
  static uint8_t buf[4096];
  __wasi_size_t used = 0;
  *found = 0;
  if (__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used)) return 0;
  for (__wasi_size_t at = 0; at + sizeof(__wasi_dirent_t) <= used;) {
    __wasi_dirent_t d;
    memcpy(&d, buf + at, sizeof d);
    const char *n = (const char *)buf + at + sizeof d;
    if (d.d_namlen == strlen(name) && memcmp(n, name, d.d_namlen) == 0) {
      *found = 1;
      return d.d_ino;
    }
    at += sizeof d + d.d_namlen;
  }
  return 0;
}

static const char *check_readdir_inodes(void) {
  __wasi_filestat_t st;
  __wasi_errno_t e;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &st))) return want(e, 0);
  int found;
  __wasi_inode_t ino = dirent_ino(ROOT, "hello.txt", &found);
  if (!found) return "hello.txt is not listed";
  if (ino == 0) return "readdir gives d_ino 0";
  if (ino != st.ino) return "readdir's d_ino is not filestat's ino";
  return NULL;
}

static const char *check_readdir_dots(void) {
  int dot, dotdot;
  dirent_ino(ROOT, ".", &dot);
  dirent_ino(ROOT, "..", &dotdot);
  if (!dot) return "\".\" is not listed";
  if (!dotdot) return "\"..\" is not listed";
  return NULL;
}

static const char *check_trailing_slash_open(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt/", 0, __WASI_RIGHTS_FD_READ, 0, &e);
  if (!e) close_fd(fd);
  return want(e, __WASI_ERRNO_NOTDIR);
}

static const char *check_trailing_slash_unlink(void) {
  return want(__wasi_path_unlink_file(ROOT, "hello.txt/"), __WASI_ERRNO_NOTDIR);
}

static const char *check_fdstat_append(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, __WASI_FDFLAGS_APPEND, &e);
  if (e) return want(e, 0);
  __wasi_fdstat_t st;
  if ((e = __wasi_fd_fdstat_get(fd, &st))) return want(e, 0);
  if (!(st.fs_flags & __WASI_FDFLAGS_APPEND)) return "fdstat does not report APPEND";
  if ((e = __wasi_fd_fdstat_set_flags(fd, 0))) return want(e, 0);
  if ((e = __wasi_fd_fdstat_get(fd, &st))) return want(e, 0);
  if (st.fs_flags & __WASI_FDFLAGS_APPEND) return "APPEND is still set after clearing it";
  __wasi_filestat_t before, after;
  if ((e = __wasi_fd_filestat_get(fd, &before))) return want(e, 0);
  __wasi_ciovec_t iov = {(const uint8_t *)"J", 1};
  __wasi_size_t n;
  if ((e = __wasi_fd_write(fd, &iov, 1, &n))) return want(e, 0);
  if ((e = __wasi_fd_filestat_get(fd, &after))) return want(e, 0);
  close_fd(fd);
  // written at position 0, not appended: a non-empty file keeps its size
  if (after.size != before.size) return fail("size after a write at 0 with APPEND cleared", after.size, before.size);
  return NULL;
}

static const char *check_open_dir_for_writing(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("dir", 0, __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ, 0, &e);
  if (!e) close_fd(fd);
  return want(e, __WASI_ERRNO_ISDIR);
}

static const char *check_dir_rights(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("dir", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &e);
  if (e) return want(e, 0);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(fd, &st);
  close_fd(fd);
  if (e) return want(e, 0);
  if (st.fs_filetype != __WASI_FILETYPE_DIRECTORY) return fail("filetype", st.fs_filetype, 3);
  if (st.fs_rights_base & (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)) {
    return "a directory has FD_SEEK or FD_FILESTAT_SET_SIZE";
  }
  return NULL;
}

static const char *check_readonly_rights(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0, &e);
  if (e) return want(e, 0);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(fd, &st);
  close_fd(fd);
  if (e) return want(e, 0);
  if (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) return "a read-only descriptor has FD_WRITE";
  return NULL;
}

static const char *check_unlink_dir(void) {
  return want(__wasi_path_unlink_file(ROOT, "empty"), __WASI_ERRNO_ISDIR);
}

static const char *check_rmdir_nonempty(void) {
  return want(__wasi_path_remove_directory(ROOT, "dir"), __WASI_ERRNO_NOTEMPTY);
}

static const char *check_escape_dotdot(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("../etc/passwd", 0, __WASI_RIGHTS_FD_READ, 0, &e);
  if (!e) close_fd(fd);
  return want2(e, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

static const char *check_escape_absolute(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("/etc/passwd", 0, __WASI_RIGHTS_FD_READ, 0, &e);
  if (!e) close_fd(fd);
  return want2(e, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

static const char *check_escape_inner_dotdot(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("dir/../../x", __WASI_OFLAGS_CREAT, ALL, 0, &e);
  if (!e) close_fd(fd);
  return want2(e, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

static const char *check_sock_shutdown_not_socket(void) {
  return want(__wasi_sock_shutdown(1, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
}

static const char *check_pread_stdio(void) {
  char buf[4];
  __wasi_iovec_t iov = {(uint8_t *)buf, 4};
  __wasi_size_t n;
  return want(__wasi_fd_pread(0, &iov, 1, 0, &n), __WASI_ERRNO_SPIPE);
}

static const char *check_times_at_creation(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("new.txt", __WASI_OFLAGS_CREAT, ALL, 0, &e);
  if (e) return want(e, 0);
  __wasi_filestat_t st;
  e = __wasi_fd_filestat_get(fd, &st);
  close_fd(fd);
  if (e) return want(e, 0);
  if (st.mtim == 0 || st.atim == 0) return "a new file's times are 0";
  return want(__wasi_path_unlink_file(ROOT, "new.txt"), 0);
}

static const char *check_fdflags_kept(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("hello.txt", 0, ALL, __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC, &e);
  if (e == __WASI_ERRNO_NOTSUP) return NULL; // a host may refuse SYNC outright
  if (e) return want(e, 0);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(fd, &st);
  close_fd(fd);
  if (e) return want(e, 0);
  if ((st.fs_flags & (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC)) != (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC)) {
    return "fdstat does not report APPEND and SYNC";
  }
  return NULL;
}

static const char *check_truncate_needs_right(void) {
  __wasi_errno_t e;
  __wasi_fd_t dir = 0;
  const __wasi_rights_t without = inheriting & ~(__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_WRITE);
  e = __wasi_path_open(ROOT, 0, "dir", __WASI_OFLAGS_DIRECTORY, without, without, 0, &dir);
  if (e) return want(e, 0);
  __wasi_fdstat_t st;
  if ((e = __wasi_fd_fdstat_get(dir, &st))) return want(e, 0);
  // every right but PATH_FILESTAT_SET_SIZE: opening a file in it to truncate is refused
  __wasi_fd_t fd = 0;
  e = __wasi_path_open(dir, 0, "inner.txt", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
  if (!e) close_fd(fd);
  close_fd(dir);
  if (st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) return "the directory kept PATH_FILESTAT_SET_SIZE";
  return want2(e, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

static const char *check_renumber_stdio(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at("stdin-here", __WASI_OFLAGS_CREAT, ALL, 0, &e);
  if (e) return want(e, 0);
  if ((e = __wasi_fd_renumber(0, fd))) return want(e, 0);
  __wasi_fdstat_t st;
  if ((e = __wasi_fd_fdstat_get(fd, &st))) return want(e, 0);
  if (st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE) return "the new number is still the file";
  if ((e = __wasi_fd_fdstat_get(0, &st)) != __WASI_ERRNO_BADF) return want(e, __WASI_ERRNO_BADF);
  return want(__wasi_path_unlink_file(ROOT, "stdin-here"), 0);
}

int main(void) {
  read_inheriting();
  result("fd_pread", check_pread());
  result("fd_pwrite", check_pwrite());
  result("fd_filestat_set_size", check_set_size());
  result("fd_renumber", check_renumber());
  result("path_rename", check_rename());
  result("path_rename directory into itself", check_rename_dir_into_itself());
  result("path_rename over a non-empty directory", check_rename_over_nonempty_dir());
  result("fd_filestat_set_times flags", check_set_times_flags());
  result("fd_filestat_set_times", check_set_times());
  result("inodes distinct and stable", check_inodes());
  result("fd_readdir inodes", check_readdir_inodes());
  result("fd_readdir . and ..", check_readdir_dots());
  result("trailing slash on a file: path_open", check_trailing_slash_open());
  result("trailing slash on a file: path_unlink_file", check_trailing_slash_unlink());
  result("fd_fdstat APPEND", check_fdstat_append());
  result("directory opened for writing", check_open_dir_for_writing());
  result("directory rights", check_dir_rights());
  result("read-only rights", check_readonly_rights());
  result("path_unlink_file on a directory", check_unlink_dir());
  result("path_remove_directory not empty", check_rmdir_nonempty());
  result("escape: ..", check_escape_dotdot());
  result("escape: absolute path", check_escape_absolute());
  result("escape: dir/../..", check_escape_inner_dotdot());
  result("sock_shutdown on a non-socket", check_sock_shutdown_not_socket());
  result("fd_pread on stdin", check_pread_stdio());
  result("times set when a file is made", check_times_at_creation());
  result("fdflags kept: APPEND and SYNC", check_fdflags_kept());
  result("path_open TRUNC needs PATH_FILESTAT_SET_SIZE", check_truncate_needs_right());
  result("fd_renumber of stdin", check_renumber_stdio());
  return failed;
}
