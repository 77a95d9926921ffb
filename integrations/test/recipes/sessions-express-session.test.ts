// integrations/examples/recipes/sessions/express-session.ts: a reset signs the user out of every session
// (express-session on connect-redis), against the real Redis and PostgreSQL.
import { expect } from "chai";
import { createClient } from "redis";
import request from "supertest";
import { CapturingMailer } from "../../../lib/testing/index.js";
import { createSessionApp, type RedisClient } from "../../examples/recipes/sessions/express-session.js";
import { requestLink, reset } from "../../../test/helpers/client.js";
import { requireService, services, uniqueName } from "../../../test/helpers/services.js";
import {
  BOB,
  NEW_PASSWORD,
  OLD_PASSWORD,
  addUser,
  createUsersTable,
  type UsersTable,
} from "../../../test/recipes/support.js";

const ALICE = { email: "alice@example.com", username: "alice", name: "Alice" };

describe("sessions recipe: express-session + connect-redis", function () {
  let table: UsersTable | undefined;
  let redis: RedisClient | undefined;
  let prefix = "";

  before(async function () {
    await requireService(this, "postgres");
    await requireService(this, "redis");
  });

  beforeEach(async () => {
    table = await createUsersTable();
    redis = createClient({ url: services.redis.url });
    await redis.connect();
    prefix = `${uniqueName("recipes")}:`;
  });

  afterEach(async () => {
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(keys);
      await redis.close();
    }
    await table?.drop();
    redis = undefined;
    table = undefined;
  });

  it("destroys both of Bob's sessions when he resets his password, and leaves Alice's alone", async () => {
    await addUser(table!.pool, BOB);
    await addUser(table!.pool, ALICE);
    const mailer = new CapturingMailer();
    const { app, router } = createSessionApp({
      pool: table!.pool,
      redis: redis!,
      prefix,
      sessionSecret: "a session secret for the test",
      mailer,
      resetUrl: "https://app.example.com/reset",
      bcryptRounds: 4,
    });
    try {
      const laptop = request.agent(app);
      const phone = request.agent(app);
      const alice = request.agent(app);
      const login = (agent: ReturnType<typeof request.agent>, email: string, password: string) =>
        agent.post("/login").send({ email, password });
      expect((await login(laptop, "bob.smith@example.com", OLD_PASSWORD)).status).to.equal(204);
      expect((await login(phone, "Bob.Smith@Example.COM", OLD_PASSWORD)).status).to.equal(204);
      expect((await login(alice, "alice@example.com", OLD_PASSWORD)).status).to.equal(204);
      expect((await laptop.get("/me")).status).to.equal(200);
      expect((await phone.get("/me")).status).to.equal(200);
      expect(await redis!.keys(`${prefix}sess:*`)).to.have.length(3);

      const token = await requestLink({ app, router, mailer }, "bob.smith@example.com");
      const res = await reset({ app, router }, { token }, NEW_PASSWORD);
      expect(res.status).to.equal(200);

      expect((await laptop.get("/me")).status).to.equal(401);
      expect((await phone.get("/me")).status).to.equal(401);
      expect((await alice.get("/me")).status, "another user's session survives").to.equal(200);
      expect(await redis!.keys(`${prefix}sess:*`), "only Alice's session is left in Redis").to.have.length(1);

      expect((await login(laptop, "bob.smith@example.com", OLD_PASSWORD)).status).to.equal(401);
      expect((await login(laptop, "bob.smith@example.com", NEW_PASSWORD)).status).to.equal(204);
      expect((await laptop.get("/me")).status).to.equal(200);
    } finally {
      await router.close();
    }
  });
});
