import { useEffect, useId, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { ConfigField, FieldError, FieldOption, JsonValue, Page } from "@latchkey/js";
import { LatchkeyError } from "@latchkey/js";

export type LoadOptions = (key: string, options?: { search?: string; cursor?: string }) => Promise<Page<FieldOption>>;

export interface FieldProps {
  field: ConfigField;
  value: JsonValue;
  onChange: (value: JsonValue) => void;
  /** Errors about this field; for a mapping also `key.source` entries. */
  errors: FieldError[];
  setLocalError: (message: string | null) => void;
  loadOptions: LoadOptions;
}

const SEARCH_DELAY_MS = 250;

/** A page of a dynamic select's options, with search and "more". */
function useOptions(field: ConfigField, loadOptions: LoadOptions) {
  const dynamic = !!field.options_from;
  const [search, setSearch] = useState("");
  const [state, setState] = useState<{ options: FieldOption[]; next: string | null; loading: boolean; error: string | null }>({
    options: field.options ?? [],
    next: null,
    loading: dynamic,
    error: null,
  });
  const load = useRef(loadOptions);
  load.current = loadOptions;
  // Every option's label seen so far: a choice a search left out still shows by its name.
  const labels = useRef(new Map<string, string>());
  const learn = (page: Page<FieldOption>) => {
    for (const o of page.data) labels.current.set(o.value, o.label);
    return page;
  };
  useEffect(() => {
    if (!dynamic) return;
    let live = true;
    const timer = setTimeout(
      () => {
        setState((s) => ({ ...s, loading: true, error: null }));
        load.current(field.key, { search }).then(learn).then(
          (page) => live && setState({ options: page.data, next: page.next_cursor, loading: false, error: null }),
          (e: unknown) =>
            live &&
            setState({ options: [], next: null, loading: false, error: e instanceof LatchkeyError ? e.message : String(e) }),
        );
      },
      search ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dynamic, field.key, search]);
  const more = () => {
    if (!state.next) return;
    setState((s) => ({ ...s, loading: true }));
    load.current(field.key, { search, cursor: state.next }).then(learn).then(
      (page) => setState((s) => ({ options: [...s.options, ...page.data], next: page.next_cursor, loading: false, error: null })),
      (e: unknown) => setState((s) => ({ ...s, loading: false, error: e instanceof LatchkeyError ? e.message : String(e) })),
    );
  };
  const labelOf = (value: string) => labels.current.get(value) ?? field.options?.find((o) => o.value === value)?.label ?? value;
  return { dynamic, search, setSearch, more, labelOf, ...state };
}

/** Options plus the selected values that are not among them (a search narrowed the list), by their names when seen. */
function withSelected(options: FieldOption[], selected: string[], labelOf: (value: string) => string): FieldOption[] {
  const missing = selected.filter((v) => v && !options.some((o) => o.value === v)).map((v) => ({ label: labelOf(v), value: v }));
  return [...missing, ...options];
}

function OptionsToolbar({ id, label, state }: { id: string; label: string; state: ReturnType<typeof useOptions> }) {
  if (!state.dynamic) return null;
  return (
    <div className="lk-options-toolbar">
      <input
        type="search"
        className="lk-input lk-search"
        aria-label={`Search ${label}`}
        aria-controls={id}
        placeholder="Search…"
        value={state.search}
        onChange={(e) => state.setSearch(e.target.value)}
      />
      {state.next && (
        <button type="button" className="lk-button lk-secondary" onClick={state.more} disabled={state.loading}>
          More options
        </button>
      )}
      {state.loading && (
        <span role="status" className="lk-muted">
          Loading options…
        </span>
      )}
      {state.error && (
        <span role="alert" className="lk-error-text">
          {state.error}
        </span>
      )}
    </div>
  );
}

function asString(value: JsonValue): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
}

function asStrings(value: JsonValue): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function asMapping(value: JsonValue): Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

/** Label, help text and errors around one control, wired for assistive technology. */
function FieldShell({
  id,
  field,
  errors,
  children,
  labelAfter = false,
  group = false,
}: {
  id: string;
  field: ConfigField;
  errors: FieldError[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  labelAfter?: boolean;
  group?: boolean;
}) {
  const helpId = field.help_text ? `${id}-help` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const label = (
    <>
      {field.label}
      {field.required && (
        <span className="lk-required" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </>
  );
  const help = field.help_text && (
    <p id={helpId} className="lk-help">
      {field.help_text}
    </p>
  );
  const errorText = errors.length > 0 && (
    <p id={errorId} className="lk-error-text">
      {errors.map((e) => e.message).join(" ")}
    </p>
  );
  if (group) {
    return (
      <fieldset className="lk-field lk-group" aria-describedby={describedBy} aria-invalid={errors.length > 0 || undefined}>
        <legend className="lk-label">{label}</legend>
        {help}
        {children(describedBy, errors.length > 0)}
        {errorText}
      </fieldset>
    );
  }
  return (
    <div className={`lk-field${labelAfter ? " lk-inline" : ""}`} data-field={field.key}>
      {!labelAfter && (
        <label htmlFor={id} className="lk-label">
          {label}
        </label>
      )}
      {children(describedBy, errors.length > 0)}
      {labelAfter && (
        <label htmlFor={id} className="lk-label">
          {label}
        </label>
      )}
      {help}
      {errorText}
    </div>
  );
}

const INPUT_TYPES: Record<string, string> = { text: "text", email: "email", url: "url", date: "date" };

/** One config field, rendered for its type. */
export function Field(props: FieldProps) {
  switch (props.field.type) {
    case "text":
    case "email":
    case "url":
    case "date":
      return <TextField {...props} />;
    case "textarea":
      return <TextAreaField {...props} />;
    case "number":
      return <NumberField {...props} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "json":
      return <JsonField {...props} />;
    case "select":
      return <SelectField {...props} />;
    case "multi_select":
      return <MultiSelectField {...props} />;
    case "mapping":
      return <MappingField {...props} />;
    default:
      return null;
  }
}

function TextField({ field, value, onChange, errors }: FieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} field={field} errors={errors}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={field.key}
          className="lk-input"
          type={field.secret ? "password" : (INPUT_TYPES[field.type] ?? "text")}
          value={asString(value)}
          placeholder={field.placeholder ?? undefined}
          minLength={field.min_length ?? undefined}
          maxLength={field.max_length ?? undefined}
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete={field.secret ? "new-password" : "off"}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

function TextAreaField({ field, value, onChange, errors }: FieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} field={field} errors={errors}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name={field.key}
          className="lk-input"
          rows={4}
          value={asString(value)}
          placeholder={field.placeholder ?? undefined}
          minLength={field.min_length ?? undefined}
          maxLength={field.max_length ?? undefined}
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

function NumberField({ field, value, onChange, errors }: FieldProps) {
  const id = useId();
  const [text, setText] = useState(typeof value === "number" ? String(value) : "");
  useEffect(() => {
    setText((t) => (Number(t) === value && t !== "" ? t : typeof value === "number" ? String(value) : ""));
  }, [value]);
  return (
    <FieldShell id={id} field={field} errors={errors}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={field.key}
          className="lk-input"
          type="number"
          inputMode={field.integer ? "numeric" : "decimal"}
          step={field.integer ? 1 : "any"}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          value={text}
          placeholder={field.placeholder ?? undefined}
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setText(e.target.value);
            const n = e.target.value === "" ? null : Number(e.target.value);
            onChange(n === null || Number.isNaN(n) ? null : n);
          }}
        />
      )}
    </FieldShell>
  );
}

