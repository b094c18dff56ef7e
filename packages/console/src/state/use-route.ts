import { useCallback, useEffect, useState } from 'react';

/** The console's two screens, as client routes under Vite's base (`/console/`). */
export type Route = 'workspace' | 'admin';

const base = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  return rest === 'admin' || rest.startsWith('admin/') ? 'admin' : 'workspace';
}

export function hrefOf(route: Route): string {
  return route === 'admin' ? `${base}admin` : base;
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
