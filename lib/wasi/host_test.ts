// Conformance of mapscope's WASI host, function by function, on a bare memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Errno, ExitSignal, WasiHost, type WasiHostOptions } from "./mod.ts";
import { WITX_PARAMS } from "../../tests/_witx.ts";

const ALL_46 = Object.keys(WITX_PARAMS);

function setup(options: WasiHostOptions = {}) {
  const host = new WasiHost(options);
  const memory = new WebAssembly.Memory({ initial: 1 });
  host.bind(memory);
  const f = host.imports.wasi_snapshot_preview1;
  const dv = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const text = (at: number, n: number) => new TextDecoder().decode(bytes().subarray(at, at + n));
  return { host, memory, f, dv, bytes, text };
}

test("all 46 preview1 functions are present, and nothing else", () => {
  const { f } = setup();
  assert.equal(ALL_46.length, 46);
  assert.deepEqual(Object.keys(f).sort(), [...ALL_46].sort());
});

test("args: sizes and strings exactly as given", () => {
  const { f, dv, text } = setup({ args: ["prog", "a b", "ünï"] });
  assert.equal(f.args_sizes_get(0, 4), Errno.SUCCESS);
  assert.equal(dv().getUint32(0, true), 3);
  const size = dv().getUint32(4, true);
  assert.equal(size, 5 + 4 + new TextEncoder().encode("ünï").length + 1);
  assert.equal(f.args_get(100, 200), Errno.SUCCESS);
  const p = (i: number) => dv().getUint32(100 + 4 * i, true);
  assert.equal(text(p(0), 4), "prog");
  assert.equal(text(p(1), 3), "a b");
  assert.equal(dv().getUint8(p(1) + 3), 0);
  assert.equal(p(2), p(1) + 4);
});

test("environ: only what was given; nothing leaks from the host process", () => {
  const empty = setup();
  empty.f.environ_sizes_get(0, 4);
  assert.equal(empty.dv().getUint32(0, true), 0);
  assert.equal(empty.dv().getUint32(4, true), 0);
  const { f, dv, text } = setup({ env: { A: "1", HOME: "/x" } });
  f.environ_sizes_get(0, 4);
  assert.equal(dv().getUint32(0, true), 2);
  f.environ_get(100, 200);
  assert.equal(text(dv().getUint32(100, true), 3), "A=1");
  assert.equal(text(dv().getUint32(104, true), 7), "HOME=/x");
});

test("clocks: deterministic start and step; real time near Date.now; bad id is EINVAL", () => {
  const { f, dv } = setup({ deterministic: { clockStartNs: 1000n, clockStepNs: 7n } });
  f.clock_time_get(1, 0n, 8);
  f.clock_time_get(0, 0n, 16);
  assert.equal(dv().getBigUint64(8, true), 1007n);
  assert.equal(dv().getBigUint64(16, true), 1014n);
  assert.equal(f.clock_time_get(9, 0n, 8), Errno.EINVAL);
  assert.equal(f.clock_res_get(1, 24), Errno.SUCCESS);
  assert.ok(dv().getBigUint64(24, true) > 0n);
  const real = setup();
  real.f.clock_time_get(0, 0n, 8);
  const ms = Number(real.dv().getBigUint64(8, true) / 1_000_000n);
  assert.ok(Math.abs(ms - Date.now()) < 5000);
});

test("random_get: seeded in deterministic mode, different seeds differ", () => {
  const draw = (seed: number) => {
    const s = setup({ deterministic: { seed } });
    s.f.random_get(0, 64);
    return Array.from(s.bytes().subarray(0, 64));
  };
  assert.deepEqual(draw(5), draw(5));
  assert.notDeepEqual(draw(5), draw(6));
  assert.ok(new Set(draw(5)).size > 20);
});

test("fd_write: stdout and stderr captured as bytes and lines, with streaming callbacks; other fds EBADF", () => {
  const seen: string[] = [];
  const { host, f, dv, bytes } = setup({ onStdout: (c) => seen.push(new TextDecoder().decode(c)) });
  bytes().set(new TextEncoder().encode("hello\nwor"), 1000);
  bytes().set(new TextEncoder().encode("ld\n"), 2000);
  // two iovecs: "hello\nwor" and "ld\n"
  dv().setUint32(0, 1000, true);
  dv().setUint32(4, 9, true);
  dv().setUint32(8, 2000, true);
  dv().setUint32(12, 3, true);
  assert.equal(f.fd_write(1, 0, 2, 100), Errno.SUCCESS);
  assert.equal(dv().getUint32(100, true), 12);
  assert.equal(f.fd_write(2, 8, 1, 100), Errno.SUCCESS);
  assert.equal(f.fd_write(7, 0, 1, 100), Errno.EBADF);
  assert.deepEqual(host.stdout().lines, ["hello", "world"]);
  assert.equal(host.stderr().text, "ld\n");
  assert.deepEqual(seen, ["hello\nworld\n"]);
});

