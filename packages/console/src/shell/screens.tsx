import type { Role, User } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import type { ReactNode } from 'react';
import { AccountScreen } from '../account/account-screen.tsx';
import { accountStrings } from '../account/account-strings.ts';
import { QueuesScreen } from '../admin/queues-screen.tsx';
import { RulesScreen } from '../admin/rules-screen.tsx';
import { SettingsScreen } from '../admin/settings-screen.tsx';
import { WidgetsScreen } from '../admin/widgets-screen.tsx';
import { apiTokensMessages } from '../integrations/api-tokens-messages.ts';
import { ApiTokensScreen } from '../integrations/api-tokens-screen.tsx';
import { webhooksMessages } from '../integrations/webhooks-messages.ts';
import { WebhooksScreen } from '../integrations/webhooks-screen.tsx';
import { privacyMessages } from '../privacy/privacy-messages.ts';
import { PrivacyScreen } from '../privacy/privacy-screen.tsx';
import type { AccountDemands } from '../state/use-account-demands.ts';
import type { Route } from '../state/use-route.ts';
import type { WorkspaceActions } from '../state/use-workspace.ts';
import type { WorkspaceState } from '../state/workspace-state.ts';
import { AnalyticsScreen } from '../supervisor/analytics-screen.tsx';
import { TeamScreen } from '../team/team-screen.tsx';
import { teamStrings } from '../team/team-strings.ts';
import { VisitorsScreen } from '../visitors/visitors-screen.tsx';
import { visitorsStrings } from '../visitors/visitors-strings.ts';
import { Workspace } from '../workspace/workspace.tsx';

/** What a screen may use: the signed-in user, the live workspace and a way to go to another screen. */
export interface ScreenContext {
  user: User;
  workspace: WorkspaceState;
  actions: WorkspaceActions;
  navigate(route: Route): void;
  /** What the user must do first (a temporary password, a required second factor); the account screen does it. */
  demands: AccountDemands;
  refreshDemands(): void;
}

/** One console screen: its URL segment, its name in the navigation (and its heading), who may open it. */
export interface Screen {
  route: Route;
  label: Record<Locale, string>;
  roles: readonly Role[];
  render(context: ScreenContext): ReactNode;
}

const everyone = ['agent', 'supervisor', 'admin'] as const;
const supervisors = ['supervisor', 'admin'] as const;
const admins = ['admin'] as const;

/**
 * The route table: every screen of the console, in navigation order. Adding a screen is one line here
 * (the first screen a user may open is their home, and the fallback for an unknown or forbidden URL).
 */
export const screens: readonly Screen[] = [
  {
    route: '',
    label: { en: 'Workspace', fr: 'Espace de travail' },
    roles: everyone,
    render: (c) => <Workspace state={c.workspace} actions={c.actions} />,
  },
  {
    route: 'visitors',
    label: { en: visitorsStrings.en.title, fr: visitorsStrings.fr.title },
    roles: everyone,
    render: (c) => <VisitorsScreen workspace={c.workspace} live={c.actions.live} userId={c.user.id} />,
  },
  {
    route: 'analytics',
    label: { en: 'Analytics', fr: 'Statistiques' },
    roles: supervisors,
    render: (c) => (
      <AnalyticsScreen
        onWatch={(id) => {
          c.actions.watch(id);
          c.navigate('');
        }}
      />
    ),
  },
  { route: 'rules', label: { en: 'Rules', fr: 'Règles' }, roles: admins, render: () => <RulesScreen /> },
  {
    route: 'widgets',
    label: { en: 'Widgets', fr: 'Widgets' },
    roles: admins,
    render: () => <WidgetsScreen />,
  },
  {
    route: 'queues',
    label: { en: 'Queues and team', fr: 'Files et équipe' },
    roles: admins,
    render: () => <QueuesScreen />,
  },
  {
    route: 'team',
    label: { en: teamStrings.en.title, fr: teamStrings.fr.title },
    roles: admins,
    render: (c) => <TeamScreen currentUserId={c.user.id} />,
  },
  {
    route: 'settings',
    label: { en: 'Settings', fr: 'Paramètres' },
    roles: admins,
    render: () => <SettingsScreen />,
  },
  {
    route: 'api-tokens',
    label: { en: apiTokensMessages.en.title, fr: apiTokensMessages.fr.title },
    roles: admins,
    render: () => <ApiTokensScreen />,
  },
  {
    route: 'webhooks',
    label: { en: webhooksMessages.en.title, fr: webhooksMessages.fr.title },
    roles: admins,
    render: () => <WebhooksScreen />,
  },
  {
    route: 'privacy',
    label: { en: privacyMessages.en.title, fr: privacyMessages.fr.title },
    roles: admins,
    render: () => <PrivacyScreen />,
  },
  {
    route: 'account',
    label: { en: accountStrings.en.title, fr: accountStrings.fr.title },
    roles: everyone,
    render: (c) => <AccountScreen demands={c.demands} onChanged={c.refreshDemands} />,
  },
];

/** The screens a role may open, in navigation order. */
export function screensFor(role: Role): Screen[] {
  return screens.filter((screen) => screen.roles.includes(role));
}

/**
 * The screen a URL opens for a role: its own when allowed, else the role's home screen. A user with something to
 * do first (a temporary password, a required second factor) gets the account screen whatever the URL.
 */
export function screenAt(route: Route, role: Role, demanded = false): Screen {
  const allowed = screensFor(role);
  if (demanded) return allowed.find((screen) => screen.route === 'account') as Screen;
  return allowed.find((screen) => screen.route === route) ?? (allowed[0] as Screen);
}
