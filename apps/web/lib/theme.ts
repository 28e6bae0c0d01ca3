// The theme is applied before first paint by an inline script in the root layout (reading the
// stored choice) and kept in sync by ThemeSync once the user's preferences load.
export const THEME_STORAGE_KEY = 'roguelearn:theme';

export function applyTheme(theme: string): void {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Without storage the theme still applies; it just flashes on the next load.
  }
}

export const themeBootScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
