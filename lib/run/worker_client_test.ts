import { test } from "node:test";
import assert from "node:assert/strict";
import { CorruptMapError, MapscopeError, UnknownToolchainError } from "../errors.ts";
import { rebuildError } from "./worker_client.ts";

/** What the Worker posts for an error, as worker.ts builds it. */
function posted(e: Error) {
  const fields = Object.fromEntries(
    Object.entries(e).filter(([, v]) => ["number", "string", "boolean"].includes(typeof v)),
  );
  return [e.name, e.message, e.stack, fields] as const;
}

test("rebuildError keeps a mapscope error's class and fields across the Worker boundary", () => {
  const e = rebuildError(...posted(new CorruptMapError(0x31440, "bucket chain has a cycle")));
  assert.ok(e instanceof CorruptMapError);
  assert.ok(e instanceof MapscopeError);
  assert.equal(e.address, 0x31440);
  assert.equal(e.name, "CorruptMapError");
  assert.match(e.message, /bucket chain has a cycle/);
  const u = rebuildError(...posted(new UnknownToolchainError("go1.21.0")));
  assert.ok(u instanceof UnknownToolchainError && u.toolchain === "go1.21.0");
});

test("rebuildError leaves an untyped error untyped (a bug is not dressed as a MapscopeError)", () => {
  const e = rebuildError(...posted(new TypeError("x is not iterable")));
  assert.ok(e instanceof TypeError);
  assert.ok(!(e instanceof MapscopeError));
  const odd = rebuildError("WeirdError", "boom");
  assert.ok(!(odd instanceof MapscopeError));
  assert.equal(odd.name, "WeirdError");
});
