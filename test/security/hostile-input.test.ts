// Hostile input (guarantee 12) and strict typing: whatever an attacker puts in a body is answered
// with a 400 that names the field, and no adapter (user table, mailer, SMS, token store, hasher)
// ever sees it. Arrays where a string belongs are how GitLab's CVE-2023-7028 mailed a reset link to
// an attacker's address; operator objects are how NoSQL lookups get bypassed; CR/LF become header
// injection in mail and logs; lone surrogates crash or confuse encoders downstream.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import sinon from "sinon";
import request from "supertest";
import type { Response } from "supertest";
import { EXPRESS_VERSIONS, FAST_HASH, type ExpressVersion, type TestApp } from "../helpers/app.js";
import { BASE, newPassword, postRaw } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { expectError, expectFieldError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { listen } from "../helpers/server.js";
import { createSmsApp } from "../helpers/sms-apps.js";
import { SwitchableStore } from "../helpers/switchable-store.js";

type Route = "forgot" | "verify" | "reset";

/** A token of the right shape, so only the hostile field is wrong. */
const WELL_FORMED_TOKEN = `${"A".repeat(22)}.${"B".repeat(43)}`;

/** Every field each route reads, with a body that is valid except for that field. */
const FIELDS: Record<Route, Array<[field: string, body: (value: unknown) => object]>> = {
  forgot: [
    ["email", (v) => ({ email: v })],
    ["mobile", (v) => ({ mobile: v })],
    ["phone", (v) => ({ phone: v })],
    ["username", (v) => ({ username: v })],
    ["identifierType", (v) => ({ identifierType: v, identifierValue: "alice@example.com" })],
    ["identifierValue", (v) => ({ identifierType: "EMAIL", identifierValue: v })],
    ["redirectUrl", (v) => ({ email: "alice@example.com", redirectUrl: v })],
    ["redirect_url", (v) => ({ email: "alice@example.com", redirect_url: v })],
  ],
  verify: [
    ["token", (v) => ({ token: v })],
    ["code", (v) => ({ email: "alice@example.com", code: v })],
    ["email", (v) => ({ email: v, code: "123456" })],
    ["mobile", (v) => ({ mobile: v, code: "123456" })],
  ],
  reset: [
    ["token", (v) => ({ token: v, ...newPassword() })],
    ["resetToken", (v) => ({ resetToken: v, ...newPassword() })],
    ["code", (v) => ({ email: "alice@example.com", code: v, ...newPassword() })],
    ["username", (v) => ({ username: v, code: "123456", ...newPassword() })],
    ["password", (v) => ({ token: WELL_FORMED_TOKEN, password: v, passwordConfirm: GOOD_PASSWORD })],
    ["passwordConfirm", (v) => ({ token: WELL_FORMED_TOKEN, password: GOOD_PASSWORD, passwordConfirm: v })],
    ["confirmPassword", (v) => ({ token: WELL_FORMED_TOKEN, password: GOOD_PASSWORD, confirmPassword: v })],
  ],
};

/** Characters no field may hold, each alone and inside otherwise plausible text. */
const HOSTILE_STRINGS: Array<[label: string, value: string]> = [
  ["CRLF + header", "alice@example.com\r\nBcc: evil@example.net"],
  ["LF", "alice@example.com\nX: y"],
  ["CR", "\ralice@example.com"],
  ["NUL", "alice@example.com\u0000.evil.net"],
  ["ESC", "\u001b[31malice"],
  ["DEL", "alice\u007f"],
  ["NEL (C1)", "alice\u0085@example.com"],
  ["lone high surrogate", "\ud800@example.com"],
  ["lone low surrogate", "alice\udc00"],
];

/** Non-string JSON where a string belongs. */
const WRONG_TYPES: Array<[label: string, value: unknown]> = [
  ["null", null],
  ["0", 0],
  ["1.5", 1.5],
  ["true", true],
  ["false", false],
  ["[]", []],
  ['["a","b"]', ["alice@example.com", "attacker@evil.example"]],
  ["{}", {}],
  ['{"$ne":null}', { $ne: null }],
  ['{"$gt":""}', { $gt: "" }],
  ['{"$regex":".*"}', { $regex: ".*" }],
];

/** Strings far past any field's limit, yet well under the body limit. */
const HUGE: Record<string, string> = {
  email: `${"a".repeat(12_000)}@example.com`,
  mobile: `+1${"5".repeat(12_000)}`,
  phone: `+1${"5".repeat(12_000)}`,
  username: "u".repeat(12_000),
  identifierType: "E".repeat(12_000),
  identifierValue: `${"a".repeat(12_000)}@example.com`,
  redirectUrl: `https://good.example/${"a".repeat(12_000)}`,
  redirect_url: `https://good.example/${"a".repeat(12_000)}`,
  token: "A".repeat(12_000),
  resetToken: "A".repeat(12_000),
  code: "1".repeat(12_000),
  password: "p".repeat(12_000),
  passwordConfirm: "p".repeat(12_000),
  confirmPassword: "p".repeat(12_000),
};

interface Watched {
  t: TestApp;
  store: SwitchableStore;
  hash: sinon.SinonSpy;
  /** Drains background work, then asserts that no adapter was called at all. */
  expectNoAdapterCalls: (context?: string) => Promise<void>;
  close: () => Promise<void>;
}

/** An app accepting every identifier type, with every adapter watched. */
function watchedApp(version: ExpressVersion, options: { hostParsers?: boolean } = {}): Watched {
  const clock = testClock();
  const store = new SwitchableStore(clock.fn);
  const hash = sinon.spy(FAST_HASH);
  const t = createSmsApp(version, {
    identifiers: ["email", "mobile", "username"],
    tokenStore: store,
    now: clock.fn,
    hashPassword: hash,
    allowedRedirectOrigins: ["https://good.example"],
    ...options,
  });
  const spies = [
    sinon.spy(t.users, "findUser"),
    sinon.spy(t.users, "updatePassword"),
    sinon.spy(t.mailer, "sendPasswordReset"),
    sinon.spy(t.mailer, "sendPasswordChanged"),
    sinon.spy(t.sms, "sendPasswordResetCode"),
  ];
  return {
    t,
    store,
    hash,
    async expectNoAdapterCalls(context = "") {
      await t.router.drain();
      for (const spy of spies) expect(spy.callCount, `${spy.toString()} ${context}`).to.equal(0);
      expect(hash.callCount, `hashPassword ${context}`).to.equal(0);
      expect(store.calls, `token store ${context}`).to.deep.equal([]);
    },
    async close() {
      await t.router.close();
      await store.close();
    },
  };
}

function postJsonText(app: TestApp["app"], route: Route, text: string, type = "application/json") {
  return postRaw(app, `${BASE}/${route}`, text, type);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: hostile input (${version.name})`, () => {
    for (const route of ["forgot", "verify", "reset"] as const) {
      for (const [field, body] of FIELDS[route]) {
        it(`${route}: control characters and lone surrogates in \`${field}\` → 400 naming it, no adapter called`, async () => {
          const w = watchedApp(version);
          for (const [label, value] of HOSTILE_STRINGS) {
            // JSON.stringify escapes lone surrogates as \ud800, so the server parses exactly them.
            const res = await postJsonText(w.t.app, route, JSON.stringify(body(value)));
            expectFieldError(res, field);
            await w.expectNoAdapterCalls(`${label} in ${field}`);
          }
          await w.close();
        });

        it(`${route}: \`${field}\` as null, number, boolean, array, object or operator → 400 naming it, no adapter called`, async () => {
          const w = watchedApp(version);
          for (const [label, value] of WRONG_TYPES) {
            const res = await postJsonText(w.t.app, route, JSON.stringify(body(value)));
            expectFieldError(res, field);
            await w.expectNoAdapterCalls(`${field} = ${label}`);
          }
          await w.close();
        });

        it(`${route}: a 12,000-character \`${field}\` → 400 naming it, no adapter called`, async () => {
          const w = watchedApp(version);
          const res = await postJsonText(w.t.app, route, JSON.stringify(body(HUGE[field])));
          expectFieldError(res, field);
          await w.expectNoAdapterCalls();
          await w.close();
        });
      }

      it(`${route}: a hostile value in a field the route does not read is refused too`, async () => {
        const w = watchedApp(version);
        const valid = (FIELDS[route][0] as [string, (v: unknown) => object])[1](
          route === "forgot" ? "alice@example.com" : WELL_FORMED_TOKEN,
        );
        for (const [label, value] of HOSTILE_STRINGS) {
          expectFieldError(
            await postJsonText(w.t.app, route, JSON.stringify({ ...valid, note: value })),
            "note",
          );
          await w.expectNoAdapterCalls(label);
        }
        await w.close();
      });

      it(`${route}: prototype keys anywhere in the body → 400 naming them, no adapter, no pollution`, async () => {
        const w = watchedApp(version);
        const cases: Array<[text: string, field: string]> = [
          ['{"__proto__":{"polluted":1},"email":"alice@example.com"}', "__proto__"],
          ['{"email":"alice@example.com","__proto__":{"isAdmin":true}}', "__proto__"],
          ['{"constructor":{"prototype":{"polluted":1}},"email":"alice@example.com"}', "constructor"],
          ['{"prototype":{"polluted":1},"email":"alice@example.com"}', "prototype"],
          ['{"email":"alice@example.com","meta":{"__proto__":{"polluted":1}}}', "meta.__proto__"],
          [
            '{"email":"alice@example.com","meta":{"constructor":{"prototype":{"polluted":1}}}}',
            "meta.constructor",
          ],
        ];
        for (const [text, field] of cases) {
          const res = await postJsonText(w.t.app, route, text);
          expectFieldError(res, field);
          await w.expectNoAdapterCalls(text);
        }
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
        expect(({} as Record<string, unknown>).isAdmin).to.equal(undefined);
        await w.close();
      });

      it(`${route}: a body that is not a JSON object → 400 naming the body`, async () => {
        const w = watchedApp(version);
        for (const text of [
          "null",
          "123",
          "true",
          '"alice@example.com"',
          "[]",
          '[{"email":"alice@example.com"}]',
        ]) {
          expectFieldError(await postJsonText(w.t.app, route, text), "body");
        }
        await w.expectNoAdapterCalls();
        await w.close();
      });

      it(`${route}: malformed JSON or bytes that are not UTF-8 → 400 naming the body`, async () => {
        const w = watchedApp(version);
        const bodies: Array<string | Buffer> = [
          '{"email":',
          "{'email':'alice@example.com'}",
          '{"email":"alice@example.com",}',
          "NaN",
          '{"email":"alice@example.com"}garbage',
          Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"e":"\xff\xfe"}
        ];
        for (const body of bodies) {
          expectFieldError(await postRaw(w.t.app, `${BASE}/${route}`, body, "application/json"), "body");
        }
        await w.expectNoAdapterCalls();
        await w.close();
      });

      it(`${route}: bodies over 16 kB → 413 PAYLOAD_TOO_LARGE (JSON, text/plain and forms)`, async () => {
        const w = watchedApp(version);
        const pad = "x".repeat(17 * 1024);
        expectError(
          await postJsonText(w.t.app, route, JSON.stringify({ email: "alice@example.com", pad })),
          "PAYLOAD_TOO_LARGE",
        );
        expectError(
          await postJsonText(w.t.app, route, JSON.stringify({ pad }), "text/plain"),
          "PAYLOAD_TOO_LARGE",
        );
        expectError(
          await postJsonText(
            w.t.app,
            route,
            `email=alice%40example.com&pad=${pad}`,
            "application/x-www-form-urlencoded",
          ),
          "PAYLOAD_TOO_LARGE",
        );
        await w.expectNoAdapterCalls();
        await w.close();
      });

      it(`${route}: other content types, charsets and encodings → 415 UNSUPPORTED_MEDIA_TYPE`, async () => {
        const w = watchedApp(version);
        const json = JSON.stringify({
          email: "alice@example.com",
          token: WELL_FORMED_TOKEN,
          ...newPassword(),
        });
        for (const type of [
          "text/html",
          "application/xml",
          "multipart/form-data; boundary=xyz",
          "application/octet-stream",
          "image/png",
          "application/json; charset=utf-16",
          "application/json; charset=iso-8859-1",
          "text/plain; charset=latin1",
          "not a media type",
        ]) {
          const res = await postJsonText(w.t.app, route, json, type);
          expect(res.status, type).to.equal(415);
          expectError(res, "UNSUPPORTED_MEDIA_TYPE");
        }
        const gzip = await request(w.t.app)
          .post(`${BASE}/${route}`)
          .set("Content-Type", "application/json")
          .set("Content-Encoding", "gzip")
          .send(json);
        expectError(gzip, "UNSUPPORTED_MEDIA_TYPE");
        await w.expectNoAdapterCalls();
        await w.close();
      });
    }

    describe("forms", () => {
      const form = (app: TestApp["app"], route: Route, text: string) =>
        postJsonText(app, route, text, "application/x-www-form-urlencoded");

      it("`email[]=a&email[]=b` and `user[email][]=…` (CVE-2023-7028 shapes) → 400, nothing mailed", async () => {
        const w = watchedApp(version);
        expectFieldError(
          await form(w.t.app, "forgot", "email[]=alice%40example.com&email[]=attacker%40evil.example"),
          "email[]",
        );
        expectFieldError(
          await form(
            w.t.app,
            "forgot",
            "user[email][]=alice%40example.com&user[email][]=attacker%40evil.example",
          ),
          "user[email][]",
        );
        expectFieldError(await form(w.t.app, "forgot", "email[$ne]=x"), "email[$ne]");
        await w.expectNoAdapterCalls();
        await w.close();
      });

      it("a field sent twice (`email=a&email=b`, `password=a&password=b`) → 400 naming it", async () => {
        const w = watchedApp(version);
        expectFieldError(
          await form(w.t.app, "forgot", "email=alice%40example.com&email=attacker%40evil.example"),
          "email",
        );
        expectFieldError(
          await form(
            w.t.app,
            "reset",
            `token=${WELL_FORMED_TOKEN}&password=a-long-password&password=b-long-password&passwordConfirm=x`,
          ),
          "password",
        );
        await w.expectNoAdapterCalls();
        await w.close();
      });

      it("prototype keys and percent-encoded CR/LF/NUL in forms → 400", async () => {
        const w = watchedApp(version);
        expectFieldError(await form(w.t.app, "forgot", "__proto__=x&email=alice%40example.com"), "__proto__");
        expectFieldError(
          await form(w.t.app, "forgot", "constructor=x&email=alice%40example.com"),
          "constructor",
        );
        expectFieldError(
          await form(w.t.app, "forgot", "email=alice%40example.com%0D%0ABcc%3A%20evil%40x.example"),
          "email",
        );
        expectFieldError(await form(w.t.app, "forgot", "email=alice%40example.com%00"), "email");
        expectFieldError(
          await form(
            w.t.app,
            "reset",
            `token=${WELL_FORMED_TOKEN}&password=pass%0Aword-long&passwordConfirm=x`,
          ),
          "password",
        );
        await w.expectNoAdapterCalls();
        await w.close();
      });
    });

    describe("with the host app's own express.json() in front", () => {
      it("prototype keys, arrays and operators are still refused before any adapter", async () => {
        const w = watchedApp(version, { hostParsers: true });
        expectFieldError(
          await postJsonText(w.t.app, "forgot", '{"__proto__":{"x":1},"email":"alice@example.com"}'),
          "__proto__",
        );
        expectFieldError(
          await postJsonText(w.t.app, "forgot", '{"email":["alice@example.com","attacker@evil.example"]}'),
          "email",
        );
        expectFieldError(await postJsonText(w.t.app, "forgot", '{"email":{"$ne":null}}'), "email");
        expectFieldError(
          await postJsonText(w.t.app, "forgot", '{"email":"alice@example.com\\r\\nBcc: x@evil.example"}'),
          "email",
        );
        await w.expectNoAdapterCalls();
        await w.close();
      });
    });

    it("a body over the limit sent chunked (no Content-Length) → 413", async () => {
      const w = watchedApp(version);
      const { server, close } = await listen(w.t.app);
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port: (server.address() as AddressInfo).port,
            method: "POST",
            path: `${BASE}/forgot`,
            headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
          },
          (answer) => {
            let text = "";
            answer.setEncoding("utf8");
            answer.on("data", (chunk: string) => (text += chunk));
            answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body: text }));
          },
        );
        req.on("error", reject);
        req.write('{"email":"alice@example.com","pad":"');
        for (let i = 0; i < 40; i++) req.write("x".repeat(1024));
        req.end('"}');
      });
      expect(res.status).to.equal(413);
      expect(JSON.parse(res.body).error.type).to.equal("PAYLOAD_TOO_LARGE");
      await w.expectNoAdapterCalls();
      await close();
      await w.close();
    });

    describe("prototype names as plain values are just values", () => {
      for (const value of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]) {
        it(`username "${value}" is an unknown username: 200, looked up as typed, nothing sent`, async () => {
          const w = watchedApp(version);
          for (const body of [{ username: value }, { identifierType: "USERNAME", identifierValue: value }]) {
            const res: Response = await postJsonText(w.t.app, "forgot", JSON.stringify(body));
            expect(res.status, res.text).to.equal(200);
            expect(res.body).to.deep.equal({ success: true, data: {} });
          }
          await w.t.router.drain();
          expect(w.t.users.lookups).to.deep.equal([
            { type: "username", value: value.toLowerCase() },
            { type: "username", value: value.toLowerCase() },
          ]);
          expect(w.t.mailer.resets).to.deep.equal([]);
          expect(w.t.events.filter((e) => e.type === "forgot.unknown_user")).to.have.length(2);
          await w.close();
        });
      }
    });
  });
}
