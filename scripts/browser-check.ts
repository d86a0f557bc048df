// Runs mapscope in headless Chromium: bundles mod.ts, serves it with a page and two committed
// targets on 127.0.0.1, lets the page run them, and compares what the browser read with what this
// process reads. Needs Debian's chromium (CI installs it). Exit status 0 when they agree.
// Run: deno run -A scripts/browser-check.ts
import { createServer } from "node:http";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { run } from "../mod.ts";

const root = new URL("../", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "mapscope-browser-"));
const bundle = join(dir, "mapscope.js");
const b = spawnSync(Deno.execPath(), [
  "bundle",
  "--platform=browser",
  "-o",
  bundle,
  new URL("mod.ts", root).pathname,
], {
  encoding: "utf8",
});
if (b.status !== 0) throw new Error(`deno bundle failed: ${b.stderr}`);

const CASES = [["tinygo-0.41.0", "panics", "explicit"], ["go1.26.8", "panics", "index"], [
  "go1.27.3-mapsplitgroup",
  "deferred",
  "",
]];
const page = `<!doctype html><meta charset="utf-8"><pre id="out">running</pre><script type="module">
import { run } from "./mapscope.js";
const out = [];
try {
  for (const [tc, target, arg] of ${JSON.stringify(CASES)}) {
    const bytes = new Uint8Array(await (await fetch("/wasm/" + tc + "/" + target + ".wasm")).arrayBuffer());
    const r = await run(bytes, { args: arg ? [target, arg] : [target], deterministic: true });
    out.push({ tc, target, message: r.panic?.message, panics: r.panics.map((p) => [p.value, p.recovered]),
      maps: r.panic?.snapshots.map((s) => [s.name, s.address, s.len, s.entries.map((e) => e.json).sort()]) });
  }
  await fetch("/result", { method: "POST", body: "RESULT " + JSON.stringify(out) });
} catch (e) { await fetch("/result", { method: "POST", body: "ERROR " + e.message }); }
</script>`;

let deliver: (text: string) => void = () => {};
const result = new Promise<string>((ok) => deliver = ok);
const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "POST" && url === "/result") {
    let body = "";
    req.on("data", (c) => body += c);
    req.on("end", () => {
      res.writeHead(204).end();
      deliver(body);
    });
    return;
  }
  try {
    if (url === "/" || url === "/index.html") {
      return res.writeHead(200, { "content-type": "text/html" }).end(page);
    }
    if (url === "/mapscope.js") {
      return res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(bundle));
    }
    const m = /^\/wasm\/([\w.-]+)\/(\w+)\.wasm$/.exec(url);
    if (m) {
      const bytes = readFileSync(new URL(`go-targets/dist/${m[1]}/${m[2]}.wasm`, root));
      return res.writeHead(200, { "content-type": "application/wasm" }).end(bytes);
    }
  } catch { /* fall through to 404 */ }
  res.writeHead(404).end();
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const port = (server.address() as { port: number }).port;

// Chromium loads the page and stays up (remote debugging keeps it alive) until the page posts its
// result, or two minutes pass.
const chromium = spawn(process.env.CHROMIUM ?? "chromium", [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--remote-debugging-port=0",
  `http://127.0.0.1:${port}/`,
], { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
chromium.stderr.on("data", (c) => stderr += c);
let timer: ReturnType<typeof setTimeout> | undefined;
const text = await Promise.race([
  result,
  new Promise<string>((ok) => timer = setTimeout(() => ok("TIMEOUT"), 120_000)),
  new Promise<string>((ok) => chromium.on("exit", (code) => ok(`EXITED ${code}`))),
]);
clearTimeout(timer);
chromium.kill("SIGKILL");
server.close();
if (!text.startsWith("RESULT ")) {
  console.error(`browser check failed: ${text.slice(0, 500)}\n${stderr.slice(-1500)}`);
  process.exit(1);
}
const fromBrowser = JSON.parse(text.slice(7));
let bad = 0;
for (const x of fromBrowser) {
  const bytes = new Uint8Array(readFileSync(new URL(`go-targets/dist/${x.tc}/${x.target}.wasm`, root)));
  const arg = CASES.find((k) => k[0] === x.tc && k[1] === x.target)![2];
  const r = await run(bytes, { args: arg ? [x.target, arg] : [x.target], deterministic: true });
  const here = {
    tc: x.tc,
    target: x.target,
    message: r.panic?.message,
    panics: r.panics.map((p) => [p.value, p.recovered]),
    maps: r.panic?.snapshots.map((s) => [s.name, s.address, s.len, s.entries!.map((e) => e.json).sort()]),
  };
  const same = JSON.stringify(here) === JSON.stringify(x);
  if (!same) bad++;
  console.log(
    `${same ? "same" : "DIFFERENT"}: ${x.tc} ${x.target} ${arg}: panic ${
      JSON.stringify(x.message)
    }, ${x.maps.length} maps`,
  );
}
if (bad || fromBrowser.length !== CASES.length) process.exit(1);
console.log(
  `browser check: ${CASES.length} runs in headless Chromium read the same maps as ${
    Deno.version ? "Deno" : "this runtime"
  }`,
);
