// Issue #7: panic-entry hooks (recovered panics too), the per-map diff of deferred calls, maps found
// without a probe, and the module rewriter that makes it possible.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatRunReport, ModuleError } from "../mod.ts";
import { hookModule } from "../lib/run/mod.ts";
import { toolchainByName } from "../lib/family/mod.ts";
import { parseModule, patchFunctionEntries } from "../lib/wasm/mod.ts";
import { entriesText, GO_TOOLCHAINS, hex, runTarget, TOOLCHAINS, views, wasm } from "./_helpers.ts";

function sectionBytes(bytes: Uint8Array) {
  return parseModule(bytes).sections.map((s) => ({
    id: s.id,
    name: s.name,
    bytes: bytes.slice(s.start, s.end),
  }));
}

for (const tc of TOOLCHAINS) {
  test(`${tc}: the hooked module validates, adds its hook globals and keeps every other section byte for byte`, () => {
    for (const target of ["panics", "nomaps"]) {
      const bytes = wasm(tc, target);
      const info = parseModule(bytes);
      const { bytes: hooked, names } = hookModule(bytes, info, toolchainByName(tc), {
        panics: true,
        allMaps: true,
      });
      assert.ok(names.length >= (tc.startsWith("tinygo") ? 3 : 2), names.join());
      assert.ok(WebAssembly.validate(hooked as Uint8Array<ArrayBuffer>));
      const a = sectionBytes(bytes);
      const b = sectionBytes(hooked);
      assert.deepEqual(b.map((s) => [s.id, s.name]), a.map((s) => [s.id, s.name]));
      a.forEach((s, i) => {
        if (s.id === 10) assert.ok(b[i].bytes.length > s.bytes.length);
        else if (s.id !== 6) assert.deepEqual(b[i].bytes, s.bytes, `section ${s.id} ${s.name}`);
      });
      // the global section: the module's own globals as they were, then the hooks' (i32, 0)
      const added = parseModule(hooked).globalInits;
      assert.deepEqual(added.slice(0, info.globalInits.length), info.globalInits);
      assert.deepEqual(added.slice(info.globalInits.length), tc.startsWith("tinygo") ? [0, 0, 0] : [0]);
      assert.deepEqual(parseModule(hooked).functionNames, info.functionNames);
    }
  });

  test(`${tc}: output is byte-identical with and without hooks and with --all-maps`, async () => {
    for (
      const [target, args] of [["shapes", []], ["panics", ["index"]], ["recovered", []], ["deferred", []], [
        "lifecycle",
        [],
      ]] as const
    ) {
      const plain = await runTarget(tc, target, [...args], { hooks: false });
      const hooked = await runTarget(tc, target, [...args], { hooks: true, allMaps: true });
      assert.equal(plain.hooked.panics, false);
      assert.equal(hooked.hooked.allMaps, true);
      assert.deepEqual(hooked.stdout.bytes, plain.stdout.bytes, `${target} stdout`);
      assert.deepEqual(hooked.stderr.bytes, plain.stderr.bytes, `${target} stderr`);
      assert.equal(hooked.exit, plain.exit);
      assert.equal(hooked.trap?.kind, plain.trap?.kind);
    }
  });

  test(`${tc} panics: each kind is seen at its entry with its value and the maps as printed`, async () => {
    const r = await runTarget(tc, "panics", ["explicit"]);
    assert.equal(r.panics.length, 1);
    const p = r.panics[0];
    assert.equal(p.value, "boom: users has 19 entries");
    assert.equal(p.valueType, "string");
    assert.equal(p.recovered, false);
    const printed = views(r.stdout.lines);
    for (const s of p.snapshots) {
      const v = printed.find((x) => x.name === s.name)!;
      assert.equal(hex(s.address), v.ptr);
      assert.equal(entriesText(s), v.entries);
    }
    const idx = await runTarget(tc, "panics", ["index"]);
    assert.equal(idx.panics.length, 1);
    assert.equal(
      idx.panics[0].value,
      tc.startsWith("tinygo") ? "runtime error: index out of range" : "{x:5 y:3 signed:true code:0}",
    );
  });

  test(`${tc} nomaps --all-maps: all ten written maps found, with address and len (and entries in Go)`, async () => {
    const r = await runTarget(tc, "nomaps", [], { allMaps: true });
    const printed = views(r.stdout.lines);
    assert.equal(printed.length, 10);
    for (const v of printed) {
      const s = r.panic!.snapshots.find((m) => hex(m.address) === v.ptr);
      assert.ok(s, `map ${v.name} at ${v.ptr} was found`);
      assert.equal(s.len, v.len, v.name);
      if (!tc.startsWith("tinygo")) assert.equal(entriesText(s), v.entries, v.name);
    }
    assert.ok(r.discovered.length >= 10);
  });
}

