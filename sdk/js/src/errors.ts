import type { FieldError } from "./types.js";

/**
 * Every failure the client reports. `code` is Latchkey's stable problem code
 * (`credentials_rejected`, `invalid_config`, `not_connected`...) or one of the client's own:
 * `network_error` (Latchkey could not be reached), `popup_blocked`, `credentials_required` (a
 * key-based connect without credentials), `invalid_response`.
 */
export class LatchkeyError extends Error {
  readonly code: string;
  /** The HTTP status, or 0 when no response came back. */
  readonly status: number;
  /** Every invalid field at once, for validation problems (`invalid_config`, `validation_failed`). */
  readonly fieldErrors: FieldError[];

  constructor(message: string, code: string, status: number, fieldErrors: FieldError[] = []) {
    super(message);
    this.name = "LatchkeyError";
    this.code = code;
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Latchkey problem+json body (or anything else an error answer held) as a LatchkeyError. */
export function errorFromProblem(status: number, body: unknown): LatchkeyError {
  if (!isRecord(body)) {
    return new LatchkeyError(`Latchkey answered ${status}.`, `http_${status}`, status);
  }
  const code = typeof body.code === "string" ? body.code : `http_${status}`;
  const message =
    typeof body.detail === "string" ? body.detail : typeof body.title === "string" ? body.title : `Latchkey answered ${status}.`;
  const fieldErrors: FieldError[] = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({ field: String(e.field ?? ""), message: String(e.message ?? "") }))
    : [];
  return new LatchkeyError(message, code, status, fieldErrors);
}