test("fd_read: stdin from bytes, in pieces, then 0 at the end", () => {
  const { f, dv, text } = setup({ stdin: "abcdef" });
  dv().setUint32(0, 500, true);
  dv().setUint32(4, 4, true);
  assert.equal(f.fd_read(0, 0, 1, 100), Errno.SUCCESS);
  assert.equal(dv().getUint32(100, true), 4);
  assert.equal(text(500, 4), "abcd");
  f.fd_read(0, 0, 1, 100);
  assert.equal(dv().getUint32(100, true), 2);
  assert.equal(text(500, 2), "ef");
  f.fd_read(0, 0, 1, 100);
  assert.equal(dv().getUint32(100, true), 0);
  assert.equal(f.fd_read(5, 0, 1, 100), Errno.EBADF);
});

test("fd_fdstat_get: stdio are character devices; fd 3 is EBADF", () => {
  const { f, dv } = setup();
  for (const fd of [0, 1, 2]) {
    assert.equal(f.fd_fdstat_get(fd, 0), Errno.SUCCESS);
    assert.equal(dv().getUint8(0), 2);
  }
  assert.equal(f.fd_fdstat_get(3, 0), Errno.EBADF);
});

test("fd_prestat_*: no preopens, so no path reaches any filesystem", () => {
  const { f } = setup();
  assert.equal(f.fd_prestat_get(3, 0), Errno.EBADF);
  assert.equal(f.fd_prestat_dir_name(3, 0, 10), Errno.EBADF);
  assert.equal(f.path_open(3, 0, 0, 5, 0, 0n, 0n, 0, 0), Errno.EBADF);
  assert.equal(f.path_open(1, 0, 0, 5, 0, 0n, 0n, 0, 0), Errno.ENOTDIR);
  assert.equal(f.fd_seek(1, 0n, 0, 0), Errno.ESPIPE);
  assert.equal(f.sock_accept(3, 0, 0), Errno.EBADF);
  assert.equal(f.proc_raise(9), Errno.ENOSYS);
});

function subscribeClock(dv: DataView, at: number, userdata: bigint, timeoutNs: bigint) {
  dv.setBigUint64(at, userdata, true);
  dv.setUint8(at + 8, 0);
  dv.setUint32(at + 16, 1, true);
  dv.setBigUint64(at + 24, timeoutNs, true);
  dv.setUint16(at + 40, 0, true);
}

test("poll_oneoff: N clock subscriptions, the earliest fires, nevents written, virtual time advances", () => {
  const { f, dv } = setup({ deterministic: { clockStartNs: 0n, clockStepNs: 1n } });
  subscribeClock(dv(), 0, 11n, 5_000_000n);
  subscribeClock(dv(), 48, 22n, 1_000_000n);
  subscribeClock(dv(), 96, 33n, 9_000_000_000n);
  assert.equal(f.poll_oneoff(0, 1000, 3, 2000), Errno.SUCCESS);
  const n = dv().getUint32(2000, true);
  assert.equal(n, 1);
  assert.equal(dv().getBigUint64(1000, true), 22n);
  assert.equal(dv().getUint8(1000 + 10), 0);
  f.clock_time_get(1, 0n, 3000);
  assert.ok(dv().getBigUint64(3000, true) >= 1_000_000n);
});

test("poll_oneoff: an fd_write subscription on stdout is ready at once; fd 9 reports EBADF", () => {
  const { f, dv } = setup();
  const v = dv();
  v.setBigUint64(0, 1n, true);
  v.setUint8(8, 2);
  v.setUint32(16, 1, true);
  v.setBigUint64(48, 2n, true);
  v.setUint8(56, 2);
  v.setUint32(64, 9, true);
  subscribeClock(v, 96, 3n, 60_000_000_000n);
  const t0 = Date.now();
  assert.equal(f.poll_oneoff(0, 1000, 3, 2000), Errno.SUCCESS);
  assert.ok(Date.now() - t0 < 1000, "did not wait for the clock");
  assert.equal(dv().getUint32(2000, true), 2);
  assert.equal(dv().getUint16(1000 + 8, true), 0);
  assert.equal(dv().getUint16(1032 + 8, true), Errno.EBADF);
});

test("poll_oneoff: a real clock subscription really blocks", () => {
  const { f, dv } = setup();
  subscribeClock(dv(), 0, 1n, 30_000_000n);
  const t0 = performance.now();
  f.poll_oneoff(0, 1000, 1, 2000);
  assert.ok(performance.now() - t0 >= 25);
  assert.equal(dv().getUint32(2000, true), 1);
});

test("proc_exit throws ExitSignal and never exits the host process", () => {
  const { f } = setup();
  assert.throws(() => f.proc_exit(7), (e: unknown) => e instanceof ExitSignal && e.code === 7);
  // a signal, not an Error (cheap to unwind through wasm), that still reads as one
  const s = new ExitSignal(3);
  assert.equal(s instanceof Error, false);
  assert.deepEqual([s.name, s.message, String(s)], [
    "ExitSignal",
    "guest called proc_exit(3)",
    "ExitSignal: guest called proc_exit(3)",
  ]);
});

