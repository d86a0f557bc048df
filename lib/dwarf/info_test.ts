import { test } from "node:test";
import assert from "node:assert/strict";
import { DebugScopes } from "./info.ts";
import { ModuleError } from "../errors.ts";

const cstr = (s: string) => [...new TextEncoder().encode(s), 0];
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];

const ABBREV = new Uint8Array([
  1,
  0x11,
  1,
  0x03,
  0x08,
  0x11,
  0x01,
  0,
  0, // compile_unit: name string, low_pc addr
  2,
  0x2e,
  1,
  0x03,
  0x08,
  0x11,
  0x01,
  0x12,
  0x06,
  0x3b,
  0x0b,
  0,
  0, // subprogram with code
  3,
  0x2e,
  0,
  0x03,
  0x0e,
  0x3b,
  0x0b,
  0,
  0, // abstract subprogram: name strp, decl_line
  4,
  0x1d,
  0,
  0x31,
  0x13,
  0x55,
  0x17,
  0,
  0, // inlined_subroutine: abstract_origin ref4, ranges
  5,
  0x34,
  0,
  0x03,
  0x08,
  0x02,
  0x18,
  0,
  0, // variable: name, location exprloc
  6,
  0x34,
  0,
  0x03,
  0x08,
  0x49,
  0x13,
  0x02,
  0x18,
  0x3b,
  0x0b,
  0,
  0, // variable: name, type ref4, location, decl_line
  7,
  0x0f,
  0,
  0x49,
  0x13,
  0,
  0, // pointer_type: type ref4
  8,
  0x13,
  0,
  0x03,
  0x08,
  0,
  0, // structure_type: name
  0,
]); // deno-fmt-ignore
const STR = new Uint8Array(cstr("pkg.inlined"));
const RANGES = new Uint8Array([
  ...u32(0x10),
  ...u32(0x20),
  ...u32(0x40),
  ...u32(0x44),
  ...u32(0xffffffff),
  ...u32(0x2000),
  ...u32(0),
  ...u32(4), // a base address, then [0x2000, 0x2004)
  ...u32(0),
  ...u32(0),
]); // deno-fmt-ignore

/** A unit with the DIEs above; `dies` follow the 11-byte header. */
function info(dies: number[]): Uint8Array {
  const body = [4, 0, ...u32(0), 4, ...dies];
  return new Uint8Array([...u32(body.length), ...body]);
}

function dies(): number[] {
  const cu = [1, ...cstr("cu"), ...u32(0x1000)];
  const abstractAt = 11 + cu.length;
  const abstract = [3, ...u32(0), 7];
  const sub = [2, ...cstr("pkg.F"), ...u32(0x1000), ...u32(0x100), 3];
  const variable = [5, ...cstr("x"), 5, 0x03, ...u32(0x1234)];
  const inl = [4, ...u32(abstractAt), ...u32(0)];
  // after the subprogram's children: a pointer to a named struct, and two variables of that type
  const before = 11 + cu.length + abstract.length + sub.length + variable.length + inl.length + 1;
  const strct = [8, ...cstr("runtime.hashmap")];
  const ptr = [7, ...u32(before)];
  const ptrAt = before + strct.length;
  const located = [6, ...cstr("main.catalog"), ...u32(ptrAt), 5, 0x03, ...u32(0x10fc8), 9];
  const unlocated = [6, ...cstr("main.lit"), ...u32(ptrAt), 1, 0x30, 4]; // DW_OP_lit0: no address
  return [...cu, ...abstract, ...sub, ...variable, ...inl, 0, ...strct, ...ptr, ...located, ...unlocated, 0];
}

const sections = (i: Uint8Array) =>
  new Map([[".debug_info", i], [".debug_abbrev", ABBREV], [".debug_str", STR], [".debug_ranges", RANGES]]);

test("DebugScopes: functions and inlined calls, the innermost named through its abstract origin", () => {
  const s = DebugScopes.parse(sections(info(dies())));
  assert.equal(s.size, 2);
  assert.equal(s.innermost(0x1005)?.name, "pkg.F");
  assert.equal(s.innermost(0x1005)?.declLine, 3);
  const inl = s.innermost(0x1015)!;
  assert.deepEqual([inl.name, inl.declLine, inl.depth], ["pkg.inlined", 7, 1]);
  assert.equal(s.innermost(0x1042)?.name, "pkg.inlined");
  assert.equal(s.innermost(0x1020)?.name, "pkg.F", "a range is half-open");
  assert.equal(s.innermost(0x2001)?.name, "pkg.inlined", "after a base address selection entry");
  assert.equal(s.innermost(0x1100), undefined);
  // variables at fixed addresses, with their types' names through the pointer
  assert.deepEqual(s.variables, [
    { name: "x", address: 0x1234, typeName: undefined, declLine: undefined },
    { name: "main.catalog", address: 0x10fc8, typeName: "runtime.hashmap *", declLine: 9 },
  ]);
});

test("DebugScopes: malformed sections are refused with ModuleError", () => {
  const good = info(dies());
  const badAbbrev = dies();
  badAbbrev[1 + 3 + 4] = 9; // the abstract DIE's code (after the unit DIE): not in the table
  for (
    const [what, s] of [
      ["truncated", sections(good.subarray(0, good.length - 6))],
      ["an abbreviation not in the table", sections(info(badAbbrev))],
      ["no .debug_abbrev", new Map([[".debug_info", good]])],
      ["version 5", sections(new Uint8Array([...u32(7), 5, 0, ...u32(0), 4]))],
    ] as const
  ) {
    assert.throws(() => DebugScopes.parse(s), ModuleError, what);
  }
});
