// Issue #4: run() on every committed toolchain build: panics with the maps as they were, exits,
// traps, determinism, bad input, timeouts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ModuleError, run, TimeoutError, UnknownToolchainError } from "../mod.ts";
import { entriesText, GO_TOOLCHAINS, hex, runTarget, TOOLCHAINS, views, wasm } from "./_helpers.ts";
import { IMPORTS_ENV, SPIN_WASI } from "./_wasm.ts";

const MESSAGES: Record<string, { tinygo: string; go: string }> = {
  explicit: { tinygo: "boom: users has 19 entries", go: "boom: users has 19 entries" },
  nilmap: { tinygo: "runtime error: assignment to entry in nil map", go: "assignment to entry in nil map" },
  index: {
    tinygo: "runtime error: index out of range",
    go: "runtime error: index out of range [5] with length 3",
  },
  divide: { tinygo: "runtime error: divide by zero", go: "runtime error: integer divide by zero" },
  nilptr: {
    tinygo: "runtime error: nil pointer dereference",
    go: "runtime error: invalid memory address or nil pointer dereference",
  },
};

for (const tc of TOOLCHAINS) {
  const family = tc.startsWith("tinygo") ? "tinygo" : "go";
  for (const [kind, msg] of Object.entries(MESSAGES)) {
    test(`${tc} panics/${kind}: exact message, maps as the program printed them before panicking`, async () => {
      const r = await runTarget(tc, "panics", [kind]);
      assert.equal(r.panic?.message, msg[family]);
      assert.equal(r.panic?.kind, "panic");
      if (family === "tinygo") {
        assert.equal(r.trap?.kind, "unreachable");
        assert.equal(r.panic?.stream, "stdout");
        assert.ok(r.stdout.lines.includes(`panic: ${msg.tinygo}`));
      } else {
        assert.equal(r.exit, 2);
        assert.equal(r.panic?.stream, "stderr");
        assert.equal(r.stderr.lines[0], `panic: ${msg.go}`);
      }
      const printed = views(r.stdout.lines);
      assert.deepEqual(r.panic!.snapshots.map((s) => s.name), ["users", "scores"]);
      for (const s of r.panic!.snapshots) {
        const v = printed.find((p) => p.name === s.name)!;
        assert.equal(hex(s.address), v.ptr);
        assert.equal(s.len, v.len);
        assert.equal(entriesText(s), v.entries);
      }
    });
  }
  test(`${tc} panics/exit3: exit 3 is reported as 3, no panic, and the host process lives on`, async () => {
    const r = await runTarget(tc, "panics", ["exit3"]);
    assert.equal(r.exit, 3);
    assert.equal(r.panic, undefined);
    assert.equal(r.trap, undefined);
    assert.equal(r.maps.length, 2);
  });
  test(`${tc}: deterministic mode gives identical output, seeds and layouts twice`, async () => {
    const a = await runTarget(tc, "shapes");
    const b = await runTarget(tc, "shapes");
    assert.deepEqual(a.stdout.bytes, b.stdout.bytes);
    assert.deepEqual(a.maps.map((m) => m.header), b.maps.map((m) => m.header));
    const c = await runTarget(tc, "shapes", [], { deterministic: { seed: 99 } });
    assert.notDeepEqual(a.maps.map((m) => m.header.seed), c.maps.map((m) => m.header.seed));
  });
  test(`${tc} nomaps: a program without the probe still gets output, the end and the panic message`, async () => {
    const r = await runTarget(tc, "nomaps");
    assert.equal(r.panic?.message, "ten maps, no probe");
    assert.equal(r.tracked.length, 0);
    assert.equal(r.panic?.snapshots.length, 0);
    assert.equal(views(r.stdout.lines).length, 10);
  });
}

for (const tc of GO_TOOLCHAINS) {
  test(`${tc} panics/oom: the runtime's fatal error is caught with the maps`, async () => {
    const r = await runTarget(tc, "panics", ["oom"]);
    assert.equal(r.panic?.kind, "fatal error");
    assert.equal(r.panic?.message, "out of memory");
    assert.equal(r.exit, 2);
    const users = r.panic!.snapshots.find((s) => s.name === "users")!;
    assert.ok(users.len > 19, "the loop added entries before memory ran out");
  });
}

test("tinygo-0.41.0 panics/oom: TinyGo's out-of-memory panic is caught", async () => {
  const r = await runTarget("tinygo-0.41.0", "panics", ["oom"]);
  assert.equal(r.panic?.message, "runtime error: out of memory");
  assert.equal(r.trap?.kind, "unreachable");
});

test("bad input: not wasm, truncated, unknown import, unknown toolchain are typed errors", async () => {
  await assert.rejects(run(new TextEncoder().encode("#!/bin/sh\necho hi\n")), ModuleError);
  const hello = wasm("tinygo-0.41.0", "hello");
  await assert.rejects(
    run(hello.slice(0, hello.length >> 1)),
    (e: unknown) => e instanceof ModuleError && /truncated/.test(e.message),
  );
  await assert.rejects(
    run(IMPORTS_ENV),
    (e: unknown) => e instanceof ModuleError && /env\.foo/.test(e.message),
  );
  await assert.rejects(run(hello, { toolchain: "go1.21.0" }), UnknownToolchainError);
});

test("timeoutMs stops a runaway guest with a TimeoutError", async () => {
  const t0 = Date.now();
  await assert.rejects(run(SPIN_WASI, { toolchain: "tinygo-0.41.0", timeoutMs: 300 }), TimeoutError);
  assert.ok(Date.now() - t0 < 10_000);
});

test("timeoutMs lets a quick guest finish and streams its output", async () => {
  const chunks: string[] = [];
  const r = await run(wasm("go1.26.8", "panics"), {
    args: ["panics", "divide"],
    timeoutMs: 30_000,
    onStderr: (c) => chunks.push(new TextDecoder().decode(c)),
  });
  assert.equal(r.panic?.message, "runtime error: integer divide by zero");
  assert.equal(r.panic?.snapshots.length, 2);
  assert.ok(chunks.join("").startsWith("panic: "));
});
