import type { App, Connection } from "../src/index.js";

export interface Call {
  method: string;
  url: string;
  token: string | undefined;
  body: unknown;
}

type Handler = (call: Call) => { status: number; body?: unknown; text?: string } | Promise<{ status: number; body?: unknown; text?: string }>;

/** A fake Latchkey behind `fetch`: routes by "METHOD /path" (query ignored), records every call. */
export function stubLatchkey(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init?.method ?? "GET",
      url: url.pathname + url.search,
      token: headers.Authorization?.replace(/^Bearer /, ""),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${url.pathname}`];
    if (!handler) return new Response(JSON.stringify({ status: 404, code: "not_found", title: "Not found", detail: "no route" }), { status: 404 });
    const answer = await handler(call);
    const text = answer.text ?? (answer.body === undefined ? null : JSON.stringify(answer.body));
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: { "Content-Type": answer.text ? "text/plain" : "application/json" },
    });
  };
  return { fetch, calls };
}

export function connection(id: string, updatedAt = "2026-01-01T00:00:00Z"): Connection {
  return {
    id,
    connector: "acme",
    auth_type: "oauth2",
    status: "active",
    identifier: `${id}@acme.example`,
    scopes: [],
    params: {},
    created_at: "2026-01-01T00:00:00Z",
    updated_at: updatedAt,
    last_refreshed_at: null,
    last_error: null,
  };
}

export function app(connections: Connection[] = [], slug = "acme"): App {
  return {
    slug,
    name: "Acme",
    icon_url: "https://acme.example/icon.png",
    categories: ["crm"],
    auth_types: [{ type: "oauth2", redirects: true, fields: [], params: [] }],
    connected: connections.length > 0,
    status: connections.length > 0 ? "active" : null,
    connections,
  };
}
