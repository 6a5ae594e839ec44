import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Move focus here on mount. True after an in-app view change (there is no router). */
  focus?: boolean;
}

/**
 * Page <h1>. After a view change it receives focus so screen-reader and keyboard users start at
 * the top of the new page; on the initial page load focus is left alone (skip link comes first).
 */
export function PageHeading({ children, focus = false }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="rl-page-heading">
      {children}
    </h1>
  );
}
