/** Time, injectable so deadlines are tested with a fake clock (test-kit's FakeClock has this shape). */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  /** Calls `fn` once at epoch-ms `at` (immediately-ish when `at` is past). */
  setTimer(at: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