function putPath(bytes: Uint8Array, at: number, path: string): number {
  const b = new TextEncoder().encode(path);
  bytes.set(b, at);
  return b.length;
}

test("preopens: the guest finds its in-memory directory and reads, writes, seeks and lists it", () => {
  const { f, dv, bytes, text } = setup({
    preopens: { "/data": { "a.txt": "hello", sub: { "b.bin": new Uint8Array([1, 2, 3]) } } },
  });
  assert.equal(f.fd_prestat_get(3, 0), Errno.SUCCESS);
  assert.equal(dv().getUint32(4, true), 5);
  assert.equal(f.fd_prestat_dir_name(3, 100, 5), Errno.SUCCESS);
  assert.equal(text(100, 5), "/data");
  assert.equal(f.fd_prestat_get(4, 0), Errno.EBADF);
  // open a.txt and read it
  const n = putPath(bytes(), 200, "a.txt");
  assert.equal(f.path_open(3, 0, 200, n, 0, 0x1fffffffn, 0n, 0, 300), Errno.SUCCESS);
  const fd = dv().getUint32(300, true);
  dv().setUint32(400, 500, true);
  dv().setUint32(404, 64, true);
  assert.equal(f.fd_read(fd, 400, 1, 410), Errno.SUCCESS);
  assert.equal(dv().getUint32(410, true), 5);
  assert.equal(text(500, 5), "hello");
  // seek back and overwrite, then append past the end
  assert.equal(f.fd_seek(fd, 1n, 0, 420), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(420, true), 1n);
  putPath(bytes(), 600, "IPPO!");
  dv().setUint32(430, 600, true);
  dv().setUint32(434, 5, true);
  assert.equal(f.fd_write(fd, 430, 1, 440), Errno.SUCCESS);
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getUint8(716), 4);
  assert.equal(dv().getBigUint64(732, true), 6n);
  assert.equal(f.fd_close(fd), Errno.SUCCESS);
  assert.equal(f.fd_close(fd), Errno.EBADF);
  // list the directory
  assert.equal(f.fd_readdir(3, 800, 256, 0n, 790), Errno.SUCCESS);
  const used = dv().getUint32(790, true);
  assert.equal(used, 24 + 1 + 24 + 2 + 24 + 5 + 24 + 3, ". and .. first, then a.txt and sub");
  assert.equal(text(824, 1), ".");
  assert.equal(text(849, 2), "..");
  assert.equal(text(800 + 51 + 24, 5), "a.txt");
  assert.equal(dv().getUint8(800 + 51 + 29 + 20), 3, "sub is a directory");
  // stat through a path
  const m = putPath(bytes(), 200, "sub/b.bin");
  assert.equal(f.path_filestat_get(3, 0, 200, m, 900), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(932, true), 3n);
});

test("preopens: no path escapes the preopened directory", () => {
  const { f, bytes } = setup({ preopens: { "/data": { "a.txt": "x", sub: {} } } });
  for (
    const [path, errno] of [
      ["/etc/passwd", Errno.ENOTCAPABLE],
      ["../x", Errno.ENOTCAPABLE],
      ["sub/../../x", Errno.ENOTCAPABLE],
      ["nope", Errno.ENOENT],
      ["a.txt/x", Errno.ENOTDIR],
    ] as const
  ) {
    const n = putPath(bytes(), 200, path);
    assert.equal(f.path_open(3, 0, 200, n, 0, 0n, 0n, 0, 300), errno, path);
  }
  const n = putPath(bytes(), 200, "sub/../a.txt");
  assert.equal(f.path_open(3, 0, 200, n, 0, 0n, 0n, 0, 300), Errno.SUCCESS);
});

test("preopens: create, exclusive create, mkdir, unlink and rmdir", () => {
  const { f, bytes } = setup({ preopens: { "/w": {} } });
  let n = putPath(bytes(), 200, "new.txt");
  assert.equal(f.path_open(3, 0, 200, n, 1, 0n, 0n, 0, 300), Errno.SUCCESS); // CREAT
  assert.equal(f.path_open(3, 0, 200, n, 1 | 4, 0n, 0n, 0, 300), Errno.EEXIST); // CREAT|EXCL
  n = putPath(bytes(), 200, "d");
  assert.equal(f.path_create_directory(3, 200, n), Errno.SUCCESS);
  assert.equal(f.path_create_directory(3, 200, n), Errno.EEXIST);
  assert.equal(f.path_unlink_file(3, 200, n), Errno.EISDIR);
  assert.equal(f.path_remove_directory(3, 200, n), Errno.SUCCESS);
  n = putPath(bytes(), 200, "new.txt");
  assert.equal(f.path_unlink_file(3, 200, n), Errno.SUCCESS);
  assert.equal(f.path_filestat_get(3, 0, 200, n, 900), Errno.ENOENT);
});

