// The quick-start server (`npm run example`): the demo app of `app.ts` on 127.0.0.1 only, since a
// demo has no business on the network. Open the printed address, ask for demo@example.com, then
// open the link the console prints.
import { createDemoApp } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
const { app, forgotPage } = createDemoApp({ port });

app.listen(port, "127.0.0.1", () => {
  console.log(`express-password-reset demo: open ${forgotPage} in a browser`);
  console.log("ask for demo@example.com, then open the reset link printed here");
  console.log(
    `(the JSON API answers too: curl -X POST ${forgotPage} -H 'Content-Type: application/json' -d '{"email":"demo@example.com"}')`,
  );
});