function BooleanField({ field, value, onChange, errors }: FieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} field={field} errors={errors} labelAfter>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={field.key}
          type="checkbox"
          className="lk-checkbox"
          checked={value === true}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
      )}
    </FieldShell>
  );
}

function JsonField({ field, value, onChange, errors, setLocalError }: FieldProps) {
  const id = useId();
  const [text, setText] = useState(value === null || value === undefined ? "" : JSON.stringify(value, null, 2));
  return (
    <FieldShell id={id} field={field} errors={errors}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name={field.key}
          className="lk-input lk-code"
          rows={6}
          spellCheck={false}
          value={text}
          placeholder={field.placeholder ?? undefined}
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === "") {
              setLocalError(null);
              onChange(null);
              return;
            }
            try {
              onChange(JSON.parse(e.target.value) as JsonValue);
              setLocalError(null);
            } catch {
              setLocalError("is not valid JSON.");
            }
          }}
        />
      )}
    </FieldShell>
  );
}

function SelectField({ field, value, onChange, errors, loadOptions }: FieldProps) {
  const id = useId();
  const state = useOptions(field, loadOptions);
  const selected = asString(value);
  return (
    <FieldShell id={id} field={field} errors={errors}>
      {(describedBy, invalid) => (
        <>
          <OptionsToolbar id={id} label={field.label} state={state} />
          <select
            id={id}
            name={field.key}
            className="lk-input"
            value={selected}
            aria-required={field.required || undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
          >
            <option value="">{field.placeholder ?? "Choose…"}</option>
            {withSelected(state.options, [selected], state.labelOf).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      )}
    </FieldShell>
  );
}

function MultiSelectField({ field, value, onChange, errors, loadOptions }: FieldProps) {
  const id = useId();
  const state = useOptions(field, loadOptions);
  const selected = asStrings(value);
  return (
    <FieldShell id={id} field={field} errors={errors} group>
      {() => (
        <>
          <OptionsToolbar id={id} label={field.label} state={state} />
          <ul id={id} className="lk-choices">
            {withSelected(state.options, selected, state.labelOf).map((o) => (
              <li key={o.value}>
                <label className="lk-inline">
                  <input
                    type="checkbox"
                    className="lk-checkbox"
                    checked={selected.includes(o.value)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
                    }
                  />
                  {o.label}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </FieldShell>
  );
}

function MappingField({ field, value, onChange, errors, loadOptions }: FieldProps) {
  const id = useId();
  const state = useOptions(field, loadOptions);
  const mapping = asMapping(value);
  const own = errors.filter((e) => e.field === field.key);
  return (
    <FieldShell id={id} field={field} errors={own} group>
      {() => (
        <>
          <OptionsToolbar id={`${id}-0`} label={field.label} state={state} />
          <table className="lk-mapping">
            <tbody>
              {(field.sources ?? []).map((source, index) => {
                const rowId = `${id}-${index}`;
                const rowErrors = errors.filter((e) => e.field === `${field.key}.${source.key}`);
                const current = asString(mapping[source.key] ?? null);
                return (
                  <tr key={source.key}>
                    <th scope="row">
                      <label htmlFor={rowId}>{source.label}</label>
                    </th>
                    <td>
                      <select
                        id={rowId}
                        className="lk-input"
                        value={current}
                        aria-invalid={rowErrors.length > 0 || undefined}
                        aria-describedby={rowErrors.length ? `${rowId}-error` : undefined}
                        onChange={(e) => {
                          const next: Record<string, JsonValue> = { ...mapping };
                          if (e.target.value === "") delete next[source.key];
                          else next[source.key] = e.target.value;
                          onChange(next);
                        }}
                      >
                        <option value="">Not mapped</option>
                        {withSelected(state.options, [current], state.labelOf).map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      {rowErrors.length > 0 && (
                        <p id={`${rowId}-error`} className="lk-error-text">
                          {rowErrors.map((e) => e.message).join(" ")}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </FieldShell>
  );
}
