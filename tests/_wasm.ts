// Tiny hand-assembled modules for the error and timeout tests.

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // \0asm, version 1
const VOID_TYPE = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // type section: () -> ()

/** A module whose `_start` spins forever: (loop (br 0)). */
export const SPIN = new Uint8Array([
  HEADER,
  VOID_TYPE,
  [0x03, 0x02, 0x01, 0x00], // function section: func 0 has type 0
  [0x05, 0x03, 0x01, 0x00, 0x01], // memory section: min 1 page
  [0x07, 0x13, 0x02], // export section, 2 exports:
  [0x06, ...new TextEncoder().encode("memory"), 0x02, 0x00],
  [0x06, ...new TextEncoder().encode("_start"), 0x00, 0x00],
  [0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b], // code: loop { br 0 }
].flat());

/** A module importing env.foo, which no WASI host supplies. */
export const IMPORTS_ENV = new Uint8Array([
  HEADER,
  VOID_TYPE,
  [
    0x02,
    0x0b,
    0x01,
    0x03,
    ...new TextEncoder().encode("env"),
    0x03,
    ...new TextEncoder().encode("foo"),
    0x00,
    0x00,
  ],
].flat());

const enc = new TextEncoder();
/** Unsigned LEB128. */
function u(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const vec = (items: number[][]) => [...u(items.length), ...items.flat()];
const str = (s: string) => [...u(enc.encode(s).length), ...enc.encode(s)];
const sec = (id: number, body: number[]) => [id, ...u(body.length), ...body];

/**
 * A WASI command importing fd_write and poll_oneoff, with a global and one page of memory, whose
 * `_start` runs `body` (function 2; imports are 0 fd_write and 1 poll_oneoff). `data` goes at 0.
 */
function wasiCommand(body: number[], data: number[] = []): Uint8Array {
  const i32 = 0x7f;
  return new Uint8Array([
    ...HEADER,
    ...sec(1, vec([[0x60, ...vec([[i32], [i32], [i32], [i32]]), ...vec([[i32]])], [0x60, 0, 0]])),
    ...sec(
      2,
      vec([
        [...str("wasi_snapshot_preview1"), ...str("fd_write"), 0x00, 0],
        [...str("wasi_snapshot_preview1"), ...str("poll_oneoff"), 0x00, 0],
      ]),
    ),
    ...sec(3, vec([[1]])),
    ...sec(5, vec([[0x00, 1]])),
    ...sec(6, vec([[i32, 0x01, 0x41, 0, 0x0b]])),
    ...sec(7, vec([[...str("memory"), 0x02, 0], [...str("_start"), 0x00, 2]])),
    ...sec(10, vec([[...u(body.length + 1), 0, ...body]])),
    ...(data.length ? sec(11, vec([[0, 0x41, 0, 0x0b, ...u(data.length), ...data]])) : []),
  ]);
}

/** A WASI command that loops forever without calling the host: (loop (br 0)). */
export const SPIN_WASI = wasiCommand([0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b]);

/**
 * A WASI command that sleeps an hour on the real clock: poll_oneoff with one clock subscription
 * (clock 1, monotonic, relative timeout 3600 s) at address 0, events at 64.
 */
export const SLEEP_WASI = (() => {
  const sub = new Uint8Array(48);
  const dv = new DataView(sub.buffer);
  dv.setUint8(8, 0); // tag: clock
  dv.setUint32(16, 1, true); // monotonic
  dv.setBigUint64(24, 3600n * 1_000_000_000n, true);
  // poll_oneoff(0, 64, 1, 128); drop
  const body = [0x41, 0, 0x41, 0xc0, 0x00, 0x41, 1, 0x41, 0x80, 0x01, 0x10, 1, 0x1a, 0x0b];
  return wasiCommand(body, [...sub]);
})();