for (const tc of GO_TOOLCHAINS) {
  test(`${tc} recovered: both panics in order, the first recovered, each with the map at its entry`, async () => {
    const r = await runTarget(tc, "recovered");
    assert.deepEqual(r.panics.map((p) => [p.value, p.recovered]), [["first: recovered", true], [
      "second: fatal",
      false,
    ]]);
    assert.ok(r.stdout.text.length > 0);
    const printed = views(r.stdout.lines);
    const second = printed.find((v) => v.at === "second")!;
    // at the first panic's entry: "start" (printed) plus what risky() added before panicking
    assert.equal(entriesText(r.panics[0].snapshots[0]), '[["before-first",1],["start",0]]');
    assert.equal(entriesText(r.panics[1].snapshots[0]), second.entries);
    assert.equal(r.panic?.message, "second: fatal [recovered]".replace(" [recovered]", ""));
  });

  test(`${tc} deferred: entry and print snapshots differ exactly by what the deferred call did`, async () => {
    const r = await runTarget(tc, "deferred");
    const printed = views(r.stdout.lines);
    const before = printed.find((v) => v.at === "panic")!;
    const after = printed.find((v) => v.at === "deferred")!;
    const fatal = r.panics[0];
    assert.equal(r.panics.length, 1);
    assert.equal(entriesText(fatal.snapshots[0]), before.entries);
    assert.equal(entriesText(fatal.atPrint![0]), after.entries);
    // the diff, computed independently from Go's two views
    const b = new Map((JSON.parse(before.entries!) as [string, number][]).map(([k, v]) => [k, v]));
    const a = new Map((JSON.parse(after.entries!) as [string, number][]).map(([k, v]) => [k, v]));
    const d = fatal.diff![0];
    assert.deepEqual(d.added, [...a].filter(([k]) => !b.has(k)).map(([k, v]) => JSON.stringify([k, v])));
    assert.deepEqual(d.removed, [...b].filter(([k]) => !a.has(k)).map(([k, v]) => JSON.stringify([k, v])));
    assert.deepEqual(
      d.changed.map((c) => [JSON.parse(c.key), Number(c.before), Number(c.after)]),
      [...a].filter(([k, v]) => b.has(k) && b.get(k) !== v).map(([k, v]) => [k, b.get(k), v]),
    );
    // the text report shows it; diffs in another order than the snapshots are found by address
    const text = formatRunReport(r);
    assert.ok(text.includes(`  deferred calls changed ${d.name}: `), text);
    const decoy = { name: "decoy", address: 1, added: ["[1,2]"], removed: [], changed: [] };
    const reordered = {
      ...r,
      panics: r.panics.map((p) => ({ ...p, diff: [decoy, ...(p.diff ?? [])].reverse() })),
    };
    assert.equal(formatRunReport(reordered), text);
  });
}

test("tinygo-0.41.0 recovered: TinyGo's wasip1 target cannot recover, so the first panic is fatal", async () => {
  const r = await runTarget("tinygo-0.41.0", "recovered");
  assert.deepEqual(r.panics.map((p) => [p.value, p.recovered]), [["first: recovered", false]]);
  assert.equal(r.panic?.message, "first: recovered");
});

test("the rewriter refuses a function that is not there and a module without names", () => {
  const bytes = wasm("go1.26.8", "hello");
  assert.throws(
    () => patchFunctionEntries(bytes, [{ name: "no.such.function", code: new Uint8Array([1]) }]),
    ModuleError,
  );
  const spin = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  assert.throws(
    () => patchFunctionEntries(spin, [{ name: "x", code: new Uint8Array([1]) }]),
    /no name section/,
  );
});

test("call-site patches: code before every direct call of the callees, each reported at its original offset", () => {
  const bytes = wasm("tinygo-0.41.0", "nomaps");
  const info = parseModule(bytes);
  const code = info.sections.find((s) => s.id === 10)!;
  const callees = ["runtime.hashmapBinarySet", "runtime.hashmapStringSet"];
  const want = new Set(callees.map((n) => [...info.functionNames].find(([, m]) => m === n)![0]));
  const sites: { caller: number; offset: number }[] = [];
  const patched = patchFunctionEntries(bytes, [], info, {
    callees,
    skipCaller: (n) => n.startsWith("runtime.hashmap"),
    code: (caller, offset) => {
      sites.push({ caller, offset });
      return new Uint8Array([0x01, 0x01]); // two nops
    },
  });
  assert.ok(sites.length >= 10, `${sites.length} call sites`);
  // two bytes a site, and a few where a body's or the section's size takes one more LEB byte
  const grown = patched.length - bytes.length;
  assert.ok(grown >= 2 * sites.length && grown <= 2 * sites.length + 16, `grew ${grown}`);
  assert.ok(WebAssembly.validate(patched as Uint8Array<ArrayBuffer>));
  for (const { caller, offset } of sites) {
    const at = code.start + offset;
    assert.equal(bytes[at], 0x10, `a call at ${offset}`);
    let callee = 0;
    for (let p = at + 1, shift = 0, x = 0x80; x & 0x80; shift += 7) {
      callee += ((x = bytes[p++]!) & 0x7f) << shift;
    }
    assert.ok(want.has(callee), `callee ${callee}`);
    assert.ok(
      !info.functionNames.get(caller)!.startsWith("runtime.hashmap"),
      "the map functions' own calls are left",
    );
  }
});

test("exit patches: code before every return (and, when asked, the final end), the module still valid", () => {
  const bytes = wasm("go1.26.8", "hello");
  const info = parseModule(bytes);
  const two = new Uint8Array([0x01, 0x01]);
  const name = "runtime.mapassign_faststr";
  const plain = patchFunctionEntries(bytes, [{ name, code: new Uint8Array() }], info);
  const exit = patchFunctionEntries(bytes, [{ name, code: new Uint8Array(), beforeReturn: two }], info);
  const end = patchFunctionEntries(bytes, [{
    name,
    code: new Uint8Array(),
    beforeReturn: two,
    beforeEnd: true,
  }], info);
  for (const m of [exit, end]) assert.ok(WebAssembly.validate(m as Uint8Array<ArrayBuffer>));
  const returns = (exit.length - plain.length) / 2;
  assert.ok(Number.isInteger(returns) && returns >= 1, `${returns} returns`);
  assert.equal(end.length - exit.length, 2, "one more insertion, before the final end");
});
