// Real-browser end-to-end tests: Debian's Chromium (never a downloaded browser), driven by
// playwright-core, runs the example app (served from examples/react-app/dist) against a running
// Latchkey. SdkBrowserIT (bootstrap) starts Latchkey and mock-oauth2-server, creates the workspace
// data and runs this script with:
//   LATCHKEY_URL   Latchkey's base URL (also its public URL: the OAuth callback's origin)
//   SESSION_TOKEN  a session token of a fresh linked account
//   APP_PORT       the port to serve the example app on (its origin is an allowed origin)
//   OAUTH_SLUG     an OAuth connector whose provider consents at once (mock-oauth2-server)
//   PENDING_SLUG   an OAuth connector whose provider page waits for the user (to close the popup)
//   KEY_SLUG       a key-based connector that accepts "good-key", with config fields
// Screenshots go to e2e/artifacts/. Prints "N passed, N failed"; exits non-zero on a failure.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = join(here, "../examples/react-app/dist");
const artifacts = join(here, "artifacts");
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see the top of e2e/run.mjs)`);
  return value;
};
const LATCHKEY_URL = env("LATCHKEY_URL");
const SESSION_TOKEN = env("SESSION_TOKEN");
const APP_PORT = Number(env("APP_PORT"));
const OAUTH_SLUG = env("OAUTH_SLUG");
const PENDING_SLUG = env("PENDING_SLUG");
const KEY_SLUG = env("KEY_SLUG");
const TIMEOUT = 15_000;

if (!existsSync(join(dist, "index.html"))) {
  throw new Error(`${dist} is missing: build the SDK first (cd sdk && npm ci && npm run build)`);
}
mkdirSync(artifacts, { recursive: true });

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file) || path === "/") file = join(dist, "index.html");
  res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(APP_PORT, "127.0.0.1", resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
context.setDefaultTimeout(TIMEOUT);

function appUrl(slug, extra) {
  const query = new URLSearchParams({ base_url: LATCHKEY_URL, token: SESSION_TOKEN, slug, ...extra });
  return `http://localhost:${APP_PORT}/?${query}`;
}

async function open(slug, extra = {}) {
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && console.log(`  [browser] ${m.text()}`));
  await page.goto(appUrl(slug, extra));
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function text(locator) {
  return (await locator.textContent())?.trim() ?? "";
}

