import Link from 'next/link';
import { Card } from '@/components/ui/Card';
import { features } from '@/lib/features';
import styles from './dashboard.module.css';

export function QuickLinks() {
  return (
    <Card title="Where to next?" id="quick-links" className={styles.wideCard}>
      <ul className={styles.quickLinks}>
        {features.map((f) => (
          <li key={f.href}>
            <Link href={f.href} className={styles.quickLink}>
              <span className={styles.quickLabel}>{f.label}</span>
              <span className={styles.muted}>{f.blurb}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
