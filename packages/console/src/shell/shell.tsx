import type { User } from '@beckon/protocol';
import { useEffect, useRef } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { useAccountDemands } from '../state/use-account-demands.ts';
import { hrefOf, useRoute } from '../state/use-route.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { screenAt, screensFor } from './screens.tsx';
import { shellMessages } from './shell-messages.ts';
import { UserMenu } from './user-menu.tsx';

/** The signed-in console: header (product, connection, user menu), navigation by role, the current screen. */
export function Shell(props: { user: User; onSignOut(): Promise<void>; onExpired(): void }) {
  const t = messagesOf(shellMessages);
  const [route, navigate] = useRoute();
  const [workspace, actions] = useWorkspace(props.onExpired);
  const { demands, refresh } = useAccountDemands();
  const screen = screenAt(route, props.user.role, demands.passwordChange || demands.twoFactorEnrolment);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstScreen = useRef(true);

  // After a navigation (not the first render), the focus moves to the new screen's heading so a keyboard or
  // screen-reader user lands on what changed instead of staying on a link of the old page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the screen's route is what triggers the move.
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    heading.current?.focus();
  }, [screen.route]);

  const offers = workspace.offers.length;
  return (
    <div className="shell">
      <a className="skip-link" href="#screen">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <span className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="22" height="22" />
          {t.product}
        </span>
        <span className="spacer" />
        <span className={`connection connection-${workspace.status}`} role="status">
          {workspace.status === 'open'
            ? t.connected
            : workspace.status === 'connecting'
              ? t.connecting
              : t.reconnecting}
        </span>
        <UserMenu user={props.user} onSignOut={() => void props.onSignOut()} />
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t.navigation}>
          <ul>
            {screensFor(props.user.role).map((target) => (
              <li key={target.route}>
                <a
                  href={hrefOf(target.route)}
                  data-testid={`nav-${target.route || 'workspace'}`}
                  aria-current={target.route === screen.route ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    navigate(target.route);
                  }}
                >
                  {target.label[consoleLocale]}
                  {target.route === '' && offers > 0 && (
                    <span className="badge">
                      <span aria-hidden="true">{offers}</span>
                      <span className="visually-hidden">{t.pendingOffers(offers)}</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main
          id="screen"
          className={`screen screen-${screen.route || 'workspace'}`}
          aria-labelledby="screen-heading"
        >
          <h1 id="screen-heading" ref={heading} tabIndex={-1} className="screen-heading">
            {screen.label[consoleLocale]}
          </h1>
          {screen.render({
            user: props.user,
            workspace,
            actions,
            navigate,
            demands,
            refreshDemands: refresh,
          })}
        </main>
      </div>
    </div>
  );
}
