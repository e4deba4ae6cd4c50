import { describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { App, LatchkeyError } from "../src/index.js";
import { Connect, Latchkey, LatchkeyProvider, useApp, useApps, useConfig, useConnect } from "../src/index.js";
import { app, connection, renderConnect, stubLatchkey } from "./render.js";

const keyApp = (connections = [] as ReturnType<typeof connection>[]): App => ({
  ...app(connections, "keys"),
  name: "Keys Inc",
  auth_types: [
    {
      type: "api_key",
      redirects: false,
      fields: [{ name: "api_key", label: "API key", secret: true, required: true, help_text: "Settings → API" }],
      params: [{ name: "subdomain", label: "Subdomain", pattern: "^[a-z]+$", required: true, help_text: null }],
    },
  ],
});

function fakePopup() {
  return {
    closed: false,
    location: { href: "about:blank" },
    close() {
      this.closed = true;
    },
  };
}

describe("the app list", () => {
  it("lists the apps with their state, and opens an app's page when chosen", async () => {
    const user = userEvent.setup();
    renderConnect({
      "GET /v1/apps": () => ({ status: 200, body: { data: [app([connection("c1")]), keyApp()], next_cursor: null } }),
      "GET /v1/apps/keys": () => ({ status: 200, body: keyApp() }),
    });

    expect(screen.getByRole("status").textContent).toBe("Loading apps…");
    const list = await screen.findByRole("list");
    expect(within(list).getByRole("button", { name: /Acme\s*Connected/ })).toBeTruthy();
    await user.click(within(list).getByRole("button", { name: /Keys Inc\s*Not connected/ }));

    expect(await screen.findByRole("heading", { name: "Keys Inc" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: /All integrations/ }));
    expect(await screen.findByRole("heading", { name: "Integrations" })).toBeTruthy();
  });

  it("says what went wrong when the apps cannot be loaded, and tells onError", async () => {
    const onError = vi.fn();
    renderConnect({ "GET /v1/apps": () => ({ status: 401, body: { status: 401, code: "unauthorized", detail: "The session token expired." } }) }, { onError });

    expect((await screen.findByRole("alert")).textContent).toBe("The session token expired.");
    // onError is told from an effect, which React runs after the alert is on screen: wait for it, not for a fixed time.
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: "unauthorized", status: 401 })));
  });

  it("says so when no app is enabled", async () => {
    renderConnect({ "GET /v1/apps": () => ({ status: 200, body: { data: [], next_cursor: null } }) });

    expect(await screen.findByText("No apps are available yet.")).toBeTruthy();
  });
});

describe("connecting an OAuth app", () => {
  it("opens the popup in the click, and shows the app connected when the callback's message answers", async () => {
    const user = userEvent.setup();
    const popup = fakePopup();
    vi.spyOn(window, "open").mockImplementation(() => popup as unknown as Window);
    let connections: ReturnType<typeof connection>[] = [];
    const onConnect = vi.fn();
    renderConnect(
      {
        "GET /v1/apps/acme": () => ({ status: 200, body: app(connections) }),
        "POST /v1/apps/acme/connect": () => ({
          status: 200,
          body: { type: "redirect", authorization_url: "https://idp.test/authorize", expires_at: "2099-01-01T00:00:00Z" },
        }),
      },
      { slug: "acme", onConnect },
    );

    await user.click(await screen.findByRole("button", { name: "Connect Acme" }));
    expect(window.open).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(popup.location.href).toBe("https://idp.test/authorize"));
    expect(screen.getByRole("button", { name: "Connecting…" })).toHaveProperty("disabled", true);
    connections = [connection("c-new")];
    act(() => {
      window.dispatchEvent(
        new MessageEvent("message", {
          origin: "https://connect.acme.test",
          source: popup as unknown as Window,
          data: { source: "latchkey", type: "connect_result", status: "connected", connector: "acme", connection_id: "c-new", error: null },
        }),
      );
    });

    expect((await screen.findByRole("status")).textContent).toBe("Acme is connected.");
    expect(onConnect).toHaveBeenCalledWith(connection("c-new"));
    expect(await screen.findByRole("button", { name: "Disconnect c-new@acme.example" })).toBeTruthy();
    // The message did it: no poll is due for ten minutes, and a poll would have closed the popup.
    expect(popup.closed).toBe(false);
  });

  it("says the connection was cancelled when the customer closes the popup", async () => {
    const user = userEvent.setup();
    const popup = fakePopup();
    vi.spyOn(window, "open").mockImplementation(() => popup as unknown as Window);
    const onConnect = vi.fn();
    renderConnect(
      {
        "GET /v1/apps/acme": () => ({ status: 200, body: app() }),
        "POST /v1/apps/acme/connect": () => ({
          status: 200,
          body: { type: "redirect", authorization_url: "https://idp.test/authorize", expires_at: "2099-01-01T00:00:00Z" },
        }),
      },
      { slug: "acme", onConnect },
    );

    await user.click(await screen.findByRole("button", { name: "Connect Acme" }));
    await waitFor(() => expect(popup.location.href).toBe("https://idp.test/authorize"));
    popup.closed = true;

    expect((await screen.findByRole("status", {}, { timeout: 3000 })).textContent).toMatch(/cancelled/);
    expect(onConnect).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Connect Acme" })).toHaveProperty("disabled", false);
  });

  it("tells the customer when the popup was blocked", async () => {
    const user = userEvent.setup();
    vi.spyOn(window, "open").mockImplementation(() => null);
    const onError = vi.fn();
    renderConnect({ "GET /v1/apps/acme": () => ({ status: 200, body: app() }) }, { slug: "acme", onError });

    await user.click(await screen.findByRole("button", { name: "Connect Acme" }));

    expect((await screen.findByRole("alert")).textContent).toMatch(/blocked the popup/);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: "popup_blocked" }));
  });
});

