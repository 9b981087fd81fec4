/**
 * Waits for a condition by polling it, with no deadline of its own: a test
 * whose condition never comes is ended by the test runner's timeout
 * (--test-timeout in scripts/run-node-tests.mjs and scripts/test.mjs), so no
 * machine's speed decides a result. `check` answers the awaited value, or
 * undefined (or false) while it is not there yet; it may throw to give up.
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, intervalMs = 10): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
