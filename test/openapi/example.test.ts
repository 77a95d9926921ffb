// examples/openapi: the document at /openapi.json and Swagger UI at /docs, every file of the viewer
// served by the same app (from node_modules), nothing loaded from another origin.
import { expect } from "chai";
import request from "supertest";
import { createOpenApiExample, MOUNT_PATH } from "../../examples/openapi/app.js";
import type { OpenApiDocument, PasswordResetRouter } from "../../lib/index.js";
import { openApiErrors } from "./support.js";

describe("examples/openapi", () => {
  let example: ReturnType<typeof createOpenApiExample>;
  let router: PasswordResetRouter;
  before(() => {
    example = createOpenApiExample();
    router = example.router;
  });
  after(async () => {
    await router.close();
  });

  it("serves the router's document at /openapi.json, valid, with the paths under the mount path", async () => {
    const answer = await request(example.app).get("/openapi.json").expect(200);
    expect(answer.headers["content-type"]).to.match(/^application\/json/);
    const document = answer.body as OpenApiDocument;
    expect(await openApiErrors(document)).to.deep.equal([]);
    expect(Object.keys(document.paths)).to.include.members([
      `${MOUNT_PATH}/forgot`,
      `${MOUNT_PATH}/verify`,
      `${MOUNT_PATH}/reset`,
    ]);
  });

  it("serves the viewer's page, scripts and styles itself, pointed at /openapi.json", async () => {
    const page = await request(example.app).get("/docs/").expect(200);
    expect(page.headers["content-type"]).to.match(/^text\/html/);
    const html = page.text;
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.filter((url) => url.endsWith(".js"))).to.have.length.greaterThan(1);
    expect(assets.filter((url) => url.endsWith(".css"))).to.have.length.greaterThan(0);
    const scripts: string[] = [];
    for (const asset of assets) {
      // Relative URLs only: the browser fetches them from this app, so the viewer works offline.
      expect(asset, asset).to.not.match(/^(?:[a-z]+:)?\/\//i);
      const answer = await request(example.app)
        .get(new URL(asset, "http://example.test/docs/").pathname)
        .expect(200);
      if (asset.endsWith(".js")) {
        expect(answer.headers["content-type"]).to.match(/javascript/);
        scripts.push(answer.text);
      }
    }
    const init = scripts.find((script) => script.includes("SwaggerUIBundle("));
    expect(init, "the script that starts Swagger UI").to.be.a("string");
    expect(init).to.include('"url": "/openapi.json"').and.include('"validatorUrl": null');
  });
});
