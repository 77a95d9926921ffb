// The reference store passes its own contract; if it ever fails here, the contract or the
// memory store changed meaning, and the Redis and PostgreSQL stores must follow.
import { MemoryTokenStore } from "../../lib/stores/memory.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";

describeTokenStoreContract("MemoryTokenStore", () => ({ store: new MemoryTokenStore() }));
