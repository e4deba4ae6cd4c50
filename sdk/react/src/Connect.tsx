import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { CSSProperties, FormEvent, ReactNode, Ref, SyntheticEvent } from "react";
import type { App, AuthType, Config, Connection, ConnectResult, FieldError } from "@latchkey/js";
import { LatchkeyError } from "@latchkey/js";
import { useBranding } from "./context.js";
import { errorKey, useApp, useApps, useConfig, useConnect } from "./hooks.js";
import { Field } from "./fields.js";
import { styles } from "./styles.js";

export interface ConnectProps {
  /** The app to show; without it, the list of apps (choosing one opens its page). */
  slug?: string;
  /** Which of the app's configs to edit (default `default`). */
  configId?: string;
  onConnect?: (connection: Connection) => void;
  onDisconnect?: (connectionId: string) => void;
  onSave?: (config: Config) => void;
  onError?: (error: LatchkeyError) => void;
}

type Labels = Record<string, string>;

const DEFAULT_LABELS: Labels = {
  apps: "Integrations",
  connect: "Connect",
  reconnect: "Reconnect",
  disconnect: "Disconnect",
  save: "Save settings",
  settings: "Settings",
  back: "All integrations",
};

function useLabels(): (key: string) => string {
  const branding = useBranding();
  return (key) => branding?.labels?.[key] ?? DEFAULT_LABELS[key] ?? key;
}

/** An icon that does not load leaves its space, not a broken-image sign. */
function hideBrokenIcon(event: SyntheticEvent<HTMLImageElement>) {
  event.currentTarget.style.visibility = "hidden";
}