test("WASI_PREVIEW1_FUNCTIONS names exactly the functions the host supplies", async () => {
  const { WASI_PREVIEW1_FUNCTIONS } = await import("./names.ts");
  assert.deepEqual(
    [...WASI_PREVIEW1_FUNCTIONS],
    Object.keys(new WasiHost().imports.wasi_snapshot_preview1).sort(),
  );
});

test("every import answers out-of-bounds, ≥2 GiB and huge arguments with an errno, never an exception", () => {
  const mem = new WebAssembly.Memory({ initial: 1 });
  const host = new WasiHost({ preopens: { "/d": { "a.txt": "hi" } } });
  host.bind(mem);
  const fns = host.imports.wasi_snapshot_preview1;
  const values = [65530, 65536, 0x7fffffff, -1, -0x80000000, 0xfffffff0, 2 ** 31];
  let calls = 0;
  for (const [name, f] of Object.entries(fns)) {
    if (name === "proc_exit") continue;
    for (const v of values) {
      // every argument the same hostile value, then each argument alone hostile
      const arities = [8];
      for (const n of arities) {
        const argsets = [
          Array(n).fill(v),
          ...Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? v : 0))),
        ];
        for (const args of argsets) {
          // i64s as wasm passes them (bigints), and as numbers, which the host also takes
          const withBig = args.map((a, i) => (WITX_PARAMS[name]![i] === "I" && (calls & 1) ? BigInt(a) : a));
          let r: unknown;
          try {
            r = (f as (...a: unknown[]) => unknown)(...withBig);
          } catch (e) {
            assert.fail(`${name}(${withBig.join(", ")}) threw ${(e as Error).name}: ${(e as Error).message}`);
          }
          assert.equal(typeof r, "number", `${name} returned ${String(r)}`);
          calls++;
        }
      }
    }
  }
  assert.ok(calls > 2000);
  // and a pointer past the end is EFAULT, as wasmtime answers it
  assert.equal(fns.random_get!(65530, 100), Errno.EFAULT);
  assert.equal(fns.clock_time_get!(0, 0n, -8), Errno.EFAULT);
});

/** Opens `path` under fd 3 with `oflags`, `rights` and `fdflags`: the fd, or the errno negated. */
function openAt(
  env: ReturnType<typeof setup>,
  path: string,
  oflags = 0,
  rights = 0x1fffffffn,
  fdflags = 0,
): number {
  const n = putPath(env.bytes(), 200, path);
  const errno = env.f.path_open(3, 0, 200, n, oflags, rights, 0n, fdflags, 300) as number;
  return errno === Errno.SUCCESS ? env.dv().getUint32(300, true) : -errno;
}

test("files: pread and pwrite leave the position alone; set_size truncates and extends", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "abcdef" } } });
  const { f, dv, bytes, text } = env;
  const fd = openAt(env, "f.txt");
  assert.ok(fd > 3);
  dv().setUint32(400, 500, true);
  dv().setUint32(404, 3, true);
  assert.equal(f.fd_pread(fd, 400, 1, 2n, 410), Errno.SUCCESS);
  assert.equal(dv().getUint32(410, true), 3);
  assert.equal(text(500, 3), "cde");
  assert.equal(f.fd_tell(fd, 420), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(420, true), 0n, "pread does not move the position");
  bytes().set(new TextEncoder().encode("XY"), 600);
  dv().setUint32(430, 600, true);
  dv().setUint32(434, 2, true);
  assert.equal(f.fd_pwrite(fd, 430, 1, 8n, 440), Errno.SUCCESS, "past the end: zero-filled gap");
  assert.equal(dv().getUint32(440, true), 2);
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(732, true), 10n);
  assert.equal(f.fd_filestat_set_size(fd, 4n), Errno.SUCCESS);
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(732, true), 4n);
  assert.equal(f.fd_filestat_set_size(fd, 6n), Errno.SUCCESS);
  dv().setUint32(404, 16, true);
  assert.equal(f.fd_pread(fd, 400, 1, 0n, 410), Errno.SUCCESS);
  assert.deepEqual([...bytes().subarray(500, 506)], [97, 98, 99, 100, 0, 0]);
  assert.equal(f.fd_pread(1, 400, 1, 0n, 410), Errno.ESPIPE);
  assert.equal(f.fd_pwrite(9, 430, 1, 0n, 440), Errno.EBADF);
  assert.equal(f.fd_filestat_set_size(3, 0n), Errno.EISDIR);
});

