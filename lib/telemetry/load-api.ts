/**
 * Loads `@opentelemetry/api`, synchronously, so that a missing peer fails at construction. This is
 * the CommonJS (and TypeScript source) form; the build writes the ESM form of this one file, which
 * makes its `require` with `createRequire(import.meta.url)` (see scripts/build.mjs). Nothing imports
 * the API otherwise: with `advanced.telemetry` off it is never loaded.
 */
import type * as OpenTelemetryApi from "@opentelemetry/api";

/** The `@opentelemetry/api` module, as the app installed it; throws when it is absent. */
export function loadOpenTelemetryApi(): typeof OpenTelemetryApi {
  // A synchronous load, so that a missing peer fails at construction rather than on a request.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@opentelemetry/api") as typeof OpenTelemetryApi;
}
