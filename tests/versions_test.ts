// Issue #12: detection by layout, not by exact build. Committed targets with their version
// rewritten (same bytes otherwise) are detected, reported and read by the layout covering them;
// versions no layout covers are refused with the nearest layout named, and can be forced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatRunReport, run, type RunOptions, UnknownToolchainError } from "../mod.ts";
import { parseModule } from "../lib/wasm/mod.ts";
import { entriesText, wasm } from "./_helpers.ts";

const enc = new TextEncoder();

/** `bytes` with every occurrence of `from` replaced by `to` (same length), inside [start, end). */
function replaceAll(bytes: Uint8Array, from: string, to: string, start = 0, end = bytes.length): Uint8Array {
  const a = enc.encode(from);
  const b = enc.encode(to);
  assert.equal(a.length, b.length);
  const out = bytes.slice();
  let n = 0;
  for (let i = start; i + a.length <= end; i++) {
    if (a.every((x, j) => out[i + j] === x)) {
      out.set(b, i);
      n++;
    }
  }
  assert.ok(n > 0, `${from} not found`);
  return out;
}

/** A TinyGo module whose producers section names `version` instead of 0.41.0. */
function tinygoAs(version: string): Uint8Array {
  const bytes = wasm("tinygo-0.41.0", "panics");
  const p = parseModule(bytes).sections.find((s) => s.name === "producers")!;
  return replaceAll(bytes, "0.41.0", version, p.start, p.end);
}

const ARGS: RunOptions = { args: ["panics", "explicit"], deterministic: true };

test("other patch releases of go1.26 and go1.27 (split groups too) are read with their minor's layout", async () => {
  const cases: [string, string, string, string, string][] = [
    ["go1.26.8", "go1.26.8", "go1.26.3", "go1.26.3", "go1.26 swiss layout, verified on go1.26.8"],
    ["go1.27.3", "go1.27.3", "go1.27.0", "go1.27.0", "go1.27 swiss layout, verified on go1.27.3"],
    [
      "go1.27.3-mapsplitgroup",
      "go1.27.3",
      "go1.27.9",
      "go1.27.9-mapsplitgroup",
      "go1.27 swiss, split groups layout, verified on go1.27.3-mapsplitgroup",
    ],
  ];
  for (const [build, from, to, name, note] of cases) {
    const original = await run(wasm(build, "panics"), ARGS);
    const r = await run(replaceAll(wasm(build, "panics"), from, to), ARGS);
    assert.equal(r.toolchain.name, name);
    assert.equal(r.toolchain.layoutNote, note);
    assert.ok(formatRunReport(r).startsWith(`mapscope: ${name} program `), formatRunReport(r).split("\n")[0]);
    assert.ok(formatRunReport(r).split("\n")[0]!.endsWith(`(${note})`));
    assert.equal(r.panic?.message, original.panic?.message);
    assert.deepEqual(
      r.maps.map((m) => [m.len, entriesText(m)]),
      original.maps.map((m) => [m.len, entriesText(m)]),
    );
  }
});

test("a Go release no layout covers is refused naming the nearest layout; given a layout, it is read", async () => {
  const bytes = replaceAll(wasm("go1.26.8", "panics"), "go1.26.8", "go1.28.0");
  await assert.rejects(
    run(bytes, ARGS),
    (e: unknown) =>
      e instanceof UnknownToolchainError && e.toolchain === "go1.28.0" &&
      /nearest is go1\.27/.test(e.message),
  );
  const asOld = await run(bytes, { ...ARGS, toolchain: "go1.26" });
  assert.equal(asOld.toolchain.layout, "go1.26");
  assert.ok(
    asOld.maps.length === 2 && asOld.maps.every((m) => m.error === undefined && m.entries?.length === m.len),
  );
  // the wrong layout is refused map by map, typed, not printed as garbage
  const wrong = await run(bytes, { ...ARGS, toolchain: "go1.27" });
  assert.ok(
    wrong.maps.length === 2 && wrong.maps.every((m) => m.error !== undefined),
    JSON.stringify(wrong.maps),
  );
});

test("TinyGo: 0.41.x is read with the 0.41 layout; another release is refused, and can be given a layout", async () => {
  const patch = await run(tinygoAs("0.41.7"), ARGS);
  assert.equal(patch.toolchain.name, "tinygo-0.41.7");
  assert.equal(patch.toolchain.layout, "tinygo-0.41");
  assert.ok(patch.maps.every((m) => m.error === undefined && m.entries?.length === m.len));
  await assert.rejects(
    run(tinygoAs("0.40.1"), ARGS),
    (e: unknown) =>
      e instanceof UnknownToolchainError && /tinygo-0\.40\.1/.test(e.message) &&
      /nearest is tinygo-0\.41/.test(e.message),
  );
  const given = await run(tinygoAs("0.40.1"), { ...ARGS, toolchain: "tinygo-0.41" });
  assert.ok(given.maps.every((m) => m.error === undefined && m.entries?.length === m.len));
});

/** `bytes` without its name section (as wasm-opt --strip-debug leaves a module). */
function withoutNames(bytes: Uint8Array): Uint8Array {
  const leb = (p: number): [number, number] => {
    let v = 0;
    for (let shift = 0;; shift += 7) {
      const b = bytes[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return [v, p];
    }
  };
  for (let p = 8; p < bytes.length;) {
    const [size, content] = leb(p + 1);
    const end = content + size;
    if (bytes[p] === 0) {
      const [n, at] = leb(content);
      if (new TextDecoder().decode(bytes.subarray(at, at + n)) === "name") {
        return new Uint8Array([...bytes.subarray(0, p), ...bytes.subarray(end)]);
      }
    }
    p = end;
  }
  throw new Error("no name section");
}

test("a TinyGo module without its name section runs without hooks, and says why", async () => {
  const stripped = withoutNames(wasm("tinygo-0.41.0", "panics"));
  assert.equal(parseModule(stripped).functionNames.size, 0);
  const r = await run(stripped, { ...ARGS, allMaps: true });
  assert.deepEqual([r.hooked.panics, r.hooked.allMaps], [false, false]);
  assert.match(r.hooked.note!, /no name section/);
  assert.match(formatRunReport(r), /^hooks: no hooks: /m);
  assert.equal(r.panic?.message, "boom: users has 19 entries");
  assert.ok(
    r.maps.length === 2 && r.maps.every((m) => m.error === undefined),
    "the probe's maps are still read",
  );
});
