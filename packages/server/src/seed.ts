import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Services } from './domain/services.ts';

export interface SeedResult {
  seeded: boolean;
  /** Set when the password was generated: printed once, never stored in clear. */
  generatedPassword?: string;
}

const customers = [
  {
    name: 'Alice Martin',
    email: 'alice@example.com',
    phone: '+33 6 12 34 56 78',
    company: 'Acme',
    active: true,
  },
  {
    name: 'Bob Durand',
    email: 'bob@example.com',
    phone: '+33 6 98 76 54 32',
    company: 'Globex',
    active: true,
  },
  { name: 'Sam Lee', email: 'sam@example.com', company: 'Initech', active: true },
  { name: 'Sam Lee', email: 'sam@example.com', company: 'Umbrella', active: true },
  { name: 'Old Customer', email: 'old@example.com', active: false },
];

/**
 * On an empty database: demo accounts (the agent Available), a queue, the demo widget (Proactive chat on, allowed on the node's own
 * origin), one rule and a few customer records — enough to try the whole story at /demo/.
 */
export async function seedDemo(
  s: Services,
  options: { password?: string; origins: string[]; logger: Logger },
): Promise<SeedResult> {
  if ((await s.store.countUsers()) > 0) return { seeded: false };
  const generatedPassword = options.password ? undefined : randomBytes(12).toString('base64url');
  const password = options.password ?? generatedPassword!;
  const admin = await s.accounts
    .createUser({ email: 'admin@beckon.local', name: 'Ada Admin', role: 'admin', password })
    .catch(async (error: unknown) => {
      // Several nodes starting together on an empty database: the one whose insert won seeds the rest.
      if ((await s.store.countUsers()) > 0) return undefined;
      throw error;
    });
  if (!admin) return { seeded: false };
  const agent = await s.accounts.createUser({
    email: 'agent@beckon.local',
    name: 'Alex Agent',
    role: 'agent',
    password,
  });
  const agent2 = await s.accounts.createUser({
    email: 'agent2@beckon.local',
    name: 'Sam Support',
    role: 'agent',
    password,
  });
  // The demo agent starts Available so that a newcomer's first chat reaches them without touching presence;
  // every other account starts Offline and the workspace offers the one click that changes it.
  await s.store.setPresence(agent.id, 'available', s.clock.now());
  const queueId = s.ids.next('que');
  await s.store.createQueue({ id: queueId, name: 'Support' });
  for (const user of [agent, agent2, admin]) await s.store.addQueueMember(queueId, user.id);
  const widget = await s.widgets.create(
    {
      name: 'Demo shop',
      title: 'Nimbus Notes support',
      proactiveEnabled: true,
      allowedOrigins: options.origins,
      queueId,
      prechatFields: [
        { name: 'name', label: 'Your name', kind: 'text', required: false, mapsTo: 'name' },
        { name: 'email', label: 'Email', kind: 'email', required: false, mapsTo: 'email' },
      ],
    },
    'demo',
  );
  await s.widgets.createRule(widget.id, {
    name: '30 s on a pricing page',
    priority: 100,
    conditions: {
      type: 'all',
      conditions: [
        { type: 'currentUrl', op: 'wildcard', value: '*/pricing*' },
        { type: 'timeOnPage', op: 'gte', seconds: 30 },
      ],
    },
    message: {
      text: 'Need help choosing a plan?',
      translations: { fr: 'Besoin d’aide pour choisir une offre ?' },
    },
    showPrechat: true,
  });
  for (const customer of customers) {
    await s.store.createCustomer({ ...customer, id: s.ids.next('cus'), createdAt: s.clock.now() });
  }
  options.logger.info(
    { origins: options.origins },
    'seeded the demo: admin@beckon.local, agent@beckon.local',
  );
  return { seeded: true, generatedPassword };
}
