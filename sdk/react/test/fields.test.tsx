import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Config, ConfigField } from "../src/index.js";
import { app, connection, renderConnect } from "./render.js";

const DYNAMIC = { method: "GET", path: "/c", items: "/i", label: "/n", value: "/id" };

function field(over: Partial<ConfigField> & Pick<ConfigField, "key" | "type">): ConfigField {
  return { label: over.key, required: false, value: null, ...over };
}

function config(fields: ConfigField[], over: Partial<Config> = {}): Config {
  const sections: Config["sections"] = [];
  for (const f of fields) {
    const name = f.section ?? null;
    let section = sections.find((s) => s.name === name);
    if (!section) sections.push((section = { name, fields: [] }));
    section.fields.push(f.key);
  }
  return { connector: "acme", config_id: "default", sections, fields, field_errors: [], updated_at: null, ...over };
}

/** The app page of a connected app whose config form holds these fields; PUT answers `onSave` (echo by default). */
type Answer = { status: number; body?: unknown };

/** A promise the test settles when it wants: a request in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function renderForm(
  fields: ConfigField[],
  options: { onPut?: (values: Record<string, unknown>) => Answer | Promise<Answer>; stored?: Partial<Config>; configReady?: Promise<void> } = {},
) {
  const current = config(fields, options.stored);
  const onSave = vi.fn();
  const onError = vi.fn();
  const view = renderConnect(
    {
      "GET /v1/apps/acme": () => ({ status: 200, body: app([connection("c1")]) }),
      "GET /v1/apps/acme/config": async () => {
        await options.configReady;
        return { status: 200, body: current };
      },
      "PUT /v1/apps/acme/config": (call) => {
        const values = (call.body as { values: Record<string, unknown> }).values;
        if (options.onPut) return options.onPut(values);
        return { status: 200, body: { ...current, fields: current.fields.map((f) => ({ ...f, value: values[f.key] ?? null })) } };
      },
      "GET /v1/apps/acme/config/fields/channel/options": (call) => {
        const url = new URL(call.url, "https://x");
        const search = url.searchParams.get("search") ?? "";
        const cursor = url.searchParams.get("cursor");
        if (cursor === "page2") return { status: 200, body: { data: [{ label: "Random", value: "C3" }], next_cursor: null } };
        const all = [
          { label: "General", value: "C1" },
          { label: "Sales", value: "C2" },
        ].filter((o) => o.label.toLowerCase().includes(search.toLowerCase()));
        return { status: 200, body: { data: all, next_cursor: search ? null : "page2" } };
      },
      // A provider whose second page fails.
      "GET /v1/apps/acme/config/fields/flaky/options": (call) =>
        call.url.includes("cursor=page2")
          ? { status: 502, body: { status: 502, code: "provider_unavailable", detail: "Acme did not answer." } }
          : { status: 200, body: { data: [{ label: "General", value: "C1" }], next_cursor: "page2" } },
    },
    { slug: "acme", onSave, onError },
  );
  return { ...view, onSave, onError };
}

async function save(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "Save settings" }));
}

function savedValues(stub: ReturnType<typeof renderForm>["stub"]) {
  const put = stub.calls.filter((c) => c.method === "PUT").at(-1);
  return (put?.body as { values: Record<string, unknown> } | undefined)?.values;
}

describe("config field types", () => {
  it("text: label, help text, placeholder, required marker, and the typed value is saved", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({ key: "team", label: "Team name", type: "text", required: true, help_text: "As shown in Acme", placeholder: "Sales" }),
    ]);

    const input = await screen.findByLabelText(/Team name/);
    expect(input).toHaveProperty("type", "text");
    expect(input.getAttribute("placeholder")).toBe("Sales");
    expect(input.getAttribute("aria-required")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(input.getAttribute("aria-describedby")!)?.textContent).toBe("As shown in Acme");
    await user.type(input, "Ops");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ team: "Ops" });
    expect(await screen.findByText("Saved.")).toBeTruthy();
  });

  it.each([
    ["email", "email", "ops@acme.example"],
    ["url", "url", "https://acme.example/hook"],
    ["date", "date", "2026-03-01"],
  ])("%s: an input of type %s whose value is saved as a string", async (type, inputType, typed) => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "v", label: "Value", type: type as ConfigField["type"] })]);

    const input = await screen.findByLabelText("Value");
    expect(input).toHaveProperty("type", inputType);
    await user.type(input, typed);
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ v: typed });
  });

  it("textarea: multi-line text is saved as it is", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "notes", label: "Notes", type: "textarea", max_length: 200 })]);

    const input = await screen.findByLabelText("Notes");
    expect(input.tagName).toBe("TEXTAREA");
    expect(input.getAttribute("maxlength")).toBe("200");
    await user.type(input, "one{enter}two");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ notes: "one\ntwo" });
  });

  it("number: an integer field steps by 1, keeps its bounds, and is saved as a JSON number", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "limit", label: "Limit", type: "number", integer: true, min: 1, max: 500, value: 10 })]);

    const input = await screen.findByLabelText("Limit");
    expect(input.getAttribute("step")).toBe("1");
    expect(input.getAttribute("min")).toBe("1");
    expect(input.getAttribute("max")).toBe("500");
    expect((input as HTMLInputElement).value).toBe("10");
    await user.clear(input);
    await user.type(input, "42");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ limit: 42 });
  });

  it("boolean: a checkbox, saved as true or false", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "notify", label: "Notify me", type: "boolean", value: false })]);

    const box = await screen.findByRole("checkbox", { name: "Notify me" });
    expect((box as HTMLInputElement).checked).toBe(false);
    await user.click(box);
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ notify: true });
  });

  it("json: text that does not parse is flagged in the browser and nothing is sent; valid JSON is saved as a value", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "filter", label: "Filter", type: "json", value: { a: 1 } })]);

    const input = await screen.findByLabelText("Filter");
    expect((input as HTMLTextAreaElement).value).toBe('{\n  "a": 1\n}');
    await user.clear(input);
    await user.type(input, "{{ broken");
    await save(user);

    expect(within(screen.getByRole("alert")).getByText(/Filter: is not valid JSON/)).toBeTruthy();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(stub.calls.filter((c) => c.method === "PUT")).toHaveLength(0);

    await user.clear(input);
    await user.type(input, '{{"tags": [["a"]}');
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ filter: { tags: ["a"] } });
  });

  it("select with static options: one value from the list", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({ key: "mode", label: "Mode", type: "select", options: [{ label: "All", value: "all" }, { label: "Custom", value: "custom" }] }),
    ]);

    await user.selectOptions(await screen.findByLabelText("Mode"), "Custom");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ mode: "custom" });
  });

  it("select with dynamic options: loads them from the provider, searches, and pages with More options", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({ key: "channel", label: "Channel", type: "select", options_from: DYNAMIC }),
    ]);

    const select = await screen.findByLabelText("Channel");
    expect(await within(select).findByRole("option", { name: "General" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "More options" }));
    expect(await within(select).findByRole("option", { name: "Random" })).toBeTruthy();
    expect(within(select).getByRole("option", { name: "General" })).toBeTruthy();

    await user.type(screen.getByRole("searchbox", { name: "Search Channel" }), "sal");
    await waitFor(() => expect(within(select).queryByRole("option", { name: "General" })).toBeNull());
    expect(stub.calls.some((c) => c.url.includes("search=sal"))).toBe(true);
    await user.selectOptions(select, "Sales");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ channel: "C2" });
  });

  it("select with dynamic options: says why when the provider cannot be asked", async () => {
    const { onError } = renderForm([
      field({ key: "other", label: "Other", type: "select", options_from: DYNAMIC }),
    ]);

    // No route for these options: the stub answers 404 problem+json.
    expect(await screen.findByText("no route")).toBeTruthy();
    expect(onError).not.toHaveBeenCalled();
  });

  it("select with dynamic options: a failing More options says why, keeps the options shown, and can be tried again", async () => {
    const user = userEvent.setup();
    const { stub, onSave, onError } = renderForm([field({ key: "flaky", label: "Channel", type: "select", options_from: DYNAMIC })]);

    const select = await screen.findByLabelText("Channel");
    expect(await within(select).findByRole("option", { name: "General" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "More options" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Acme did not answer.");
    expect(within(select).getByRole("option", { name: "General" })).toBeTruthy();
    expect(onError).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "More options" }));
    await waitFor(() => expect(stub.calls.filter((c) => c.url.includes("cursor=page2"))).toHaveLength(2));

    await user.selectOptions(select, "General");
    await save(user);
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ flaky: "C1" });
  });

  it("multi_select with dynamic options: checkboxes from the provider, with search and More options; choices outside a search stay chosen", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "channel", label: "Channels", type: "multi_select", options_from: DYNAMIC })]);

    const group = await screen.findByRole("group", { name: "Channels" });
    await user.click(await within(group).findByRole("checkbox", { name: "General" }));
    await user.click(within(group).getByRole("button", { name: "More options" }));
    await user.click(await within(group).findByRole("checkbox", { name: "Random" }));

    await user.type(within(group).getByRole("searchbox", { name: "Search Channels" }), "sal");
    await waitFor(() => expect(stub.calls.some((c) => c.url.includes("search=sal"))).toBe(true));
    await user.click(await within(group).findByRole("checkbox", { name: "Sales" }));
    // Chosen before the search, still shown (by their names) and still chosen.
    expect((within(group).getByRole("checkbox", { name: "General" }) as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByRole("checkbox", { name: "Random" }) as HTMLInputElement).checked).toBe(true);
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ channel: ["C1", "C3", "C2"] });
  });

  it("mapping with dynamic options: every row chooses among the provider's options", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({
        key: "channel",
        label: "Routing",
        type: "mapping",
        sources: [
          { key: "alerts", label: "Alerts" },
          { key: "reports", label: "Reports" },
        ],
        options_from: DYNAMIC,
      }),
    ]);

    const group = await screen.findByRole("group", { name: "Routing" });
    const alerts = within(group).getByLabelText("Alerts");
    expect(await within(alerts).findByRole("option", { name: "Sales" })).toBeTruthy();
    await user.click(within(group).getByRole("button", { name: "More options" }));
    const reports = within(group).getByLabelText("Reports");
    expect(await within(reports).findByRole("option", { name: "Random" })).toBeTruthy();
    await user.selectOptions(alerts, "Sales");
    await user.selectOptions(reports, "Random");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ channel: { alerts: "C2", reports: "C3" } });
  });

  it("multi_select: checkboxes in a group, saved as an array", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({
        key: "events",
        label: "Events",
        type: "multi_select",
        value: ["deal"],
        options: [
          { label: "Deals", value: "deal" },
          { label: "Contacts", value: "contact" },
          { label: "Tickets", value: "ticket" },
        ],
      }),
    ]);

    const group = await screen.findByRole("group", { name: "Events" });
    expect((within(group).getByRole("checkbox", { name: "Deals" }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(group).getByRole("checkbox", { name: "Tickets" }));
    await user.click(within(group).getByRole("checkbox", { name: "Deals" }));
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ events: ["ticket"] });
  });

  it("mapping: one choice per source, saved as an object; an entry's server error shows on its row", async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const { stub, onSave } = renderForm(
      [
        field({
          key: "field_mappings",
          label: "Field mapping",
          type: "mapping",
          sources: [
            { key: "tier", label: "Customer tier" },
            { key: "owner", label: "Owner" },
          ],
          options: [
            { label: "Plan", value: "plan" },
            { label: "Account owner", value: "owner_id" },
          ],
        }),
      ],
      {
        onPut: (values) =>
          attempt++ === 0
            ? {
                status: 422,
                body: { status: 422, code: "invalid_config", detail: "1 field is invalid", errors: [{ field: "field_mappings.tier", message: "must be mapped" }] },
              }
            : { status: 200, body: config([field({ key: "field_mappings", type: "mapping", value: values.field_mappings as never })]) },
      },
    );

    const group = await screen.findByRole("group", { name: "Field mapping" });
    await user.selectOptions(within(group).getByLabelText("Owner"), "Account owner");
    await save(user);
    const tier = within(group).getByLabelText("Customer tier");
    await waitFor(() => expect(tier.getAttribute("aria-invalid")).toBe("true"));
    expect(within(group).getByText("must be mapped")).toBeTruthy();
    expect(within(screen.getByRole("alert")).getByText(/Field mapping: must be mapped/)).toBeTruthy();

    await user.selectOptions(tier, "Plan");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ field_mappings: { owner: "owner_id", tier: "plan" } });
  });

  it("secret: a password input; the stored placeholder is sent back unchanged so the secret is kept", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([field({ key: "token", label: "Signing token", type: "text", secret: true, value: "********" })]);

    const input = await screen.findByLabelText("Signing token");
    expect(input).toHaveProperty("type", "password");
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ token: "********" });
  });

  it("hidden: not shown, its value is kept and sent", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({ key: "internal", label: "Internal", type: "text", hidden: true, value: "v1" }),
      field({ key: "name", label: "Name", type: "text" }),
    ]);

    await screen.findByLabelText("Name");
    expect(screen.queryByLabelText("Internal")).toBeNull();
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(savedValues(stub)).toEqual({ internal: "v1" });
  });
});

describe("config form states", () => {
  it("groups fields by section, in the order Latchkey gives, each section a named group", async () => {
    renderForm([
      field({ key: "a", label: "Account", type: "text" }),
      field({ key: "s", label: "Sync interval", type: "number", section: "Sync" }),
      field({ key: "n", label: "Notify", type: "boolean", section: "Alerts" }),
    ]);

    const sync = await screen.findByRole("group", { name: "Sync" });
    expect(within(sync).getByLabelText("Sync interval")).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "Alerts" })).getByLabelText("Notify")).toBeTruthy();
    expect(screen.getByLabelText("Account").closest("fieldset")).toBeNull();
  });

  it("shows a dependent field only while the field it depends on has the value it names", async () => {
    const user = userEvent.setup();
    const { stub, onSave } = renderForm([
      field({ key: "sync_mode", label: "Sync mode", type: "select", value: "all", options: [{ label: "All", value: "all" }, { label: "Custom", value: "custom" }] }),
      field({ key: "pipeline", label: "Pipeline", type: "text", required: true, depends_on: { field: "sync_mode", equals: "custom" } }),
    ]);

    await screen.findByLabelText("Sync mode");
    expect(screen.queryByLabelText(/Pipeline/)).toBeNull();
    await user.selectOptions(screen.getByLabelText("Sync mode"), "custom");
    await user.type(await screen.findByLabelText(/Pipeline/), "Enterprise");
    await user.selectOptions(screen.getByLabelText("Sync mode"), "all");
    expect(screen.queryByLabelText(/Pipeline/)).toBeNull();
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalled());
    // Hidden by its dependency, the value is kept (Latchkey does not check it).
    expect(savedValues(stub)).toEqual({ sync_mode: "all", pipeline: "Enterprise" });
  });

  it("lists every invalid field from a refused save, marks each, saves nothing, and saves once fixed", async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const { stub, onSave, onError } = renderForm(
      [field({ key: "email", label: "Alert email", type: "email", required: true }), field({ key: "limit", label: "Limit", type: "number" })],
      {
        onPut: (values) =>
          attempt++ === 0
            ? {
                status: 422,
                body: {
                  status: 422,
                  code: "invalid_config",
                  detail: "2 fields are invalid",
                  errors: [
                    { field: "email", message: "must be an email address" },
                    { field: "limit", message: "must be at most 500" },
                  ],
                },
              }
            : { status: 200, body: config([field({ key: "email", type: "email", value: values.email as string })]) },
      },
    );

    await user.type(await screen.findByLabelText(/Alert email/), "not-an-email");
    await user.type(screen.getByLabelText("Limit"), "900");
    await save(user);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Nothing was saved");
    expect(alert.textContent).toContain("Alert email: must be an email address");
    expect(alert.textContent).toContain("Limit: must be at most 500");
    expect(screen.getByLabelText(/Alert email/).getAttribute("aria-invalid")).toBe("true");
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: "invalid_config" }));
    expect(screen.queryByText("Saved.")).toBeNull();

    const email = screen.getByLabelText(/Alert email/);
    await user.clear(email);
    await user.type(email, "ops@acme.example");
    await user.clear(screen.getByLabelText("Limit"));
    await save(user);

    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(savedValues(stub)).toEqual({ email: "ops@acme.example" });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says the settings are loading until Latchkey answers", async () => {
    const ready = deferred<void>();
    renderForm([field({ key: "team", label: "Team", type: "text" })], { configReady: ready.promise });

    expect((await screen.findByText("Loading settings…")).getAttribute("role")).toBe("status");
    expect(screen.queryByRole("heading", { name: "Settings" })).toBeNull();
    ready.resolve();

    expect(await screen.findByLabelText("Team")).toBeTruthy();
    expect(screen.queryByText("Loading settings…")).toBeNull();
  });

  it("shows Saving… on a disabled, busy button while the save is in flight, and sends it once", async () => {
    const user = userEvent.setup();
    const answer = deferred<Answer>();
    const { stub, onSave } = renderForm([field({ key: "team", label: "Team", type: "text" })], { onPut: () => answer.promise });

    await user.type(await screen.findByLabelText("Team"), "Ops");
    await save(user);

    const busy = await screen.findByRole("button", { name: "Saving…" });
    expect(busy).toHaveProperty("disabled", true);
    expect(busy.getAttribute("aria-busy")).toBe("true");
    await user.click(busy);
    expect(stub.calls.filter((c) => c.method === "PUT")).toHaveLength(1);
    answer.resolve({ status: 200, body: config([field({ key: "team", type: "text", value: "Ops" })]) });

    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(screen.getByRole("button", { name: "Save settings" })).toHaveProperty("disabled", false);
    expect(screen.getByText("Saved.")).toBeTruthy();
  });

  it("a save refused without field errors shows Latchkey's words, keeps what was typed, and tells onError", async () => {
    const user = userEvent.setup();
    const { onSave, onError } = renderForm([field({ key: "team", label: "Team", type: "text" })], {
      onPut: () => ({ status: 409, body: { status: 409, code: "not_connected", detail: "Connect Acme before saving its settings." } }),
    });

    await user.type(await screen.findByLabelText("Team"), "Ops");
    await save(user);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Connect Acme before saving its settings.");
    expect(screen.queryByText(/Fix these fields/)).toBeNull();
    expect(screen.getByLabelText("Team").getAttribute("aria-invalid")).toBeNull();
    expect((screen.getByLabelText("Team") as HTMLInputElement).value).toBe("Ops");
    expect(screen.queryByText("Saved.")).toBeNull();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: "not_connected", status: 409 }));
    expect(onSave).not.toHaveBeenCalled();
  });

  it("shows stored values that no longer validate as soon as the form opens", async () => {
    renderForm([field({ key: "channel_name", label: "Channel", type: "text", value: "gone" })], {
      stored: { field_errors: [{ field: "channel_name", message: "no longer exists" }] },
    });

    expect(await screen.findByText("no longer exists", { selector: "p" })).toBeTruthy();
    expect(screen.getByLabelText("Channel").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows no settings when the app has no config", async () => {
    renderConnect(
      {
        "GET /v1/apps/acme": () => ({ status: 200, body: app([connection("c1")]) }),
      },
      { slug: "acme" },
    );

    expect(await screen.findByRole("heading", { name: "Acme" })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("Loading settings…")).toBeNull());
    expect(screen.queryByRole("heading", { name: "Settings" })).toBeNull();
  });
});
