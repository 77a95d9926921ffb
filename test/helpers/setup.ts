// Runs before every test file: any unhandled rejection fails the run instead of passing unnoticed.
process.on("unhandledRejection", (reason) => {
  throw reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`);
});
