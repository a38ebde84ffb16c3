import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'funnelstream.apiKey';

interface Auth {
  apiKey: string | null;
  signIn(key: string): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** The key this tab signed in with, if any. */
export function storedApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Keeps the API key in session storage: it lasts as long as the tab, never longer. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState<string | null>(storedApiKey);
  const signIn = useCallback((key: string) => {
    sessionStorage.setItem(STORAGE_KEY, key);
    setApiKey(key);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setApiKey(null);
  }, []);
  const value = useMemo(() => ({ apiKey, signIn, signOut }), [apiKey, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
