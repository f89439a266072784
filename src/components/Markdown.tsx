import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import ReactMarkdown, { type Components } from 'react-markdown';
import { markdownHref } from '../shared/urls';

/**
 * The elements a stored text may become. Raw HTML in it stays text (react-markdown's default), a link to anything but
 * http(s) and mailto, to another port of this host or to our own origin outside /files/ loses its target, and an
 * image becomes a link to it: the dashboard loads nothing from elsewhere because somebody wrote its address.
 */
const components: Components = {
  // A link whose target was refused (href ''): its words alone, not a link back to this page.
  // Past react-markdown's check, `markdownHref` keeps out the API and the other ports of this host.
  a: ({ href, children }) => {
    const target = markdownHref(href);
    return target ? (
      <Link href={target} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </Link>
    ) : (
      <>{children}</>
    );
  },
  img: ({ src, alt }) => {
    const target = typeof src === 'string' ? markdownHref(src) : undefined;
    return target ? (
      <Link href={target} target="_blank" rel="noopener noreferrer nofollow">
        {alt || target}
      </Link>
    ) : (
      <>{alt}</>
    );
  },
};

/** Markdown written by a user (a project's description), drawn as elements and never as HTML. */
export function Markdown({ text, label }: { text: string; label: string }) {
  return (
    <Box
      aria-label={label}
      sx={{
        overflowWrap: 'anywhere',
        '& :first-of-type': { mt: 0 },
        '& pre': { p: 1.5, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto' },
        '& code': { fontFamily: 'monospace', fontSize: '0.9em' },
        '& blockquote': { m: 0, pl: 2, borderLeft: 3, borderColor: 'divider', color: 'text.secondary' },
      }}
    >
      <ReactMarkdown components={components}>{text}</ReactMarkdown>
    </Box>
  );
}
