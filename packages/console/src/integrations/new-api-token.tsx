import type { CreatedApiToken } from '@beckon/protocol';
import { messagesOf } from '../i18n/messages.ts';
import { ShownOnce } from '../shell/shown-once.tsx';
import { apiTokensMessages } from './api-tokens-messages.ts';

/** The token just created, the only time it is shown. */
export function NewApiToken(props: { created: CreatedApiToken; onDone(): void }) {
  const t = messagesOf(apiTokensMessages);
  return (
    <ShownOnce
      value={props.created.token}
      testId="api-token"
      onDone={props.onDone}
      text={{
        heading: t.newHeading,
        hint: t.copyNow,
        label: t.token,
        copy: t.copy,
        copied: t.copied,
        copyByHand: t.copyByHand,
        done: t.done,
      }}
    />
  );
}
