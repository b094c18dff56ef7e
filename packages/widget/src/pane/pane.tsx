import type { Chat } from '../chat/session.ts';
import { format, paneStrings } from '../i18n.ts';
import type { PaneApi } from '../pane-api.ts';
import { AttachControl } from './attach/attach-control.tsx';
import { Composer } from './composer.tsx';
import { LeaveMessageForm } from './leave-message-form.tsx';
import { MessageList } from './message-list.tsx';
import { offlineText } from './offline-text.ts';
import { PrechatForm } from './prechat-form.tsx';
import { statusText } from './status.ts';
import { SurveyForm } from './survey-form.tsx';
import { downloadText, transcriptText } from './transcript.ts';
import { TranscriptMailForm } from './transcript-mail-form.tsx';
import { usePaneState } from './use-pane-state.ts';

export function Pane({ api, chat }: { api: PaneApi; chat(): Chat | undefined }) {
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
        {/* Up to two lines, then an ellipsis; the full title is in its tooltip. */}
        <strong title={state.title} data-testid="beckon-title">
          {state.title}
        </strong>
        {state.view === 'chat' && state.messages.some((message) => message.status === 'sent') && (
          <button
            type="button"
            data-testid="beckon-transcript"
            aria-label={strings.transcript}
            title={strings.transcript}
            onClick={(event) =>
              downloadText(
                transcriptText(state.title, state.messages, strings, state.locale),
                event.currentTarget.getRootNode(),
              )
            }
          >
            <span aria-hidden="true">⤓</span>
          </button>
        )}
        {state.view === 'chat' && (
          <button type="button" data-testid="beckon-end" disabled={ended} onClick={() => api.end()}>
            {strings.end}
          </button>
        )}
        <button
          type="button"
          data-testid="beckon-minimize"
          aria-label={strings.minimize}
          onClick={() => {
            if (state.view === 'prechat') chat()?.leavePrechat();
            api.minimize();
          }}
        >
          <span aria-hidden="true">—</span>
        </button>
      </div>
      {!state.connected && (
        <div class="off" role="status">
          {strings.offline}
        </div>
      )}
      {state.view === 'offline' ? (
        <>
          <div class="pre" data-testid="beckon-offline" role="status">
            <p>{offlineText(state, strings.closed)}</p>
            {state.opensAt !== undefined && (
              <p>
                {format(strings.opensAt, {
                  when: new Intl.DateTimeFormat(state.locale, {
                    weekday: 'long',
                    hour: 'numeric',
                    minute: '2-digit',
                  }).format(state.opensAt),
                })}
              </p>
            )}
          </div>
          {state.leaveForm && (
            <LeaveMessageForm
              strings={strings}
              refused={state.leaveForm === 'refused'}
              defaults={state.leaveDefaults}
              onSubmit={(input) => chat()?.leaveMessage(input)}
            />
          )}
        </>
      ) : state.view === 'prechat' ? (
        <>
          {state.intro && <MessageList messages={[state.intro]} strings={strings} intro />}
          <PrechatForm
            fields={state.prechatFields}
            strings={strings}
            onSubmit={(answers) => api.submitPrechat(answers)}
          />
        </>
      ) : (
        <>
          {/* Nobody can answer: the form takes the place of the queue position. */}
          {state.leaveForm ? (
            <LeaveMessageForm
              strings={strings}
              refused={state.leaveForm === 'refused'}
              defaults={state.leaveDefaults}
              onSubmit={(input) => chat()?.leaveMessage(input)}
            />
          ) : (
            <div class="st" data-testid="beckon-status" role="status">
              {state.left
                ? state.left.email
                  ? format(strings.leftStatus, { email: state.left.email })
                  : strings.leftStatusKnown
                : statusText(conversation, strings, state.queuePosition, state.estimatedWaitSeconds)}
            </div>
          )}
          <MessageList
            messages={state.messages}
            strings={strings}
            readSeq={state.conversation?.readSeq}
            locale={state.locale}
          />
          {state.agentTyping && (
            <div class="ty" data-testid="beckon-agent-typing">
              {format(strings.typing, { name: conversation?.agentName || strings.agent })}
            </div>
          )}
          {ended ? (
            <div class="end">
              {state.survey && (
                <SurveyForm
                  strings={strings}
                  sent={state.survey === 'sent'}
                  onSubmit={(rating, comment) => chat()?.submitSurvey(rating, comment)}
                />
              )}
              {state.transcriptMail && (
                <TranscriptMailForm
                  strings={strings}
                  state={state.transcriptMail}
                  onSubmit={(email) => {
                    // The outcome is shown by the form itself; the promise is for SDK callers.
                    chat()
                      ?.emailTranscript(email)
                      .catch(() => {});
                  }}
                />
              )}
              <button type="button" class="b" data-testid="beckon-restart" onClick={() => api.restart()}>
                {strings.restart}
              </button>
            </div>
          ) : (
            <>
              <Composer
                strings={strings}
                onSend={(text) => api.send(text)}
                onTyping={(typing) => chat()?.typing(typing)}
                onDraft={chat()?.sneakPeek ? (text) => chat()?.draft(text) : undefined}
              />
              {/* After the message field: opening the pane focuses its first field, which must be the message. */}
              {conversation && <AttachControl locale={state.locale} />}
            </>
          )}
        </>
      )}
    </section>
  );
}
