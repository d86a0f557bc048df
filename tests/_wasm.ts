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
