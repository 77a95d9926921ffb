// The OpenAPI example: a router whose document is served at /openapi.json, and Swagger UI at /docs
// reading it. Swagger UI's files come from node_modules (swagger-ui-express serves swagger-ui-dist),
// so the viewer works offline and loads nothing from another origin.
import express, { type Express } from "express";
import swaggerUi from "swagger-ui-express";
import { ConsoleMailer, createPasswordResetRouter, type PasswordResetRouter } from "../../lib/index.js";

/** The mount path of the router; the document's paths start with it. */
export const MOUNT_PATH = "/auth/password";

/** The example app and its router (close it when done). */
export function createOpenApiExample(publicOrigin = "http://localhost:3000"): {
  app: Express;
  router: PasswordResetRouter;
} {
  const router = createPasswordResetRouter({
    // A stand-in user table: nobody exists, every reset request answers the same anyway.
    users: { findUser: async () => null, updatePassword: async () => {} },
    mailer: new ConsoleMailer(),
    appName: "OpenAPI demo",
    resetUrl: `${publicOrigin}${MOUNT_PATH}/reset`,
    pages: true,
  });
  // Built once: the document depends on the configuration only, never on a request.
  const document = router.openapi({ mountPath: MOUNT_PATH, title: "OpenAPI demo: password reset" });

  const app = express();
  app.use(MOUNT_PATH, router);
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use(
    "/docs",
    swaggerUi.serve,
    // `validatorUrl: null`: Swagger UI would otherwise send the document to an online validator.
    swaggerUi.setup(undefined, { swaggerOptions: { url: "/openapi.json", validatorUrl: null } }),
  );
  return { app, router };
}
