// The single-page-app example: the app on http://localhost:5173 calls the JSON API on
// http://localhost:3000 across origins, through cors() mounted before the router.
//
//   npx tsx examples/spa/server.ts        # API_PORT and SPA_PORT change the ports
import { startSpaExample } from "./start.js";

startSpaExample({
  apiPort: Number(process.env.API_PORT ?? 3000),
  spaPort: Number(process.env.SPA_PORT ?? 5173),
}).then(
  ({ spaOrigin, apiBase }) => {
    console.log(`single-page app: open ${spaOrigin} in a browser and ask for demo@example.com`);
    console.log(`its API: ${apiBase} (cors() allows ${spaOrigin} only)`);
    console.log("the reset link is printed here; it opens the app's reset view");
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
