import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Latchkey, LatchkeyError } from "../src/index.js";
import { app, connection, stubLatchkey } from "./stub.js";

const BASE = "https://connect.acme.test";

describe("session tokens", () => {
  it("asks getSessionToken once when the token expired, and retries the request with the new one", async () => {
    const stub = stubLatchkey({
      "GET /v1/session": (c) =>
        c.token === "fresh" ? { status: 200, body: { linked_account_id: "cust-1", expires_at: "x" } } : { status: 401, body: { code: "unauthorized" } },
    });
    const getSessionToken = vi.fn(async () => "fresh");
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "stale", getSessionToken, fetch: stub.fetch });

    const session = await client.session();

    expect(session.linked_account_id).toBe("cust-1");
    expect(getSessionToken).toHaveBeenCalledTimes(1);
    expect(stub.calls.map((c) => c.token)).toEqual(["stale", "fresh"]);
  });

  it("shares one refresh between requests that found the token expired at the same time", async () => {
    const stub = stubLatchkey({
      "GET /v1/apps": (c) => (c.token === "fresh" ? { status: 200, body: { data: [], next_cursor: null } } : { status: 401 }),
    });
    const getSessionToken = vi.fn(async () => "fresh");
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "stale", getSessionToken, fetch: stub.fetch });

    await Promise.all([client.apps(), client.apps(), client.apps()]);

    expect(getSessionToken).toHaveBeenCalledTimes(1);
  });

  it("gets its first token from getSessionToken when none is given", async () => {
    const stub = stubLatchkey({ "GET /v1/apps": () => ({ status: 200, body: { data: [app()], next_cursor: null } }) });
    const client = new Latchkey({ baseUrl: BASE, getSessionToken: async () => "first", fetch: stub.fetch });

    expect(await client.apps()).toHaveLength(1);
    expect(stub.calls[0]?.token).toBe("first");
  });

  it("gives up with the 401 when the fresh token is refused too, asking only once", async () => {
    const stub = stubLatchkey({ "GET /v1/apps": () => ({ status: 401, body: { status: 401, code: "unauthorized", detail: "expired" } }) });
    const getSessionToken = vi.fn(async () => "also-bad");
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "stale", getSessionToken, fetch: stub.fetch });

    await expect(client.apps()).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    expect(getSessionToken).toHaveBeenCalledTimes(1);
    expect(stub.calls).toHaveLength(2);
  });

  it("without getSessionToken, an expired token is a 401 error and nothing is retried", async () => {
    const stub = stubLatchkey({ "GET /v1/apps": () => ({ status: 401, body: { status: 401, code: "unauthorized" } }) });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "stale", fetch: stub.fetch });

    await expect(client.apps()).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    expect(stub.calls).toHaveLength(1);
  });

  it("takes a new token in place: the next request sends it, and getSessionToken is still asked when it expires", async () => {
    let valid = "second";
    const stub = stubLatchkey({
      "GET /v1/apps": (c) => (c.token === valid ? { status: 200, body: { data: [], next_cursor: null } } : { status: 401, body: { code: "unauthorized" } }),
    });
    const getSessionToken = vi.fn(async () => "third");
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "first", getSessionToken, fetch: stub.fetch });

    client.setSessionToken("second");
    await client.apps();
    valid = "third";
    await client.apps();

    expect(stub.calls.map((c) => c.token)).toEqual(["second", "second", "third"]);
    expect(getSessionToken).toHaveBeenCalledTimes(1);
    expect(() => client.setSessionToken("")).toThrow(LatchkeyError);
  });

  it("refuses to be built without a token or a way to get one", () => {
    expect(() => new Latchkey({ baseUrl: BASE })).toThrow(/sessionToken or a getSessionToken/);
  });
});

