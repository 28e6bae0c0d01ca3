'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { takeFlash } from '@/lib/flash';
import styles from './Toast.module.css';

type Tone = 'success' | 'info';
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

export const useToast = () => useContext(ToastContext);

const VISIBLE_MS = 5000;
let nextId = 1;

/** Short confirmations in a live region, so screen readers hear them without losing focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = useCallback(
    (message: string, tone: Tone = 'success') => {
      const id = nextId++;
      setToasts((all) => [...all, { id, message, tone }]);
      setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );

  useEffect(() => {
    const flash = takeFlash();
    if (flash) toast(flash, 'info');
  }, [toast]);

  return (
    <ToastContext.Provider value={toast}>
      {children}
      <div className={styles.region} role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`${styles.toast} ${styles[t.tone]}`}>
            <span>{t.message}</span>
            <button
              type="button"
              className={styles.close}
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss notification"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
