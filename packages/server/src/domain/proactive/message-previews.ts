import { type MessagePreview, type MessagePreviewBody, messagePreviewBodySchema } from '@beckon/protocol';
import { type MessageFacts, resolveMessage } from '@beckon/rules';
import type { Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import { parseOrFail } from '../validation.ts';
import { liveVisitorFacts } from '../visitors/live-visitor-view.ts';
import type { LiveVisitors } from '../visitors/live-visitors.ts';
import type { EvaluationView } from './explanations.ts';

/**
 * A rule's message as one visitor would read it, for the rule editor: the translation for their language with
 * the variables filled in — from everything this node knows of a visitor connected here, from the live list
 * for a visitor on another node, or from a typed visitor.
 */
export class MessagePreviews {
  constructor(
    private readonly store: Store,
    private readonly evaluation: Pick<EvaluationView, 'liveSession' | 'factsFor'>,
    private readonly live: Pick<LiveVisitors, 'get'>,
  ) {}

  async preview(widgetId: string, input: MessagePreviewBody): Promise<MessagePreview> {
    const body = parseOrFail(messagePreviewBodySchema, input);
    if (!(await this.store.getWidget(widgetId))) fail('NOT_FOUND', `No widget ${widgetId}.`);
    const facts = body.visitorId ? await this.liveFacts(widgetId, body.visitorId) : typedFacts(body.visitor);
    return { text: resolveMessage(body.message, facts), language: facts.language };
  }

  private async liveFacts(widgetId: string, visitorId: string): Promise<MessageFacts> {
    const session = this.evaluation.liveSession(visitorId);
    if (session?.widget.id === widgetId) return this.evaluation.factsFor(session, []);
    const visitor = this.live.get(visitorId);
    if (visitor?.widgetId !== widgetId) {
      fail('VISITOR_NOT_CONNECTED', `Visitor ${visitorId} is not on this widget's pages now.`);
    }
    return liveVisitorFacts(visitor);
  }
}

function typedFacts(visitor: ReturnType<typeof messagePreviewBodySchema.parse>['visitor']): MessageFacts {
  if (!visitor) return { language: 'en', context: {} };
  return {
    language: visitor.language,
    visitorName: visitor.name,
    customer: { name: visitor.name, company: visitor.company },
    page: { url: '', title: visitor.pageTitle ?? '', startedAt: 0 },
    location: { country: visitor.country?.toUpperCase(), city: visitor.city },
    context: visitor.context,
  };
}
