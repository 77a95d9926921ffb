"use strict";
// One bcrypt hash, run by piscina in a worker thread. `hashSync` is right here: blocking a worker
// blocks nobody. Plain CommonJS (not compiled) so the ESM and CommonJS builds share one file.
const { hashSync } = require("bcryptjs");

module.exports = function hash({ plain, rounds }) {
  return hashSync(plain, rounds);
};
