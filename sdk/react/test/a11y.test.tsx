import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { App } from "../src/index.js";
import { authTypeLabel, Connect, Latchkey, LatchkeyProvider } from "../src/index.js";
import { app, connection, renderConnect, stubLatchkey } from "./render.js";

/** An app that connects by OAuth or with a key: the page shows a "How to connect" selector. */
const twoWays = (): App => ({
  ...app([], "two"),
  name: "Two Ways",
  auth_types: [
    { type: "oauth2", redirects: true, fields: [], params: [] },
    { type: "api_key", redirects: false, fields: [{ name: "api_key", label: "Key", secret: true, required: true, help_text: "Where to find it" }], params: [] },
  ],
});

const config = {
  connector: "acme",
  config_id: "default",
  sections: [],
  fields: [{ key: "team", label: "Team", type: "text", required: false, value: null }],
  field_errors: [],
  updated_at: null,
};

describe("accessibility", () => {
  it("gives two <Connect> on one page distinct ids, each label and region pointing inside its own component", async () => {
    const stub = stubLatchkey({
      "GET /v1/apps": () => ({ status: 200, body: { data: [app([connection("c1")]), twoWays()], next_cursor: null } }),
      "GET /v1/apps/acme": () => ({ status: 200, body: app([connection("c1")]) }),
      "GET /v1/apps/two": () => ({ status: 200, body: twoWays() }),
      "GET /v1/apps/acme/config": () => ({ status: 200, body: config }),
    });
    const client = new Latchkey({ baseUrl: "https://connect.acme.test", sessionToken: "t", fetch: stub.fetch });
    render(
      <LatchkeyProvider client={client}>
        <Connect />
        <Connect />
        <Connect slug="two" />
        <Connect slug="two" />
        <Connect slug="acme" />
        <Connect slug="acme" />
      </LatchkeyProvider>,
    );

    // Plain selectors while waiting: role queries over six components are slow in jsdom.
    const count = (selector: string, text: string) => [...document.querySelectorAll(selector)].filter((e) => e.textContent === text).length;
    await waitFor(() => expect([count("h3", "Settings"), count("label", "How to connect"), count("h2", "Integrations")]).toEqual([2, 2, 2]));

    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
    const roots = [...document.querySelectorAll(".lk-root")];
    for (const root of roots) {
      for (const el of root.querySelectorAll("[aria-labelledby], [aria-describedby], label[for]")) {
        const refs = [el.getAttribute("aria-labelledby"), el.getAttribute("aria-describedby"), el.getAttribute("for")].flatMap((v) => v?.split(" ") ?? []);
        for (const id of refs) expect(root.contains(document.getElementById(id)), `#${id} is inside its own <Connect>`).toBe(true);
      }
    }
    for (const root of roots.slice(4)) expect(within(root as HTMLElement).getByRole("form", { name: "Settings" })).toBeTruthy();
  });

  it("moves focus to the app's heading when an app is chosen, and back to the list's heading", async () => {
    const user = userEvent.setup();
    renderConnect({
      "GET /v1/apps": () => ({ status: 200, body: { data: [app(), twoWays()], next_cursor: null } }),
      "GET /v1/apps/two": () => ({ status: 200, body: twoWays() }),
    });

    await user.click(await screen.findByRole("button", { name: /Two Ways/ }));
    const heading = await screen.findByRole("heading", { name: "Two Ways" });
    await waitFor(() => expect(document.activeElement).toBe(heading));

    await user.click(screen.getByRole("button", { name: /All integrations/ }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Integrations" })));
  });

  it("leaves focus where it is on the first render", async () => {
    renderConnect({ "GET /v1/apps/two": () => ({ status: 200, body: twoWays() }) }, { slug: "two" });

    await screen.findByRole("heading", { name: "Two Ways" });
    expect(document.activeElement).toBe(document.body);
  });

  it("names auth types as Latchkey labels them, knowing no scheme by name; without a label, the code made readable", () => {
    expect(authTypeLabel({ type: "oauth1", label: "OAuth 1.0a" })).toBe("OAuth 1.0a");
    expect(authTypeLabel({ type: "api_key", label: "Personal access token" })).toBe("Personal access token");
    expect(authTypeLabel({ type: "service_account" })).toBe("Service account");
    expect(authTypeLabel({ type: "api_key", label: null })).toBe("Api key");
  });
});
