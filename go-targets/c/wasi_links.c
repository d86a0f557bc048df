// wasi_links: conformance checks of a WASI host's symbolic links, hard links and rights, made
// through the preview1 calls themselves (wasi/api.h). The host preopens one directory as fd 3
// holding hello.txt ("hello"), dir/inner.txt ("inner") and an empty directory "empty". Each
// check prints "check NAME ok" or "check NAME FAIL: what"; the exit code counts the failures.
#include "wasi_check.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

// For a refused capability: EBADF (POSIX, wasmtime) or ENOTCAPABLE (the preview1 text) are both right.
static const char *refused(__wasi_errno_t got) {
  return want2(got, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
}
// For a path leading out of the preopen: ENOTCAPABLE or EPERM.
static const char *escaped(__wasi_errno_t got) {
  return want2(got, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

static __wasi_fd_t open_at(__wasi_lookupflags_t lookup, const char *path, __wasi_oflags_t oflags,
                           __wasi_rights_t rights, __wasi_errno_t *err) {
  __wasi_fd_t fd = 0;
  *err = __wasi_path_open(ROOT, lookup, path, oflags, rights & inheriting, inheriting, 0, &fd);
  return fd;
}
static const __wasi_rights_t RW = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                                  __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET |
                                  __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS;

// Reads up to 15 bytes of the file at `path` (following links) into buf: the errno.
static __wasi_errno_t slurp(const char *path, char *buf) {
  __wasi_errno_t e;
  memset(buf, 0, 16);
  __wasi_fd_t fd = open_at(FOLLOW, path, 0, __WASI_RIGHTS_FD_READ, &e);
  if (e) return e;
  __wasi_iovec_t iov = {(uint8_t *)buf, 15};
  __wasi_size_t n;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  close_fd(fd);
  return e;
}

static const char *check_symlink_readlink(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_symlink("hello.txt", ROOT, "l1"))) return want(e, 0);
  char buf[32] = {0};
  __wasi_size_t n = 0;
  if ((e = __wasi_path_readlink(ROOT, "l1", (uint8_t *)buf, sizeof buf, &n))) return want(e, 0);
  if (n != 9 || memcmp(buf, "hello.txt", 9) != 0) return "readlink does not give \"hello.txt\"";
  return NULL;
}

static const char *check_open_through_symlink(void) {
  char buf[16];
  __wasi_errno_t e = slurp("l1", buf);
  if (e) return want(e, 0);
  return strcmp(buf, "hello") == 0 ? NULL : "reading through the link does not give \"hello\"";
}

static const char *check_nofollow(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at(0, "l1", 0, __WASI_RIGHTS_FD_READ, &e);
  if (!e) close_fd(fd);
  return want(e, __WASI_ERRNO_LOOP);
}

static const char *check_stat_link(void) {
  __wasi_errno_t e;
  __wasi_filestat_t link, target, file;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "l1", &link))) return want(e, 0);
  if ((e = __wasi_path_filestat_get(ROOT, FOLLOW, "l1", &target))) return want(e, 0);
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &file))) return want(e, 0);
  if (link.filetype != __WASI_FILETYPE_SYMBOLIC_LINK) return "the link is not a symbolic link";
  if (target.filetype != __WASI_FILETYPE_REGULAR_FILE) return "followed, the link is not a file";
  if (target.ino != file.ino) return "followed, the link is not hello.txt";
  if (link.ino == file.ino) return "the link has its target's inode number";
  return NULL;
}

static const char *check_loop(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_symlink("loop2", ROOT, "loop1"))) return want(e, 0);
  if ((e = __wasi_path_symlink("loop1", ROOT, "loop2"))) return want(e, 0);
  __wasi_fd_t fd = open_at(FOLLOW, "loop1", 0, __WASI_RIGHTS_FD_READ, &e);
  if (!e) close_fd(fd);
  return want(e, __WASI_ERRNO_LOOP);
}

static const char *check_escape_absolute_link(void) {
  __wasi_errno_t e;
  // refusing to make the link at all also keeps the guest in (node:wasi does)
  if ((e = __wasi_path_symlink("/etc/passwd", ROOT, "abs"))) return escaped(e);
  __wasi_fd_t fd = open_at(FOLLOW, "abs", 0, __WASI_RIGHTS_FD_READ, &e);
  if (!e) close_fd(fd);
  return escaped(e);
}

static const char *check_escape_dotdot_link(void) {
  __wasi_errno_t e;
  // refusing to make the link at all also keeps the guest in (node:wasi does)
  if ((e = __wasi_path_symlink("../../../../etc/passwd", ROOT, "dir/up"))) return escaped(e);
  __wasi_fd_t fd = open_at(FOLLOW, "dir/up", 0, __WASI_RIGHTS_FD_READ, &e);
  if (!e) close_fd(fd);
  return escaped(e);
}

static const char *check_link_to_dir(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_symlink("dir", ROOT, "dl"))) return want(e, 0);
  char buf[16];
  if ((e = slurp("dl/inner.txt", buf))) return want(e, 0);
  return strcmp(buf, "inner") == 0 ? NULL : "dl/inner.txt does not read \"inner\"";
}

static const char *check_readlink_file(void) {
  char buf[8];
  __wasi_size_t n;
  return want(__wasi_path_readlink(ROOT, "hello.txt", (uint8_t *)buf, sizeof buf, &n), __WASI_ERRNO_INVAL);
}

static const char *check_symlink_exists(void) {
  return want(__wasi_path_symlink("x", ROOT, "hello.txt"), __WASI_ERRNO_EXIST);
}

static const char *check_unlink_link(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_unlink_file(ROOT, "l1"))) return want(e, 0);
  __wasi_filestat_t st;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "l1", &st)) != __WASI_ERRNO_NOENT) return want(e, __WASI_ERRNO_NOENT);
  return want(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st), 0);
}

