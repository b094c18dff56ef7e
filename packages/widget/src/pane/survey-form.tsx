import { useState } from 'preact/hooks';
import { format, type PaneStrings } from '../i18n.ts';

interface Props {
  strings: PaneStrings;
  sent: boolean;
  onSubmit(rating: number, comment: string): void;
}

/** The post-chat survey (CSAT): five labelled radio buttons, an optional comment, then a thank-you. */
export function SurveyForm({ strings, sent, onSubmit }: Props) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  if (sent) {
    return (
      <p class="sv" role="status" data-testid="beckon-survey-thanks">
        {strings.surveyThanks}
      </p>
    );
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (rating) onSubmit(rating, comment.trim().slice(0, 1000));
  };
  return (
    <form class="sv" data-testid="beckon-survey" onSubmit={submit}>
      <fieldset>
        <legend>{strings.surveyTitle}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= rating ? 'on' : ''} data-testid={`beckon-survey-${n}`}>
              <input
                type="radio"
                name="rating"
                value={n}
                class="sr"
                checked={rating === n}
                onChange={() => setRating(n)}
              />
              <span aria-hidden="true">★</span>
              <span class="sr">{format(strings.surveyRating, { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="svc">
        {strings.surveyComment}
        <textarea
          data-testid="beckon-survey-comment"
          rows={2}
          maxLength={1000}
          value={comment}
          onInput={(event) => setComment(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="b" data-testid="beckon-survey-submit" disabled={!rating}>
        {strings.surveySubmit}
      </button>
    </form>
  );
}
