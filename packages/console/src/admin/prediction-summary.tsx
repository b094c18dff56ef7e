import type { PredictionView } from '@beckon/protocol';
import { messagesOf } from '../i18n/messages.ts';
import { smartMessages } from './smart-messages.ts';

const t = messagesOf(smartMessages);

/** A feature with its push on the log-odds, signed, e.g. "page:/cart (+1.20)". */
export function push(feature: { feature: string; weight: number }): string {
  const sign = feature.weight > 0 ? '+' : '−';
  return `${feature.feature} (${sign}${Math.abs(feature.weight).toFixed(2)})`;
}

/**
 * The widget's acceptance model on one visitor: the predicted chance and the features pushing it up and down the
 * most, or why there is none (not ready, switched off). Used by the explain panel and the live visitor screen.
 */
export function PredictionSummary(props: { prediction: PredictionView }) {
  const { prediction } = props;
  return (
    <div className="prediction" data-testid="prediction">
      <h3>{t.prediction}</h3>
      {prediction.state === 'off' && <p>{t.predictionOff}</p>}
      {prediction.state === 'not-ready' && <p>{t.predictionNotReady(prediction.outcomes)}</p>}
      {prediction.state === 'ready' && (
        <>
          <p>{t.predictionReady((prediction.percent ?? 0).toFixed(1), prediction.outcomes)}</p>
          <dl>
            <dt>{t.pushesUp}</dt>
            <dd>{prediction.up.length ? prediction.up.map(push).join(', ') : t.none}</dd>
            <dt>{t.pushesDown}</dt>
            <dd>{prediction.down.length ? prediction.down.map(push).join(', ') : t.none}</dd>
          </dl>
        </>
      )}
    </div>
  );
}