describe("errors", () => {
  it("maps a problem+json answer to a LatchkeyError with code, status and every field error", async () => {
    const stub = stubLatchkey({
      "PUT /v1/apps/acme/config": () => ({
        status: 422,
        body: {
          status: 422,
          title: "Invalid config",
          detail: "2 fields are invalid",
          code: "invalid_config",
          errors: [
            { field: "channel", message: "is required" },
            { field: "field_mappings.tier", message: "is not an option" },
          ],
        },
      }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    const error = await client.saveConfig("acme", { channel: "" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LatchkeyError);
    expect(error).toMatchObject({
      code: "invalid_config",
      status: 422,
      message: "2 fields are invalid",
      fieldErrors: [
        { field: "channel", message: "is required" },
        { field: "field_mappings.tier", message: "is not an option" },
      ],
    });
  });

  it("names the status when the answer is not a problem", async () => {
    const stub = stubLatchkey({ "GET /v1/apps": () => ({ status: 502, text: "Bad gateway" }) });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    await expect(client.apps()).rejects.toMatchObject({ code: "http_502", status: 502, fieldErrors: [] });
  });

  it("reports an unreachable Latchkey as network_error with status 0", async () => {
    const client = new Latchkey({
      baseUrl: BASE,
      sessionToken: "t",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });

    await expect(client.apps()).rejects.toMatchObject({ code: "network_error", status: 0 });
  });

  it("treats a missing branding endpoint as no branding", async () => {
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stubLatchkey({}).fetch });

    expect(await client.branding()).toBeNull();
  });
});

describe("config and options", () => {
  it("reads, saves and pages options with the config id, search and cursor in the request", async () => {
    const config = { connector: "acme", config_id: "eu", sections: [], fields: [], field_errors: [], updated_at: null };
    const stub = stubLatchkey({
      "GET /v1/apps/acme/config": () => ({ status: 200, body: config }),
      "PUT /v1/apps/acme/config": () => ({ status: 200, body: config }),
      "GET /v1/apps/acme/config/fields/channel/options": () => ({ status: 200, body: { data: [{ label: "General", value: "C1" }], next_cursor: "n2" } }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    await client.config("acme", { configId: "eu" });
    await client.saveConfig("acme", { channel: "C1", notify: true }, { configId: "eu" });
    const page = await client.fieldOptions("acme", "channel", { search: "gen", cursor: "n1", configId: "eu" });
    await client.fieldOptions("acme", "channel", { connectionId: "c-2" });

    expect(stub.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET /v1/apps/acme/config?config_id=eu",
      "PUT /v1/apps/acme/config",
      "GET /v1/apps/acme/config/fields/channel/options?config_id=eu&search=gen&cursor=n1",
      "GET /v1/apps/acme/config/fields/channel/options?connection_id=c-2",
    ]);
    expect(stub.calls[1]?.body).toEqual({ config_id: "eu", values: { channel: "C1", notify: true } });
    expect(page.next_cursor).toBe("n2");
  });

  it("lists every connection across apps", async () => {
    const stub = stubLatchkey({
      "GET /v1/apps": () => ({ status: 200, body: { data: [app([connection("c1")]), app([connection("c2")], "other")], next_cursor: null } }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    expect((await client.connections()).map((c) => c.id)).toEqual(["c1", "c2"]);
  });
});

describe("connect without a popup", () => {
  it("connects a key-based app with its credentials, opening no window", async () => {
    const open = vi.spyOn(window, "open");
    const stub = stubLatchkey({
      "POST /v1/apps/acme/connect": () => ({ status: 201, body: { type: "connected", connection: connection("k1") } }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    const result = await client.connect("acme", { authType: "api_key", credentials: { api_key: "secret" } });

    expect(result).toEqual({ status: "connected", connection: connection("k1") });
    expect(stub.calls[0]?.body).toEqual({ auth_type: "api_key", credentials: { api_key: "secret" }, mode: "popup" });
    expect(open).not.toHaveBeenCalled();
  });

  it("knows no scheme by name: before the app was read, a connect without credentials is taken for a redirect", async () => {
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    const stub = stubLatchkey({});
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    await client.connect("acme", { authType: "api_key" }).catch(() => undefined);

    expect(open).toHaveBeenCalledTimes(1);
  });

  it("goes by the app's auth types once read: a key-based first auth type opens no popup", async () => {
    const open = vi.spyOn(window, "open");
    const keys = {
      ...app([], "keys"),
      auth_types: [
        { type: "token", redirects: false, fields: [{ name: "token", label: "Token", secret: true, required: true, help_text: null }], params: [] },
        { type: "public", redirects: false, fields: [], params: [] },
      ],
    };
    const stub = stubLatchkey({
      "GET /v1/apps/keys": () => ({ status: 200, body: keys }),
      "POST /v1/apps/keys/connect": () => ({ status: 201, body: { type: "connected", connection: connection("p1") } }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });
    await client.app("keys");

    await expect(client.connect("keys")).rejects.toMatchObject({ code: "credentials_required" });
    // An auth type that asks for nothing connects at once, without a popup either.
    expect(await client.connect("keys", { authType: "public" })).toEqual({ status: "connected", connection: connection("p1") });
    expect(open).not.toHaveBeenCalled();
    expect(stub.calls.map((c) => c.method)).toEqual(["GET", "POST"]);
  });

  it("answers the URL to navigate to in redirect mode", async () => {
    const open = vi.spyOn(window, "open");
    const stub = stubLatchkey({
      "POST /v1/apps/acme/connect": () => ({
        status: 200,
        body: { type: "redirect", authorization_url: "https://idp.test/authorize?x=1", expires_at: "2026-01-01T00:10:00Z" },
      }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    const result = await client.connect("acme", { mode: "redirect", returnUrl: "https://app.acme.test/integrations" });

    expect(result).toEqual({ status: "redirect", url: "https://idp.test/authorize?x=1", expires_at: "2026-01-01T00:10:00Z" });
    expect(stub.calls[0]?.body).toEqual({ mode: "redirect", return_url: "https://app.acme.test/integrations" });
    expect(open).not.toHaveBeenCalled();
  });

  it("rejects credentials the provider refused with the provider's words", async () => {
    const stub = stubLatchkey({
      "POST /v1/apps/acme/connect": () => ({
        status: 422,
        body: { status: 422, code: "credentials_rejected", detail: "Acme refused the credentials: Invalid API key" },
      }),
    });
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    await expect(client.connect("acme", { credentials: { api_key: "wrong" } })).rejects.toMatchObject({
      code: "credentials_rejected",
      message: "Acme refused the credentials: Invalid API key",
    });
  });
});

/** A window.open result that records where it was sent. */
function fakePopup() {
  return {
    closed: false,
    location: { href: "about:blank" },
    close() {
      this.closed = true;
    },
  };
}

/** A message as the callback page in `source` (a popup) posts it to this window. */
function message(data: unknown, source: unknown, origin = BASE) {
  window.dispatchEvent(new MessageEvent("message", { data, origin, source: source as MessageEventSource }));
}

const result = (over: Record<string, unknown> = {}) => ({
  source: "latchkey",
  type: "connect_result",
  status: "connected",
  connector: "acme",
  connection_id: "c-new",
  error: null,
  ...over,
});

describe("connect in a popup", () => {
  let popup: ReturnType<typeof fakePopup>;
  let connections: ReturnType<typeof connection>[];
  let stub: ReturnType<typeof stubLatchkey>;
  let client: Latchkey;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    popup = fakePopup();
    vi.spyOn(window, "open").mockImplementation(() => popup as unknown as Window);
    connections = [connection("c-old")];
    stub = stubLatchkey({
      "GET /v1/apps/acme": () => ({ status: 200, body: app(connections) }),
      "POST /v1/apps/acme/connect": () => ({
        status: 200,
        body: { type: "redirect", authorization_url: "https://idp.test/authorize?state=s", expires_at: "2026-01-01T00:10:00Z" },
      }),
    });
    client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch, pollIntervalMs: 2000 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens the window synchronously, inside the click, before any request", () => {
    void client.connect("acme");

    expect(window.open).toHaveBeenCalledTimes(1);
    expect(vi.mocked(window.open).mock.calls[0]?.[0]).toBe("about:blank");
    expect(stub.calls).toHaveLength(0);
  });

  it("navigates the popup to the authorization URL once known, and resolves with the connection from the callback's message", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);
    expect(popup.location.href).toBe("https://idp.test/authorize?state=s");
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ mode: "popup" });

    connections = [connection("c-old"), connection("c-new")];
    message(result(), popup);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "message" });
  });

  it("resolves from the message when the callback posts it and then closes itself, as Latchkey's callback page does", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    connections = [connection("c-old"), connection("c-new")];
    message(result(), popup);
    await vi.advanceTimersByTimeAsync(50);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(500);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "message" });
  });

  it("ignores messages from any origin but Latchkey's, and other connectors' results", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    message(result(), popup, "https://evil.test");
    message(result(), popup, "https://connect.acme.test:8443");
    message(result({ connector: "other" }), popup);
    message({ source: "someone-else", type: "connect_result", status: "connected" }, popup);
    await vi.advanceTimersByTimeAsync(100);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(600);

    await expect(done).resolves.toEqual({ status: "cancelled" });
  });

  it("ignores a result from any window but this connect's popup, even from Latchkey's origin about this app", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);
    connections = [connection("c-old"), connection("c-new")];

    message(result(), fakePopup());
    message(result(), null);
    await vi.advanceTimersByTimeAsync(100);
    expect(stub.calls.filter((c) => c.method === "GET")).toHaveLength(1);
    message(result(), popup);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "message" });
  });

  it("keeps two connects at once apart: each settles from its own popup's message only", async () => {
    const second = fakePopup();
    vi.mocked(window.open).mockImplementationOnce(() => popup as unknown as Window).mockImplementationOnce(() => second as unknown as Window);
    let betaConnections: ReturnType<typeof connection>[] = [];
    stub = stubLatchkey({
      "GET /v1/apps/acme": () => ({ status: 200, body: app(connections) }),
      "GET /v1/apps/beta": () => ({ status: 200, body: app(betaConnections, "beta") }),
      "POST /v1/apps/acme/connect": () => ({ status: 200, body: { type: "redirect", authorization_url: "https://idp.test/a", expires_at: "2026-01-01T00:10:00Z" } }),
      "POST /v1/apps/beta/connect": () => ({ status: 200, body: { type: "redirect", authorization_url: "https://idp.test/b", expires_at: "2026-01-01T00:10:00Z" } }),
    });
    client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch, pollIntervalMs: 60_000 });
    const acme = client.connect("acme");
    const beta = client.connect("beta");
    await vi.advanceTimersByTimeAsync(0);
    expect([popup.location.href, second.location.href]).toEqual(["https://idp.test/a", "https://idp.test/b"]);

    betaConnections = [{ ...connection("b-new"), connector: "beta" }];
    message(result({ connector: "beta", connection_id: "b-new" }), second);
    await expect(beta).resolves.toEqual({ status: "connected", connection: { ...connection("b-new"), connector: "beta" }, via: "message" });

    // beta's popup cannot settle acme's connect, even claiming to be about acme.
    let acmeSettled = false;
    void acme.then(() => (acmeSettled = true));
    connections = [connection("c-old"), connection("c-new")];
    message(result(), second);
    await vi.advanceTimersByTimeAsync(100);
    expect(acmeSettled).toBe(false);

    message(result(), popup);
    await expect(acme).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "message" });
  });

  it("resolves cancelled when the customer closes the popup without connecting", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    popup.closed = true;
    await vi.advanceTimersByTimeAsync(500);

    await expect(done).resolves.toEqual({ status: "cancelled" });
  });

  it("falls back to polling the app when no message arrives, and closes the popup once the connection exists", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);
    const polls = () => stub.calls.filter((c) => c.method === "GET").length;
    const before = polls();

    await vi.advanceTimersByTimeAsync(2000);
    expect(polls()).toBe(before + 1);
    connections = [connection("c-old"), connection("c-new")];
    await vi.advanceTimersByTimeAsync(2000);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "poll" });
    expect(popup.closed).toBe(true);
  });

  it("counts a re-authorized connection (same identity, updated) as connected", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    connections = [connection("c-old", "2026-01-01T00:00:05Z")];
    await vi.advanceTimersByTimeAsync(2000);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-old", "2026-01-01T00:00:05Z"), via: "poll" });
  });

  it("resolves connected when the popup closed itself but its message was lost", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    connections = [connection("c-old"), connection("c-new")];
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(500);

    await expect(done).resolves.toEqual({ status: "connected", connection: connection("c-new"), via: "closed" });
  });

  it("resolves error with the provider's reason when the callback reports one", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    message(result({ status: "error", connection_id: null, error: "access_denied" }), popup);

    await expect(done).resolves.toEqual({ status: "error", error: "access_denied" });
  });

  it("gives up when the authorization expires, closing the popup", async () => {
    const done = client.connect("acme");
    await vi.advanceTimersByTimeAsync(0);

    await vi.advanceTimersByTimeAsync(10 * 60 * 1000 + 1000);

    await expect(done).resolves.toEqual({ status: "error", error: "authorization_expired" });
    expect(popup.closed).toBe(true);
  });

  it("closes the popup and rejects when Latchkey refuses to start", async () => {
    stub = stubLatchkey({
      "GET /v1/apps/acme": () => ({ status: 200, body: app() }),
      "POST /v1/apps/acme/connect": () => ({ status: 409, body: { status: 409, code: "oauth_client_missing", detail: "No OAuth app" } }),
    });
    client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });

    await expect(client.connect("acme")).rejects.toMatchObject({ code: "oauth_client_missing", status: 409 });
    expect(popup.closed).toBe(true);
  });

  it("rejects popup_blocked without calling Latchkey when the browser blocks the window", async () => {
    vi.mocked(window.open).mockImplementation(() => null);

    await expect(client.connect("acme")).rejects.toMatchObject({ code: "popup_blocked" });
    expect(stub.calls).toHaveLength(0);
  });
});
