import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LatchkeyError } from "@latchkey/js";
import type { App, Config, ConfigField, ConnectOptions, ConnectResult, FieldError, FieldOption, JsonValue } from "@latchkey/js";
import { useLatchkey } from "./context.js";

function asError(e: unknown): LatchkeyError {
  return e instanceof LatchkeyError ? e : new LatchkeyError(String(e), "unexpected_error", 0);
}

export interface Resource<T> {
  data: T | undefined;
  loading: boolean;
  error: LatchkeyError | null;
  reload: () => void;
}

function useResource<T>(load: (() => Promise<T>) | null, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data: T | undefined; error: LatchkeyError | null; loading: boolean }>({
    key,
    data: undefined,
    error: null,
    loading: load !== null,
  });
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const current = loadRef.current;
    if (!current) return;
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: null, loading: true }));
    current().then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (e: unknown) => live && setState({ key, data: undefined, error: asError(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, loading: fresh ? state.loading : load !== null, error: fresh ? state.error : null, reload };
}

/** The apps this customer can connect. */
export function useApps(): { apps: App[] | undefined; loading: boolean; error: LatchkeyError | null; reload: () => void } {
  const client = useLatchkey();
  const { data, ...rest } = useResource(() => client.apps(), `apps|${client.baseUrl}`);
  return { apps: data, ...rest };
}

/** One app, with its connections. */
export function useApp(slug: string): { app: App | undefined; loading: boolean; error: LatchkeyError | null; reload: () => void } {
  const client = useLatchkey();
  const { data, ...rest } = useResource(() => client.app(slug), `app|${client.baseUrl}|${slug}`);
  return { app: data, ...rest };
}

export interface UseConnect {
  /** Call it inside a click handler: the OAuth popup opens synchronously. */
  connect: (options?: ConnectOptions) => Promise<ConnectResult>;
  disconnect: (connectionId: string) => Promise<void>;
  pending: boolean;
  result: ConnectResult | null;
  error: LatchkeyError | null;
}

/** Connecting and disconnecting one app. */
export function useConnect(slug: string): UseConnect {
  const client = useLatchkey();
  const [state, setState] = useState<{ pending: boolean; result: ConnectResult | null; error: LatchkeyError | null }>({
    pending: false,
    result: null,
    error: null,
  });
  const connect = useCallback(
    (options?: ConnectOptions) => {
      // No await before client.connect: the popup must open inside the click.
      const started = client.connect(slug, options);
      setState({ pending: true, result: null, error: null });
      return started.then(
        (result) => {
          setState({ pending: false, result, error: null });
          return result;
        },
        (e: unknown) => {
          const error = asError(e);
          setState({ pending: false, result: null, error });
          throw error;
        },
      );
    },
    [client, slug],
  );
  const disconnect = useCallback(
    (connectionId: string) => {
      setState({ pending: true, result: null, error: null });
      return client.disconnect(slug, connectionId).then(
        () => setState({ pending: false, result: null, error: null }),
        (e: unknown) => {
          const error = asError(e);
          setState({ pending: false, result: null, error });
          throw error;
        },
      );
    },
    [client, slug],
  );
  return { connect, disconnect, ...state };
}

/** Whether a field shows (and is required): its `depends_on` holds for the current values. */
export function isVisible(field: ConfigField, values: Record<string, JsonValue>): boolean {
  if (!field.depends_on) return true;
  return JSON.stringify(values[field.depends_on.field] ?? null) === JSON.stringify(field.depends_on.equals ?? null);
}

/** The field key a server error is about: `field_mappings.customer_tier` is about `field_mappings`. */
export function errorKey(error: FieldError, fields: ConfigField[]): string {
  if (fields.some((f) => f.key === error.field)) return error.field;
  const dot = error.field.indexOf(".");
  return dot > 0 ? error.field.slice(0, dot) : error.field;
}

function initialValues(config: Config): Record<string, JsonValue> {
  return Object.fromEntries(config.fields.map((f) => [f.key, f.value ?? null]));
}

function isEmpty(value: JsonValue | undefined): boolean {
  return value === null || value === undefined || value === "";
}

export interface UseConfig {
  config: Config | undefined;
  loading: boolean;
  /** Loading failed (a 404 when the app has no config). */
  error: LatchkeyError | null;
  values: Record<string, JsonValue>;
  setValue: (key: string, value: JsonValue) => void;
  /** A problem found in the browser (JSON that does not parse); null clears it. Saving waits until none is left. */
  setLocalError: (key: string, message: string | null) => void;
  /** Every field error: the browser's, then Latchkey's (from the last save, or stored values that no longer validate). */
  fieldErrors: FieldError[];
  save: () => Promise<Config | null>;
  saving: boolean;
  saveError: LatchkeyError | null;
  saved: boolean;
  isVisible: (field: ConfigField) => boolean;
  loadOptions: (key: string, options?: { search?: string; cursor?: string }) => Promise<{ data: FieldOption[]; next_cursor: string | null }>;
  reload: () => void;
}

/** One app's config form: values, dependent fields, saving with every field error at once. */
export function useConfig(slug: string, configId = "default"): UseConfig {
  const client = useLatchkey();
  const resource = useResource(() => client.config(slug, { configId }), `config|${client.baseUrl}|${slug}|${configId}`);
  const [config, setConfig] = useState<Config | undefined>(undefined);
  const [values, setValues] = useState<Record<string, JsonValue>>({});
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<LatchkeyError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!resource.data) return;
    setConfig(resource.data);
    setValues(initialValues(resource.data));
    setServerErrors(resource.data.field_errors ?? []);
    setLocalErrors({});
    setSaved(false);
  }, [resource.data]);

  const setValue = useCallback((key: string, value: JsonValue) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  }, []);
  const setLocalError = useCallback((key: string, message: string | null) => {
    setLocalErrors((errors) => {
      const next = { ...errors };
      if (message === null) delete next[key];
      else next[key] = message;
      return next;
    });
  }, []);
  const visible = useCallback((field: ConfigField) => isVisible(field, values), [values]);

  const save = useCallback(async () => {
    if (!config) return null;
    if (Object.keys(localErrors).length > 0) return null;
    const payload: Record<string, JsonValue> = {};
    for (const field of config.fields) {
      const value = values[field.key];
      if (!isEmpty(value)) payload[field.key] = value ?? null;
    }
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    try {
      const next = await client.saveConfig(slug, payload, { configId });
      setConfig(next);
      setValues(initialValues(next));
      setServerErrors(next.field_errors ?? []);
      setSaved(true);
      return next;
    } catch (e) {
      const error = asError(e);
      setSaveError(error);
      setServerErrors(error.fieldErrors);
      throw error;
    } finally {
      setSaving(false);
    }
  }, [client, config, configId, localErrors, slug, values]);

  const loadOptions = useCallback(
    (key: string, options: { search?: string; cursor?: string } = {}) => client.fieldOptions(slug, key, { ...options, configId }),
    [client, configId, slug],
  );

  const fieldErrors = useMemo(
    () => [...Object.entries(localErrors).map(([field, message]) => ({ field, message })), ...serverErrors],
    [localErrors, serverErrors],
  );

  return {
    config,
    loading: resource.loading || (resource.data !== undefined && config === undefined),
    error: resource.error,
    values,
    setValue,
    setLocalError,
    fieldErrors,
    save,
    saving,
    saveError,
    saved,
    isVisible: visible,
    loadOptions,
    reload: resource.reload,
  };
}
