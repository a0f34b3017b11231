/**
 * Ends a request early: its timeout or the VU's interrupt. A lighter AbortSignal for the hot
 * path (one per request, one listener: the exchange in flight).
 */
export interface CancelListener {
  onCancel(reason: unknown): void;
}

export class Cancellation {
  reason: unknown = undefined;
  private listener: CancelListener | undefined;

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  cancel(reason: unknown): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.onCancel(reason);
  }

  /** Replaces the listener; undefined removes it. */
  listen(listener: CancelListener | undefined): void {
    this.listener = listener;
  }
}
