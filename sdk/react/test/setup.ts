import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Testing Library unmounts after each test by itself only with Vitest's globals on; say it here.
afterEach(cleanup);

// find* and waitFor wait for a state, not for a speed: give a loaded (shared, 2-core) machine room.
configure({ asyncUtilTimeout: 5000 });
