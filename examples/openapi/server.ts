// Run: npx tsx examples/openapi/server.ts, then open http://localhost:3000/docs
import { createOpenApiExample } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
const { app } = createOpenApiExample(`http://localhost:${port}`);
app.listen(port, "127.0.0.1", () => {
  console.log(`OpenAPI document: http://localhost:${port}/openapi.json`);
  console.log(`API reference (Swagger UI, offline): http://localhost:${port}/docs`);
});
