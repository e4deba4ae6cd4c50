export { Latchkey } from "./client.js";
export type { LatchkeyOptions, PopupWindow } from "./client.js";
export { LatchkeyError } from "./errors.js";
export type * from "./types.js";
