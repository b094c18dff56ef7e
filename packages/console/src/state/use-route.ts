import { useCallback, useEffect, useState } from 'react';

/**
 * The console's client routes under Vite's base (`/console/`): a route is the path's first segment
 * ("" is the workspace, "rules", "analytics", ...). Which routes exist is the shell's route table.
 */
export type Route = string;

const base = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  return rest.split('/')[0] ?? '';
}

export function hrefOf(route: Route): string {
  return `${base}${route}`;
}

/** The current route and a way to go to another one (a history entry, so the back button returns). */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    if (routeOf(window.location.pathname) !== next) window.history.pushState(null, '', hrefOf(next));
    setRoute(next);
  }, []);
  return [route, navigate];
}
