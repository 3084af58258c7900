import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { Environment } from '../src/core/config/environment';

/*
 * The README is the front door and docs/ holds the rest (issue 12 §8). Pages
 * move and headings get renamed; these checks keep every link between them
 * working, the module table honest, and the configuration page complete.
 */

const ROOT = resolve(__dirname, '..');
const DOCS = join(ROOT, 'docs');
const PAGES = [
  join(ROOT, 'README.md'),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name)),
];

/** Fenced code blocks and inline code hold examples, not links or headings. */
function prose(markdown: string): string {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()#]/g, ' '));
}

/** `[text](target)` links; images too. Targets with a scheme (https:, mailto:) are left alone. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const headings = markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line));
  for (const line of headings) {
    const text = line
      .replace(/^#+ /, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`/g, '');
    const slug = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count ? `${slug}-${count}` : slug);
  }
  return result;
}

const read = (file: string) => readFileSync(file, 'utf8');
const name = (file: string) => relative(ROOT, file);

/** What is wrong with a link from `page`, or undefined if it resolves. */
function brokenTarget(page: string, link: string): string | undefined {
  const [path, anchor] = link.split('#') as [string, string | undefined];
  const target = path ? resolve(dirname(page), decodeURIComponent(path)) : page;
  if (!existsSync(target)) return `${link}: no such file`;
  if (anchor === undefined) return undefined;
  if (!statSync(target).isFile()) return `${link}: an anchor into a directory`;
  return anchors(read(target)).has(decodeURIComponent(anchor))
    ? undefined
    : `${link}: no such heading`;
}

describe.each(PAGES.map((file) => [name(file), file]))('%s', (_name, page) => {
  it('links only to files and headings that exist', () => {
    const broken = relativeLinks(read(page)).flatMap((link) => brokenTarget(page, link) ?? []);
    expect(broken).toEqual([]);
  });
});

describe('the README', () => {
  const readme = read(join(ROOT, 'README.md'));

  /** The rows of the table under `## Modules`: [module, status, what, page]. */
  const moduleRows = (): string[][] => {
    const section = readme.split(/^## Modules$/m)[1]?.split(/^## /m)[0] ?? '';
    return section
      .split('\n')
      .filter((line) => line.startsWith('| ') && !/^\| (Module|---)/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
  };

  /** A module being built has a page for what it has so far, as a built one has. */
  const STATUSES = ['built', 'in progress', 'planned'];

  it('has a module table of built, in-progress and planned modules', () => {
    const statuses = moduleRows().map(([, status]) => status);
    expect(statuses).toContain('built');
    expect(statuses.every((status) => STATUSES.includes(status))).toBe(true);
  });

  it.each(moduleRows().map((row) => [row[0], row]))(
    'module %s: a built (or in progress) one links to its page in docs/, a planned one to no page',
    (_module, [, status, , page]) => {
      const target = /^\[[^\]]+\]\((docs\/[^)#]+\.md)\)$/.exec(page)?.[1];
      if (status !== 'planned') {
        expect(target).toBeDefined();
        expect(existsSync(join(ROOT, target!))).toBe(true);
      } else {
        expect(page).toBe('');
      }
    },
  );

  it('links every page in docs/', () => {
    const linked = new Set(relativeLinks(readme).map((link) => link.split('#')[0]));
    const pages = readdirSync(DOCS).filter((file) => file.endsWith('.md'));
    expect(pages.filter((file) => !linked.has(`docs/${file}`))).toEqual([]);
  });
});

describe('docs/configuration.md', () => {
  it('documents every environment variable the app reads', () => {
    const documented = read(join(DOCS, 'configuration.md'));
    // Every variable is a validated property of Environment, with or without a default.
    const variables = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(Environment, '', true, false)
        .map((metadata) => metadata.propertyName),
    );
    expect(variables.size).toBeGreaterThan(10);
    expect(
      [...variables].filter((variable) => !documented.includes(`| \`${variable}\` |`)),
    ).toEqual([]);
  });
});
