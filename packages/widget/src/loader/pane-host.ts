import type { PaneApi, PaneModule, PaneState } from '../pane-api.ts';

export type PaneActions = Omit<PaneApi, 'getState' | 'subscribe'>;

/**
 * Loads `pane.js` the first time the chat opens and feeds it state snapshots. The socket and all chat state
 * stay in the loader, so minimising or a slow pane download never loses a message.
 */
export class PaneHost {
  #listeners = new Set<() => void>();
  #loading: Promise<void> | undefined;
  #state: PaneState;

  readonly #moduleUrl: string;
  readonly #slot: HTMLElement;
  readonly #actions: PaneActions;

  constructor(moduleUrl: string, slot: HTMLElement, initial: PaneState, actions: PaneActions) {
    this.#moduleUrl = moduleUrl;
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
    const loaded = this.#load();
    if (moveFocus) void loaded.then(() => setTimeout(() => this.focusFirstField(), 0));
  }

  hide(): void {
    this.#slot.hidden = true;
  }

  focusFirstField(): void {
    this.#slot.querySelector<HTMLElement>('input,textarea:not([disabled])')?.focus();
  }

  #load(): Promise<void> {
    if (!this.#loading) {
      const api: PaneApi = {
        ...this.#actions,
        getState: () => this.#state,
        subscribe: (listener) => {
          this.#listeners.add(listener);
          return () => this.#listeners.delete(listener);
        },
      };
      this.#loading = (import(this.#moduleUrl) as Promise<PaneModule>).then(
        (module) => module.mount(this.#slot, api),
        (error: unknown) => {
          this.#loading = undefined;
          console.error('Beckon: the chat pane could not be loaded', error);
        },
      );
    }
    return this.#loading;
  }
}