test("inodes: distinct, stable, and the same in filestat and readdir", () => {
  const env = setup({ preopens: { "/w": { a: "1", b: "2", d: {} } } });
  const { f, dv, bytes } = env;
  const ino = (path: string) => {
    const n = putPath(bytes(), 200, path);
    assert.equal(f.path_filestat_get(3, 0, 200, n, 900), Errno.SUCCESS);
    return dv().getBigUint64(908, true);
  };
  const [a, b, d] = [ino("a"), ino("b"), ino("d")];
  assert.equal(new Set([a, b, d, ino(".")]).size, 4);
  assert.ok(a > 0n && b > 0n && d > 0n);
  assert.equal(ino("a"), a, "stable");
  assert.equal(ino("d/.."), ino("."));
  assert.equal(f.fd_readdir(3, 1000, 512, 0n, 990), Errno.SUCCESS);
  const seen = new Map<string, bigint>();
  for (let at = 1000; at < 1000 + dv().getUint32(990, true);) {
    const len = dv().getUint32(at + 16, true);
    seen.set(env.text(at + 24, len), dv().getBigUint64(at + 8, true));
    at += 24 + len;
  }
  assert.deepEqual([...seen.keys()], [".", "..", "a", "b", "d"]);
  assert.equal(seen.get("a"), a);
  assert.equal(seen.get("d"), d);
  assert.equal(seen.get("."), ino("."));
});

test("paths: a trailing slash names a directory; files with one are ENOTDIR", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "x", d: {} } } });
  const { f, bytes } = env;
  assert.equal(openAt(env, "f.txt/", 0, 0x2n), -Errno.ENOTDIR);
  assert.ok(openAt(env, "d/", 0, 0x2n) > 0);
  assert.equal(openAt(env, "new/", 1), -Errno.EISDIR);
  let n = putPath(bytes(), 200, "f.txt/");
  assert.equal(f.path_unlink_file(3, 200, n), Errno.ENOTDIR);
  assert.equal(f.path_filestat_get(3, 0, 200, n, 900), Errno.ENOTDIR);
  n = putPath(bytes(), 200, "d/");
  assert.equal(f.path_remove_directory(3, 200, n), Errno.SUCCESS);
});

test("directories: opening one to write is EISDIR; rights say what a descriptor can do", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "x", d: {} } } });
  const { f, dv } = env;
  const FD_READ = 1n << 1n, FD_SEEK = 1n << 2n, FD_WRITE = 1n << 6n, SET_SIZE = 1n << 22n;
  assert.equal(openAt(env, "d", 0, FD_WRITE), -Errno.EISDIR);
  assert.equal(openAt(env, "d", 8), -Errno.EISDIR);
  const d = openAt(env, "d", 2, FD_READ);
  assert.equal(f.fd_fdstat_get(d, 500), Errno.SUCCESS);
  assert.equal(dv().getUint8(500), 3);
  const dirRights = dv().getBigUint64(508, true);
  assert.equal(dirRights & (FD_SEEK | SET_SIZE | FD_WRITE | FD_READ), 0n);
  const ro = openAt(env, "f.txt", 0, FD_READ | FD_SEEK);
  assert.equal(f.fd_fdstat_get(ro, 500), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(508, true), FD_READ | FD_SEEK, "a read-only descriptor has no FD_WRITE");
});

test("fdstat flags: APPEND is reported and can be cleared", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "ab" } } });
  const { f, dv, bytes } = env;
  const fd = openAt(env, "f.txt", 0, 0x1fffffffn, 1);
  assert.equal(f.fd_fdstat_get(fd, 500), Errno.SUCCESS);
  assert.equal(dv().getUint16(502, true), 1);
  assert.equal(f.fd_fdstat_set_flags(fd, 0), Errno.SUCCESS);
  assert.equal(f.fd_fdstat_get(fd, 500), Errno.SUCCESS);
  assert.equal(dv().getUint16(502, true), 0);
  bytes()[600] = 0x5a;
  dv().setUint32(430, 600, true);
  dv().setUint32(434, 1, true);
  assert.equal(f.fd_write(fd, 430, 1, 440), Errno.SUCCESS, "written at the position, not appended");
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(732, true), 2n);
  assert.equal(f.fd_fdstat_set_flags(99, 0), Errno.EBADF);
});

test("set_times: flags checked (ATIM with ATIM_NOW is EINVAL), times kept and reported", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "ab" } }, deterministic: true });
  const { f, dv, bytes } = env;
  const fd = openAt(env, "f.txt");
  assert.equal(f.fd_filestat_set_times(fd, 5n, 7n, 1 | 2), Errno.EINVAL);
  assert.equal(f.fd_filestat_set_times(fd, 5n, 7n, 4 | 8), Errno.EINVAL);
  assert.equal(f.fd_filestat_set_times(fd, 5n, 7n, 1 | 4), Errno.SUCCESS);
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(740, true), 5n);
  assert.equal(dv().getBigUint64(748, true), 7n);
  const n = putPath(bytes(), 200, "f.txt");
  assert.equal(f.path_filestat_set_times(3, 0, 200, n, 9n, 0n, 1), Errno.SUCCESS);
  assert.equal(f.path_filestat_set_times(3, 0, 200, n, 9n, 0n, 16), Errno.EINVAL);
  assert.equal(f.fd_filestat_get(fd, 700), Errno.SUCCESS);
  assert.equal(dv().getBigUint64(740, true), 9n);
});

