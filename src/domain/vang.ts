/**
 * Catching the domain's own errors: an `OpgaveFout` (input not understood, data cannot answer) becomes a value the
 * caller shows or skips; any other error is a bug and is thrown on.
 */
import { OpgaveFout } from "./fouten";

/** `f()`, or the OpgaveFout it threw. */
export function vang<T>(f: () => T): T | OpgaveFout {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpgaveFout) return e;
    throw e;
  }
}

/** `f()`, or undefined when it threw an OpgaveFout (the reason does not matter to the caller). */
export function vangStil<T>(f: () => T): T | undefined {
  const uitkomst = vang(f);
  return uitkomst instanceof OpgaveFout ? undefined : uitkomst;
}