describe("connecting a key-based app", () => {
  it("asks for the params and credentials, and connects with them", async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, "open");
    let connected = false;
    const { stub } = renderConnect(
      {
        "GET /v1/apps/keys": () => ({ status: 200, body: keyApp(connected ? [connection("k1")] : []) }),
        "POST /v1/apps/keys/connect": () => {
          connected = true;
          return { status: 201, body: { type: "connected", connection: connection("k1") } };
        },
      },
      { slug: "keys" },
    );

    const key = await screen.findByLabelText(/API key/);
    expect(key).toHaveProperty("type", "password");
    expect(key.getAttribute("aria-required")).toBe("true");
    await user.type(screen.getByLabelText(/Subdomain/), "acme");
    await user.type(key, "good-key");
    await user.click(screen.getByRole("button", { name: "Connect Keys Inc" }));

    expect((await screen.findByRole("status")).textContent).toBe("Keys Inc is connected.");
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({
      auth_type: "api_key",
      params: { subdomain: "acme" },
      credentials: { api_key: "good-key" },
      mode: "popup",
    });
    expect(open).not.toHaveBeenCalled();
  });

  it("shows the provider's refusal and keeps the form", async () => {
    const user = userEvent.setup();
    renderConnect(
      {
        "GET /v1/apps/keys": () => ({ status: 200, body: keyApp() }),
        "POST /v1/apps/keys/connect": () => ({
          status: 422,
          body: { status: 422, code: "credentials_rejected", detail: "Keys Inc refused the credentials: Invalid API key" },
        }),
      },
      { slug: "keys" },
    );

    await user.type(await screen.findByLabelText(/API key/), "wrong");
    await user.click(screen.getByRole("button", { name: "Connect Keys Inc" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Keys Inc refused the credentials: Invalid API key");
    expect(screen.getByLabelText(/API key/)).toBeTruthy();
  });
});

describe("an app with several auth types", () => {
  const twoWays = (connections = [] as ReturnType<typeof connection>[]): App => ({
    ...app(connections, "two"),
    name: "Two Ways",
    auth_types: [
      { type: "oauth2", label: "OAuth 2.0", redirects: true, fields: [], params: [] },
      { type: "api_key", label: "API key", redirects: false, fields: [{ name: "api_key", label: "Key", secret: true, required: true, help_text: null }],
        params: [] },
    ],
  });

  it("asks how to connect, naming each way for people, and connects the chosen way", async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, "open");
    let connected = false;
    const { stub } = renderConnect(
      {
        "GET /v1/apps/two": () => ({ status: 200, body: twoWays(connected ? [connection("k1")] : []) }),
        "POST /v1/apps/two/connect": () => {
          connected = true;
          return { status: 201, body: { type: "connected", connection: connection("k1") } };
        },
      },
      { slug: "two" },
    );

    const how = await screen.findByLabelText("How to connect");
    expect(within(how).getAllByRole("option").map((o) => [o.textContent, (o as HTMLOptionElement).value])).toEqual([
      ["OAuth 2.0", "oauth2"],
      ["API key", "api_key"],
    ]);
    expect((how as HTMLSelectElement).value).toBe("oauth2");
    expect(screen.queryByLabelText(/Key/, { selector: "input" })).toBeNull();

    await user.selectOptions(how, "API key");
    await user.type(await screen.findByLabelText(/Key/, { selector: "input" }), "k");
    await user.click(screen.getByRole("button", { name: "Connect Two Ways" }));

    expect((await screen.findByRole("status")).textContent).toBe("Two Ways is connected.");
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ auth_type: "api_key", credentials: { api_key: "k" }, mode: "popup" });
    expect(open).not.toHaveBeenCalled();
  });
});

