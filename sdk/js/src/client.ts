import { errorFromProblem, LatchkeyError } from "./errors.js";
import type {
  App,
  AuthType,
  Branding,
  Config,
  ConnectOptions,
  ConnectResult,
  Connection,
  FieldOption,
  JsonValue,
  Page,
  Session,
} from "./types.js";

/** The subset of `window.open`'s result the popup flow uses. */
export interface PopupWindow {
  closed: boolean;
  location: { href: string };
  close(): void;
}

export interface LatchkeyOptions {
  /** Where Latchkey runs, e.g. `https://connect.acme.com`. */
  baseUrl: string;
  /** A session token your backend minted (`POST /v1/session-tokens`). */
  sessionToken?: string;
  /** Asks your backend for a fresh session token; called when there is none yet and once when one expires. */
  getSessionToken?: () => Promise<string>;
  /** Defaults to the global `fetch`. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** How often the popup flow asks Latchkey whether the app got connected, when no message arrives (ms). */
  pollIntervalMs?: number;
  /** Size of the OAuth popup. */
  popup?: { width?: number; height?: number };
}

/** The answer of POST /v1/apps/{slug}/connect (exported for the contract check only, not from index.ts). */
export interface ConnectAnswer {
  type: "redirect" | "connected";
  authorization_url?: string | null;
  expires_at?: string | null;
  connection?: Connection | null;
}

interface CallbackMessage {
  source: "latchkey";
  type: "connect_result";
  status: "connected" | "error";
  connector: string | null;
  connection_id: string | null;
  error: string | null;
}

type Query = Record<string, string | undefined>;

/** How often the popup flow checks whether the customer closed the popup (ms). */
const CLOSED_CHECK_MS = 500;

function isCallbackMessage(data: unknown): data is CallbackMessage {
  if (typeof data !== "object" || data === null) return false;
  const m = data as Record<string, unknown>;
  return m.source === "latchkey" && m.type === "connect_result" && (m.status === "connected" || m.status === "error");
}

/** Connection id → updated_at: what the popup flow compares to tell that a connection was made or renewed. */
function snapshot(app: App): Map<string, string> {
  return new Map(app.connections.map((c) => [c.id, c.updated_at]));
}

function changedConnection(before: Map<string, string>, app: App): Connection | undefined {
  return app.connections.find((c) => before.get(c.id) !== c.updated_at);
}

/**
 * Latchkey's browser client. Uses only a session token (never an API key): it reaches the one
 * linked account the token was minted for.
 */
export class Latchkey {
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly getSessionToken: (() => Promise<string>) | undefined;
  private readonly fetchImpl: LatchkeyOptions["fetch"];
  private readonly pollIntervalMs: number;
  private readonly popupSize: { width: number; height: number };
  private token: string | undefined;
  private refreshing: Promise<string> | undefined;
  /** The auth types of the apps read so far: what `connect` goes by to open a popup only for OAuth. */
  private readonly authTypes = new Map<string, AuthType[]>();

