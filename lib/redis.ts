/**
 * `express-password-reset/redis`: the Redis token store. A separate entry point so the core
 * never loads it; it needs a node-redis or ioredis client the app already has.
 */
export { RedisTokenStore, type RedisTokenStoreOptions } from "./stores/redis/store.js";
export type {
  IoredisClientLike,
  IoredisPipelineLike,
  NodeRedisClientLike,
  NodeRedisClusterLike,
  RedisClientLike,
} from "./stores/redis/clients.js";
