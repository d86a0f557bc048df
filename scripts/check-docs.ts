/**
 * CI step: every public export (of every entry point in deno.json's `exports`) has JSDoc with an
 * `@example`, and every exported function and public method says what it throws. The examples
 * themselves are run by `deno test --doc` in the test task.
 *
 *   deno run --allow-read --allow-run --allow-env scripts/check-docs.ts
 *
 * @module
 */
import process from "node:process";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { missingExamples, missingThrows } from "./doc_rules.ts";

const config = JSON.parse(readFileSync("deno.json", "utf8")) as { exports: Record<string, string> };
const entries = Object.values(config.exports);
const json = execFileSync("deno", ["doc", "--json", ...entries], { encoding: "utf8", maxBuffer: 1 << 28 });
const doc = JSON.parse(json);
const missing = missingExamples(doc);
for (const m of missing) console.error(`no @example: ${m}`);
const silent = missingThrows(doc);
for (const m of silent) console.error(`does not say what it throws: ${m}`);
console.log(
  `${entries.length} entry points: ${missing.length} export(s) without an example, ` +
    `${silent.length} function(s) or method(s) that do not say what they throw`,
);
process.exitCode = missing.length || silent.length ? 1 : 0;
