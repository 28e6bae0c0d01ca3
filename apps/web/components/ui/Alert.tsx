import type { ReactNode } from 'react';
import styles from './Alert.module.css';

/** Errors interrupt screen readers (role=alert); successes wait politely (role=status). */
export function Alert({
  tone = 'error',
  title,
  children,
}: {
  tone?: 'error' | 'success';
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className={styles.title}>{title}</p>}
      <div>{children}</div>
    </div>
  );
}
