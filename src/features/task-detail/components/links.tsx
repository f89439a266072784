import { AppLink as SharedAppLink } from '../../../components/AppLink';
import { createContext, useContext, type ReactNode } from 'react';

/** How the detail view links to other pages; the app supplies its router's URLs and navigation. */
export interface DetailLinks {
  project: (projectId: string) => string;
  task: (projectId: string | null, taskId: string) => string;
  /** A model's page. */
  model?: (modelId: string) => string;
  navigate: (href: string) => void;
}

const Ctx = createContext<DetailLinks>({
  project: (id) => `/projects/${id}/tasks`,
  task: (p, id) => `/projects/${p ?? '*'}/tasks/${id}/execution`,
  model: (id) => `/models/${id}/general`,
  navigate: (href) => window.location.assign(href),
});

export const DetailLinksProvider = Ctx.Provider;
export const useDetailLinks = () => useContext(Ctx);

export function AppLink({ href, children }: { href: string; children: ReactNode }) {
  const { navigate } = useDetailLinks();
  return (
    <SharedAppLink href={href} navigate={navigate}>
      {children}
    </SharedAppLink>
  );
}
