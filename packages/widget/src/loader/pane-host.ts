import type { PaneApi, PaneModule, PaneState } from '../pane-api.ts';

export type PaneActions = Omit<PaneApi, 'getState' | 'subscribe'>;

/**
 * Shows the pane slot and mounts the lazily loaded pane into it, feeding it state snapshots. The socket stays
 * in the loader, so minimising or a slow pane download never loses a message.
 */
export class PaneHost {
  #listeners = new Set<() => void>();
  #mounted = false;
  #state: PaneState;

  readonly #module: () => Promise<PaneModule>;
  readonly #slot: HTMLElement;
  readonly #actions: PaneActions;

  constructor(
    module: () => Promise<PaneModule>,
    slot: HTMLElement,
    initial: PaneState,
    actions: PaneActions,
  ) {
    this.#module = module;
    this.#slot = slot;
    this.#actions = actions;
    this.#state = initial;
  }

  get isOpen(): boolean {
    return !this.#slot.hidden;
  }

  update(state: PaneState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  show(moveFocus: boolean): void {
    this.#slot.hidden = false;
    // A failed download is reported by the loader that fetched it; the next show tries again.
    this.#mount().then(
      () => moveFocus && setTimeout(() => this.focusFirstField(), 0),
      () => {},
    );
  }

  hide(): void {
    this.#slot.hidden = true;
  }

  focusFirstField(): void {
    this.#slot.querySelector<HTMLElement>('input,textarea:not([disabled])')?.focus();
  }

  async #mount(): Promise<void> {
    const module = await this.#module();
    if (this.#mounted) return;
    this.#mounted = true;
    module.mount(this.#slot, {
      ...this.#actions,
      getState: () => this.#state,
      subscribe: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
    });
  }
}
