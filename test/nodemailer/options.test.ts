// Mistakes in the mailer's options fail at construction with a message naming the option; the
// caller's options object is never changed.
import { expect } from "chai";
import { createNodemailerMailer, type NodemailerMailerOptions } from "../../lib/nodemailer.js";

const transport = { sendMail: async () => ({}) };

function construct(options: unknown): () => unknown {
  return () => createNodemailerMailer(options as NodemailerMailerOptions);
}

describe("nodemailer mailer: options", () => {
  const bad: [string, unknown, RegExp][] = [
    ["no options", undefined, /options are required/],
    ["no transport", { from: "a@b.test" }, /`transport\.sendMail` must be a function/],
    ["a transport without sendMail", { transport: {}, from: "a@b.test" }, /`transport\.sendMail`/],
    ["no from", { transport }, /`from` is required/],
    [
      "a from with CRLF",
      { transport, from: "Acme <a@b.test>\r\nBcc: evil@x.test" },
      /`from` must be .*line breaks/,
    ],
    [
      "a from display name with CRLF",
      { transport, from: { name: "Acme\r\nBcc: evil@x.test", address: "a@b.test" } },
      /`from\.name` must be/,
    ],
    [
      "a from address with LF",
      { transport, from: { name: "Acme", address: "a@b.test\n" } },
      /`from\.address`/,
    ],
    ["an unknown key", { transport, from: "a@b.test", retries: 3 }, /unknown option `retries`/],
    [
      "attempts 0",
      { transport, from: "a@b.test", retry: { attempts: 0 } },
      /`retry\.attempts` must be an integer from 1/,
    ],
    ["attempts 11", { transport, from: "a@b.test", retry: { attempts: 11 } }, /`retry\.attempts`.* to 10/],
    ["attempts 1.5", { transport, from: "a@b.test", retry: { attempts: 1.5 } }, /`retry\.attempts`/],
    ["a negative delay", { transport, from: "a@b.test", retry: { baseDelayMs: -1 } }, /`retry\.baseDelayMs`/],
    [
      "an unknown retry key",
      { transport, from: "a@b.test", retry: { max: 3 } },
      /unknown option `retry\.max`/,
    ],
    ["a misspelt template", { transport, from: "a@b.test", templates: { rest: {} } }, /`templates\.rest`/],
    [
      "a template that is not a function",
      { transport, from: "a@b.test", templates: { reset: { subject: "Hi" } } },
      /`templates\.reset\.subject` must be a function/,
    ],
    ["a bad lang", { transport, from: "a@b.test", lang: 'en" onload="x' }, /`lang` must be a language tag/],
    [
      "a misspelt mail string",
      { transport, from: "a@b.test", messages: { de: { linkButon: "Los" } } },
      /`messages\["de"\]\.linkButon` is not a mail string.*Did you mean `linkButton`\?/,
    ],
    [
      "a mail string that is not a string",
      { transport, from: "a@b.test", messages: { fr: { linkButton: 1 } } },
      /`messages\["fr"\]\.linkButton` must be a string/,
    ],
    [
      "messages under no language tag",
      { transport, from: "a@b.test", messages: { "not a tag!": {} } },
      /BCP 47/,
    ],
    [
      "a brand colour that is no hex colour",
      { transport, from: "a@b.test", brandColor: "red;}body{x" },
      /`brandColor` must be a hex colour/,
    ],
    [
      "a logo that is no image",
      { transport, from: "a@b.test", logo: { body: Buffer.from("hello") } },
      /`logo` must be a PNG, JPEG or GIF/,
    ],
    [
      "an SVG logo, which mail clients do not show",
      {
        transport,
        from: "a@b.test",
        logo: { body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>') },
      },
      /got image\/svg\+xml, which several mail clients do not show.*PNG/,
    ],
    [
      "an unreadable logo file",
      { transport, from: "a@b.test", logo: { file: "no/such/logo.png" } },
      /`logo\.file` could not be read/,
    ],
  ];
  for (const [what, options, message] of bad) {
    it(`refuses ${what}`, () => {
      expect(construct(options)).to.throw(TypeError, message);
    });
  }

  it("accepts a nodemailer-like transport and both forms of from, and leaves the options untouched", () => {
    const options = {
      transport,
      from: { name: "Acme", address: "no-reply@acme.test" },
      appName: "Acme",
      templates: { reset: { subject: () => "Hi" } },
      retry: { attempts: 3 },
    };
    const copy = structuredClone({ ...options, transport: undefined, templates: undefined });
    const mailer = createNodemailerMailer(options);
    expect(mailer.sendPasswordReset).to.be.a("function");
    expect(mailer.sendPasswordChanged).to.be.a("function");
    expect({ ...options, transport: undefined, templates: undefined }).to.deep.equal(copy);
    expect(Object.keys(options.templates.reset)).to.deep.equal(["subject"]);
    expect(() => createNodemailerMailer({ transport, from: "Acme <no-reply@acme.test>" })).not.to.throw();
  });
});
