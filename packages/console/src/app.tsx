import type { User } from '@beckon/protocol';
import { AccountScreen } from './account/account-screen.tsx';
import { accountStrings } from './account/account-strings.ts';
import { AdminScreen } from './admin/admin-screen.tsx';
import { SignIn } from './auth/sign-in.tsx';
import { consoleLocale } from './locale.ts';
import { useAccountDemands } from './state/use-account-demands.ts';
import { hrefOf, type Route, useRoute } from './state/use-route.ts';
import { useSession } from './state/use-session.ts';
import { useWorkspace } from './state/use-workspace.ts';
import { SupervisorScreen } from './supervisor/supervisor-screen.tsx';
import { TeamScreen } from './team/team-screen.tsx';
import { teamStrings } from './team/team-strings.ts';
import { Workspace } from './workspace/workspace.tsx';

export function App() {
  const { session, signIn, signInWithCode, signOut, expired } = useSession();
  if (session.status === 'loading') return <p className="loading">Loading…</p>;
  if (session.status === 'signed-out')
    return <SignIn onSignIn={signIn} onCode={signInWithCode} problem={session.problem} />;
  return <SignedIn key={session.user.id} user={session.user} onSignOut={signOut} onExpired={expired} />;
}

function SignedIn(props: { user: User; onSignOut(): Promise<void>; onExpired(): void }) {
  const [route, navigate] = useRoute();
  const [workspace, actions] = useWorkspace(props.onExpired);
  const isAdmin = props.user.role === 'admin';
  const canSupervise = isAdmin || props.user.role === 'supervisor';
  const { demands, refresh } = useAccountDemands();
  const demanded = demands.passwordChange || demands.twoFactorEnrolment;
  const screen: Route =
    demanded || route === 'account'
      ? 'account'
      : (route === 'admin' || route === 'team') && isAdmin
        ? route
        : route === 'supervisor' && canSupervise
          ? 'supervisor'
          : 'workspace';

  function link(target: Route, label: string, testId: string) {
    return (
      <a
        href={hrefOf(target)}
        data-testid={testId}
        aria-current={screen === target ? 'page' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          navigate(target);
        }}
      >
        {label}
      </a>
    );
  }

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Beckon</span>
        <nav aria-label="Main">
          {link(
            'workspace',
            workspace.offers.length > 0 ? `Workspace (${workspace.offers.length})` : 'Workspace',
            'nav-workspace',
          )}
          {canSupervise && link('supervisor', 'Supervisor', 'nav-supervisor')}
          {isAdmin && link('admin', 'Admin', 'nav-admin')}
          {isAdmin && link('team', teamStrings[consoleLocale].title, 'nav-team')}
          {link('account', accountStrings[consoleLocale].title, 'nav-account')}
        </nav>
        <span className="spacer" />
        <span className={`connection connection-${workspace.status}`} role="status">
          {workspace.status === 'open'
            ? 'Connected'
            : workspace.status === 'connecting'
              ? 'Connecting…'
              : 'Reconnecting…'}
        </span>
        <span className="user">
          {props.user.name} <small>({props.user.role})</small>
        </span>
        <button type="button" data-testid="logout" onClick={() => void props.onSignOut()}>
          Sign out
        </button>
      </header>
      {screen === 'account' ? (
        <AccountScreen demands={demands} onChanged={refresh} />
      ) : screen === 'team' ? (
        <TeamScreen currentUserId={props.user.id} />
      ) : screen === 'admin' ? (
        <AdminScreen />
      ) : screen === 'supervisor' ? (
        <SupervisorScreen
          onWatch={(conversationId) => {
            actions.watch(conversationId);
            navigate('workspace');
          }}
        />
      ) : (
        <Workspace state={workspace} actions={actions} />
      )}
    </div>
  );
}
