// A clock the test owns, for apps whose store is built before `createTestApp` makes its own.

/** Starts at the same instant as `createTestApp`'s clock; move it with `clock.now += ms`. */
export function testClock(): { now: number; fn: () => number } {
  const clock = { now: Date.UTC(2026, 0, 1), fn: () => clock.now };
  return clock;
}