test("rename and renumber", () => {
  const env = setup({ preopens: { "/w": { "a.txt": "A", d: { "in.txt": "I" }, full: { x: "" }, e: {} } } });
  const { f, bytes } = env;
  const rename = (from: string, to: string) => {
    const n = putPath(bytes(), 200, from);
    const m = putPath(bytes(), 400, to);
    return f.path_rename(3, 200, n, 3, 400, m);
  };
  assert.equal(rename("a.txt", "d/b.txt"), Errno.SUCCESS);
  assert.equal(openAt(env, "a.txt"), -Errno.ENOENT);
  assert.ok(openAt(env, "d/b.txt") > 0);
  assert.equal(rename("d", "d/sub"), Errno.EINVAL, "a directory into itself");
  assert.equal(rename("d", "full"), Errno.ENOTEMPTY);
  assert.equal(rename("d/b.txt", "e"), Errno.EISDIR);
  assert.equal(rename("e", "d/b.txt"), Errno.ENOTDIR);
  assert.equal(rename("nope", "x"), Errno.ENOENT);
  assert.equal(rename("../x", "y"), Errno.ENOTCAPABLE);
  assert.equal(rename("d", "e"), Errno.SUCCESS, "over an empty directory");
  assert.ok(openAt(env, "e/in.txt", 0, 0x2n) > 0);
  const a = openAt(env, "e/in.txt", 0, 0x2n);
  const b = openAt(env, "e/b.txt", 0, 0x2n);
  assert.equal(f.fd_renumber(a, b), Errno.SUCCESS);
  assert.equal(f.fd_close(a), Errno.EBADF, "the old number is gone");
  env.dv().setUint32(400, 500, true);
  env.dv().setUint32(404, 8, true);
  assert.equal(f.fd_read(b, 400, 1, 410), Errno.SUCCESS);
  assert.equal(env.text(500, 1), "I", "the new number is the old file");
  assert.equal(f.fd_renumber(a, b), Errno.EBADF);
});

test("sockets: an open descriptor that is not a socket is ENOTSOCK, another EBADF", () => {
  const { f } = setup({ preopens: { "/w": {} } });
  assert.equal(f.sock_shutdown(1, 2), Errno.ENOTSOCK);
  assert.equal(f.sock_shutdown(3, 2), Errno.ENOTSOCK);
  assert.equal(f.sock_shutdown(42, 2), Errno.EBADF);
  assert.equal(f.sock_recv(0, 0, 0, 0, 0, 0), Errno.ENOTSOCK);
});

test("no escape through renames across preopens, links, or link chains", () => {
  const env = setup({ preopens: { "/a": { "x.txt": "X", sub: {} }, "/b": {} } });
  const { f, bytes } = env;
  const put2 = (a: string, b: string) => [putPath(bytes(), 200, a), putPath(bytes(), 400, b)] as const;
  let [n, m] = put2("x.txt", "../y");
  assert.equal(f.path_rename(3, 200, n, 4, 400, m), Errno.ENOTCAPABLE, "out of /b");
  [n, m] = put2("x.txt", "/y");
  assert.equal(f.path_rename(3, 200, n, 4, 400, m), Errno.ENOTCAPABLE, "absolute");
  [n, m] = put2("x.txt", "y.txt");
  assert.equal(f.path_rename(3, 200, n, 4, 400, m), Errno.SUCCESS, "into the other preopen");
  // an absolute link is refused; relative ones are made, but never followed out of the preopen
  [n, m] = put2("/etc/passwd", "abs");
  assert.equal(f.path_symlink(200, n, 3, 400, m), Errno.EPERM);
  for (const [target, name] of [["../../etc", "up"], ["sub/../..", "up2"]]) {
    [n, m] = put2(target, name);
    assert.equal(f.path_symlink(200, n, 3, 400, m), Errno.SUCCESS);
    const k = putPath(bytes(), 200, name);
    assert.equal(f.path_open(3, 1, 200, k, 0, 0x2n, 0n, 0, 300), Errno.ENOTCAPABLE, target);
    const j = putPath(bytes(), 200, `${name}/x`);
    assert.equal(f.path_open(3, 0, 200, j, 0, 0x2n, 0n, 0, 300), Errno.ENOTCAPABLE, `${target}/x`);
  }
  // a chain that stays inside is followed: c -> b -> sub
  [n, m] = put2("sub", "b");
  assert.equal(f.path_symlink(200, n, 3, 400, m), Errno.SUCCESS);
  [n, m] = put2("b", "c");
  assert.equal(f.path_symlink(200, n, 3, 400, m), Errno.SUCCESS);
  assert.equal(f.path_create_directory(3, 200, putPath(bytes(), 200, "c/new")), Errno.SUCCESS);
  assert.equal(f.path_filestat_get(3, 1, 200, putPath(bytes(), 200, "sub/new"), 900), Errno.SUCCESS);
  const k = putPath(bytes(), 200, "c/");
  assert.equal(f.path_filestat_get(3, 0, 200, k, 900), Errno.SUCCESS, "a trailing slash follows the link");
  assert.equal(env.dv().getUint8(916), 3);
});

