/**
 * The protocol's typing rule, shared by the widget pane and the console (zod-free, so the pane stays small).
 * Turns keystrokes into throttled typing frames: `true` on the first keystroke and again at most every
 * `repeatMs` while typing goes on (so a receiver that missed one catches up), `false` after `idleMs` without a
 * keystroke or when the text is sent or cleared.
 */
export class TypingSignal {
  #typing = false;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
    private readonly idleMs = 4000,
    private readonly repeatMs = 3000,
  ) {}

  /** A keystroke; `empty` when the field is now empty (typing stopped). */
  input(empty: boolean): void {
    if (empty) {
      this.stop();
      return;
    }
    const at = this.now();
    if (!this.#typing || at - this.#lastSentAt >= this.repeatMs) {
      this.#typing = true;
      this.#lastSentAt = at;
      this.send(true);
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#typing) return;
    this.#typing = false;
    this.send(false);
  }
}
