// Runs in a temporary directory made by scripts/react18.mjs, where node_modules holds React 18 and
// the packed @latchkey/js and @latchkey/react. Renders on the server (CommonJS build, no window),
// then hydrates that HTML and uses it under jsdom (ESM build). Exits non-zero on the first failure.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const React = require("react");
assert.match(React.version, /^18\./, `React 18 is installed here, found ${React.version}`);
assert.match(require("react-dom/package.json").version, /^18\./);

const BASE = "https://connect.acme.test";
const app = {
  slug: "acme",
  name: "Acme",
  icon_url: "https://acme.example/icon.png",
  categories: ["crm"],
  auth_types: [
    { type: "oauth2", label: "OAuth 2.0", redirects: true, fields: [], params: [] },
    { type: "api_key", label: "API key", redirects: false, fields: [{ name: "api_key", label: "Key", secret: true, required: true, help_text: null }], params: [] },
  ],
  connected: false,
  status: null,
  connections: [],
};
const routes = {
  "GET /v1/apps": { data: [app], next_cursor: null },
  "GET /v1/apps/acme": app,
};
async function fetchStub(url, init) {
  const key = `${init?.method ?? "GET"} ${new URL(url).pathname}`;
  const body = routes[key];
  return body
    ? new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } })
    : new Response(JSON.stringify({ status: 404, code: "not_found" }), { status: 404 });
}

// 1. Server: the CommonJS build, where there is no window.
assert.equal(typeof window, "undefined");
const server = require("@latchkey/react");
const { renderToString } = require("react-dom/server");
const page = (lk, client) => React.createElement(lk.LatchkeyProvider, { client }, React.createElement(lk.Connect));
const html = renderToString(page(server, new server.Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: fetchStub })));
assert.ok(html.includes("Loading apps…"), `the server render shows the loading state: ${html}`);
assert.ok(html.includes('class="lk-root"'));
console.log("✓ React 18 server render (CommonJS build)");

// 2. Browser: jsdom from the workspace (it does not depend on React), then the ESM build.
const { JSDOM } = createRequire(process.env.LATCHKEY_SDK_PACKAGE_JSON)("jsdom");
const dom = new JSDOM(`<!doctype html><html><body><div id="root">${html}</div></body></html>`, { url: "http://localhost/" });
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key];
}
const { hydrateRoot } = await import("react-dom/client");
const lk = await import("@latchkey/react");
const recoverable = [];
const root = hydrateRoot(document.getElementById("root"), page(lk, new lk.Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: fetchStub })), {
  onRecoverableError: (e) => recoverable.push(String(e)),
});

async function until(what, predicate) {
  // A guard against hanging, not a speed requirement.
  for (let waited = 0; waited < 20_000; waited += 20) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}; the page holds: ${document.body.innerHTML.slice(0, 2000)}`);
}

const appButton = () => [...document.querySelectorAll("button")].find((b) => b.textContent.includes("Acme"));
await until("the app list", () => appButton() !== undefined);
assert.deepEqual(recoverable, [], "hydration matched the server's HTML");
appButton().click();
await until("the app's page", () => document.querySelector("h2")?.textContent === "Acme");
await until("focus on the app's heading", () => document.activeElement === document.querySelector("h2"));
const how = document.querySelector("select");
assert.deepEqual([...how.options].map((o) => o.textContent), ["OAuth 2.0", "API key"]);
const label = [...document.querySelectorAll("label")].find((l) => l.textContent === "How to connect");
assert.equal(document.getElementById(label.htmlFor), how, "the label points at the selector by its useId id");
console.log("✓ React 18 hydration and client render under jsdom (ESM build)");

root.unmount();
