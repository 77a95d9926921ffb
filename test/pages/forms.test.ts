import { expect } from "chai";
import { classifyIdentifier, formToFlowRequest, pageErrorsFor } from "../../lib/pages/forms.js";
import { relativeHref } from "../../lib/pages/render/href.js";
import { renderPage } from "../../lib/pages/render/index.js";
import { pageContext } from "./context.js";

const limits = { minLength: 8, maxLength: 72 };

describe("pages: forms", () => {
  it('labels the identifier field for the accepted types (the contract\'s "Email")', () => {
    const label = (types: Parameters<typeof renderPage>[0] & { name: "forgot" }) =>
      /<label for="field-identifier">([^<]*)<\/label>/.exec(
        renderPage(types, pageContext({ pagePath: "/forgot" })),
      )?.[1];
    expect(label({ name: "forgot", identifierTypes: ["email"] })).to.equal("Email");
    expect(label({ name: "forgot", identifierTypes: ["mobile"] })).to.equal("Mobile number");
    expect(label({ name: "forgot", identifierTypes: ["email", "username"] })).to.equal("Email or username");
    expect(label({ name: "forgot", identifierTypes: ["email", "mobile", "username"] })).to.equal(
      "Email, mobile number or username",
    );
  });

  it("gives password managers and phones the right hints", () => {
    const reset = renderPage({ name: "reset", minLength: 10 }, pageContext());
    expect(reset.match(/autocomplete="new-password"/g)).to.have.length(2);
    expect(reset).to.include('<label for="field-password">New password</label>');
    expect(reset).to.include('<label for="field-passwordConfirm">Confirm new password</label>');
    expect(reset).to.include("At least 10 characters.");
    const code = renderPage({ name: "code", identifierTypes: ["mobile"], minLength: 8 }, pageContext());
    expect(code).to.match(/name="code" type="text" autocomplete="one-time-code" inputmode="numeric"/);
    expect(code).to.include('type="tel" autocomplete="tel"');
  });

  it("posts every form to its own page with a hidden CSRF token, JavaScript-free", () => {
    for (const html of [
      renderPage(
        { name: "forgot", identifierTypes: ["email"] },
        pageContext({ pagePath: "/forgot", csrfToken: "T1" }),
      ),
      renderPage({ name: "reset", minLength: 8 }, pageContext({ csrfToken: "T1" })),
      renderPage(
        { name: "code", identifierTypes: ["email"], minLength: 8 },
        pageContext({ csrfToken: "T1" }),
      ),
    ]) {
      expect(html).to.match(/<form method="post" action="(forgot|reset)" novalidate>/);
      expect(html).to.match(/<input type="hidden" name="csrf" value="T1" ?\/?>/);
      expect(html).not.to.match(/<script|style=| on\w+=/);
    }
  });

  it("ties each error to its field, summarises them, and focuses the first", () => {
    const html = renderPage(
      {
        name: "reset",
        minLength: 8,
        errors: [
          { field: "passwordConfirm", key: "errorPasswordMismatch" },
          { field: "password", key: "errorPasswordTooShort", params: { min: 8 } },
        ],
      },
      pageContext(),
    );
    expect(html).to.include("<title>Error: Choose a new password – Acme</title>");
    expect(html).to.include('<a href="#field-password">Use at least 8 characters.</a>');
    expect(html).to.match(
      /id="field-password" [^>]*aria-describedby="field-password-hint field-password-error" aria-invalid="true"[^>]* autofocus/,
    );
    expect(html).to.match(
      /id="field-passwordConfirm" [^>]*aria-describedby="field-passwordConfirm-error" aria-invalid="true"/,
    );
    expect(html.match(/autofocus/g)).to.have.length(1);
    expect(renderPage({ name: "reset", minLength: 8 }, pageContext())).not.to.include("autofocus");
  });

  it("never writes a password back into the page", () => {
    const html = renderPage(
      {
        name: "code",
        identifierTypes: ["email"],
        minLength: 8,
        values: { identifier: "a@b.c", code: "123" },
        errors: [{ field: "password", key: "errorPasswordCommon" }],
      },
      pageContext(),
    );
    expect(html).to.include('value="a@b.c"').and.include('value="123"');
    expect(html).not.to.match(/type="password"[^>]*value=/);
  });

  it("offers a new link from the invalid-link page, and the code form from 'check your phone'", () => {
    expect(renderPage({ name: "invalid" }, pageContext())).to.include(
      '<a class="button" href="forgot">Get a new link</a>',
    );
    const sent = renderPage(
      { name: "sent", channel: "mobile", codeForm: true },
      pageContext({ pagePath: "/forgot" }),
    );
    expect(sent).to.include("Check your phone").and.include('href="reset"');
    const inbox = renderPage(
      { name: "sent", channel: "email", codeForm: false },
      pageContext({ pagePath: "/forgot" }),
    );
    expect(inbox).to.include("Check your inbox").and.not.include('href="reset"');
  });

  it("maps the form to the flow's own fields", () => {
    expect(
      formToFlowRequest("forgot", { identifier: " a@b.co ", csrf: "x" }, ["email", "mobile"]),
    ).to.deep.equal({
      body: { email: "a@b.co" },
      identifierType: "email",
      values: { identifier: "a@b.co" },
    });
    expect(
      formToFlowRequest(
        "code",
        { identifier: "+44 7700 900123", code: "123 456", password: "p", passwordConfirm: "p" },
        ["email", "mobile"],
      ).body,
    ).to.deep.equal({ mobile: "+44 7700 900123", code: "123456", password: "p", passwordConfirm: "p" });
    expect(
      formToFlowRequest("reset", { password: ["a", "b"], passwordConfirm: "x" }, ["email"]).body,
    ).to.deep.equal({
      password: "",
      passwordConfirm: "x",
    });
  });

  it("tells identifier types apart", () => {
    expect(classifyIdentifier("bob", ["email", "username"])).to.equal("username");
    expect(classifyIdentifier("bob@x.io", ["email", "username"])).to.equal("email");
    expect(classifyIdentifier("+1 (415) 555-0100", ["email", "mobile"])).to.equal("mobile");
    expect(classifyIdentifier("bob", ["email", "mobile"])).to.equal("email");
    expect(classifyIdentifier("anything", ["mobile"])).to.equal("mobile");
  });

  it("translates the flows' errors into the form's", () => {
    const details = [
      { field: "passwordConfirm", message: "passwordConfirm does not match password" },
      { field: "password", message: "password must be at least 8 characters long" },
    ];
    expect(pageErrorsFor("reset", { type: "VALIDATION_ERROR", details }, limits)).to.deep.equal([
      { field: "password", key: "errorPasswordTooShort", params: { min: 8 } },
      { field: "passwordConfirm", key: "errorPasswordMismatch" },
    ]);
    expect(
      pageErrorsFor(
        "reset",
        { type: "VALIDATION_ERROR", details: [{ field: "password", message: "Too close to your old one" }] },
        limits,
      ),
    ).to.deep.equal([{ field: "password", text: "Too close to your old one" }]);
    expect(
      pageErrorsFor(
        "forgot",
        { type: "VALIDATION_ERROR", details: [{ field: "email", message: "email must be a valid email" }] },
        limits,
      ),
    ).to.deep.equal([{ field: "identifier", key: "errorEmailInvalid" }]);
    expect(pageErrorsFor("code", { type: "INVALID_TOKEN" }, limits)).to.deep.equal([
      { field: "code", key: "errorCodeInvalid" },
    ]);
    expect(pageErrorsFor("forgot", { type: "RATE_LIMITED" }, limits)).to.deep.equal([
      { key: "errorRateLimited" },
    ]);
    expect(pageErrorsFor("forgot", { type: "INTERNAL_ERROR" }, limits)).to.deep.equal([
      { key: "errorUnavailable" },
    ]);
  });

  it("shows every refusal of the password policy in the page's own words, never the API's English", () => {
    const refusal = (message: string) =>
      pageErrorsFor("reset", { type: "VALIDATION_ERROR", details: [{ field: "password", message }] }, limits);
    expect(refusal("This password is too common; choose one that is harder to guess")).to.deep.equal([
      { field: "password", key: "errorPasswordCommon" },
    ]);
    expect(refusal("This password is too similar to your account details")).to.deep.equal([
      { field: "password", key: "errorPasswordPersonal" },
    ]);
    expect(refusal("This password is too easy to guess; try a few unrelated words together")).to.deep.equal([
      { field: "password", key: "errorPasswordWeak" },
    ]);
    expect(refusal("This password has appeared in a data breach; choose a different one")).to.deep.equal([
      { field: "password", key: "errorPasswordBreached" },
    ]);
    // A check that could not run is not a finding that the password leaked.
    expect(refusal("We could not check this password right now; try again")).to.deep.equal([
      { field: "password", key: "errorPasswordUnchecked" },
    ]);
  });

  it("links relative to the page, wherever the router is mounted", () => {
    expect(relativeHref("/reset", "/forgot")).to.equal("forgot");
    expect(relativeHref("/reset", "/pages-assets/style.css?v=1")).to.equal("pages-assets/style.css?v=1");
    expect(relativeHref("/password/reset", "/forgot")).to.equal("../forgot");
    expect(relativeHref("/a/reset", "/a/forgot")).to.equal("forgot");
    expect(relativeHref("/reset", "/a:b")).to.equal("./a:b");
  });
});
