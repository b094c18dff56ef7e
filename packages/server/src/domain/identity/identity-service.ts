import type { CustomerMatch } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { isUnverified, matchCustomer, matchOf } from './customer-matching.ts';
import { verifyIdentityToken } from './identity-token.ts';
import { createFromAnswers } from './prechat-customers.ts';

/** Who the visitor is: site-signed tokens, and linking conversations to customer records. */
export class IdentityService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fanout: Fanout,
    private readonly ids: Ids,
    /** Tells webhooks of a verified visitor. */
    private readonly events: DomainEvents,
  ) {}

  /** Verifies the token; on success the visitor counts as authenticated and an open chat is matched again. */
  async authenticate(session: VisitorSession, token: string): Promise<void> {
    const sub = await verifyIdentityToken(session.widget, token, this.clock.now());
    session.authenticated = true;
    session.customerSub = sub;
    const match = await matchCustomer(this.store, { sub, fields: [] });
    if (match.customer) session.visitorName = match.customer.name;
    session.customer = match.customer;
    const open = await this.store.findOpenConversation(session.visitorId);
    // A verified match replaces an unverified one made from the visitor's answers.
    const replaceable = open && (open.customer.status !== 'linked' || isUnverified(open.customer));
    if (open && replaceable && match.status !== 'none') {
      await this.setMatch(open.id, open.agentId, match);
    }
    await this.events.emit('visitorIdentified', {
      visitorId: session.visitorId,
      widgetId: session.widget.id,
      externalId: sub,
      ...(match.customer && { customerId: match.customer.id }),
      at: this.clock.now(),
    });
  }

  /** The agent (or an admin) links a record by hand. */
  async link(conversationId: string, customerId: string): Promise<CustomerMatch> {
    const conversation =
      (await this.store.getConversation(conversationId)) ??
      fail('CONVERSATION_NOT_FOUND', 'No such conversation.');
    const customer = await this.store.getCustomer(customerId);
    if (!customer) fail('NOT_FOUND', `No customer ${customerId}.`);
    const match = matchOf([customer], 'manual');
    await this.setMatch(conversationId, conversation.agentId, match);
    return match;
  }

  /**
   * The agent creates the record the visitor's pre-chat answers proposed: it is linked, still `unverified`, until
   * the agent confirms the link (`link`).
   */
  async createProposed(conversationId: string): Promise<CustomerMatch> {
    const conversation =
      (await this.store.getConversation(conversationId)) ??
      fail('CONVERSATION_NOT_FOUND', 'No such conversation.');
    const { proposed, status } = conversation.customer;
    if (status !== 'none' || !proposed) {
      fail('CONFLICT', 'This conversation has no proposed customer record (a record is already linked).');
    }
    const match = await createFromAnswers({ store: this.store, ids: this.ids, clock: this.clock }, proposed);
    await this.setMatch(conversationId, conversation.agentId, match);
    return match;
  }

  /** The agent removes a wrong link: the conversation has no customer until someone links one again. */
  async unlink(conversationId: string): Promise<CustomerMatch> {
    const conversation =
      (await this.store.getConversation(conversationId)) ??
      fail('CONVERSATION_NOT_FOUND', 'No such conversation.');
    const match: CustomerMatch = { status: 'none', candidates: [] };
    await this.setMatch(conversationId, conversation.agentId, match);
    return match;
  }

  private async setMatch(
    conversationId: string,
    agentId: string | undefined,
    match: CustomerMatch,
  ): Promise<void> {
    await this.store.setConversationCustomer(conversationId, match);
    if (agentId) await this.fanout.toAgent(agentId, { type: 'customer.match', conversationId, match });
  }
}
