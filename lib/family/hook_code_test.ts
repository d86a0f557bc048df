import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ModuleError } from "../errors.ts";
import { parseModule } from "../wasm/module.ts";
import { fdWriteIndex } from "./hook_code.ts";

test("fdWriteIndex is fd_write's function index among the imports, or a ModuleError", () => {
  const info = parseModule(
    new Uint8Array(readFileSync(new URL("../../go-targets/dist/tinygo-0.41.0/hello.wasm", import.meta.url))),
  );
  const fns = info.imports.filter((i) => i.kind === 0);
  assert.equal(fns[fdWriteIndex(info)]!.name, "fd_write");
  assert.throws(
    () => fdWriteIndex({ ...info, imports: fns.filter((i) => i.name !== "fd_write") }),
    ModuleError,
  );
});
