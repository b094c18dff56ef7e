import { paneStrings } from '../i18n.ts';
import type { PaneApi } from '../pane-api.ts';
import { Composer } from './composer.tsx';
import { MessageList } from './message-list.tsx';
import { PrechatForm } from './prechat-form.tsx';
import { statusText } from './status.ts';
import { usePaneState } from './use-pane-state.ts';

export function Pane({ api }: { api: PaneApi }) {
  const state = usePaneState(api);
  const { conversation } = state;
  const strings = paneStrings[state.locale];
  const ended = conversation?.status === 'ended';
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      api.minimize();
    }
  };
  return (
    <section
      class="p"
      data-testid="beckon-pane"
      role="dialog"
      aria-label={state.title || strings.chat}
      onKeyDown={onKeyDown}
    >
      <div class="h">
        <strong>{state.title}</strong>
        {state.view === 'chat' && (
          <button type="button" data-testid="beckon-end" disabled={ended} onClick={() => api.end()}>
            {strings.end}
          </button>
        )}
        <button
          type="button"
          data-testid="beckon-minimize"
          aria-label={strings.minimize}
          onClick={() => api.minimize()}
        >
          <span aria-hidden="true">—</span>
        </button>
      </div>
      {!state.connected && (
        <div class="off" role="status">
          {strings.offline}
        </div>
      )}
      {state.view === 'prechat' ? (
        <PrechatForm
          fields={state.prechatFields}
          strings={strings}
          onSubmit={(answers) => api.submitPrechat(answers)}
        />
      ) : (
        <>
          <div class="st" data-testid="beckon-status" role="status">
            {statusText(conversation, strings, state.queuePosition)}
          </div>
          <MessageList messages={state.messages} strings={strings} />
          {ended ? (
            <div class="end">
              <button type="button" class="b" data-testid="beckon-restart" onClick={() => api.restart()}>
                {strings.restart}
              </button>
            </div>
          ) : (
            <Composer strings={strings} onSend={(text) => api.send(text)} />
          )}
        </>
      )}
    </section>
  );
}