test("symbolic links: loops are ELOOP; a link in the middle of a path keeps the path's own trailing slash", () => {
  const env = setup({ preopens: { "/a": { d: { "f.txt": "F" } } } });
  const { f, bytes } = env;
  const link = (target: string, name: string) => {
    const n = putPath(bytes(), 200, target);
    const m = putPath(bytes(), 400, name);
    return f.path_symlink(200, n, 3, 400, m);
  };
  assert.equal(link("self", "self"), Errno.SUCCESS);
  assert.equal(openAt(env, "self", 0, 0x2n), -Errno.ELOOP, "without SYMLINK_FOLLOW");
  let n = putPath(bytes(), 200, "self/x");
  assert.equal(f.path_open(3, 1, 200, n, 0, 0x2n, 0n, 0, 300), Errno.ELOOP);
  assert.equal(link("d/", "dl"), Errno.SUCCESS);
  n = putPath(bytes(), 200, "dl/f.txt");
  assert.equal(
    f.path_open(3, 1, 200, n, 0, 0x2n, 0n, 0, 300),
    Errno.SUCCESS,
    "the link's slash is not the path's",
  );
  assert.equal(f.path_readlink(3, 200, putPath(bytes(), 200, "dl"), 500, 1, 510), Errno.SUCCESS);
  assert.equal(env.dv().getUint32(510, true), 1, "readlink truncates to the buffer");
  assert.equal(env.text(500, 1), "d");
});

test("stdio: renumbered and closed like any descriptor", () => {
  const env = setup({ preopens: { "/w": { "f.txt": "F" } }, stdin: new TextEncoder().encode("in") });
  const { f, dv, bytes } = env;
  const fd = openAt(env, "f.txt");
  assert.equal(f.fd_renumber(1, fd), Errno.SUCCESS, "stdout takes the file's number");
  bytes().set(new TextEncoder().encode("hi"), 600);
  dv().setUint32(430, 600, true);
  dv().setUint32(434, 2, true);
  assert.equal(f.fd_write(fd, 430, 1, 440), Errno.SUCCESS);
  assert.equal(env.host.stdout().text, "hi", "writes to the new number reach stdout");
  assert.equal(f.fd_write(1, 430, 1, 440), Errno.EBADF, "the old number is closed");
  assert.equal(f.fd_fdstat_get(fd, 500), Errno.SUCCESS);
  assert.equal(dv().getUint8(500), 2, "a character device");
  assert.equal(f.fd_close(2), Errno.SUCCESS);
  assert.equal(f.fd_write(2, 430, 1, 440), Errno.EBADF);
  assert.equal(f.fd_close(2), Errno.EBADF);
  assert.equal(f.fd_renumber(0, 2), Errno.EBADF, "to a closed number");
  assert.equal(f.fd_renumber(0, 0), Errno.SUCCESS);
});

test("every import declares its preview1 parameters (the engine calls it without adapting arguments)", () => {
  const { f } = setup();
  for (const name of ALL_46) assert.equal(f[name]!.length, WITX_PARAMS[name]!.length, name);
});

