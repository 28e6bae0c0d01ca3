'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSession } from '@/lib/session';
import styles from './admin.module.css';

interface Section {
  href: string;
  label: string;
  adminOnly?: boolean;
}

/** Every dashboard section, so each page only adds itself here and the shell stays one list. */
const sections: Section[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/problems', label: 'Problems' },
  { href: '/admin/classes', label: 'Classes' },
  { href: '/admin/analytics', label: 'Analytics' },
  { href: '/admin/integrity', label: 'Integrity' },
  { href: '/admin/syllabi', label: 'Syllabi & trees' },
  { href: '/admin/events', label: 'Events' },
  { href: '/admin/users', label: 'Users', adminOnly: true },
  { href: '/admin/audit', label: 'Audit log', adminOnly: true },
  { href: '/admin/flags', label: 'Feature flags', adminOnly: true },
];

const isCurrent = (pathname: string, href: string) =>
  href === '/admin' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);

/** The dashboard's section list; students never see it (the pages show them NoAccess). */
export function AdminNav() {
  const pathname = usePathname();
  const { user, isStaff } = useSession();
  if (!isStaff) return null;
  const visible = sections.filter((s) => !s.adminOnly || user?.role === 'ADMIN');
  return (
    <nav aria-label="Dashboard sections" className={styles.sectionNav}>
      <ul>
        {visible.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={isCurrent(pathname, s.href) ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
