import type { ReactNode } from 'react';
import styles from './auth.module.css';

export function AuthCard({
  title,
  intro,
  footer,
  children,
}: {
  title: string;
  intro: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={styles.wrap}>
      <section className={styles.card} aria-labelledby="auth-title">
        <h1 id="auth-title" className={styles.title}>
          {title}
        </h1>
        <p className={styles.intro}>{intro}</p>
        {children}
        <p className={styles.footer}>{footer}</p>
      </section>
    </div>
  );
}