  constructor(options: LatchkeyOptions) {
    if (!options.baseUrl) throw new LatchkeyError("baseUrl is required, e.g. https://connect.acme.com", "invalid_options", 0);
    if (!options.sessionToken && !options.getSessionToken) {
      throw new LatchkeyError("Give a sessionToken or a getSessionToken function.", "invalid_options", 0);
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.origin = new URL(this.baseUrl).origin;
    this.token = options.sessionToken;
    this.getSessionToken = options.getSessionToken;
    this.fetchImpl = options.fetch;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.popupSize = { width: options.popup?.width ?? 520, height: options.popup?.height ?? 720 };
  }

  /**
   * Replaces the session token (your backend minted a new one); the next request uses it. A
   * `getSessionToken` given at construction is still asked when this one expires.
   */
  setSessionToken(token: string): void {
    if (!token) throw new LatchkeyError("The session token is empty.", "invalid_options", 0);
    this.token = token;
  }

  /** The linked account this token reaches, and until when. */
  session(): Promise<Session> {
    return this.request<Session>("GET", "/v1/session");
  }

  /** The apps this customer can connect, with their connections. */
  async apps(): Promise<App[]> {
    const apps = (await this.request<Page<App>>("GET", "/v1/apps")).data;
    for (const app of apps) this.remember(app);
    return apps;
  }

  async app(slug: string): Promise<App> {
    return this.remember(await this.request<App>("GET", `/v1/apps/${encodeURIComponent(slug)}`));
  }

  /** Every connection of this customer, across apps. */
  async connections(): Promise<Connection[]> {
    return (await this.apps()).flatMap((app) => app.connections);
  }

  /**
   * Connects an app. Key-based (`credentials` given): resolves `connected` once the provider
   * accepted them; a key-based auth type without `credentials` rejects `credentials_required`
   * (no popup opens). OAuth in `popup` mode (the default): call it inside the user's click — the
   * popup opens at once, so blockers allow it — and it resolves `connected`, `cancelled` (popup
   * closed) or `error`. OAuth in `redirect` mode: resolves `redirect` with the URL to navigate to.
   *
   * Whether an auth type redirects is what Latchkey says of it (`auth_types[].redirects`), as
   * `apps()`/`app()` last read it; the SDK knows no scheme by name. Before the app was read, a
   * connect with `credentials` connects with them, and one without is taken for a redirect.
   */
  connect(slug: string, options: ConnectOptions = {}): Promise<ConnectResult> {
    const known = this.knownAuthType(slug, options.authType);
    const redirects = known?.redirects ?? options.credentials === undefined;
    if (!redirects && options.credentials === undefined && (known ? known.fields.some((f) => f.required) : true)) {
      const type = known?.type ?? options.authType ?? "this auth type";
      return Promise.reject(
        new LatchkeyError(`Connecting with ${type} needs credentials: connect(slug, { authType, credentials }).`, "credentials_required", 0),
      );
    }
    const popupFlow = redirects && options.credentials === undefined && (options.mode ?? "popup") === "popup";
    if (!popupFlow) {
      return this.startConnect(slug, options).then((answer) => this.directResult(answer));
    }
    let popup: PopupWindow;
    try {
      popup = this.openPopup(slug);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.connectInPopup(slug, options, popup);
  }

  /** Revokes at the provider where it can and deletes the credentials. */
  async disconnect(slug: string, connectionId: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/apps/${encodeURIComponent(slug)}/connections/${encodeURIComponent(connectionId)}`);
  }

  /** The app's config form: fields with their values, sections, and stored values that no longer validate. */
  config(slug: string, options: { configId?: string } = {}): Promise<Config> {
    return this.request<Config>("GET", `/v1/apps/${encodeURIComponent(slug)}/config`, undefined, {
      config_id: options.configId,
    });
  }

  /** Saves every value at once; a `LatchkeyError` with code `invalid_config` lists every invalid field. */
  saveConfig(slug: string, values: Record<string, JsonValue>, options: { configId?: string } = {}): Promise<Config> {
    return this.request<Config>("PUT", `/v1/apps/${encodeURIComponent(slug)}/config`, {
      config_id: options.configId ?? "default",
      values,
    });
  }

  /**
   * A page of a dynamic select's options, read from the provider through the customer's connection:
   * `connectionId` when the customer has several to the app, else the most recently created active one.
   */
  fieldOptions(
    slug: string,
    key: string,
    options: { search?: string; cursor?: string; configId?: string; connectionId?: string } = {},
  ): Promise<Page<FieldOption>> {
    return this.request<Page<FieldOption>>(
      "GET",
      `/v1/apps/${encodeURIComponent(slug)}/config/fields/${encodeURIComponent(key)}/options`,
      undefined,
      {
        config_id: options.configId,
        search: options.search || undefined,
        cursor: options.cursor,
        connection_id: options.connectionId,
      },
    );
  }

  /** The workspace's branding, or null when this Latchkey has none to give. */
  async branding(): Promise<Branding | null> {
    try {
      return await this.request<Branding>("GET", "/v1/branding");
    } catch (e) {
      if (e instanceof LatchkeyError && e.status === 404) return null;
      throw e;
    }
  }

  private remember(app: App): App {
    if (Array.isArray(app.auth_types)) this.authTypes.set(app.slug, app.auth_types);
    return app;
  }

  /** The auth type `connect` will use (the given one, else the app's first), when the app was read before. */
  private knownAuthType(slug: string, authType: string | undefined): AuthType | undefined {
    const types = this.authTypes.get(slug);
    if (!types) return undefined;
    return authType === undefined ? types[0] : types.find((t) => t.type === authType);
  }

  private startConnect(slug: string, options: ConnectOptions, mode?: "popup" | "redirect"): Promise<ConnectAnswer> {
    const body: Record<string, JsonValue> = {};
    if (options.authType !== undefined) body.auth_type = options.authType;
    if (options.params !== undefined) body.params = options.params;
    if (options.credentials !== undefined) body.credentials = options.credentials;
    body.mode = mode ?? options.mode ?? "popup";
    if (options.returnUrl !== undefined) body.return_url = options.returnUrl;
    return this.request<ConnectAnswer>("POST", `/v1/apps/${encodeURIComponent(slug)}/connect`, body);
  }

  private directResult(answer: ConnectAnswer): ConnectResult {
    if (answer.type === "connected" && answer.connection) return { status: "connected", connection: answer.connection };
    if (answer.type === "redirect" && answer.authorization_url) {
      return { status: "redirect", url: answer.authorization_url, expires_at: answer.expires_at ?? "" };
    }
    throw new LatchkeyError("Latchkey's connect answer was not understood.", "invalid_response", 200);
  }

  private openPopup(slug: string): PopupWindow {
    const host = typeof window === "undefined" ? undefined : window;
    if (!host) throw new LatchkeyError("The popup flow runs in a browser only.", "popup_blocked", 0);
    const { width, height } = this.popupSize;
    const left = Math.max(0, Math.round((host.screenX ?? 0) + ((host.outerWidth ?? width) - width) / 2));
    const top = Math.max(0, Math.round((host.screenY ?? 0) + ((host.outerHeight ?? height) - height) / 2));
    const popup = host.open("about:blank", `latchkey-connect-${slug}`, `popup,width=${width},height=${height},left=${left},top=${top}`);
    if (!popup) {
      throw new LatchkeyError("The browser blocked the popup: call connect() inside a click handler.", "popup_blocked", 0);
    }
    return popup;
  }

  private async connectInPopup(slug: string, options: ConnectOptions, popup: PopupWindow): Promise<ConnectResult> {
    let before: Map<string, string>;
    let answer: ConnectAnswer;
    try {
      const [app, started] = await Promise.all([this.app(slug), this.startConnect(slug, options, "popup")]);
      before = snapshot(app);
      answer = started;
    } catch (e) {
      popup.close();
      throw e;
    }
    if (answer.type === "connected" || !answer.authorization_url) {
      popup.close();
      return this.directResult(answer);
    }
    if (popup.closed) return { status: "cancelled" };
    popup.location.href = answer.authorization_url;
    const expiresAt = answer.expires_at ? Date.parse(answer.expires_at) : Number.NaN;
    return this.awaitPopup(slug, popup, before, expiresAt);
  }

  /**
   * The popup's state machine: waiting → (message from this popup on Latchkey's origin | polled
   * change | popup closed | authorization expired) → settled, exactly once.
   */
  private awaitPopup(slug: string, popup: PopupWindow, before: Map<string, string>, expiresAt: number): Promise<ConnectResult> {
    return new Promise<ConnectResult>((resolve, reject) => {
      let settled = false;
      let settling = false;
      let polling = false;
      let sincePoll = 0;
      const finish = (result: ConnectResult | LatchkeyError) => {
        if (settled) return;
        settled = true;
        window.removeEventListener("message", onMessage);
        clearInterval(timer);
        if (result instanceof LatchkeyError) reject(result);
        else resolve(result);
      };
      const check = async (): Promise<Connection | undefined> => changedConnection(before, await this.app(slug));
      const onMessage = (event: MessageEvent) => {
        // Only this popup's callback, on Latchkey's origin, about this app: two connects at once do not cross.
        if (event.source !== popup || event.origin !== this.origin) return;
        if (!isCallbackMessage(event.data) || event.data.connector !== slug) return;
        const message = event.data;
        settling = true;
        if (message.status === "error") {
          finish({ status: "error", error: message.error ?? "authorization_failed" });
          return;
        }
        this.app(slug).then(
          (app) => {
            const connection = app.connections.find((c) => c.id === message.connection_id) ?? changedConnection(before, app);
            finish(connection ? { status: "connected", connection, via: "message" } : { status: "error", error: "connection_not_found" });
          },
          (e: unknown) => finish(e instanceof LatchkeyError ? e : new LatchkeyError(String(e), "network_error", 0)),
        );
      };
      const tick = () => {
        if (settled || settling || polling) return;
        if (popup.closed) {
          // The message may have been lost (the opener changed, an origin not allowed): ask once more.
          polling = true;
          check().then(
            (connection) => finish(connection ? { status: "connected", connection, via: "closed" } : { status: "cancelled" }),
            () => finish({ status: "cancelled" }),
          );
          return;
        }
        if (Date.now() > expiresAt) {
          popup.close();
          finish({ status: "error", error: "authorization_expired" });
          return;
        }
        sincePoll += CLOSED_CHECK_MS;
        if (sincePoll < this.pollIntervalMs) return;
        sincePoll = 0;
        polling = true;
        check().then(
          (connection) => {
            polling = false;
            if (connection && !settling) {
              popup.close();
              finish({ status: "connected", connection, via: "poll" });
            }
          },
          () => {
            polling = false;
          },
        );
      };
      window.addEventListener("message", onMessage);
      const timer = setInterval(tick, CLOSED_CHECK_MS);
    });
  }

  private async request<T>(method: string, path: string, body?: Record<string, JsonValue>, query?: Query): Promise<T> {
    let token = await this.currentToken();
    let response = await this.send(method, path, token, body, query);
    if (response.status === 401 && this.getSessionToken) {
      token = await this.refresh(token);
      response = await this.send(method, path, token, body, query);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) throw errorFromProblem(response.status, parsed);
    if (parsed === undefined) throw new LatchkeyError("Latchkey's answer was not JSON.", "invalid_response", response.status);
    return parsed as T;
  }

  private async send(method: string, path: string, token: string, body?: Record<string, JsonValue>, query?: Query) {
    let url = this.baseUrl + path;
    const params = Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    if (params.length) url += "?" + new URLSearchParams(params).toString();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const fetchImpl = this.fetchImpl ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
    try {
      return await fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new LatchkeyError(`Latchkey could not be reached at ${this.baseUrl}: ${String(e)}`, "network_error", 0);
    }
  }

  private async currentToken(): Promise<string> {
    return this.token ?? this.refresh(undefined);
  }

  /** A new token from getSessionToken, shared by every request that found `stale` expired at the same time. */
  private refresh(stale: string | undefined): Promise<string> {
    if (this.token !== undefined && this.token !== stale) return Promise.resolve(this.token);
    const get = this.getSessionToken;
    if (!get) return Promise.reject(new LatchkeyError("The session token expired.", "unauthorized", 401));
    if (!this.refreshing) {
      this.refreshing = get().then(
        (token) => {
          this.token = token;
          this.refreshing = undefined;
          return token;
        },
        (e: unknown) => {
          this.refreshing = undefined;
          if (e instanceof LatchkeyError) throw e;
          throw new LatchkeyError(`getSessionToken failed: ${String(e)}`, "session_token_unavailable", 0);
        },
      );
    }
    return this.refreshing;
  }
}
