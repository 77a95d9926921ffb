/**
 * `express-password-reset/redis`: the Redis token store. A separate entry point so the core
 * never loads it; it needs a node-redis or ioredis client the app already has.
 */
export { RedisTokenStore } from "./stores/redis.js";
export type {
  IoredisClientLike,
  NodeRedisClientLike,
  RedisClientLike,
  RedisTokenStoreOptions,
} from "./stores/redis.js";
export type { IoredisPipelineLike, NodeRedisClusterLike } from "./stores/redis.js";
