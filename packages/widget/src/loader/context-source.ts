import { checkContext, isPlainObject } from './context-check.ts';
import { emitError } from './events.ts';

export type ContextProvider = () => unknown;

/**
 * The page's `setContextProvider` function. Each read calls it afresh; problems are reported as `lcw:error`
 * once per distinct answer, so a page that keeps returning the same over-long value is not spammed on every
 * navigation, and the valid rest is always sent.
 */
export class ContextSource {
  provider: ContextProvider | undefined;
  #lastAnswer: string | undefined;
  #lastSent: string | undefined;

  set(provider: ContextProvider | undefined): void {
    this.provider = provider;
    this.#lastAnswer = undefined;
    this.#lastSent = undefined;
  }

  /** The provider's current context, checked; undefined when there is no provider or it failed. */
  read(): Record<string, unknown> | undefined {
    if (!this.provider) return undefined;
    let answer: unknown;
    try {
      answer = this.provider();
    } catch (error) {
      emitError('CONTEXT_PROVIDER_FAILED', `The context provider threw: ${String(error)}`);
      return undefined;
    }
    if (!isPlainObject(answer)) {
      emitError('CONTEXT_PROVIDER_FAILED', 'The context provider must return an object.');
      return undefined;
    }
    return this.check(answer, true);
  }

  /** Checks a context given directly (e.g. `startChat({ customContext })`). */
  check(raw: Record<string, unknown>, dedupeProblems = false): Record<string, unknown> {
    const { context, problems } = checkContext(raw);
    const answer = fingerprint(raw);
    if (!dedupeProblems || answer === undefined || answer !== this.#lastAnswer) {
      for (const problem of problems) emitError(problem.code, problem.message);
    }
    if (dedupeProblems) this.#lastAnswer = answer;
    return context;
  }

  /** The context to send as `context.update`, or undefined when it has not changed since the last one sent. */
  changed(context: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!context) return undefined;
    const print = fingerprint(context);
    if (print !== undefined && print === this.#lastSent) return undefined;
    return context;
  }

  /** Remembers what the server has (sent in `hello`, `context.update` or `chat.start`). */
  sent(context: Record<string, unknown> | undefined): void {
    this.#lastSent = context ? fingerprint(context) : undefined;
  }
}

function fingerprint(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