/** What to call an auth type: the label Latchkey gives (the scheme's own), else its code made readable. */
export function authTypeLabel(authType: Pick<AuthType, "type" | "label">): string {
  if (authType.label) return authType.label;
  const words = authType.type.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function toError(e: unknown): LatchkeyError {
  return e instanceof LatchkeyError ? e : new LatchkeyError(String(e), "unexpected_error", 0);
}

/** The drop-in connect experience: the app list, or one app's page (connect, settings, disconnect). */
export function Connect(props: ConnectProps) {
  const branding = useBranding();
  const [chosen, setChosen] = useState<string | null>(null);
  const label = useLabels();
  // Moving between the list and an app's page moves focus to the new view's heading (once it shows).
  const focusNext = useRef(false);
  const headingRef = useCallback((heading: HTMLHeadingElement | null) => {
    if (heading && focusNext.current) {
      focusNext.current = false;
      heading.focus();
    }
  }, []);
  const navigate = (next: string | null) => {
    focusNext.current = true;
    setChosen(next);
  };
  const slug = props.slug ?? chosen;
  const radius = branding?.border_radius;
  const vars: Record<string, string> = {};
  if (branding?.primary_color) vars["--lk-primary"] = branding.primary_color;
  if (branding?.accent_color) vars["--lk-accent"] = branding.accent_color;
  if (branding?.background_color) vars["--lk-background"] = branding.background_color;
  if (branding?.font_family) vars["--lk-font"] = branding.font_family;
  if (radius !== undefined && radius !== null) vars["--lk-radius"] = typeof radius === "number" ? `${radius}px` : radius;
  return (
    <div className="lk-root" style={vars as CSSProperties} data-theme={branding?.theme ?? undefined}>
      {/* Raw, not as a text child: React 18's server render escapes " and > in it, which a <style> does not decode. */}
      <style dangerouslySetInnerHTML={{ __html: styles }} />
      {slug ? (
        <>
          {!props.slug && (
            <button type="button" className="lk-link" onClick={() => navigate(null)}>
              ← {label("back")}
            </button>
          )}
          <AppPage key={slug} {...props} slug={slug} headingRef={headingRef} />
        </>
      ) : (
        <AppList onChoose={navigate} onError={props.onError} headingRef={headingRef} />
      )}
      <Footer />
    </div>
  );
}

function Footer() {
  const branding = useBranding();
  const links = [
    ["Privacy", branding?.privacy_url],
    ["Terms", branding?.terms_url],
    ["Support", branding?.support_url],
  ].filter((l): l is [string, string] => typeof l[1] === "string" && l[1].length > 0);
  if (branding?.hide_powered_by && links.length === 0) return null;
  return (
    <p className="lk-powered">
      {links.map(([text, href]) => (
        <span key={text}>
          <a href={href} target="_blank" rel="noreferrer">
            {text}
          </a>{" "}
          ·{" "}
        </span>
      ))}
      {!branding?.hide_powered_by && "Secured by Latchkey"}
    </p>
  );
}

function StatusBadge({ status }: { status: string | null }) {
  const text = status === "active" ? "Connected" : status === "expired" ? "Needs reconnecting" : status === "revoked" ? "Revoked" : "Not connected";
  return (
    <span className="lk-badge" data-status={status ?? "none"}>
      {text}
    </span>
  );
}

function AppList({
  onChoose,
  onError,
  headingRef,
}: {
  onChoose: (slug: string) => void;
  onError?: (e: LatchkeyError) => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { apps, loading, error } = useApps();
  const label = useLabels();
  const titleId = useId();
  const report = useRef(onError);
  report.current = onError;
  useEffect(() => {
    if (error) report.current?.(error);
  }, [error]);
  return (
    <section aria-labelledby={titleId} aria-busy={loading}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {label("apps")}
      </h2>
      {loading && <p role="status">Loading apps…</p>}
      {error && (
        <p role="alert" className="lk-alert">
          {error.message}
        </p>
      )}
      {apps && apps.length === 0 && <p className="lk-muted">No apps are available yet.</p>}
      {apps && (
        <ul className="lk-apps">
          {apps.map((app) => (
            <li key={app.slug}>
              <button type="button" className="lk-app-button" onClick={() => onChoose(app.slug)}>
                <img className="lk-icon" src={app.icon_url} alt="" onError={hideBrokenIcon} />
                <span>{app.name}</span>
                <StatusBadge status={app.connected ? app.status : null} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describeResult(result: ConnectResult, app: App): { text: string; alert: boolean } {
  switch (result.status) {
    case "connected":
      return { text: `${app.name} is connected.`, alert: false };
    case "cancelled":
      return { text: "Connection cancelled: the window was closed before finishing.", alert: false };
    case "error":
      return { text: `${app.name} was not connected (${result.error}).`, alert: true };
    case "redirect":
      return { text: "Continue in the provider's page.", alert: false };
  }
}

function AppPage({
  slug,
  configId,
  onConnect,
  onDisconnect,
  onSave,
  onError,
  headingRef,
}: ConnectProps & { slug: string; headingRef: Ref<HTMLHeadingElement> }) {
  const { app, loading, error, reload } = useApp(slug);
  const titleId = useId();
  const authTypeId = useId();
  const connector = useConnect(slug);
  const label = useLabels();
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const [chosenType, setChosenType] = useState<string | null>(null);

  if (loading && !app) return <p role="status">Loading…</p>;
  if (error || !app) {
    return (
      <p role="alert" className="lk-alert">
        {error?.message ?? "This app could not be loaded."}
      </p>
    );
  }
  const authType = app.auth_types.find((a) => a.type === chosenType) ?? app.auth_types[0];
  const fail = (e: unknown) => {
    const err = toError(e);
    setMessage({ text: err.message, alert: true });
    onError?.(err);
  };
  const finished = (result: ConnectResult) => {
    setMessage(describeResult(result, app));
    if (result.status === "connected") {
      setReconnecting(false);
      reload();
      onConnect?.(result.connection);
    }
    if (result.status === "redirect" && typeof window !== "undefined") window.location.assign(result.url);
  };
  const disconnect = (connection: Connection) => {
    setMessage(null);
    connector.disconnect(connection.id).then(() => {
      setMessage({ text: `${connection.identifier ?? app.name} was disconnected.`, alert: false });
      reload();
      onDisconnect?.(connection.id);
    }, fail);
  };
  const showConnect = !app.connected || reconnecting;
  return (
    <section aria-labelledby={titleId}>
      <header className="lk-header">
        <img className="lk-icon" src={app.icon_url} alt="" onError={hideBrokenIcon} />
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {app.name}
        </h2>
        <StatusBadge status={app.connected ? app.status : null} />
      </header>
      <div aria-live="polite">
        {message && (
          <p role={message.alert ? "alert" : "status"} className={message.alert ? "lk-alert" : "lk-notice"}>
            {message.text}
          </p>
        )}
      </div>
      {app.status === "expired" && (
        <p className="lk-notice">The connection to {app.name} expired: reconnect to keep it working.</p>
      )}
      {app.connected && (
        <>
          <ul className="lk-connections" aria-label="Connections">
            {app.connections.map((c) => (
              <li key={c.id}>
                <span>{c.identifier ?? c.auth_type}</span>
                <StatusBadge status={c.status} />
                <button
                  type="button"
                  className="lk-button lk-danger"
                  disabled={connector.pending}
                  aria-label={`${label("disconnect")} ${c.identifier ?? app.name}`}
                  onClick={() => disconnect(c)}
                >
                  {label("disconnect")}
                </button>
              </li>
            ))}
          </ul>
          {!reconnecting && (
            <button type="button" className="lk-button lk-secondary" onClick={() => setReconnecting(true)}>
              {label("reconnect")}
            </button>
          )}
        </>
      )}
      {showConnect && authType && (
        <div className="lk-section">
          {app.auth_types.length > 1 && (
            <div className="lk-field">
              <label className="lk-label" htmlFor={authTypeId}>
                How to connect
              </label>
              <select id={authTypeId} className="lk-input" value={authType.type} onChange={(e) => setChosenType(e.target.value)}>
                {app.auth_types.map((a) => (
                  <option key={a.type} value={a.type}>
                    {authTypeLabel(a)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ConnectForm
            key={authType.type}
            authType={authType}
            pending={connector.pending}
            submitLabel={app.connected ? label("reconnect") : `${label("connect")} ${app.name}`}
            onSubmit={(params, credentials) => {
              setMessage(null);
              connector
                .connect({ authType: authType.type, params, credentials: authType.redirects ? undefined : credentials })
                .then(finished, fail);
            }}
          />
          {reconnecting && (
            <button type="button" className="lk-link" onClick={() => setReconnecting(false)}>
              Cancel
            </button>
          )}
        </div>
      )}
      {app.connected && <ConfigForm slug={slug} configId={configId} onSave={onSave} onError={onError} />}
    </section>
  );
}

function ConnectForm({
  authType,
  pending,
  submitLabel,
  onSubmit,
}: {
  authType: AuthType;
  pending: boolean;
  submitLabel: string;
  onSubmit: (params: Record<string, string> | undefined, credentials: Record<string, string>) => void;
}) {
  const [params, setParams] = useState<Record<string, string>>({});
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const idPrefix = useId();
  const inputs: { name: string; label: string; secret: boolean; required: boolean; help: string | null; kind: "param" | "field" }[] = [
    ...authType.params.map((p) => ({ name: p.name, label: p.label, secret: false, required: p.required, help: p.help_text, kind: "param" as const })),
    ...(authType.redirects
      ? []
      : authType.fields.map((f) => ({ name: f.name, label: f.label, secret: f.secret, required: f.required, help: f.help_text, kind: "field" as const }))),
  ];
  // A button's click (not a form submit after an await) opens the popup, so blockers allow it.
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    onSubmit(Object.keys(params).length ? params : undefined, credentials);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`${submitLabel} form`}>
      {inputs.map((input) => {
        const id = `${idPrefix}${input.kind}-${input.name}`;
        const values = input.kind === "param" ? params : credentials;
        const set = input.kind === "param" ? setParams : setCredentials;
        return (
          <div className="lk-field" key={id}>
            <label htmlFor={id} className="lk-label">
              {input.label}
              {input.required && (
                <span className="lk-required" aria-hidden="true">
                  {" "}
                  *
                </span>
              )}
            </label>
            <input
              id={id}
              className="lk-input"
              type={input.secret ? "password" : "text"}
              autoComplete="off"
              value={values[input.name] ?? ""}
              aria-required={input.required || undefined}
              aria-describedby={input.help ? `${id}-help` : undefined}
              onChange={(e) => set((v) => ({ ...v, [input.name]: e.target.value }))}
            />
            {input.help && (
              <p id={`${id}-help`} className="lk-help">
                {input.help}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" className="lk-button" disabled={pending} aria-busy={pending}>
        {pending ? "Connecting…" : submitLabel}
      </button>
    </form>
  );
}

function ConfigForm({ slug, configId, onSave, onError }: { slug: string } & Pick<ConnectProps, "configId" | "onSave" | "onError">) {
  const config = useConfig(slug, configId);
  const label = useLabels();
  const titleId = useId();
  if (config.loading) return <p role="status">Loading settings…</p>;
  if (config.error) {
    // An app without config fields (or a Latchkey without them) has nothing to show here.
    if (config.error.status === 404) return null;
    return (
      <p role="alert" className="lk-alert">
        {config.error.message}
      </p>
    );
  }
  const current = config.config;
  if (!current || current.fields.every((f) => f.hidden)) return null;
  const byKey = new Map(current.fields.map((f) => [f.key, f]));
  const sections = current.sections?.length ? current.sections : [{ name: null, fields: current.fields.map((f) => f.key) }];
  const errorsOf = (key: string): FieldError[] => config.fieldErrors.filter((e) => errorKey(e, current.fields) === key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    config.save().then(
      (saved) => saved && onSave?.(saved),
      (err: unknown) => onError?.(toError(err)),
    );
  };
  const renderFields = (keys: string[]): ReactNode[] =>
    keys
      .map((key) => byKey.get(key))
      .filter((f): f is NonNullable<typeof f> => !!f && !f.hidden && config.isVisible(f))
      .map((f) => (
        <Field
          key={f.key}
          field={f}
          value={config.values[f.key] ?? null}
          onChange={(value) => config.setValue(f.key, value)}
          errors={errorsOf(f.key)}
          setLocalError={(message) => config.setLocalError(f.key, message)}
          loadOptions={config.loadOptions}
        />
      ));
  const labelOf = (field: string) => byKey.get(errorKey({ field, message: "" }, current.fields))?.label ?? field;
  return (
    <form className="lk-section" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{label("settings")}</h3>
      {config.fieldErrors.length > 0 && (
        <div role="alert" className="lk-alert">
          <p>{config.saveError?.code === "invalid_config" ? "Nothing was saved. Fix these fields:" : "Fix these fields:"}</p>
          <ul>
            {config.fieldErrors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {labelOf(e.field)}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {config.saveError && config.fieldErrors.length === 0 && (
        <p role="alert" className="lk-alert">
          {config.saveError.message}
        </p>
      )}
      {sections.map((section, i) => {
        const fields = renderFields(section.fields);
        if (fields.length === 0) return null;
        return section.name ? (
          <fieldset key={section.name} className="lk-fieldset">
            <legend>{section.name}</legend>
            {fields}
          </fieldset>
        ) : (
          <div key={`unnamed-${i}`}>{fields}</div>
        );
      })}
      <div className="lk-actions">
        <button type="submit" className="lk-button" disabled={config.saving} aria-busy={config.saving}>
          {config.saving ? "Saving…" : label("save")}
        </button>
        {config.saved && (
          <span role="status" className="lk-muted">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