test("i32 arguments are read unsigned and i64 arguments taken as bigints, in every import", () => {
  // -1 as an i32 is 4 GiB - 1: past any memory, so each pointer-taking call fails with an errno
  // (a TypeError from mixing bigints and numbers, or a pointer read signed, would throw or
  // write at a negative offset)
  const { f, bytes } = setup({ preopens: { "/d": { "a.txt": "hi" } } });
  const before = bytes().slice();
  for (const name of ALL_46) {
    if (name === "proc_exit") continue;
    const sig = WITX_PARAMS[name]!;
    for (const fd of [3, -1]) {
      const args = [...sig].map((t, i) => (t === "I" ? -1n : i === 0 && name.startsWith("fd_") ? fd : -1));
      let r: unknown;
      try {
        r = (f[name] as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        assert.fail(`${name}(${args.join(", ")}) threw ${String(e)}`);
      }
      assert.equal(typeof r, "number", name);
    }
  }
  assert.deepEqual(bytes(), before, "no call wrote to memory");
  assert.throws(() => f.proc_exit!(-1), (e: unknown) => e instanceof ExitSignal && e.code === 0xffffffff);
});

test("fd_write: the descriptor is checked before the iovecs are read", () => {
  const { f } = setup();
  // iovecs far outside memory: an unknown descriptor is still EBADF, stdout's write EFAULT
  assert.equal(f.fd_write(9, 0xfffffff0, 4, 0), Errno.EBADF);
  assert.equal(f.fd_write(0, 0xfffffff0, 4, 0), Errno.EBADF, "stdin is not written");
  assert.equal(f.fd_write(1, 0xfffffff0, 4, 0), Errno.EFAULT);
});

test("fd_write: iovecs adding up to more than 1 GiB are EFAULT, and nothing is allocated or written", () => {
  const host = new WasiHost();
  const memory = new WebAssembly.Memory({ initial: 3 });
  host.bind(memory);
  const dv = new DataView(memory.buffer);
  // 16,400 iovecs, each the first 64 KiB of memory: each lies inside it, together 1.0 GiB and more
  const n = 16_400;
  for (let i = 0; i < n; i++) {
    dv.setUint32(8 * i, 0, true);
    dv.setUint32(8 * i + 4, 65536, true);
  }
  dv.setUint32(190_000, 7, true);
  const f = host.imports.wasi_snapshot_preview1;
  assert.equal(f.fd_write!(1, 0, n, 190_000), Errno.EFAULT);
  assert.equal(dv.getUint32(190_000, true), 7, "nwritten left alone");
  assert.equal(host.stdout().bytes.length, 0);
  // the same array cut to 1,000 iovecs (62.5 MiB) is written whole
  assert.equal(f.fd_write!(1, 0, 1000, 190_000), Errno.SUCCESS);
  assert.equal(dv.getUint32(190_000, true), 1000 * 65536);
});

test("fd_write: output of hosts writing in turn stays each host's own, and chunks kept stay intact", () => {
  const kept: Uint8Array[] = [];
  const hosts = Array.from({ length: 3 }, (_, h) => ({ h, ...setup({ onStdout: (c) => kept.push(c) }) }));
  const expected = hosts.map(() => [] as string[]);
  const big = "x".repeat(9000); // more than a quarter of an arena chunk: a buffer of its own
  for (let i = 0; i < 2500; i++) {
    const { h, f, dv, bytes } = hosts[i % 3]!;
    const line = i % 997 === 0 ? big : `host ${h} line ${i}\n`;
    const b = new TextEncoder().encode(line);
    bytes().set(b, 1024);
    dv().setUint32(0, 1024, true);
    dv().setUint32(4, b.length, true);
    assert.equal(f.fd_write(1, 0, 1, 8), Errno.SUCCESS);
    assert.equal(dv().getUint32(8, true), b.length);
    bytes().fill(0, 1024, 1024 + b.length); // the guest reuses its buffer at once
    expected[h]!.push(line);
  }
  hosts.forEach(({ host }, h) => assert.equal(host.stdout().text, expected[h]!.join(""), `host ${h}`));
  const all = expected.flat();
  const inOrder = Array.from({ length: 2500 }, (_, i) => expected[i % 3]![Math.floor(i / 3)]!);
  assert.equal(kept.length, all.length);
  kept.forEach((c, i) => assert.equal(new TextDecoder().decode(c), inOrder[i], `chunk ${i}`));
});

test("random_get: system bytes are never given out twice, and large requests are filled", () => {
  const a = setup();
  const b = setup();
  const seen = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    const s = i % 2 ? a : b;
    assert.equal(s.f.random_get(64, 32), Errno.SUCCESS);
    const hex = Array.from(s.bytes().subarray(64, 96), (x) => x.toString(16).padStart(2, "0")).join("");
    assert.ok(!seen.has(hex), `draw ${i} repeats an earlier one`);
    seen.add(hex);
  }
  // more than getRandomValues takes in one call, and more than the pool serves
  const mem = new WebAssembly.Memory({ initial: 3 });
  const host = new WasiHost();
  host.bind(mem);
  assert.equal(host.imports.wasi_snapshot_preview1.random_get!(100, 150_000), Errno.SUCCESS);
  const out = new Uint8Array(mem.buffer, 100, 150_000);
  const zeros = out.reduce((n, x) => n + (x === 0 ? 1 : 0), 0);
  assert.ok(zeros < 150_000 / 128, `${zeros} zero bytes of 150,000`);
  assert.equal(new Uint8Array(mem.buffer)[99], 0, "nothing written before the range");
  assert.equal(new Uint8Array(mem.buffer)[150_100], 0, "nothing written after it");
});

test("paths: a path outside memory is EFAULT, not a shorter path", () => {
  const env = setup({ preopens: { "/w": { "ab": "x" } } });
  // "ab" at the very end of memory, its length running 1 byte past it
  const end = env.bytes().length;
  env.bytes().set(new TextEncoder().encode("ab"), end - 2);
  assert.equal(env.f.path_open(3, 0, end - 2, 3, 0, 0x1fffffffn, 0n, 0, 300), Errno.EFAULT);
  assert.equal(env.f.path_filestat_get(3, 0, end - 2, 3, 300), Errno.EFAULT);
  assert.equal(env.f.path_open(3, 0, end - 2, 2, 0, 0x1fffffffn, 0n, 0, 300), Errno.SUCCESS);
});
