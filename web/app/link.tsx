import type { AnchorHTMLAttributes } from 'react';
import { Link as RouterLink } from 'wouter';

/**
 * The links of the application: those of the declarant space (`/espace/…`) change page in the
 * browser; the others (home, self-check, referential, API) load their page.
 */
export function AppLink({ href = '', children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (href.startsWith('/espace/'))
    return (
      <RouterLink href={href} {...rest}>
        {children}
      </RouterLink>
    );
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}
