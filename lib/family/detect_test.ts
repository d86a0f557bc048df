import { test } from "node:test";
import assert from "node:assert/strict";
import { detectToolchain, toolchainByName } from "./detect.ts";
import { UnknownToolchainError } from "../errors.ts";
import { encodeU32 } from "../wasm/_leb128.ts";
import { parseModule } from "../wasm/module.ts";

const enc = new TextEncoder();

/** A WebAssembly producers field value list: `language`/`processed-by` with one (name, version). */
function producers(field: string, name: string, version: string): Uint8Array {
  const str = (s: string) => [...encodeU32(enc.encode(s).length), ...enc.encode(s)];
  return new Uint8Array([...encodeU32(1), ...str(field), ...encodeU32(1), ...str(name), ...str(version)]);
}

/** An empty module with a custom `producers` section and, optionally, a data section holding `data`. */
function module(prod?: Uint8Array, data?: string): Uint8Array {
  const out = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
  if (prod) {
    const name = [...encodeU32(9), ...enc.encode("producers")];
    out.push(0, ...encodeU32(name.length + prod.length), ...name, ...prod);
  }
  if (data) {
    const bytes = enc.encode(data);
    out.push(0, ...encodeU32(5 + bytes.length), 4, ...enc.encode("data"), ...bytes);
  }
  return new Uint8Array(out);
}

const detect = (bytes: Uint8Array) => detectToolchain(bytes, parseModule(bytes));

test("detectToolchain reads TinyGo and Go versions from the producers section", () => {
  const tiny = detect(module(producers("processed-by", "TinyGo", "0.41.0")));
  assert.deepEqual(tiny, {
    name: "tinygo-0.41.0",
    family: "tinygo",
    version: "0.41.0",
    experiments: [],
    ptrSize: 4,
    layout: "tinygo-0.41",
    layoutNote: "tinygo 0.41 hashmap layout, verified on tinygo-0.41.0",
  });
  const go = detect(module(producers("processed-by", "cmd/compile", "go1.27.3")));
  assert.equal(go.name, "go1.27.3");
  assert.equal(go.family, "go");
  assert.equal(go.ptrSize, 8);
});

test("detectToolchain finds GOEXPERIMENT=mapsplitgroup in the runtime's version string", () => {
  const bytes = module(producers("processed-by", "cmd/compile", "go1.27.3"), "go1.27.3-X:mapsplitgroup\0");
  const tc = detect(bytes);
  assert.equal(tc.name, "go1.27.3-mapsplitgroup");
  assert.deepEqual(tc.experiments, ["mapsplitgroup"]);
});

test("detectToolchain refuses unknown versions naming them; a module without a Go producer is plain WASI", () => {
  assert.throws(
    () => detect(module(producers("processed-by", "TinyGo", "0.33.0"))),
    (e) => e instanceof UnknownToolchainError && e.toolchain === "tinygo-0.33.0",
  );
  assert.throws(
    () => detect(module(producers("processed-by", "cmd/compile", "go1.21.0"))),
    (e) => e instanceof UnknownToolchainError && e.toolchain === "go1.21.0",
  );
  // no TinyGo or Go producer: a plain WASI program, named by its producer
  const c = detect(module(producers("processed-by", "clang", "19.1.7")));
  assert.deepEqual([c.family, c.layout, c.name], ["none", "none", "clang 19.1.7"]);
  assert.equal(detect(module()).name, "wasi");
});

test("detectToolchain picks the layout by release range: any patch, rc or beta of a covered minor", () => {
  const cases: [string, string, string][] = [
    ["go1.26.0", "go1.26", "go1.26.0"],
    ["go1.26.3", "go1.26", "go1.26.3"],
    ["go1.26rc2", "go1.26", "go1.26rc2"],
    ["go1.27beta1", "go1.27", "go1.27beta1"],
    ["go1.27.12", "go1.27", "go1.27.12"],
  ];
  for (const [version, layout, name] of cases) {
    const tc = detect(module(producers("processed-by", "cmd/compile", version)));
    assert.equal(tc.layout, layout, version);
    assert.equal(tc.name, name);
    assert.match(tc.layoutNote, new RegExp(`verified on ${layout === "go1.26" ? "go1.26.8" : "go1.27.3"}`));
  }
  assert.equal(detect(module(producers("processed-by", "TinyGo", "0.41.2"))).layout, "tinygo-0.41");
  const split = detect(
    module(producers("processed-by", "cmd/compile", "go1.27.1"), "go1.27.1-X:mapsplitgroup\0"),
  );
  assert.equal(split.layout, "go1.27-mapsplitgroup");
  assert.equal(split.name, "go1.27.1-mapsplitgroup");
});

test("out of range: a typed error naming the version and the nearest layout", () => {
  const cases: [string, string, string][] = [
    ["cmd/compile", "go1.28.0", "go1.27"],
    ["cmd/compile", "go1.25.4", "go1.26"],
    ["TinyGo", "0.40.1", "tinygo-0.41"],
  ];
  for (const [tool, version, nearest] of cases) {
    assert.throws(
      () => detect(module(producers("processed-by", tool, version))),
      (e) =>
        e instanceof UnknownToolchainError && e.toolchain.endsWith(version) &&
        e.message.includes(`the nearest is ${nearest}`),
      version,
    );
  }
  assert.throws(
    () => detect(module(producers("processed-by", "cmd/compile", "go1.26.1"), "go1.26.1-X:mapsplitgroup\0")),
    (e) => e instanceof UnknownToolchainError && /nearest is go1\.27-mapsplitgroup/.test(e.message),
  );
});

test("toolchainByName accepts layouts and builds they cover, and refuses others", () => {
  assert.equal(toolchainByName("go1.26.8").ptrSize, 8);
  assert.equal(toolchainByName("go1.26.3").layout, "go1.26");
  assert.equal(toolchainByName("tinygo-0.41.0").family, "tinygo");
  assert.equal(toolchainByName("go1.27").layout, "go1.27");
  assert.equal(toolchainByName("go1.27-mapsplitgroup").layout, "go1.27-mapsplitgroup");
  for (const bad of ["go1.21.0", "go1.28.1", "tinygo-0.39.0", "", "gcc"]) {
    assert.throws(() => toolchainByName(bad), UnknownToolchainError, bad);
  }
});
