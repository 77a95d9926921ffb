// Prelude `my-store`: a `TokenStore` of the app's own, for the snippet that runs the store contract
// suite against it.
import type { TokenStore } from "../../../lib/index.js";

/** The app's own token store. */
export interface MyTokenStore extends TokenStore {
  /** Test clean-up of the app's own: removes everything the store wrote. */
  dropEverything(): Promise<void>;
}

/** Its class. */
export declare const MyTokenStore: new (options: { prefix: string }) => MyTokenStore;
