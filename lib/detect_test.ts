import { test } from "node:test";
import assert from "node:assert/strict";
import { detectToolchain, toolchainByName } from "./detect.ts";
import { UnknownToolchainError } from "./errors.ts";
import { encodeU32 } from "./wasm/_leb128.ts";
import { parseModule } from "./wasm/module.ts";

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

test("detectToolchain refuses unknown versions and modules without a producer, naming what it found", () => {
  assert.throws(
    () => detect(module(producers("processed-by", "TinyGo", "0.33.0"))),
    (e) => e instanceof UnknownToolchainError && e.toolchain === "tinygo-0.33.0",
  );
  assert.throws(
    () => detect(module(producers("processed-by", "cmd/compile", "go1.21.0"))),
    (e) => e instanceof UnknownToolchainError && e.toolchain === "go1.21.0",
  );
  assert.throws(() => detect(module(producers("language", "C", "11"))), UnknownToolchainError);
  assert.throws(() => detect(module()), UnknownToolchainError);
});

test("toolchainByName gives each known build and refuses others", () => {
  assert.equal(toolchainByName("go1.26.8").ptrSize, 8);
  assert.equal(toolchainByName("tinygo-0.41.0").family, "tinygo");
  assert.throws(() => toolchainByName("go1.27"), UnknownToolchainError);
});
