/**
 * Sneak peek's throttle, for the widget pane (zod-free, so the pane stays small): the text being typed goes out
 * at most once every `intervalMs`, and always the latest text — a burst of keystrokes sends its first state at
 * once and its last when the interval has passed, so the agent never sits on a stale draft.
 */
export class DraftSignal {
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #pending: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (draft: string) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 1000,
  ) {}

  /** The field's text after a keystroke. */
  input(text: string): void {
    this.#pending = text;
    if (this.#timer !== undefined) return;
    const wait = this.#lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  /** Sent or cleared: nothing pending goes out any more. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }

  #flush(): void {
    this.#timer = undefined;
    const text = this.#pending;
    this.#pending = undefined;
    if (text === undefined) return;
    this.#lastSentAt = this.now();
    this.send(text);
  }
}

/** How much of a draft travels: the start of a long text is enough to prepare an answer. */
export const draftMaxLength = 500;
