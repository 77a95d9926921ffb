// The email check of an identifier (lib/requests/email.ts) answers as joi's
// `string().email({ tlds: { allow: false } }).max(254)` did, for every string: the router's answer to
// a forgot (200 or VALIDATION_ERROR) must not change because the check no longer runs through joi.
// joi itself is the oracle, over cases of every kind its own suite covers and a seeded fuzz.
import { expect } from "chai";
import Joi from "joi";
import { isEmailAddress } from "../../lib/requests/email.js";

const joiEmail = Joi.string()
  .email({ tlds: { allow: false } })
  .max(254);
const joiAccepts = (value: string): boolean => joiEmail.validate(value).error === undefined;

const long = (char: string, length: number) => char.repeat(length);

/** Cases by kind: the shapes of joi's and @hapi/address's own accept/reject tables, written anew. */
const CASES: Record<string, string[]> = {
  plain: ["alice@example.com", "a@b.co", "first.last@sub.example.org", "x@localhost", "user@io"],
  empty: ["", "@", "@example.com", "alice@", "alice", "alice@@example.com", "a@b@example.com"],
  "local part": [
    "!#$%&'*+-/=?^_`{|}~@example.com",
    "a.b.c@example.com",
    ".alice@example.com",
    "alice.@example.com",
    "al..ice@example.com",
    "al ice@example.com",
    "al:ice@example.com",
    "al(ice)@example.com",
    "al\\ice@example.com",
    "al,ice@example.com",
    "al;ice@example.com",
    "al<ice>@example.com",
    "al[ice]@example.com",
    "xn--alice@example.com",
    "0123@example.com",
  ],
  quoted: ['"alice"@example.com', '""@example.com', '"al ice"@example.com', '"al\\"ice"@example.com'],
  comments: ["(note)alice@example.com", "alice(note)@example.com", "alice@(note)example.com"],
  "domain labels": [
    "alice@mason-dixon.com",
    "alice@-example.com",
    "alice@example-.com",
    "alice@.example.com",
    "alice@example.com.",
    "alice@example..com",
    "alice@ex_ample.com",
    "alice@example.com_",
    "alice@ex+ample.com",
    "alice@ex%41mple.com",
    "alice@ex%ample.com",
    "alice@ab--cd.com",
    "alice@EXAMPLE.COM",
    "alice@example.c0m",
    "alice@example.c-m",
    "alice@example.-com",
    "alice@example.com-",
    "alice@example.1com",
    "alice@123.com",
    "alice@example.123",
    "alice@example/com",
    "alice@example.com/path",
    "alice@example.com:443",
    "alice@example.com#",
    "alice@example.com?",
    "alice@exa mple.com",
    "alice@example.com\\",
    "alice@<example>.com",
    "alice@ex{am}ple.com",
    "alice@ex^ample.com",
    "alice@ex|ample.com",
    'alice@ex"ample.com',
    "alice@ex`ample.com",
    "alice@ex~ample.com",
    "alice@ex\u007fample.com",
  ],
  "punycode and IDNA": [
    "alice@xn--mnchen-3ya.de",
    "alice@XN--MNCHEN-3YA.DE",
    "alice@xn--abc-.com",
    "alice@xn--ab-c.com",
    "alice@xn--.com",
    "alice@xn--a.com",
    "alice@example.xn--unup4y",
    "alice@münchen.de",
    "alice@MÜNCHEN.de",
    "alice@例え.テスト",
    "alice@example\u3002com",
    "alice@example\uff0ecom",
    "alice@ex\u00adample.com",
    "alice@ﬁ.com",
  ],
  "IP addresses": [
    "alice@1.2.3.4",
    "alice@255.255.255.255",
    "alice@[1.2.3.4]",
    "alice@[IPv6:2001:db8::1]",
    "alice@0x7f.1",
    "alice@example.0x1f",
    "alice@010.1",
    "alice@a.b.1",
  ],
  "non-ASCII local part": [
    "êjness@example.com",
    "ñoñó1234@example.com",
    "伊昭傑@example.com",
    "\ud83d\ude06@example.com",
    "a\ud800@example.com",
    "e\u0301@example.com",
    "ǅ@example.com",
  ],
  "white space and controls": [
    " alice@example.com",
    "alice@example.com ",
    "alice@example.com\n",
    "\r\nalice@example.com",
    "alice\t@example.com",
    "alice@exam\u0007ple.com",
    "alice\u0000@example.com",
  ],
  lengths: [
    `${long("a", 64)}@example.com`,
    `${long("a", 65)}@example.com`,
    `${long("é", 32)}@example.com`,
    `${long("é", 33)}@example.com`,
    `alice@${long("b", 63)}.com`,
    `alice@${long("b", 64)}.com`,
    `alice@example.${long("c", 63)}`,
    `alice@example.${long("c", 64)}`,
    `${long("a", 64)}@${long("b", 63)}.${long("c", 63)}.${long("d", 57)}`,
    `${long("a", 64)}@${long("b", 63)}.${long("c", 63)}.${long("d", 58)}`,
    `${long("a", 64)}@${long("b", 63)}.${long("c", 63)}.${long("d", 59)}`,
    `a@${long("b.", 125)}com`,
    `a@${long("b.", 126)}com`,
    `é@${long("b", 63)}.${long("c", 63)}.${long("d", 63)}.${long("e", 58)}`,
  ],
};

