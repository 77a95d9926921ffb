// Promises a test controls: one that never settles (an adapter that hangs), one turn of the event
// loop (a network round trip), and a gate the test opens when it chooses.

/** A promise that never settles: an adapter that hangs. Holds no timer, so nothing leaks. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** One turn of the event loop, so other sockets' requests get to run (what a network round trip does). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A promise with its resolver, to hold an adapter until the test lets it go. */
export function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
