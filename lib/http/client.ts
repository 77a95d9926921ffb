/**
 * Who sent a request, as limits and budgets count clients. An IPv6 user gets a whole prefix from
 * their provider (a /56 or /64), so counting single IPv6 addresses would give one person millions
 * of clients; addresses are grouped by prefix instead, and IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`) count as the IPv4 address they are.
 */
import { isIPv4, isIPv6 } from "node:net";
import type { Request } from "express";
import type { Client } from "../scope.js";

/**
 * The client of `req`: Express's `req.ip` (the app decides `trust proxy`), its network, and the
 * languages it reads (`Accept-Language`, for the messages the request causes).
 */
export function clientOf(req: Request, ipv6Subnet: number): Client {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  const acceptLanguage = req.headers["accept-language"];
  return { ip, network: networkOf(ip, ipv6Subnet), ...(acceptLanguage ? { acceptLanguage } : {}) };
}

/**
 * The IPv4 address, or the IPv6 prefix of `subnet` bits (`2001:db8:0:100:0:0:0:0/56`); anything
 * else as is. A port some proxies append is dropped.
 */
export function networkOf(ip: string, subnet: number): string {
  // Neither a port nor IPv6 without a colon, nor a bracketed address: as is (nearly every IPv4).
  if (!ip.includes(":") && ip.charCodeAt(0) !== 0x5b) return ip;
  // An IPv4 client of a dual-stack server (`::ffff:203.0.113.7`): its IPv4 address, as below.
  if (ip.startsWith("::ffff:") && isIPv4(ip.slice(7))) return ip.slice(7);
  const address = withoutPort(ip);
  if (isIPv4(address) || !isIPv6(address)) return address;
  const words = expandIPv6(address);
  // IPv4-mapped (::ffff:0:0/96), however it is spelled (`::ffff:1.2.3.4`, `::ffff:102:304`).
  if (words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff) {
    const [high = 0, low = 0] = words.slice(6);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  const kept: string[] = [];
  for (let i = 0; i < 8; i++) {
    const bits = Math.max(0, Math.min(16, subnet - i * 16));
    const mask = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    kept.push(((words[i] ?? 0) & mask).toString(16));
  }
  return `${kept.join(":")}/${subnet}`;
}

/**
 * Some proxies write the client's port into `X-Forwarded-For` (`203.0.113.7:40000`,
 * `[2001:db8::1]:40000`); kept, every connection would count as a new client.
 */
function withoutPort(ip: string): string {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(ip)?.[1];
  if (v4) return v4;
  return /^\[([^\]]+)\](?::\d{1,5})?$/.exec(ip)?.[1] ?? ip;
}

/** The eight 16-bit words of an IPv6 address (zone and embedded IPv4 tail handled). */
function expandIPv6(ip: string): number[] {
  let address = ip.split("%")[0] ?? ip;
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (tail) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    address =
      address.slice(0, -tail.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = rest === undefined || rest === "" ? [] : rest.split(":");
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((word) => parseInt(word, 16));
}