describe("a connected app", () => {
  it("disconnects a connection and tells onDisconnect", async () => {
    const user = userEvent.setup();
    let connections = [connection("c1")];
    const onDisconnect = vi.fn();
    const { stub } = renderConnect(
      {
        "GET /v1/apps/acme": () => ({ status: 200, body: app(connections) }),
        "DELETE /v1/apps/acme/connections/c1": () => {
          connections = [];
          return { status: 204 };
        },
      },
      { slug: "acme", onDisconnect },
    );

    await user.click(await screen.findByRole("button", { name: "Disconnect c1@acme.example" }));

    expect((await screen.findByRole("status")).textContent).toBe("c1@acme.example was disconnected.");
    expect(onDisconnect).toHaveBeenCalledWith("c1");
    expect(stub.calls.some((c) => c.method === "DELETE")).toBe(true);
    expect(await screen.findByRole("button", { name: "Connect Acme" })).toBeTruthy();
  });

  it("offers to reconnect, and warns when the connection expired", async () => {
    const user = userEvent.setup();
    const expired = { ...app([{ ...connection("c1"), status: "expired" as const }]), status: "expired" as const };
    renderConnect({ "GET /v1/apps/acme": () => ({ status: 200, body: expired }) }, { slug: "acme" });

    expect(await screen.findByText(/expired: reconnect to keep it working/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Connect Acme" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Reconnect" }));

    const form = screen.getByRole("form", { name: "Reconnect form" });
    expect(within(form).getByRole("button", { name: "Reconnect" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("form", { name: "Reconnect form" })).toBeNull();
  });

  it("says so when the app does not exist", async () => {
    renderConnect({}, { slug: "nope" });

    expect((await screen.findByRole("alert")).textContent).toBe("no route");
  });
});

describe("branding", () => {
  it("themes the components through CSS variables and replaces labels with the workspace's", async () => {
    renderConnect({
      "GET /v1/branding": () => ({
        status: 200,
        body: {
          primary_color: "#ff5500",
          accent_color: "#00aa88",
          background_color: "#fafafa",
          font_family: "Inter, sans-serif",
          border_radius: 4,
          theme: "dark",
          labels: { apps: "Connect your tools" },
          hide_powered_by: true,
          privacy_url: "https://acme.example/privacy",
        },
      }),
      "GET /v1/apps": () => ({ status: 200, body: { data: [], next_cursor: null } }),
    });

    expect(await screen.findByRole("heading", { name: "Connect your tools" })).toBeTruthy();
    const root = document.querySelector<HTMLElement>(".lk-root")!;
    expect(root.style.getPropertyValue("--lk-primary")).toBe("#ff5500");
    expect(root.style.getPropertyValue("--lk-accent")).toBe("#00aa88");
    expect(root.style.getPropertyValue("--lk-background")).toBe("#fafafa");
    expect(root.style.getPropertyValue("--lk-font")).toBe("Inter, sans-serif");
    expect(root.style.getPropertyValue("--lk-radius")).toBe("4px");
    expect(root.dataset.theme).toBe("dark");
    expect(screen.queryByText(/Secured by Latchkey/)).toBeNull();
    expect(screen.getByRole("link", { name: "Privacy" }).getAttribute("href")).toBe("https://acme.example/privacy");
  });

  it("uses the defaults when Latchkey has no branding, and fetches it once", async () => {
    const { stub } = renderConnect({ "GET /v1/apps": () => ({ status: 200, body: { data: [app()], next_cursor: null } }) });

    expect(await screen.findByRole("heading", { name: "Integrations" })).toBeTruthy();
    expect(screen.getByText(/Secured by Latchkey/)).toBeTruthy();
    expect(document.querySelector<HTMLElement>(".lk-root")!.style.getPropertyValue("--lk-primary")).toBe("");
    expect(stub.calls.filter((c) => c.url === "/v1/branding")).toHaveLength(1);
  });
});

describe("hooks for a custom UI", () => {
  function Custom() {
    const { apps } = useApps();
    const { app: one } = useApp("acme");
    const { connect, result } = useConnect("acme");
    const config = useConfig("acme");
    return (
      <div>
        <p>apps: {apps?.map((a) => a.slug).join(",")}</p>
        <p>app: {one?.name}</p>
        <p>config: {config.config?.fields.map((f) => `${f.key}=${String(config.values[f.key])}`).join(",")}</p>
        <button onClick={() => void connect({ credentials: { api_key: "k" } })}>go</button>
        <p>result: {result?.status}</p>
      </div>
    );
  }

  it("give apps, one app, its config and connecting to components the company writes", async () => {
    const user = userEvent.setup();
    const stub = stubLatchkey({
      "GET /v1/apps": () => ({ status: 200, body: { data: [app()], next_cursor: null } }),
      "GET /v1/apps/acme": () => ({ status: 200, body: app() }),
      "GET /v1/apps/acme/config": () => ({
        status: 200,
        body: { connector: "acme", config_id: "default", sections: [], fields: [{ key: "n", label: "N", type: "number", required: false, value: 3 }], field_errors: [], updated_at: null },
      }),
      "POST /v1/apps/acme/connect": () => ({ status: 201, body: { type: "connected", connection: connection("k") } }),
    });
    const client = new Latchkey({ baseUrl: "https://connect.acme.test", sessionToken: "t", fetch: stub.fetch });
    render(
      <LatchkeyProvider client={client}>
        <Custom />
      </LatchkeyProvider>,
    );

    expect(await screen.findByText("apps: acme")).toBeTruthy();
    expect(await screen.findByText("app: Acme")).toBeTruthy();
    expect(await screen.findByText("config: n=3")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "go" }));
    expect(await screen.findByText("result: connected")).toBeTruthy();
  });

  it("useConfig saves: every value sent at once, a refusal's field errors listed, then saved once fixed", async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const teamConfig = (value: string | null) => ({
      connector: "acme",
      config_id: "eu",
      sections: [],
      fields: [
        { key: "team", label: "Team", type: "text", required: true, value },
        { key: "limit", label: "Limit", type: "number", required: false, value: 5 },
      ],
      field_errors: [],
      updated_at: null,
    });
    const stub = stubLatchkey({
      "GET /v1/apps/acme/config": () => ({ status: 200, body: teamConfig(null) }),
      "PUT /v1/apps/acme/config": (call) => {
        const { values } = call.body as { values: { team?: string } };
        return attempt++ === 0
          ? { status: 422, body: { status: 422, code: "invalid_config", detail: "1 field is invalid", errors: [{ field: "team", message: "is too short" }] } }
          : { status: 200, body: teamConfig(values.team ?? null) };
      },
    });
    const client = new Latchkey({ baseUrl: "https://connect.acme.test", sessionToken: "t", fetch: stub.fetch });
    const outcomes: string[] = [];
    function Settings() {
      const config = useConfig("acme", "eu");
      if (!config.config) return <p>loading</p>;
      return (
        <div>
          <input aria-label="team" value={String(config.values.team ?? "")} onChange={(e) => config.setValue("team", e.target.value)} />
          <button onClick={() => config.save().then((c) => outcomes.push(`saved ${String(c?.fields[0]?.value)}`), (e: LatchkeyError) => outcomes.push(e.code))}>
            save
          </button>
          <p>state: {config.saving ? "saving" : config.saved ? "saved" : "idle"}</p>
          <p>errors: {config.fieldErrors.map((e) => `${e.field} ${e.message}`).join(",")}</p>
        </div>
      );
    }
    render(
      <LatchkeyProvider client={client}>
        <Settings />
      </LatchkeyProvider>,
    );

    await user.type(await screen.findByLabelText("team"), "x");
    await user.click(screen.getByRole("button", { name: "save" }));
    expect(await screen.findByText("errors: team is too short")).toBeTruthy();
    expect(screen.getByText("state: idle")).toBeTruthy();
    expect(outcomes).toEqual(["invalid_config"]);

    await user.type(screen.getByLabelText("team"), "yz");
    await user.click(screen.getByRole("button", { name: "save" }));
    expect(await screen.findByText("state: saved")).toBeTruthy();
    expect(screen.getByText("errors:")).toBeTruthy();
    expect(outcomes).toEqual(["invalid_config", "saved xyz"]);
    expect(stub.calls.filter((c) => c.method === "PUT").map((c) => c.body)).toEqual([
      { config_id: "eu", values: { team: "x", limit: 5 } },
      { config_id: "eu", values: { team: "xyz", limit: 5 } },
    ]);
  });

  it("refuse to work without a provider, saying what is missing", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Custom />)).toThrow(/LatchkeyProvider/);
  });
});
