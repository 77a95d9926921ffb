// examples/seeds/run.ts, run as a user runs it: each seed's demo server starts, answers the seed's
// first request with 200, and prints the link or code it sent.
import path from "node:path";
import { expect } from "chai";
import { startExample, type ExampleProcess } from "../helpers/example-process.js";

const RUN = path.resolve(__dirname, "../../examples/seeds/run.ts");
const JSON_TYPE = { "Content-Type": "application/json" };

// The first request of each seed, with the demo credentials run.ts configures.
const FIRST: Record<string, { path: string; headers: Record<string, string>; body: unknown }> = {
  "000": {
    path: "/forget-password",
    headers: { "Content-Type": "text/plain", Authorization: "Bearer demo-access-token" },
    body: { email: "user@example.com" },
  },
  "001": {
    path: "/password/generate",
    headers: JSON_TYPE,
    body: {
      identifierType: "MOBILE",
      identifierValue: "919999922332",
      brand: "DocDemo",
      deviceId: "123456785",
    },
  },
  "002": {
    path: "/forgotpass",
    headers: { ...JSON_TYPE, Origin: "http://localhost:3000", client_id: "pSpisBrYn4yIP1vGILcdZ" },
    body: { email: "user@example.com" },
  },
  "003": {
    path: "/forgotpassword",
    headers: { ...JSON_TYPE, Authorization: "Bearer demo-api-key" },
    body: { email: "jsmith@example.com", redirect_url: "http://localhost:3000/" },
  },
  "004": { path: "/ForgotPassword", headers: JSON_TYPE, body: { email: "user@example.com" } },
};

/** Starts `run.ts <seed>` as a user would. */
function start(seed: string): ExampleProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", NODE_ENV: "development" };
  delete env.RESET_SECRET;
  return startExample(RUN, [seed], env);
}

describe("examples/seeds/run.ts", () => {
  let server: ExampleProcess | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  for (const [seed, first] of Object.entries(FIRST)) {
    it(`serves seed ${seed}: 200 to its first request, and prints what it sent`, async () => {
      server = start(seed);
      const [, base] = await server.printed(/listening on (http:\/\/localhost:\d+\/\S*)/);
      const res = await fetch(`${base}${first.path}`, {
        method: "POST",
        headers: first.headers,
        body: JSON.stringify(first.body),
      });
      expect(res.status, await res.text()).to.equal(200);
      await server.printed(/\[password reset( sms)?\] to \S+, (link|code): \S+/);
    });
  }
});
