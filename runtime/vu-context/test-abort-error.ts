/** Thrown by exec.test.abort(): ends the test (exit 108), not just the iteration. */
export class TestAbortError extends Error {
  constructor(reason: string) {
    super(reason ? `test aborted: ${reason}` : 'test aborted');
    this.name = 'TestAbortError';
  }
}