const flows = [
  [
    "an OAuth app connects in a popup, the callback's postMessage brings the result, and the page shows it connected",
    async () => {
      // No poll for ten minutes: the result comes from the callback page's message (origin- and
      // window-checked) or, were that lost, from the check once the popup closed itself; the
      // example app logs which ("via message" | "via closed" | "via poll").
      const page = await open(OAUTH_SLUG, { poll_ms: "600000" });
      const name = await text(page.locator(".lk-root h2").first());
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("button", { name: `Connect ${name}` }).click(),
      ]);
      await page.locator(".lk-root").getByRole("status").filter({ hasText: `${name} is connected.` }).waitFor();
      await popup.waitForEvent("close", { timeout: TIMEOUT }).catch(() => undefined);
      expect(popup.isClosed(), "the callback page closes the popup");
      await page.locator("#events li", { hasText: `connected ${OAUTH_SLUG}` }).first().waitFor();
      const how = await text(page.locator("#events li", { hasText: `connect ${OAUTH_SLUG} ` }));
      expect(how === `connect ${OAUTH_SLUG} connected via message`, `the result came by the callback's message, got: ${how}`);
      await page.getByRole("button", { name: /^Disconnect / }).first().waitFor();
      await shot(page, "oauth-connected");
      await page.close();
    },
  ],
  [
    "closing the popup before finishing gives cancelled",
    async () => {
      const page = await open(PENDING_SLUG);
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("button", { name: /with the JS SDK/ }).click(),
      ]);
      await popup.waitForURL(/\/authorize/);
      await popup.getByText("Sign in to the provider").waitFor();
      await popup.close();
      await page.locator("#js-result", { hasText: "cancelled" }).waitFor();

      const [again] = await Promise.all([page.waitForEvent("popup"), page.locator(".lk-root").getByRole("button", { name: /^Connect / }).click()]);
      await again.waitForURL(/\/authorize/);
      await again.close();
      await page.locator(".lk-root").getByRole("status").filter({ hasText: "Connection cancelled" }).waitFor();
      await page.locator(".lk-root").getByRole("button", { name: /^Connect / }).waitFor();
      await shot(page, "popup-cancelled");
      await page.close();
    },
  ],
  [
    "a key-based app: refused credentials are explained, good ones connect",
    async () => {
      const page = await open(KEY_SLUG);
      const name = await text(page.locator(".lk-root h2").first());
      await page.getByLabel("API key").fill("wrong-key");
      await page.getByRole("button", { name: `Connect ${name}` }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect((await text(alert)).includes("Invalid API key"), `the provider's words are shown, got: ${await text(alert)}`);
      await shot(page, "key-refused");

      await page.getByLabel("API key").fill("good-key");
      await page.getByRole("button", { name: `Connect ${name}` }).click();
      await page.locator(".lk-root").getByRole("status").filter({ hasText: `${name} is connected.` }).waitFor();
      await page.getByRole("button", { name: "Disconnect ops@acme.example" }).waitFor();
      await shot(page, "key-connected");
      await page.close();
    },
  ],
  [
    "config: a save with an invalid field is refused with the field named, and saves once fixed",
    async () => {
      const page = await open(KEY_SLUG);
      await page.getByRole("heading", { name: "Settings" }).waitFor();
      await page.getByLabel("Alert email").fill("not-an-email");
      await page.getByLabel("Sync mode").selectOption("custom");
      await page.getByLabel("Pipeline").fill("Enterprise");
      await page.getByRole("button", { name: "Save settings" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      const said = await text(alert);
      expect(said.includes("Nothing was saved") && said.includes("Alert email"), `the refused field is named, got: ${said}`);
      expect((await page.getByLabel("Alert email").getAttribute("aria-invalid")) === "true", "the field is marked invalid");
      await shot(page, "config-invalid");

      await page.getByLabel("Alert email").fill("ops@acme.example");
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByText("Saved.").waitFor();
      await page.locator("#events li", { hasText: `saved ${KEY_SLUG}` }).waitFor();
      expect((await page.getByRole("alert").count()) === 0, "no error is left");

      await page.reload();
      await page.getByRole("heading", { name: "Settings" }).waitFor();
      expect((await page.getByLabel("Alert email").inputValue()) === "ops@acme.example", "the saved value is read back");
      expect((await page.getByLabel("Pipeline").inputValue()) === "Enterprise", "the dependent field's value is read back");
      await shot(page, "config-saved");
      await page.close();
    },
  ],
  [
    "disconnecting removes the connection and offers to connect again",
    async () => {
      const page = await open(KEY_SLUG);
      const name = await text(page.locator(".lk-root h2").first());
      await page.getByRole("button", { name: "Disconnect ops@acme.example" }).click();
      await page.locator(".lk-root").getByRole("status").filter({ hasText: "was disconnected" }).waitFor();
      await page.getByRole("button", { name: `Connect ${name}` }).waitFor();
      await page.locator("#events li", { hasText: "disconnected " }).waitFor();
      await shot(page, "disconnected");
      await page.close();
    },
  ],
];

let passed = 0;
let failed = 0;
try {
  for (const [name, flow] of flows) {
    try {
      await flow();
      passed++;
      console.log(`✓ ${name}`);
    } catch (e) {
      failed++;
      console.log(`✗ ${name}\n  ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n  ")}`);
      for (const [i, page] of context.pages().entries()) {
        await shot(page, `failed-${flows.findIndex((f) => f[0] === name)}-${i}`).catch(() => undefined);
        await page.close().catch(() => undefined);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
