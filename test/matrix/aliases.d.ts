// Types for the peer-version aliases that ship none of their own (package.json `*-min`): each is
// typed as the package it aliases, which is what the tests call them through. ioredis, redis and
// mysql2 ship their own types, so their aliases need no line here.
// `import x = require()` is the one way to re-export an `export =` module's types under a new name.
/* eslint-disable @typescript-eslint/no-require-imports */
declare module "express-min" {
  import express = require("express4");
  export = express;
}

declare module "pg-min" {
  import pg = require("pg");
  export = pg;
}

declare module "nodemailer-min" {
  import nodemailer = require("nodemailer");
  export = nodemailer;
}
