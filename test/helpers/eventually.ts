/**
 * Retries an assertion until it passes or `timeoutMs` runs out, then throws
 * its last failure: for what a build finishes after it exits (removing the
 * site it replaced, in the background).
 */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
