import type { ReactNode } from 'react';
import styles from './Panel.module.css';

/** A centred message that is the whole page: not found, no access, coming soon, errors. */
export function Panel({
  title,
  badge,
  icon,
  actions,
  children,
}: {
  title: string;
  badge?: string;
  icon?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={styles.panel} aria-labelledby="panel-title">
      {icon && (
        <p className={styles.icon} aria-hidden="true">
          {icon}
        </p>
      )}
      {badge && <p className={styles.badge}>{badge}</p>}
      <h1 id="panel-title">{title}</h1>
      <div className={styles.body}>{children}</div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </section>
  );
}
