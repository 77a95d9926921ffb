// examples/recipes/sessions/jwt.ts: after a reset, JWTs issued before it are refused, against the
// real PostgreSQL.
import { expect } from "chai";
import request from "supertest";
import { CapturingMailer } from "../../lib/testing/index.js";
import { TOKEN_VERSION_SQL, createJwtApp } from "../../examples/recipes/sessions/jwt.js";
import { requestLink, reset } from "../helpers/client.js";
import { requireService } from "../helpers/services.js";
import { BOB, NEW_PASSWORD, OLD_PASSWORD, addUser, createUsersTable, type UsersTable } from "./support.js";

const ALICE = { email: "alice@example.com", username: "alice", name: "Alice" };

describe("sessions recipe: JWT with a token_version column", function () {
  let table: UsersTable | undefined;

  before(async function () {
    await requireService(this, "postgres");
  });

  beforeEach(async () => {
    table = await createUsersTable();
    await table.pool.query(TOKEN_VERSION_SQL);
  });

  afterEach(async () => {
    await table?.drop();
    table = undefined;
  });

  it("refuses Bob's old JWTs after his reset, accepts the one the reset answers with, and leaves Alice's alone", async () => {
    const bobId = await addUser(table!.pool, BOB);
    await addUser(table!.pool, ALICE);
    const mailer = new CapturingMailer();
    const { app, router } = createJwtApp({
      pool: table!.pool,
      jwtSecret: "a jwt secret for the test",
      mailer,
      resetUrl: "https://app.example.com/reset",
      bcryptRounds: 4,
    });
    try {
      const login = async (email: string, password: string): Promise<string> => {
        const res = await request(app).post("/login").send({ email, password });
        expect(res.status).to.equal(200);
        return res.body.accessToken as string;
      };
      const me = (token: string) => request(app).get("/me").set("Authorization", `Bearer ${token}`);
      const laptop = await login("bob.smith@example.com", OLD_PASSWORD);
      const phone = await login("Bob.Smith@Example.COM", OLD_PASSWORD);
      const alice = await login("alice@example.com", OLD_PASSWORD);
      expect((await me(laptop)).status).to.equal(200);
      expect((await me(phone)).status).to.equal(200);

      const token = await requestLink({ app, router, mailer }, "bob.smith@example.com");
      const res = await reset({ app, router }, { token }, NEW_PASSWORD);
      expect(res.status).to.equal(200);

      expect((await me(laptop)).status, "a JWT from before the reset").to.equal(401);
      expect((await me(phone)).status, "a JWT from before the reset").to.equal(401);
      expect((await me(alice)).status, "another user's JWT").to.equal(200);
      const fresh = res.body.data.accessToken as string;
      expect((await me(fresh)).status, "the token afterReset answered with").to.equal(200);
      expect((await me(fresh)).body).to.deep.equal({ userId: bobId });
      expect(
        (await request(app).post("/login").send({ email: BOB.email, password: OLD_PASSWORD })).status,
      ).to.equal(401);
    } finally {
      await router.close();
    }
  });
});
