import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { messagesOf } from '../i18n/messages.ts';
import type { ConversationState } from '../state/workspace-state.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

type Survey = NonNullable<ConversationState['survey']>;

/**
 * The visitor's post-chat survey under an ended conversation: arrives live (`survey` frame) or, for a
 * conversation that ended before this view opened, is read once from the API.
 */
export function SurveyResult(props: { conversation: ConversationState }) {
  const live = props.conversation.survey;
  const conversationId = props.conversation.detail.id;
  const [fetched, setFetched] = useState<Survey | null | undefined>(undefined);

  useEffect(() => {
    if (live) return;
    let cancelled = false;
    api.survey(conversationId).then(
      (survey) => {
        if (!cancelled) setFetched(survey);
      },
      () => {
        if (!cancelled) setFetched(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, live]);

  const survey = live ?? fetched;
  return (
    <section className="survey-result" aria-label={t.postChatSurvey} data-testid="survey-result">
      {survey ? (
        <>
          <strong data-testid="survey-rating">
            {t.visitorRating(survey.rating)} {'★'.repeat(survey.rating)}
          </strong>
          {survey.comment && <p data-testid="survey-comment">“{survey.comment}”</p>}
        </>
      ) : (
        <span className="muted">{survey === null ? t.noSurveyYet : t.loadingSurvey}</span>
      )}
    </section>
  );
}
