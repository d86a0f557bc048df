import { test } from "node:test";
import assert from "node:assert/strict";
import { LineTable } from "./line.ts";
import { ModuleError } from "../errors.ts";

const cstr = (s: string) => [...new TextEncoder().encode(s), 0];
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];

/** One DWARF 4 line unit: dirs, files (name, dir), then `program`. */
function unit(program: number[], version = 4): Uint8Array {
  const OPCODE_BASE = 13;
  const header = [
    1, // minimum_instruction_length
    ...(version >= 4 ? [1] : []), // maximum_operations_per_instruction
    1, // default_is_stmt
    0xfb, // line_base -5
    14, // line_range
    OPCODE_BASE,
    0,
    1,
    1,
    1,
    1,
    0,
    0,
    0,
    1,
    0,
    0,
    1, // standard_opcode_lengths
    ...cstr("/src/app"),
    0,
    ...cstr("main.go"),
    1,
    0,
    0,
    ...cstr("/abs/other.go"),
    0,
    0,
    0,
    0,
  ];
  const body = [version & 0xff, version >> 8, ...u32(header.length), ...header, ...program];
  return new Uint8Array([...u32(body.length), ...body]);
}

const setAddress = (a: number) => [0, 5, 2, ...u32(a)];
const END = [0, 1, 1];
// special opcode for address += da, line += dl (line_base -5, line_range 14, opcode_base 13)
const special = (da: number, dl: number) => 13 + (dl + 5) + 14 * da;

test("LineTable: rows from special and standard opcodes, looked up by address", () => {
  const program = [
    ...setAddress(0x100),
    3,
    9, // advance_line +9 -> 10
    1, // copy: 0x100 line 10
    special(4, 2), // 0x104 line 12
    2,
    0x10, // advance_pc 16 -> 0x114
    4,
    2, // set_file 2
    3,
    0x7d, // advance_line -3 -> 9
    1, // copy: 0x114 other.go:9
    2,
    4, // -> 0x118
    ...END,
  ];
  const t = LineTable.parse(unit(program));
  assert.equal(t.rows, 3);
  assert.equal(t.lookup(0xff), undefined, "before the sequence");
  assert.deepEqual(t.lookup(0x100), { file: "/src/app/main.go", line: 10 });
  assert.deepEqual(t.lookup(0x103), { file: "/src/app/main.go", line: 10 });
  assert.deepEqual(t.lookup(0x110), { file: "/src/app/main.go", line: 12 });
  assert.deepEqual(t.lookup(0x117), { file: "/abs/other.go", line: 9 }, "an absolute name keeps its path");
  assert.equal(t.lookup(0x118), undefined, "the sequence ends before 0x118");
  // skipping a line goes back to the row before it, not below the floor
  assert.deepEqual(t.lookup(0x110, (l) => l === 12), { file: "/src/app/main.go", line: 10 });
  assert.equal(t.lookup(0x110, (l) => l === 12, 0x104), undefined, "no row left above the floor");
  assert.deepEqual(t.lookup(0x117, (_l, f) => f.startsWith("/abs/")), { file: "/src/app/main.go", line: 12 });
});

test("LineTable: two units, DWARF 3 too; each unit numbers its own files", () => {
  const a = unit([...setAddress(0x10), 1, 2, 4, ...END]);
  const b = unit([...setAddress(0x20), 4, 2, 1, 2, 4, ...END], 3);
  const t = LineTable.parse(new Uint8Array([...a, ...b]));
  assert.deepEqual(t.lookup(0x11), { file: "/src/app/main.go", line: 1 });
  assert.deepEqual(t.lookup(0x21), { file: "/abs/other.go", line: 1 });
});

test("LineTable: malformed tables are refused with ModuleError", () => {
  const good = unit([...setAddress(0x10), 1, ...END]);
  for (
    const [what, bytes] of [
      ["truncated", good.subarray(0, good.length - 2)],
      ["version 5", unit([1], 5)],
      ["a file out of range", unit([...setAddress(0x10), 4, 9, 1, ...END])],
      ["a unit longer than the section", new Uint8Array([...u32(1000), 4, 0])],
      ["a set_address of 3 bytes", unit([0, 4, 2, 1, 2, 3, 1, ...END])],
    ] as const
  ) {
    assert.throws(() => LineTable.parse(bytes), ModuleError, what);
  }
});
