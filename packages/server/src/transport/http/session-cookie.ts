export const sessionCookie = 'beckon_session';
