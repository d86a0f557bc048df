// Headless Chromium (Debian's, installed by setup-toolchains) for the HTML report checks: the DOM
// after the page's own self-test, and screenshots.
import { spawnSync } from "node:child_process";

const BASE = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--hide-scrollbars",
  "--virtual-time-budget=8000",
];

/** The page's self-test result (`#selftest`), read from the DOM Chromium dumps after loading it. */
export function selfTest(file: string, width = 1200, height = 900): { result: SelfTest; ms: number } {
  const t0 = Date.now();
  const r = spawnSync("chromium", [
    ...BASE,
    `--window-size=${width},${height}`,
    "--dump-dom",
    `file://${file}#selftest`,
  ], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    timeout: 120_000,
  });
  const ms = Date.now() - t0;
  const m = /<pre id="selftest"[^>]*>([^<]*)<\/pre>/.exec(r.stdout ?? "");
  if (!m || !m[1]) {
    throw new Error(
      `no self-test result from chromium (status ${r.status}): ${(r.stderr ?? "").slice(-800)}`,
    );
  }
  return {
    result: JSON.parse(
      m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"),
    ),
    ms,
  };
}

/** Saves a screenshot of `file` (with `hash`, e.g. "#step=1700") as PNG at `png`. */
export function screenshot(file: string, png: string, width: number, height: number, hash = ""): void {
  const r = spawnSync("chromium", [
    ...BASE,
    `--window-size=${width},${height}`,
    `--screenshot=${png}`,
    `file://${file}${hash}`,
  ], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`chromium screenshot failed: ${r.stderr.slice(-800)}`);
}

/** What a report page says of itself. */
export interface SelfTest {
  errors: string[];
  readyMs: number;
  /** Rows each entries table has in the DOM. */
  tableRows: number[];
  scriptMs: number;
  overflow: boolean;
  maps: number;
  movies: {
    name: string;
    steps: number;
    step: number;
    cells: number;
    len: string;
    expectLen: string;
    expectCells: number;
    seq: number;
  }[];
}
