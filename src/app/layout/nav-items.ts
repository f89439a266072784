/** The pages the top bar links to, and which paths count as being on each. */
export interface NavItem {
  href: string;
  label: string;
  isActive(path: string): boolean;
  adminOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/projects', label: 'Projects', isActive: (p) => p === '/projects' },
  { href: '/projects/*/tasks', label: 'All tasks', isActive: (p) => p.startsWith('/projects/*/tasks') },
  { href: '/models', label: 'Models', isActive: (p) => p.startsWith('/models') || p.endsWith('/models') },
  { href: '/datasets', label: 'Datasets', isActive: (p) => p.startsWith('/datasets') },
  { href: '/pipelines', label: 'Pipelines', isActive: (p) => p.startsWith('/pipelines') },
  { href: '/compare', label: 'Compare', isActive: (p) => p.startsWith('/compare') },
  { href: '/workers-and-queues', label: 'Workers & Queues', isActive: (p) => p.startsWith('/workers') },
  { href: '/admin/users', label: 'Admin → Users', isActive: (p) => p.startsWith('/admin'), adminOnly: true },
];

export const SETTINGS_ITEM: NavItem = { href: '/settings', label: 'Settings', isActive: (p) => p.startsWith('/settings') };
