import { useCallback, useEffect, useState } from 'react';

/** The console's screens, as client routes under Vite's base (`/console/`). */
export type Route = 'workspace' | 'admin' | 'supervisor' | 'team' | 'account';

const base = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  if (rest === 'admin' || rest.startsWith('admin/')) return 'admin';
  if (rest === 'supervisor' || rest.startsWith('supervisor/')) return 'supervisor';
  if (rest === 'team' || rest.startsWith('team/')) return 'team';
  if (rest === 'account' || rest.startsWith('account/')) return 'account';
  return 'workspace';
}

export function hrefOf(route: Route): string {
  return route === 'workspace' ? base : `${base}${route}`;
}

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
