// A message that survives one full page load, for flows that end by reloading the app
// (signing out, deleting the account) so no state of the old session lingers.
const KEY = 'roguelearn:flash';

export function setFlash(message: string): void {
  try {
    sessionStorage.setItem(KEY, message);
  } catch {
    // Storage can be disabled; losing a courtesy message is fine.
  }
}

export function takeFlash(): string | null {
  try {
    const message = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return message;
  } catch {
    return null;
  }
}
