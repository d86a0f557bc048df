// Issue #4: the same targets under node:wasi (in a Node subprocess) and @bjorn3/browser_wasi_shim
// give the same stdout, stderr and exit status as under mapscope's host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { ConsoleStdout, File, OpenFile, WASI } from "@bjorn3/browser_wasi_shim";
import { deterministicRandom } from "../lib/wasi/mod.ts";
import { repoPath, runTarget, TOOLCHAINS, wasm } from "./_helpers.ts";

interface Outcome {
  stdout: Uint8Array;
  stderr: Uint8Array;
  exit: number | null;
  trapped: boolean;
}

function underNode(tc: string, target: string, args: string[]): Outcome {
  const r = spawnSync("node", [
    "--no-warnings",
    repoPath("tests/_nodewasi.mjs"),
    repoPath(`go-targets/dist/${tc}/${target}.wasm`),
    target,
    ...args,
  ], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  return {
    stdout: Buffer.from(j.stdout, "base64"),
    stderr: Buffer.from(j.stderr, "base64"),
    exit: j.exit,
    trapped: j.trap !== null,
  };
}

async function underShim(tc: string, target: string, args: string[]): Promise<Outcome> {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const wasi = new WASI([target, ...args], [], [
    new OpenFile(new File([])),
    new ConsoleStdout((b: Uint8Array) => out.push(b.slice())),
    new ConsoleStdout((b: Uint8Array) => err.push(b.slice())),
  ], { debug: false });
  const fill = deterministicRandom(1);
  const state: { memory?: WebAssembly.Memory } = {};
  const imports = { ...wasi.wasiImport } as Record<string, unknown>;
  imports.random_get = (buf: number, len: number) => {
    fill(new Uint8Array(state.memory!.buffer, buf, len));
    return 0;
  };
  const { instance } = await WebAssembly.instantiate(wasm(tc, target) as Uint8Array<ArrayBuffer>, {
    wasi_snapshot_preview1: imports as WebAssembly.ModuleImports,
  });
  state.memory = instance.exports.memory as WebAssembly.Memory;
  let exit: number | null = null;
  let trapped = false;
  try {
    exit = wasi.start(instance as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    trapped = true;
  }
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), exit, trapped };
}

const CASES: [string, string[]][] = [["hello", []], ["shapes", []], ["panics", ["index"]], ["panics", [
  "exit3",
]], ["lifecycle", []]];

for (const tc of TOOLCHAINS) {
  for (const [target, args] of CASES) {
    const name = `${target} ${args.join(" ")}`.trim();
    test(`${tc} ${name}: mapscope, node:wasi and browser_wasi_shim agree byte for byte`, async () => {
      const mine = await runTarget(tc, target, args);
      const node = underNode(tc, target, args);
      const shim = await underShim(tc, target, args);
      assert.ok(mine.stdout.bytes.length > 0);
      for (const [who, other] of [["node:wasi", node], ["browser_wasi_shim", shim]] as const) {
        assert.deepEqual(Buffer.from(mine.stdout.bytes), Buffer.from(other.stdout), `${who} stdout`);
        assert.deepEqual(Buffer.from(mine.stderr.bytes), Buffer.from(other.stderr), `${who} stderr`);
        assert.equal(mine.trap !== undefined, other.trapped, `${who} trap`);
        if (!other.trapped) assert.equal(mine.exit, other.exit, `${who} exit`);
      }
    });
  }
}

test("browser_wasi_shim cannot run what needs two poll subscriptions: it writes no nevents", () => {
  // Go's scheduler polls with one clock subscription, so the targets above run under the shim;
  // mapscope's own poll_oneoff is tested with several in lib/wasi/host_test.ts.
  const wasi = new WASI([], [], [], { debug: false });
  const memory = new WebAssembly.Memory({ initial: 1 });
  (wasi as unknown as { inst: unknown }).inst = { exports: { memory } };
  const dv = new DataView(memory.buffer);
  for (const i of [0, 1]) {
    dv.setBigUint64(48 * i, BigInt(i + 1), true);
    dv.setUint8(48 * i + 8, 0);
    dv.setUint32(48 * i + 16, 1, true);
    dv.setBigUint64(48 * i + 24, 1000n, true);
  }
  dv.setUint32(2000, 0xdead, true);
  const errno = (wasi.wasiImport.poll_oneoff as (a: number, b: number, c: number, d: number) => number)(
    0,
    1000,
    2,
    2000,
  );
  const nevents = dv.getUint32(2000, true);
  assert.ok(errno !== 0 || nevents === 0xdead, `the shim answered ${errno} and left nevents ${nevents}`);
});
