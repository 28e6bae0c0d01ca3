import Link from 'next/link';
import styles from './SiteFooter.module.css';

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <p>RogueLearn — learn to code by playing.</p>
        <nav aria-label="Footer">
          <ul className={styles.links}>
            <li>
              <Link href="/">Home</Link>
            </li>
            <li>
              <a href="/health">Status</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
