// Builds the package in the current directory: ESM and CJS with declarations, by running tsc twice.
// No bundler: the sources are small and the packages have (almost) no dependencies.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync("dist", { recursive: true, force: true });
const run = (...args) => execFileSync(process.execPath, [tsc, "-p", "tsconfig.json", ...args], { stdio: "inherit" });
run("--outDir", "dist/esm");
run("--outDir", "dist/cjs", "--module", "CommonJS", "--moduleResolution", "node10");
mkdirSync("dist/cjs", { recursive: true });
writeFileSync("dist/cjs/package.json", JSON.stringify({ type: "commonjs" }) + "\n");
