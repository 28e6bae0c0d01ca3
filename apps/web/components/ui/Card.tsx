import type { ReactNode } from 'react';
import styles from './Card.module.css';

/** A titled section of a page; the heading names the region for assistive technology. */
export function Card({
  title,
  id,
  action,
  className,
  children,
}: {
  title: string;
  id: string;
  action?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`${styles.card} ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <div className={styles.head}>
        <h2 id={`${id}-title`} className={styles.title}>
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}
