/**
 * The one-time token a mailed link carries in its fragment (`#token=…`: browsers never send a
 * fragment to a server or its logs), taken out of the address bar and the history as it is read.
 * Empty when the link came without one.
 */
export function takeFragmentToken(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  history.replaceState(history.state, '', window.location.pathname);
  return token;
}
