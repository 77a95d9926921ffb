// SuperTokens' own frontend SDK (`supertokens-web-js`) against this package, over a real loopback
// server: it asks for a reset email, submits the new password with the token it reads from the
// page's address, and gets SuperTokens' own statuses for a replayed token and a weak password.
// The SDK is written for browsers: it runs here on a small `window` (location and storage), set up
// before it loads and taken away after, so no other test sees it.
import { expect } from "chai";
import { createRequire } from "node:module";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type SuperTokensModule from "supertokens-web-js";
import type EmailPasswordModule from "supertokens-web-js/recipe/emailpassword";
import { createApp, MOUNT } from "../../../examples/migrations/supertokens.js";
import { CapturingMailer } from "../../../lib/testing/index.js";
import { EXPRESS_VERSIONS, FAST_HASH } from "../../../test/helpers/app.js";
import { FakeUsers } from "../../../test/helpers/users.js";

const WEBSITE = "https://app.example.com";
const PASSWORD = "correct horse battery";

type EmailPasswordApi = typeof EmailPasswordModule;

/** The part of the Web Storage interface the SDK uses. */
interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
  key(index: number): string | null;
  readonly length: number;
}

/** In-memory Web Storage, enough for the SDK's bookkeeping. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe("migration: SuperTokens' frontend SDK, unchanged", () => {
  const globals = globalThis as unknown as Record<string, unknown>;
  const location = new URL(`${WEBSITE}/auth/reset-password`);
  let server: Server;
  let current: RequestListener = (_req, res) => void res.end();
  let EmailPassword: EmailPasswordApi;

  before(async () => {
    globals.window = {
      location,
      localStorage: memoryStorage(),
      sessionStorage: memoryStorage(),
      history: { replaceState() {}, pushState() {} },
      document: { cookie: "" },
    };
    globals.localStorage = (globals.window as { localStorage: Storage }).localStorage;
    // One loopback server for the SDK (whose API domain is set once), answered by each test's app.
    server = createServer((req, res) => current(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    // Loaded only now, once `window` exists (the package is CommonJS, with directory entry points).
    const load = createRequire(__filename);
    const SuperTokens = (load("supertokens-web-js") as { default: typeof SuperTokensModule }).default;
    EmailPassword = (load("supertokens-web-js/recipe/emailpassword") as { default: EmailPasswordApi })
      .default;
    SuperTokens.init({
      appInfo: { apiDomain: `http://127.0.0.1:${port}`, apiBasePath: MOUNT, appName: "Acme" },
      recipeList: [EmailPassword.init()],
    });
  });
  after(async () => {
    delete globals.window;
    delete globals.localStorage;
    await new Promise((resolve) => server.close(resolve));
  });

  for (const version of EXPRESS_VERSIONS) {
    describe(version.name, () => {
      let users: FakeUsers;
      let mailer: CapturingMailer;
      let drain: () => Promise<void>;
      let close: () => Promise<void>;

      beforeEach(() => {
        users = new FakeUsers();
        mailer = new CapturingMailer();
        const { app, router } = createApp(
          {
            users,
            mailer,
            websiteDomain: WEBSITE,
            hashPassword: FAST_HASH,
            logger: { warn() {}, error() {} },
          },
          version.create(),
        );
        current = app as unknown as RequestListener;
        drain = () => router.drain();
        close = () => router.close();
      });
      afterEach(() => close());

      /** Opens the mailed link: the SDK reads `?token=` from the page's address. */
      const openMailedLink = async (): Promise<void> => {
        await drain();
        const link = new URL(mailer.last!.link!);
        expect(link.origin + link.pathname).to.equal(`${WEBSITE}/auth/reset-password`);
        location.href = link.href;
      };

      it("sendPasswordResetEmail, then submitNewPassword: status OK, and the password changed", async () => {
        const sent = await EmailPassword.sendPasswordResetEmail({
          formFields: [{ id: "email", value: "alice@example.com" }],
        });
        expect(sent.status).to.equal("OK");
        const unknown = await EmailPassword.sendPasswordResetEmail({
          formFields: [{ id: "email", value: "nobody@example.com" }],
        });
        expect(unknown.status).to.equal("OK");

        await openMailedLink();
        const done = await EmailPassword.submitNewPassword({
          formFields: [{ id: "password", value: PASSWORD }],
        });
        expect(done.status).to.equal("OK");
        expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));

        // Replayed: SuperTokens' own status for a used token; the password stays as set.
        const replay = await EmailPassword.submitNewPassword({
          formFields: [{ id: "password", value: "another good passphrase" }],
        });
        expect(replay.status).to.equal("RESET_PASSWORD_INVALID_TOKEN_ERROR");
        expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));
      });

      it("a weak password is a FIELD_ERROR on the password field, and the token still works", async () => {
        await EmailPassword.sendPasswordResetEmail({
          formFields: [{ id: "email", value: "bob@example.com" }],
        });
        await openMailedLink();
        const weak = await EmailPassword.submitNewPassword({
          formFields: [{ id: "password", value: "short" }],
        });
        expect(weak.status).to.equal("FIELD_ERROR");
        if (weak.status !== "FIELD_ERROR") return;
        expect(weak.formFields.map((field) => field.id)).to.deep.equal(["password"]);
        expect(users.hashOf("u2")).to.equal("old");
        const done = await EmailPassword.submitNewPassword({
          formFields: [{ id: "password", value: PASSWORD }],
        });
        expect(done.status).to.equal("OK");
      });

      it("an invalid email is a FIELD_ERROR on the email field, and nothing is sent", async () => {
        const bad = await EmailPassword.sendPasswordResetEmail({
          formFields: [{ id: "email", value: "not an email" }],
        });
        expect(bad.status).to.equal("FIELD_ERROR");
        await drain();
        expect(mailer.resets).to.deep.equal([]);
      });
    });
  }
});