static const char *check_hard_link(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_link(ROOT, 0, "hello.txt", ROOT, "hl"))) return want(e, 0);
  __wasi_filestat_t a, b;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &a))) return want(e, 0);
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hl", &b))) return want(e, 0);
  if (a.ino != b.ino) return "the two names have different inode numbers";
  if (a.nlink != 2) return "nlink is not 2";
  __wasi_fd_t fd = open_at(0, "hl", 0, RW, &e);
  if (e) return want(e, 0);
  __wasi_ciovec_t iov = {(const uint8_t *)"J", 1};
  __wasi_size_t n;
  e = __wasi_fd_write(fd, &iov, 1, &n);
  close_fd(fd);
  if (e) return want(e, 0);
  char buf[16];
  if ((e = slurp("hello.txt", buf))) return want(e, 0);
  return strcmp(buf, "Jello") == 0 ? NULL : "a write through one name is not seen through the other";
}

static const char *check_hard_link_dir(void) {
  return want(__wasi_path_link(ROOT, 0, "dir", ROOT, "dir2"), __WASI_ERRNO_PERM);
}

static const char *check_unlink_one_name(void) {
  __wasi_errno_t e;
  if ((e = __wasi_path_unlink_file(ROOT, "hl"))) return want(e, 0);
  __wasi_filestat_t st;
  if ((e = __wasi_path_filestat_get(ROOT, 0, "hello.txt", &st))) return want(e, 0);
  if (st.nlink != 1) return "nlink is not back to 1";
  return NULL;
}

static const char *check_write_readonly(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at(0, "hello.txt", 0, __WASI_RIGHTS_FD_READ, &e);
  if (e) return want(e, 0);
  __wasi_ciovec_t iov = {(const uint8_t *)"X", 1};
  __wasi_size_t n;
  e = __wasi_fd_write(fd, &iov, 1, &n);
  close_fd(fd);
  return refused(e);
}

static const char *check_read_writeonly(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at(0, "hello.txt", 0, __WASI_RIGHTS_FD_WRITE, &e);
  if (e) return want(e, 0);
  char buf[4];
  __wasi_iovec_t iov = {(uint8_t *)buf, 4};
  __wasi_size_t n;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  close_fd(fd);
  return refused(e);
}

static const char *check_drop_rights(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at(0, "hello.txt", 0, RW, &e);
  if (e) return want(e, 0);
  const char *why = NULL;
  if ((e = __wasi_fd_fdstat_set_rights(fd, __WASI_RIGHTS_FD_WRITE, 0))) {
    why = want(e, 0);
  } else {
    char buf[4];
    __wasi_iovec_t iov = {(uint8_t *)buf, 4};
    __wasi_size_t n;
    why = refused(__wasi_fd_read(fd, &iov, 1, &n));
    if (!why) why = want(__wasi_fd_fdstat_set_rights(fd, RW, 0), __WASI_ERRNO_NOTCAPABLE);
  }
  close_fd(fd);
  return why;
}

static const char *check_allocate(void) {
  __wasi_errno_t e;
  __wasi_fd_t fd = open_at(0, "hello.txt", 0, RW, &e);
  if (e) return want(e, 0);
  e = __wasi_fd_allocate(fd, 0, 100);
  __wasi_filestat_t st;
  __wasi_errno_t e2 = __wasi_fd_filestat_get(fd, &st);
  close_fd(fd);
  if (e) return want(e, 0);
  if (e2) return want(e2, 0);
  return st.size == 100 ? NULL : "fd_allocate(0, 100) did not make the file 100 bytes";
}

static const char *check_readdir_link_type(void) {
  static uint8_t buf[4096];
  __wasi_size_t used = 0;
  __wasi_errno_t e;
  if ((e = __wasi_fd_readdir(ROOT, buf, sizeof buf, 0, &used))) return want(e, 0);
  for (__wasi_size_t at = 0; at + sizeof(__wasi_dirent_t) <= used;) {
    __wasi_dirent_t d;
    memcpy(&d, buf + at, sizeof d);
    if (d.d_namlen == 2 && memcmp(buf + at + sizeof d, "dl", 2) == 0) {
      return d.d_type == __WASI_FILETYPE_SYMBOLIC_LINK ? NULL : "dl is not listed as a symbolic link";
    }
    at += sizeof d + d.d_namlen;
  }
  return "dl is not listed";
}

int main(void) {
  read_inheriting();
  result("path_symlink and path_readlink", check_symlink_readlink());
  result("path_open through a symbolic link", check_open_through_symlink());
  result("path_open of a symbolic link without SYMLINK_FOLLOW", check_nofollow());
  result("path_filestat_get of a link and of its target", check_stat_link());
  result("symbolic link loop", check_loop());
  result("escape: absolute symbolic link", check_escape_absolute_link());
  result("escape: symbolic link up with ..", check_escape_dotdot_link());
  result("symbolic link to a directory in a path", check_link_to_dir());
  result("path_readlink of a file", check_readlink_file());
  result("path_symlink over an existing name", check_symlink_exists());
  result("path_unlink_file of a symbolic link", check_unlink_link());
  result("path_link", check_hard_link());
  result("path_link of a directory", check_hard_link_dir());
  result("path_unlink_file of one of two names", check_unlink_one_name());
  result("fd_write without FD_WRITE", check_write_readonly());
  result("fd_read without FD_READ", check_read_writeonly());
  result("fd_fdstat_set_rights drops rights", check_drop_rights());
  result("fd_allocate", check_allocate());
  result("fd_readdir filetype of a symbolic link", check_readdir_link_type());
  return failed;
}
