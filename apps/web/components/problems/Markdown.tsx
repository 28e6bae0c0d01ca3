import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import styles from './statement.module.css';

// Statements sit under the page's own headings: their headings start at level 3.
const components: Components = { h1: 'h3', h2: 'h3', h3: 'h4', h4: 'h5' };

/**
 * Problem text: GitHub-flavoured Markdown with $inline$ and $$display$$ math (KaTeX renders
 * MathML alongside, for screen readers). Raw HTML is not rendered. Works in server components.
 */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={`${styles.markdown} ${className ?? ''}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkMath]}
        rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: 'ignore' }]]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
