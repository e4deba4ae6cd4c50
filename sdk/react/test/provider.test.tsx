import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Connect, Latchkey, LatchkeyProvider, useLatchkey } from "../src/index.js";
import { app, stubLatchkey } from "./render.js";

const BASE = "https://connect.acme.test";

/** Shows which client the provider gives, and asks for the apps on click. */
function Probe({ seen }: { seen: Latchkey[] }) {
  const client = useLatchkey();
  if (!seen.includes(client)) seen.push(client);
  return (
    <button type="button" onClick={() => void client.apps()}>
      load apps
    </button>
  );
}

describe("LatchkeyProvider", () => {
  it("keeps one client when the sessionToken prop changes: branding is fetched once, and the next request sends the new token", async () => {
    const user = userEvent.setup();
    const stub = stubLatchkey({ "GET /v1/apps": () => ({ status: 200, body: { data: [], next_cursor: null } }) });
    vi.stubGlobal("fetch", stub.fetch);
    const seen: Latchkey[] = [];
    const { rerender } = render(
      <LatchkeyProvider baseUrl={BASE} sessionToken="t1">
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );
    await waitFor(() => expect(stub.calls.some((c) => c.url === "/v1/branding")).toBe(true));

    rerender(
      <LatchkeyProvider baseUrl={BASE} sessionToken="t2">
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );
    await user.click(screen.getByRole("button", { name: "load apps" }));

    await waitFor(() => expect(stub.calls.at(-1)?.url).toBe("/v1/apps"));
    expect(stub.calls.at(-1)?.token).toBe("t2");
    expect(seen).toHaveLength(1);
    expect(stub.calls.filter((c) => c.url === "/v1/branding")).toHaveLength(1);
  });

  it("refreshes an expired token through getSessionToken, and keeps the refreshed token across re-renders", async () => {
    const user = userEvent.setup();
    const stub = stubLatchkey({
      "GET /v1/apps": (c) =>
        c.token === "fresh"
          ? { status: 200, body: { data: [app()], next_cursor: null } }
          : { status: 401, body: { status: 401, code: "unauthorized", detail: "The session token expired." } },
    });
    vi.stubGlobal("fetch", stub.fetch);
    const getSessionToken = vi.fn(async () => "fresh");
    const seen: Latchkey[] = [];
    const { rerender } = render(
      <LatchkeyProvider baseUrl={BASE} sessionToken="stale" getSessionToken={getSessionToken}>
        <Connect />
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );

    expect(await screen.findByRole("button", { name: /Acme\s*Not connected/ })).toBeTruthy();
    expect(getSessionToken).toHaveBeenCalledTimes(1);
    expect(stub.calls.filter((c) => c.url === "/v1/apps").map((c) => c.token)).toEqual(["stale", "fresh"]);

    // The company's page re-renders with the same (now stale) prop and a new function identity.
    const later = vi.fn(async () => "later");
    rerender(
      <LatchkeyProvider baseUrl={BASE} sessionToken="stale" getSessionToken={later}>
        <Connect />
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );
    await user.click(screen.getByRole("button", { name: "load apps" }));

    await waitFor(() => expect(stub.calls.filter((c) => c.url === "/v1/apps")).toHaveLength(3));
    expect(stub.calls.at(-1)?.token).toBe("fresh");
    expect(later).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
  });

  it("asks the latest getSessionToken when the token expires", async () => {
    const user = userEvent.setup();
    let valid = "t1";
    const stub = stubLatchkey({
      "GET /v1/apps": (c) => (c.token === valid ? { status: 200, body: { data: [], next_cursor: null } } : { status: 401, body: { code: "unauthorized" } }),
    });
    vi.stubGlobal("fetch", stub.fetch);
    const first = vi.fn(async () => "from-first");
    const second = vi.fn(async () => "from-second");
    const seen: Latchkey[] = [];
    const { rerender } = render(
      <LatchkeyProvider baseUrl={BASE} sessionToken="t1" getSessionToken={first}>
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );
    rerender(
      <LatchkeyProvider baseUrl={BASE} sessionToken="t1" getSessionToken={second}>
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );
    valid = "from-second";
    await user.click(screen.getByRole("button", { name: "load apps" }));

    await waitFor(() => expect(stub.calls.at(-1)?.token).toBe("from-second"));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("needs no baseUrl when given a client, and uses that client", async () => {
    const stub = stubLatchkey({});
    const client = new Latchkey({ baseUrl: BASE, sessionToken: "t", fetch: stub.fetch });
    const seen: Latchkey[] = [];
    render(
      <LatchkeyProvider client={client}>
        <Probe seen={seen} />
      </LatchkeyProvider>,
    );

    expect(seen).toEqual([client]);
    await waitFor(() => expect(stub.calls.map((c) => c.url)).toEqual(["/v1/branding"]));
  });

  it("is typed to need a baseUrl or a client", () => {
    // @ts-expect-error neither baseUrl nor client
    const element = <LatchkeyProvider sessionToken="t" />;
    expect(element).toBeTruthy();
  });
});
