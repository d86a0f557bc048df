// wasi_check.h: what the WASI conformance programs (wasi_*.c) share: the preopen they check in,
// one printed line per check, and the errno comparisons. Each check returns NULL when it passed,
// else why it failed; result() prints "check NAME ok" or "check NAME FAIL: why".
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define ROOT 3
#define UNUSED __attribute__((unused))

static int failed = 0;
static char why_buf[160];

// Every preview1 right, and the rights the preopen passes on (read at the start of main, as
// wasi-libc asks: no more than the directory may grant).
static const __wasi_rights_t ALL = 0x1fffffff;
static __wasi_rights_t inheriting = 0x1fffffff;

static UNUSED void read_inheriting(void) {
  __wasi_fdstat_t root;
  if (__wasi_fd_fdstat_get(ROOT, &root) == 0) inheriting = root.fs_rights_inheriting;
}

static UNUSED void result(const char *name, const char *why) {
  if (why) {
    printf("check %s FAIL: %s\n", name, why);
    failed++;
  } else {
    printf("check %s ok\n", name);
  }
}

// NULL when the errno is the one wanted.
static UNUSED const char *want(__wasi_errno_t got, __wasi_errno_t expect) {
  if (got == expect) return NULL;
  snprintf(why_buf, sizeof why_buf, "errno %u, want %u", got, expect);
  return why_buf;
}

// NULL when the errno is either of two right answers.
static UNUSED const char *want2(__wasi_errno_t got, __wasi_errno_t a, __wasi_errno_t b) {
  if (got == a || got == b) return NULL;
  snprintf(why_buf, sizeof why_buf, "errno %u, want %u or %u", got, a, b);
  return why_buf;
}

static UNUSED const char *fail(const char *what, unsigned long long got, unsigned long long expect) {
  snprintf(why_buf, sizeof why_buf, "%s %llu, want %llu", what, got, expect);
  return why_buf;
}

// Closes a descriptor whose close result the check does not look at.
static UNUSED void close_fd(__wasi_fd_t fd) {
  if (__wasi_fd_close(fd)) { /* not what the check is about */ }
}