/** A small seeded generator, so a failing fuzz case is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  ..."abzAZ09-_.@+!%'`{}~[]:\"() \t\\/#?^|<>,;=$&*",
  "..",
  "@@",
  "xn--",
  "xn--mnchen-3ya",
  "com",
  "example",
  "1.2.3.4",
  "0x1f",
  "ê",
  "ß",
  "é",
  "e\u0301",
  "\u3002",
  "\uff0e",
  "\u00ad",
  "ﬁ",
  "İ",
  "\ud83d\ude06",
  "\ud800",
  "\u0000",
  "\u007f",
  "a".repeat(30),
  "b".repeat(63),
];
const DOMAINS = [
  "example.com",
  "a.b",
  "x.y.z",
  "1.2.3.4",
  "a..b",
  "münchen.de",
  "xn--mnchen-3ya.de",
  "-a.com",
  "a-.com",
];

function fuzzCorpus(count: number): string[] {
  const random = seeded(23);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const corpus: string[] = [];
  for (let i = 0; i < count; i++) {
    let value = "";
    const parts = 1 + Math.floor(random() * 12);
    for (let j = 0; j < parts; j++) value += pick(FRAGMENTS);
    if (random() < 0.5) value = `${value.replace(/@.*$/s, "")}@${pick(DOMAINS)}`;
    corpus.push(value);
  }
  // One-character edits of good addresses, where a near miss would hide.
  const good = ["alice@example.com", "a.b@sub.example.org", "x@xn--mnchen-3ya.de"];
  for (const address of good) {
    for (let at = 0; at <= address.length; at++) {
      for (const fragment of FRAGMENTS.slice(0, 45)) {
        corpus.push(address.slice(0, at) + fragment + address.slice(at)); // insert
        corpus.push(address.slice(0, at) + fragment + address.slice(at + 1)); // replace
      }
      corpus.push(address.slice(0, at) + address.slice(at + 1)); // delete
    }
  }
  return corpus;
}

describe("the email check answers as joi's email schema", () => {
  for (const [kind, cases] of Object.entries(CASES)) {
    it(`${kind}: the same accept/reject as joi`, () => {
      const differing = cases.filter((value) => isEmailAddress(value) !== joiAccepts(value));
      expect(differing.map((value) => JSON.stringify(value))).to.deep.equal([]);
    });
  }

  it("the cases accept some and refuse some (so the comparison means something)", () => {
    const all = Object.values(CASES).flat();
    const accepted = all.filter(joiAccepts);
    expect(accepted.length).to.be.greaterThan(25);
    expect(all.length - accepted.length).to.be.greaterThan(60);
  });

  it("a seeded fuzz of 30,000 strings and every one-character edit of good addresses", () => {
    const corpus = fuzzCorpus(30_000);
    const differing = corpus.filter((value) => isEmailAddress(value) !== joiAccepts(value));
    expect(differing.slice(0, 10).map((value) => JSON.stringify(value))).to.deep.equal([]);
    expect(corpus.filter(joiAccepts).length).to.be.greaterThan(1000);
  });
});
